"""Every response can actually be sent, and every response sent exists.

Rasa's validator only sees responses named in rules and stories; ours are mostly
composed by ComposePolicy (ldn/policy.py) or sent by custom actions and channels.
Names come from three places, none of them comments or the domain files
themselves: the rules' steps, whole string literals in actions/ and channels/,
and the policy's own list of what a plan can name.
"""

import ast
import re
from pathlib import Path

import pytest
import yaml

from ldn.domain import load_domain_dict
from ldn.policy import sendable_responses

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = load_domain_dict()
SENT_BY_RASA = {"utter_restart"}  # Rasa's own action_restart


def _rule_steps() -> set:
    steps = set()
    for path in (ROOT / "data" / "rules").rglob("*.yml"):
        for rule in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("rules", []):
            steps |= {step["action"] for step in rule.get("steps", []) if "action" in step}
    return steps


def _literals_in_code() -> set:
    """Whole string literals in actions/ and channels/ (an f-string's pieces are not whole names)."""
    found = set()
    for folder in ("actions", "channels"):
        for path in (ROOT / folder).glob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            pieces = {id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for v in node.values}
            found |= {
                node.value
                for node in ast.walk(tree)
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in pieces
            }
    return {s for s in found if s.startswith("utter_")}


RESPONSE_NAME = re.compile(r"utter_[a-z0-9_/]*[a-z0-9]")


def _sendable() -> set:
    inputs = {f"utter_input_{p}" for p in ("empty", "too_long", "no_words")}  # channels: input_problem
    named = _rule_steps() | _literals_in_code() | sendable_responses() | inputs | SENT_BY_RASA
    return {n for n in named if RESPONSE_NAME.fullmatch(n)}


def test_every_response_is_used():
    unused = set(DOMAIN["responses"]) - _sendable()
    assert not unused, f"responses nothing sends: {sorted(unused)}"


def test_every_response_sent_exists():
    # utter_message is the SDK call; utter_action is the key bot events keep the response name under.
    sent = {n for n in _sendable() if n not in ("utter_message", "utter_action")}
    missing = sent - set(DOMAIN["responses"])
    assert not missing, f"responses sent but not in the domain: {sorted(missing)}"
