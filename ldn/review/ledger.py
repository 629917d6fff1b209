"""The sign-off ledger: who signed each answer's current text, and when.

ldn/review/sign_off.yml, keyed by response name:

    utter_faq/dose:
      sha256: 3f1c...        # of the text signed (texts and button titles, see answers.Answer.digest)
      reviewer: "Dr A. Lee, pharmacist"
      date: "2026-11-26"

An answer whose text no longer matches its hash is *unsigned* until someone signs it
again; tests/ldn/review/test_sign_off.py fails while any answer is unsigned.
"""

import datetime as dt
from pathlib import Path

import yaml

from ldn import yaml_file
from ldn.review.answers import Answer

LEDGER = Path(__file__).with_name("sign_off.yml")
HEADER = (
    "# Clinician sign-off of every patient-facing response (ldn/review/ledger.py).\n"
    '# Written by `make sign-off REVIEWER="Name, role"`; don\'t edit by hand.\n'
)


def load(path: Path = LEDGER) -> dict[str, dict[str, str]]:
    if not path.exists():
        return {}
    return yaml_file.safe_load(path.read_text(encoding="utf-8")) or {}


def save(entries: dict[str, dict[str, str]], path: Path = LEDGER) -> None:
    text = yaml.safe_dump(dict(sorted(entries.items())), allow_unicode=True, sort_keys=True, width=120)
    path.write_text(HEADER + text, encoding="utf-8")


def signed(answer: Answer, entries: dict[str, dict[str, str]]) -> dict[str, str] | None:
    """The ledger entry if it signs this exact text, else None."""
    entry = entries.get(answer.name)
    return entry if entry and entry.get("sha256") == answer.digest else None


def unsigned(answers: dict[str, Answer], entries: dict[str, dict[str, str]]) -> list[str]:
    return [name for name, answer in answers.items() if not signed(answer, entries)]


def sign(
    answers: dict[str, Answer],
    entries: dict[str, dict[str, str]],
    reviewer: str,
    today: dt.date,
    everything: bool = False,
) -> list[str]:
    """Sign every answer changed since its last sign-off (or all); returns the names signed.

    Entries of responses that no longer exist are dropped.
    """
    reviewer = " ".join(reviewer.split())
    if len(reviewer) < 3 or "," not in reviewer:
        raise ValueError('REVIEWER must be "Name, role", e.g. REVIEWER="Dr A. Lee, pharmacist"')
    names = list(answers) if everything else unsigned(answers, entries)
    for name in names:
        entries[name] = {"sha256": answers[name].digest, "reviewer": reviewer, "date": today.isoformat()}
    for gone in set(entries) - set(answers):
        del entries[gone]
    return names
