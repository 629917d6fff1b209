"""ldn/nlg.py: answer texts read live from their source, without retraining."""

import asyncio
import os
import shutil
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from ldn import nlg as nlg_module
from ldn.nlg import LiveResponses
from ldn.settings import RESPONSES_SOURCE, response_variables
from scripts.bench.edit import edit_response

pytestmark = pytest.mark.unit

ANSWER = "utter_faq/what_is"


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(RESPONSES_SOURCE))


@pytest.fixture
def live(tmp_path, domain, monkeypatch):
    monkeypatch.setattr(nlg_module, "CHECK_EVERY_S", 0.0)  # check on every call, no waiting
    source = copy_source(tmp_path)
    return LiveResponses(domain=domain, source=source), source


def say(generator: LiveResponses, domain: Domain, name: str = ANSWER) -> str:
    tracker = DialogueStateTracker("t", domain.slots)
    return asyncio.run(generator.generate(name, tracker, "rest"))["text"]


def copy_source(tmp_path) -> Path:
    """A scratch copy of the answers' source (a domain directory or file), never the real one."""
    source = tmp_path / RESPONSES_SOURCE.name
    if RESPONSES_SOURCE.is_dir():
        shutil.copytree(RESPONSES_SOURCE, source)
    else:
        shutil.copy(RESPONSES_SOURCE, source)
    return source


def file_of(source: Path, response: str) -> Path:
    """The file of the source that holds `response`."""
    files = [source] if source.is_file() else sorted(source.rglob("*.yml"))
    return next(path for path in files if f"{response}:" in path.read_text(encoding="utf-8"))


def touch_later(path) -> None:
    """Make sure the edit gets a new modification time even on a coarse clock."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000))


def test_an_edited_answer_is_served_without_retraining(live, domain):
    generator, source = live
    assert "edited-1" not in say(generator, domain)
    touch_later(edit_response(source, ANSWER, "edited-1"))
    assert say(generator, domain).endswith("edited-1")


def test_checks_the_source_at_most_once_a_period(tmp_path, domain, monkeypatch):
    monkeypatch.setattr(nlg_module, "CHECK_EVERY_S", 30.0)
    source = copy_source(tmp_path)
    generator = LiveResponses(domain=domain, source=source)
    say(generator, domain)
    touch_later(edit_response(source, ANSWER, "edited-2"))
    assert "edited-2" not in say(generator, domain)  # within the period: not even a stat()
    monkeypatch.setattr(nlg_module, "CHECK_EVERY_S", 0.0)
    assert say(generator, domain).endswith("edited-2")


def test_a_source_that_lost_an_answer_is_refused(live, domain, caplog):
    generator, source = live
    touch_later(edit_response(source, ANSWER, "edited-3"))
    assert say(generator, domain).endswith("edited-3")
    edited = file_of(source, ANSWER)
    edited.write_text(edited.read_text().replace(f"{ANSWER}:", "utter_faq/renamed:"))
    touch_later(edited)
    assert say(generator, domain).endswith("edited-3")  # previous texts stay
    assert "lost 1 response(s) the model uses (utter_faq/what_is)" in caplog.text


def test_broken_yaml_is_refused(live, domain, caplog):
    generator, source = live
    before = say(generator, domain)
    edited = file_of(source, ANSWER)
    edited.write_text(edited.read_text() + "\n  : : [unclosed\n")
    touch_later(edited)
    assert say(generator, domain) == before
    # A directory source skips a file it can't parse, so the refusal names what was lost.
    assert "could not be loaded" in caplog.text or "lost 1 response(s)" in caplog.text


def test_without_a_source_the_model_responses_are_served(tmp_path, domain):
    generator = LiveResponses(domain=domain, source=tmp_path / "missing.yml")
    assert say(generator, domain) == domain.responses[ANSWER][0]["text"]


def test_clinic_details_come_from_settings_not_slots(live, domain):
    generator, _ = live
    text = say(generator, domain, "utter_greet")  # no session start: the slots are empty
    assert "{clinic_name}" not in text and response_variables()["clinic_name"] in text
    listed = say(generator, domain, "utter_condition_unknown")
    assert "{covered_conditions}" not in listed and "• fibromyalgia" in listed
