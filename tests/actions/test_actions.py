"""Unit tests of the custom actions with real rasa_sdk trackers (no server).

Answers, refusals and emergency guidance are responses composed by ComposePolicy
(tests/ldn/test_policy.py); only "tell me more", the fallback and the session start are code."""

import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import ActionTellMore
from actions.fallback import ActionHandleFallback

pytestmark = pytest.mark.unit


def tracker(text="", intent="faq", topic=None, entities=(), ranking=None, intents=None, slots=None) -> Tracker:
    message = {
        "text": text,
        "intent": {
            "name": intent,
            "confidence": 0.9,
            **({"full_retrieval_intent_name": f"faq/{topic}"} if topic else {}),
        },
        "entities": [{"entity": e, "value": v} for e, v in entities],
        "intent_ranking": intents or [{"name": intent, "confidence": 0.9}],
        "response_selector": {
            "faq": {"ranking": [{"intent_response_key": f"faq/{t}", "confidence": c} for t, c in (ranking or [])]}
        },
    }
    return Tracker("t", slots or {}, message, [], False, None, {}, "action_listen")


def run(action, tracker_: Tracker):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker_, {}))
    return [m["response"] for m in dispatcher.messages], dispatcher.messages, events


def responses(action, tracker_: Tracker) -> list[str | None]:
    return run(action, tracker_)[0]


def test_tell_me_more_after_a_condition_gives_its_topic():
    t = tracker("tell me more", intent="tell_me_more", slots={"last_topic": "condition:fibromyalgia"})
    assert responses(ActionTellMore(), t)[0] == "utter_faq/pain"


def test_tell_me_more_without_context_explains_what_it_can_answer():
    assert responses(ActionTellMore(), tracker("more", intent="tell_me_more")) == ["utter_help"]


def test_fallback_offers_two_close_topics_as_buttons():
    t = tracker(
        "preg + side effects??",
        intent="nlu_fallback",
        intents=[{"name": "nlu_fallback", "confidence": 0.3}, {"name": "faq", "confidence": 0.9}],
        ranking=[("pregnancy", 0.45), ("side_effects", 0.40)],
    )
    names, messages, _ = run(ActionHandleFallback(), t)
    assert names == ["utter_clarify"]
    assert [b["payload"] for b in messages[0]["buttons"]] == [
        '/faq{"topic": "pregnancy"}',
        '/faq{"topic": "side_effects"}',
    ]


def test_fallback_without_a_close_pair_says_it_cannot_answer():
    t = tracker(
        "blorp",
        intent="nlu_fallback",
        intents=[{"name": "nlu_fallback", "confidence": 0.3}, {"name": "faq", "confidence": 0.4}],
        ranking=[("pregnancy", 0.9), ("side_effects", 0.05)],
    )
    assert responses(ActionHandleFallback(), t) == ["utter_fallback"]


def test_fallback_explains_unreadable_input():
    t = tracker("", intent="nlu_fallback", entities=[("input_problem", "too_long")])
    assert responses(ActionHandleFallback(), t) == ["utter_input_too_long"]
