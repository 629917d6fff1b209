"""Clinical wording: what the answers may say, read against the guide (issue 9)."""

import re
from pathlib import Path

import pytest

from actions.session import guide_condition_list
from ldn.domain import PROJECT_ROOT, responses
from ldn.settings import response_variables
from tests.readability import grade, syllables

pytestmark = pytest.mark.unit

RESPONSES = responses()
MAX_GRADE = 8.0
# Values for placeholders the actions and slots fill in, so the score reads what patients read.
FILLED = {**response_variables(), "mentioned_condition": "lupus", "mentioned_medicine": "ibuprofen",
          "mentioned_condition": "lupus", "mentioned_medicine": "ibuprofen", "mentioned_symptom": "acne",
          "covered_conditions": guide_condition_list()}


def text(name: str) -> str:
    return " ".join(v["text"] for v in RESPONSES[name])


def rendered(variant_text: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(FILLED.get(m.group(1), m.group(1))), variant_text)


@pytest.mark.parametrize("word, count", [
    ("take", 1), ("dose", 1), ("doses", 2), ("makes", 1), ("helped", 1), ("wanted", 2), ("medicine", 3),
    ("naltrexone", 3), ("inflammation", 4), ("immune", 2), ("nausea", 3), ("constipation", 4),
    ("people", 2), ("table", 2), ("idea", 3), ("science", 2), ("serious", 3), ("cautious", 2),
    ("fibromyalgia", 6), ("insomnia", 4), ("being", 2), ("LDN", 1),
])
def test_syllable_counter(word, count):
    assert syllables(word) == count


def test_grade_formula():
    assert grade("The cat sat on the mat.") < 0  # 6 one-syllable words
    assert grade("Pharmacological immunomodulation necessitates individualized consideration.") > 16


@pytest.mark.parametrize("name", sorted(n for n in RESPONSES if n != "utter_english_only"))
def test_every_response_reads_at_grade_8_or_below(name):
    for variant in RESPONSES[name]:
        assert grade(rendered(variant["text"])) <= MAX_GRADE, f"{name}: grade {grade(rendered(variant['text'])):.1f}"


# Words a patient can't be expected to know; the guide's own terms that we leave out.
JARGON = ["cytokine", "free radical", "nitric oxide", "reactive oxygen", "neurodegenerative", "neuroprotect",
          "pro-inflammatory", "modulat", "synthesi", "antagonist", "progression", "cognitive", "debilitating",
          "orally", "administered", "efficacy", "contraindicat"]


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_no_unexplained_jargon(name):
    lowered = text(name).lower()
    assert not [j for j in JARGON if j in lowered]
    # Terms we keep are explained in the same answer.
    for term, explanation in (("microglia", "cells"), ("endorphins", "painkillers"), ("receptors", "docking spots")):
        if term in lowered:
            assert explanation in lowered, f"{name}: {term} without {explanation!r}"


def test_the_immune_system_is_regulated_not_calmed():
    """Guide: LDN may 'modulate' the immune system / 'regulate' the immune response."""
    for name in RESPONSES:
        assert not re.search(r"\bcalm", text(name), re.I), f"{name} says LDN calms something"
    for name in ("utter_faq/immune", "utter_faq/how_it_works", "utter_condition_hashimotos"):
        assert "regulate" in text(name)


def test_receptor_blocking_keeps_appears_to():
    """Guide: LDN 'appears to partially block specific brain receptors'."""
    for name in RESPONSES:
        for sentence in re.split(r"(?<=[.!?])\s+", text(name)):
            if re.search(r"\bblock", sentence) and "receptor" in sentence:
                assert "appears to" in sentence, f"{name}: {sentence!r}"


def test_every_listed_condition_is_a_may():
    conditions = text("utter_faq/conditions")
    assert "most of these" not in conditions and "For all of these" in conditions and '"may"' in conditions


def test_no_usual_dose_is_claimed():
    """Guide: low doses are 1-5 mg; it says nothing about what is usual."""
    for name in RESPONSES:
        assert not re.search(r"usual\w*[^.]*\bmg\b|\bmg\b[^.]*usual", text(name)), name


def test_long_covid_promise_is_an_early_report():
    """Guide: the promise for long COVID is 'as documented by National Geographic'."""
    for name in ("utter_faq/long_covid", "utter_condition_long_covid"):
        assert "early news report" in text(name)
        assert "isn't proven" in text(name)


def test_demo_page_says_side_effects_are_rare():
    page = (PROJECT_ROOT / "web" / "static" / "index.html").read_text(encoding="utf-8")
    assert "common side effects" not in page and "rare" in page
    assert "usual dose" not in page


def test_the_list_of_guide_conditions_comes_from_the_registry():
    from ldn.conditions import covered_conditions

    unknown = text("utter_condition_unknown")
    assert "{covered_conditions}" in unknown
    assert not [c.name for c in covered_conditions() if c.name.lower() in unknown.lower()]
    listed = guide_condition_list()
    assert all(c.name in listed for c in covered_conditions() if c.listed) and "addiction" not in listed
