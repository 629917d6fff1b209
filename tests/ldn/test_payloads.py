"""Only the assistant's own button payloads pass as payloads (ldn/payloads.py)."""

import re
from pathlib import Path

import pytest

from actions.feedback import reason_buttons, vote_buttons
from actions.handoff import consent_buttons
from actions.topics import TOPICS, buttons_for
from ldn.domain import load_domain_dict
from ldn.payloads import allowed_payloads, refuse_payload
from ldn.text import prepare_message

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]


def test_every_button_the_assistant_shows_is_allowed():
    domain = load_domain_dict()
    shown = [
        button["payload"].replace("{{", "{").replace("}}", "}")  # the domain files escape braces
        for variants in domain["responses"].values()
        for variant in variants
        for button in variant.get("buttons") or []
    ]
    shown += [button["payload"] for button in buttons_for(list(TOPICS))]
    shown += [button["payload"] for button in vote_buttons("utter_faq/dose") + reason_buttons("utter_emergency_heart")]
    shown += [button["payload"] for button in consent_buttons()]
    assert shown and set(shown) <= allowed_payloads()


def test_a_vote_on_a_response_nobody_rates_is_not_a_payload():
    assert vote_buttons("utter_emergency_crisis")[0]["payload"] not in allowed_payloads()


@pytest.mark.parametrize(
    "typed, expected",
    [
        (
            '/out_of_scope{"medicine": "[results](javascript:alert(1))"}',
            'out_of_scope{"medicine": "[results](javascript:alert(1))"}',
        ),
        ("/ I take 4.5 mg for my MS", "I take 4.5 mg for my MS"),
        ("//emergency", "emergency"),
        ('/faq{"topic": "dose", "medicine": "x"}', 'faq{"topic": "dose", "medicine": "x"}'),
        ('/faq{"topic": "not_a_topic"}', 'faq{"topic": "not_a_topic"}'),
        ("/restart", "restart"),
        ("/", ""),
    ],
)
def test_other_payloads_are_read_as_words(typed, expected):
    assert refuse_payload(typed) == expected
    text, _ = prepare_message(typed)
    assert not text.startswith("/") or text.startswith("/nlu_fallback")


@pytest.mark.parametrize("payload", ['/faq{"topic": "dose"}', "/greet"])
def test_own_payloads_pass(payload):
    assert prepare_message(payload) == (payload, None)


def test_a_lone_slash_is_an_empty_message():
    assert prepare_message("/")[1] == "empty"


def test_payload_pattern_is_rasas():
    # Rasa reads a payload from any text starting with "/" (INTENT_MESSAGE_PREFIX).
    from rasa.shared.constants import INTENT_MESSAGE_PREFIX

    assert INTENT_MESSAGE_PREFIX == "/"
    assert all(re.match(r"^/(faq|greet|feedback|ask_human)[{]?", p) for p in allowed_payloads())
