"""The printable sign-off sheet: every answer beside its guide passage, grade and a sign-off box."""

import datetime as dt
import re
from html import escape

from ldn.review.answers import Answer
from ldn.review.guide import passages
from ldn.review.ledger import signed
from ldn.review.readability import grade

TARGET_GRADE = 8.0  # README: answers are written for 6th-8th grade
STYLE = """
body { font: 11pt/1.45 system-ui, "Segoe UI", Arial, sans-serif; color: #1b2430; margin: 1.5cm; }
h1 { font-size: 18pt; margin: 0 0 .2cm; } h2 { font-size: 13pt; margin: .8cm 0 .3cm; }
.intro { color: #4a5563; }
article { border: 1px solid #9aa5b1; border-radius: 4px; padding: .35cm .45cm; margin: .4cm 0; break-inside: avoid; }
article h3 { font-size: 11pt; margin: 0 0 .2cm; font-family: ui-monospace, monospace; }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: .45cm; }
.cols h4 { font-size: 9pt; text-transform: uppercase; letter-spacing: .04em; color: #4a5563; margin: 0 0 .1cm; }
.answer p, .guide p { margin: 0 0 .15cm; white-space: pre-line; }
.guide { background: #f3f6f9; padding: .15cm .25cm; font-size: 10pt; }
.var { background: #e6eef5; border-radius: 3px; padding: 0 2px; font-family: ui-monospace, monospace; font-size: 9pt; }
.meta { font-size: 9pt; color: #4a5563; margin: .15cm 0; }
.hard { color: #b00020; font-weight: 600; }
.changed { color: #b00020; font-weight: 600; }
.box { display: grid; grid-template-columns: auto 1fr auto 8em; gap: .2cm .3cm; align-items: end;
       margin-top: .25cm; font-size: 10pt; }
.line { border-bottom: 1px solid #1b2430; height: 1.1em; }
.checks { grid-column: 1 / -1; display: flex; gap: .3cm; align-items: end; } .checks .line { flex: 1; }
@media print { body { margin: 0; } a { color: inherit; } }
"""


def _text(text: str) -> str:
    """Bubbles as paragraphs; {placeholders} marked so the reviewer sees what the clinic fills in."""
    bubbles = [escape(b) for b in text.split("\n\n")]
    marked = [re.sub(r"\{([a-z_]+)\}", r'<span class="var">\1</span>', b) for b in bubbles]
    return "".join(f"<p>{b}</p>" for b in marked)


def _source(answer: Answer, guide: dict[str, str]) -> str:
    if not answer.from_guide:
        return "<p><em>Not from the guide: a clinic safety or service message.</em></p>"
    parts = []
    for key in ("section", "subsection", "also"):
        heading = answer.source.get(key)
        if heading:
            passage = guide.get(heading, "(heading not found)")
            parts.append(f"<p><strong>{escape(heading)}</strong></p><p>{escape(passage)}</p>")
    return "".join(parts)


def _status(answer: Answer, ledger: dict[str, dict[str, str]]) -> str:
    entry = signed(answer, ledger)
    if entry:
        return f"Signed by {escape(entry['reviewer'])} on {escape(entry['date'])}."
    if answer.name in ledger:
        old = ledger[answer.name]
        return (
            f'<span class="changed">Changed since its sign-off by {escape(old.get("reviewer", "?"))} '
            f"on {escape(old.get('date', '?'))}: needs signing.</span>"
        )
    return '<span class="changed">Never signed.</span>'


def _article(answer: Answer, guide: dict[str, str], ledger: dict[str, dict[str, str]]) -> str:
    level = max(grade(t) for t in answer.texts)
    grade_html = f'<span class="{"hard" if level > TARGET_GRADE else ""}">grade {level:.1f}</span>'
    buttons = f" · buttons: {escape(', '.join(answer.buttons))}" if answer.buttons else ""
    variants = "".join(
        f"<h4>Variant {i + 1}</h4>{_text(t)}" if len(answer.texts) > 1 else _text(t) for i, t in enumerate(answer.texts)
    )
    return (
        f'<article id="{escape(answer.name)}"><h3>{escape(answer.name)}</h3>'
        f'<div class="cols"><div class="answer"><h4>What the patient reads</h4>{variants}</div>'
        f'<div class="guide"><h4>From the guide</h4>{_source(answer, guide)}</div></div>'
        f'<p class="meta">Readability: {grade_html} (Flesch-Kincaid; aim ≤ {TARGET_GRADE:.0f}){buttons} · '
        f"{_status(answer, ledger)}</p>"
        '<div class="box"><span>Reviewer</span><span class="line"></span>'
        '<span>Date</span><span class="line"></span>'
        '<span class="checks">☐ Approved &nbsp; ☐ Needs changes: '
        '<span class="line"></span></span></div></article>'
    )


def render(answers: dict[str, Answer], ledger: dict[str, dict[str, str]], clinic: str, today: dt.date) -> str:
    headings: list[str] = [
        a.source[k] for a in answers.values() for k in ("section", "subsection", "also") if a.source.get(k)
    ]
    guide = passages(headings)
    from_guide = [a for a in answers.values() if a.from_guide]
    others = [a for a in answers.values() if not a.from_guide]
    waiting = sum(1 for a in answers.values() if not signed(a, ledger))
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Answer sign-off – {escape(clinic)}</title><style>{STYLE}</style></head><body>"
        f"<h1>LDN Assistant: answer sign-off sheet</h1>"
        f'<p class="intro">{escape(clinic)} · printed {today:%d %B %Y} · {len(answers)} messages, '
        f"{waiting} waiting for sign-off. Check each answer says only what the guide says, in plain words, "
        'and sign. Then record it: <code>make sign-off REVIEWER="Name, role"</code>.</p>'
        f"<h2>Answers from the patient guide ({len(from_guide)})</h2>"
        + "".join(_article(a, guide, ledger) for a in from_guide)
        + f"<h2>Safety and service messages ({len(others)})</h2>"
        + "".join(_article(a, guide, ledger) for a in others)
        + "</body></html>"
    )
