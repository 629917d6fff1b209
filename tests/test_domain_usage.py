"""Every response can actually be sent, and every response sent exists.

Rasa's validator only sees responses named in rules and stories; ours are mostly
sent by custom actions. Names come from three places, none of them comments:
the rules' steps, the string literals in the actions' code, and, for names the
actions build at run time (f"utter_emergency_{kind}"), running the action itself.
"""

import re
from pathlib import Path

import pytest

from actions.topics import TOPICS
from ldn.conditions import conditions, covered_conditions
from ldn.domain import load_domain_dict
from ldn.emergency import KINDS

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parent.parent
# Named in the contract between issues 8 and 9 (/work/brief/CONTRACT.md): the scope gate
# (issue 8) emits these; their texts live here. Until it is merged nothing on this branch does.
GATE_EMITS = {
    "utter_caution_pregnancy", "utter_caution_breastfeeding", "utter_caution_child", "utter_caution_medicine",
    "utter_caution_condition_not_covered", "utter_side_effect_not_listed", "utter_emergency_pet",
}
DOMAIN = load_domain_dict()


def _sendable() -> set:
    rules = "\n".join(p.read_text() for p in (ROOT / "data").rglob("*.yml") if "nlu" not in p.parts)
    code = "\n".join(p.read_text() for folder in ("actions", "channels") for p in (ROOT / folder).glob("*.py"))
    named = set(re.findall(r"utter_[a-z_/]+", rules + code))
    named |= {f"utter_faq/{t}" for t in TOPICS} | {c.response for c in covered_conditions()}
    named |= {c.category_response for c in conditions().values() if c.category_response}
    named |= GATE_EMITS
    named |= {f"utter_emergency_{k}" for k in KINDS + ["general"]}
    named |= {f"utter_input_{p}" for p in ("empty", "too_long", "no_words")}
    named.add("utter_restart")  # sent by Rasa's own action_restart
    return named


def test_every_response_is_used():
    unused = set(DOMAIN["responses"]) - _sendable()
    assert not unused, f"responses nothing sends: {sorted(unused)}"


def test_every_response_sent_exists():
    # Names built in code (f"utter_faq/{topic}") end in "/" or "_"; utter_message is the SDK call;
    # utter_action is the key bot events keep the response name under (read by actions/feedback.py).
    sent = {n for n in _sendable() if not n.endswith(("_", "/")) and n not in ("utter_message", "utter_faq", "utter_action")}
    missing = sent - set(DOMAIN["responses"])
    assert not missing, f"responses sent but not in the domain: {sorted(missing)}"
