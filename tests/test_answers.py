"""The curated answer set: sourced, reviewed, phone-sized, in our own words."""

import datetime
import re
import string
from pathlib import Path

import pytest

from actions.topics import TOPICS
from ldn.conditions import covered_conditions, guide_condition_list
from ldn.domain import load_domain_dict, responses
from ldn.settings import response_variables

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parent.parent
GUIDE = (ROOT.parent / "shared" / "source" / "ldn-patient-guide.txt").read_text(encoding="utf-8")
RESPONSES = responses()
ANSWERS = {
    name: variants
    for name, variants in RESPONSES.items()
    if name.startswith("utter_faq/")
    or (name.startswith("utter_condition_") and name[len("utter_condition_") :] in {c.id for c in covered_conditions()})
}
MAX_BUBBLE = 480
# Placeholders the actions fill besides the clinic slots.
GUIDE_HEADINGS = {line.strip() for line in GUIDE.splitlines() if line.strip()}


def test_every_topic_and_covered_condition_has_an_answer():
    assert {t.response for t in TOPICS.values()} | {c.response for c in covered_conditions()} == set(ANSWERS)
    assert TOPICS, "no topic found under data/faq/"


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_answer_records_its_source_and_review(name):
    for variant in ANSWERS[name]:
        meta = variant.get("metadata") or {}
        source = meta.get("source") or {}
        assert source.get("section"), f"{name}: no guide section"
        for key in ("section", "subsection", "also"):
            if key in source:
                assert source[key] in GUIDE_HEADINGS, f"{name}: {source[key]!r} is not a heading of the guide"
        assert str(meta.get("reviewed_by", "")).strip(), f"{name}: no reviewer"
        datetime.date.fromisoformat(str(meta.get("reviewed_on")))


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_every_bubble_fits_a_phone_screen(name):
    long_name = "rheumatoid arthritis or Hashimoto's thyroiditis"
    values = {
        **response_variables(),
        "covered_conditions": guide_condition_list(),
        **{f"mentioned_{v}": long_name for v in ("condition", "medicine", "symptom")},
        # filled by actions and channels: the longest values they give
        "opens_at": "on Wednesday, 24 December at 9:30am",
        "closes_at": "5:30pm",
        "deleted_messages": "1000",
        "deleted_replies": "1000",
    }
    for variant in RESPONSES[name]:
        for bubble in variant["text"].format(**values).split("\n\n"):
            assert len(bubble) <= MAX_BUBBLE, f"{name}: a bubble of {len(bubble)} characters"


SLOTS = set(load_domain_dict()["slots"])


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_placeholders_are_known(name):
    known = SLOTS  # every placeholder is a slot
    for variant in RESPONSES[name]:
        used = {field for _, field, _, _ in string.Formatter().parse(variant["text"]) if field}
        assert used <= known, f"{name}: unknown placeholders {used - known}"


def _words(text: str):
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_answers_are_in_our_own_words(name):
    """No run of 8 words copied from the guide."""
    guide_words = _words(GUIDE)
    guide_runs = {tuple(guide_words[i : i + 8]) for i in range(len(guide_words) - 7)}
    for variant in ANSWERS[name]:
        words = _words(variant["text"])
        copied = [" ".join(words[i : i + 8]) for i in range(len(words) - 7) if tuple(words[i : i + 8]) in guide_runs]
        assert not copied, f"{name} copies the guide: {copied[0]!r}"


def test_no_clinic_detail_is_hard_coded():
    values = response_variables()
    for name, variants in RESPONSES.items():
        for variant in variants:
            for value in (values["clinic_phone"], values["clinic_website"], "911", "988", "1-800-222-1222", "426-4435"):
                assert value not in variant["text"], f"{name} hard-codes {value}"
