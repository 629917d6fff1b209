"""ldn/rasa_fixes.py: action replies checked as strictly as Rasa checks them, faster; spaCy loaded once."""

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


def test_the_spacy_pipeline_is_loaded_once_per_process(monkeypatch):
    from pathlib import Path

    from rasa.nlu.utils.spacy_utils import SpacyNLP

    for cls, name in ((SpacyNLP, "load_model"), (RemoteAction, "_validate_action_result")):
        monkeypatch.setattr(cls, name, cls.__dict__[name])  # Rasa's own again after this test
    rasa_fixes.install()
    config = {**SpacyNLP.get_default_config(), "model": str(Path(__file__).resolve().parents[2] / "build/spacy/en_ldn")}
    provider, step = (SpacyNLP.create(config, None, None, None) for _ in range(2))
    assert provider.provide().model is step.provide().model


def test_event_classes_are_found_as_rasa_finds_them_and_faster(monkeypatch):
    from rasa.shared.core.events import ActionExecuted, Event
    from rasa.shared.utils.common import all_subclasses

    monkeypatch.setattr(Event, "resolve_by_type", Event.__dict__["resolve_by_type"])  # Rasa's own after this test
    names = {cls.type_name for cls in all_subclasses(Event)}
    for name in names:
        assert rasa_fixes._resolve_event_type(name) is rasa_fixes.RASA_RESOLVE_EVENT(name)
    assert rasa_fixes._resolve_event_type("topic") is None
    assert rasa_fixes._resolve_event_type("no_such_event", ActionExecuted) is ActionExecuted
    with pytest.raises(ValueError, match="Unknown event name"):
        rasa_fixes._resolve_event_type("no_such_event")
    rasa_fixes.install()
    assert Event.resolve_by_type("user") is rasa_fixes._resolve_event_type("user")

    def seconds(resolve) -> float:
        began = time.perf_counter()
        for _ in range(300):
            resolve("slot")
        return time.perf_counter() - began

    assert seconds(rasa_fixes._resolve_event_type) * 10 < seconds(rasa_fixes.RASA_RESOLVE_EVENT)
