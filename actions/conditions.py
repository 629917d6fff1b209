"""Answer "can LDN help my X?", remembering X for "could it help me?" later."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker

from actions.answers import answer_condition, refuse_medicines
from actions.message import mentioned_conditions
from ldn.conditions import conditions


class ActionAnswerCondition(Action):
    def name(self) -> Text:
        return "action_answer_condition"

    async def run(self, dispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if refuse_medicines(dispatcher, tracker):
            return []
        named = mentioned_conditions(tracker)
        if not named:
            remembered = conditions().get(tracker.get_slot("condition") or "")
            named = [remembered] if remembered else []
        if not named:
            dispatcher.utter_message(response="utter_condition_unknown")
            return []
        events: List[Dict[Text, Any]] = []
        for condition in named[:2]:
            events += answer_condition(dispatcher, condition.id)
        return events
