"""ldn/rasa_fixes.py: action server responses are checked as strictly as Rasa checks them, faster."""

import time

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from ldn import rasa_fixes

pytestmark = pytest.mark.unit

RESPONSES = [
    {
        "events": [{"event": "slot", "name": "last_topic", "value": "dose"}],
        "responses": [{"response": "utter_faq/dose", "buttons": [], "custom": {}}],
    },
    {"events": [], "responses": []},
    {"events": "not a list"},
    {"events": [{"event": "no_such_event"}]},
    {"events": [{"event": "slot"}]},
]


def outcome(validate, result):
    try:
        return validate(RemoteAction("action_answer_faq", None), result)
    except ValidationError as error:
        return error.message


@pytest.mark.parametrize("result", RESPONSES)
def test_same_verdict_and_message_as_rasa(result):
    assert outcome(rasa_fixes._validate_action_result, result) == outcome(
        rasa_fixes.RASA_VALIDATE_ACTION_RESULT, result
    )


def test_rejects_what_rasa_rejects():
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        rasa_fixes._validate_action_result(RemoteAction("a", None), {"events": "not a list"})


def test_installed_and_faster():
    rasa_fixes.install()
    assert RemoteAction._validate_action_result is rasa_fixes._validate_action_result

    def seconds(validate) -> float:
        began = time.perf_counter()
        for _ in range(5):
            validate(RemoteAction("a", None), RESPONSES[0])
        return time.perf_counter() - began

    seconds(rasa_fixes._validate_action_result)  # build the validator once
    assert seconds(rasa_fixes._validate_action_result) * 3 < seconds(rasa_fixes.RASA_VALIDATE_ACTION_RESULT)
