"""One `make cluster` (scripts/cluster/start.sh) for the cluster tests: 2 Rasa replicas,
2 action servers, PostgreSQL, Redis and nginx on 127.0.0.1:8000 (~1.1 GB per replica).

Its files live in tests/artifacts/cluster (not var/cluster, so a developer's own cluster
data is untouched). A first start is followed by a second, which reuses the database
as `make cluster` does on a machine where it ran before.
"""

import pytest

from scripts.cluster import control
from tests.server import ROOT, TEST_SENDER_ID_SECRET, TEST_TWILIO_AUTH_TOKEN

CLUSTER_DIR = ROOT / "tests" / "artifacts" / "cluster"


def start() -> control.RunningCluster:
    try:
        return control.start(
            CLUSTER_DIR,
            {
                "TWILIO_AUTH_TOKEN": TEST_TWILIO_AUTH_TOKEN,
                "SENDER_ID_SECRET": TEST_SENDER_ID_SECRET,
                **control.LOAD_TEST_ENV,
            },
        )
    except RuntimeError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="module")
def cluster():
    """The cluster as `make cluster` starts it on a machine where it ran before: a first
    start (which also creates the database) is stopped and started again, and the
    second start is the one timed (test_cluster_starts_within_a_minute_when_it_ran_before)."""
    marker = CLUSTER_DIR / "started-before"
    if not marker.exists():
        first = start()
        print(f"\nfirst start (database created) in {first.started_in_s:.1f} s")
        control.stop(first)
        marker.touch()
    running = start()
    print(f"\ncluster up in {running.started_in_s:.1f} s")
    yield running
    control.stop(running)
