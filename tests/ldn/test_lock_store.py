"""ldn/lock_store.py against a real redis-server: a message that arrives just after a
dead replica's ticket is served, where Rasa's own Redis lock store loses it."""

import asyncio
import shutil
import subprocess
import time

import pytest
from rasa.core.lock_store import LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

from ldn.lock_store import RenewingRedisLockStore
from tests.server import free_port

pytestmark = pytest.mark.server

LIFETIME_S = 1.0


@pytest.fixture(scope="module")
def redis_port():
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            RedisLockStore(host="127.0.0.1", port=port).red.ping()
            break
        except Exception:
            time.sleep(0.1)
    yield port
    process.terminate()
    process.wait(10)


def served_after_a_dead_ticket(store, conversation: str) -> bool:
    """A replica took a ticket and died (never finished); 0.3 s later the next message
    waits for its turn, polling once a second as Rasa does."""
    store.issue_ticket(conversation, LIFETIME_S)
    time.sleep(0.3)

    async def next_message() -> bool:
        async with store.lock(conversation, lock_lifetime=LIFETIME_S, wait_time_in_seconds=1):
            return True

    try:
        return asyncio.run(asyncio.wait_for(next_message(), timeout=6))
    except (LockError, asyncio.TimeoutError):
        return False


def test_the_next_message_gets_its_turn_after_a_dead_replicas_ticket(redis_port):
    ours = RenewingRedisLockStore(EndpointConfig(url="127.0.0.1", port=redis_port, key_prefix="ours"))
    assert served_after_a_dead_ticket(ours, "patient-1")
    assert ours.get_lock("patient-1") is None  # cleaned up: the conversation's next message waits for nothing


def test_rasas_own_store_drops_that_message(redis_port):
    """Why ldn/lock_store.py exists (the race of rasa#9213's kind, measured here)."""
    assert not served_after_a_dead_ticket(
        RedisLockStore(host="127.0.0.1", port=redis_port, key_prefix="rasa"), "patient-2"
    )
