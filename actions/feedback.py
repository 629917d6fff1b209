"""'Was this helpful? 👍 👎' after an answer in the website widget, and recording the vote.

The vote is the patient's own message: the buttons send
/feedback{"feedback_vote": "up", "feedback_on": "utter_faq/dose"}, which Rasa
parses without the model and keeps on the conversation as a user event with
intent `feedback` and those entities. The staff report (web/staff/) reads them
there. After a thumbs down the patient may say why (more buttons, same intent,
with feedback_reason). Over SMS and REST nothing is asked.
"""

import json
import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.message import entity_values

FEEDBACK_CHANNELS = {"socketio"}  # the website widget
RATED_PREFIXES = ("utter_faq/", "utter_condition_", "utter_emergency_")
NOT_RATED = {
    "utter_condition_not_covered",
    "utter_condition_unknown",
    "utter_emergency_followup",
    "utter_emergency_crisis",
}  # no survey under crisis-line guidance
RESPONSE_NAME = re.compile(r"^utter_[a-z0-9_]+(/[a-z0-9_]+)?$")
VOTES = {"up", "down"}
# After a thumbs down: why. (value, button title); "not_emergency" only under emergency guidance.
REASONS = [
    ("off_target", "It didn't answer my question"),
    ("unclear", "It was hard to understand"),
    ("not_emergency", "It wasn't an emergency"),
    ("skip", "Skip"),
]


def is_rated(response: str | None) -> bool:
    return response is not None and response.startswith(RATED_PREFIXES) and response not in NOT_RATED


def _payload(**entities: str) -> str:
    return "/feedback" + json.dumps(entities, separators=(", ", ": "))


def _response(event: dict[str, Any]) -> str | None:
    return (event.get("metadata") or {}).get("utter_action") if event.get("event") == "bot" else None


def answer_of_this_turn(tracker: Tracker) -> str | None:
    """The first rated response the bot gave since the patient's last message."""
    users = [i for i, event in enumerate(tracker.events) if event.get("event") == "user"]
    turn = tracker.events[users[-1] + 1 :] if users else []
    return next((r for r in map(_response, turn) if is_rated(r)), None)


def last_answer(tracker: Tracker) -> str | None:
    return next((r for r in map(_response, reversed(tracker.events)) if is_rated(r)), None)


def vote_buttons(response: str) -> list[dict[str, str]]:
    return [
        {"title": "👍 Yes", "payload": _payload(feedback_vote="up", feedback_on=response)},
        {"title": "👎 No", "payload": _payload(feedback_vote="down", feedback_on=response)},
    ]


def reason_buttons(response: str) -> list[dict[str, str]]:
    emergency = response.startswith("utter_emergency_")
    return [
        {"title": title, "payload": _payload(feedback_vote="down", feedback_on=response, feedback_reason=value)}
        for value, title in REASONS
        if emergency or value != "not_emergency"
    ]


def on_web(tracker: Tracker) -> bool:
    return tracker.get_latest_input_channel() in FEEDBACK_CHANNELS


class ActionAskFeedback(Action):
    """Runs after every answering action (data/rules/); asks only in the widget, only after an answer."""

    def name(self) -> str:
        return "action_ask_feedback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        response = answer_of_this_turn(tracker)
        if response and on_web(tracker):
            dispatcher.utter_message(response="utter_feedback_ask", buttons=vote_buttons(response))
        return []


class ActionRecordFeedback(Action):
    """Thank for a vote; after a thumbs down, ask why. The vote itself is the user event."""

    def name(self) -> str:
        return "action_record_feedback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        votes = [v for v in entity_values(tracker, "feedback_vote") if v in VOTES]
        rated = [r for r in entity_values(tracker, "feedback_on") if RESPONSE_NAME.match(str(r))]
        reasons = entity_values(tracker, "feedback_reason")
        if not votes:  # typed "I want to give feedback": offer the buttons for the last answer
            response = last_answer(tracker)
            if response and on_web(tracker):
                dispatcher.utter_message(response="utter_feedback_ask", buttons=vote_buttons(response))
            else:
                dispatcher.utter_message(response="utter_feedback_thanks")
        elif reasons:
            dispatcher.utter_message(
                response="utter_feedback_thanks" if reasons[0] == "skip" else "utter_feedback_why_thanks"
            )
        elif votes[0] == "down" and rated and on_web(tracker):
            dispatcher.utter_message(response="utter_feedback_why", buttons=reason_buttons(rated[0]))
        else:
            dispatcher.utter_message(response="utter_feedback_thanks")
        return []
