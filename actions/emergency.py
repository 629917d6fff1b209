"""Emergency guidance: the right number for what the message describes."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker

from actions.message import entity_values
from ldn.emergency import KINDS


class ActionGiveEmergencyGuidance(Action):
    def name(self) -> Text:
        return "action_give_emergency_guidance"

    async def run(self, dispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        kinds = [kind for kind in entity_values(tracker, "emergency_kind") if kind in KINDS]
        # Recognised by the classifier but by no pattern: give every number.
        for kind in kinds or ["general"]:
            dispatcher.utter_message(response=f"utter_emergency_{kind}")
        dispatcher.utter_message(response="utter_emergency_followup")
        return []
