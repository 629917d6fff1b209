"""Turn the spaCy EntityRuler's matches into Rasa entities.

The project's spaCy pipeline (ldn/spacy_pipeline.py) tags CONDITION and MEDICINE
spans with the canonical id from ldn/conditions.yml, so "fibro", "FMS" and
"fibromyalgia" all arrive as condition=fibromyalgia.
"""

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.utils.spacy_utils import SpacyNLP
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from ldn.conditions import CONDITION_LABEL, MEDICINE_LABEL

ENTITY_FOR_LABEL = {CONDITION_LABEL: "condition", MEDICINE_LABEL: "medicine"}


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False
)
class ConditionEntityExtractor(GraphComponent):
    @staticmethod
    def required_components() -> List[type]:
        return [SpacyNLP]

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "ConditionEntityExtractor":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            doc = message.get(SPACY_DOCS[TEXT])
            if doc is None:
                continue
            found = [
                {
                    "entity": ENTITY_FOR_LABEL[span.label_],
                    "value": span.ent_id_,
                    "start": span.start_char,
                    "end": span.end_char,
                    "confidence_entity": 1.0,
                    "extractor": self.__class__.__name__,
                }
                for span in doc.ents
                if span.label_ in ENTITY_FOR_LABEL
            ]
            if found:
                message.set(ENTITIES, (message.get(ENTITIES) or []) + found, add_to_output=True)
        return messages
