"""Do not answer a message that shares no content word with any answer's training examples.

The intent classifier must pick *something*, and for "how do I renew my
passport?" it picks the how-to-take answer, because "how do I" is all it can
see. This component learns the content words of every answering intent's
training examples (ldn/vocabulary.py). A message that names no condition or
medicine and has none of those words is off topic: it becomes `out_of_scope`,
and the patient hears that the guide doesn't cover it. Messages with no content
word at all ("$$ how much?") are left to the classifier.
"""

import json
from typing import Any, Dict, List, Optional, Set

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from ldn.nlu.base import OUT_OF_SCOPE_INTENT, intent_name, is_button_payload, override_intent
from ldn.vocabulary import is_off_topic, vocabulary

# Intents that answer from the guide, and whose examples define "on topic".
ANSWERING_INTENTS = {"faq", "ask_condition", "ask_how_much", "tell_me_more"}
CHECKED_INTENTS = ANSWERING_INTENTS | {"nlu_fallback"}
FILE_NAME = "vocabulary.json"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True
)
class VocabularyGuard(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {}

    def __init__(self, model_storage: ModelStorage, resource: Resource, known: Optional[Set[str]] = None) -> None:
        self._model_storage = model_storage
        self._resource = resource
        self.known: Set[str] = known or set()

    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "VocabularyGuard":
        return cls(model_storage, resource)

    @classmethod
    def load(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "VocabularyGuard":
        with model_storage.read_from(resource) as directory:
            known = json.loads((directory / FILE_NAME).read_text(encoding="utf-8"))
        return cls(model_storage, resource, set(known))

    def train(self, training_data: TrainingData) -> Resource:
        self.known = vocabulary(
            example.get(TEXT) or "" for example in training_data.intent_examples
            if example.get(INTENT) in ANSWERING_INTENTS
        )
        with self._model_storage.write_to(self._resource) as directory:
            (directory / FILE_NAME).write_text(json.dumps(sorted(self.known)), encoding="utf-8")
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if is_button_payload(message) or intent_name(message) not in CHECKED_INTENTS:
                continue
            if message.get(ENTITIES):
                continue  # names a condition or medicine: the actions know what to say
            if is_off_topic(message.get(TEXT) or "", self.known):
                override_intent(message, OUT_OF_SCOPE_INTENT, 1.0, "off_topic")
        return messages
