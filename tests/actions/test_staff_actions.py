"""Feedback and reaching a person: the actions with real rasa_sdk trackers, and a real local webhook."""

import asyncio
import datetime as dt
import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import handoff as handoff_actions
from actions.feedback import ActionAskFeedback, ActionRecordFeedback
from actions.handoff import ActionReachPerson
from ldn import handoff, settings

pytestmark = pytest.mark.unit


def user(text, intent, channel="socketio", entities=()):
    return {
        "event": "user",
        "text": text,
        "input_channel": channel,
        "timestamp": 1_790_000_000,
        "parse_data": {"intent": {"name": intent}, "entities": [{"entity": e, "value": v} for e, v in entities]},
    }


def bot(response, text="..."):
    return {"event": "bot", "text": text, "timestamp": 1_790_000_001, "metadata": {"utter_action": response}}


def tracker(events) -> Tracker:
    last = [e for e in events if e["event"] == "user"][-1]
    message = {"text": last["text"], "intent": last["parse_data"]["intent"], "entities": last["parse_data"]["entities"]}
    return Tracker("patient-1", {}, message, events, False, None, {"name": last["input_channel"]}, "action_listen")


def run(action, events):
    dispatcher = CollectingDispatcher()
    asyncio.run(action.run(dispatcher, tracker(events), {}))
    return dispatcher.messages


def names(messages) -> list[str]:
    return [m["response"] for m in messages]


ANSWERED = [user("side effects?", "faq"), bot("utter_faq/side_effects")]


def test_widget_answer_gets_the_question_with_votes_for_that_answer():
    messages = run(ActionAskFeedback(), ANSWERED)
    assert names(messages) == ["utter_feedback_ask"]
    payloads = [b["payload"] for b in messages[0]["buttons"]]
    assert json.loads(payloads[0][len("/feedback") :]) == {
        "feedback_vote": "up",
        "feedback_on": "utter_faq/side_effects",
    }
    assert [b["title"] for b in messages[0]["buttons"]] == ["👍 Yes", "👎 No"]


@pytest.mark.parametrize(
    "events",
    [
        [user("side effects?", "faq", channel="twilio"), bot("utter_faq/side_effects")],  # SMS: never
        [user("side effects?", "faq", channel="rest"), bot("utter_faq/side_effects")],
        [user("does ldn help lupus", "out_of_scope"), bot("utter_condition_not_covered")],  # not an answer
        [user("i want to end it all", "emergency"), bot("utter_emergency_crisis"), bot("utter_emergency_followup")],
    ],
)
def test_no_question_over_sms_after_a_refusal_or_under_crisis_guidance(events):
    assert run(ActionAskFeedback(), events) == []


def test_thumbs_down_asks_why_and_the_why_is_thanked():
    down = user(
        "/feedback", "feedback", entities=[("feedback_vote", "down"), ("feedback_on", "utter_faq/side_effects")]
    )
    messages = run(ActionRecordFeedback(), ANSWERED + [bot("utter_feedback_ask"), down])
    assert names(messages) == ["utter_feedback_why"]
    titles = [b["title"] for b in messages[0]["buttons"]]
    assert "It didn't answer my question" in titles and "It wasn't an emergency" not in titles
    why = user(
        "/feedback",
        "feedback",
        entities=[("feedback_vote", "down"), ("feedback_reason", "unclear"), ("feedback_on", "utter_faq/side_effects")],
    )
    assert names(run(ActionRecordFeedback(), ANSWERED + [down, why])) == ["utter_feedback_why_thanks"]


def test_thumbs_down_on_emergency_guidance_can_say_it_was_not_one():
    events = [
        user("took too many", "emergency"),
        bot("utter_emergency_poisoning"),
        bot("utter_emergency_followup"),
        user(
            "/feedback", "feedback", entities=[("feedback_vote", "down"), ("feedback_on", "utter_emergency_poisoning")]
        ),
    ]
    titles = [b["title"] for b in run(ActionRecordFeedback(), events)[0]["buttons"]]
    assert "It wasn't an emergency" in titles


def test_thumbs_up_is_thanked_and_typed_feedback_gets_the_buttons():
    up = user("/feedback", "feedback", entities=[("feedback_vote", "up"), ("feedback_on", "utter_faq/side_effects")])
    assert names(run(ActionRecordFeedback(), ANSWERED + [up])) == ["utter_feedback_thanks"]
    typed = run(ActionRecordFeedback(), ANSWERED + [user("i want to give feedback", "feedback")])
    assert names(typed) == ["utter_feedback_ask"] and typed[0]["buttons"]


# ------------------------------------------------------------------ reaching a person


