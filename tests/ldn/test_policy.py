"""ComposePolicy's plan: the gate's verdict -> the responses of one turn, in order."""

import pytest

from ldn.domain import load_domain_dict
from ldn.policy import plan, sendable_responses

pytestmark = pytest.mark.unit

RESPONSES = set(load_domain_dict()["responses"])


def entities(**values):
    return [{"entity": name, "value": v} for name, vs in values.items() for v in vs]


def test_emergency_first_then_followup():
    assert plan("emergency", entities(emergency_kind=["crisis", "poisoning"]), {})[0] == [
        "utter_emergency_crisis",
        "utter_emergency_poisoning",
        "utter_emergency_followup",
    ]


def test_answer_then_cautions_then_second_answer():
    responses, last = plan("faq", entities(answer=["faq/pain"], caution=["medicine"], second_topic=["cost"]), {})
    assert responses == ["utter_faq/pain", "utter_caution_medicine", "utter_faq/cost"]
    assert last == "pain"


def test_not_sure_still_gives_the_caution():
    responses, _ = plan("nlu_fallback", entities(caution=["medicine", "pregnancy"]), {})
    assert responses == ["action_handle_fallback", "utter_caution_medicine", "utter_caution_pregnancy"]


def test_condition_answer_and_memory():
    assert plan("ask_condition", entities(answer=["condition/crohns"]), {}) == (
        ["utter_condition_crohns"],
        "condition:crohns",
    )
    assert plan("ask_condition", [], {"condition": "crohns"})[0] == ["utter_condition_crohns"]
    assert plan("ask_condition", [], {})[0] == ["utter_condition_unknown"]


@pytest.mark.parametrize(
    "reason, extra, first",
    [
        ("medicine", {}, "utter_medicine_not_covered"),
        ("side_effect", {}, "utter_side_effect_not_listed"),
        ("condition", {"condition_category": ["gut"]}, "utter_condition_category_gut"),
        ("condition", {}, "utter_condition_not_covered"),
        ("time_to_work", {}, "utter_out_of_scope"),
    ],
)
def test_refusals(reason, extra, first):
    responses, _ = plan("out_of_scope", entities(not_covered=[reason], caution=["pregnancy"], **extra), {})
    assert responses == [first, "utter_caution_pregnancy"]


def test_a_refusal_then_the_second_questions_answer():
    responses, _ = plan(
        "out_of_scope", entities(not_covered=["timing"], caution=["medicine"], second_topic=["dose"]), {}
    )
    assert responses == ["utter_out_of_scope", "utter_caution_medicine", "utter_faq/dose"]


def test_how_much_follows_the_last_topic():
    assert plan("ask_how_much", [], {"last_topic": "cost"})[0] == ["utter_faq/cost"]
    assert plan("ask_how_much", [], {"last_topic": "how_to_take"})[0] == ["utter_faq/dose"]
    assert plan("ask_how_much", [], {})[0] == ["utter_how_much_which"]


def test_a_tapped_button_answers_its_topic():
    assert plan("faq", entities(topic=["dose"]), {})[0] == ["utter_faq/dose"]


def test_conversation_intents_are_left_to_the_rules():
    assert plan("greet", [], {}) == ([], None)


def test_every_response_the_policy_can_send_exists():
    assert sendable_responses() <= RESPONSES, sorted(sendable_responses() - RESPONSES)
