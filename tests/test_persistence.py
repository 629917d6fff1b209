"""Conversations survive a restart: the SQLite tracker store keeps them.

Starts its own server twice on one database file (about 40 s), because
restarting is the point; every other test shares the session server.
"""

import uuid

import pytest

from tests.conftest import ARTIFACTS
from tests.server import start_server, stop_server

pytestmark = pytest.mark.server


def test_a_restart_continues_the_conversation():
    workdir = ARTIFACTS / "persistence"
    db = workdir / "tracker.db"
    db.unlink(missing_ok=True)
    env = {"LDN_TRACKER_URL": f"sqlite:///{db}"}
    sender = f"test-{uuid.uuid4().hex[:12]}"

    first = start_server(workdir / "first", extra_env=env)
    try:
        assert first.ask(sender, "how do i take ldn") == ["utter_faq/how_to_take"]
    finally:
        stop_server(first)

    second = start_server(workdir / "second", extra_env=env)
    try:
        # "and how much?" only means the dose if the earlier turn was kept.
        assert second.ask(sender, "and how much?") == ["utter_faq/dose"]
        users = [e for e in second.tracker(sender)["events"] if e["event"] == "user"]
        assert [u["text"] for u in users] == ["how do i take ldn", "and how much?"]
    finally:
        stop_server(second)
