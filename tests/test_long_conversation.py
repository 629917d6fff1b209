"""A long conversation keeps its context although each message loads only its last turns.

ldn/tracker_store.py loads the session's start, the latest slot values and the last
WINDOW_TURNS turns; the database keeps everything.
"""

import pytest

from ldn.tracker_store import WINDOW_TURNS

pytestmark = pytest.mark.server


def test_context_from_before_the_window_still_counts(server, sender):
    assert server.ask(sender, "how do i take ldn") == ["utter_faq/how_to_take"]
    for _ in range(WINDOW_TURNS + 2):
        server.send(sender, "thanks")
    # "and how much?" only means the dose if the topic from 12 turns ago is still known.
    assert server.ask(sender, "and how much?") == ["utter_faq/dose"]
    users = [e for e in server.tracker(sender)["events"] if e["event"] == "user"]
    assert len(users) == WINDOW_TURNS + 4  # the full conversation is stored
