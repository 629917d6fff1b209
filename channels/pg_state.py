"""The Twilio channel's state in PostgreSQL, shared by every Rasa replica (channels/channel_state.py).

Same data and rules as the SQLite backend (channels/sms_state.py): rows keyed by the
hashed sender ID, no patient text, sid replies kept a week, options a day.

Per-sender lock: a session-level advisory lock (``pg_try_advisory_lock``) on a pooled
connection, polled without blocking the event loop. It needs no expiry: if the replica
holding it dies, PostgreSQL sees the connection close and frees the lock at once, so a
Twilio retry reaching the other replica waits only for a live holder.

psycopg2 is synchronous; each query is a sub-millisecond round trip on 127.0.0.1 and runs
in the event loop, as Rasa's own SQL tracker store does.
"""

import asyncio
import hashlib
import json
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

import psycopg2
import psycopg2.pool

from channels.sms_state import FORGET_CONFIRM_S, OPTIONS_TTL_S, SID_REPLY_TTL_S

LOCK_POLL_S = 0.02  # a held lock is usually freed within one answer (~0.1 s)
LOCK_WAIT_MAX_S = 20.0  # Twilio gives up after 15 s; past this something is stuck
_SCHEMA_LOCK = 7_112_345_001  # advisory lock serialising CREATE TABLE across replicas

SCHEMA = """
CREATE TABLE IF NOT EXISTS ldn_sms_opt_outs (
    sender_key   TEXT PRIMARY KEY,
    opted_out_at DOUBLE PRECISION NOT NULL
);
CREATE TABLE IF NOT EXISTS ldn_sms_last_options (
    sender_key TEXT PRIMARY KEY,
    options    TEXT NOT NULL,
    sent_at    DOUBLE PRECISION NOT NULL
);
CREATE TABLE IF NOT EXISTS ldn_sms_sid_replies (
    sender_key  TEXT NOT NULL,
    message_sid TEXT NOT NULL,
    reply       TEXT NOT NULL,
    created_at  DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (sender_key, message_sid)
);
CREATE INDEX IF NOT EXISTS ldn_sms_sid_replies_created_at ON ldn_sms_sid_replies (created_at);
CREATE TABLE IF NOT EXISTS ldn_sms_forget_requests (
    sender_key   TEXT PRIMARY KEY,
    requested_at DOUBLE PRECISION NOT NULL
);
"""


class LockTimeout(RuntimeError):
    """A sender's lock stayed taken longer than any answer takes."""


def libpq_url(url: str) -> str:
    """SQLAlchemy's 'postgresql+psycopg2://...' -> libpq's 'postgresql://...'."""
    scheme, sep, rest = url.partition("://")
    if not sep or not scheme.startswith("postgresql"):
        raise ValueError(
            "the PostgreSQL channel state needs a postgresql:// URL (LDN_CHANNEL_STATE_URL or LDN_TRACKER_URL)"
        )
    return "postgresql://" + rest


def advisory_key(name: str) -> int:
    """A signed 64-bit advisory-lock key for a sender."""
    return int.from_bytes(hashlib.sha256(f"ldn-sms:{name}".encode()).digest()[:8], "big", signed=True)


