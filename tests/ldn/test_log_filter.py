"""Rasa's warnings that echo a "/"-prefixed message are dropped (ldn/log_filter.py).

Runs Rasa's own payload parser in a subprocess (warning filters and structlog are
process-wide), once without the filter and once with it.
"""

import subprocess
import sys
import textwrap

import pytest

from tests.server import ROOT

pytestmark = pytest.mark.unit

SCRIPT = textwrap.dedent(
    """
    import logging, sys
    logging.basicConfig(level=logging.INFO, stream=sys.stdout)
    from rasa.utils.log_utils import configure_structlog
    configure_structlog(logging.INFO)
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
    from rasa.shared.nlu.training_data.message import Message
    if sys.argv[1] == "filtered":
        from ldn.log_filter import install
        install()
    domain = Domain.load("data")
    for text in ["/{I take 4.5 mg for my MS}", "/ I take 4.5 mg for my MS", '/faq{"x": "4.5 mg"} 4.5 mg']:
        YAMLStoryReader.unpack_regex_message(Message({"text": text}), domain)
    print("parsed")
    """
)


def run(mode: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, mode],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "parsed" in done.stdout, done.stderr[-2000:]
    return done.stdout + done.stderr


def test_rasa_echoes_payload_text_without_the_filter():
    assert run("unfiltered").count("4.5 mg") >= 3


def test_the_filter_drops_every_echo():
    assert "4.5 mg" not in run("filtered")
