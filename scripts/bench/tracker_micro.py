"""Micro-benchmark of the tracker store: load + save per turn, turn 1 against turn 100.

    python -m scripts.bench.tracker_micro [--turns 100]

Each store keeps one conversation of realistic events (a patient message with its
NLU output, the answer, a slot) in a fresh SQLite file, and is timed on what the
server does per message: load the tracker, add one turn, save it, and serialise it
for the action server.
"""

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

from ldn.domain import DOMAIN_PATH
from ldn.settings import response_variables
from ldn.tracker_store import WindowedSQLTrackerStore
from scripts.bench.messages import PATIENT


def session_start() -> list:
    return (
        [ActionExecuted("action_session_start"), SessionStarted()]
        + [SlotSet(k, v) for k, v in response_variables().items()]
        + [ActionExecuted("action_listen")]
    )


def turn(i: int) -> list:
    ranking = [{"name": f"faq/topic_{k}", "confidence": 0.1} for k in range(10)]
    parse = {
        "intent": {"name": "faq", "confidence": 0.9},
        "entities": [],
        "text": PATIENT[i % len(PATIENT)],
        "intent_ranking": ranking,
        "response_selector": {"faq": {"ranking": ranking, "response": {}}},
    }
    return [
        UserUttered(PATIENT[i % len(PATIENT)], parse["intent"], [], parse),
        ActionExecuted("action_answer_faq"),
        BotUttered("An answer of about four hundred characters. " * 9),
        SlotSet("last_topic", f"topic_{i % 10}"),
        ActionExecuted("action_listen"),
    ]


async def one_conversation(store, domain: Domain, turns: int, sender: str = "patient") -> dict[str, list[float]]:
    out: dict[str, list[float]] = {"load_save_ms": [], "serialise_ms": []}
    for i in range(turns):
        began = time.perf_counter()
        tracker = await store.retrieve(sender)
        if tracker is None:
            tracker = DialogueStateTracker(sender, domain.slots)
            for event in session_start():
                tracker.update(event)
        for event in turn(i):
            tracker.update(event)
        await store.save(tracker)
        middle = time.perf_counter()
        json.dumps(tracker.current_state(EventVerbosity.ALL))
        out["load_save_ms"].append((middle - began) * 1000)
        out["serialise_ms"].append((time.perf_counter() - middle) * 1000)
    return out


STORES: dict[str, Callable] = {
    "Rasa SQLTrackerStore": lambda url, domain: SQLTrackerStore(domain, host=url),
    "+ WAL, synchronous=NORMAL, pooled": lambda url, domain: WindowedSQLTrackerStore(
        domain, host=url, window_turns=10**9
    ),
    "+ windowed load (ours)": lambda url, domain: WindowedSQLTrackerStore(domain, host=url),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--turns", type=int, default=100)
    args = parser.parse_args()
    domain = Domain.load(str(DOMAIN_PATH))
    print(
        f"| store | load+save, turn 1 (ms) | turn {args.turns} (ms) | growth | serialise for actions, turn {args.turns} (ms) |"
    )
    print("| --- | --- | --- | --- | --- |")
    for name, make in STORES.items():
        with tempfile.TemporaryDirectory() as tmp:
            store = make(f"sqlite:///{Path(tmp) / 'tracker.db'}", domain)
            asyncio.run(one_conversation(store, domain, 5, sender="warm-up"))
            times = asyncio.run(one_conversation(store, domain, args.turns))
        first = statistics.median(times["load_save_ms"][:5])
        last = statistics.median(times["load_save_ms"][-5:])
        print(
            f"| {name} | {first:.1f} | {last:.1f} | {last / first:.2f}× | {statistics.median(times['serialise_ms'][-5:]):.1f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
