"""Route messages that are not in English to a polite "I can only answer in English"."""

from typing import Any, Dict, List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from ldn.language import english_words, is_not_english
from ldn.nlu.base import StatelessComponent, is_button_payload, override_intent

NON_ENGLISH_INTENT = "non_english"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class LanguageGuard(StatelessComponent):
    def __init__(self, config: Dict[str, Any]) -> None:
        super().__init__(config)
        english_words()  # load the word list when the model loads, not on the first message

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if not is_button_payload(message) and is_not_english(message.get(TEXT) or ""):
                override_intent(message, NON_ENGLISH_INTENT, 1.0, "language_guard")
        return messages
