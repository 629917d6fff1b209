import pytest

from ldn.emergency import emergency_kinds

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("text, kind", [
    ("I overdosed on my ldn", "poisoning"),
    ("took 12 capsules by accident", "poisoning"),
    ("my son ate some of my pills", "poisoning"),
    ("I can't breathe", "allergy"),
    ("my lips are swelling up", "allergy"),
    ("covered in hives", "allergy"),
    ("chest pain since this morning", "heart"),
    ("my heart is racing", "heart"),
    ("I passed out after my dose", "heart"),
    ("I keep thinking about killing myself", "crisis"),
    ("I don't want to live anymore", "crisis"),
])
def test_emergencies_are_recognised(text, kind):
    assert kind in emergency_kinds(text)


@pytest.mark.parametrize("text", [
    "can ldn reduce swelling in my joints",
    "what are the side effects",
    "how many mg should the capsules be",
    "does it help with pain",
    "I take two capsules of vitamin d",
])
def test_ordinary_questions_are_not_emergencies(text):
    assert emergency_kinds(text) == []


def test_crisis_guidance_comes_first_when_several_match():
    assert emergency_kinds("I took the whole bottle because I want to die")[0] == "crisis"
