"""Texts a channel sends by itself (no conversation turn): reviewed responses, rendered by name.

The carrier keywords (HELP, STOP, START), the non-text, slow and error replies and the
disclaimer are responses in the domain (data/domain/conversation.yml) with reviewer
metadata, like every other patient-facing text; the channel only fills in the clinic's
details from settings.yml.
"""

from typing import Iterable

from rasa.shared.core.events import Event, SessionStarted, UserUttered

from ldn import settings
from ldn.domain import responses

# Every disclaimer text carries this phrase (tests/channels/test_replies.py); a reply
# that already has it (the greeting) doesn't get the disclaimer twice.
DISCLAIMER_MARK = "not medical advice"


def render(name: str) -> str:
    """The first variation of a response, with the clinic's details filled in."""
    return responses()[name][0]["text"].format(**settings.response_variables())


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
    return any(isinstance(event, SessionStarted) for event in events[previous + 1:users[-1]])
