"""The load generator: REST conversations against 127.0.0.1 only, bounded in time.

Closed loop: each of N simulated users sends a conversation of 8 messages (each
waits for the answer before sending the next), then starts a new conversation,
until the time is up. Open loop: messages sent at a steady rate whatever the
answers take. Long conversation: one conversation of many turns, latency by turn.
"""

import asyncio
import math
import random
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import aiohttp

TURNS_PER_CONVERSATION = 8
REQUEST_TIMEOUT_S = 60
MAX_IN_FLIGHT = 500  # open loop: never more requests outstanding than this


def check_local(url: str) -> str:
    """The benchmark never sends traffic anywhere but this machine."""
    if urlsplit(url).hostname != "127.0.0.1":
        raise ValueError(f"the load generator only talks to 127.0.0.1, not {url}")
    return url


def percentile(values: Sequence[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(q / 100 * len(ordered))))
    return ordered[rank - 1]


@dataclass
class Run:
    """Latencies (seconds) of the answered messages of one load phase."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    empty: int = 0  # answered with no message (the stock bot, by design, for some inputs)
    elapsed_s: float = 0.0

    def summary(self) -> dict[str, float | None]:
        ms = [round(x * 1000, 1) for x in self.latencies]
        return {
            "messages": len(ms),
            "errors": self.errors,
            "empty_answers": self.empty,
            "elapsed_s": round(self.elapsed_s, 2),
            "msg_per_s": round(len(ms) / self.elapsed_s, 2) if self.elapsed_s else None,
            "p50_ms": percentile(ms, 50),
            "p95_ms": percentile(ms, 95),
            "p99_ms": percentile(ms, 99),
        }


async def send(session: aiohttp.ClientSession, url: str, sender: str, text: str) -> list[dict]:
    """POST one message; return the bot's messages (raises on an error status)."""
    async with session.post(url, json={"sender": sender, "message": text}) as reply:
        reply.raise_for_status()
        return await reply.json()


def _session(connections: int) -> aiohttp.ClientSession:
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=connections),
        timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S),
    )


async def _timed(session, url, sender, text, run: Run) -> None:
    began = time.perf_counter()
    try:
        answer = await send(session, url, sender, text)
        run.latencies.append(time.perf_counter() - began)
        run.empty += not answer
    except (aiohttp.ClientError, asyncio.TimeoutError):
        run.errors += 1


def _sender(prefix: str) -> str:
    return f"bench-{prefix}-{uuid.uuid4().hex[:10]}"


async def closed_loop(url: str, messages: Sequence[str], concurrency: int, duration_s: float, seed: int = 0) -> Run:
    """N users, each sending conversations of 8 messages back to back, for duration_s."""
    check_local(url)
    run, rng = Run(), random.Random(seed)
    began = time.perf_counter()
    deadline = began + duration_s

    async def user(session) -> None:
        while time.perf_counter() < deadline:
            sender = _sender("c")
            for text in rng.sample(list(messages), TURNS_PER_CONVERSATION):
                if time.perf_counter() >= deadline:
                    return
                await _timed(session, url, sender, text, run)

    async with _session(concurrency) as session:
        await asyncio.gather(*(user(session) for _ in range(concurrency)))
    run.elapsed_s = time.perf_counter() - began
    return run


async def open_loop(url: str, messages: Sequence[str], rate: float, duration_s: float, seed: int = 0) -> Run:
    """Messages at a steady `rate` per second for duration_s (conversations of 8), whatever the latency."""
    check_local(url)
    run, rng = Run(), random.Random(seed)
    began = time.perf_counter()
    tasks: list[asyncio.Task] = []
    async with _session(MAX_IN_FLIGHT) as session:
        sender = _sender("o")
        for i in range(int(rate * duration_s)):
            if i % TURNS_PER_CONVERSATION == 0:
                sender = _sender("o")
            await asyncio.sleep(max(0.0, began + i / rate - time.perf_counter()))
            if sum(not t.done() for t in tasks) >= MAX_IN_FLIGHT:
                run.errors += 1  # the server is that far behind: count it, don't pile on
                continue
            tasks.append(asyncio.ensure_future(_timed(session, url, sender, rng.choice(messages), run)))
        await asyncio.gather(*tasks)
    run.elapsed_s = time.perf_counter() - began
    return run


async def long_conversation(url: str, messages: Sequence[str], turns: int) -> list[float]:
    """Latency (ms) of each turn of one conversation of `turns` messages."""
    check_local(url)
    sender, latencies = _sender("long"), []
    # The last 5 turns repeat the first 5 messages, so that turn 1 and turn N are compared
    # on the same questions (answers differ in cost: some call the action server, some don't).
    period = max(turns - 5, 1)
    order = [messages[(i % period) % len(messages)] for i in range(turns)]
    async with _session(1) as session:
        for text in order:
            began = time.perf_counter()
            await send(session, url, sender, text)
            latencies.append((time.perf_counter() - began) * 1000)
    return latencies


async def first_answer(url: str, text: str, timeout_s: float, expect: str | None = None) -> float:
    """Seconds until the server answers `text` (containing `expect`, if given), polling."""
    check_local(url)
    began = time.perf_counter()
    async with _session(1) as session:
        while time.perf_counter() - began < timeout_s:
            try:
                answer = await send(session, url, _sender("poll"), text)
                if answer and (expect is None or any(expect in m.get("text", "") for m in answer)):
                    return time.perf_counter() - began
            except (aiohttp.ClientError, asyncio.TimeoutError):
                pass
            await asyncio.sleep(0.2)
    raise TimeoutError(f"no{' matching' if expect else ''} answer within {timeout_s:.0f}s")
