"""The website widget's socket.io channel (channels/socketio.py).

Two kinds of test:
- against the real stack (the session `server` fixture: Rasa with credentials.yml,
  so channels.socketio.PersistentSocketIOInput): replies arrive with session
  persistence, a conversation survives a reconnect, pages on other origins get
  nothing, messages are checked like on every channel;
- the stock rasa.core.channels.socketio.SocketIOInput next to ours, each in a small
  Sanic app (a subprocess) whose bot echoes: shows rasa#13027, the replies that
  never arrive, on the stock class and not on ours. Rasa itself is not started twice.
"""

import asyncio
import os
import subprocess
import sys
import textwrap
import threading
import time
import uuid

import pytest
import requests
import socketio
import websockets
import websockets.exceptions

from tests.server import ROOT, free_port

pytestmark = pytest.mark.server

REPLY_WAIT_S = 20
SILENCE_WAIT_S = 5
EXTRA_REPLY_WAIT_S = 1.5


class WidgetClient:
    """Talks to a socket.io channel the way rasa-webchat does."""

    def __init__(self, url: str, origin: str | None, transports=("polling", "websocket")):
        self.url = url
        self.origin = origin
        self.transports = list(transports)
        self.sio = socketio.Client(reconnection=False)
        self.session_id: str | None = None
        self.replies: list[dict] = []
        self._confirmed = threading.Event()
        self._replied = threading.Condition()
        self.sio.on("session_confirm", self._on_confirm)
        self.sio.on("bot_uttered", self._on_bot)

    def _on_confirm(self, session_id):
        self.session_id = session_id["session_id"] if isinstance(session_id, dict) else session_id
        self._confirmed.set()

    def _on_bot(self, message):
        with self._replied:
            self.replies.append(message)
            self._replied.notify_all()

    def connect(self, session_id: str | None = None, timeout: float = 10) -> "WidgetClient":
        headers = {"Origin": self.origin} if self.origin else {}
        self.sio.connect(self.url, headers=headers, transports=self.transports, wait_timeout=timeout)
        self.sio.emit("session_request", {"session_id": session_id})
        assert self._confirmed.wait(timeout), "no session_confirm"
        return self

    def say(self, text: str) -> None:
        self.sio.emit("user_uttered", {"message": text, "session_id": self.session_id})

    def wait_for(self, count: int, timeout: float = REPLY_WAIT_S) -> list[dict]:
        deadline = time.monotonic() + timeout
        with self._replied:
            while len(self.replies) < count and time.monotonic() < deadline:
                self._replied.wait(max(0.0, deadline - time.monotonic()))
            return list(self.replies)

    def close(self) -> None:
        """Hang up without waiting for the open long-poll to return: with no websocket
        client library installed the connection stays on polling, and a plain disconnect
        waits up to the server's 25 s ping interval (measured: 25-30 s per client)."""
        deadline = time.monotonic() + 5
        while not self.sio.eio.queue.empty() and time.monotonic() < deadline:  # what was said is sent
            time.sleep(0.05)
        if self.sio.connected:
            self.sio.eio.disconnect(abort=True)


def allowed_origin(server) -> str:
    return f"http://127.0.0.1:{server.web_port}"


def reply_text(replies: list[dict]) -> str:
    return "\n".join(str(r.get("text", "")) for r in replies)


# --- the real stack -----------------------------------------------------------------


def test_reply_arrives_with_session_persistence(server):
    client = WidgetClient(server.rasa_url, allowed_origin(server)).connect()
    try:
        client.say("/greet")
        replies = client.wait_for(1)
        assert replies, "no bot_uttered: the socket never joined the session's room (rasa#13027)"
        text = reply_text(client.wait_for(2, timeout=5))
        assert "not medical advice" in text
        buttons = [b for r in client.replies for b in r.get("quick_replies", [])]
        assert any(b["title"] == "Side effects" for b in buttons)
    finally:
        client.close()


def test_conversation_survives_a_new_socket(server):
    first = WidgetClient(server.rasa_url, allowed_origin(server)).connect()
    session_id = first.session_id
    try:
        first.say("/greet")
        assert first.wait_for(1)
    finally:
        first.close()
    again = WidgetClient(server.rasa_url, allowed_origin(server)).connect(session_id)
    try:
        assert again.session_id == session_id
        again.say("what are the side effects of LDN?")
        assert again.wait_for(1), "a reconnected socket with the same session got no answer"
    finally:
        again.close()
    # Rasa saves the tracker after the turn's last action (the widget's feedback question), a moment
    # after the answer reached the socket: read it until the turn is there.
    deadline = time.monotonic() + REPLY_WAIT_S
    while True:
        users = [e["text"] for e in server.tracker(session_id)["events"] if e["event"] == "user"]
        if users[-1] == "what are the side effects of LDN?" or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert users[:1] == ["/greet"] and users[-1] == "what are the side effects of LDN?"


def test_page_on_other_origin_gets_no_answer(server):
    other = f"http://127.0.0.1:{free_port()}"  # not in LDN_ALLOWED_ORIGINS
    client = WidgetClient(server.rasa_url, other, ["polling"])
    session_id = uuid.uuid4().hex
    refused = False
    try:
        client.connect(session_id, timeout=3)  # an accepted connection on loopback takes well under 1 s
        client.say("/greet")  # only reached if the connection was (wrongly) accepted
    except (socketio.exceptions.ConnectionError, AssertionError):
        refused = True
    if not refused:  # connected: nothing may come back either
        assert client.wait_for(1, timeout=SILENCE_WAIT_S) == []
    assert not client.sio.connected
    client.close()
    assert not [e for e in server.tracker(session_id)["events"] if e["event"] == "user"]


