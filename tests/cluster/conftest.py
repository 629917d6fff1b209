"""One `make cluster` (scripts/cluster/start.sh) for the cluster tests: 2 Rasa replicas,
2 action servers, PostgreSQL, Redis and nginx on 127.0.0.1:8000 (~1.1 GB per replica).

Its files live in tests/artifacts/cluster (not var/cluster, so a developer's own cluster
data is untouched); a second run reuses the database, as `make cluster` does.
"""

import pytest

from scripts.cluster import control
from tests.server import ROOT, TEST_SENDER_ID_SECRET, TEST_TWILIO_AUTH_TOKEN

CLUSTER_DIR = ROOT / "tests" / "artifacts" / "cluster"


@pytest.fixture(scope="module")
def cluster():
    try:
        running = control.start(
            CLUSTER_DIR,
            {
                "TWILIO_AUTH_TOKEN": TEST_TWILIO_AUTH_TOKEN,
                "SENDER_ID_SECRET": TEST_SENDER_ID_SECRET,
                **control.LOAD_TEST_ENV,
            },
        )
    except RuntimeError as error:
        pytest.fail(str(error))
    print(f"\ncluster up in {running.started_in_s:.1f} s")
    yield running
    control.stop(running)
