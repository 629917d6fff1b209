"""Where a message's time goes: a per-stage breakdown (README, "Performance").

    python -m scripts.bench.profile [--messages 200] [--model models/ldn.tar.gz] [--no-http]

Loads the model in this process as `rasa run` does (same endpoints.yml, a real action
server, a fresh SQLite conversation store) and times each stage of every message by
wrapping Rasa's own functions, in this script only: tracker load and save, each NLU
component (graph node), the policy graph, each action (action server round trip and
response rendering). Patients send conversations of 8 messages from the benchmark's
list. Then, unless --no-http, the same messages go to a real server over REST: what
the HTTP request costs beyond the in-process total is the channel (HTTP, Sanic, the
REST input checks, JSON).
"""

import argparse
import asyncio
import functools
import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scripts.bench.messages import PATIENT
from tests.server import ROOT, free_port

TIMES: dict[str, float] = defaultdict(float)
STAGE = {"now": "other"}


def timed(owner: Any, name: str, label: Callable[..., str], stage: str = "") -> None:
    """Replace owner.name with a version that adds its duration to TIMES[label(...)]."""
    original = getattr(owner, name)

    def record(key: str, began: float) -> None:
        TIMES[key] += time.perf_counter() - began

    if asyncio.iscoroutinefunction(original):

        @functools.wraps(original)
        async def wrapper(*args, **kwargs):
            previous, began = STAGE["now"], time.perf_counter()
            STAGE["now"] = stage or previous
            try:
                return await original(*args, **kwargs)
            finally:
                STAGE["now"] = previous
                record(label(*args, **kwargs), began)
    else:

        @functools.wraps(original)
        def wrapper(*args, **kwargs):
            previous, began = STAGE["now"], time.perf_counter()
            STAGE["now"] = stage or previous
            try:
                return original(*args, **kwargs)
            finally:
                STAGE["now"] = previous
                record(label(*args, **kwargs), began)

    setattr(owner, name, wrapper)


def instrument(store_class: type) -> None:
    from rasa.core.actions.action import RemoteAction
    from rasa.core.processor import MessageProcessor
    from rasa.engine.graph import GraphNode
    from rasa.utils.endpoints import EndpointConfig

    from ldn.nlg import LiveResponses

    timed(store_class, "retrieve", lambda *a, **kw: "tracker load")
    timed(store_class, "save", lambda *a, **kw: "tracker save")
    timed(MessageProcessor, "parse_message", lambda *a, **kw: "NLU", stage="NLU")
    timed(MessageProcessor, "_predict_next_with_tracker", lambda *a, **kw: "policy", stage="policy")
    timed(MessageProcessor, "run_action_extract_slots", lambda *a, **kw: "slot extraction (action_extract_slots)")
    timed(GraphNode, "__call__", lambda node, *a, **kw: f"{STAGE['now']} · {node._node_name}")
    timed(RemoteAction, "run", lambda action, *a, **kw: "custom actions (action server round trip)")
    timed(EndpointConfig, "request", lambda *a, **kw: "  of which the HTTP request to the action server")
    timed(LiveResponses, "generate", lambda *a, **kw: "rendering responses (NLG)")
    timed(
        MessageProcessor,
        "_run_action",
        lambda proc, action=None, *a, **kw: f"action · {(action or kw['action']).name()}",
    )
    timed(MessageProcessor, "handle_message", lambda *a, **kw: "total (in process)")


STARTUP: dict[str, float] = {}


async def in_process(model: str, messages: int) -> dict[str, float]:
    from ldn.rasa_main import without_jax

    without_jax()  # as `rasa run` is started (ldn/rasa_main.py)
    began = time.perf_counter()
    import tensorflow  # noqa: F401  (what Rasa's imports spend most on)

    STARTUP["import TensorFlow"] = time.perf_counter() - began
    began = time.perf_counter()
    from rasa.core.agent import load_agent
    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
    from rasa.core.utils import AvailableEndpoints
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    # Logging as `rasa run` configures it (INFO): unconfigured, structlog prints every
    # debug event, and its cost would be counted as the policy's.
    configure_logging_and_warnings(logging.INFO)
    configure_structlog(logging.INFO)

    STARTUP["import the rest of Rasa"] = time.perf_counter() - began
    began = time.perf_counter()
    endpoints = AvailableEndpoints.read_endpoints(os.environ.get("LDN_ENDPOINTS") or str(ROOT / "endpoints.yml"))
    agent = await load_agent(model_path=model, endpoints=endpoints)
    STARTUP["load the model (unpack, build the graph, spaCy, the linear models)"] = time.perf_counter() - began
    began = time.perf_counter()
    await agent.handle_message(UserMessage("hello", CollectingOutputChannel(), "first"))
    STARTUP["first message (rules compiled, first queries)"] = time.perf_counter() - began
    instrument(
        type(agent.tracker_store._tracker_store)
        if hasattr(agent.tracker_store, "_tracker_store")
        else type(agent.tracker_store)
    )
    for i in range(8):  # warm-up, not counted
        await agent.handle_message(UserMessage(PATIENT[i], CollectingOutputChannel(), "warm-up"))
    TIMES.clear()
    for i in range(messages):
        sender = f"profile-{i // 8}"
        await agent.handle_message(UserMessage(PATIENT[i % len(PATIENT)], CollectingOutputChannel(), sender))
    return {key: value * 1000 / messages for key, value in TIMES.items()}


