"""The declined messages as CSV for the clinic's review meeting (masked, formula-safe)."""

import csv
import io

from web.staff.similar import Group

# A cell starting with one of these is a formula to Excel/LibreOffice ("=HYPERLINK(...)").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """Prefix a would-be formula with an apostrophe so spreadsheets show it as text."""
    return "'" + value if value.startswith(FORMULA_START) else value


def declined_csv(groups: list[Group]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["group", "times_asked_in_group", "message_masked", "times_asked"])
    for number, group in enumerate(groups, start=1):
        for text, count in group.messages.items():
            writer.writerow([number, group.count, safe_cell(text), count])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel reads it as UTF-8
