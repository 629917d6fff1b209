""" "Can I talk to someone?": the clinic's contact details by its opening hours,
then, when the clinic set a handoff address, an offer to send the conversation
(sent only after the patient taps yes)."""

import asyncio
import datetime as dt
import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.message import entity_values
from ldn import handoff, hours

logger = logging.getLogger(__name__)
CONSENT_ASKED = "utter_handoff_consent"


def consent_buttons() -> list[dict[str, str]]:
    return [
        {"title": "Yes, send it", "payload": '/ask_human{"handoff_consent": "yes"}'},
        {"title": "No, thanks", "payload": '/ask_human{"handoff_consent": "no"}'},
    ]


def consent_pending(tracker: Tracker) -> bool:
    """Was the bot's last message before this one the consent question?"""
    users = [i for i, event in enumerate(tracker.events) if event.get("event") == "user"]
    before = tracker.events[: users[-1]] if users else []
    for event in reversed(before):
        if event.get("event") == "bot":
            return (event.get("metadata") or {}).get("utter_action") == CONSENT_ASKED
    return False


def say_contact(dispatcher: CollectingDispatcher, now: dt.datetime | None = None) -> None:
    opening = hours.from_settings()
    if opening is None:
        dispatcher.utter_message(response="utter_contact")
        return
    state = hours.describe(opening, now or dt.datetime.now(dt.timezone.utc))
    if state["open_now"] == "yes":
        dispatcher.utter_message(response="utter_contact_open", closes_at=state["closes_at"])
    elif state["opens_at"]:
        dispatcher.utter_message(response="utter_contact_closed", opens_at=state["opens_at"])
    else:  # no opening in the next two weeks: the free-text hours say more
        dispatcher.utter_message(response="utter_contact")


class ActionReachPerson(Action):
    def name(self) -> str:
        return "action_reach_person"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        consent = entity_values(tracker, "handoff_consent")
        if consent and consent_pending(tracker) and handoff.configured():
            if consent[0] == "yes":
                await self._send(dispatcher, tracker)
            else:
                dispatcher.utter_message(response="utter_handoff_not_sent")
            return []
        say_contact(dispatcher)
        if handoff.configured():
            dispatcher.utter_message(response=CONSENT_ASKED, buttons=consent_buttons())
        return []

    @staticmethod
    async def _send(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
        body = handoff.request_body(tracker.sender_id, tracker.get_latest_input_channel(), tracker.events)
        try:
            await asyncio.get_running_loop().run_in_executor(None, handoff.send, body)
        except handoff.HandoffError as error:
            logger.warning("handoff not sent: %s", error)
            dispatcher.utter_message(response="utter_handoff_failed")
            return
        dispatcher.utter_message(response="utter_handoff_sent")
