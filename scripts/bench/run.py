"""make bench: the assistant and a stock `rasa init` bot, one after the other, one table.

    python -m scripts.bench.run                 # full run (trains both from clean)
    python -m scripts.bench.run --skip-train    # reuse models/ldn.tar.gz and the last stock model
    python -m scripts.bench.run --only ours --env TF_INTRA_OP_PARALLELISM_THREADS=1 --label tf1

Everything goes to 127.0.0.1 and every phase is bounded in time. Results:
results/bench/<label>.json and results/bench/<label>.md.
"""

import argparse
import asyncio
import json
import shutil
import statistics
import sys
import time
import uuid
from pathlib import Path
from typing import Dict, List, Optional

import rasa

from ldn.settings import responses_source
from scripts.bench import load
from scripts.bench.edit import copy_source, edit_response
from scripts.bench.messages import PATIENT, STOCK
from scripts.bench.report import table
from scripts.bench.servers import ROOT, start_ours, start_stock, train

WORK = ROOT / "build" / "bench"
RESULTS = ROOT / "results" / "bench"
STOCK_PROJECT = WORK / "stock"
STOCK_MODEL = STOCK_PROJECT / "models" / "stock.tar.gz"
START_TIMEOUT_S = 300
EDIT_TIMEOUT_S = 600

# What each bot is asked, and the answer edited for the "edit an answer" timing.
PROFILES = {
    "ours": {"messages": PATIENT, "first": "hello", "edit": ("utter_faq/what_is", '/faq{"topic": "what_is"}')},
    "stock": {"messages": STOCK, "first": "hello", "edit": ("utter_greet", "hello")},
}


def _median(values: List[float]) -> float:
    return round(statistics.median(values), 1)


async def measure(bot, name: str, args, edit) -> Dict:
    """Every serving measure of one running bot (already started, cold)."""
    profile = PROFILES[name]
    messages = profile["messages"]
    out: Dict = {"cold_start_s": round(await load.first_answer(bot.url, profile["first"], START_TIMEOUT_S), 1)}
    print(f"  [{name}] first answer after {out['cold_start_s']} s", flush=True)
    await load.closed_loop(bot.url, messages, 2, 3)  # warm-up, not counted
    turns = await load.long_conversation(bot.url, messages, args.turns)
    out["turns_ms"] = [round(t, 1) for t in turns]
    out["turn_1_ms"], out["turn_last_ms"] = _median(turns[:5]), _median(turns[-5:])
    print(f"  [{name}] turn 1 {out['turn_1_ms']} ms, turn {args.turns} {out['turn_last_ms']} ms", flush=True)
    for level in args.levels:
        out[f"closed_{level}"] = (await load.closed_loop(bot.url, messages, level, args.duration)).summary()
        print(f"  [{name}] {level:>2} concurrent: {out[f'closed_{level}']}", flush=True)
    out["open"] = (await load.open_loop(bot.url, messages, args.rate, args.duration)).summary()
    print(f"  [{name}] open loop {args.rate}/s: {out['open']}", flush=True)
    if edit and not args.baseline:
        out["edit_s"] = round(await edit(), 1)
        print(f"  [{name}] edited answer served after {out['edit_s']} s", flush=True)
    return out


def rasa_default_endpoints(target: Path) -> Path:
    """endpoints.yml with Rasa's own SQL tracker store and response generator (before our levers)."""
    import yaml

    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text())
    endpoints["tracker_store"] = {"type": "SQL", "url": "${LDN_TRACKER_URL}"}
    endpoints["action_endpoint"] = {"url": endpoints["action_endpoint"]["url"]}
    endpoints.pop("nlg", None)
    target.write_text(yaml.safe_dump(endpoints, sort_keys=False))
    return target


def bench_ours(args) -> Dict:
    work = WORK / "ours"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    result: Dict = {}
    model = ROOT / "models" / "ldn.tar.gz"
    if not args.skip_train:
        print("[ours] training from clean ...", flush=True)
        result["train_s"] = round(train(ROOT, work, "ldn", {"PYTHONPATH": str(ROOT)}, work / "train.log"), 1)
        model = work / "ldn.tar.gz"
    responses = copy_source(responses_source(), work / "responses" / responses_source().name)
    env = dict(args.env)
    if args.baseline:
        env["LDN_ENDPOINTS"] = str(rasa_default_endpoints(work / "endpoints-rasa-defaults.yml"))
    bot = start_ours(work, model, responses, env)
    response, message = PROFILES["ours"]["edit"]

    async def edit() -> float:
        marker = f"edited-{uuid.uuid4().hex[:6]}"
        began = time.perf_counter()
        edit_response(responses, response, marker)
        await load.first_answer(bot.url, message, EDIT_TIMEOUT_S, expect=marker)
        return time.perf_counter() - began

    try:
        print("[ours] serving", flush=True)
        result.update(asyncio.run(measure(bot, "ours", args, edit)))
    finally:
        result["peak_rss_mb"] = round(bot.stop())
    return result


