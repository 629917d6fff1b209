"""Fallback on low response-selector confidence (rasa#9723).

Rasa's FallbackClassifier looks only at intent confidence. For a retrieval intent
the classifier can be sure a message is *some* FAQ while the ResponseSelector is
unsure *which* answer fits. That is exactly when a confident wrong answer happens,
so below `threshold` the intent becomes nlu_fallback. The same happens when the
two best answers are within `ambiguity_threshold` of each other (the selector
cannot tell them apart). The actions still see the ranking and offer the close
candidates as buttons.
"""

from typing import Any, Dict, List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.training_data.message import Message

from ldn.nlu.base import StatelessComponent, intent_name, override_intent


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class ResponseSelectorFallback(StatelessComponent):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"threshold": 0.5, "ambiguity_threshold": 0.0}

    def __init__(self, config: Dict[str, Any]) -> None:
        super().__init__(config)
        self.threshold = float(config["threshold"])
        self.ambiguity_threshold = float(config["ambiguity_threshold"])

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            retrieval_intent = intent_name(message)
            selector = (message.get("response_selector") or {}).get(retrieval_intent or "")
            if not selector:
                continue
            confidence = selector.get("response", {}).get("confidence", 0.0)
            ranking = selector.get("ranking") or []
            runner_up = ranking[1].get("confidence", 0.0) if len(ranking) > 1 else 0.0
            if confidence < self.threshold:
                reason = "response_selector"
            elif confidence - runner_up < self.ambiguity_threshold:
                reason = "response_selector_ambiguity"
            else:
                continue
            override_intent(message, DEFAULT_NLU_FALLBACK_INTENT_NAME, confidence, reason)
        return messages
