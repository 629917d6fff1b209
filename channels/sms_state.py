"""What the SMS/WhatsApp channel remembers between messages, in one SQLite file.

- opt_outs:      who sent STOP (until they send START);
- last_options:  the payloads of the numbered list last sent, so "2" can pick one;
- sid_replies:   the reply given to each MessageSid, so a retried webhook gets the
                 same answer without the message being processed again;
- forget_requests: who sent DELETE and must still CONFIRM (ldn/privacy.py).

Every row is keyed by the hashed sender ID (channels/sender_id.py), never by a
phone number, and no patient text is stored: only the bot's own replies and
button payloads. The file lives in $LDN_STATE_DIR (default var/).

This is the single-machine backend of channels/channel_state.py (the default for
`make run`); channels/pg_state.py is the one several replicas share.
"""

import asyncio
import json
import os
import sqlite3
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import AsyncContextManager  # noqa: UP035

from ldn.security import make_private

DEFAULT_STATE_DIR = "var/"
STATE_FILE_NAME = "twilio_state.db"
SID_REPLY_TTL_S = 7 * 24 * 3600  # Twilio retries within minutes; a week is generous
OPTIONS_TTL_S = 24 * 3600  # "2" a day later no longer means the old list

_SCHEMA = """
CREATE TABLE IF NOT EXISTS opt_outs (
    sender_key   TEXT PRIMARY KEY,
    opted_out_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS last_options (
    sender_key TEXT PRIMARY KEY,
    options    TEXT NOT NULL,
    sent_at    REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS sid_replies (
    sender_key  TEXT NOT NULL,
    message_sid TEXT NOT NULL,
    reply       TEXT NOT NULL,
    created_at  REAL NOT NULL,
    PRIMARY KEY (sender_key, message_sid)
);
CREATE INDEX IF NOT EXISTS sid_replies_created_at ON sid_replies (created_at);
CREATE TABLE IF NOT EXISTS forget_requests (
    sender_key   TEXT PRIMARY KEY,
    requested_at REAL NOT NULL
);
"""
FORGET_CONFIRM_S = 10 * 60  # CONFIRM must follow DELETE within this (utter_forget_confirm says so)


def state_dir() -> Path:
    return Path(os.environ.get("LDN_STATE_DIR") or DEFAULT_STATE_DIR)


class ProcessLocks:
    """One asyncio.Lock per name, alive while someone holds or waits for it: enough when a
    single process serves every message of a sender."""

    def __init__(self) -> None:
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def lock(self, name: str) -> AsyncIterator[None]:
        lock, users = self._locks.get(name, (asyncio.Lock(), 0))
        self._locks[name] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[name]
            if users == 1:
                del self._locks[name]
            else:
                self._locks[name] = (lock, users - 1)


class SmsState:
    """Small synchronous store; each call is one short transaction (well under a millisecond)."""

    def __init__(self, path: str | Path | None = None) -> None:
        self._process_locks = ProcessLocks()
        self.path = Path(path) if path else state_dir() / STATE_FILE_NAME
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with self._connect() as db:
            db.executescript(_SCHEMA)
        make_private(self.path)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(str(self.path), timeout=10)
        try:
            with db:  # commit on success, roll back on error
                yield db
        finally:
            db.close()

    def lock(self, sender_key: str) -> AsyncContextManager[None]:
        """Serialise one sender's messages (in this process)."""
        return self._process_locks.lock(sender_key)

    # -- opt-outs
    def is_opted_out(self, sender_key: str) -> bool:
        with self._connect() as db:
            row = db.execute("SELECT 1 FROM opt_outs WHERE sender_key = ?", (sender_key,)).fetchone()
        return row is not None

    def opt_out(self, sender_key: str) -> bool:
        """Record a STOP. True if the sender was subscribed until now."""
        with self._connect() as db:
            cursor = db.execute(
                "INSERT OR IGNORE INTO opt_outs (sender_key, opted_out_at) VALUES (?, ?)",
                (sender_key, time.time()),
            )
            db.execute("DELETE FROM last_options WHERE sender_key = ?", (sender_key,))
            return cursor.rowcount == 1

    def opt_in(self, sender_key: str) -> bool:
        """Record a START. True if the sender was opted out until now."""
        with self._connect() as db:
            return db.execute("DELETE FROM opt_outs WHERE sender_key = ?", (sender_key,)).rowcount == 1

    # -- numbered options
    def set_options(self, sender_key: str, options: list[str]) -> None:
        with self._connect() as db:
            if options:
                db.execute(
                    "INSERT OR REPLACE INTO last_options (sender_key, options, sent_at) VALUES (?, ?, ?)",
                    (sender_key, json.dumps(options), time.time()),
                )
            else:
                db.execute("DELETE FROM last_options WHERE sender_key = ?", (sender_key,))

    def options(self, sender_key: str) -> list[str]:
        with self._connect() as db:
            row = db.execute(
                "SELECT options FROM last_options WHERE sender_key = ? AND sent_at >= ?",
                (sender_key, time.time() - OPTIONS_TTL_S),
            ).fetchone()
        return json.loads(row[0]) if row else []

    # -- replies by MessageSid
    def sid_reply(self, sender_key: str, message_sid: str) -> str | None:
        with self._connect() as db:
            row = db.execute(
                "SELECT reply FROM sid_replies WHERE sender_key = ? AND message_sid = ?",
                (sender_key, message_sid),
            ).fetchone()
        return row[0] if row else None

    def save_sid_reply(self, sender_key: str, message_sid: str, reply: str) -> None:
        now = time.time()
        with self._connect() as db:
            db.execute(
                "INSERT OR REPLACE INTO sid_replies (sender_key, message_sid, reply, created_at) VALUES (?, ?, ?, ?)",
                (sender_key, message_sid, reply, now),
            )
            db.execute("DELETE FROM sid_replies WHERE created_at < ?", (now - SID_REPLY_TTL_S,))

    # -- "forget me" (SMS keyword DELETE, then CONFIRM) and retention
    def request_forget(self, sender_key: str) -> None:
        with self._connect() as db:
            db.execute(
                "INSERT OR REPLACE INTO forget_requests (sender_key, requested_at) VALUES (?, ?)",
                (sender_key, time.time()),
            )

    def take_forget_request(self, sender_key: str) -> bool:
        """True if DELETE came within FORGET_CONFIRM_S; the request is used up either way."""
        with self._connect() as db:
            row = db.execute("SELECT requested_at FROM forget_requests WHERE sender_key = ?", (sender_key,)).fetchone()
            if row:
                db.execute("DELETE FROM forget_requests WHERE sender_key = ?", (sender_key,))
        return bool(row) and time.time() - row[0] <= FORGET_CONFIRM_S

    def forget(self, sender_key: str) -> int:
        """Delete what is kept for one sender except an opt-out. Returns the rows deleted."""
        with self._connect() as db:
            return sum(
                db.execute(f"DELETE FROM {table} WHERE sender_key = ?", (sender_key,)).rowcount
                for table in ("last_options", "sid_replies", "forget_requests")
            )

    def expire(self, cutoff: float) -> int:
        """Delete rows older than `cutoff` (epoch seconds) except opt-outs. Returns the rows deleted."""
        with self._connect() as db:
            return sum(
                db.execute(f"DELETE FROM {table} WHERE {column} < ?", (cutoff,)).rowcount
                for table, column in (
                    ("last_options", "sent_at"),
                    ("sid_replies", "created_at"),
                    ("forget_requests", "requested_at"),
                )
            )
