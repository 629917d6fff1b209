"""Rasa's SQL tracker store, made to fail fast and say so (endpoints.yml).

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
"""

import logging
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Optional

import sqlalchemy.exc
from sqlalchemy.engine.url import make_url

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

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

    def __init__(self, domain: Any = None, host: Optional[str] = None, **kwargs: Any) -> None:
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

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        with _readable():
            return await super().retrieve(sender_id)

    async def retrieve_full_tracker(self, sender_id: str) -> Optional[DialogueStateTracker]:
        with _readable():
            return await super().retrieve_full_tracker(sender_id)

    async def save(self, tracker: DialogueStateTracker) -> None:
        try:
            await super().save(tracker)
        except sqlalchemy.exc.SQLAlchemyError as error:
            raise TrackerSaveFailed(f"could not save a conversation ({type(error).__name__})") from None
