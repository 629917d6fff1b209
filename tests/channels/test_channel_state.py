"""The Twilio channel's state backends (channels/channel_state.py) without a server.

The PostgreSQL backend across two replicas is exercised for real by tests/cluster/
(the same MessageSid posted to both replicas at once is answered once)."""

import asyncio

import pytest

from channels import channel_state
from channels.pg_state import advisory_key, libpq_url
from channels.sms_state import ProcessLocks, SmsState
from ldn import settings

pytestmark = pytest.mark.unit


@pytest.fixture
def backend(monkeypatch):
    def choose(name=None, **env):
        if name is None:
            monkeypatch.delenv("LDN_CHANNEL_STATE", raising=False)
        else:
            monkeypatch.setenv("LDN_CHANNEL_STATE", name)
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        settings.load_settings.cache_clear()

    yield choose
    settings.load_settings.cache_clear()


def test_make_run_keeps_the_embedded_sqlite_state(backend, tmp_path, monkeypatch):
    backend()
    monkeypatch.setenv("LDN_STATE_DIR", str(tmp_path))
    assert channel_state.backend_name() == "sqlite"
    assert isinstance(channel_state.create_channel_state(), SmsState)


def test_an_unknown_backend_is_refused(backend):
    backend("memcached")
    with pytest.raises(ValueError, match="LDN_CHANNEL_STATE"):
        channel_state.create_channel_state()


def test_postgresql_needs_a_postgresql_url(backend, monkeypatch):
    backend("postgresql", LDN_TRACKER_URL="sqlite:///var/tracker.db")
    monkeypatch.delenv("LDN_CHANNEL_STATE_URL", raising=False)
    with pytest.raises(ValueError, match="postgresql://"):
        channel_state.create_channel_state()
    assert libpq_url("postgresql+psycopg2://u:p@h:5/db") == "postgresql://u:p@h:5/db"


def test_advisory_keys_are_stable_signed_64_bit_and_distinct():
    keys = {advisory_key(f"sms-{i}") for i in range(1000)}
    assert len(keys) == 1000
    assert all(-(2**63) <= key < 2**63 for key in keys)
    assert advisory_key("sms-1") == advisory_key("sms-1")


def test_process_locks_serialise_one_sender_and_forget_idle_ones():
    locks = ProcessLocks()
    trace = []

    async def message(sender, i):
        async with locks.lock(sender):
            trace.append((sender, "in", i))
            await asyncio.sleep(0.01)
            trace.append((sender, "out", i))

    async def main():
        await asyncio.gather(*(message("a", i) for i in range(3)), message("b", 9))

    asyncio.run(main())
    mine = [step for step in trace if step[0] == "a"]
    assert [kind for _, kind, _ in mine] == ["in", "out"] * 3  # never two of one sender at once
    assert trace.index(("b", "in", 9)) < trace.index(("a", "out", 0))  # other senders don't wait
    assert locks._locks == {}
