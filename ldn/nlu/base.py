"""What the project's NLU components share: creation from config, and overruling the intent."""

import hashlib
from pathlib import Path
from types import ModuleType
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

OUT_OF_SCOPE_INTENT = "out_of_scope"


def source_fingerprint(*modules: ModuleType) -> str:
    """The modules' source code, hashed: part of a trained component's fingerprint, so editing the
    code that trains it retrains it (Rasa's cache keys on config and data only, and would restore
    a component trained by the old code)."""
    digest = hashlib.sha256()
    for module in modules:
        digest.update(Path(str(module.__file__)).read_bytes())
    return digest.hexdigest()


def intent_name(message: Message) -> str | None:
    return (message.get(INTENT) or {}).get(INTENT_NAME_KEY)


def is_button_payload(message: Message) -> bool:
    """A tapped button ("/faq{...}") or a channel's own payload: no words to judge."""
    return (message.get(TEXT) or "").startswith("/")


def override_intent(message: Message, name: str, confidence: float, reason: str) -> None:
    """Put `name` on top, keeping the classifier's ranking below it for the actions to read."""
    intent: dict[str, Any] = {
        INTENT_NAME_KEY: name,
        PREDICTED_CONFIDENCE_KEY: confidence,
        "overruled_by": reason,
    }
    message.set(INTENT, intent, add_to_output=True)
    ranking = [entry for entry in message.get(INTENT_RANKING_KEY) or [] if entry.get(INTENT_NAME_KEY) != name]
    message.set(INTENT_RANKING_KEY, [intent] + ranking, add_to_output=True)


class StatelessComponent(GraphComponent):
    """A component that learns nothing: built from its config alone."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {}

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "StatelessComponent":
        return cls({**cls.get_default_config(), **config})
