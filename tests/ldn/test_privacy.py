"""Deleting patient data (ldn/privacy.py) on a real SQLite tracker database.

The tracker store is Rasa's own SQLTrackerStore, so the table is exactly the one
the server writes; the same SQLAlchemy statements run on PostgreSQL.
"""

import asyncio
import time

import pytest

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from ldn.privacy import DAY_S, expire_conversations, forget_conversation, tracker_engine

pytestmark = pytest.mark.unit


def conversation(store: SQLTrackerStore, sender: str, at: float, turns: int = 2) -> None:
    tracker = DialogueStateTracker(sender, slots=[])
    for turn in range(turns):
        tracker.update(UserUttered(f"question {turn}", timestamp=at + turn))
        tracker.update(ActionExecuted("utter_x", timestamp=at + turn))
        tracker.update(BotUttered(f"answer {turn}", timestamp=at + turn))
    asyncio.run(store.save(tracker))


@pytest.fixture
def store(tmp_path):
    return SQLTrackerStore(dialect="sqlite", db=str(tmp_path / "tracker.db"))


def test_forget_deletes_one_conversation_and_counts_it(store):
    now = time.time()
    conversation(store, "alice", now)
    conversation(store, "bob", now)
    deleted = forget_conversation(store.engine, "alice")
    assert (deleted.messages, deleted.replies, deleted.events, deleted.conversations) == (2, 2, 6, 1)
    assert asyncio.run(store.retrieve("alice")) is None
    assert asyncio.run(store.retrieve("bob")) is not None
    assert forget_conversation(store.engine, "alice").events == 0


def test_expire_deletes_only_what_is_older_than_the_retention(store):
    now = time.time()
    conversation(store, "old", now - 40 * DAY_S)
    conversation(store, "recent", now - 2 * DAY_S)
    deleted = expire_conversations(store.engine, 30, now)
    assert deleted.conversations == 1 and deleted.messages == 2
    assert asyncio.run(store.retrieve("old")) is None
    assert len(asyncio.run(store.retrieve("recent")).events) == 6


def test_an_empty_database_is_fine(tmp_path):
    engine = tracker_engine(f"sqlite:///{tmp_path / 'none.db'}")
    assert forget_conversation(engine, "x").events == 0
    assert expire_conversations(engine, 30).events == 0
