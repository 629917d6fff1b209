"""Safe defaults, attacked on the running stack (the shared `server` fixture).

Every request goes to 127.0.0.1 and is bounded in size and count.
"""

import json
import os
import socket
import stat
import subprocess
import time
import uuid
import zlib
from pathlib import Path

import pytest
import requests

pytestmark = pytest.mark.server

REST = "/webhooks/rest/webhook"
BODY_LIMIT = 64 * 1024


def listening_addresses(port: int) -> set:
    lines = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True, check=True).stdout
    return {line.split()[3].rsplit(":", 1)[0] for line in lines.splitlines() if line.strip()}


def raw_request(port: int, head: bytes, body: bytes = b"", timeout: float = 10) -> bytes:
    """Send bytes as they are (no client-side checks); return what the server answers."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(head + body)
        chunks = []
        try:
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
                if b"\r\n\r\n" in b"".join(chunks):
                    break
        except (TimeoutError, ConnectionResetError):
            pass
    return b"".join(chunks)


def status_of(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else 0


def user_events(server, sender):
    return [e for e in server.tracker(sender)["events"] if e["event"] == "user"]


# ------------------------------------------------------------------ binds


def test_every_service_listens_on_localhost_only(server):
    for port in (server.rasa_port, server.actions_port, server.web_port):
        assert listening_addresses(port) == {"127.0.0.1"}, port


# ------------------------------------------------------------------ body size


@pytest.mark.parametrize("path", [REST, "/webhooks/twilio/webhook", "/socket.io/?EIO=4&transport=polling"])
def test_a_body_over_the_cap_is_refused_before_it_is_sent(server, path):
    # Only the headers go out: the 413 must come back without the body being read.
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {50 * 1024 * 1024}\r\n\r\n"
    ).encode()
    began = time.monotonic()
    answer = raw_request(server.rasa_port, head)
    assert status_of(answer) == 413 and time.monotonic() - began < 5


def test_a_chunked_body_over_the_cap_is_cut_off(server):
    head = (
        f"POST {REST} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n\r\n"
    ).encode()
    chunk = b"a" * 32768
    body = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(4))  # 128 KB, no end
    assert status_of(raw_request(server.rasa_port, head, body)) == 413


def test_a_body_under_the_cap_is_answered(server):
    padding = "x" * (BODY_LIMIT - 2000)
    reply = requests.post(
        f"{server.rasa_url}{REST}",
        timeout=30,
        json={"sender": f"test-{uuid.uuid4().hex[:8]}", "message": "side effects?", "pad": padding},
    )
    assert reply.status_code == 200 and reply.json()


def test_a_socketio_packet_over_the_cap_is_refused(server):
    poll = f"{server.rasa_url}/socket.io/?EIO=4&transport=polling"
    origin = {"Origin": f"http://127.0.0.1:{server.web_port}"}
    handshake = requests.get(poll, headers=origin, timeout=10)
    sid = json.loads(handshake.text[handshake.text.index("{") :])["sid"]
    big = "4" + json.dumps(["user_uttered", {"message": "x" * (BODY_LIMIT + 1000)}])
    reply = requests.post(f"{poll}&sid={sid}", data=big.encode(), headers=origin, timeout=10)
    assert reply.status_code in (400, 413)


def test_the_action_server_refuses_a_deflate_bomb_without_inflating_it(server):
    bomb = zlib.compress(b"\0" * (200 * 1024 * 1024), 9)  # ~200 KB that inflates to 200 MB
    rss_before = _rss_kb(server.pid("actions"))
    began = time.monotonic()
    reply = requests.post(
        f"http://127.0.0.1:{server.actions_port}/webhook",
        data=bomb,
        headers={"Content-Encoding": "deflate", "Content-Type": "application/json"},
        timeout=30,
    )
    assert reply.status_code == 413 and time.monotonic() - began < 5
    assert _rss_kb(server.pid("actions")) - rss_before < 20 * 1024  # no 200 MB spike
    gzip = requests.post(
        f"http://127.0.0.1:{server.actions_port}/webhook", data=b"{}", headers={"Content-Encoding": "gzip"}, timeout=30
    )
    assert gzip.status_code == 415
    assert requests.get(f"http://127.0.0.1:{server.actions_port}/health", timeout=10).ok


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):  # peak: catches a spike already freed
            return int(line.split()[1])
    raise AssertionError("no VmHWM")


def test_the_action_server_sends_no_cors_headers(server):
    reply = requests.get(
        f"http://127.0.0.1:{server.actions_port}/health", headers={"Origin": "https://evil.example"}, timeout=10
    )
    assert "Access-Control-Allow-Origin" not in reply.headers


# ------------------------------------------------------------------ metadata and payloads


def test_client_metadata_is_not_stored(server, sender):
    marker = f"meta-{uuid.uuid4().hex}"
    requests.post(
        f"{server.rasa_url}{REST}",
        timeout=30,
        json={"sender": sender, "message": "side effects?", "metadata": {"note": marker, "big": "y" * 5000}},
    )
    assert marker not in json.dumps(server.tracker(sender))


def test_a_typed_payload_cannot_put_a_link_in_the_reply(server, sender):
    attack = '/out_of_scope{"medicine": "[results](javascript:alert(1))"}'
    replies = server.send(sender, attack)
    text = json.dumps(replies)
    assert replies and "javascript" not in text and "[results]" not in text
    typed = user_events(server, sender)[-1]
    assert not typed["text"].startswith("/")
    assert all(e.get("value") != "[results](javascript:alert(1))" for e in typed["parse_data"]["entities"])


@pytest.mark.parametrize("attack", ["/emergency", '/faq{"topic": "dose", "medicine": "tramadol"}', "/restart"])
def test_typed_intents_are_read_as_words(server, sender, attack):
    server.send(sender, attack)
    assert user_events(server, sender)[-1]["text"] == attack.lstrip("/")


def test_our_own_button_payload_still_works(server, sender):
    assert server.ask(sender, '/faq{"topic": "dose"}') == ["utter_faq/dose"]


def test_slash_messages_never_reach_the_log(server, sender):
    marker = f"{uuid.uuid4().int % 10**6} mg"
    server.send(sender, f"/ I take {marker} for my MS")
    parse = requests.post(
        f"{server.rasa_url}/model/parse",
        params={"token": server.api_token},
        timeout=30,
        json={"text": f'/notanintent{{"x": 1}} I take {marker}'},
    )
    assert parse.status_code == 200
    requests.post(
        f"{server.rasa_url}/model/parse",
        params={"token": server.api_token},
        timeout=30,
        json={"text": f"/{{I take {marker}"},
    )
    time.sleep(0.5)
    assert marker not in server.log_path.read_text(errors="replace")


# ------------------------------------------------------------------ files


def test_patient_data_files_are_private(server, sender):
    server.send(sender, "hello")
    state = server.state_dir
    tracker_db = Path(server.env["LDN_TRACKER_URL"].split("///", 1)[1])
    files = [tracker_db, state / "twilio_state.db", state / "session_secret", state / "run" / "rasa.pid"]
    for path in files:
        assert path.exists(), path
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, path
    for side in tracker_db.parent.glob(tracker_db.name + "-*"):
        assert stat.S_IMODE(os.stat(side).st_mode) == 0o600, side
    for folder in (state, state / "run"):
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700, folder


# ------------------------------------------------------------------ the page server


def test_page_server_lists_no_directory(server):
    for path in ("/vendor/", "/static/", "/"):
        reply = requests.get(f"{server.web_url}{path}", timeout=10)
        assert "Directory listing" not in reply.text
    assert requests.get(f"{server.web_url}/vendor/", timeout=10).status_code == 404
