"""REST channel: Rasa's, with the input checks every channel here applies.

Rasa's stock RestInput answers a body that is not JSON with a 500-class error,
files sender-less messages under one shared "default" conversation, and passes
any text through. Here:
- invalid JSON, a JSON body that is not an object, or a missing/oversized
  `sender` -> 400 with a plain explanation;
- a `message` that is empty, too long, or has no words -> a clear reply;
- `input_channel` can't be spoofed by the client;
- client `metadata` is dropped: nothing the client adds is stored with the
  conversation;
- bodies over 64 KB get 413 before they are read (channels/hardening.py);
- a patient never waits in silence (channels/guard.py).
"""

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request

from channels.guard import answer_within
from channels.hardening import harden
from ldn.text import prepare_message, valid_sender

logger = logging.getLogger(__name__)


def _bad_request(reason: str) -> response.HTTPResponse:
    return response.json({"error": reason}, status=400)


class CheckedRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def get_metadata(self, request: Request) -> None:
        return None  # client metadata is never stored

    def blueprint(self, on_new_message: Callable[[Any], Awaitable[Any]]) -> Blueprint:
        webhook = harden(super().blueprint(answer_within(on_new_message)))

        @webhook.middleware("request")
        async def check_body(request: Request):
            if request.method != "POST" or not request.path.endswith("/webhook"):
                return None
            try:
                body = request.load_json()
            except Exception:  # Sanic raises its own InvalidUsage subclass here
                return _bad_request("The body must be JSON.")
            if not isinstance(body, dict):
                return _bad_request('The body must be a JSON object: {"sender": "...", "message": "..."}.')
            if not valid_sender(body.get("sender")):
                return _bad_request('"sender" must be a non-empty string of at most 128 characters.')
            if "message" in body and body["message"] is not None and not isinstance(body["message"], str):
                return _bad_request('"message" must be a string.')
            text, problem = prepare_message(body.get("message"))
            if problem:
                logger.info("rest: unreadable message (%s)", problem)
            checked = {**body, "message": text, "input_channel": self.name()}
            # Sanic types parsed_json as None (unparsed); RestInput reads what is set here.
            request.parsed_json = checked  # type: ignore[assignment]
            return None

        return webhook
