"""make eval: the held-out figures for our config and Rasa's stock config, side by side.

The stock config is the one `rasa init` writes (empty pipeline and policies, so
Rasa fills in its defaults), trained on the same data and domain, served with the
same actions. Both servers run one after the other on this machine.

    python -m scripts.evaluate [--show-failures]
"""

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

from scripts.heldout import HELDOUT_SETS, TARGETS, load_messages, run
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
    ("latency_median_ms", "latency median (ms)", "{:.0f}"),
    ("latency_p95_ms", "latency p95 (ms)", "{:.0f}"),
    ("train_s", "training time (s)", "{:.0f}"),
    ("startup_s", "cold start (s)", "{:.1f}"),
]


def train_stock_model() -> float:
    """Train `rasa init`'s config on our data; Rasa skips it when nothing changed.

    Returns the training time of the run that produced the current stock model.
    """
    import rasa

    stock_config = EVAL_DIR / "stock_config.yml"
    timing = EVAL_DIR / "stock_train_seconds.txt"
    EVAL_DIR.mkdir(parents=True, exist_ok=True)
    shutil.copy(Path(rasa.__file__).parent / "cli" / "initial_project" / "config.yml", stock_config)
    before = STOCK_MODEL.stat().st_mtime if STOCK_MODEL.exists() else None
    began = time.monotonic()
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "rasa"), "train", "--config", str(stock_config),
         "--fixed-model-name", "stock", "--out", str(EVAL_DIR)],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
    )
    if not STOCK_MODEL.exists() or STOCK_MODEL.stat().st_mtime != before or not timing.exists():
        timing.write_text(f"{time.monotonic() - began:.0f}")
    return float(timing.read_text())


def evaluate(model: str, name: str, train_s: float, show_failures: bool) -> dict:
    """{set name: metrics} for one model, served once."""
    server = start_server(EVAL_DIR / name, model=model)
    try:
        reports = {held: run(server, load_messages(held)) for held in HELDOUT_SETS}
    finally:
        stop_server(server)
    if show_failures:  # only the set we diagnose with; fresh.yml stays unread
        for r in reports["heldout"].failures():
            print(f"  [{name}] {r.verdict:11} {r.label:28} -> {','.join(map(str, r.responses))[:70]:70} | {r.text[:80]}")
    return {held: {**report.metrics, "startup_s": server.started_in_s, "train_s": train_s}
            for held, report in reports.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show-failures", action="store_true")
    args = parser.parse_args()

    began = time.monotonic()
    subprocess.run(["make", "-s", "train"], cwd=ROOT, check=True)
    ours_train = float((ROOT / "models" / "train_seconds.txt").read_text()) if (ROOT / "models" / "train_seconds.txt").exists() else float("nan")
    stock_train = train_stock_model()
    ours = evaluate("models/ldn.tar.gz", "ours", ours_train, args.show_failures)
    stock = evaluate(str(STOCK_MODEL), "stock", stock_train, args.show_failures)
    for held in HELDOUT_SETS:
        print(f"\nHeld-out set tests/heldout/{held}.yml: {ours[held]['messages']} messages\n")
        print(f"{'':42}{'ours':>12}{'rasa init':>12}   target")
        for key, title, fmt in ROWS:
            target = TARGETS.get(key)
            shown = "" if target is None else (f"= {target}" if key == "confidently_wrong" else f">= {target:.0%}")
            print(f"{title:42}{fmt.format(ours[held][key]):>12}{fmt.format(stock[held][key]):>12}   {shown}")
    print(f"\n(eval took {time.monotonic() - began:.0f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
