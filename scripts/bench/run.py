"""make bench: the assistant and a stock `rasa init` bot on this machine, one table of ratios.

    python -m scripts.bench.run                 # full run: trains both from clean first
    python -m scripts.bench.run --skip-train    # reuse models/ldn.tar.gz and the last stock model
    python -m scripts.bench.run --skip-train --no-stock --baseline          # a lever: before/after
    python -m scripts.bench.run --skip-train --no-stock --variant TF_INTRA_OP_PARALLELISM_THREADS=1

The bots are started one after the other (each cold start measured alone), then every
load phase runs on each bot in turn, so that a change in the machine's background load
hits both sides of a ratio alike. Everything goes to 127.0.0.1; every phase is bounded
in time. Results: results/bench/<label>.json and results/bench/<label>.md.
"""

import argparse
import asyncio
import json
import shutil
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import rasa
import yaml

from ldn.domain import DOMAIN_PATH
from ldn.settings import responses_source
from scripts.bench import load
from scripts.bench.edit import copy_source, edit_response
from scripts.bench.messages import PATIENT, STOCK
from scripts.bench.report import table
from scripts.bench.servers import RASA, ROOT, Bot, base_env, start_ours, start_stock, train

WORK = ROOT / "build" / "bench"
RESULTS = ROOT / "results" / "bench"
STOCK_PROJECT = WORK / "stock"
STOCK_MODEL = STOCK_PROJECT / "models" / "stock.tar.gz"
START_TIMEOUT_S = 900  # a loaded 2-core machine has taken 5 minutes to load a model
EDIT_TIMEOUT_S = 1200


@dataclass
class Contestant:
    name: str
    messages: list[str]
    start: Callable[[], Bot]
    edit: Callable[["Contestant"], Awaitable[float]] | None = None
    bot: Bot | None = None
    result: dict = field(default_factory=dict)
    peaks: list[float] = field(default_factory=list)

    def stop(self) -> None:
        if self.bot:
            self.peaks.append(self.bot.stop())
            self.bot = None
        self.result["peak_rss_mb"] = round(max(self.peaks, default=0.0))


def rasa_default_endpoints(target: Path) -> Path:
    """endpoints.yml with Rasa's own tracker store, response generator and action calls (before the levers)."""
    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text())
    endpoints["tracker_store"] = {"type": "SQL", "url": "${LDN_TRACKER_URL}"}
    endpoints["action_endpoint"] = {"url": endpoints["action_endpoint"]["url"]}
    endpoints.pop("nlg", None)
    target.write_text(yaml.safe_dump(endpoints, sort_keys=False))
    return target


def ours(name: str, model: Path, env: dict[str, str], live_edit: bool) -> Contestant:
    work = WORK / name
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    responses = copy_source(responses_source(), work / "responses" / responses_source().name)

    async def edit(me: Contestant) -> float:
        """Edit one answer in the served copy of the response source; wait for the new text."""
        marker = f"edited-{uuid.uuid4().hex[:6]}"
        began = time.perf_counter()
        edit_response(responses, "utter_faq/what_is", marker)
        await load.first_answer(me.bot.url, '/faq{"topic": "what_is"}', EDIT_TIMEOUT_S, expect=marker)
        return time.perf_counter() - began

    return Contestant(name, PATIENT, lambda: start_ours(work, model, responses, env), edit if live_edit else None)


def fresh_stock_project() -> None:
    """The files `rasa init` writes (its scaffold), without the training `rasa init` also runs."""
    shutil.rmtree(STOCK_PROJECT, ignore_errors=True)
    shutil.copytree(
        Path(rasa.__file__).parent / "cli" / "initial_project",
        STOCK_PROJECT,
        ignore=shutil.ignore_patterns("__pycache__"),
    )


def stock() -> Contestant:
    async def edit(me: Contestant) -> float:
        """The stock way: edit domain.yml, `rasa train`, restart the server, wait for the new text."""
        domain = STOCK_PROJECT / "domain.yml"
        original, marker = domain.read_text(), f"edited-{uuid.uuid4().hex[:6]}"
        began = time.perf_counter()
        try:
            edit_response(domain, "utter_greet", marker)
            edited = STOCK_PROJECT / "edited"
            await asyncio.to_thread(
                subprocess.run,
                [str(RASA), "train", "--fixed-model-name", "stock", "--out", str(edited)],
                cwd=STOCK_PROJECT,
                env=base_env({}),
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            me.peaks.append(me.bot.stop())
            me.bot = start_stock(STOCK_PROJECT, edited / "stock.tar.gz")
            await load.first_answer(me.bot.url, "hello", EDIT_TIMEOUT_S, expect=marker)
            return time.perf_counter() - began
        finally:
            domain.write_text(original)

    return Contestant("stock", STOCK, lambda: start_stock(STOCK_PROJECT, STOCK_MODEL), edit)


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 1)


