"""Rasa's SQL tracker store, with a per-turn load that doesn't grow with the conversation.

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
- on SQLite, uses WAL and synchronous=NORMAL (durable across a process crash; a
  power cut may lose the last turns) and keeps its connections open.

Selected in endpoints.yml with `type: ldn.tracker_store.WindowedSQLTrackerStore`.
"""

import itertools
import json
import logging
from typing import Any, Dict, Iterator, List, Optional, Set

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

logger = logging.getLogger(__name__)

# The assistant answers from the latest message and slots; 10 turns leave a wide margin.
WINDOW_TURNS = 10
# Events after which earlier slot values no longer count.
RESETS = ("session_started", "restart", "reset_slots")
STORED = "_ldn_stored_events"  # set on a loaded tracker: how many of its events are in the database


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class WindowedSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, window_turns: int = WINDOW_TURNS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.window_turns = int(window_turns)
        if self.engine.dialect.name == "sqlite":
            url = self.engine.url
            self.engine.dispose()
            self.engine = sa.create_engine(url, poolclass=sa.pool.QueuePool, pool_size=5, max_overflow=5,
                                           connect_args={"check_same_thread": False})
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
            self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    def _window_ids(self, rows: List[Any]) -> Optional[Set[int]]:
        """Ids of the events to load, or None when the whole session is small enough."""
        users = [row.id for row in rows if row.type_name == "user"]
        if len(users) <= self.window_turns:
            return None
        window_start = users[-self.window_turns]
        resets = [row.id for row in rows if row.type_name in RESETS and row.id < window_start]
        base = max(resets, default=rows[0].id)
        latest_slots: Dict[str, int] = {}
        for row in rows:
            if base < row.id < window_start and row.type_name == "slot":
                latest_slots[row.action_name] = row.id
        keep = {rows[0].id, base, *latest_slots.values()}
        keep.update(row.id for row in rows if row.id >= window_start)
        return keep

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        with self.session_scope() as session:
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
