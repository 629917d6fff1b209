"""The held-out sets themselves: big enough to mean something, and never trained on."""

import pytest

from tests.heldout import HELDOUT_SETS, load_messages
from tests.training_data import training_examples

pytestmark = pytest.mark.unit


def test_heldout_sets_are_big_enough_and_never_trained_on():
    trained = {text.lower() for _, text in training_examples()}
    for held in HELDOUT_SETS:
        messages = load_messages(held)
        labels = [m["label"].split("/")[0] for m in messages]
        assert len(labels) >= 100 and labels.count("out_of_scope") >= 15 and labels.count("emergency") >= 6, held
        overlap = [m["text"] for m in messages if m["text"].strip().lower() in trained]
        assert not overlap, f"{held} messages found in training data: {overlap[:3]}"
    labels = [m["label"].split("/")[0] for m in load_messages("heldout")]
    assert len(labels) >= 150 and labels.count("out_of_scope") >= 30 and labels.count("emergency") >= 12
