"""The "guide doesn't answer that" patterns: they refuse what they should, and nothing answerable."""

import pytest

from ldn.not_covered import KINDS, not_covered_kind
from tests.training_data import training_examples

pytestmark = pytest.mark.unit

# Intents whose examples the patterns may match: these are refused or overruled anyway.
REFUSED_INTENTS = {"out_of_scope", "emergency", "non_english"}


@pytest.mark.parametrize("text, kind", [
    ("how long till ldn kicks in for fibro", "time_to_work"),
    ("when will i notice a difference with my ms", "time_to_work"),
    ("how many weeks before the pain gets better", "time_to_work"),
    ("should i take it in the morning or at night", "timing"),
    ("i skipped a dose yesterday, what now", "timing"),
    ("can i have a glass of wine on ldn", "alcohol"),
    ("is it safe to give ldn to children", "children"),
    ("my 9 year old has crohns, can she take ldn", "children"),
    ("is ldn ok while breastfeeding", "breastfeeding"),
    ("can my dog take ldn for arthritis", "animals"),
    ("how do i come off ldn", "stopping_or_changing"),
    ("should i increase my dose", "stopping_or_changing"),
    ("bumping up to 4.5mg next week, good idea?", "stopping_or_changing"),
    ("what brand names is it sold under", "brands_and_buying"),
    ("where can i buy ldn", "brands_and_buying"),
    ("can i get it without a prescription", "brands_and_buying"),
    ("does ldn need to go in the fridge", "storage"),
    ("is it ok to drive on ldn", "driving"),
    ("how do i sign up for the ubc trial", "trial_logistics"),
    ("when will the long covid trial results be published", "trial_logistics"),
    ("is the british columbia study recruiting", "trial_logistics"),
    ("what's 20 percent of 90", "calculations"),
    ("can i book an appointment for tuesday", "appointments"),
])
def test_unanswerable_questions_are_recognised(text, kind):
    assert not_covered_kind(text) == kind


@pytest.mark.parametrize("text", [
    "what is the ubc trial testing",
    "what do studies show about ldn",
    "how long has naltrexone been around",
    "isn't naltrexone used for alcohol addiction",
    "could naltrexone help me stop drinking",
    "i might be pregnant, should i stop taking ldn",
    "I've had MS since I was a teenager, would ldn help",
    "can i get ldn as a liquid",
    "is ldn cheaper than brand name drugs",
    "does ldn stop inflammation",
    "how do i take it",
    "what dose is normal",
    "take 1 to 5 mg",
])
def test_answerable_questions_are_not_refused(text):
    assert not_covered_kind(text) is None


def test_no_training_example_of_an_answer_is_refused():
    """An answer's own training examples must never trip a pattern (else the guard contradicts the data)."""
    refused = [
        (intent, not_covered_kind(text), text) for intent, text in training_examples()
        if intent not in REFUSED_INTENTS and not_covered_kind(text)
    ]
    assert not refused, refused[:5]


def test_every_kind_is_tested():
    tested = {kind for _, kind in test_unanswerable_questions_are_recognised.pytestmark[0].args[1]}
    assert tested == set(KINDS)
