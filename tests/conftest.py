"""One real server (trained model, action server, widget page) for the whole run."""

import os
import uuid
from pathlib import Path

import pytest

from tests.server import ROOT, start_server, stop_server

ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="session")
def server():
    running = start_server(ARTIFACTS / "server")
    print(f"\nserver up in {running.started_in_s:.1f}s (log: {running.log_path})")
    yield running
    stop_server(running)


@pytest.fixture
def sender() -> str:
    """A fresh conversation id per test."""
    return f"test-{uuid.uuid4().hex[:12]}"