async def serve(contestants: list[Contestant], args) -> None:
    for c in contestants:  # cold starts one at a time
        c.bot = c.start()
        c.result["cold_start_s"] = round(await load.first_answer(c.bot.url, "hello", START_TIMEOUT_S), 1)
        print(f"[{c.name}] first answer after {c.result['cold_start_s']} s", flush=True)
    for c in contestants:
        await load.closed_loop(c.bot.url, c.messages, 2, 3)  # warm-up, not counted
    for c in contestants:
        turns = await load.long_conversation(c.bot.url, c.messages, args.turns)
        c.result.update(
            turns_ms=[round(t, 1) for t in turns], turn_1_ms=_median(turns[:5]), turn_last_ms=_median(turns[-5:])
        )
        print(
            f"[{c.name}] turn 1 {c.result['turn_1_ms']} ms, turn {args.turns} {c.result['turn_last_ms']} ms", flush=True
        )
    for level in args.levels:
        for c in contestants:
            c.result[f"closed_{level}"] = (
                await load.closed_loop(c.bot.url, c.messages, level, args.duration)
            ).summary()
            print(f"[{c.name}] {level:>2} concurrent: {c.result[f'closed_{level}']}", flush=True)
    for c in contestants:
        c.result["open"] = (await load.open_loop(c.bot.url, c.messages, args.rate, args.duration)).summary()
        print(f"[{c.name}] open loop {args.rate:g}/s: {c.result['open']}", flush=True)
    for c in contestants:
        if c.edit:
            c.result["edit_s"] = round(await c.edit(c), 1)
            print(f"[{c.name}] edited answer served after {c.result['edit_s']} s", flush=True)


def run(args) -> dict:
    model = ROOT / "models" / "ldn.tar.gz"
    trained: dict[str, float] = {}
    if not args.skip_train:
        print("[ours] training from clean ...", flush=True)
        (WORK / "trained").mkdir(parents=True, exist_ok=True)
        trained["ours"] = round(
            train(
                ROOT, WORK / "trained", "ldn", {"PYTHONPATH": str(ROOT)}, WORK / "trained" / "train.log", DOMAIN_PATH
            ),
            1,
        )
        model = WORK / "trained" / "ldn.tar.gz"
    if not args.no_stock and (not args.skip_train or not STOCK_MODEL.exists()):
        fresh_stock_project()
        print("[stock] training from clean ...", flush=True)
        trained["stock"] = round(train(STOCK_PROJECT, STOCK_MODEL.parent, "stock", {}, STOCK_PROJECT / "train.log"), 1)
    contestants = [ours("ours", model, {}, live_edit=True)]
    if args.baseline:
        endpoints = rasa_default_endpoints(WORK / "endpoints-rasa-defaults.yml")
        contestants.append(ours("baseline", model, {"LDN_ENDPOINTS": str(endpoints)}, live_edit=False))
    if args.variant:
        contestants.append(ours("variant", model, args.variant, live_edit=False))
    if not args.no_stock:
        contestants.append(stock())
    for c in contestants:
        if c.name in trained:
            c.result["train_s"] = trained[c.name]
    try:
        asyncio.run(serve(contestants, args))
    finally:
        for c in contestants:
            c.stop()
    return {c.name: c.result for c in contestants}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip-train", action="store_true", help="reuse existing models; training time not measured")
    parser.add_argument("--no-stock", action="store_true", help="leave the stock bot out (lever comparisons)")
    parser.add_argument(
        "--baseline",
        action="store_true",
        help="also our bot with Rasa's own tracker store, response generator and action calls",
    )
    parser.add_argument(
        "--variant",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="also our bot with this environment (e.g. TF_INTRA_OP_PARALLELISM_THREADS=1)",
    )
    parser.add_argument("--duration", type=float, default=20, help="seconds per load level (default 20)")
    parser.add_argument("--levels", type=lambda s: [int(x) for x in s.split(",")], default=[1, 10, 50])
    parser.add_argument("--rate", type=float, default=10, help="open-loop messages per second (default 10)")
    parser.add_argument("--turns", type=int, default=100, help="turns of the long conversation (default 100)")
    parser.add_argument("--label", default="latest", help="results/bench/<label>.json and .md")
    args = parser.parse_args(argv)
    args.variant = dict(item.split("=", 1) for item in args.variant)
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    began = time.monotonic()
    results: dict = {"settings": dict(vars(args))}
    results.update(run(args))
    results["settings"]["took_s"] = round(time.monotonic() - began)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{args.label}.json").write_text(json.dumps(results, indent=2))
    text = table(results)
    (RESULTS / f"{args.label}.md").write_text(text + "\n")
    print("\n" + text)
    print(f"\n(results/bench/{args.label}.json and .md; took {results['settings']['took_s']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
