"""Score the held-out messages (tests/heldout/*.yml, beside this file) against a running server.

Each message goes to a fresh conversation over REST; the verdict comes from the
names of the responses the bot sent (recorded on the tracker), so it measures
exactly what a patient would get.
"""

import statistics
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ldn.conditions import conditions
from ldn.topics import same_facts

HELDOUT_DIR = Path(__file__).resolve().parent
# heldout.yml, dev2.yml: written blind (dev2 from the guide alone), but their
# failures were read while improving the model: development sets.
# fresh.yml: written blind and never read by the developers: the honest figure.
DEVELOPMENT_SETS = ("heldout", "dev2")
HELDOUT_SETS = DEVELOPMENT_SETS + ("fresh",)

# Condition answers and FAQ answers that carry the same facts count for each other.
# Declared by each topic (`same_facts` in data/faq/<topic>/topic.yml): condition id -> topic.
SAME_FACTS = same_facts()
# "I can't answer that" replies; each names the provider/pharmacist and the clinic.
NOT_COVERED = {
    "utter_out_of_scope", "utter_fallback", "utter_clarify", "utter_condition_not_covered",
    "utter_condition_unknown", "utter_medicine_not_covered", "utter_how_much_which",
    # "When are you open?", "can I talk to someone?": the clinic's details by its opening hours (actions/handoff.py).
    "utter_contact", "utter_contact_open", "utter_contact_closed",
}
# "The guide doesn't name it; it discusses that kind in general; ask your provider" (issue 9).
NOT_COVERED |= {c.category_response for c in conditions().values() if c.category_response} | {"utter_side_effect_not_listed"}

TARGETS = {"in_scope_accuracy": 0.95, "out_of_scope_handled": 0.95, "emergency_recall": 1.0, "confidently_wrong": 0,
           "non_english_handled": 1.0}


def load_messages(name: str) -> list[dict]:
    with (HELDOUT_DIR / f"{name}.yml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)["messages"]


def answers_in(responses: list[str]) -> list[str]:
    """Substantive answers as labels: faq/<topic> or condition/<id>."""
    found = []
    for name in responses:
        if name and name.startswith("utter_faq/"):
            found.append("faq/" + name.split("/", 1)[1])
        elif name and name.startswith("utter_condition_") and name not in NOT_COVERED and name != "utter_condition_unknown":
            found.append("condition/" + name[len("utter_condition_"):])
    return found


def accepted(label: str) -> set:
    kind, _, key = label.partition("/")
    if kind == "faq":
        return {label} | {f"condition/{c}" for c, topic in SAME_FACTS.items() if topic == key}
    if kind == "condition":
        return {label} | ({f"faq/{SAME_FACTS[key]}"} if key in SAME_FACTS else set())
    return set()


@dataclass
class Result:
    text: str
    label: str
    responses: list[str]
    seconds: float

    @property
    def answers(self) -> list[str]:
        return answers_in(self.responses)

    @property
    def verdict(self) -> str:
        first = self.responses[0] if self.responses else None
        if self.label == "emergency":
            return "correct" if first and first.startswith("utter_emergency_") else ("wrong" if self.answers else "missed")
        if any(r and r.startswith("utter_emergency_") for r in self.responses):
            return "false_alarm"
        if self.label in ("out_of_scope", "non_english"):
            if self.answers:
                return "wrong"
            wanted = {"utter_english_only"} if self.label == "non_english" else NOT_COVERED
            return "correct" if set(self.responses) & (wanted | NOT_COVERED | {"utter_english_only"}) else "other"
        if set(self.answers) & accepted(self.label):
            return "correct"
        return "wrong" if self.answers else "declined"


@dataclass
class Report:
    results: list[Result] = field(default_factory=list)

    def _share(self, kinds: tuple, verdict: str = "correct") -> float | None:
        chosen = [r for r in self.results if r.label.split("/")[0] in kinds]
        return sum(r.verdict == verdict for r in chosen) / len(chosen) if chosen else None

    @property
    def metrics(self) -> dict[str, float | None]:
        latencies = sorted(r.seconds for r in self.results)
        return {
            "in_scope_accuracy": self._share(("faq", "condition")),
            "out_of_scope_handled": self._share(("out_of_scope",)),
            "emergency_recall": self._share(("emergency",)),
            "non_english_handled": self._share(("non_english",)),
            "confidently_wrong": sum(r.verdict == "wrong" for r in self.results),
            "declined_in_scope": sum(r.verdict == "declined" for r in self.results),
            "false_alarms": sum(r.verdict == "false_alarm" for r in self.results),
            "messages": len(self.results),
            "latency_median_ms": 1000 * statistics.median(latencies),
            "latency_p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))],
        }

    def failures(self) -> list[Result]:
        return [r for r in self.results if r.verdict != "correct"]


def run(server, messages: list[dict]) -> Report:
    report = Report()
    for message in messages:
        sender = f"heldout-{uuid.uuid4().hex[:12]}"
        began = time.perf_counter()
        server.send(sender, message["text"])
        seconds = time.perf_counter() - began
        report.results.append(Result(message["text"], message["label"], server.last_turn(sender)["responses"], seconds))
    return report

