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
from ldn.declined import DECLINED
from ldn.topics import same_facts

HELDOUT_DIR = Path(__file__).resolve().parent
# heldout.yml, dev2.yml: written blind (dev2 from the guide alone), but their
# failures were read while improving the model: development sets.
# patients_dev.yml: written blind in patient style (guide + public patient posts
# only); its failures were read: a development set.
# emergencies_dev.yml: written blind in patient style: 140 emergencies and crises
# (indirect, third-person, buried in long stories) and 70 alarming-sounding
# non-emergencies; its failures were read while writing ldn/rules.yml: a development set.
# patients_dev3.yml ... patients_dev104.yml (2026-11-26/28): about 200 more each in
# patient style, written blind the same way; their failures were read while improving the
# gate and the data: development sets.
# fresh.yml, patients.yml: written blind and never read by the developers: the
# honest figures (patients.yml is the patient-style one).
DEVELOPMENT_SETS = (
    "heldout",
    "dev2",
    "patients_dev",
    "patients_dev3",
    "patients_dev4",
    "patients_dev5",
    "patients_dev6",
    "patients_dev7",
    "patients_dev8",
    "patients_dev9",
    "patients_dev10",
    "patients_dev11",
    "patients_dev12",
    "patients_dev13",
    "patients_dev14",
    "patients_dev15",
    "patients_dev16",
    "patients_dev17",
    "patients_dev18",
    "patients_dev19",
    "patients_dev20",
    "patients_dev21",
    "patients_dev22",
    "patients_dev23",
    "patients_dev24",
    "patients_dev25",
    "patients_dev26",
    "patients_dev27",
    "patients_dev28",
    "patients_dev29",
    "patients_dev30",
    "patients_dev31",
    "patients_dev32",
    "patients_dev33",
    "patients_dev34",
    "patients_dev35",
    "patients_dev36",
    "patients_dev37",
    "patients_dev38",
    "patients_dev39",
    "patients_dev40",
    "patients_dev41",
    "patients_dev42",
    "patients_dev43",
    "patients_dev44",
    "patients_dev45",
    "patients_dev46",
    "patients_dev47",
    "patients_dev48",
    "patients_dev49",
    "patients_dev50",
    "patients_dev51",
    "patients_dev52",
    "patients_dev53",
    "patients_dev54",
    "patients_dev55",
    "patients_dev56",
    "patients_dev57",
    "patients_dev58",
    "patients_dev59",
    "patients_dev60",
    "patients_dev61",
    "patients_dev62",
    "patients_dev63",
    "patients_dev64",
    "patients_dev65",
    "patients_dev66",
    "patients_dev67",
    "patients_dev68",
    "patients_dev69",
    "patients_dev70",
    "patients_dev71",
    "patients_dev72",
    "patients_dev73",
    "patients_dev74",
    "patients_dev75",
    "patients_dev76",
    "patients_dev77",
    "patients_dev78",
    "patients_dev79",
    "patients_dev80",
    "patients_dev81",
    "patients_dev82",
    "patients_dev83",
    "patients_dev84",
    "patients_dev85",
    "patients_dev86",
    "patients_dev87",
    "patients_dev88",
    "patients_dev89",
    "patients_dev90",
    "patients_dev91",
    "patients_dev92",
    "patients_dev93",
    "patients_dev94",
    "patients_dev95",
    "patients_dev96",
    "patients_dev97",
    "patients_dev98",
    "patients_dev99",
    "patients_dev100",
    "patients_dev101",
    "patients_dev102",
    "patients_dev103",
    "patients_dev104",
    "emergencies_dev",
)
HELDOUT_SETS = DEVELOPMENT_SETS + ("fresh", "patients")

# Condition answers and FAQ answers that carry the same facts count for each other.
# Declared by each topic (`same_facts` in data/faq/<topic>/topic.yml): condition id -> topic.
SAME_FACTS = same_facts()
# "I can't answer that" replies; each names the provider/pharmacist and the clinic.
NOT_COVERED = set(DECLINED) | {
    "utter_how_much_which",
    # "When are you open?", "can I talk to someone?": the clinic's details by its opening hours (actions/handoff.py).
    "utter_contact",
    "utter_contact_open",
    "utter_contact_closed",
    "utter_side_effect_not_listed",
    "utter_condition_category_autoimmune",
    "utter_condition_category_joint",
    "utter_condition_category_neurodegenerative",
    "utter_condition_category_gut",
    "utter_condition_category_mental_health",
}
# "Can LDN cause <X>?" for an X the guide's list doesn't name: the side-effects
# answer for that question (the list doesn't include it, side effects are rare,
# tell your provider). It answers a faq/side_effects label and is also a referral.
SIDE_EFFECT_ANSWERS = {"utter_side_effect_not_listed"}
# A caution the message called for is given by its own response, or by an answer
# that is itself that caution.
CAUTION_SAID_BY = {
    "pregnancy": {"utter_caution_pregnancy", "utter_faq/pregnancy"},
    "breastfeeding": {"utter_caution_breastfeeding"},
    "child": {"utter_caution_child"},
    "medicine": {"utter_caution_medicine", "utter_medicine_not_covered"},
}
# "The guide doesn't name it; it discusses that kind in general; ask your provider" (issue 9).
NOT_COVERED |= {c.category_response for c in conditions().values() if c.category_response} | {
    "utter_side_effect_not_listed"
}

