"""Reviewed responses that the channels send themselves (not Rasa's policies).

The carrier keywords (HELP, STOP, START), the non-text, slow and error replies, the
"having trouble" notice, "forget me" and the disclaimer are responses in the domain
(data/domain/*.yml) with reviewer metadata, like every other patient-facing text. The
text comes from the running model's domain, filled with the clinic's settings: the same
{placeholders} the answers use.
"""

import logging
from collections.abc import Iterable

from rasa.core.nlg.interpolator import interpolate_text
from rasa.shared.core.events import Event, SessionStarted, UserUttered
from sanic import Blueprint, Sanic

from ldn import settings
from ldn.domain import responses

logger = logging.getLogger(__name__)

# Every disclaimer text carries this phrase (tests/channels/test_replies.py); a reply
# that already has it (the greeting) doesn't get the disclaimer twice.
DISCLAIMER_MARK = "not medical advice"


class _App:
    """The Rasa server app, captured when a channel's blueprint is registered."""

    current: Sanic | None = None


def remember_app(blueprint: Blueprint) -> Blueprint:
    @blueprint.listener("before_server_start")
    async def _remember(app: Sanic, _loop) -> None:
        _App.current = app

    return blueprint


def current_app() -> Sanic | None:
    return _App.current


def _variants(name: str) -> list[dict]:
    agent = getattr(getattr(_App.current, "ctx", None), "agent", None)
    loaded = (agent.domain.responses.get(name) if agent and agent.domain else None) or []
    if loaded:
        return loaded
    # Not serving (unit tests), or a model trained before this response existed: the reviewed text on disk.
    if agent is not None:
        logger.warning("reply: %s is not in the loaded model; using the domain on disk (retrain to include it)", name)
    return responses().get(name) or []


def response_text(name: str, **values: object) -> str | None:
    """The first variant of response `name`, filled in; None (logged) if there is none."""
    variants = _variants(name)
    if not variants or not variants[0].get("text"):
        logger.error("reply: no response %s in the domain", name)
        return None
    filled = {**settings.response_variables(), **{key: str(value) for key, value in values.items()}}
    return interpolate_text(variants[0]["text"], filled)


def render(name: str) -> str:
    """Like response_text, for the channel's own fixed replies, which always exist (tested)."""
    text = response_text(name)
    if text is None:
        raise KeyError(name)
    return text


def session_started_this_turn(events: Iterable[Event]) -> bool:
    """True when a session started just before the latest user message (its first reply).

    A new conversation and the first message after 60 idle minutes (session_config)
    both start one: Rasa runs action_session_start, which logs SessionStarted.
    """
    events = list(events)
    users = [i for i, event in enumerate(events) if isinstance(event, UserUttered)]
    if not users:
        return False
    previous = users[-2] if len(users) > 1 else -1
    return any(isinstance(event, SessionStarted) for event in events[previous + 1 : users[-1]])
