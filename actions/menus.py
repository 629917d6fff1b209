"""The greeting and help messages, with topic buttons from the topics' homes (topic.yml `menus`)."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.topics import buttons_for, menu


def show_help(dispatcher: CollectingDispatcher) -> None:
    dispatcher.utter_message(response="utter_help", buttons=buttons_for(menu("help")))


class ActionGreet(Action):
    def name(self) -> str:
        return "action_greet"

    async def run(self, dispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        dispatcher.utter_message(response="utter_greet", buttons=buttons_for(menu("greeting")))
        return []


class ActionShowHelp(Action):
    def name(self) -> str:
        return "action_show_help"

    async def run(self, dispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        show_help(dispatcher)
        return []
