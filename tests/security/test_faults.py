"""Faults on the running stack: the patient always hears something, nothing is lost.

Uses the shared `server` fixture (scripts/supervise.py runs it): processes are
killed or stopped by their pid files and are restarted by the supervisor. Load is
a few concurrent REST messages to 127.0.0.1, bounded in count and time.
"""

import os
import signal
import sqlite3
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

from tests.server import wait_until

pytestmark = pytest.mark.server

PROMPT_S = 5.0  # the patient hears something within this
RESTART_S = 5.0  # a crashed action server or page is back within this
RASA_RESTART_S = 300.0  # Rasa needs ~20 s alone; measured 3 min on a machine shared by 8 test runs
TROUBLE = "having trouble answering right now"


def timed_send(server, sender: str, text: str) -> tuple[float, str]:
    began = time.monotonic()
    replies = server.send(sender, text, timeout=30)
    return time.monotonic() - began, " ".join(str(r.get("text", "")) for r in replies)


def load(server, messages: list[str], workers: int = 3) -> list[tuple[float, str]]:
    """Send `messages` concurrently from different patients (bounded: a few, to 127.0.0.1)."""
    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(lambda text: timed_send(server, f"load-{uuid.uuid4().hex[:8]}", text), messages))


def user_texts(server, sender: str) -> list[str]:
    return [e["text"] for e in server.tracker(sender)["events"] if e["event"] == "user"]


def action_server_up(server) -> bool:
    return requests.get(f"http://127.0.0.1:{server.actions_port}/health", timeout=1).ok


@contextmanager
def stopped(pid: int):
    os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(pid, signal.SIGCONT)


QUESTIONS = ["what are the side effects?", "how do I take ldn?", "how much does it cost?"] * 2


def test_a_killed_action_server_is_restarted_and_every_patient_is_answered(server, sender):
    server.send(sender, "hello")
    old = server.pid("actions")
    os.kill(old, signal.SIGKILL)
    with ThreadPoolExecutor(1) as background:
        during = background.submit(load, server, QUESTIONS)  # patients keep writing meanwhile
        back = wait_until(lambda: server.pid("actions") != old and action_server_up(server), RESTART_S)
        results = during.result(timeout=120)
    print(f"action server back after {back:.1f} s; replies after", [round(e, 2) for e, _ in results], "s")
    assert all(text for _, text in results), "a patient got no reply"
    assert max(elapsed for elapsed, _ in results) < PROMPT_S
    assert server.ask(sender, "what are the side effects?") == ["utter_faq/side_effects"]
    assert user_texts(server, sender) == ["hello", "what are the side effects?"]


def test_a_hung_action_server_gets_a_prompt_notice_and_loses_nothing(server, sender):
    server.send(sender, "what are the side effects?")
    with stopped(server.pid("actions")):
        # Plain answers are composed inside Rasa (ldn/policy.py): no wait on the action server.
        elapsed, text = timed_send(server, sender, "how do I take ldn?")
        assert elapsed < PROMPT_S and TROUBLE not in text and text
        # "Tell me more" needs the action server: the patient hears from us promptly.
        elapsed, text = timed_send(server, sender, "tell me more")
        assert elapsed < PROMPT_S and TROUBLE in text and "911" in text and "(555) 010-0000" in text
        results = load(server, ["tell me more"] * 3)
        print("replies after", [round(elapsed, 2) for elapsed, _ in results], "s")
        assert all(TROUBLE in t for _, t in results) and max(e for e, _ in results) < PROMPT_S
    # Resumed: the late answer is still saved, and the conversation goes on.
    wait_until(
        lambda: any(
            e["event"] == "action" and e.get("name") == "action_tell_more" for e in server.tracker(sender)["events"]
        ),
        30,
    )
    assert server.ask(sender, "what are the side effects?") == ["utter_faq/side_effects"]
    assert user_texts(server, sender)[:3] == ["what are the side effects?", "how do I take ldn?", "tell me more"]


def test_with_the_action_server_unavailable_an_emergency_still_gets_emergency_guidance(server, sender):
    with stopped(server.pid("actions")):
        elapsed, text = timed_send(server, sender, "my son swallowed a bottle of my pills")
    assert elapsed < PROMPT_S
    assert "Poison Control" in text and "1-800-222-1222" in text


def test_a_killed_page_server_is_back_within_seconds(server):
    old = server.pid("web")
    os.kill(old, signal.SIGKILL)
    took = wait_until(lambda: server.pid("web") != old and requests.get(server.web_url, timeout=1).ok, RESTART_S)
    assert took < RESTART_S


def test_a_locked_database_gets_a_clear_reply_and_loses_no_conversation(server, sender):
    server.send(sender, "hello")
    server.send(sender, "what are the side effects?")
    before = server.tracker(sender)["events"]
    database = Path(server.env["LDN_TRACKER_URL"].split("///", 1)[1])
    # Wait out the server's own short writes (the retention sweep runs every 2 s here),
    # then hold the database: nobody else can read or write.
    lock = sqlite3.connect(database, timeout=10, isolation_level=None)
    lock.execute("BEGIN EXCLUSIVE")
    try:
        elapsed, text = timed_send(server, sender, "tell me more")
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    assert elapsed < PROMPT_S and TROUBLE in text
    after = server.tracker(sender)["events"]
    assert after[: len(before)] == before, "earlier conversation changed"
    # The conversation goes on with its context (the last topic was side effects).
    server.send(sender, "tell me more")
    assert server.last_turn(sender)["responses"][0] == "utter_faq/safety"


def test_a_killed_rasa_is_restarted_and_the_conversation_continues(server, sender):
    server.send(sender, "hello")
    server.send(sender, "what are the side effects?")
    before = server.tracker(sender)["events"]
    old = server.pid("rasa")
    os.kill(old, signal.SIGKILL)
    took = wait_until(
        lambda: (
            server.pid("rasa") != old
            and requests.get(f"{server.rasa_url}/status", params={"token": server.api_token}, timeout=2).ok
        ),
        RASA_RESTART_S,
        step=0.5,
    )
    print(f"Rasa back after {took:.1f} s")
    assert action_server_up(server) and requests.get(server.web_url, timeout=2).ok  # the others kept running
    assert server.tracker(sender)["events"][: len(before)] == before
    server.send(sender, "tell me more")
    assert server.last_turn(sender)["responses"][0] == "utter_faq/safety"
