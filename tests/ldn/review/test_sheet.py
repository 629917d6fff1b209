"""The sign-off sheet: every answer beside its guide passage, with a grade and a box to sign."""

import datetime as dt
import re

import pytest

from ldn.review import ledger
from ldn.review.answers import load_answers
from ldn.review.guide import passages
from ldn.review.readability import grade, syllables
from ldn.review.sheet import render

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def sheet():
    answers = load_answers()
    return answers, render(answers, ledger.load(), "Test Clinic", dt.date(2026, 12, 1))


def test_every_answer_is_on_the_sheet_with_a_box(sheet):
    answers, html = sheet
    for name in answers:
        assert f'<article id="{name}">' in html
    assert html.count('class="box"') == len(answers)


def test_guide_answers_sit_beside_their_passage(sheet):
    _, html = sheet
    article = re.search(r'<article id="utter_faq/side_effects">.*?</article>', html, re.S).group(0)
    assert "3. Are There Any Side Effects?" in article
    assert "Due to the extremely low dosage" in article  # the guide's own words, for comparison


def test_passages_run_to_the_next_heading():
    found = passages(["Pain Management", "Immune System Regulation"])
    assert found["Pain Management"].startswith("Low-dose naltrexone holds significant promise")
    assert "Immune System Regulation" not in found["Pain Management"]
    assert "1. What is Low-Dose Naltrexone?" in found


def test_readability_grade():
    assert grade("The cat sat on the mat.") == pytest.approx(0.39 * 6 + 11.8 * 1 - 15.59, abs=0.05)
    plain = "Take it at night. It may help with pain. Ask your doctor first."
    dense = (
        "Pharmacological immunomodulation necessitates comprehensive individualized consideration "
        "of contraindications and interactions."
    )
    assert grade(plain) < 6 < 14 < grade(dense)
    assert [syllables(w) for w in ("take", "medicine", "used", "naltrexone")] == [1, 3, 1, 3]


def test_changed_answer_is_flagged_on_the_sheet(sheet):
    answers, _ = sheet
    entries = {name: dict(entry) for name, entry in ledger.load().items()}
    entries["utter_faq/dose"]["sha256"] = "0" * 64
    html = render(answers, entries, "Test Clinic", dt.date(2026, 12, 1))
    article = re.search(r'<article id="utter_faq/dose">.*?</article>', html, re.S).group(0)
    assert "Changed since its sign-off" in article
