"""Reviewed responses that the channels send themselves (not Rasa's policies).

The text comes from the running model's domain (domain.yml, where every
patient-facing text lives with its review metadata), filled with the clinic's
settings: the same {placeholders} the answers use.
"""

import functools
import logging
from typing import Dict, List, Optional

from sanic import Blueprint, Sanic

from rasa.core.nlg.interpolator import interpolate_text
from rasa.shared.core.domain import Domain

from ldn import settings
from ldn.settings import PROJECT_ROOT

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


@functools.lru_cache(maxsize=None)
def _domain_on_disk() -> Dict[str, List[Dict]]:
    return Domain.load(str(PROJECT_ROOT / "domain.yml")).responses


def _variants(name: str) -> List[Dict]:
    agent = getattr(getattr(_App.current, "ctx", None), "agent", None)
    loaded = (agent.domain.responses.get(name) if agent and agent.domain else None) or []
    if loaded:
        return loaded
    # A model trained before this response existed: the reviewed text on disk.
    logger.warning("reply: %s is not in the loaded model; using domain.yml (retrain to include it)", name)
    return _domain_on_disk().get(name) or []


def response_text(name: str, **values: object) -> Optional[str]:
    """The first variant of response `name`, filled in; None (logged) if there is none."""
    variants = _variants(name)
    if not variants or not variants[0].get("text"):
        logger.error("reply: no response %s in the domain", name)
        return None
    filled = {**settings.response_variables(), **{key: str(value) for key, value in values.items()}}
    return interpolate_text(variants[0]["text"], filled)