def over_http(model: str, messages: int) -> float:
    """Median REST latency (ms) of the same messages against a real server."""
    from ldn.settings import responses_source
    from scripts.bench import load
    from scripts.bench.servers import start_ours

    with tempfile.TemporaryDirectory() as tmp:
        bot = start_ours(Path(tmp), Path(model), responses_source(), {})
        try:

            async def run() -> list[float]:
                await load.first_answer(bot.url, "hello", 300)
                latencies: list[float] = []
                for start in range(0, messages, 8):
                    batch = [PATIENT[i % len(PATIENT)] for i in range(start, min(start + 8, messages))]
                    latencies += await load.long_conversation(bot.url, batch, len(batch))
                return latencies

            return statistics.median(asyncio.run(run()))
        finally:
            bot.stop()


def report(stages: dict[str, float], http_ms: float) -> str:
    total = stages.get("total (in process)", 0.0)
    actions = sum(v for k, v in stages.items() if k.startswith("action · "))
    lines = ["| stage | ms per message | share |", "| --- | --- | --- |"]

    def row(name: str, value: float, indent: str = "") -> None:
        lines.append(f"| {indent}{name} | {value:.1f} | {value / (http_ms or total):.0%} |")

    def parts(prefix: str) -> None:
        for key, value in sorted(stages.items(), key=lambda kv: -kv[1]):
            if key.startswith(prefix) and value >= 0.05:
                row(key[len(prefix) :], value, "&nbsp;&nbsp;")

    if http_ms:
        row("channel: HTTP, Sanic, REST input checks (REST median − in-process)", max(0.0, http_ms - total))
    row("tracker load", stages.get("tracker load", 0.0))
    row("NLU", stages.get("NLU", 0.0))
    parts("NLU · ")
    row("slot extraction (action_extract_slots)", stages.get("slot extraction (action_extract_slots)", 0.0))
    row("policy", stages.get("policy", 0.0))
    parts("policy · ")
    row("actions", actions)
    for name in (
        "custom actions (action server round trip)",
        "  of which the HTTP request to the action server",
        "rendering responses (NLG)",
    ):
        row(name.strip(), stages.get(name, 0.0), "&nbsp;&nbsp;")
    row("tracker save", stages.get("tracker save", 0.0))
    accounted = (
        sum(
            stages.get(n, 0.0)
            for n in ("tracker load", "NLU", "slot extraction (action_extract_slots)", "policy", "tracker save")
        )
        + actions
    )
    row("rest of Rasa's message handling (lock, events, logging)", max(0.0, total - accounted))
    row("**total in process**", total)
    if http_ms:
        row("**total over REST (median)**", http_ms)
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--model", default=str(ROOT / "models" / "ldn.tar.gz"))
    parser.add_argument("--no-http", action="store_true")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="ldn-profile-")
    port = free_port()
    os.environ.update({"ACTIONS_PORT": str(port), "LDN_TRACKER_URL": f"sqlite:///{tmp}/tracker.db"})
    actions = subprocess.Popen(
        [sys.executable, "-m", "rasa_sdk", "--actions", "actions", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "SANIC_HOST": "127.0.0.1"},
    )
    try:
        stages = asyncio.run(in_process(args.model, args.messages))
    finally:
        actions.terminate()
        actions.wait()
    http_ms = 0.0 if args.no_http else over_http(args.model, args.messages)
    text = (
        report(stages, http_ms)
        + "\n\nStart-up, in process:\n\n| step | s |\n| --- | --- |\n"
        + "\n".join(f"| {step} | {seconds:.1f} |" for step, seconds in STARTUP.items())
    )
    out = ROOT / "results" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "profile.md").write_text(text + "\n")
    (out / "profile.json").write_text(
        json.dumps({"stages_ms": stages, "http_median_ms": http_ms, "startup_s": STARTUP}, indent=2)
    )
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
