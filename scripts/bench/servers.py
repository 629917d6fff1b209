"""Start and stop the two bots for the benchmark, and sample their memory.

Both are started the way they are run in production: ours with scripts/serve.sh
(Rasa, action server, widget page), the stock bot with `rasa run` in its project
directory. Neither enables the HTTP API. Memory is the sum of the resident set
sizes of every process in the bot's process tree, sampled while it runs.
"""

import os
import signal
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.server import ROOT, free_port

RASA = ROOT / ".venv" / "bin" / "rasa"


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(parent, []).append(int(entry.name))
    return tree


def tree_rss_mb(root: int) -> float:
    """Sum of VmRSS over `root` and all its descendants, in MB."""
    tree, todo, total_kb = _children(), [root], 0
    while todo:
        pid = todo.pop()
        todo += tree.get(pid, [])
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
        except OSError:
            pass
    return total_kb / 1024


class MemorySampler(threading.Thread):
    """Peak RSS of a process tree, sampled every `every_s` until stopped."""

    def __init__(self, root: int, every_s: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.root, self.every_s, self.peak_mb = root, every_s, 0.0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.peak_mb = max(self.peak_mb, tree_rss_mb(self.root))
            self._stop_event.wait(self.every_s)

    def stop(self) -> float:
        self._stop_event.set()
        self.join()
        return self.peak_mb


@dataclass
class Bot:
    """A running bot: its REST URL, process group and memory sampler."""

    name: str
    port: int
    log_path: Path
    process: subprocess.Popen | None = None
    sampler: MemorySampler | None = None
    env: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/webhooks/rest/webhook"

    def start(self, command: list[str], cwd: Path) -> None:
        with self.log_path.open("a") as log:
            self.process = subprocess.Popen(
                command,
                cwd=cwd,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.sampler = MemorySampler(self.process.pid)
        self.sampler.start()

    def stop(self) -> float:
        """Stop the whole process group; return the peak memory seen (MB)."""
        peak = self.sampler.stop() if self.sampler else 0.0
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        return peak


def base_env(extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "RASA_API_TOKEN"}
    return {**env, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2", **extra}


def start_ours(workdir: Path, model: Path, responses: Path, extra_env: dict[str, str]) -> Bot:
    """scripts/serve.sh on free ports, with a fresh conversation database in workdir."""
    bot = Bot("ours", free_port(), workdir / "ours.log")
    web_port = free_port()
    bot.env = base_env(
        {
            "RASA_PORT": str(bot.port),
            "ACTIONS_PORT": str(free_port()),
            "WEB_PORT": str(web_port),
            "LDN_MODEL": str(model),
            "LDN_RESPONSES": str(responses),
            "LDN_TRACKER_URL": f"sqlite:///{workdir / 'tracker.db'}",
            "LDN_STATE_DIR": str(workdir / "state"),
            "LDN_CORS_ORIGINS": f"http://127.0.0.1:{web_port}",
            "LDN_ALLOWED_ORIGINS": f"http://127.0.0.1:{web_port}",
            **extra_env,
        }
    )
    bot.start([str(ROOT / "scripts" / "serve.sh")], ROOT)
    return bot


def start_stock(project: Path, model: Path) -> Bot:
    """`rasa run` in the stock project, as its README would run it."""
    bot = Bot("stock", free_port(), project / "stock.log")
    bot.env = base_env({})
    bot.start(
        [
            str(RASA),
            "run",
            "--model",
            str(model),
            "--port",
            str(bot.port),
            "--interface",
            "127.0.0.1",
            "--endpoints",
            "endpoints.yml",
            "--credentials",
            "credentials.yml",
        ],
        project,
    )
    return bot


def train(project: Path, out: Path, name: str, env: dict[str, str], log: Path, domain: Path | None = None) -> float:
    """`rasa train --force` in `project` (with `domain` if it isn't domain.yml); return the seconds it took."""
    began = time.monotonic()
    domain_args = ["--domain", str(domain)] if domain else []
    with log.open("a") as handle:
        subprocess.run(
            [str(RASA), "train", "--force", "--fixed-model-name", name, "--out", str(out), *domain_args],
            cwd=project,
            env=base_env(env),
            stdout=handle,
            stderr=subprocess.STDOUT,
            check=True,
        )
    return time.monotonic() - began
