"""Passages of the patient guide by heading, for the sign-off sheet.

A passage runs from its heading to the next heading. Headings are the numbered
section lines ("3. Are There Any Side Effects?") and every heading an answer's
metadata names (source.section / subsection / also), which test_answers.py checks
are real lines of the guide.
"""

import re
from collections.abc import Iterable
from pathlib import Path

from ldn.settings import PROJECT_ROOT

GUIDE = PROJECT_ROOT.parent / "shared" / "source" / "ldn-patient-guide.txt"
_NUMBERED = re.compile(r"^\d+\.\s+\S")


def passages(named_headings: Iterable[str], guide: Path = GUIDE) -> dict[str, str]:
    lines = [line.rstrip() for line in guide.read_text(encoding="utf-8").splitlines()]
    headings = {h.strip() for h in named_headings}
    is_heading = lambda line: line.strip() in headings or bool(_NUMBERED.match(line.strip()))  # noqa: E731
    found: dict[str, str] = {}
    for index, line in enumerate(lines):
        if not is_heading(line):
            continue
        body = []
        for following in lines[index + 1 :]:
            if is_heading(following):
                break
            body.append(following.strip())
        found[line.strip()] = "\n".join(body).strip()
    return found