@pytest.fixture
def clinic_settings(monkeypatch):
    def use(webhook: str = ""):
        monkeypatch.setenv("LDN_HANDOFF_WEBHOOK_URL", webhook)
        settings.load_settings.cache_clear()

    yield use
    settings.load_settings.cache_clear()


@pytest.fixture
def receiver():
    """A real HTTP server on 127.0.0.1 that keeps what it is sent."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        status = 200

        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append({"headers": self.headers, "body": body})  # case-insensitive
            self.send_response(Handler.status)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/handoff", received, Handler
    server.shutdown()
    server.server_close()


def test_contact_details_follow_the_opening_hours(clinic_settings, monkeypatch):
    clinic_settings()
    friday_morning = dt.datetime(2026, 11, 27, 15, 0, tzinfo=dt.timezone.utc)  # 10am in New York
    saturday = dt.datetime(2026, 11, 28, 15, 0, tzinfo=dt.timezone.utc)
    for now, expected, values in [
        (friday_morning, "utter_contact_open", {"closes_at": "5pm"}),
        (saturday, "utter_contact_closed", {"opens_at": "Monday at 9am"}),
    ]:
        dispatcher = CollectingDispatcher()
        handoff_actions.say_contact(dispatcher, now)
        assert dispatcher.messages[0]["response"] == expected
        assert {k: dispatcher.messages[0][k] for k in values} == values
    messages = run(ActionReachPerson(), [user("can I talk to someone?", "ask_human")])
    assert names(messages)[0] in {"utter_contact_open", "utter_contact_closed"} and len(messages) == 1, (
        "no handoff address: contact details only, no offer"
    )


def test_handoff_is_sent_only_after_yes(clinic_settings, receiver, monkeypatch):
    url, received, _ = receiver
    clinic_settings(url)
    monkeypatch.setenv("LDN_HANDOFF_SECRET", "handoff-secret-for-tests")
    asked = [
        user("/greet", "greet"),
        bot("utter_greet", "Hi!"),
        user("my mum took 4.5mg and feels sick", "faq"),
        bot("utter_faq/side_effects", "Side effects are rare."),
        user("can I talk to someone?", "ask_human"),
    ]
    offer = run(ActionReachPerson(), asked)
    assert names(offer)[-1] == "utter_handoff_consent" and received == []
    consent = asked + [bot("utter_contact_open", "We're open"), bot("utter_handoff_consent", "Shall I send it?")]
    no = run(
        ActionReachPerson(),
        consent + [user('/ask_human{"handoff_consent": "no"}', "ask_human", entities=[("handoff_consent", "no")])],
    )
    assert names(no) == ["utter_handoff_not_sent"] and received == []
    yes = run(
        ActionReachPerson(),
        consent + [user('/ask_human{"handoff_consent": "yes"}', "ask_human", entities=[("handoff_consent", "yes")])],
    )
    assert names(yes) == ["utter_handoff_sent"]
    assert len(received) == 1
    body = json.loads(received[0]["body"])
    assert body["conversation_id"] == "patient-1" and body["channel"] == "socketio"
    said = [(line["from"], line["text"]) for line in body["transcript"]]
    assert ("patient", "my mum took 4.5mg and feels sick") in said and ("assistant", "Side effects are rare.") in said
    assert not any(text.startswith("/") for _, text in said), "button payloads are not the patient's words"
    expected = hmac.new(b"handoff-secret-for-tests", received[0]["body"], hashlib.sha256).hexdigest()
    assert received[0]["headers"]["X-LDN-Signature"] == f"sha256={expected}"


def test_yes_without_an_offer_sends_nothing(clinic_settings, receiver):
    url, received, _ = receiver
    clinic_settings(url)
    messages = run(
        ActionReachPerson(),
        [user('/ask_human{"handoff_consent": "yes"}', "ask_human", entities=[("handoff_consent", "yes")])],
    )
    assert names(messages)[-1] == "utter_handoff_consent" and received == []


def test_a_failing_webhook_gives_the_phone_number(clinic_settings, receiver):
    url, received, handler = receiver
    handler.status = 500
    clinic_settings(url)
    events = [
        user("call me", "ask_human"),
        bot("utter_handoff_consent"),
        user('/ask_human{"handoff_consent": "yes"}', "ask_human", entities=[("handoff_consent", "yes")]),
    ]
    assert names(run(ActionReachPerson(), events)) == ["utter_handoff_failed"]
    assert len(received) == 1


@pytest.mark.parametrize("url", ["http://clinic.example/hook", "ftp://127.0.0.1/x", "https://"])
def test_webhook_must_be_https_or_local(url):
    with pytest.raises(handoff.HandoffError):
        handoff.check_url(url)
