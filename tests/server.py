"""Start the real stack (action server, Rasa, widget page) once, and talk to it.

Used by tests/conftest.py (one server for the whole pytest run) and by
scripts/evaluate.py. Rasa takes ~20 s and ~1.1 GB to start, so nothing here
starts a second one unless asked to.
"""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import requests

from scripts.supervise import die_with_parent

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT_S = 240

# Secrets the tests sign and hash with; never real ones.
TEST_TWILIO_AUTH_TOKEN = "test-twilio-auth-token-0123456789abcdef"
TEST_SENDER_ID_SECRET = "test-sender-id-secret-0123456789abcdef"
TEST_STAFF_TOKEN = "test-staff-token-0123456789abcdef-0123"  # the staff report (web/staff/): >= 32 bytes


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    rasa_port: int
    actions_port: int
    web_port: int
    api_token: str
    log_path: Path
    process: subprocess.Popen | None = None
    started_in_s: float = 0.0
    env: dict[str, str] = field(default_factory=dict)

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def web_url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    @property
    def state_dir(self) -> Path:
        return Path(self.env["LDN_STATE_DIR"])

    def pid(self, name: str) -> int:
        """The pid of one supervised process: "actions", "rasa" or "web" (scripts/supervise.py)."""
        return int((self.state_dir / "run" / f"{name}.pid").read_text())

    def send(self, sender: str, text: str, timeout: float = 30) -> list[dict]:
        """POST one message over REST; return the bot's messages."""
        reply = requests.post(
            f"{self.rasa_url}/webhooks/rest/webhook",
            json={"sender": sender, "message": text},
            timeout=timeout,
        )
        reply.raise_for_status()
        return reply.json()

    def tracker(self, sender: str) -> dict:
        """The whole conversation, including what came before a restart."""
        reply = requests.get(
            f"{self.rasa_url}/conversations/{sender}/tracker",
            params={"token": self.api_token, "include_events": "ALL"},
            timeout=30,
        )
        reply.raise_for_status()
        return reply.json()

    def last_turn(self, sender: str) -> dict:
        """The latest user message's parse data and the responses that answered it."""
        events = self.tracker(sender)["events"]
        start = max(i for i, e in enumerate(events) if e["event"] == "user")
        responses = [e.get("metadata", {}).get("utter_action") for e in events[start + 1 :] if e["event"] == "bot"]
        return {"user": events[start]["parse_data"], "responses": responses}

    def ask(self, sender: str, text: str) -> list[str]:
        """Send a message; return the names of the responses the bot answered with."""
        self.send(sender, text)
        return self.last_turn(sender)["responses"]


def _wait_until_up(server: Server) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    checks = [
        f"{server.rasa_url}/status?token={server.api_token}",
        f"http://127.0.0.1:{server.actions_port}/health",
        f"{server.web_url}/",
    ]
    while checks:
        if server.process.poll() is not None:
            raise RuntimeError(f"server exited early; see {server.log_path}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"server not up after {START_TIMEOUT_S}s; see {server.log_path}")
        try:
            if requests.get(checks[0], timeout=2).status_code == 200:
                checks.pop(0)
                continue
        except requests.RequestException:
            pass
        time.sleep(0.5)


def responses_copy(workdir: Path) -> Path:
    """A scratch copy of the answers' source that the server reads (tests may edit it, never the real one)."""
    from ldn.settings import RESPONSES_SOURCE

    target = workdir / "responses" / RESPONSES_SOURCE.name
    shutil.rmtree(target.parent, ignore_errors=True)
    if RESPONSES_SOURCE.is_dir():
        shutil.copytree(RESPONSES_SOURCE, target)
    else:
        target.parent.mkdir(parents=True)
        shutil.copy(RESPONSES_SOURCE, target)
    return target


def start_server(workdir: Path, model: str = "models/ldn.tar.gz", extra_env: dict[str, str] | None = None) -> Server:
    workdir.mkdir(parents=True, exist_ok=True)
    server = Server(
        rasa_port=free_port(),
        actions_port=free_port(),
        web_port=free_port(),
        api_token=secrets.token_hex(16),
        log_path=workdir / "server.log",
    )
    server.env = {
        **os.environ,
        "RASA_PORT": str(server.rasa_port),
        "ACTIONS_PORT": str(server.actions_port),
        "WEB_PORT": str(server.web_port),
        "RASA_API_TOKEN": server.api_token,
        "LDN_MODEL": model,
        "LDN_TRACKER_URL": f"sqlite:///{workdir / 'tracker.db'}",
        "LDN_CORS_ORIGINS": f"http://127.0.0.1:{server.web_port} http://localhost:{server.web_port}",
        "LDN_ALLOWED_ORIGINS": f"http://127.0.0.1:{server.web_port},http://localhost:{server.web_port}",
        "TWILIO_AUTH_TOKEN": TEST_TWILIO_AUTH_TOKEN,
        "SENDER_ID_SECRET": TEST_SENDER_ID_SECRET,
        "LDN_STAFF_TOKEN": TEST_STAFF_TOKEN,
        "LDN_STATE_DIR": str(workdir / "state"),
        "LDN_RESPONSES": str(responses_copy(workdir)),
        "LDN_RETENTION_SWEEP_S": "2",  # tests/security/test_privacy.py waits for a sweep
        **(extra_env or {}),
    }
    began = time.monotonic()
    with server.log_path.open("w") as log:
        server.process = subprocess.Popen(
            [str(ROOT / "scripts" / "serve.sh")],
            cwd=ROOT,
            env=server.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            # A test run killed without cleaning up (a CI timeout) takes the stack with it.
            preexec_fn=die_with_parent,
        )
    try:
        _wait_until_up(server)
    except Exception:
        stop_server(server)
        raise
    server.started_in_s = time.monotonic() - began
    return server


def stop_server(server: Server) -> None:
    if server.process and server.process.poll() is None:
        os.killpg(server.process.pid, signal.SIGTERM)
        try:
            server.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.process.pid, signal.SIGKILL)


def wait_until(check: Callable[[], bool], timeout: float, step: float = 0.1) -> float:
    """Seconds until `check()` held (a request error counts as not yet); fails after `timeout`."""
    began = time.monotonic()
    while time.monotonic() - began < timeout:
        try:
            if check():
                return time.monotonic() - began
        except (requests.RequestException, OSError, ValueError):
            pass
        time.sleep(step)
    raise AssertionError(f"not within {timeout} s")
