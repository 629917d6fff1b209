"""Refuse questions the guide never answers, even when they name a guide topic.

A topic classifier answers "how long until LDN helps my MS?" with the MS answer,
confidently. ldn/not_covered.py recognises the question itself (how soon, alcohol,
children, stopping, the trial's sign-up or results...), and this component turns
any other reading (an answer, a guess between two, even "goodbye") into
`out_of_scope`, so the patient hears "the guide doesn't cover that" with the
clinic's details. It does the same when the classifier
itself has real doubt: `out_of_scope` came second with at least
`runner_up_threshold` confidence. Runs before the emergency detector, which
still overrules everything.
"""

from typing import Any, Dict, List, Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from ldn.not_covered import not_covered_kind
from ldn.nlu.base import OUT_OF_SCOPE_INTENT, StatelessComponent, intent_name, is_button_payload, override_intent
from ldn.nlu.emergency_detector import EMERGENCY_INTENT
from ldn.nlu.language_guard import NON_ENGLISH_INTENT

# Left alone: already refused, or answered with something more important.
# (A classifier-detected emergency keeps its guidance: a false alarm is cheap.)
KEPT_INTENTS = {OUT_OF_SCOPE_INTENT, EMERGENCY_INTENT, NON_ENGLISH_INTENT}


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class NotCoveredGuard(StatelessComponent):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"runner_up_threshold": 1.0}  # 1.0: only the patterns refuse

    def __init__(self, config: Dict[str, Any]) -> None:
        super().__init__(config)
        self.runner_up_threshold = float(config["runner_up_threshold"])

    def reason_to_refuse(self, message: Message) -> Optional[str]:
        kind = not_covered_kind(message.get(TEXT) or "")
        if kind:
            return f"not_covered:{kind}"
        doubt = max(
            (entry.get(PREDICTED_CONFIDENCE_KEY, 0.0) for entry in message.get(INTENT_RANKING_KEY) or []
             if entry.get(INTENT_NAME_KEY) == OUT_OF_SCOPE_INTENT),
            default=0.0,
        )
        return "out_of_scope_runner_up" if doubt >= self.runner_up_threshold else None

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if is_button_payload(message) or intent_name(message) in KEPT_INTENTS:
                continue  # nothing to overrule
            reason = self.reason_to_refuse(message)
            if reason:
                override_intent(message, OUT_OF_SCOPE_INTENT, 1.0, reason)
        return messages
