"""A tiny run of the benchmark's load generator and table against the shared server (make bench is not in make test)."""

import asyncio

import pytest

from scripts.bench import load
from scripts.bench.messages import PATIENT
from scripts.bench.report import table

pytestmark = pytest.mark.server


def test_smoke_run_fills_the_table(server):
    url = f"{server.rasa_url}/webhooks/rest/webhook"

    async def run():
        closed = (await load.closed_loop(url, PATIENT, 1, 3)).summary()
        opened = (await load.open_loop(url, PATIENT, 2, 2)).summary()
        turns = await load.long_conversation(url, PATIENT, 3)
        return closed, opened, turns

    closed, opened, turns = asyncio.run(run())
    assert closed["messages"] >= 1 and closed["errors"] == closed["empty_answers"] == 0 and closed["p95_ms"] > 0
    assert opened["messages"] == 4 and opened["errors"] == 0
    assert len(turns) == 3 and all(t > 0 for t in turns)
    ours = {"closed_1": closed, "open": opened, "turn_1_ms": turns[0], "turn_last_ms": turns[-1]}
    text = table({"settings": {"duration": 3, "rate": 2, "turns": 3, "levels": [1], "env": {}}, "ours": ours})
    assert f"| throughput, 1 concurrent | msg/s | {closed['msg_per_s']:.1f} | n/a |" in text
    assert "| p95 at open-loop rate | ms |" in text


def test_load_generator_only_talks_to_this_machine():
    for url in ("http://example.com/webhooks/rest/webhook", "http://localhost:5005/x", "http://10.0.0.1/x"):
        with pytest.raises(ValueError, match=r"."):
            load.check_local(url)  # every phase of the load generator starts with this check


def test_percentiles():
    values = list(range(1, 101))
    assert (load.percentile(values, 50), load.percentile(values, 95), load.percentile(values, 99)) == (50, 95, 99)
    assert load.percentile([], 50) is None
