"""Bad input over REST gets a clear reply or a 4xx: never a 500, a hang, or lost history."""

import sqlite3
import uuid

import pytest
import requests

pytestmark = pytest.mark.server

URL = "/webhooks/rest/webhook"


def post(server, **kwargs):
    return requests.post(server.rasa_url + URL, timeout=30, **kwargs)


@pytest.mark.parametrize(
    "message, expected",
    [
        ("", "utter_input_empty"),
        ("   \n\t  ", "utter_input_empty"),
        ("x" * 10_000, "utter_input_too_long"),
        ("😀😀🙏", "utter_input_no_words"),
        ("?!...", "utter_input_no_words"),
    ],
)
def test_unreadable_messages_get_a_clear_reply(server, sender, message, expected):
    reply = post(server, json={"sender": sender, "message": message})
    assert reply.status_code == 200 and reply.json()
    assert server.last_turn(sender)["responses"] == [expected]


def test_html_is_read_as_plain_text(server, sender):
    text = "<b>side effects</b>?"
    reply = post(server, json={"sender": sender, "message": text})
    assert reply.status_code == 200
    turn = server.last_turn(sender)
    assert turn["user"]["text"] == text  # kept as typed: neither stripped nor escaped
    assert turn["responses"] == ["utter_faq/side_effects"]


def test_control_characters_are_stripped(server, sender):
    reply = post(server, json={"sender": sender, "message": "side\x00 effects\x07?\u200b"})
    assert reply.status_code == 200
    assert server.last_turn(sender)["user"]["text"] == "side effects?"


@pytest.mark.parametrize(
    "body, content_type",
    [
        ("{not json", "application/json"),
        ("", "application/json"),
        ('["sender", "message"]', "application/json"),
        ('{"message": "hi"}', "application/json"),
        ('{"sender": "", "message": "hi"}', "application/json"),
        ('{"sender": "%s", "message": "hi"}' % ("s" * 500), "application/json"),
        ('{"sender": "a", "message": 42}', "application/json"),
    ],
)
def test_malformed_requests_get_400(server, body, content_type):
    reply = post(server, data=body.encode(), headers={"Content-Type": content_type})
    assert reply.status_code == 400, reply.text
    assert "error" in reply.json()


def test_history_survives_bad_input(server, sender):
    server.send(sender, "what are the side effects")
    post(server, json={"sender": sender, "message": "x" * 10_000})
    post(server, data=b"{broken", headers={"Content-Type": "application/json"})
    assert server.ask(sender, "and what about pregnancy?") == ["utter_faq/pregnancy"]
    users = [e for e in server.tracker(sender)["events"] if e["event"] == "user"]
    assert len(users) == 3


def test_conversations_are_stored_in_sqlite(server, sender):
    server.send(sender, "how do i take ldn")
    path = server.env["LDN_TRACKER_URL"].replace("sqlite:///", "", 1)
    with sqlite3.connect(path) as db:
        count = db.execute("SELECT COUNT(*) FROM events WHERE sender_id = ?", (sender,)).fetchone()[0]
    assert count >= 3


def test_message_text_never_reaches_the_log(server):
    marker = f"privacy-marker-{uuid.uuid4().hex}"
    server.send(f"test-{uuid.uuid4().hex[:8]}", f"does ldn help {marker}")
    assert marker not in server.log_path.read_text(errors="replace")
