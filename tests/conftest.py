"""Test lanes, and one real server (trained model, action server, widget page) for the whole run.

Every test is in exactly one lane (markers registered in pyproject.toml):
- `unit`: no server, no model, no browser; `make unit` runs these in under a minute;
- `server`: needs the trained model and the real stack (the `server` fixture, or its own);
- `browser`: drives Debian's chromium against the real stack.
A module sets its lane with `pytestmark`; in a module of server tests, a test that
needs none of it moves itself to the unit lane with `@pytest.mark.unit`.
"""

import uuid

import pytest

from tests.server import ROOT, start_server, stop_server

ARTIFACTS = ROOT / "tests" / "artifacts"
LANES = ("unit", "server", "browser")
NEEDS_THE_STACK = {"server"}  # fixtures a unit test must not use


def lane_of(item: pytest.Item) -> str | None:
    """The closest lane marker: a test's own mark overrides its module's."""
    return next((mark.name for mark in item.iter_markers() if mark.name in LANES), None)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Refuse to run a test without a lane, or a unit test that starts the stack."""
    problems = []
    for item in items:
        lane = lane_of(item)
        if lane is None:
            problems.append(f"{item.nodeid}: no lane; add `pytestmark = pytest.mark.unit` (or server, browser)")
        elif lane == "unit" and NEEDS_THE_STACK & set(getattr(item, "fixturenames", ())):
            problems.append(f"{item.nodeid}: a unit test may not use the `server` fixture")
    if problems:
        raise pytest.UsageError("test lanes:\n  " + "\n  ".join(problems))


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
