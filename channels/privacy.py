"""Patient data on the running server: retention and "forget me".

- Retention: every ``privacy.sweep_interval_s`` (1 h), starting when the server
  starts, events older than ``privacy.retention_days`` (30) are deleted from the
  conversation database, and old rows from the SMS state. No cron job needed.
- Forget: one conversation deleted under Rasa's own lock for that conversation,
  so an answer being written at the same moment can't bring it back.
The deletion itself is ldn/privacy.py; staff use ``make forget SENDER=...``.
"""

import asyncio
import contextlib
import logging
import time

from sanic import Blueprint, Sanic

from channels.channel_state import ChannelState, backend_name, create_channel_state
from channels.sms_state import STATE_FILE_NAME, SmsState
from ldn import settings
from ldn.privacy import DAY_S, Deleted, expire_conversations, forget_conversation, tracker_engine
from ldn.security import state_dir
from ldn.tracker_store import CheckedSQLTrackerStore

logger = logging.getLogger(__name__)


class _Retention:
    started = False
    task: "asyncio.Task[None] | None" = None


def _engine():
    store = CheckedSQLTrackerStore.current
    return store.engine if store is not None else tracker_engine()


def sms_state() -> ChannelState | None:
    """The Twilio channel's state where the settings keep it (None: SQLite file not made yet)."""
    if backend_name() == "postgresql":
        return create_channel_state()
    path = state_dir() / STATE_FILE_NAME
    return SmsState(path) if path.exists() else None


def sweep(now: float | None = None) -> Deleted:
    """Delete everything older than the retention period. Blocking: run it in a thread."""
    days = float(settings.get("privacy", "retention_days"))
    now = now or time.time()
    deleted = expire_conversations(_engine(), days, now)
    state = sms_state()
    if state is not None:
        deleted.sms_rows = state.expire(now - days * DAY_S)
    return deleted


async def _retention_loop() -> None:
    interval = float(settings.get("privacy", "sweep_interval_s"))
    loop = asyncio.get_running_loop()
    while True:
        try:
            deleted = await loop.run_in_executor(None, sweep)
            if deleted.events or deleted.sms_rows:
                logger.info("retention: deleted %s", deleted.summary())
        except Exception as error:  # keep sweeping; say what kind of failure, never data
            logger.error("retention: sweep failed (%s)", type(error).__name__)
        await asyncio.sleep(interval)


def keep_retention(blueprint: Blueprint) -> Blueprint:
    """Start the retention sweeps once per server, whichever channel registers first."""

    @blueprint.listener("after_server_start")
    async def _start(app: Sanic, _loop) -> None:
        if not _Retention.started:
            _Retention.started = True
            _Retention.task = asyncio.ensure_future(_retention_loop())

    @blueprint.listener("before_server_stop")
    async def _stop(app: Sanic, _loop) -> None:
        """Stop the sweeps with the server (else: "Task was destroyed but it is pending!")."""
        task, _Retention.task = _Retention.task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
            _Retention.started = False

    return blueprint


async def forget(app: Sanic, sender_id: str) -> Deleted:
    """Delete one conversation from the tracker store, holding Rasa's lock for it."""
    loop = asyncio.get_running_loop()
    async with app.ctx.agent.lock_store.lock(sender_id):
        deleted = await loop.run_in_executor(None, forget_conversation, _engine(), sender_id)
    logger.info("forget: deleted one conversation (%d events)", deleted.events)
    return deleted


def forget_reply(deleted: Deleted) -> str | None:
    """utter_forget_done, saying what was deleted."""
    from channels.replies import response_text

    return response_text("utter_forget_done", deleted_messages=deleted.messages, deleted_replies=deleted.replies)
