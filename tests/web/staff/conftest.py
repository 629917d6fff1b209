"""A throwaway PostgreSQL server for the report's store tests (PostgreSQL 15 from /usr/local/bin).

Started once per run as the `postgres` user (initdb refuses root), on 127.0.0.1 and a
free port, trust auth, data in a temporary folder; stopped and removed afterwards.
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.server import free_port

PG_BIN = Path("/usr/local/bin")


def _as_postgres(*command: str, **options) -> subprocess.CompletedProcess:
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run(prefix + list(command), check=True, capture_output=True, text=True, timeout=120, **options)


@pytest.fixture(scope="session")
def postgres_url():
    if not (PG_BIN / "initdb").exists():
        pytest.fail("PostgreSQL 15 is not installed (/usr/local/bin/initdb)")
    root = Path(tempfile.mkdtemp(prefix="ldn-staff-pg-"))
    data = root / "data"
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    port = free_port()
    _as_postgres(str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "ldn", "--no-sync")
    _as_postgres(
        str(PG_BIN / "pg_ctl"),
        "-D",
        str(data),
        "-l",
        str(root / "log"),
        "-w",
        "-o",
        f"-h 127.0.0.1 -p {port} -k {root} -c fsync=off",
        "start",
    )
    try:  # pg_ctl -w returned once the server accepts connections
        yield f"postgresql://ldn@127.0.0.1:{port}/postgres"
    finally:
        _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(root, ignore_errors=True)
