"""Rasa's SQL tracker store, made to fail fast and to load a window per turn (endpoints.yml).

Failing fast (CheckedSQLTrackerStore):
Rasa wraps every tracker store in FailSafeTrackerStore. When the database is
locked or unreachable, its ``retrieve`` quietly returns nothing: Rasa then starts
an empty conversation in memory, answers without the patient's context, and
never saves it; and the error it logs quotes SQLAlchemy's message, which carries
the SQL parameters (the patient's text). Here:
- reading a conversation that can't be read raises ``TrackerStoreUnavailable``,
  a BaseException so that FailSafeTrackerStore can't swallow it: the message is
  not answered out of context, and channels/guard.py sends the patient
  utter_service_trouble instead. Nothing stored is touched;
- errors are logged by kind only, never with SQL parameters;
- waits are short: SQLite gives up on a lock after LOCK_WAIT_S (pysqlite's
  default is 5 s, and the store's calls block Rasa's event loop while they wait),
  PostgreSQL after CONNECT_TIMEOUT_S;
- an SQLite file is kept 0600 (with its -journal/-wal/-shm files).

A window per turn (WindowedSQLTrackerStore, the one endpoints.yml selects):
Rasa 3.6's SQLTrackerStore loads, parses and replays every event of the current
session on every message, then counts them all again to find what to save; the
action server is then sent all of them. A patient's 100th message cost more than
twice their first (README, "Performance"). This store:

- loads the latest session as: its start, the latest value of each slot, and the
  events of the last WINDOW_TURNS user turns. The assistant's rules look at the
  latest message only and its context lives in slots, so what it decides is the
  same; the database still holds every event (`retrieve_full_tracker`, the HTTP
  API and staff reports read them all);
- saves the events added since the load, without counting the stored ones;
- on SQLite, keeps its connections open, in the rollback journal mode. WAL was
  measured (92 vs 144 ms per turn in an interleaved A/B under load, worse in a
  sequential micro-benchmark) and dropped: with WAL a locked database still
  reads, so the patient was answered and the turn was then not saved.

"""

import itertools
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Optional

import sqlalchemy as sa
import sqlalchemy.exc
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.engine.url import make_url

from ldn.security import make_private

logger = logging.getLogger(__name__)

LOCK_WAIT_S = 2
CONNECT_TIMEOUT_S = 3


class TrackerStoreUnavailable(BaseException):
    """The conversation database could not be read (locked, down, unreachable)."""


class TrackerSaveFailed(Exception):
    """Saving failed; an Exception, so Rasa's FailSafeTrackerStore logs it (this text only)."""


def with_timeouts(url: str) -> str:
    """`url` with a lock or connect timeout unless it already sets one."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    key, value = ("timeout", LOCK_WAIT_S) if backend == "sqlite" else ("connect_timeout", CONNECT_TIMEOUT_S)
    if backend in ("sqlite", "postgresql") and key not in parsed.query:
        parsed = parsed.update_query_dict({key: str(value)})
    return parsed.render_as_string(hide_password=False)


@contextmanager
def _readable() -> Iterator[None]:
    """Database errors while reading become TrackerStoreUnavailable, logged by kind only."""
    try:
        yield
    except sqlalchemy.exc.SQLAlchemyError as error:
        logger.error("tracker store: could not read a conversation (%s)", type(error).__name__)
        raise TrackerStoreUnavailable(type(error).__name__) from None


class CheckedSQLTrackerStore(SQLTrackerStore):
    current: Optional["CheckedSQLTrackerStore"] = None  # the one this process uses (retention, forget)

    def __init__(self, domain: Any = None, host: str | None = None, **kwargs: Any) -> None:
        if host and "://" in host:
            host = with_timeouts(host)
        super().__init__(domain=domain, host=host, **kwargs)
        self.sqlite_file = self.engine.url.database if self.engine.dialect.name == "sqlite" else None
        self.keep_private()
        CheckedSQLTrackerStore.current = self

    def keep_private(self) -> None:
        """0600 (SQLite gives its -journal/-wal files the database file's mode)."""
        if self.sqlite_file:
            make_private(Path(self.sqlite_file))

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        with _readable():
            return await super().retrieve(sender_id)

    async def retrieve_full_tracker(self, sender_id: str) -> DialogueStateTracker | None:
        with _readable():
            return await super().retrieve_full_tracker(sender_id)

    async def save(self, tracker: DialogueStateTracker) -> None:
        try:
            await super().save(tracker)
        except sqlalchemy.exc.SQLAlchemyError as error:
            raise TrackerSaveFailed(f"could not save a conversation ({type(error).__name__})") from None


# The assistant answers from the latest message and slots; 10 turns leave a wide margin.
WINDOW_TURNS = 10
# Events after which earlier slot values no longer count.
RESETS = ("session_started", "restart", "reset_slots")
STORED = "_ldn_stored_events"  # set on a loaded tracker: how many of its events are in the database


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    # Explicit, so a database left in WAL by an earlier version goes back to it.
    cursor.execute("PRAGMA journal_mode=DELETE")
    cursor.close()


class WindowedSQLTrackerStore(CheckedSQLTrackerStore):
    engine: Any  # Rasa's SQLTrackerStore sets it (SQLAlchemy ships no types here)

    def __init__(self, *args: Any, window_turns: int = WINDOW_TURNS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.window_turns = int(window_turns)
        if self.engine.dialect.name == "sqlite":
            url = self.engine.url
            self.engine.dispose()
            self.engine = sa.create_engine(
                url, poolclass=sa.pool.QueuePool, pool_size=5, max_overflow=5, connect_args={"check_same_thread": False}
            )
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
            self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    def _window_ids(self, rows: list[Any]) -> set[int] | None:
        """Ids of the events to load, or None when the whole session is small enough."""
        users = [row.id for row in rows if row.type_name == "user"]
        if len(users) <= self.window_turns:
            return None
        window_start = users[-self.window_turns]
        resets = [row.id for row in rows if row.type_name in RESETS and row.id < window_start]
        base = max(resets, default=rows[0].id)
        latest_slots: dict[str, int] = {}
        for row in rows:
            if base < row.id < window_start and row.type_name == "slot":
                latest_slots[row.action_name] = row.id
        keep = {rows[0].id, base, *latest_slots.values()}
        keep.update(row.id for row in rows if row.id >= window_start)
        return keep

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        with _readable(), self.session_scope() as session:
            query = self._event_query(session, sender_id, fetch_events_from_all_sessions=False)
            rows = query.with_entities(self.SQLEvent.id, self.SQLEvent.type_name, self.SQLEvent.action_name).all()
            if not rows or not self.domain:
                return None
            keep = self._window_ids(rows)
            if keep is None:
                data = [row.data for row in query.all()]
            else:
                data = [row.data for row in query.filter(self.SQLEvent.id.in_(sorted(keep))).all()]
        tracker = DialogueStateTracker.from_dict(sender_id, [json.loads(d) for d in data], self.domain.slots)
        setattr(tracker, STORED, len(tracker.events))
        return tracker

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator:
        stored = getattr(tracker, STORED, None)
        if stored is None:  # not loaded by this store (a new conversation, or a copy)
            return super()._additional_events(session, tracker)
        return itertools.islice(tracker.events, stored, len(tracker.events))

    async def save(self, tracker: DialogueStateTracker) -> None:
        await super().save(tracker)
        setattr(tracker, STORED, len(tracker.events))
