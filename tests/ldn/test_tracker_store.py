"""ldn/tracker_store.py: a windowed load decides the same as the whole session, and loses nothing."""

import asyncio

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Restarted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from ldn.settings import RESPONSES_SOURCE
from ldn.tracker_store import WINDOW_TURNS, WindowedSQLTrackerStore
from scripts.bench.tracker_micro import session_start, turn

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(RESPONSES_SOURCE))


def converse(store, domain: Domain, turns: int, extra=None) -> None:
    """Load, add one turn, save: as the server does per message."""
    for i in range(turns):
        tracker = asyncio.run(store.retrieve("p"))
        if tracker is None:
            tracker = DialogueStateTracker("p", domain.slots)
            for event in session_start():
                tracker.update(event)
        for event in turn(i) + (extra(i) if extra else []):
            tracker.update(event)
        asyncio.run(store.save(tracker))


def stores(tmp_path, domain):
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    return WindowedSQLTrackerStore(domain, host=url), SQLTrackerStore(domain, host=url)


def test_long_conversation_loads_a_window_with_the_same_state(tmp_path, domain):
    ours, rasa_store = stores(tmp_path, domain)
    converse(ours, domain, 3 * WINDOW_TURNS, extra=lambda i: [SlotSet("condition", "fibromyalgia")] if i == 1 else [])
    windowed, whole = asyncio.run(ours.retrieve("p")), asyncio.run(rasa_store.retrieve("p"))
    assert len(windowed.events) < len(whole.events) / 2
    assert windowed.current_slot_values() == whole.current_slot_values()
    assert windowed.current_slot_values()["condition"] == "fibromyalgia"  # set long before the window
    assert windowed.latest_message.text == whole.latest_message.text
    assert windowed.latest_action_name == whole.latest_action_name
    assert windowed.get_last_event_for(SlotSet).as_dict() == whole.get_last_event_for(SlotSet).as_dict()


def test_saving_a_windowed_tracker_stores_each_new_event_once(tmp_path, domain):
    ours, rasa_store = stores(tmp_path, domain)
    converse(ours, domain, 2 * WINDOW_TURNS)
    before = len(asyncio.run(rasa_store.retrieve_full_tracker("p")).events)
    converse(ours, domain, 1)
    full = asyncio.run(rasa_store.retrieve_full_tracker("p"))
    assert len(full.events) == before + len(turn(0))
    texts = [e.text for e in full.events if e.type_name == "user"]
    assert len(texts) == 2 * WINDOW_TURNS + 1


def test_slots_reset_by_a_restart_stay_reset(tmp_path, domain):
    ours, rasa_store = stores(tmp_path, domain)
    converse(
        ours,
        domain,
        3 * WINDOW_TURNS,
        extra=lambda i: {1: [SlotSet("condition", "fibromyalgia")], 5: [Restarted()]}.get(i, []),
    )
    windowed, whole = asyncio.run(ours.retrieve("p")), asyncio.run(rasa_store.retrieve("p"))
    assert whole.current_slot_values()["condition"] is None
    assert windowed.current_slot_values() == whole.current_slot_values()


def test_sqlite_runs_in_rollback_journal_mode(tmp_path, domain):
    ours, _ = stores(tmp_path, domain)
    with ours.engine.connect() as connection:
        assert (
            connection.execute(sa.text("PRAGMA journal_mode")).scalar() == "delete"
        )  # a lock then stops reads too (tests/security)
