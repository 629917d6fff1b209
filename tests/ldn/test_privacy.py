"""Deleting patient data (ldn/privacy.py) on real SQLite and PostgreSQL databases.

The tracker store is Rasa's own SQLTrackerStore, so the table is exactly the one
the server writes. PostgreSQL 15 (initdb/pg_ctl from /usr/local/bin) runs in a
temporary folder on 127.0.0.1 for this module only (about 10 s).
"""

import asyncio
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from ldn.privacy import DAY_S, expire_conversations, forget_conversation, tracker_engine
from tests.server import free_port

pytestmark = pytest.mark.unit


def conversation(store: SQLTrackerStore, sender: str, at: float, turns: int = 2) -> None:
    tracker = DialogueStateTracker(sender, slots=[])
    for turn in range(turns):
        tracker.update(UserUttered(f"question {turn}", timestamp=at + turn))
        tracker.update(ActionExecuted("utter_x", timestamp=at + turn))
        tracker.update(BotUttered(f"answer {turn}", timestamp=at + turn))
    asyncio.run(store.save(tracker))


PG_BIN = "/usr/local/bin"


def _as_postgres_user(argv, folder):
    """initdb refuses to run as root: run PostgreSQL as `nobody` then."""
    if os.geteuid() == 0:
        shutil.chown(folder, "nobody")
        return ["runuser", "-u", "nobody", "--"] + argv
    return argv


@pytest.fixture(scope="module")
def postgres():
    folder = Path(tempfile.mkdtemp(prefix="ldn-postgres-"))  # pytest's tmp is private to root
    data, port = folder / "data", free_port()
    subprocess.run(
        _as_postgres_user([f"{PG_BIN}/initdb", "-D", str(data), "-A", "trust", "-U", "ldn"], folder),
        check=True,
        capture_output=True,
        timeout=120,
    )
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1"
    start = [f"{PG_BIN}/pg_ctl", "-D", str(data), "-l", str(folder / "log"), "-o", options, "-w", "start"]
    subprocess.run(_as_postgres_user(start, folder), check=True, capture_output=True, timeout=60)
    yield f"postgresql://ldn@127.0.0.1:{port}/postgres"
    subprocess.run(
        _as_postgres_user([f"{PG_BIN}/pg_ctl", "-D", str(data), "-m", "fast", "stop"], folder),
        capture_output=True,
        timeout=60,
    )
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        return SQLTrackerStore(dialect="sqlite", db=str(tmp_path / "tracker.db"))
    store = SQLTrackerStore(host=request.getfixturevalue("postgres"))
    with store.engine.begin() as db:
        db.execute(sa.text("DELETE FROM events"))  # one database for the module
    return store


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
