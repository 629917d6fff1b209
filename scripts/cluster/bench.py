"""make cluster-bench: REST throughput through nginx with 1 Rasa replica, then 2, same load.

    make cluster-bench                      # 10 patients, 20 s each run
    make cluster-bench ARGS="--patients 20 --seconds 30"

Starts `make cluster` twice (LDN_CLUSTER_REPLICAS=1, then 2) in var/cluster-bench/, runs the
same closed loop (each patient sends its next message when the last is answered) and
reports answers per second, latency, and CPU: the machine's total, and each replica's.
Writes results/cluster-bench.json. Traffic goes to 127.0.0.1 only.
"""

import argparse
import json
import os
import time
import uuid
from pathlib import Path

from scripts.cluster import control
from scripts.cluster.load import run_closed_loop

ROOT = control.ROOT
OUT = ROOT / "results" / "cluster-bench.json"
WARM_UP_S = 3
TICKS = os.sysconf("SC_CLK_TCK")


def machine_busy() -> tuple:
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def process_ticks(pid: int) -> int:
    parts = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(parts[11]) + int(parts[12])  # utime + stime


def measure(replicas: int, patients: int, seconds: float) -> dict:
    directory = ROOT / "var" / "cluster-bench"
    running = control.start(directory, {"LDN_CLUSTER_REPLICAS": str(replicas), **control.LOAD_TEST_ENV})
    try:
        url = f"{running.url}/webhooks/rest/webhook"
        run_closed_loop(url, [f"warm-{uuid.uuid4().hex[:8]}-{i}" for i in range(patients)], WARM_UP_S)
        pids = [running.pid(f"rasa-{i}") for i in range(replicas)]
        busy0, total0 = machine_busy()
        ticks0 = [process_ticks(pid) for pid in pids]
        began = time.monotonic()
        turns = run_closed_loop(url, [f"bench-{uuid.uuid4().hex[:8]}-{i}" for i in range(patients)], seconds)
        elapsed = time.monotonic() - began
        busy1, total1 = machine_busy()
        ticks1 = [process_ticks(pid) for pid in pids]
    finally:
        control.stop(running)
    answered = sorted(t.replied_at - t.sent_at for t in turns if t.replied_at)
    cores = os.cpu_count() or 1
    return {
        "replicas": replicas,
        "patients": patients,
        "answers": len(answered),
        "failed": len(turns) - len(answered),
        "answers_per_s": round(len(answered) / elapsed, 1),
        "latency_p50_ms": round(1000 * answered[len(answered) // 2]),
        "latency_p95_ms": round(1000 * answered[int(len(answered) * 0.95)]),
        "machine_cpu_pct": round(100 * (busy1 - busy0) / max(1, total1 - total0), 1),
        "cores": cores,
        "replica_cpu_pct": [round(100 * (b - a) / TICKS / elapsed, 1) for a, b in zip(ticks0, ticks1, strict=False)],
        "started_in_s": round(running.started_in_s, 1),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--patients", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args(argv)
    runs = [measure(n, args.patients, args.seconds) for n in (1, 2)]
    ratio = runs[1]["answers_per_s"] / max(runs[0]["answers_per_s"], 0.1)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"runs": runs, "speedup": round(ratio, 2)}, indent=2))
    print(f"{'replicas':>8} {'answers/s':>9} {'p50 ms':>7} {'p95 ms':>7} {'machine CPU':>11} {'per replica CPU':>16}")
    for run in runs:
        print(
            f"{run['replicas']:>8} {run['answers_per_s']:>9} {run['latency_p50_ms']:>7} {run['latency_p95_ms']:>7} "
            f"{run['machine_cpu_pct']:>10}% {', '.join(f'{c}%' for c in run['replica_cpu_pct']):>16}"
        )
    print(f"2 replicas / 1 replica: {ratio:.2f}x  ({run['cores']} cores; written to {OUT.relative_to(ROOT)})")


if __name__ == "__main__":
    main()
