"""Clinical wording: what the answers may say, read against the guide (issue 9)."""

import re

import pytest

from ldn.conditions import guide_condition_list
from ldn.declined import DECLINED
from ldn.domain import PROJECT_ROOT, responses
from ldn.settings import response_variables
from tests.readability import grade, syllables

pytestmark = pytest.mark.unit

RESPONSES = responses()
MAX_GRADE = 8.0
# Values for placeholders the actions and slots fill in, so the score reads what patients read.
FILLED = {
    **response_variables(),
    "mentioned_condition": "lupus",
    "mentioned_medicine": "ibuprofen",
    "mentioned_symptom": "acne",
    "covered_conditions": guide_condition_list(),
}


def text(name: str) -> str:
    return " ".join(v["text"] for v in RESPONSES[name])


def rendered(variant_text: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(FILLED.get(m.group(1), m.group(1))), variant_text)


@pytest.mark.parametrize(
    "word, count",
    [
        ("take", 1),
        ("dose", 1),
        ("doses", 2),
        ("makes", 1),
        ("helped", 1),
        ("wanted", 2),
        ("medicine", 3),
        ("naltrexone", 3),
        ("inflammation", 4),
        ("immune", 2),
        ("nausea", 3),
        ("constipation", 4),
        ("people", 2),
        ("table", 2),
        ("idea", 3),
        ("science", 2),
        ("serious", 3),
        ("cautious", 2),
        ("fibromyalgia", 6),
        ("insomnia", 4),
        ("being", 2),
        ("LDN", 1),
    ],
)
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
JARGON = [
    "cytokine",
    "free radical",
    "nitric oxide",
    "reactive oxygen",
    "neurodegenerative",
    "neuroprotect",
    "pro-inflammatory",
    "modulat",
    "synthesi",
    "antagonist",
    "progression",
    "cognitive",
    "debilitating",
    "orally",
    "administered",
    "efficacy",
    "contraindicat",
]


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


# ---------------------------------------------------------------- safety wording
URGENT_LINE = "If you feel very unwell or this is urgent, call {emergency_number}."
# Replies that send the patient to a provider or the clinic instead of answering.
ASK_YOUR_PROVIDER = set(DECLINED) | {
    "utter_side_effect_not_listed",
    "utter_faq/side_effects",
}
ASK_YOUR_PROVIDER_KINDS = ("utter_caution_", "utter_condition_category_")


def test_every_ask_your_provider_reply_has_the_urgent_line():
    names = ASK_YOUR_PROVIDER | {n for n in RESPONSES if n.startswith(ASK_YOUR_PROVIDER_KINDS)}
    # Any reply that gives the clinic's hours sends the patient to a clinic that may be closed.
    names |= {n for n in RESPONSES if "{clinic_hours}" in text(n) and not n.startswith(("utter_sms_", "utter_iamabot"))}
    assert len(names) >= 17
    for name in sorted(names):
        for variant in RESPONSES[name]:
            assert URGENT_LINE in variant["text"], name


def test_heart_and_collapse_reply_names_what_it_fires_for_and_says_call_now():
    heart = text("utter_emergency_heart").lower()
    for sign in ("chest pain", "fainting", "seizure", "stroke", "unresponsive"):
        assert sign in heart
    assert "call {emergency_number} now." in heart and "can be" not in heart


def test_crisis_reply_works_for_someone_else_and_takes_its_wording_from_settings():
    crisis = text("utter_emergency_crisis")
    assert "someone you know" in crisis and "{crisis_line_how}" in crisis and "{crisis_line}" in crisis
    for name in RESPONSES:
        assert "call or text" not in text(name), f"{name}: the crisis line's wording comes from settings"


def test_pets_get_the_vet_or_an_animal_poison_line():
    pet = text("utter_emergency_pet")
    assert "vet" in pet and "{animal_poison}" in pet and "{poison_control}" not in pet
    assert "426-4435" in response_variables()["animal_poison"]


def test_greeting_has_an_emergency_line():
    assert "In an emergency, call {emergency_number}." in text("utter_greet")


def test_side_effect_question_reply_reads_with_or_without_the_symptom():
    variants = RESPONSES["utter_side_effect_not_listed"]
    without = [v for v in variants if v.get("condition")]
    assert without == [v for v in variants if "{mentioned_symptom}" not in v["text"]] and len(variants) == 2
    assert without[0]["condition"] == [{"type": "slot", "name": "mentioned_symptom", "value": None}]
    for variant in variants:
        assert "doesn't include" in variant["text"] and "rare" in variant["text"] and "provider" in variant["text"]


@pytest.mark.parametrize(
    "name, words",
    [
        ("utter_caution_pregnancy", ["pregnan", "doctor"]),
        ("utter_caution_breastfeeding", ["breastfeeding", "doctor"]),
        ("utter_caution_child", ["child", "doctor"]),
        ("utter_caution_medicine", ["{mentioned_medicine}", "pharmacist"]),
        ("utter_caution_condition_not_covered", ["{mentioned_condition}", "provider"]),
    ],
)
def test_cautions_name_what_they_are_about(name, words):
    assert all(word in text(name) for word in words)


def test_every_response_records_its_reviewer():
    for name, variants in RESPONSES.items():
        for variant in variants:
            meta = variant.get("metadata") or {}
            assert meta.get("reviewed_by") and meta.get("reviewed_on"), name
            assert (meta.get("source") or {}).keys() & {"section", "kind"}, f"{name}: say where it comes from"
