"""Unit tests of the custom actions with real rasa_sdk trackers (no server)."""

import asyncio
from typing import List, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import ActionAnswerFaq, ActionAnswerHowMuch, ActionExplainNotCovered, ActionTellMore
from actions.conditions import ActionAnswerCondition
from actions.emergency import ActionGiveEmergencyGuidance
from actions.fallback import ActionHandleFallback
from actions.session import ActionSessionStart
from ldn.conditions import conditions

pytestmark = pytest.mark.unit


def tracker(text="", intent="faq", topic=None, entities=(), ranking=None, intents=None, slots=None) -> Tracker:
    message = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.9,
                   **({"full_retrieval_intent_name": f"faq/{topic}"} if topic else {})},
        "entities": [{"entity": e, "value": v} for e, v in entities],
        "intent_ranking": intents or [{"name": intent, "confidence": 0.9}],
        "response_selector": {"faq": {"ranking": [
            {"intent_response_key": f"faq/{t}", "confidence": c} for t, c in (ranking or [])]}},
    }
    return Tracker("t", slots or {}, message, [], False, None, {}, "action_listen")


def run(action, tracker_: Tracker):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker_, {}))
    return [m["response"] for m in dispatcher.messages], dispatcher.messages, events


def responses(action, tracker_: Tracker) -> List[Optional[str]]:
    return run(action, tracker_)[0]


def test_faq_answers_the_selected_topic_and_remembers_it():
    names, _, events = run(ActionAnswerFaq(), tracker("side effects?", topic="side_effects"))
    assert names == ["utter_faq/side_effects"]
    assert events == [{"event": "slot", "timestamp": None, "name": "last_topic", "value": "side_effects"}]


def test_button_topic_wins_over_the_selector():
    t = tracker('/faq{"topic": "dose"}', topic="what_is", entities=[("topic", "dose")])
    assert responses(ActionAnswerFaq(), t) == ["utter_faq/dose"]


def test_asking_about_combining_a_named_medicine_is_not_answered():
    t = tracker("is ldn ok with ibuprofen", topic="safety", entities=[("medicine", "ibuprofen")])
    names, messages, _ = run(ActionAnswerFaq(), t)
    assert names == ["utter_medicine_not_covered"] and messages[0]["mentioned_medicine"] == "ibuprofen"


def test_stopping_a_named_medicine_is_not_advised_on():
    t = tracker("should i come off my methotrexate if ldn works for my RA", intent="ask_condition",
                entities=[("medicine", "methotrexate"), ("condition", "rheumatoid_arthritis")])
    assert responses(ActionAnswerCondition(), t) == ["utter_medicine_not_covered"]


def test_a_medicine_mentioned_without_combining_does_not_block_the_answer():
    t = tracker("regular painkillers never helped me, can ldn help pain", topic="pain", entities=[("medicine", "painkillers")])
    assert responses(ActionAnswerFaq(), t) == ["utter_faq/pain"]


def test_a_condition_outside_the_guide_is_never_answered_generally():
    t = tracker("does ldn help the immune system with lyme", topic="immune", entities=[("condition", "lyme")])
    names, messages, _ = run(ActionAnswerFaq(), t)
    assert names == ["utter_condition_not_covered"] and messages[0]["mentioned_condition"] == "Lyme disease"


@pytest.mark.parametrize("condition, response", [
    ("lupus", "utter_condition_category_autoimmune"), ("scleroderma", "utter_condition_category_autoimmune"),
    ("psoriatic_arthritis", "utter_condition_category_joint"), ("inflammatory_arthritis", "utter_condition_category_joint"),
    ("parkinsons", "utter_condition_category_neurodegenerative"), ("ulcerative_colitis", "utter_condition_category_gut"),
    ("depression", "utter_condition_category_mental_health"), ("blood_sugar", "utter_condition_not_covered"),
])
def test_a_condition_of_a_kind_the_guide_discusses_gets_the_category_reply(condition, response):
    t = tracker("does ldn help it", intent="ask_condition", entities=[("condition", condition)])
    names, messages, _ = run(ActionAnswerCondition(), t)
    assert names == [response] and messages[0]["mentioned_condition"] == conditions()[condition].name


def test_conditions_of_different_kinds_get_the_plain_not_covered_reply():
    t = tracker("lupus and diabetes", intent="ask_condition", entities=[("condition", "lupus"), ("condition", "diabetes")])
    assert responses(ActionAnswerCondition(), t) == ["utter_condition_category_autoimmune", "utter_condition_not_covered"]


def test_a_covered_condition_gets_its_own_answer_on_general_topics():
    t = tracker("does ldn help ms", topic="immune", entities=[("condition", "multiple_sclerosis")])
    assert responses(ActionAnswerFaq(), t) == ["utter_condition_multiple_sclerosis"]


def test_condition_uses_the_remembered_one():
    t = tracker("could it help me", intent="ask_condition", slots={"condition": "crohns"})
    assert responses(ActionAnswerCondition(), t) == ["utter_condition_crohns"]


def test_condition_unknown_when_none_is_named_or_remembered():
    assert responses(ActionAnswerCondition(), tracker("could it help me", intent="ask_condition")) == ["utter_condition_unknown"]


