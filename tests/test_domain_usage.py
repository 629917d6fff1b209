"""Every response can actually be sent.

Rasa's validator only sees responses named in rules and stories; ours are mostly
composed by ComposePolicy (ldn/policy.py) or sent by custom actions, so this test
reads both.
"""

import re
from pathlib import Path

import pytest

from ldn.domain import load_domain_dict
from ldn.policy import sendable_responses

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = load_domain_dict()


def _sendable() -> set:
    rules = "\n".join(p.read_text() for p in (ROOT / "data").rglob("*.yml") if "rules" in p.parts)
    code = "\n".join(p.read_text() for p in (ROOT / "actions").glob("*.py"))
    named = set(re.findall(r"utter_[a-z_/]+", rules + code))
    named |= sendable_responses()
    named |= {f"utter_input_{p}" for p in ("empty", "too_long", "no_words")}
    named.add("utter_restart")  # sent by Rasa's own action_restart
    return named


def test_every_response_is_used():
    unused = set(DOMAIN["responses"]) - _sendable()
    assert not unused, f"responses nothing sends: {sorted(unused)}"


def test_every_response_sent_exists():
    # Names built in code (f"utter_faq/{topic}") end in "/" or "_"; utter_message is the SDK call.
    sent = {n for n in _sendable() if not n.endswith(("_", "/")) and n not in ("utter_message", "utter_faq")}
    missing = sent - set(DOMAIN["responses"])
    assert not missing, f"responses sent but not in the domain: {sorted(missing)}"
