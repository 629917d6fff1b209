"""Texts the channels send by themselves are reviewed responses; the disclaimer rule."""

import pytest
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered

from channels import twilio
from channels.replies import DISCLAIMER_MARK, render, session_started_this_turn
from ldn.domain import responses
from ldn.settings import response_variables

pytestmark = pytest.mark.unit

CHANNEL_REPLIES = [
    twilio.NOT_TEXT_REPLY,
    twilio.SLOW_REPLY,
    twilio.ERROR_REPLY,
    twilio.STOP_REPLY,
    twilio.START_REPLY,
    twilio.HELP_REPLY,
    twilio.DISCLAIMER,
]


@pytest.mark.parametrize("name", CHANNEL_REPLIES)
def test_channel_replies_are_reviewed_responses_filled_from_settings(name):
    variant = responses()[name][0]
    assert variant["metadata"]["reviewed_by"] and variant["metadata"]["reviewed_on"]
    assert "{" not in render(name)


def test_help_and_error_give_the_clinic_and_the_emergency_number():
    clinic = response_variables()
    for name in (twilio.HELP_REPLY, twilio.ERROR_REPLY):
        assert clinic["clinic_phone"] in render(name) and clinic["emergency_number"] in render(name)
    assert "STOP" in render(twilio.HELP_REPLY) and "START" in render(twilio.STOP_REPLY)


def test_the_disclaimer_and_the_greeting_carry_the_mark():
    assert DISCLAIMER_MARK in render(twilio.DISCLAIMER)
    assert DISCLAIMER_MARK in responses()["utter_greet"][0]["text"]
    assert response_variables()["emergency_number"] in render(twilio.DISCLAIMER)


def _session(*user_texts, start=0.0):
    events = [
        ActionExecuted("action_session_start", timestamp=start),
        SessionStarted(timestamp=start),
        SlotSet("clinic_name", "x", timestamp=start),
        ActionExecuted("action_listen", timestamp=start),
    ]
    for i, said in enumerate(user_texts):
        events += [
            UserUttered(said, timestamp=start + i + 1),
            BotUttered("answer", timestamp=start + i + 1),
            ActionExecuted("action_listen", timestamp=start + i + 1),
        ]
    return events


def test_a_session_started_this_turn_on_the_first_message():
    assert session_started_this_turn(_session("hi")[:-2])  # up to the user's message
    assert session_started_this_turn(_session("hi"))


def test_no_new_session_on_later_messages():
    assert not session_started_this_turn(_session("hi", "side effects?"))
    assert not session_started_this_turn([])


def test_a_new_session_after_an_idle_hour():
    """Rasa logs a new session start between the old session's last message and the new one."""
    expired = _session("hi", "side effects?") + _session("back again", start=4000.0)
    assert session_started_this_turn(expired)
