"""Every patient-facing message is signed off for its current text (make sign-off)."""

import dataclasses
import datetime as dt

import pytest

from ldn.review import ledger
from ldn.review.answers import load_answers

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def answers():
    return load_answers()


def test_every_answer_is_signed_off_for_its_current_text(answers):
    entries = ledger.load()
    waiting = ledger.unsigned(answers, entries)
    assert not waiting, (
        f"{len(waiting)} answers changed since their sign-off (or were never signed): "
        f"{', '.join(waiting[:8])}. Have a clinician check them "
        f'(make review-sheet), then run: make sign-off REVIEWER="Name, role"'
    )
    assert set(entries) == set(answers), "the ledger names responses that no longer exist: run make sign-off"


def test_a_changed_text_is_unsigned_until_signed_again(answers):
    entries = {name: dict(entry) for name, entry in ledger.load().items()}
    name = "utter_faq/dose"
    edited = dict(answers)
    edited[name] = dataclasses.replace(answers[name], texts=(answers[name].texts[0] + " Extra words.",))
    assert ledger.unsigned(edited, entries) == [name]
    signed = ledger.sign(edited, entries, "Dr A. Lee, pharmacist", dt.date(2026, 12, 1))
    assert signed == [name]
    assert entries[name]["reviewer"] == "Dr A. Lee, pharmacist" and entries[name]["date"] == "2026-12-01"
    assert ledger.unsigned(edited, entries) == []
    assert entries["utter_faq/what_is"]["reviewer"] != "Dr A. Lee, pharmacist", "unchanged answers keep their sign-off"


def test_button_titles_count_as_text(answers):
    greet = next(answer for answer in answers.values() if answer.buttons)
    assert greet.buttons
    assert dataclasses.replace(greet, buttons=greet.buttons[:-1]).digest != greet.digest


@pytest.mark.parametrize("reviewer", ["", "Ann", "   "])
def test_reviewer_must_give_name_and_role(answers, reviewer):
    with pytest.raises(ValueError, match=r"."):
        ledger.sign(answers, {}, reviewer, dt.date(2026, 12, 1))


def test_ledger_round_trip(tmp_path, answers):
    entries = {}
    ledger.sign(answers, entries, "Dr A. Lee, pharmacist", dt.date(2026, 12, 1))
    path = tmp_path / "sign_off.yml"
    ledger.save(entries, path)
    assert ledger.load(path) == entries
    assert ledger.unsigned(answers, ledger.load(path)) == []
