"""Every response can actually be sent, and every response sent exists.

Rasa's validator only sees responses named in rules and stories; ours are mostly
sent by custom actions. Names come from three places, none of them comments:
the rules' steps, the string literals in the actions' code, and, for names the
actions build at run time (f"utter_emergency_{kind}"), running the action itself.
"""

import ast
import asyncio
from pathlib import Path

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.emergency import ActionGiveEmergencyGuidance
from actions.fallback import ActionHandleFallback
from actions.topics import TOPICS, response_for
from ldn.conditions import covered_conditions
from ldn.emergency import KINDS
from ldn.text import MAX_MESSAGE_CHARS, input_problem

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
SENT_BY_RASA = {"utter_restart"}  # Rasa's own action_restart


def _rule_steps() -> set:
    steps = set()
    for path in (ROOT / "data").rglob("*.yml"):
        text = path.read_text(encoding="utf-8")
        if "rules:" not in text:
            continue  # NLU examples: large, and no responses in them
        for rule in (yaml.safe_load(text) or {}).get("rules", []):
            steps |= {step["action"] for step in rule.get("steps", []) if "action" in step}
    return steps


def _literals_in_actions() -> set:
    """Whole string literals in actions/*.py (an f-string's pieces are not whole names)."""
    found = set()
    for path in (ROOT / "actions").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        pieces = {id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for v in node.values}
        found |= {node.value for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in pieces}
    return {s for s in found if s.startswith("utter_")}


def _sent_when_run(action, entities) -> list:
    message = {"text": "", "intent": {"name": "x", "confidence": 1.0},
               "entities": [{"entity": e, "value": v} for e, v in entities]}
    dispatcher = CollectingDispatcher()
    asyncio.run(action.run(dispatcher, Tracker("t", {}, message, [], False, None, {}, "action_listen"), {}))
    return [m["response"] for m in dispatcher.messages]


def _built_at_run_time() -> set:
    """The responses whose names the actions put together, from running them."""
    built = {response_for(topic) for topic in TOPICS} | {c.response for c in covered_conditions()}
    for kind in [*KINDS, None]:  # None: the classifier said emergency but no pattern matched
        built |= set(_sent_when_run(ActionGiveEmergencyGuidance(), [("emergency_kind", kind)] if kind else []))
    problems = {input_problem(text) for text in ("", "x" * (MAX_MESSAGE_CHARS + 1), "?!")}
    for problem in problems:
        built |= set(_sent_when_run(ActionHandleFallback(), [("input_problem", problem)]))
    return built


def _sendable() -> set:
    return _rule_steps() | _literals_in_actions() | _built_at_run_time() | SENT_BY_RASA


def test_every_response_is_used():
    unused = set(DOMAIN["responses"]) - _sendable()
    assert not unused, f"responses nothing sends: {sorted(unused)}"


def test_every_response_sent_exists():
    sent = {name for name in _sendable() if name.startswith("utter_")}
    missing = sent - set(DOMAIN["responses"])
    assert not missing, f"responses sent but not in domain.yml: {sorted(missing)}"
