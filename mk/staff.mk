# Clinic staff tools (issue 13). Included by the Makefile.
#   make review-sheet                      build/review-sheet.html (+ .pdf when chromium is installed)
#   make sign-off REVIEWER="Name, role"    sign every answer changed since its last sign-off (ALL=1: every answer)
.PHONY: review-sheet sign-off

review-sheet: | $(VENV)/.installed
	source scripts/env.sh && $(PY) -m ldn.review sheet --pdf

sign-off: | $(VENV)/.installed
	@[ -n "$(REVIEWER)" ] || { echo 'usage: make sign-off REVIEWER="Name, role"' >&2; exit 2; }
	source scripts/env.sh && $(PY) -m ldn.review sign-off --reviewer "$(REVIEWER)" $(if $(ALL),--all)
