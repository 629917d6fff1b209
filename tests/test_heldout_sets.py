"""The held-out sets themselves: big enough to mean something, never trained on, and
floors that never excuse a target already met."""

import pytest

from tests.heldout import HELDOUT_SETS, TARGETS, load_messages
from tests.test_heldout import AT_MOST, FLOORS, UNREAD_SETS
from tests.training_data import training_examples

pytestmark = pytest.mark.unit


def test_heldout_sets_are_big_enough_and_never_trained_on():
    trained = {text.lower() for _, text in training_examples()}
    for held in HELDOUT_SETS:
        messages = load_messages(held)
        labels = [m["label"].split("/")[0] for m in messages]
        assert len(labels) >= 100 and labels.count("out_of_scope") >= 15 and labels.count("emergency") >= 6, held
        overlap = sum(m["text"].strip().lower() in trained for m in messages)  # counted, never printed
        assert not overlap, f"{held}: {overlap} messages found in training data"
    # heldout.yml and every patient-style set (not dev2, fresh, the emergency-heavy sets, or the one in
    # other languages: set 53 has 59 emergencies and 29 out of scope, set 56 70 in other languages and
    # 25 out of scope) are bigger.
    skipped = ("dev2", "fresh", "emergencies_dev", "patients_dev53", "patients_dev56")
    for held in (h for h in HELDOUT_SETS if h not in skipped):
        labels = [m["label"].split("/")[0] for m in load_messages(held)]
        assert len(labels) >= 150 and labels.count("out_of_scope") >= 30 and labels.count("emergency") >= 12, held


def test_floors_never_excuse_a_target_met_or_a_readable_emergency():
    for held, floors in FLOORS.items():
        assert "emergency_recall" not in floors or held in UNREAD_SETS, held
        for metric, floor in floors.items():
            assert (floor > TARGETS[metric]) if metric in AT_MOST else (floor < TARGETS[metric]), (held, metric)


@pytest.mark.parametrize(
    ("responses", "also", "expected"),
    [
        (["utter_out_of_scope"], [], "correct"),
        (["utter_out_of_scope", "utter_faq/dose"], ["faq/dose"], "correct"),  # the second question answered
        (["utter_out_of_scope", "utter_faq/dose"], [], "wrong"),  # an answer nobody asked for
        (["utter_out_of_scope", "utter_faq/cost"], ["faq/dose"], "wrong"),
    ],
)
def test_a_refusal_may_be_followed_only_by_the_answer_to_a_second_question(responses, also, expected):
    from tests.heldout import Result

    assert Result("text", "out_of_scope", responses, 0.0, also=also).verdict == expected
