"""Answer FAQ topics, and the follow-ups that lean on the last topic."""

import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.menus import show_help
from actions.message import from_button, mentioned_conditions, mentioned_medicines, selected_topic
from actions.topics import TOPICS, buttons_for, response_for
from ldn.conditions import Condition, conditions
from ldn.topics import condition_led_topics, how_much_topics

# FAQ topics where a named condition is really the question ("does it help MS?"),
# so the condition's own answer is the more precise one (`condition_led` in topic.yml).
CONDITION_LED_TOPICS = condition_led_topics()
CONDITION_PREFIX = "condition:"


def answer_topic(dispatcher: CollectingDispatcher, topic: str) -> List[Dict[Text, Any]]:
    dispatcher.utter_message(response=response_for(topic))
    return [SlotSet("last_topic", topic)]


def say_medicines_not_covered(dispatcher: CollectingDispatcher, medicines: List[str]) -> None:
    dispatcher.utter_message(response="utter_medicine_not_covered", mentioned_medicine=" and ".join(medicines))


def say_conditions_not_covered(dispatcher: CollectingDispatcher, uncovered: List[Condition]) -> None:
    kinds = {c.category_response for c in uncovered}
    response = kinds.pop() if len(kinds) == 1 and None not in kinds else "utter_condition_not_covered"
    dispatcher.utter_message(response=response, mentioned_condition=" or ".join(c.name for c in uncovered))


def answer_condition(dispatcher: CollectingDispatcher, condition_id: str) -> List[Dict[Text, Any]]:
    condition = conditions()[condition_id]
    if not condition.covered:
        say_conditions_not_covered(dispatcher, [condition])
        return []
    dispatcher.utter_message(response=condition.response)
    return [SlotSet("last_topic", CONDITION_PREFIX + condition.id)]


# Words that turn "I take X" into "can I take LDN *with* X?" or "should I stop X?".
MEDICINE_QUESTION_CUE = re.compile(
    r"\b(with|while|together|combin\w*|mix\w*|interact\w*|alongside|same time|on top of|plus"
    r"|(ldn|naltrexone|it) and|and (ldn|naltrexone)"
    r"|stop\w*|quit\w*|come off|coming off|get off|switch\w*|instead|replace|swap\w*|taper\w*|wean\w*|reduce)\b",
    re.IGNORECASE,
)


def refuse_medicines(dispatcher: CollectingDispatcher, tracker: Tracker, cue_needed: bool = True) -> bool:
    """The guide checks no specific combination: say so when one is asked about. True if it did.

    `cue_needed=False` when NLU already judged the message out of scope.
    """
    medicines = mentioned_medicines(tracker)
    text = tracker.latest_message.get("text") or ""
    if not medicines or (cue_needed and not MEDICINE_QUESTION_CUE.search(text)):
        return False
    say_medicines_not_covered(dispatcher, medicines)
    return True


def refuse_unanswerable(dispatcher: CollectingDispatcher, tracker: Tracker, cue_needed: bool = True) -> bool:
    """Say "not covered" for a named medicine or a condition the guide doesn't cover.

    Returns True when it answered. Never lets a general answer sound like a yes
    about something the guide does not discuss.
    """
    if refuse_medicines(dispatcher, tracker, cue_needed):
        return True
    uncovered = [c for c in mentioned_conditions(tracker) if not c.covered]
    if uncovered:
        say_conditions_not_covered(dispatcher, uncovered)
    return bool(uncovered)


class ActionAnswerFaq(Action):
    def name(self) -> Text:
        return "action_answer_faq"

    async def run(self, dispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        topic = selected_topic(tracker)
        if topic not in TOPICS:
            dispatcher.utter_message(response="utter_fallback")
            return []
        if not from_button(tracker):
            if refuse_unanswerable(dispatcher, tracker):
                return []
            covered = [c for c in mentioned_conditions(tracker) if c.covered]
            if topic in CONDITION_LED_TOPICS and len(covered) == 1:
                return answer_condition(dispatcher, covered[0].id)
        return answer_topic(dispatcher, topic)


def last_topic(tracker: Tracker) -> Optional[str]:
    value = tracker.get_slot("last_topic")
    if value and value.startswith(CONDITION_PREFIX):
        condition = conditions().get(value[len(CONDITION_PREFIX):])
        return condition.topic if condition else None
    return value


class ActionAnswerHowMuch(Action):
    """ "And how much?" means the dose after talk of taking it, the price after talk of cost."""

    DOSE_CONTEXT = how_much_topics("dose")  # `how_much: dose` in topic.yml
    COST_CONTEXT = how_much_topics("cost")

    def name(self) -> Text:
        return "action_answer_how_much"

    async def run(self, dispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        previous = tracker.get_slot("last_topic") or ""
        if previous in self.COST_CONTEXT:
            return answer_topic(dispatcher, "cost")
        if previous in self.DOSE_CONTEXT or previous.startswith(CONDITION_PREFIX):
            return answer_topic(dispatcher, "dose")
        dispatcher.utter_message(response="utter_how_much_which")
        return []


class ActionTellMore(Action):
    """ "Tell me more": go on to the topic most related to the last answer."""

    def name(self) -> Text:
        return "action_tell_more"

    async def run(self, dispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        previous = last_topic(tracker)
        if previous not in TOPICS:
            show_help(dispatcher)
            return []
        current = tracker.get_slot("last_topic")
        following = [t for t in TOPICS[previous].related if t != current]
        if previous != current:  # after a condition answer, its topic comes next
            following = [previous] + following
        events = answer_topic(dispatcher, following[0])
        if following[1:]:
            dispatcher.utter_message(response="utter_more_topics", buttons=buttons_for(following[1:]))
        return events


class ActionExplainNotCovered(Action):
    """Out of scope: name the medicine or condition that isn't covered when there is one."""

    def name(self) -> Text:
        return "action_explain_not_covered"

    async def run(self, dispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        # The intent already says "outside the guide": no question cue needed for a medicine.
        if not refuse_unanswerable(dispatcher, tracker, cue_needed=False):
            dispatcher.utter_message(response="utter_out_of_scope")
        return []
