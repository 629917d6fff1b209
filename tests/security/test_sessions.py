"""Widget sessions are the server's: forged or foreign ids get nothing (channels/socketio.py)."""

import secrets
import time
import uuid

import pytest
import requests

from channels.widget_session import is_issued, new_session_id
from tests.channels.test_socketio import WidgetClient, allowed_origin
from tests.server import wait_until

pytestmark = pytest.mark.server

SECRET = "a-test-secret-that-is-long-enough-0123456789"


def users(server, session_id):
    return [e["text"] for e in server.tracker(session_id)["events"] if e["event"] == "user"]


def widget(server, session_id=None) -> WidgetClient:
    return WidgetClient(server.rasa_url, allowed_origin(server)).connect(session_id)


def test_ids_are_signed():
    issued = new_session_id(SECRET)
    assert is_issued(issued, SECRET)
    token, _mac = issued.split("-")
    assert not is_issued(f"{token}-{secrets.token_hex(16)}", SECRET)
    assert not is_issued(issued, SECRET + "x")
    for odd in (None, 5, "", "x" * 10000, {"a": 1}, issued.upper(), issued + "0"):
        assert not is_issued(odd, SECRET)


@pytest.mark.parametrize(
    "forged",
    [
        uuid.uuid4().hex,  # what stock rasa-webchat would make up
        f"{secrets.token_hex(16)}-{secrets.token_hex(16)}",  # the right shape, a guessed signature
        "x" * 5000,
    ],
)
def test_a_forged_id_is_replaced_by_a_new_one(server, forged):
    client = widget(server, forged)
    try:
        assert client.session_id != forged
        client.say("hello")
        assert client.wait_for(1)
    finally:
        client.close()
    assert users(server, forged) == []


def test_a_socket_sends_only_into_the_session_it_joined(server):
    victim, attacker = widget(server), widget(server)
    try:
        victim.say("hello")
        assert victim.wait_for(1)
        time.sleep(1)  # the rest of the greeting
        before = len(victim.replies)
        # The stock channel takes the session from each message: write into the victim's.
        attacker.sio.emit("user_uttered", {"message": "what are the side effects?", "session_id": victim.session_id})
        attacker.say("what is ldn?")  # its own session still works
        assert attacker.wait_for(1)
        late = victim.wait_for(before + 1, timeout=3)
        assert len(late) == before, "the victim's socket got a reply it never asked for"
    finally:
        victim.close()
        attacker.close()
    assert users(server, victim.session_id) == ["hello"]
    assert "what are the side effects?" not in users(server, attacker.session_id)


def test_a_message_before_session_request_is_refused(server):
    client = WidgetClient(server.rasa_url, allowed_origin(server))
    client.sio.connect(server.rasa_url, headers={"Origin": allowed_origin(server)}, wait_timeout=10)
    sender = uuid.uuid4().hex
    try:
        client.sio.emit("user_uttered", {"message": "hello", "session_id": sender})
        assert client.wait_for(1, timeout=3) == []
    finally:
        client.close()
    assert users(server, sender) == []


def test_reload_resumes_the_patients_own_conversation(server):
    first = widget(server)
    try:
        first.say("hello")
        assert first.wait_for(1)
    finally:
        first.close()
    again = widget(server, first.session_id)  # the id the page kept in session storage
    try:
        assert again.session_id == first.session_id
        again.say("side effects?")
        assert again.wait_for(1)
    finally:
        again.close()
    # Rasa saves the turn just after the answer reached the socket: read until it is there.
    wait_until(lambda: users(server, first.session_id) == ["hello", "side effects?"], 20)


def test_forget_endpoint_needs_an_issued_id(server):
    url = f"{server.rasa_url}/webhooks/socketio/forget"
    for forged in (uuid.uuid4().hex, f"{secrets.token_hex(16)}-{secrets.token_hex(16)}", None):
        assert requests.post(url, json={"session_id": forged}, timeout=10).status_code == 403
    assert requests.post(url, data=b"not json", timeout=10).status_code == 403
