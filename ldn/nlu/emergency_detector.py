"""Emergencies first: overrule every other reading of the message.

Runs last in the NLU pipeline. If ldn/emergency.py matches, the intent becomes
`emergency` and each matched kind is added as an `emergency_kind` entity, so the
guidance can name the right number. The DIET classifier also learns the
`emergency` intent for phrasings no pattern foresaw.
"""

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from ldn.emergency import emergency_kinds
from ldn.nlu.base import StatelessComponent, override_intent

EMERGENCY_INTENT = "emergency"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class EmergencyDetector(StatelessComponent):

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            kinds = emergency_kinds(message.get(TEXT) or "")
            if not kinds:
                continue
            override_intent(message, EMERGENCY_INTENT, 1.0, "emergency_patterns")
            entities = message.get(ENTITIES) or []
            entities += [
                {"entity": "emergency_kind", "value": kind, "extractor": self.__class__.__name__}
                for kind in kinds
            ]
            message.set(ENTITIES, entities, add_to_output=True)
        return messages
