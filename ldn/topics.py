"""The FAQ topics, each read from its home `data/faq/<topic>/`.

A topic's home holds everything about it: `nlu.yml` (training examples for
`faq/<topic>`), `answer.yml` (the answer `utter_faq/<topic>` with its guide
section and reviewer) and `topic.yml` (how it appears in the conversation).
Everything else (buttons, menus, "tell me more", "how much?", held-out
scoring, tests) reads the topics from here, so a new topic is one folder.
"""

from dataclasses import dataclass
from pathlib import Path

from ldn import yaml_file
from ldn.domain import FAQ_DIR

MENUS = ("greeting", "help")
# The intents that answer from the topics: the gate (ldn/nlu/scope_gate.py) sets them, the policy
# (ldn/policy.py) renders them.
FAQ_INTENT = "faq"
CONDITION_INTENT = "ask_condition"
HOW_MUCH_INTENT = "ask_how_much"  # "how much?": the price or the dose, asked back unless the words say which


@dataclass(frozen=True)
class Topic:
    id: str
    title: str  # button title
    related: tuple[str, ...]  # what "tell me more" goes on to, in order
    menus: tuple[tuple[str, int], ...] = ()  # (menu, position) for the greeting and help buttons
    how_much: str | None = None  # "and how much?" after this topic means "dose" or "cost"
    condition_led: bool = False  # a single named covered condition answers instead
    same_facts: tuple[str, ...] = ()  # covered conditions whose answers carry this topic's facts (and it theirs)
    test_question: str = ""  # one everyday question (not training data) this answer must get
    answers_also: tuple[str, ...] = ()  # second questions this answer already answers (no second answer)
    takes_options: bool = False  # "what is it used for? gut stuff? pain?": short pieces after it are options

    @property
    def response(self) -> str:
        return f"utter_faq/{self.id}"


def load_topics(faq_dir: Path = FAQ_DIR) -> dict[str, Topic]:
    """Every `<faq_dir>/<topic>/topic.yml`, by topic id (the folder name)."""
    topics = {}
    for path in sorted(faq_dir.glob("*/topic.yml")):
        spec = yaml_file.safe_load(path.read_text(encoding="utf-8"))
        topic_id = path.parent.name
        menus = spec.get("menus") or {}
        unknown = set(menus) - set(MENUS)
        if unknown:
            raise ValueError(f"{path}: unknown menus {sorted(unknown)} (known: {MENUS})")
        if spec.get("how_much") not in (None, "dose", "cost"):
            raise ValueError(f"{path}: how_much must be dose or cost")
        topics[topic_id] = Topic(
            id=topic_id,
            title=str(spec["title"]),
            related=tuple(spec.get("related") or ()),
            menus=tuple(sorted((str(m), int(p)) for m, p in menus.items())),
            how_much=spec.get("how_much"),
            condition_led=bool(spec.get("condition_led", False)),
            same_facts=tuple(spec.get("same_facts") or ()),
            test_question=str(spec.get("test_question") or ""),
            answers_also=tuple(spec.get("answers_also") or ()),
            takes_options=bool(spec.get("takes_options", False)),
        )
    return topics


TOPICS: dict[str, Topic] = load_topics()


def menu(name: str, topics: dict[str, Topic] | None = None) -> list[str]:
    """The topics offered as buttons on the greeting or help menu, in their positions."""
    chosen = [
        (position, topic.id)
        for topic in (topics or TOPICS).values()
        for menu_name, position in topic.menus
        if menu_name == name
    ]
    return [topic_id for _, topic_id in sorted(chosen)]


def condition_led_topics(topics: dict[str, Topic] | None = None) -> set:
    return {t.id for t in (topics or TOPICS).values() if t.condition_led}


def option_taking_topics(topics: dict[str, Topic] | None = None) -> set:
    return {t.id for t in (topics or TOPICS).values() if t.takes_options}


def how_much_topics(meaning: str, topics: dict[str, Topic] | None = None) -> set:
    return {t.id for t in (topics or TOPICS).values() if t.how_much == meaning}


def already_answered(answers: list[str], topic: str, topics: dict[str, Topic] | None = None) -> bool:
    """Does one of these answers (faq/<topic> or condition/<id>) already answer a second question on `topic`?"""
    topics = topics or TOPICS
    by_condition = same_facts(topics)
    for answer in answers:
        kind, _, name = answer.partition("/")
        main = topics.get(name if kind == "faq" else by_condition.get(name, ""))
        if main and (main.id == topic or topic in main.answers_also):
            return True
    return False


def same_facts(topics: dict[str, Topic] | None = None) -> dict[str, str]:
    """Covered condition id -> the FAQ topic whose answer carries the same facts."""
    return {condition: t.id for t in (topics or TOPICS).values() for condition in t.same_facts}
