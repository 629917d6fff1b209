"""python -m ldn.review sheet [--pdf] | sign-off --reviewer "Name, role" [--all]"""

import argparse
import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

from ldn import settings
from ldn.review import ledger
from ldn.review.answers import load_answers
from ldn.review.sheet import render

OUT = settings.PROJECT_ROOT / "build" / "review-sheet.html"
CHROMIUM = "/usr/bin/chromium"


def write_sheet(out: Path, pdf: bool) -> None:
    answers = load_answers()
    html = render(answers, ledger.load(), settings.response_variables()["clinic_name"], dt.date.today())
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    print(f"wrote {out} ({len(answers)} messages)")
    if not pdf:
        return
    if not shutil.which(CHROMIUM):
        print(f"no {CHROMIUM}: PDF skipped (print the HTML from a browser, or `make chromium`)")
        return
    target = out.with_suffix(".pdf")
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={target}",
            out.resolve().as_uri(),
        ],
        check=True,
        timeout=120,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    print(f"wrote {target}")


def sign_off(reviewer: str, everything: bool) -> int:
    answers, entries = load_answers(), ledger.load()
    try:
        names = ledger.sign(answers, entries, reviewer, dt.date.today(), everything)
    except ValueError as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return 2
    ledger.save(entries)
    print(f"signed {len(names)} of {len(answers)} messages as {reviewer!r}" + "".join(f"\n  {n}" for n in names))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m ldn.review", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    sheet = commands.add_parser("sheet", help="write the printable sign-off sheet")
    sheet.add_argument("--out", type=Path, default=OUT)
    sheet.add_argument("--pdf", action="store_true", help="also print it to PDF with chromium")
    sign = commands.add_parser("sign-off", help="sign every answer changed since its last sign-off")
    sign.add_argument("--reviewer", required=True, help='"Name, role"')
    sign.add_argument("--all", action="store_true", help="sign every answer, changed or not")
    args = parser.parse_args()
    if args.command == "sheet":
        write_sheet(args.out, args.pdf)
        return 0
    return sign_off(args.reviewer, args.all)


if __name__ == "__main__":
    sys.exit(main())
