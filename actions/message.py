"""Read what NLU found in the patient's latest message."""

from typing import Any

from rasa_sdk import Tracker

from ldn.topics import FAQ_INTENT


def entity_values(tracker: Tracker, entity: str) -> list[str]:
    """Values of one entity in the latest message, first-seen order, no repeats."""
    values: list[str] = []
    for found in tracker.latest_message.get("entities", []):
        if found.get("entity") == entity and found.get("value") not in values:
            values.append(found["value"])
    return values


def intent_ranking(tracker: Tracker) -> list[dict[str, Any]]:
    return tracker.latest_message.get("intent_ranking") or []


def faq_ranking(tracker: Tracker) -> list[dict[str, Any]]:
    """The response selector's ranking of FAQ answers: [{"topic", "confidence"}].

    Our config names the selector after its retrieval intent ("faq"); a selector
    trained without `retrieval_intent` reports under "default".
    """
    selectors = tracker.latest_message.get("response_selector") or {}
    selector = selectors.get(FAQ_INTENT) or selectors.get("default") or {}
    return [
        {
            "topic": entry["intent_response_key"].split("/", 1)[1],
            "confidence": float(entry.get("confidence", 0.0)),
        }
        for entry in selector.get("ranking") or []
        if "/" in entry.get("intent_response_key", "")
    ]