TARGETS = {
    "in_scope_accuracy": 0.95,
    "out_of_scope_handled": 0.95,
    "emergency_recall": 1.0,
    "confidently_wrong": 0,
    "non_english_handled": 1.0,
    "false_alarm_rate": 0.02,
}


def load_messages(name: str) -> list[dict]:
    with (HELDOUT_DIR / f"{name}.yml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)["messages"]


def answers_in(responses: list[str]) -> list[str]:
    """Substantive answers as labels: faq/<topic> or condition/<id>."""
    found = []
    for name in responses:
        if name and name.startswith("utter_faq/"):
            found.append("faq/" + name.split("/", 1)[1])
        elif (
            name
            and name.startswith("utter_condition_")
            and name not in NOT_COVERED
            and name != "utter_condition_unknown"
        ):
            found.append("condition/" + name[len("utter_condition_") :])
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
    cautions: list[str] = field(default_factory=list)
    also: list[str] = field(default_factory=list)

    @property
    def answers(self) -> list[str]:
        return answers_in(self.responses)

    @property
    def dropped_cautions(self) -> list[str]:
        """Cautions the message called for that the reply doesn't give (not judged on emergencies or other languages)."""
        if self.label in ("emergency", "non_english"):
            return []
        return [c for c in self.cautions if not CAUTION_SAID_BY.get(c, {f"utter_caution_{c}"}) & set(self.responses)]

    @property
    def stray_answers(self) -> list[str]:
        """Answers to a question nobody asked: not the label's topic, nor an `also` topic."""
        wanted = accepted(self.label).union(*(accepted(a) for a in self.also)) if self.also else accepted(self.label)
        return [a for a in self.answers if a not in wanted]

    @property
    def also_answered(self) -> bool:
        return any(set(self.answers) & accepted(a) for a in self.also)

    @property
    def verdict(self) -> str:
        first = self.responses[0] if self.responses else None
        if self.label == "emergency":
            return (
                "correct" if first and first.startswith("utter_emergency_") else ("wrong" if self.answers else "missed")
            )
        if any(r and r.startswith("utter_emergency_") for r in self.responses):
            return "false_alarm"
        if self.dropped_cautions:
            return "wrong"  # a caution the message called for is missing: confidently wrong
        if self.label in ("out_of_scope", "non_english"):
            if self.stray_answers:
                return "wrong"  # an answer, other than to a second question the message also asks
            wanted = {"utter_english_only"} if self.label == "non_english" else NOT_COVERED
            return "correct" if set(self.responses) & (wanted | NOT_COVERED | {"utter_english_only"}) else "other"
        if self.stray_answers:
            return "wrong"  # a confident answer on a different topic from the one asked
        if set(self.answers) & accepted(self.label):
            return "correct"
        if self.label == "faq/side_effects" and SIDE_EFFECT_ANSWERS & set(self.responses):
            return "correct"
        return "declined"


@dataclass
class Report:
    results: list[Result] = field(default_factory=list)

    def _share(self, kinds: tuple, verdict: str = "correct") -> float | None:
        chosen = [r for r in self.results if r.label.split("/")[0] in kinds]
        return sum(r.verdict == verdict for r in chosen) / len(chosen) if chosen else None

    @property
    def metrics(self) -> dict[str, float | None]:
        latencies = sorted(r.seconds for r in self.results)
        not_emergency = [r for r in self.results if r.label != "emergency"]
        with_also = [r for r in self.results if r.also]
        return {
            "in_scope_accuracy": self._share(("faq", "condition")),
            "out_of_scope_handled": self._share(("out_of_scope",)),
            "emergency_recall": self._share(("emergency",)),
            "non_english_handled": self._share(("non_english",)),
            "confidently_wrong": sum(r.verdict == "wrong" for r in self.results),
            "declined_in_scope": sum(r.verdict == "declined" for r in self.results),
            "false_alarms": sum(r.verdict == "false_alarm" for r in self.results),
            "false_alarm_rate": sum(r.verdict == "false_alarm" for r in not_emergency) / max(1, len(not_emergency)),
            "dropped_cautions": sum(bool(r.dropped_cautions) for r in self.results),
            "also_answered": (sum(r.also_answered for r in with_also) / len(with_also)) if with_also else None,
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
        report.results.append(
            Result(
                message["text"],
                message["label"],
                server.last_turn(sender)["responses"],
                seconds,
                message.get("cautions") or [],
                message.get("also") or [],
            )
        )
    return report
