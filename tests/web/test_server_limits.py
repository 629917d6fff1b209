"""The page server (web/server.py) is safe to leave running: 127.0.0.1, no listings,
idle connections dropped, a bounded number of threads. Its own process; no Rasa."""

import os
import socket
import subprocess
import sys
import time

import pytest
import requests

from tests.server import ROOT, free_port
from web.server import MAX_CONNECTIONS

SOCKET_TIMEOUT_S = 2  # the page server's idle timeout in these tests (LDN_PAGE_IDLE_TIMEOUT_S)

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def page_server():
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "web.server", "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, "LDN_PAGE_IDLE_TIMEOUT_S": str(SOCKET_TIMEOUT_S)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            requests.get(url + "/ldn-widget.js", timeout=1)
            break
        except requests.RequestException:
            assert time.monotonic() < deadline, "page server did not start"
            time.sleep(0.2)
    yield port, url
    process.terminate()
    process.wait(timeout=10)


def test_binds_localhost_only(page_server):
    port, _ = page_server
    out = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True).stdout
    assert {line.split()[3].rsplit(":", 1)[0] for line in out.splitlines()} == {"127.0.0.1"}


@pytest.mark.parametrize("path", ["/vendor/", "/vendor", "/static/"])
def test_no_directory_listing(page_server, path):
    reply = requests.get(page_server[1] + path, timeout=5)
    assert reply.status_code in (301, 404) and "Directory listing" not in reply.text


def test_idle_connections_are_dropped_and_bounded(page_server):
    port, url = page_server
    idle = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(MAX_CONNECTIONS)]
    try:
        refused = False
        for _ in range(12):  # until the server has accepted all of them (slow on a loaded machine)
            time.sleep(0.5)
            with socket.create_connection(("127.0.0.1", port), timeout=5) as extra:
                extra.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
                if extra.recv(100) == b"":
                    refused = True
                    break
        assert refused, "a connection over the limit must be closed, not queued on a thread"
        began = time.monotonic()
        idle[0].settimeout(SOCKET_TIMEOUT_S + 5)
        assert idle[0].recv(100) == b""  # the server hangs up on a silent client
        assert time.monotonic() - began < SOCKET_TIMEOUT_S + 5
    finally:
        for sock in idle:
            sock.close()
    time.sleep(0.5)
    assert requests.get(url + "/", timeout=5).status_code == 200