def _fresh_stock_project() -> None:
    """The files `rasa init` writes (its scaffold), without the training `rasa init` also runs."""
    shutil.rmtree(STOCK_PROJECT, ignore_errors=True)
    shutil.copytree(Path(rasa.__file__).parent / "cli" / "initial_project", STOCK_PROJECT,
                    ignore=shutil.ignore_patterns("__pycache__"))


def bench_stock(args) -> Dict:
    result: Dict = {}
    if not args.skip_train or not STOCK_MODEL.exists():
        _fresh_stock_project()
        print("[stock] training from clean ...", flush=True)
        result["train_s"] = round(train(STOCK_PROJECT, STOCK_MODEL.parent, "stock", {}, STOCK_PROJECT / "train.log"), 1)
    domain = STOCK_PROJECT / "domain.yml"
    original = domain.read_text()
    holder = {"bot": start_stock(STOCK_PROJECT, STOCK_MODEL, {})}
    response, message = PROFILES["stock"]["edit"]

    async def edit() -> float:
        """The stock way: edit domain.yml, `rasa train`, restart the server, wait for the new text."""
        marker = f"edited-{uuid.uuid4().hex[:6]}"
        began = time.perf_counter()
        edit_response(domain, response, marker)
        edited = STOCK_PROJECT / "edited"
        await asyncio.to_thread(train_incremental, edited)
        holder["peak_before_edit"] = holder["bot"].stop()
        holder["bot"] = start_stock(STOCK_PROJECT, edited / "stock.tar.gz", {})
        await load.first_answer(holder["bot"].url, message, EDIT_TIMEOUT_S, expect=marker)
        return time.perf_counter() - began

    try:
        print("[stock] serving", flush=True)
        result.update(asyncio.run(measure(holder["bot"], "stock", args, edit)))
    finally:
        peak = holder["bot"].stop()
        domain.write_text(original)
        result["peak_rss_mb"] = round(max(peak, holder.get("peak_before_edit", 0.0)))
    return result


def train_incremental(out: Path) -> None:
    """`rasa train` as a developer runs it after an edit (its cache makes it incremental)."""
    import subprocess

    from scripts.bench.servers import RASA, _base_env

    subprocess.run([str(RASA), "train", "--fixed-model-name", "stock", "--out", str(out)],
                   cwd=STOCK_PROJECT, env=_base_env({}), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip-train", action="store_true", help="reuse existing models; training time not measured")
    parser.add_argument("--only", choices=["ours", "stock"], help="one bot only (no ratios)")
    parser.add_argument("--duration", type=float, default=20, help="seconds per load level (default 20)")
    parser.add_argument("--levels", type=lambda s: [int(x) for x in s.split(",")], default=[1, 10, 50])
    parser.add_argument("--rate", type=float, default=10, help="open-loop messages per second (default 10)")
    parser.add_argument("--turns", type=int, default=100, help="turns of the long conversation (default 100)")
    parser.add_argument("--env", action="append", default=[], help="KEY=VALUE for our server (a lever to try)")
    parser.add_argument("--baseline", action="store_true",
                        help="our bot with Rasa's own tracker store and response generator (before the levers)")
    parser.add_argument("--label", default="latest", help="results/bench/<label>.json and .md")
    args = parser.parse_args(argv)
    args.env = dict(item.split("=", 1) for item in args.env)
    return args


def main(argv: Optional[List[str]] = None) -> int:
    args = parse_args(argv)
    began = time.monotonic()
    results: Dict = {"settings": {k: v for k, v in vars(args).items()}}
    if args.only != "stock":
        results["ours"] = bench_ours(args)
    if args.only != "ours":
        results["stock"] = bench_stock(args)
    results["settings"]["took_s"] = round(time.monotonic() - began)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{args.label}.json").write_text(json.dumps(results, indent=2))
    text = table(results)
    (RESULTS / f"{args.label}.md").write_text(text + "\n")
    print("\n" + text)
    print(f"\n(results/bench/{args.label}.json, .md; took {results['settings']['took_s']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
