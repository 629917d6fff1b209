"""Three fixes to Rasa 3.6 for speed, installed in the Rasa process by ldn/nlg.py
(which Rasa creates before it loads the model).

1. Rasa checks every action server response against its JSON schema with
`jsonschema.validate`, which first re-checks the schema itself against the JSON
Schema meta-schema: about 40 ms on an idle 2-core machine (300 ms under load), on
every custom action, for a schema that never changes. Here the validator is built
once; the check of each response, and its errors, stay the same (8 ms under load).

2. Rasa builds one SpacyNLP per graph node that uses it (the model provider and the
message step), and each loads the spaCy pipeline from disk: 0.6 s of start-up and a
second copy of its lookup tables in memory. Here a path is loaded once per process.

3. Rasa finds an event's class from its name ("user", "slot") by walking every
subclass of Event, for every event of every tracker it reads: 13 ms a message at turn
100 of a conversation (its last 10 turns are read, ldn/tracker_store.py). Here each
name is looked up once; unknown names get Rasa's own answer.
"""

import functools
from typing import Any

from rasa.core.actions.action import RemoteAction
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses

RASA_VALIDATE_ACTION_RESULT = RemoteAction._validate_action_result  # Rasa's own, for the tests
RASA_LOAD_SPACY = SpacyNLP.load_model
RASA_RESOLVE_EVENT = Event.resolve_by_type
_EVENT_CLASSES: dict[str, type[Event]] = {}


@functools.lru_cache(maxsize=1)
def _response_validator() -> Any:
    import jsonschema

    spec = RemoteAction.action_response_format_spec()
    validator_class = jsonschema.validators.validator_for(spec)
    validator_class.check_schema(spec)
    return validator_class(spec)


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """RemoteAction._validate_action_result with the validator built once."""
    from jsonschema import ValidationError, exceptions

    error = exceptions.best_match(_response_validator().iter_errors(result))
    if error is None:
        return True
    assert isinstance(error, ValidationError)
    error.message += (
        ". Failed to validate Action server response from API, make sure your response from "
        f"the Action endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
    )
    raise error


@functools.cache
def _load_spacy_once(spacy_model_name: str) -> SpacyModel:
    """SpacyNLP.load_model, once per model path and process."""
    return RASA_LOAD_SPACY(spacy_model_name)


def _resolve_event_type(type_name: str, default: type[Event] | None = None) -> type[Event] | None:
    """Event.resolve_by_type, with each known name's class remembered."""
    found = _EVENT_CLASSES.get(type_name)
    if found is None:
        found = next((cls for cls in all_subclasses(Event) if cls.type_name == type_name), None)
        if found is None:
            return RASA_RESOLVE_EVENT(type_name, default)  # None, the default, or Rasa's error
        _EVENT_CLASSES[type_name] = found
    return found


def install() -> None:
    RemoteAction._validate_action_result = _validate_action_result
    SpacyNLP.load_model = staticmethod(_load_spacy_once)
    Event.resolve_by_type = staticmethod(_resolve_event_type)
