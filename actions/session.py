"""Start each conversation session with the clinic's current details in slots."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet

from ldn.conditions import covered_conditions
from ldn.settings import response_variables


def guide_condition_list() -> str:
    """The conditions the guide names for LDN, one bullet a line, from the registry."""
    return "".join(f"\n• {c.name}" for c in covered_conditions() if c.listed)


class ActionSessionStart(Action):
    def name(self) -> str:
        return "action_session_start"

    async def run(self, dispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        events: list[dict[str, Any]] = [SessionStarted()]
        events += [SlotSet(name, value) for name, value in response_variables().items()]
        events.append(SlotSet("covered_conditions", guide_condition_list()))
        events.append(ActionExecuted("action_listen"))
        return events
