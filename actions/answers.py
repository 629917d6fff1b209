""" "Tell me more": go on to the topic most related to the last answer.

Every other answer, refusal and emergency guidance is a plain response composed
by ComposePolicy (ldn/policy.py) from the scope gate's verdict; this one needs
code because its buttons depend on the conversation.
"""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet

from actions.menus import show_help
from actions.topics import TOPICS, buttons_for, response_for
from ldn.conditions import CONDITION_PREFIX, conditions


def last_topic(tracker: Tracker) -> str | None:
    value = tracker.get_slot("last_topic")
    if value and value.startswith(CONDITION_PREFIX):
        condition = conditions().get(value[len(CONDITION_PREFIX) :])
        return condition.topic if condition else None
    return value


class ActionTellMore(Action):
    def name(self) -> str:
        return "action_tell_more"

    async def run(self, dispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        previous = last_topic(tracker)
        if previous not in TOPICS:
            show_help(dispatcher)
            return []
        current = tracker.get_slot("last_topic")
        following = [t for t in TOPICS[previous].related if t != current]
        if previous != current:  # after a condition answer, its topic comes next
            following = [previous] + following
        dispatcher.utter_message(response=response_for(following[0]))
        if following[1:]:
            dispatcher.utter_message(response="utter_more_topics", buttons=buttons_for(following[1:]))
        return [SlotSet("last_topic", following[0])]
