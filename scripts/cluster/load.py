"""Closed-loop REST load through nginx, with the retry a well-behaved client does.

Used by the failover test (tests/cluster/) and `make cluster-bench`. Only ever sends to
127.0.0.1, for a bounded time.

Each simulated patient is one conversation: send a message, wait for the reply, send
the next. On a 5xx or a refused connection the same message is sent again (up to
RETRIES times, backing off from 0.2 s to 2 s): after a replica dies mid-answer nginx returns 502 (it
never re-sends a POST that reached a replica), and the retry lands on the survivor.
A retry may be a duplicate turn if the dead replica had already saved the first copy;
`Turn.ambiguous` marks those.
"""

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import requests

RETRIES = 12
RETRY_PAUSES_S = [0.2, 0.4, 0.8, 1.6] + [2.0] * 8  # backing off: ~19 s in all
QUESTIONS = [
    "what is ldn",
    "what are the side effects",
    "how do i take it",
    "what dose do people use",
    "what conditions is it used for",
    "how much does it cost",
]


@dataclass
class Turn:
    sender: str
    text: str
    sent_at: float
    replied_at: float | None = None
    attempts: int = 0
    statuses: list[str] = field(default_factory=list)
    reply: list | None = None

    @property
    def ambiguous(self) -> bool:
        """A failed attempt may have been processed before the replica died."""
        return any(status.startswith("5") or status == "reset" for status in self.statuses[:-1])


def post_with_retry(session: requests.Session, url: str, sender: str, text: str) -> Turn:
    turn = Turn(sender, text, time.monotonic())
    for pause in RETRY_PAUSES_S[:RETRIES]:
        turn.attempts += 1
        try:
            response = session.post(url, json={"sender": sender, "message": text}, timeout=30)
            turn.statuses.append(str(response.status_code))
            if response.status_code == 200:
                turn.reply = response.json()
                turn.replied_at = time.monotonic()
                return turn
            if response.status_code < 500:
                return turn  # a 4xx is the client's fault: retrying would not help
        except requests.ConnectionError:
            turn.statuses.append("reset")
        time.sleep(pause)
    return turn


def default_text(sender: str, i: int) -> str:
    return f"{QUESTIONS[i % len(QUESTIONS)]} ({i})"


def run_closed_loop(
    url: str,
    senders: list[str],
    duration_s: float,
    texts: Callable[[str, int], str] = default_text,
    stop: threading.Event | None = None,
) -> list[Turn]:
    """One thread per sender, each sending its next message as soon as the last is answered,
    for `duration_s` or until `stop` is set, whichever comes first."""
    turns: list[Turn] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + duration_s
    stop = stop or threading.Event()

    def patient(sender: str) -> None:
        with requests.Session() as session:
            i = 0
            while time.monotonic() < stop_at and not stop.is_set():
                turn = post_with_retry(session, url, sender, texts(sender, i))
                with lock:
                    turns.append(turn)
                i += 1

    threads = [threading.Thread(target=patient, args=(sender,), daemon=True) for sender in senders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(duration_s + 300)
    return turns
