"""Start and stop `make cluster` (scripts/cluster/start.sh) from Python: for the failover
test (tests/cluster/) and `make cluster-bench`."""

import json
import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg2

from scripts.cluster import spec as cluster_spec

ROOT = cluster_spec.ROOT
START_TIMEOUT_S = 660  # start.sh gives up after 600 s (a machine far busier than its cores)
# All load-test traffic comes from one address: lift the per-client rate limit.
LOAD_TEST_ENV = {"LDN_CLUSTER_RATE_LIMIT": "2000r/s", "LDN_CLUSTER_BURST": "2000"}


@dataclass
class RunningCluster:
    process: subprocess.Popen
    directory: Path
    started_in_s: float
    nginx_port: int
    rasa_ports: list[int]
    secrets: dict[str, str] = field(default_factory=dict)
    load_at_start: float = 0.0  # 1-minute load average when start() was called

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.nginx_port}"

    def pid(self, name: str) -> int:
        return int((self.directory / "run" / f"{name}.pid").read_text())

    def pg_url(self) -> str:
        spec = cluster_spec.load()
        pg = spec["postgres"]
        return (
            f"postgresql://{pg['user']}:{self.secrets['LDN_PG_PASSWORD']}@127.0.0.1:"
            f"{cluster_spec.local_port(spec, 'postgres')}/{pg['database']}"
        )

    def user_and_bot_events(self, sender_id: str) -> list[dict]:
        """A conversation's user and bot events, as the tracker store saved them in PostgreSQL."""
        with psycopg2.connect(self.pg_url()) as connection, connection.cursor() as cursor:
            cursor.execute(
                "SELECT type_name, data FROM events WHERE sender_id = %s AND type_name IN ('user', 'bot') ORDER BY id",
                (sender_id,),
            )
            return [{"event": kind, **json.loads(data)} for kind, data in cursor.fetchall()]

    def access_log(self) -> list[str]:
        return (self.directory / "logs" / "nginx-access.log").read_text().splitlines()


def busy_ports(replicas: int) -> list[int]:
    spec = cluster_spec.load()
    ports = [cluster_spec.local_port(spec, name) for name in ("nginx", "postgres", "redis", "web")]
    ports += [cluster_spec.local_port(spec, "rasa", i) for i in range(replicas)]
    busy = []
    for port in ports:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                busy.append(port)
    return busy


def start(directory: Path, extra_env: dict[str, str] | None = None) -> RunningCluster:
    spec = cluster_spec.load()
    env = {**os.environ, "LDN_CLUSTER_DIR": str(directory), **(extra_env or {})}
    replicas = int(env.get("LDN_CLUSTER_REPLICAS") or spec["replicas"])
    busy = busy_ports(replicas)
    if busy:
        raise RuntimeError(f"ports {busy} are in use (is `make cluster` running?): stop it first")
    directory.mkdir(parents=True, exist_ok=True)
    ready = directory / "run" / "ready"
    ready.unlink(missing_ok=True)
    load = os.getloadavg()[0]
    began = time.monotonic()
    with (directory / "start.log").open("w") as log:
        process = subprocess.Popen(
            [str(ROOT / "scripts" / "cluster" / "start.sh")],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    running = RunningCluster(
        process,
        directory,
        0.0,
        cluster_spec.local_port(spec, "nginx"),
        [cluster_spec.local_port(spec, "rasa", i) for i in range(replicas)],
    )
    while not ready.exists():
        failure = None
        if process.poll() is not None:
            failure = "exited"
        elif time.monotonic() - began > START_TIMEOUT_S:
            failure = f"was not up after {START_TIMEOUT_S} s"
        if failure:
            stop(running)
            raise RuntimeError(f"make cluster {failure}: see {directory / 'start.log'} and {directory / 'logs'}")
        time.sleep(0.25)
    running.started_in_s = time.monotonic() - began
    running.load_at_start = load
    running.secrets = dict(line.split("=", 1) for line in (directory / "secrets.env").read_text().split())
    return running


def stop(running: RunningCluster) -> None:
    if running.process.poll() is None:
        running.process.send_signal(signal.SIGTERM)  # start.sh stops the services in order
        try:
            running.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(running.process.pid, signal.SIGKILL)