def test_two_conditions_one_covered_one_not():
    t = tracker("I have MS and lyme", intent="ask_condition", entities=[("condition", "multiple_sclerosis"), ("condition", "lyme")])
    assert responses(ActionAnswerCondition(), t) == ["utter_condition_multiple_sclerosis", "utter_condition_not_covered"]


@pytest.mark.parametrize("last, expected", [
    ("how_to_take", ["utter_faq/dose"]), ("cost", ["utter_faq/cost"]),
    ("condition:fibromyalgia", ["utter_faq/dose"]), (None, ["utter_how_much_which"]),
])
def test_how_much_depends_on_the_last_topic(last, expected):
    t = tracker("and how much?", intent="ask_how_much", slots={"last_topic": last})
    assert responses(ActionAnswerHowMuch(), t) == expected


def test_tell_me_more_after_a_condition_gives_its_topic():
    t = tracker("tell me more", intent="tell_me_more", slots={"last_topic": "condition:fibromyalgia"})
    assert responses(ActionTellMore(), t)[0] == "utter_faq/pain"


def test_tell_me_more_without_context_explains_what_it_can_answer():
    assert responses(ActionTellMore(), tracker("more", intent="tell_me_more")) == ["utter_help"]


def test_fallback_offers_two_close_topics_as_buttons():
    t = tracker("preg + side effects??", intent="nlu_fallback",
                intents=[{"name": "nlu_fallback", "confidence": 0.3}, {"name": "faq", "confidence": 0.9}],
                ranking=[("pregnancy", 0.45), ("side_effects", 0.40)])
    names, messages, _ = run(ActionHandleFallback(), t)
    assert names == ["utter_clarify"]
    assert [b["payload"] for b in messages[0]["buttons"]] == ['/faq{"topic": "pregnancy"}', '/faq{"topic": "side_effects"}']


def test_fallback_without_a_close_pair_says_it_cannot_answer():
    t = tracker("blorp", intent="nlu_fallback",
                intents=[{"name": "nlu_fallback", "confidence": 0.3}, {"name": "faq", "confidence": 0.4}],
                ranking=[("pregnancy", 0.9), ("side_effects", 0.05)])
    assert responses(ActionHandleFallback(), t) == ["utter_fallback"]


def test_fallback_explains_unreadable_input():
    t = tracker("", intent="nlu_fallback", entities=[("input_problem", "too_long")])
    assert responses(ActionHandleFallback(), t) == ["utter_input_too_long"]


def test_emergency_kinds_pick_the_guidance():
    t = tracker("", intent="emergency", entities=[("emergency_kind", "crisis"), ("emergency_kind", "poisoning")])
    assert responses(ActionGiveEmergencyGuidance(), t) == [
        "utter_emergency_crisis", "utter_emergency_poisoning", "utter_emergency_followup"]


def test_emergency_without_a_pattern_gives_every_number():
    assert responses(ActionGiveEmergencyGuidance(), tracker("", intent="emergency")) == [
        "utter_emergency_general", "utter_emergency_followup"]


def test_session_start_fills_clinic_slots_from_settings(monkeypatch):
    from ldn import settings

    settings.load_settings.cache_clear()
    monkeypatch.setenv("LDN_CLINIC_PHONE", "(555) 123-9876")
    try:
        _, _, events = run(ActionSessionStart(), tracker())
    finally:
        settings.load_settings.cache_clear()
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert slots["clinic_phone"] == "(555) 123-9876" and events[0]["event"] == "session_started"
    assert events[-1]["event"] == "action" and events[-1]["name"] == "action_listen"


def test_a_selector_trained_without_retrieval_intent_is_read_too():
    t = tracker("side effects?", topic=None)
    t.latest_message["response_selector"] = {"default": {"ranking": [
        {"intent_response_key": "faq/side_effects", "confidence": 0.9}]}}
    assert responses(ActionAnswerFaq(), t) == ["utter_faq/side_effects"]


@pytest.mark.parametrize("entities, expected", [
    ([("medicine", "tramadol")], "utter_medicine_not_covered"),
    ([("condition", "lyme")], "utter_condition_not_covered"),
    ([("condition", "lupus")], "utter_condition_category_autoimmune"),
    ([("condition", "multiple_sclerosis")], "utter_out_of_scope"),
    ([], "utter_out_of_scope"),
])
def test_out_of_scope_names_what_is_not_covered(entities, expected):
    t = tracker("how long until it works", intent="out_of_scope", entities=entities)
    assert responses(ActionExplainNotCovered(), t) == [expected]


def test_a_medicine_value_not_in_the_registry_never_reaches_the_reply():
    # e.g. from a typed payload: /out_of_scope{"medicine": "[results](javascript:...)"}
    injected = "[results](javascript:alert(1))"
    t = tracker("with it", intent="out_of_scope", entities=[("medicine", injected), ("medicine", "tramadol")])
    names, messages, _ = run(ActionExplainNotCovered(), t)
    assert names == ["utter_medicine_not_covered"] and messages[0]["mentioned_medicine"] == "tramadol"
    alone = tracker("with it", intent="out_of_scope", entities=[("medicine", injected)])
    names, messages, _ = run(ActionExplainNotCovered(), alone)
    assert names == ["utter_out_of_scope"] and injected not in str(messages)
