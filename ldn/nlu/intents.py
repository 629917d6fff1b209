"""Small helpers shared by the components that overrule the classifier."""

from typing import Any, Dict, Optional

from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
)
from rasa.shared.nlu.training_data.message import Message


def intent_name(message: Message) -> Optional[str]:
    return (message.get(INTENT) or {}).get(INTENT_NAME_KEY)


def override_intent(message: Message, name: str, confidence: float, reason: str) -> None:
    """Put `name` on top, keeping the classifier's ranking below it for the actions to read."""
    intent: Dict[str, Any] = {
        INTENT_NAME_KEY: name,
        PREDICTED_CONFIDENCE_KEY: confidence,
        "overruled_by": reason,
    }
    message.set(INTENT, intent, add_to_output=True)
    ranking = [entry for entry in message.get(INTENT_RANKING_KEY) or [] if entry.get(INTENT_NAME_KEY) != name]
    message.set(INTENT_RANKING_KEY, [intent] + ranking, add_to_output=True)
