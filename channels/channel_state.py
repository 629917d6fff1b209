"""What the Twilio channel remembers between messages, behind one interface, two backends.

- ``sqlite`` (default, `make run`): channels/sms_state.py, one file under var/, and
  per-sender ordering with in-process asyncio locks. Right for one machine.
- ``postgresql`` (`make cluster`): channels/pg_state.py, tables in the conversation
  database shared by every replica, and per-sender ordering with PostgreSQL advisory
  locks, which a replica that dies releases at once (its connection closes).

Chosen by the setting ``channel_state.backend`` (env ``LDN_CHANNEL_STATE``). The
PostgreSQL URL is ``LDN_CHANNEL_STATE_URL``, else ``LDN_TRACKER_URL``; it holds a
password, so it is never read from settings.yml.
"""

import os
from typing import AsyncContextManager, Protocol  # noqa: UP035 (the Protocol's return type)

from ldn import settings

BACKENDS = ("sqlite", "postgresql")


class ChannelState(Protocol):
    """Opt-outs, numbered options, replies by MessageSid, and one lock per sender."""

    def lock(self, sender_key: str) -> AsyncContextManager[None]:
        """Held while one message of this sender is handled: a retried MessageSid waits
        for the first attempt (then gets its reply), and a sender's messages are handled
        in order, on whichever replica they arrive."""

    def is_opted_out(self, sender_key: str) -> bool: ...

    def opt_out(self, sender_key: str) -> bool:
        """Record a STOP. True if the sender was subscribed until now."""

    def opt_in(self, sender_key: str) -> bool:
        """Record a START. True if the sender was opted out until now."""

    def set_options(self, sender_key: str, options: list[str]) -> None: ...

    def options(self, sender_key: str) -> list[str]: ...

    def sid_reply(self, sender_key: str, message_sid: str) -> str | None: ...

    def save_sid_reply(self, sender_key: str, message_sid: str, reply: str) -> None: ...

    def request_forget(self, sender_key: str) -> None:
        """Record a DELETE ("forget me"); CONFIRM must follow within FORGET_CONFIRM_S."""

    def take_forget_request(self, sender_key: str) -> bool:
        """True if DELETE came within FORGET_CONFIRM_S; the request is used up either way."""

    def forget(self, sender_key: str) -> int:
        """Delete what is kept for one sender except an opt-out. Returns the rows deleted."""

    def expire(self, cutoff: float) -> int:
        """Delete rows older than `cutoff` (epoch seconds) except opt-outs. Returns the rows deleted."""


def backend_name() -> str:
    try:
        name = str(settings.get("channel_state", "backend") or "sqlite")
    except KeyError:
        name = "sqlite"
    name = name.strip().lower()
    if name not in BACKENDS:
        raise ValueError(
            f"channel_state.backend (LDN_CHANNEL_STATE) must be one of {', '.join(BACKENDS)}, not {name!r}"
        )
    return name


def create_channel_state() -> ChannelState:
    """The backend the settings name; raises (and the channel answers 503) if it can't start."""
    if backend_name() == "postgresql":
        from channels.pg_state import PostgresChannelState

        url = os.environ.get("LDN_CHANNEL_STATE_URL") or os.environ.get("LDN_TRACKER_URL", "")
        return PostgresChannelState(url, pool_size=int(os.environ.get("LDN_CHANNEL_STATE_POOL") or 5))
    from channels.sms_state import SmsState

    return SmsState()