def test_a_websocket_from_another_origin_is_refused(server):
    """The websocket transport has its own handshake (the widget client above only long-polls:
    python-socketio's websocket transport needs a library this project doesn't install)."""
    url = server.rasa_url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"

    async def handshake(origin: str) -> str:
        async with websockets.connect(url, origin=origin, open_timeout=5) as socket:
            return str(await asyncio.wait_for(socket.recv(), 5))

    assert asyncio.run(handshake(allowed_origin(server))).startswith("0{")  # engine.io "open"
    with pytest.raises(websockets.exceptions.InvalidStatusCode):
        asyncio.run(handshake(f"http://127.0.0.1:{free_port()}"))


def test_allowed_origin_handshake_is_accepted_and_others_refused(server):
    poll = f"{server.rasa_url}/socket.io/?EIO=4&transport=polling"
    ok = requests.get(poll, headers={"Origin": allowed_origin(server)}, timeout=10)
    assert ok.status_code == 200
    assert ok.headers.get("Access-Control-Allow-Origin") == allowed_origin(server)
    refused = requests.get(poll, headers={"Origin": "https://evil.example"}, timeout=10)
    assert refused.status_code == 400
    assert "evil.example" not in refused.headers.get("Access-Control-Allow-Origin", "")


def test_messages_are_checked_like_on_other_channels(server):
    client = WidgetClient(server.rasa_url, allowed_origin(server)).connect()
    try:
        client.say("\u2764\ufe0f\U0001f600\U0001f600")  # no words
        assert client.wait_for(1), "no answer to an emoji-only message"
        client.sio.emit("user_uttered", "not an object")  # malformed: ignored, socket stays usable
        client.say("hello\x00\x07 there")
        assert client.wait_for(2)
    finally:
        client.close()
    users = [e for e in server.tracker(client.session_id)["events"] if e["event"] == "user"]
    assert users[0]["text"].startswith("/nlu_fallback") and "no_words" in users[0]["text"]
    assert users[-1]["text"] == "hello there"
    assert all(e["input_channel"] == "socketio" for e in users)


# --- the stock class next to ours (rasa#13027) ------------------------------------

ECHO_APP = textwrap.dedent(
    """
    import importlib, sys
    from sanic import Sanic
    module, name, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    channel = getattr(importlib.import_module(module), name)(session_persistence=True)

    async def echo(message):  # sends as Rasa's processor does, so channels/guard.py sees it
        await message.output_channel.send_response(message.sender_id, {"text": "echo: " + message.text})

    app = Sanic("echo_" + name)
    app.blueprint(channel.blueprint(echo))
    app.run(host="127.0.0.1", port=port, access_log=False)
    """
)


@pytest.fixture(scope="module")
def echo_apps():
    """One echo app per channel class, started once for this module."""
    apps, processes = {}, []
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "LDN_ALLOWED_ORIGINS": "http://widget.test",
        "LDN_SESSION_SECRET": "test-widget-session-secret-0123456789abcdef",
    }
    for key, module, name in [
        ("stock", "rasa.core.channels.socketio", "SocketIOInput"),
        ("ours", "channels.socketio", "PersistentSocketIOInput"),
    ]:
        port = free_port()
        processes.append(
            subprocess.Popen(
                [sys.executable, "-c", ECHO_APP, module, name, str(port)],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        apps[key] = f"http://127.0.0.1:{port}"
    try:
        for url in apps.values():
            deadline = time.monotonic() + 60
            while True:
                try:
                    if requests.get(f"{url}/socket.io/?EIO=4&transport=polling", timeout=2).ok:
                        break
                except requests.RequestException:
                    pass
                assert time.monotonic() < deadline, f"echo app at {url} did not start"
                time.sleep(0.3)
        yield apps
    finally:
        for process in processes:
            process.terminate()
            try:
                process.wait(timeout=2)
            except subprocess.TimeoutExpired:  # Sanic waits for the hung-up long-polls; nothing to save
                process.kill()
                process.wait(timeout=10)


@pytest.mark.parametrize(
    "channel",
    [
        pytest.param(
            "stock",
            marks=pytest.mark.xfail(
                strict=True, reason="rasa#13027: enter_room not awaited; if this passes, drop the fix"
            ),
        ),
        "ours",
    ],
)
def test_replies_reach_a_persistent_session(echo_apps, channel):
    client = WidgetClient(echo_apps[channel], "http://widget.test").connect()
    try:
        client.say("hello")
        assert client.wait_for(1, timeout=SILENCE_WAIT_S), "no reply"
        # then nothing more: a spurious "having trouble" notice (channels/guard.py) came
        # right after the echo in the same long-poll, once in CI (stop 27)
        assert reply_text(client.wait_for(2, timeout=EXTRA_REPLY_WAIT_S)) == "echo: hello"
    finally:
        client.close()


def test_stock_class_accepts_any_origin_ours_does_not(echo_apps):
    stock = WidgetClient(echo_apps["stock"], "https://evil.example").connect()
    stock.close()  # the stock server has no origin check at all
    with pytest.raises(socketio.exceptions.ConnectionError):
        WidgetClient(echo_apps["ours"], "https://evil.example").connect()
