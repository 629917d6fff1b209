"""The reviewed rules in ldn/rules.yml: emergencies, question types, cautions.

Read once and compiled. Everything here is a pure function of the text, so a
clinician's example can be checked in a unit test (tests/ldn/test_rules.py).
"""

import functools
import hashlib
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from re import Pattern

from ldn import yaml_file
from ldn.sentences import list_items, sentences
from ldn.text import spelled_plainly

RULES_FILE = Path(__file__).with_name("rules.yml")


def fingerprint() -> str:
    """Changes whenever the rules file changes: part of the model's fingerprint."""
    return hashlib.sha256(RULES_FILE.read_bytes()).hexdigest()


def _pattern(pattern: str) -> Pattern:
    # DOTALL: a pattern reads across the line breaks a message keeps (ldn/text.py).
    return re.compile(pattern, re.IGNORECASE | re.DOTALL)


def _compile(patterns: Iterable[str]) -> tuple[Pattern, ...]:
    return tuple(_pattern(p) for p in patterns or ())


def _any(patterns: Iterable[Pattern], text: str) -> bool:
    return any(p.search(text) for p in patterns)


def normalize(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'")


@dataclass(frozen=True)
class EmergencyKind:
    name: str
    patterns: tuple[Pattern, ...]
    replaces: tuple[str, ...]
    unless_informational: bool
    unless_over: bool
    unless_recovered: bool = False

    def happening_in(self, piece: str, text: str) -> bool:
        """Does this sentence (or message) of `text` describe the emergency now, not a question or a story?"""
        if self.unless_informational and is_informational(piece):
            return False
        if self.unless_recovered and is_recovered(piece):
            return False
        return not (self.unless_over and (is_over(piece) or is_denied(piece, text)))


@dataclass(frozen=True)
class QuestionType:
    name: str
    asks: tuple[Pattern, ...]
    unless: tuple[Pattern, ...]
    answered_by: tuple[str, ...]
    unless_listed_side_effect: bool
    unless_only_told: str | None = None
    asks_anywhere: tuple[Pattern, ...] = ()

    def matches(self, text: str, plain: str) -> bool:
        """Asked in `plain` (the text with regular naltrexone named plainly); an exception in either
        ("isn't naltrexone for alcoholics? could it help his drinking" asks about no drink)."""
        if not _any(self.asks, plain) or _any(self.unless, text) or _any(self.unless, plain):
            return False
        if self.unless_only_told and asked_beside_what_is_told(self.unless_only_told, text):
            return False
        return not (self.unless_listed_side_effect and is_listed_side_effect(text))


@dataclass(frozen=True)
class Caution:
    name: str
    cues: tuple[Pattern, ...]
    unless: tuple[Pattern, ...]
    from_registry: str | None
    said_by: tuple[str, ...]
    asked_about: tuple[Pattern, ...] = ()
    points_back: tuple[Pattern, ...] = ()
    answers_instead_of: tuple[str, ...] = ()
    answers_when_asked: tuple[Pattern, ...] = ()
    answers_over_a_refusal_when_asked: tuple[Pattern, ...] = ()
    answers_whether_to_stop: tuple[Pattern, ...] = ()
    told: tuple[Pattern, ...] = ()
    still_asked: tuple[Pattern, ...] = ()
    not_answered_when_told: tuple[str, ...] = ()

    def called_for(self, text: str) -> bool:
        return bool(self.cues) and _any(self.cues, text) and not _any(self.unless, text)


@functools.cache
def _rules() -> dict:
    with RULES_FILE.open(encoding="utf-8") as handle:
        return yaml_file.safe_load(handle)


@functools.cache
def emergency_kinds_declared() -> tuple[EmergencyKind, ...]:
    return tuple(
        EmergencyKind(
            name,
            _compile(spec["patterns"]),
            tuple(spec.get("replaces") or ()),
            bool(spec.get("unless_informational")),
            bool(spec.get("unless_over")),
            bool(spec.get("unless_recovered")),
        )
        for name, spec in _rules()["emergency"].items()
    )


@functools.cache
def question_types() -> tuple[QuestionType, ...]:
    return tuple(
        QuestionType(
            name,
            _compile(spec["asks"]),
            _compile(spec.get("unless")),
            tuple(spec.get("answered_by") or ()),
            bool(spec.get("unless_listed_side_effect")),
            spec.get("unless_only_told"),
            _compile(spec.get("asks_anywhere")),
        )
        for name, spec in _rules()["question_types"].items()
    )


@functools.cache
def cautions() -> tuple[Caution, ...]:
    return tuple(
        Caution(
            name,
            _compile(spec.get("cues")),
            _compile(spec.get("unless")),
            spec.get("from_registry"),
            tuple(spec.get("said_by") or ()),
            _compile(spec.get("asked_about", []) + ([spec["both"]] if "both" in spec else [])),
            _compile(spec.get("points_back", []) + ([spec["both"]] if "both" in spec else [])),
            tuple(spec.get("answers_instead_of") or ()),
            _compile(spec.get("answers_when_asked")),
            _compile(spec.get("answers_over_a_refusal_when_asked")),
            _compile(spec.get("answers_whether_to_stop")),
            _compile(spec.get("told")),
            _compile(spec.get("still_asked")),
            tuple(spec.get("not_answered_when_told") or ()),
        )
        for name, spec in _rules()["cautions"].items()
    )


@functools.cache
def _section(name: str) -> tuple[Pattern, ...]:
    """A top-level list of patterns in the rules file (`sets_aside`, `turns_to`, ...)."""
    return _compile(_rules()[name])


@functools.cache
def _part(section: str, name: str) -> tuple[Pattern, ...]:
    """One list of patterns inside a top-level section of the rules file (`informational`:
    question, happening_now, denied, over, harmless; `told_not_asked`: asks, points_back)."""
    return _compile(_rules()[section][name])


def _informational(name: str) -> tuple[Pattern, ...]:
    return _part("informational", name)


def is_listed_side_effect(text: str) -> bool:
    return _any(_section("listed_side_effects"), normalize(text))


def is_informational(sentence: str) -> bool:
    """ "Could LDN cause an allergic reaction?": asks about it, nothing is happening now."""
    return _any(_informational("question"), sentence) and not _any(_informational("happening_now"), sentence)


def is_recovered(sentence: str) -> bool:
    """ "I had suicidal thoughts at 19, I'm fine now": a crisis long past, told by a writer who says they
    are well, and nothing in the sentence says it is back."""
    return (
        _any(_informational("recovered_when"), sentence)
        and _any(_informational("recovered_well_now"), sentence)
        and not _any(_informational("recovered_unless"), sentence)
    )


def is_over(sentence: str) -> bool:
    """ "I had seizures as a kid but grew out of them": a story of something past or handled."""
    return _any(_informational("over"), sentence)


def is_denied(sentence: str, text: str) -> bool:
    """ "What if my dog got into my capsules? She hasn't": a question, or its denial, in a message
    that says it did not happen."""
    if sentence in list_items(text) and _any(_informational("list_denied"), text):
        return True  # an item of a quoted warning list the message denies as a whole
    return _any(_informational("denied"), text) and (
        sentence.rstrip().endswith("?") or _any(_informational("denied"), sentence)
    )


def is_harmless(sentence: str) -> bool:
    """ "I hate swallowing capsules", a dream: words of an emergency, but none is happening."""
    return _any(_informational("harmless"), sentence)


def tells_nothing_happening(sentence: str, text: str) -> bool:
    """For the gate's sentence-by-sentence emergency check: a sentence of `text` that asks, tells a story
    that is over, is harmless or is denied describes no emergency now (the rules' kinds use the
    first, second and fourth as each declares)."""
    return is_informational(sentence) or is_over(sentence) or is_harmless(sentence) or is_denied(sentence, text)


@functools.lru_cache(maxsize=1024)
def emergency_kinds(text: str) -> list[str]:
    """The kinds of emergency a message describes, in the rules file's order (most urgent first).

    Every sentence is checked on its own, and the whole message too (a pattern may
    span two sentences). An informational question about a symptom is not that symptom.
    """
    text = normalize(text)
    found: list[str] = []
    replaced: set = set()
    for kind in emergency_kinds_declared():
        # The sentences that match on their own; else the whole message (a pattern spanning two).
        pieces = [s for s in sentences(text) if _any(kind.patterns, s)] or [text] * _any(kind.patterns, text)
        if any(kind.happening_in(piece, text) for piece in pieces):
            found.append(kind.name)
            replaced.update(kind.replaces)
    return [kind for kind in found if kind not in replaced]


@functools.lru_cache(maxsize=1024)
def question_types_asked(text: str) -> list[str]:
    """Every kind of question (rules file, `question_types`) the text asks. Cached: the gate asks about
    the same question several times (its type, the medicine check, the cautions)."""
    text = normalize(text)
    plain = regular_naltrexone_named_plainly(text)
    return [kind.name for kind in question_types() if kind.matches(text, plain)]


@functools.lru_cache(maxsize=1024)
def question_types_asked_anywhere(text: str) -> list[str]:
    """Kinds of question asked wherever their `asks_anywhere` words stand in the whole message: "my cat
    has IBD and the vet mentioned LDN. Is it the same stuff they give people?" asks about an animal."""
    text = normalize(text)
    return [kind.name for kind in question_types() if _any(kind.asks_anywhere, text) and not _any(kind.unless, text)]


def answered_by(kind: str) -> tuple[str, ...]:
    return next(q.answered_by for q in question_types() if q.name == kind)


def caution_cues(text: str) -> list[str]:
    """Cautions whose words are in the text (registry-based ones are decided with the entities)."""
    text = normalize(text)
    return [c.name for c in cautions() if c.called_for(text)]


def _caution(name: str) -> Caution:
    return next(c for c in cautions() if c.name == name)


def caution_said_by(name: str) -> tuple[str, ...]:
    return _caution(name).said_by


CAUTION_NAMES = ("pregnancy", "breastfeeding", "child", "medicine", "condition_not_covered")


def medicine_is_the_question(question: str, medicines: Iterable[str]) -> bool:
    """ "Can I take LDN with X?", "should I stop X?": a medicine the question names, or points back at,
    is what is asked about (one named only in the story is context: answer and caution)."""
    question = normalize(question)
    medicine = _caution("medicine")
    return (
        _any(medicine.asked_about, question)
        and _names(question, medicines, medicine)
        and not _only_told(question, medicines, medicine)
    )


def names_a_medicine(question: str, medicines: Iterable[str]) -> bool:
    """The question names one of the medicines, by name or kind, or points back at them."""
    return _names(normalize(question), medicines, _caution("medicine"))


def _names(text: str, medicines: Iterable[str], medicine: Caution) -> bool:
    """The text names one of the medicines (or a kind of them), or points back at them."""
    by_kind = other_medicines(text)  # "a blood thinner", "alcohol": named by kind in the question
    return _any(medicine.points_back, text) or any(
        m in by_kind or re.search(rf"\b{re.escape(m)}", text, re.IGNORECASE) for m in medicines
    )


def _told_clauses(question: str) -> list[str]:
    """The question's clauses, split where `told_not_asked` says (its `breaks`)."""
    breaks = _rules()["told_not_asked"]["breaks"]
    return [c for c in re.split(breaks, question, flags=re.IGNORECASE) if c and c.strip()]


def _clause_asks(clause: str) -> bool:
    """A clause asks: a question mark, or one of `told_not_asked`'s `asks`."""
    return "?" in clause or _any(_part("told_not_asked", "asks"), clause)


def asks_anything(question: str) -> bool:
    """Some clause of the question asks (a question mark, a question word): "crohns for 8 years, on
    azathioprine, gut still a mess" asks nothing in so many words."""
    return any(_clause_asks(clause) for clause in _told_clauses(normalize(question)))


def _only_told(question: str, medicines: Iterable[str], medicine: Caution) -> bool:
    """ "Sister takes LDN with her Prozac and swears by it, what is it supposed to do?": every clause
    naming the medicine only tells, and a clause that asks neither names nor points back at it."""
    clauses = _told_clauses(question)
    points_back = _part("told_not_asked", "points_back")
    asking = [c for c in clauses if _clause_asks(c)]
    naming = [c for c in clauses if _names(c, medicines, medicine) and _any(medicine.asked_about, c)]
    return (
        len(clauses) > 1
        and bool(asking)
        and bool(naming)
        and not any(c in asking for c in naming)
        and not any(_names(c, medicines, medicine) or _any(points_back, c) for c in asking)
    )


def without_told_medicines(question: str, medicines: Iterable[str]) -> list[str]:
    """ "What benefit i get from LDN, i take metformin and lisinopril already": the question's clauses
    that neither name nor point back at the medicines, when those that do only tell (none when one
    of them asks, or when nothing is left)."""
    medicine = _caution("medicine")
    clauses = _told_clauses(normalize(question))
    points_back = _part("told_not_asked", "points_back")
    naming = [c for c in clauses if _names(c, medicines, medicine) or _any(points_back, c)]
    if any(_clause_asks(c) for c in naming):
        return []
    return [c.strip() for c in clauses if c not in naming]


def read_past_told_medicines_for(topic: str) -> bool:
    """Whether a question beside medicines only told may be answered with this topic."""
    return topic not in (_rules()["cautions"]["medicine"].get("not_read_past_for") or ())


_ENDS = re.compile(r"[?.!]")  # a sentence ends


def is_blocked_by_ldn(text: str, medicine: str) -> bool:
    """ "A drug that blocks opioids", "is LDN a narcotic?": every mention of the medicine names what LDN
    blocks or is asked to be (`blocked_by_ldn`), so the patient is not said to take it."""
    text = normalize(text)
    mentions = [m.start() for m in re.finditer(rf"\b{re.escape(medicine)}", text, re.IGNORECASE)]
    return bool(mentions) and all(_any(_section("blocked_by_ldn"), text[:at]) for at in mentions)


def is_set_aside(question: str, name: str, others: Iterable[str] = ()) -> bool:
    """ "Besides addiction", "other than MS": the condition is named only to be set aside ("an
    addiction drug" only says what the drug is); and
    "mentioned for crohn's, but does it help UC?": named before the question turns to another; and
    "on MS pages": named for where LDN is talked about."""
    at = question.find(name)
    if at < 0:
        return False
    after = at + len(name)

    def another_named_from(start: int) -> bool:
        return any(question.find(other, start) >= 0 for other in others if other != name)

    if _any(_section("sets_aside"), question[:at]) or _any(_section("names_the_drug"), question[after:]):
        return True
    if _any(_section("names_a_community"), question[after:]) and question.find(name, after) < 0:
        return True
    if _any(_part("who_a_drug_is_for", "before"), question[:at]) and _any(_part("who_a_drug_is_for", "named"), name):
        return True
    if _any(_section("names_the_drug_before_another"), question[:at]) and another_named_from(after):
        return True
    # The turn is in the same sentence ("...does it help MS? But what about fibro" asks both).
    turns = [
        m.end()
        for p in _section("turns_to")
        for m in p.finditer(question, after)
        if not _ENDS.search(question, after, m.start())
    ]
    return another_named_from(min(turns)) if turns else False


def is_topic_set_aside(question: str, topic: str | None) -> bool:
    """ "What can it help with besides pain?": every naming of the topic is set aside."""
    by, words = _topics_set_aside()
    pattern = words.get(topic) if topic else None
    question = normalize(question)
    names = [m.start() for m in pattern.finditer(question)] if pattern else []
    return bool(names) and all(by.search(question[:at]) for at in names)


def names_the_topic(question: str, topic: str | None) -> bool:
    """The question names the topic in a patient's words ("my son's pain"; `topics_set_aside.words`)."""
    pattern = _topics_set_aside()[1].get(topic) if topic else None
    return bool(pattern and pattern.search(normalize(question)))


_DRUG_NAME = re.compile(r"\blow[- ]?dose( naltrexone| nal\w*)?\b", re.IGNORECASE)


def names_only_another_topic(question: str, topic: str | None) -> bool:
    """ "...how does the cost work": the question names another topic in a patient's words, and not this one."""
    words = _topics_set_aside()[1]
    question = _DRUG_NAME.sub(" ", normalize(question))  # "low dose naltrexone" names no dose
    named = {t for t, p in words.items() if p.search(question)}
    return bool(named) and topic not in named


def topics_named_together(question: str) -> list[str]:
    """Topics the question names side by side ("pain and inflammation"), in the order named."""
    words, together = _topics_set_aside()[1], _topics_together()
    question = normalize(question)
    named = sorted((m.start(), m.end(), topic) for topic, p in words.items() for m in p.finditer(question))
    found: list[str] = []
    for (_, end, first), (start, _, second) in itertools.pairwise(named):
        if first != second and together.match(question[end:start]):
            found += [t for t in (first, second) if t not in found]
    return found


@functools.cache
def _topics_together() -> Pattern:
    return _pattern(_rules()["topics_set_aside"]["together"])


@functools.cache
def _topics_set_aside() -> tuple[Pattern, dict[str, Pattern]]:
    spec = _rules()["topics_set_aside"]
    return _pattern(spec["by"]), {t: _pattern(p) for t, p in spec["words"].items()}


def topic_asked_for(question: str) -> str | None:
    """ "Why is it called LOW dose?": the topic the question names in so many words, if any."""
    question = normalize(question)
    return next(
        (topic for topic in _rules()["asks_for_the_topic"] if _any(_part("asks_for_the_topic", topic), question)), None
    )


def asks_whether_it_helps_addiction(question: str) -> bool:
    """ "...would the low dose help my brother with his drinking?": the addiction answer is asked for."""
    return _any(_section("asks_whether_it_helps_addiction"), normalize(question))


def names_only_the_drug(text: str) -> bool:
    """ "LDN?": the name and nothing else asks what it is."""
    return _any(_section("names_only_the_drug"), normalize(text))


def asks_what_it_is(question: str, text: str = "") -> bool:
    """ "...is there a normal-dose version?", anywhere in the question: whether LDN is naltrexone itself; or
    what its name means (`asks_what_the_name_means`)."""
    return _any(_section("asks_anywhere_for_what_it_is"), normalize(question)) or asks_what_the_name_means(
        question, text
    )


def asks_what_the_name_means(question: str, text: str = "") -> bool:
    """ "Why is it called LOW dose? low compared to what": what the name means, said in the question, or
    asked there and said anywhere in the message."""
    question = normalize(question)
    if _any(_part("asks_what_the_name_means", "unless"), question):
        return False
    return _any(_part("asks_what_the_name_means", "said"), question) or (
        _any(_part("asks_what_the_name_means", "question"), question)
        and _any(_part("asks_what_the_name_means", "said"), normalize(text))
    )


def asks_about_the_story(question: str) -> bool:
    """ "Could it help me?", "is it worth trying?": a question about the condition the story names."""
    return _any(_section("asks_about_the_story"), normalize(question)) or asks_whether_it_works(question)


def asks_in_general(question: str) -> bool:
    """ "In general, does it help pain?": not about the conditions the story names."""
    return _any(_section("asks_in_general"), normalize(question))


@functools.cache
def _other_medicine_names() -> tuple[tuple[str, Pattern], ...]:
    spec = _rules()["cautions"]["medicine"].get("other_names") or {}
    # A name's patterns: one, or a list of them (any matches).
    return tuple(
        (name, _pattern(pattern if isinstance(pattern, str) else "|".join(f"(?:{p})" for p in pattern)))
        for name, pattern in spec.items()
    )


@functools.cache
def _other_names_denied_by() -> tuple[Pattern, ...]:
    return _compile(_rules()["cautions"]["medicine"].get("other_names_denied_by"))


def regular_naltrexone_named_plainly(text: str) -> str:
    """ "The naltrexone they give people to stop drinking" written "regular naltrexone": the drug LDN is
    compared with, not alcohol asked about (rules file, `full_dose_naltrexone`)."""
    for pattern in _section("full_dose_naltrexone"):
        text = pattern.sub("regular naltrexone", text)
    return text


def other_medicines(text: str) -> list[str]:
    """Medicines and substances named by kind ("a blood thinner", "alcohol"), as the reply names them;
    not where the words before deny them ("I came off all my other tablets", "no other tablets"), nor
    what regular naltrexone treats."""
    text = regular_naltrexone_named_plainly(normalize(text))
    denied = _other_names_denied_by()
    return [
        name
        for name, pattern in _other_medicine_names()
        if any(not _any(denied, text[: m.start()]) for m in pattern.finditer(text))
    ]


_LDN = re.compile(r"\b(ldn|naltrexone?|low?[- ]dose|it)\b", re.IGNORECASE)  # "lo dose" (patients_dev26)


def mentions_ldn(text: str) -> bool:
    """Named, also as voice typing spells it ("l d n", "nal trex own"), or "it"."""
    return bool(_LDN.search(spelled_plainly(text)))


def caution_answers_instead_of(name: str) -> tuple[str, ...]:
    """Topics whose question, asked with this caution, is answered by the caution's own topic."""
    return _caution(name).answers_instead_of


def is_context_only(medicine: str) -> bool:
    """ "My other meds": a caution beside the answer, never a combination question to refuse."""
    return medicine in (_rules()["cautions"]["medicine"].get("context_only") or ())


def unnamed_medicines() -> str:
    """The reply's name for medicines the registry can't name ("other medicines")."""
    return _rules()["cautions"]["medicine"]["context_only"][0]


def is_what_an_addiction_is_to(medicine: str) -> bool:
    """ "Quit the booze": with addiction named, alcohol is what it is to, not a medicine asked about."""
    return medicine.lower() in _rules()["substances_of_addiction"]


def substances_of_addiction_named(text: str) -> list[str]:
    """ "Recovery from heroin", "opioid addiction": the substances of addiction the text names."""
    return [
        name
        for name in _rules()["substances_of_addiction"]
        if re.search(rf"\b{re.escape(name.removesuffix('s'))}(s|ism|ics?)?\b", text, re.IGNORECASE)
    ]


def second_answer_after(refusal: str, topic: str) -> bool:
    """May a second question's answer (this topic's) follow this refusal (a `not_covered` reason)?"""
    never = _rules().get("no_second_topic_after", {}).get(refusal, [])
    return refusal not in _rules()["no_second_answer_after"] and topic not in never


def refers_to_the_last_named(question: str) -> bool:
    """ "Could it help with this?": one thing, the last the story named."""
    return _any(_section("refers_to_the_last_named"), normalize(question))


def follows_up_the_first(piece: str) -> bool:
    """ "How is it supposed to do that?" after a question: a follow-up, not a second question."""
    return _any(_section("follows_up_the_first"), normalize(piece))


@functools.lru_cache(maxsize=64)
def asks_whether_it_works(question: str) -> bool:
    """ "Does it actually work?": whether it works (a condition's answer), not how (the mechanism).
    The gate and `asks_about_the_story` ask about the same question: read once."""
    return _any(_section("asks_whether_it_works"), normalize(question))


def asks_about_conditions_in_general(question: str) -> bool:
    return _any(_section("condition_led_unless"), normalize(question))


# Before "and ...", after punctuation, or before a question after voice typing's filler ("I'm still
# breastfeeding my toddler at night um what's the usual dose range"; patients_dev87, 2026-11-28).
_CLAUSE = re.compile(
    r"(?<=[,.;!?])\s+|\s+(?=\band (?!then\b))|\s+(?=(?:um+|uh+|erm) (?:what|whats|how|is|does|can|could|would|will|should)\b)"
)


def _clauses_told(name: str, text: str) -> list[tuple[str, bool]]:
    """Each clause of the message, and whether it only tells the caution's state ("I'm 22 weeks pregnant")."""
    caution = _caution(name)
    return [(c, _any(caution.told, c)) for c in _CLAUSE.split(normalize(text)) if c.strip()]


def without_what_is_told(name: str, text: str) -> list[str]:
    """ "Need the usual dose range. I'm 22 weeks pregnant so not starting yet": the clauses that don't
    only tell the caution's state (none when nothing is told)."""
    clauses = _clauses_told(name, text)
    kept = [c for c, told in clauses if not told]
    return kept if len(kept) < len(clauses) else []


def only_tells(name: str, text: str) -> bool:
    """ "We're trying for a baby right now so I want to know what I'm getting into": every clause only tells
    the caution's state..."""
    clauses = _clauses_told(name, text)
    # ...not "I'm 12 weeks pregnant too, is it ok in pregnancy?", one clause once its lead-in is joined to it.
    return bool(clauses) and all(told for _, told in clauses) and not caution_is_the_question(name, text)


def asked_beside_what_is_told(name: str, text: str) -> list[str]:
    """ "I'm breastfeeding so not starting yet, but what does it cost?": the clauses asking another
    question beside the caution's state only told (none when the rest asks about the caution too)."""
    caution = _caution(name)
    rest = without_what_is_told(name, text)
    joined = " ".join(rest)
    if not rest or caution.called_for(joined) or _any(caution.still_asked, joined):
        return []
    return [] if caution_is_the_question(name, joined) else rest


def not_answered_when_told(name: str) -> tuple[str, ...]:
    return _caution(name).not_answered_when_told


def caution_is_the_question(name: str, question: str) -> bool:
    """ "I'm pregnant, is it OK to keep taking it?": the caution's own answer is the answer."""
    return _any(_caution(name).answers_when_asked, normalize(question))


def caution_answers_over_a_refusal(name: str, question: str) -> bool:
    """ "can i take ldn wile pregant": the caution's answer overrules the classifier's refusal when the
    question names the state itself, or asks only whether to stop (the state told anywhere before)."""
    caution, asked = _caution(name), normalize(question)
    return (_any(caution.answers_over_a_refusal_when_asked, asked) and caution.called_for(asked)) or _any(
        caution.answers_whether_to_stop, asked
    )
