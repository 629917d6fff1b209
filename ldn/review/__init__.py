"""Clinician review of the answers: the sign-off sheet and the sign-off ledger (issue 13).

make review-sheet                        build/review-sheet.html (+ .pdf with chromium)
make sign-off REVIEWER="Name, role"      sign every answer changed since its last sign-off
"""
