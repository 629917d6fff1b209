"""The condition and medicine registry in conditions.yml, read once on first use."""

import difflib
import functools
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from ldn import yaml_file

REGISTRY_FILE = Path(__file__).with_name("conditions.yml")
CONDITION_LABEL = "CONDITION"
MEDICINE_LABEL = "MEDICINE"


@dataclass(frozen=True)
class Condition:
    id: str
    name: str
    covered: bool
    synonyms: tuple
    topic: str | None = None
    category: str | None = None  # the kind of condition, when the guide discusses that kind
    listed: bool = True  # named in "the conditions the guide mentions LDN for"

    @property
    def response(self) -> str | None:
        """The curated answer for a condition the guide covers."""
        return f"utter_condition_{self.id}" if self.covered else None

    @property
    def category_response(self) -> str | None:
        """For a condition the guide doesn't name but whose kind it discusses."""
        return f"utter_condition_category_{self.category}" if self.category and not self.covered else None


@functools.cache
def _registry() -> dict:
    with REGISTRY_FILE.open(encoding="utf-8") as handle:
        return yaml_file.safe_load(handle)


@functools.cache
def conditions() -> dict[str, Condition]:
    return {
        key: Condition(
            key,
            spec["name"],
            bool(spec["covered"]),
            tuple(spec["synonyms"]),
            spec.get("topic"),
            None if spec.get("category", "none") == "none" else spec["category"],
            bool(spec.get("listed", True)),
        )
        for key, spec in _registry()["conditions"].items()
    }


def fingerprint() -> str:
    """Changes whenever the registry changes (part of the scope gate's fingerprint)."""
    return hashlib.sha256(REGISTRY_FILE.read_bytes()).hexdigest()


@functools.cache
def _not_a_condition_when() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p) for p in _registry().get("not_a_condition_when") or ())


def is_not_a_condition(text: str, start: int) -> bool:
    """The words at `start`, in the patient's own casing, are not a condition ("Ms. Adeyemi")."""
    return any(p.match(text, start) for p in _not_a_condition_when())


def is_told_as_a_medicine(words: list[str], at: int) -> bool:
    """ "I'm on Contrave", "Zoladex injections": the word at `at` (of a message's lower-cased words) is
    told the way a medicine is (`unknown_medicine_told`; the caller skips dictionary words)."""
    told = _registry()["unknown_medicine_told"]
    word = words[at]
    if len(word) < MEDICINE_FUZZY_MIN_CHARS or word in told["not_medicines"]:
        return False
    before = words[at - 2 : at]
    after = words[at + 1 : at + 3]
    return bool(
        (len(before) == 2 and before[1] == "on" and before[0] in told["on_after"])
        or (len(before) == 2 and before[1] == "my" and before[0] in told["my_after"])
        or (after[:1] and after[0] in told["before"])
        or (len(after) == 2 and after[0].replace(".", "", 1).isdigit() and after[1] in told["units"])
    )


def medicines() -> list[str]:
    return list(_registry()["medicines"])


MEDICINE_NAME_MIN_CHARS = 7


@functools.cache
def _medicine_name_ending() -> re.Pattern:
    endings = "|".join(re.escape(ending) for ending in _registry()["medicine_name_endings"])
    return re.compile(rf"[a-z]{{3,}}({endings})")


def looks_like_a_medicine(word: str) -> bool:
    """A word the medicine list lacks but whose ending names a drug class ("gemcitabine").
    Of the English dictionary's words, only names of drugs and body chemicals end so
    ("penicillin", "lovastatin", "histidine")."""
    word = word.lower()
    return len(word) >= MEDICINE_NAME_MIN_CHARS and bool(_medicine_name_ending().fullmatch(word))


# A medicine's name misspelled ("sertaline", "welbutrin", "tramadole"): a word outside the
# English dictionary this close to a listed one-word name (difflib ratio). At 0.8, "starting",
# "alive" and "meantime" read as statins, aleve and memantine in the training and development
# messages; at 0.85 none did, and every misspelled medicine there but "xanex" was found.
MEDICINE_FUZZY_MIN_CHARS = 5
MEDICINE_FUZZY_MIN_RATIO = 0.85


@functools.lru_cache(maxsize=8192)
def fuzzy_medicine(word: str) -> str | None:
    """The listed medicine a misspelled word most likely names, or None (the caller skips English words)."""
    word = word.lower()
    if len(word) < MEDICINE_FUZZY_MIN_CHARS:
        return None
    best = difflib.get_close_matches(word, _fuzzy_medicine_names(), n=1, cutoff=MEDICINE_FUZZY_MIN_RATIO)
    return best[0] if best else None


@functools.cache
def _fuzzy_medicine_names() -> tuple[str, ...]:
    """The listed one-word medicine names a misspelling is matched against (built once)."""
    return tuple(name for name in medicines() if " " not in name and len(name) >= MEDICINE_FUZZY_MIN_CHARS)


def covered_conditions() -> list[Condition]:
    return [condition for condition in conditions().values() if condition.covered]


@functools.cache
def _fuzzy_targets() -> dict[str, str]:
    """Synonyms long enough to match with a typo (short ones like "ms" must be exact)."""
    return {
        synonym.lower(): condition.id
        for condition in conditions().values()
        for synonym in condition.synonyms
        if len(synonym) >= FUZZY_MIN_CHARS
    }


FUZZY_MIN_CHARS = 7
FUZZY_MIN_RATIO = 0.86


def fuzzy_condition(phrase: str) -> str | None:
    """The condition a misspelled phrase most likely names ("rhumatoid arthritis"), or None."""
    phrase = phrase.lower()
    if len(phrase) < FUZZY_MIN_CHARS:
        return None
    return _closest_condition(phrase)


# Patients' words outside the dictionary repeat ("naltrexone", "fibro", brand names):
# each is looked up once per process (difflib was 3 of a message's ~25 ms, README).
@functools.lru_cache(maxsize=8192)
def _closest_condition(phrase: str) -> str | None:
    targets = _fuzzy_targets()
    best = difflib.get_close_matches(phrase, targets, n=1, cutoff=FUZZY_MIN_RATIO)  # iterates the keys
    return targets[best[0]] if best else None


def ruler_patterns() -> list[dict]:
    """EntityRuler phrase patterns: label CONDITION/MEDICINE, id = canonical key."""
    patterns = [
        {"label": CONDITION_LABEL, "pattern": synonym, "id": condition.id}
        for condition in conditions().values()
        for synonym in condition.synonyms
    ]
    patterns += [{"label": MEDICINE_LABEL, "pattern": name, "id": name} for name in medicines()]
    return patterns


# The kinds of condition the guide discusses in general (a registry entry's `category`).
CONDITION_CATEGORIES = ("autoimmune", "joint", "neurodegenerative", "gut", "mental_health")

# `last_topic` slot value after a condition's answer: "condition:<id>".
CONDITION_PREFIX = "condition:"


def guide_condition_list() -> str:
    """The conditions the guide names for LDN, one bullet a line, from the registry ({covered_conditions})."""
    return "".join(f"\n• {c.name}" for c in covered_conditions() if c.listed)
