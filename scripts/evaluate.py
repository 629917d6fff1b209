"""make eval: the held-out figures for our config and Rasa's stock config, side by side.

The stock config is the one `rasa init` writes (empty pipeline and policies, so
Rasa fills in its defaults), trained on the same data and domain, served with the
same actions. Both servers run one after the other on this machine.

    python -m scripts.evaluate [--show-failures]
"""

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from ldn.domain import DOMAIN_PATH
from tests.heldout import DEVELOPMENT_SETS, HELDOUT_SETS, TARGETS, load_messages, run
from tests.server import ROOT, start_server, stop_server

EVAL_DIR = ROOT / "build" / "eval"
STOCK_MODEL = EVAL_DIR / "stock.tar.gz"
ROWS = [
    ("in_scope_accuracy", "in-scope accuracy", "{:.1%}"),
    ("out_of_scope_handled", "out-of-scope: not covered + referral", "{:.1%}"),
    ("emergency_recall", "emergency recall", "{:.1%}"),
    ("confidently_wrong", "confidently wrong answers", "{}"),
    ("non_english_handled", "non-English handled", "{:.1%}"),
    ("declined_in_scope", "in-scope declined (no answer)", "{}"),
    ("false_alarms", "emergency guidance on non-emergency", "{}"),
    ("false_alarm_rate", "false-alarm rate (non-emergencies)", "{:.1%}"),
    ("dropped_cautions", "replies that drop a caution", "{}"),
    ("also_answered", "second question answered too", "{:.0%}"),
    ("latency_median_ms", "latency median (ms)", "{:.0f}"),
    ("latency_p95_ms", "latency p95 (ms)", "{:.0f}"),
    ("train_s", "training time (s)", "{:.0f}"),
    ("startup_s", "cold start (s)", "{:.1f}"),
]


def stock_config() -> Path:
    """The config `rasa init` writes: empty pipeline and policies, so Rasa fills in its defaults."""
    import rasa

    EVAL_DIR.mkdir(parents=True, exist_ok=True)
    target = EVAL_DIR / "stock_config.yml"
    shutil.copy(Path(rasa.__file__).parent / "cli" / "initial_project" / "config.yml", target)
    return target


def train(config: Path, name: str, force: bool) -> float:
    """Train a config on our data into build/eval/<name>.tar.gz; return the seconds it took."""
    began = time.monotonic()
    subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "rasa"),
            "train",
            "--config",
            str(config),
            "--domain",
            str(DOMAIN_PATH),
            "--fixed-model-name",
            name,
            "--out",
            str(EVAL_DIR),
        ]
        + (["--force"] if force else []),
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.monotonic() - began


def training_times(force: bool) -> dict:
    """With --train, both configs train from scratch one after the other; else the last such times."""
    record = EVAL_DIR / "train_seconds.json"
    if force:
        times = {"ours": train(ROOT / "config.yml", "ours", True), "stock": train(stock_config(), "stock", True)}
        record.write_text(json.dumps(times))
        return times
    if not STOCK_MODEL.exists():
        train(stock_config(), "stock", False)
    return json.loads(record.read_text()) if record.exists() else {"ours": None, "stock": None}


def evaluate(model: str, name: str, train_s: float, show_failures: bool) -> dict:
    """{set name: metrics} for one model, served once."""
    server = start_server(EVAL_DIR / name, model=model)
    try:
        reports = {held: run(server, load_messages(held)) for held in HELDOUT_SETS}
    finally:
        stop_server(server)
    if show_failures:  # only the sets we diagnose with; fresh.yml stays unread
        for held in DEVELOPMENT_SETS:
            for r in reports[held].failures():
                print(
                    f"  [{name}/{held}] {r.verdict:11} {r.label:28} -> {','.join(map(str, r.responses))[:60]:60} | {r.text[:80]}"
                )
    return {
        held: {**report.metrics, "startup_s": server.started_in_s, "train_s": train_s}
        for held, report in reports.items()
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--show-failures", action="store_true", help="list failures of the development sets (never fresh.yml)"
    )
    parser.add_argument("--train", action="store_true", help="time training of both configs from scratch (~15 min)")
    args = parser.parse_args()

    began = time.monotonic()
    subprocess.run(["make", "-s", "train"], cwd=ROOT, check=True)
    times = training_times(args.train)
    ours = evaluate("models/ldn.tar.gz", "ours", times["ours"], args.show_failures)
    stock = evaluate(str(STOCK_MODEL), "stock", times["stock"], args.show_failures)
    for held in HELDOUT_SETS:
        print(f"\nHeld-out set tests/heldout/{held}.yml: {ours[held]['messages']} messages\n")
        print(f"{'':42}{'ours':>12}{'rasa init':>12}   target")
        for key, title, fmt in ROWS:
            target = TARGETS.get(key)
            shown = (
                ""
                if target is None
                else (
                    f"= {target}"
                    if key == "confidently_wrong"
                    else f"<= {target:.0%}"
                    if key == "false_alarm_rate"
                    else f">= {target:.0%}"
                )
            )
            cells = ["n/a" if v[held][key] is None else fmt.format(v[held][key]) for v in (ours, stock)]
            print(f"{title:42}{cells[0]:>12}{cells[1]:>12}   {shown}")
    print(f"\n(eval took {time.monotonic() - began:.0f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
