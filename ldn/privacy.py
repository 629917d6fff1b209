"""Deleting patient data: retention and "forget me" (README, "Privacy").

Works on Rasa's SQL tracker store (its ``events`` table, SQLite or PostgreSQL,
through SQLAlchemy) and on the SMS state file (channels/sms_state.py):
- ``forget``: every event of one conversation, and its SMS state;
- ``expire``: every event older than the retention period, and old SMS state.
Opt-outs (STOP) are kept: they hold no conversation, only a hashed number, and
forgetting one would mean answering someone who asked not to be messaged.

Used by the server (channels/privacy.py: periodic retention, the widget's delete
control, the SMS keyword DELETE) and by staff (``make forget SENDER=...``).
"""

import os
import time
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from ldn.tracker_store import with_timeouts

DAY_S = 24 * 3600
EVENTS = sa.table("events", sa.column("sender_id"), sa.column("timestamp"), sa.column("type_name"))


@dataclass
class Deleted:
    messages: int = 0  # the patient's messages
    replies: int = 0  # the assistant's answers
    events: int = 0  # everything, including bookkeeping (actions, slots, sessions)
    conversations: int = 0  # conversations with anything deleted
    sms_rows: int = 0  # SMS state rows (numbered options, replies kept for retries)

    def add(self, other: "Deleted") -> "Deleted":
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    def summary(self) -> str:
        return (
            f"{self.messages} message(s) from the patient, {self.replies} answer(s), "
            f"{self.events} event(s) in all, in {self.conversations} conversation(s); "
            f"{self.sms_rows} SMS state row(s)"
        )


def tracker_engine(url: str | None = None) -> Engine:
    """An engine on the tracker database (LDN_TRACKER_URL by default)."""
    return sa.create_engine(with_timeouts(url or os.environ.get("LDN_TRACKER_URL", "sqlite:///var/tracker.db")))


def _has_events(engine: Engine) -> bool:
    return sa.inspect(engine).has_table("events")


def _delete_events(engine: Engine, where) -> Deleted:
    if not _has_events(engine):
        return Deleted()
    with engine.begin() as db:
        kinds: dict[str, int] = dict(
            db.execute(sa.select(EVENTS.c.type_name, sa.func.count()).where(where).group_by(EVENTS.c.type_name)).all()
        )
        conversations = db.execute(sa.select(sa.func.count(sa.distinct(EVENTS.c.sender_id))).where(where)).scalar()
        db.execute(sa.delete(EVENTS).where(where))
    return Deleted(
        messages=kinds.get("user", 0),
        replies=kinds.get("bot", 0),
        events=sum(kinds.values()),
        conversations=int(conversations or 0),
    )


def forget_conversation(engine: Engine, sender_id: str) -> Deleted:
    return _delete_events(engine, EVENTS.c.sender_id == sender_id)


def expire_conversations(engine: Engine, retention_days: float, now: float | None = None) -> Deleted:
    cutoff = (now or time.time()) - retention_days * DAY_S
    return _delete_events(engine, EVENTS.c.timestamp < cutoff)
