"""Retention and "forget me" on the running stack, and the staff command."""

import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests

from channels.sms_state import SmsState
from tests.channels.test_socketio import WidgetClient, allowed_origin
from tests.channels.test_twilio import new_number, sid_of, text
from tests.server import ROOT, wait_until

pytestmark = pytest.mark.server

DAY_S = 24 * 3600


def tracker_db(server) -> Path:
    return Path(server.env["LDN_TRACKER_URL"].split("///", 1)[1])


def stored_events(server, sender) -> int:
    with sqlite3.connect(tracker_db(server), timeout=10) as db:
        return db.execute("SELECT COUNT(*) FROM events WHERE sender_id = ?", (sender,)).fetchone()[0]


def user_texts(server, sender):
    return [e["text"] for e in server.tracker(sender)["events"] if e["event"] == "user"]


def test_the_server_deletes_conversations_older_than_the_retention_period(server, sender):
    old_sender = f"old-{uuid.uuid4().hex[:8]}"
    server.send(old_sender, "hello")
    server.send(sender, "hello")  # recent: must stay
    long_ago = time.time() - 31 * DAY_S
    with sqlite3.connect(tracker_db(server), timeout=10) as db:
        db.execute("UPDATE events SET timestamp = ? WHERE sender_id = ?", (long_ago, old_sender))
    state = SmsState(server.state_dir / "twilio_state.db")
    state.set_options("sms-old", ["/greet"])
    state.save_sid_reply("sms-old", "SMold", "<Response/>")
    with sqlite3.connect(state.path) as db:
        db.execute("UPDATE last_options SET sent_at = ?", (long_ago,))
        db.execute("UPDATE sid_replies SET created_at = ? WHERE sender_key = 'sms-old'", (long_ago,))
    wait_until(lambda: stored_events(server, old_sender) == 0, 15)  # LDN_RETENTION_SWEEP_S=2 in tests
    wait_until(lambda: state.sid_reply("sms-old", "SMold") is None, 15)
    assert state.options("sms-old") == [] and stored_events(server, sender) > 0


def test_sms_delete_asks_first_then_confirm_deletes_and_says_what(server):
    number = new_number()
    text(server, number, "hello")
    text(server, number, "what are the side effects?")
    asked = " ".join(text(server, number, "DELETE"))
    assert "Reply CONFIRM" in asked and stored_events(server, sid_of(number)) > 0
    done = " ".join(text(server, number, "confirm"))
    assert "I deleted our conversation: 2 of your messages" in done
    assert stored_events(server, sid_of(number)) == 0
    assert SmsState(server.state_dir / "twilio_state.db").options(sid_of(number)) == []


def test_sms_delete_then_anything_else_keeps_the_conversation(server):
    number = new_number()
    text(server, number, "hello")
    text(server, number, "DELETE")
    text(server, number, "what are the side effects?")  # not CONFIRM: kept
    text(server, number, "CONFIRM")  # no longer pending: just a message to the bot
    assert user_texts(server, sid_of(number)) == ["hello", "what are the side effects?", "CONFIRM"]


def test_widget_delete_deletes_this_conversation_only(server):
    mine, other = (WidgetClient(server.rasa_url, allowed_origin(server)).connect() for _ in range(2))
    try:
        for client in (mine, other):
            client.say("hello")
            assert client.wait_for(1)
    finally:
        mine.close()
        other.close()
    reply = requests.post(
        f"{server.rasa_url}/webhooks/socketio/forget",
        json={"session_id": mine.session_id},
        headers={"Origin": allowed_origin(server)},
        timeout=30,
    )
    assert reply.status_code == 200
    body = reply.json()
    assert body["deleted"]["messages"] == 1 and "I deleted our conversation: 1 of your messages" in body["text"]
    assert stored_events(server, mine.session_id) == 0 and user_texts(server, other.session_id) == ["hello"]


def run_forget(server, who: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "scripts.forget", who],
        cwd=ROOT,
        env=server.env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_staff_forget_by_conversation_id_and_by_phone_number(server, sender):
    server.send(sender, "hello")
    out = run_forget(server, sender)
    assert f"Deleted conversation {sender}: 1 message(s)" in out and stored_events(server, sender) == 0
    number = new_number(whatsapp=True)
    text(server, number, "hello")
    out = run_forget(server, number)
    assert "1 message(s)" in out and number not in out and stored_events(server, sid_of(number)) == 0
    assert "Nothing was stored" in run_forget(server, "never-seen-" + uuid.uuid4().hex)
