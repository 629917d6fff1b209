"""Reviewed responses that the channels send themselves (not Rasa's policies).

The text comes from the running model's domain (domain.yml, where every
patient-facing text lives with its review metadata), filled with the clinic's
settings: the same {placeholders} the answers use.
"""

import logging
from typing import Dict, List, Optional

from sanic import Blueprint, Sanic

from rasa.core.nlg.interpolator import interpolate_text

from ldn import settings

logger = logging.getLogger(__name__)


class _App:
    """The Rasa server app, captured when a channel's blueprint is registered."""

    current: Optional[Sanic] = None


def remember_app(blueprint: Blueprint) -> Blueprint:
    @blueprint.listener("before_server_start")
    async def _remember(app: Sanic, _loop) -> None:
        _App.current = app

    return blueprint


def current_app() -> Optional[Sanic]:
    return _App.current


def response_text(name: str, **values: object) -> Optional[str]:
    """The first variant of response `name`, filled in; None (logged) if the model lacks it."""
    agent = getattr(getattr(_App.current, "ctx", None), "agent", None)
    variants: List[Dict] = (agent.domain.responses.get(name) if agent and agent.domain else None) or []
    if not variants or not variants[0].get("text"):
        logger.error("reply: response %s is not in the loaded model's domain; retrain the model", name)
        return None
    filled = {**settings.response_variables(), **{key: str(value) for key, value in values.items()}}
    return interpolate_text(variants[0]["text"], filled)