class PostgresChannelState:
    def __init__(self, url: str, pool_size: int = 5) -> None:
        if pool_size < 2:
            raise ValueError("LDN_CHANNEL_STATE_POOL must be at least 2")
        self._pool = psycopg2.pool.ThreadedConnectionPool(0, pool_size, dsn=libpq_url(url), connect_timeout=5)
        # Lock holders may take all connections but one, which queries always get.
        self._lock_slots_size = pool_size - 1
        self._lock_slots: asyncio.Semaphore | None = None
        with self._cursor() as cursor:
            cursor.execute("BEGIN")
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
            cursor.execute(SCHEMA)
            cursor.execute("COMMIT")

    @contextmanager
    def _cursor(self) -> Iterator[Any]:
        connection = self._pool.getconn()
        broken = False
        try:
            connection.autocommit = True
            with connection.cursor() as cursor:
                yield cursor
        except psycopg2.OperationalError:
            broken = True  # PostgreSQL restarted or the link dropped: don't reuse this one
            raise
        finally:
            self._pool.putconn(connection, close=broken or connection.closed != 0)

    def _one(self, query: str, args: tuple) -> tuple | None:
        with self._cursor() as cursor:
            cursor.execute(query, args)
            return cursor.fetchone() if cursor.description else None

    def _count(self, query: str, args: tuple) -> int:
        with self._cursor() as cursor:
            cursor.execute(query, args)
            return cursor.rowcount

    # -- per-sender lock
    @asynccontextmanager
    async def lock(self, sender_key: str) -> AsyncIterator[None]:
        if self._lock_slots is None:
            self._lock_slots = asyncio.Semaphore(self._lock_slots_size)
        key = advisory_key(sender_key)
        async with self._lock_slots:
            with self._cursor() as cursor:
                deadline = time.monotonic() + LOCK_WAIT_MAX_S
                while True:
                    cursor.execute("SELECT pg_try_advisory_lock(%s)", (key,))
                    if cursor.fetchone()[0]:
                        break
                    if time.monotonic() > deadline:
                        raise LockTimeout("a sender's message lock stayed taken for 20 s")
                    await asyncio.sleep(LOCK_POLL_S)
                try:
                    yield
                finally:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", (key,))

    # -- opt-outs
    def is_opted_out(self, sender_key: str) -> bool:
        return self._one("SELECT 1 FROM ldn_sms_opt_outs WHERE sender_key = %s", (sender_key,)) is not None

    def opt_out(self, sender_key: str) -> bool:
        with self._cursor() as cursor:
            cursor.execute("BEGIN")
            cursor.execute(
                "INSERT INTO ldn_sms_opt_outs (sender_key, opted_out_at) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                (sender_key, time.time()),
            )
            first = cursor.rowcount == 1
            cursor.execute("DELETE FROM ldn_sms_last_options WHERE sender_key = %s", (sender_key,))
            cursor.execute("COMMIT")
        return first

    def opt_in(self, sender_key: str) -> bool:
        return self._count("DELETE FROM ldn_sms_opt_outs WHERE sender_key = %s", (sender_key,)) == 1

    # -- numbered options
    def set_options(self, sender_key: str, options: list[str]) -> None:
        if not options:
            self._count("DELETE FROM ldn_sms_last_options WHERE sender_key = %s", (sender_key,))
            return
        self._count(
            "INSERT INTO ldn_sms_last_options (sender_key, options, sent_at) VALUES (%s, %s, %s) "
            "ON CONFLICT (sender_key) DO UPDATE SET options = EXCLUDED.options, sent_at = EXCLUDED.sent_at",
            (sender_key, json.dumps(options), time.time()),
        )

    def options(self, sender_key: str) -> list[str]:
        row = self._one(
            "SELECT options FROM ldn_sms_last_options WHERE sender_key = %s AND sent_at >= %s",
            (sender_key, time.time() - OPTIONS_TTL_S),
        )
        return json.loads(row[0]) if row else []

    # -- replies by MessageSid
    def sid_reply(self, sender_key: str, message_sid: str) -> str | None:
        row = self._one(
            "SELECT reply FROM ldn_sms_sid_replies WHERE sender_key = %s AND message_sid = %s",
            (sender_key, message_sid),
        )
        return row[0] if row else None

    def save_sid_reply(self, sender_key: str, message_sid: str, reply: str) -> None:
        now = time.time()
        with self._cursor() as cursor:
            cursor.execute(
                "INSERT INTO ldn_sms_sid_replies (sender_key, message_sid, reply, created_at) VALUES (%s, %s, %s, %s) "
                "ON CONFLICT (sender_key, message_sid) DO UPDATE SET reply = EXCLUDED.reply, created_at = EXCLUDED.created_at",
                (sender_key, message_sid, reply, now),
            )
            cursor.execute("DELETE FROM ldn_sms_sid_replies WHERE created_at < %s", (now - SID_REPLY_TTL_S,))

    # -- "forget me" (SMS keyword DELETE, then CONFIRM) and retention
    def request_forget(self, sender_key: str) -> None:
        self._count(
            "INSERT INTO ldn_sms_forget_requests (sender_key, requested_at) VALUES (%s, %s) "
            "ON CONFLICT (sender_key) DO UPDATE SET requested_at = EXCLUDED.requested_at",
            (sender_key, time.time()),
        )

    def take_forget_request(self, sender_key: str) -> bool:
        row = self._one(
            "DELETE FROM ldn_sms_forget_requests WHERE sender_key = %s RETURNING requested_at", (sender_key,)
        )
        return row is not None and time.time() - row[0] <= FORGET_CONFIRM_S

    def forget(self, sender_key: str) -> int:
        return sum(
            self._count(f"DELETE FROM {table} WHERE sender_key = %s", (sender_key,))
            for table in ("ldn_sms_last_options", "ldn_sms_sid_replies", "ldn_sms_forget_requests")
        )

    def expire(self, cutoff: float) -> int:
        return sum(
            self._count(f"DELETE FROM {table} WHERE {column} < %s", (cutoff,))
            for table, column in (
                ("ldn_sms_last_options", "sent_at"),
                ("ldn_sms_sid_replies", "created_at"),
                ("ldn_sms_forget_requests", "requested_at"),
            )
        )

    def close(self) -> None:
        self._pool.closeall()
