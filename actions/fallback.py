"""Low confidence, ambiguity and unreadable input: never guess.

The scope gate sends nlu_fallback when the intent or the chosen answer is uncertain
(its low_confidence check). If the two best FAQ answers
are both plausible and close, the patient picks one from buttons; otherwise the
assistant says plainly that it can't answer and gives the clinic's details.
"""

from typing import Any

from rasa_sdk import Action, Tracker

from actions.message import FAQ_INTENT, entity_values, faq_ranking, intent_ranking
from actions.topics import buttons_for

# Both candidates need at least this response-selector confidence to be offered...
CANDIDATE_FLOOR = 0.2
# ...and must be within this distance of each other.
CLOSE_MARGIN = 0.3
INPUT_PROBLEMS = {"empty", "too_long", "no_words"}


def close_candidates(tracker: Tracker) -> list[str]:
    """The two FAQ topics to offer, or [] when nothing is close enough to ask about."""
    intents = [i for i in intent_ranking(tracker) if i.get("name") not in ("nlu_fallback", None)]
    if not intents or intents[0]["name"] != FAQ_INTENT:
        return []
    ranking = faq_ranking(tracker)[:2]
    if len(ranking) < 2:
        return []
    first, second = ranking
    if second["confidence"] < CANDIDATE_FLOOR or first["confidence"] - second["confidence"] > CLOSE_MARGIN:
        return []
    return [first["topic"], second["topic"]]


class ActionHandleFallback(Action):
    def name(self) -> str:
        return "action_handle_fallback"

    async def run(self, dispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        problems = [p for p in entity_values(tracker, "input_problem") if p in INPUT_PROBLEMS]
        if problems:
            dispatcher.utter_message(response=f"utter_input_{problems[0]}")
            return []
        candidates = close_candidates(tracker)
        if candidates:
            dispatcher.utter_message(response="utter_clarify", buttons=buttons_for(candidates))
        else:
            dispatcher.utter_message(response="utter_fallback")
        return []
