"""Read conversations from Rasa's SQL tracker store (table `events`), SQLite or PostgreSQL.

The URL is LDN_TRACKER_URL, the same SQLAlchemy URL endpoints.yml gives Rasa
(default sqlite:///var/tracker.db). Read-only: one short connection per report.
"""

import json
import logging
import os
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.pool import NullPool

logger = logging.getLogger(__name__)
DEFAULT_URL = "sqlite:///var/tracker.db"
EVENT_TYPES = ("user", "bot")
QUERY = sa.text(
    "SELECT sender_id, type_name, timestamp, intent_name, action_name, data FROM events "
    "WHERE timestamp >= :since AND type_name IN ('user', 'bot') ORDER BY sender_id, id"
)


@dataclass(frozen=True)
class Event:
    sender: str
    type: str  # user | bot
    timestamp: float
    intent: str
    data: dict[str, Any]


def tracker_url() -> str:
    return os.environ.get("LDN_TRACKER_URL", "").strip() or DEFAULT_URL


def _parse(raw: Any) -> dict[str, Any]:
    try:
        data = json.loads(raw) if raw else {}
    except (TypeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def read_events(since: float, url: str = "") -> list[Event]:
    """User and bot events since `since` (epoch seconds), per conversation in order; [] if none yet."""
    engine = sa.create_engine(url or tracker_url(), poolclass=NullPool)
    try:
        with engine.connect() as connection:
            rows = connection.execute(QUERY, {"since": since}).fetchall()
    except (sa.exc.OperationalError, sa.exc.ProgrammingError) as error:
        # No conversation yet (no table) or the database is unreachable: an empty report, said plainly.
        logger.warning("staff report: cannot read the tracker store (%s)", type(error).__name__)
        raise StoreUnavailable(str(error.orig.__class__.__name__ if error.orig else error)) from error
    finally:
        engine.dispose()
    return [
        Event(sender=row[0], type=row[1], timestamp=float(row[2] or 0), intent=row[3] or "", data=_parse(row[5]))
        for row in rows
    ]


class StoreUnavailable(RuntimeError):
    """The tracker store can't be read (no conversations yet, or the database is down)."""
