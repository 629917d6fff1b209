"""How the scope gate reads a message, before any check runs (ldn/nlu/scope_gate.py decides).

The reading is the classifier's best answer (ldn/nlu/linear_classifier.py on the whole
message; for a long or multi-question message, a second small model asked about the
question sentence itself, ldn/sentence_model.py), the conditions and medicines named
(registry entities), and a second question (ldn/rules.yml, ldn/sentences.py). Nothing
here refuses or answers: it only says what the message asks and about what.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rasa.shared.nlu.constants import (
    ENTITIES,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    INTENT_RESPONSE_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from ldn import conditions as registry
from ldn import rules
from ldn.nlu.base import OUT_OF_SCOPE_INTENT
from ldn.sentence_model import SentenceModel
from ldn.sentences import is_question, question_parts, question_sentences, refers_back, sentences, turns_away
from ldn.topics import (
    CONDITION_INTENT,
    FAQ_INTENT,
    HOW_MUCH_INTENT,
    TOPICS,
    condition_led_topics,
    option_taking_topics,
    same_facts,
)
from ldn.vocabulary import is_off_topic

HOW_MUCH_TOPICS = ("cost", "dose")
# FAQ topics where a named condition is really the question ("does it help MS?"),
# so the condition's own answer is the more precise one (`condition_led` in topic.yml).
CONDITION_LED_TOPICS = condition_led_topics()
TOPIC_OF_CONDITION = same_facts()  # a covered condition -> the topic whose answer carries its facts
# A question this short beside a told medicine is read as search-box keywords ("ldn nerve pain, on
# gabapentin 300"); a longer one ("does that mean the ldn isn't working, or that my hashimoto's is
# worse?") asks more than the condition (patients_dev15/48, 2026-11-27).
KEYWORD_QUESTION_WORDS = 8
# After a question that takes options ("what is it used for?", `takes_options` in topic.yml), a piece
# this short naming a condition-led topic ("pain? all of it?") is an option.
OPTION_WORDS = 4
OPTION_TAKING_TOPICS = option_taking_topics()


@dataclass
class Reading:
    """What the gate knows about one message before any check runs."""

    text: str
    intent: str | None
    confidence: float
    ranking: list[dict]
    topic: str | None = None  # chosen FAQ answer
    topic_confidence: float = 0.0
    topic_runner_up: float = 0.0
    ranked: list[tuple[str | None, float]] = field(default_factory=list)  # the whole message's answers, surest first
    answer_source: str = "whole"  # "whole" (whole message), "sentence" (question sentence) or "rules"
    conditions: list[registry.Condition] = field(default_factory=list)  # named in the question, else anywhere
    story_conditions: list[registry.Condition] = field(default_factory=list)  # named anywhere in the message
    medicines: list[str] = field(default_factory=list)
    question: str = ""  # the question sentence(s): what kind of question is asked
    pieces: list[str] = field(default_factory=list)
    second_topic: str | None = None
    # A later question asks for the chosen answer itself ("...ok together? plus is insomnia a side effect").
    asked_again_later: bool = False

    @property
    def covered(self) -> list[registry.Condition]:
        return [c for c in self.conditions if c.covered]

    @property
    def uncovered(self) -> list[registry.Condition]:
        return [c for c in self.conditions if not c.covered]

    @property
    def uncovered_anywhere(self) -> list[registry.Condition]:
        return [c for c in self.story_conditions if not c.covered]

    def answer_with_the_condition(self) -> None:
        """The named condition's answer instead of a topic's. Read whole, the classifier's doubt
        between that topic and the condition question is settled: both count for the answer."""
        if self.intent == FAQ_INTENT and self.answer_source == "whole":
            self.confidence += self.confidence_of(CONDITION_INTENT)
        self.intent = CONDITION_INTENT

    def answer_from_sentence(self, topic: str, probability: float) -> None:
        """The sentence model's reading of the question answers: this topic, as sure as it was."""
        self.topic, self.topic_confidence, self.topic_runner_up = topic, probability, 0.0
        self.answer_source = "sentence"

    def answer_the_condition_from_sentence(self, probability: float) -> None:
        """The sentence model's reading of the question asks about the named condition, as sure as it was."""
        self.intent, self.confidence, self.answer_source = CONDITION_INTENT, probability, "sentence"

    def answer_not_asked(self) -> None:
        """The chosen answer is not what the question asks: no answer is surely chosen."""
        self.topic_confidence, self.topic_runner_up = 0.0, 0.0

    def confidence_of(self, intent: str) -> float:
        return max(
            (e.get(PREDICTED_CONFIDENCE_KEY, 0.0) for e in self.ranking if e.get(INTENT_NAME_KEY) == intent),
            default=0.0,
        )

    def main_answers(self) -> list[str]:
        if self.intent == FAQ_INTENT and self.topic:
            return [f"faq/{self.topic}"]
        if self.intent == CONDITION_INTENT:
            return [f"condition/{c.id}" for c in self.covered[:2]]
        return []


class MessageReader:
    """The reading half of the scope gate: the gate's thresholds (`config`), its sentence model
    and the answering examples' vocabulary (`known`) are set by the gate that inherits this."""

    config: dict[str, Any]
    model: SentenceModel | None
    known: set

    def read(self, message: Message) -> Reading:
        text = message.get(TEXT) or ""
        intent = message.get(INTENT) or {}
        selector = (message.get("response_selector") or {}).get(FAQ_INTENT) or {}
        ranking = selector.get("ranking") or []
        reading = Reading(
            text=text,
            intent=intent.get(INTENT_NAME_KEY),
            confidence=float(intent.get(PREDICTED_CONFIDENCE_KEY) or 0.0),
            ranking=list(message.get(INTENT_RANKING_KEY) or []),
        )
        reading.question = " ".join(question_sentences(text)) or text
        _take_topic(reading, _not_set_aside(ranking, reading.question, _topic_of))
        found: dict[str, list[str]] = {}
        for entity in message.get(ENTITIES) or []:
            if entity.get("value") not in found.setdefault(entity.get("entity"), []):
                found[entity["entity"]].append(entity.get("value"))
        named = found.get("medicine", []) + [
            m for m in rules.other_medicines(text) if m not in found.get("medicine", [])
        ]
        reading.medicines = [
            m for m in named if not rules.is_blocked_by_ldn(text, m)
        ]  # not "a drug that blocks opioids"
        self._read_question(reading, names_a_condition=bool(found.get("condition")))
        self._read_past_told_medicines(reading, names_a_condition=bool(found.get("condition")))
        _answer_the_topic_named(
            reading,
            ranking,
            [surface for _, surface in _conditions_named(reading, message)],
            lambda: self._first_question_in_mind(reading),
        )
        _answer_the_topics_named_together(reading)
        self._read_conditions(reading, message)
        _answer_the_topic_when_no_condition_is_named(reading)
        _answer_whether_it_helps_addiction(reading)
        if any(c.id == "addiction" for c in reading.story_conditions):
            # "In recovery from heroin": what the addiction is to gets the medicine caution (never the question).
            reading.medicines += [m for m in rules.substances_of_addiction_named(text) if m not in reading.medicines]
        self._read_past_a_told_caution(reading)
        for state in ("breastfeeding", "pregnancy"):
            self._read_past_a_told_state(reading, state)
        _answer_with_the_conditions_topic(reading)
        if (
            "pregnancy" in rules.caution_cues(text)
            and reading.second_topic != "pregnancy"  # "...? also is it ok when ttc": answered second
            and (
                (reading.intent == FAQ_INTENT and reading.topic in rules.caution_answers_instead_of("pregnancy"))
                or (
                    reading.intent in (FAQ_INTENT, CONDITION_INTENT)
                    and rules.caution_is_the_question("pregnancy", reading.question)
                )
                # ...also over the classifier's "not covered" when the question names the pregnancy itself: "can i
                # take ldn wile pregant" (patients_dev90, 2026-11-28), or asks only whether to stop ("just found
                # out I'm pregnant!! do I need to stop??", patients_dev94-96); the gate's checks still refuse a
                # medicine or a kind of question the answer doesn't cover.
                or (
                    reading.intent == OUT_OF_SCOPE_INTENT
                    and rules.caution_answers_over_a_refusal("pregnancy", reading.question)
                )
            )
        ):
            # "Is it OK to keep taking it?": the rules file decides, so the classifier's doubt doesn't count.
            reading.intent, reading.topic, reading.answer_source = FAQ_INTENT, "pregnancy", "rules"
        in_general = rules.asks_about_conditions_in_general(reading.question)
        if reading.intent == CONDITION_INTENT and in_general:
            # "Is LDN only for addiction?", "what other conditions besides MS?": the conditions answer.
            reading.intent, reading.topic, reading.answer_source = FAQ_INTENT, "conditions", "rules"
        whether = rules.asks_whether_it_works(reading.question)
        if reading.covered and not reading.uncovered and not in_general:
            # "Does it help my MS?" gets the MS answer; not a pregnancy the rules file found asked about
            # ("is it safe when trying for a baby? plus does it help hashimotos": 2026-11-27, patients_dev20).
            decided = reading.answer_source == "rules" and reading.topic == "pregnancy"
            if reading.intent == FAQ_INTENT and (reading.topic in CONDITION_LED_TOPICS or whether) and not decided:
                reading.answer_with_the_condition()
            if reading.intent == CONDITION_INTENT and whether:
                reading.answer_source = "rules"  # "can it slow my MS down?": the classifier's doubt doesn't count
                self._answer_the_first_question_second(reading)
            if (
                reading.intent == OUT_OF_SCOPE_INTENT
                and whether
                and len(reading.covered) == 1
                and sum(map(is_question, reading.pieces)) == 1
                and not rules.question_types_asked(reading.question)
                and not rules.names_a_medicine(reading.question, _taken(reading))
            ):
                # "I'm 2 years into long covid... Do you think LDN could help with my symptoms?" (patients_dev100);
                # the one question, naming no medicine taken ("is LDN okay with kratom? separately, does it help
                # chronic pain" is refused for the kratom, patients_dev68; "too much wine... does naltrexone help
                # with alcohol cravings" names what the addiction is to, patients_dev87).
                reading.answer_with_the_condition()
                reading.answer_source = "rules"
        if (
            reading.intent == FAQ_INTENT
            and reading.answer_source == "whole"
            and reading.topic_confidence < self.config["answer_threshold"]
            and len(reading.covered) == 1
            and not reading.uncovered
            and reading.confidence_of(CONDITION_INTENT) >= self.config["condition_runner_up_threshold"]
        ):
            reading.answer_with_the_condition()  # "does it help ms symptoms?": no topic stands out; the condition does
        return reading

    def _first_question_in_mind(self, reading: Reading) -> list[str]:
        """The FAQ topics the sentence model ranks first, second and third for the first question alone."""
        if self.model is None or not reading.pieces:
            return []
        return [
            label.partition("/")[2]
            for label, _ in self.model.rank(reading.pieces[0], top=3)
            if label.startswith("faq/")
        ]

    def _surest_reading(self, texts: list[str]) -> tuple[str, float]:
        """The sentence model's top label over several readings of one question: the surest."""
        assert self.model is not None
        return max((self.model.rank(t, top=1)[0] for t in texts), key=lambda r: r[1])

    def _surest_of_the_rest(self, rest: list[str]) -> tuple[str, str, float]:
        """The rest of a message read whole, and each of its clauses ("..., and my dr brought it up" says
        nothing): the surest reading's intent, topic and probability."""
        label, probability = self._surest_reading([" ".join(rest), *rest])
        intent, _, topic = label.partition("/")
        return intent, topic, probability

    def _read_the_rest(self, rest: list[str]) -> tuple[str, str, float] | None:
        """`_surest_of_the_rest`; None when it is not sure enough."""
        read = self._surest_of_the_rest(rest)
        return read if read[2] >= self.config["sentence_threshold"] else None

    def _read_past_told_medicines(self, reading: Reading, names_a_condition: bool) -> None:
        """ "What benefit i get from LDN, i take metformin and lisinopril already": the classifier
        refuses for the medicines, which are only told; the rest of the question asks the guide
        (or about a condition it names: "ldn nerve pain, on gabapentin 300", patients_dev48)."""
        if self.model is None or reading.intent != OUT_OF_SCOPE_INTENT or not reading.medicines:
            return
        rest = rules.without_told_medicines(reading.question, reading.medicines)
        read = self._read_the_rest(rest) if rest else None
        if read is None:
            return
        intent, topic, probability = read
        if intent == FAQ_INTENT and rules.read_past_told_medicines_for(topic):
            reading.intent, reading.confidence = FAQ_INTENT, probability
            reading.answer_from_sentence(topic, probability)
        elif intent == CONDITION_INTENT and names_a_condition and len(" ".join(rest).split()) <= KEYWORD_QUESTION_WORDS:
            reading.answer_the_condition_from_sentence(probability)

    def _read_past_a_told_state(self, reading: Reading, name: str) -> None:
        """ "breastfeeding. usual dose?", "do i swallow it or what, im 7 months pregnant": the classifier
        refuses for the state, which is only told (the caution `name`'s `told`); the rest asks another guide
        question, answered with the caution. Also when the classifier's answer to the whole is in doubt
        because of the state. Whether it is OK to take gets the pregnancy answer (`answers_instead_of`);
        beside breastfeeding, never an answer the rules file keeps from it (`not_answered_when_told`)."""
        doubted = reading.intent == FAQ_INTENT and reading.answer_source == "whole"
        if self.model is None or not (reading.intent == OUT_OF_SCOPE_INTENT or doubted):
            return
        rest = rules.asked_beside_what_is_told(name, reading.text)
        read = self._read_the_rest(rest) if rest else None
        if read is None:
            return
        intent, topic, probability = read
        if intent == FAQ_INTENT and topic not in rules.not_answered_when_told(name):
            if topic in rules.caution_answers_instead_of(name):
                topic = name
            reading.intent, reading.confidence = FAQ_INTENT, probability
            reading.answer_from_sentence(topic, probability)
        elif intent == CONDITION_INTENT and reading.covered and not reading.uncovered:
            reading.answer_the_condition_from_sentence(probability)

    def _read_past_a_told_caution(self, reading: Reading) -> None:
        """ "Is 4.5mg low or high, im 7 months pregnant": the pregnancy is told, the dose is asked."""
        if self.model is None or reading.intent != FAQ_INTENT or reading.topic != "pregnancy":
            return
        rest = rules.without_what_is_told("pregnancy", reading.text)
        # ...nor when the rest asks about pregnancy in so many words: "I'm pregnant with my second. What's known
        # about using it during pregnancy?" (patients_dev72, 2026-11-28).
        asked = " ".join(rest)
        if not rest or rules.caution_is_the_question("pregnancy", asked) or "pregnancy" in rules.caution_cues(asked):
            return
        intent, topic, probability = self._surest_of_the_rest(rest)
        another_topic = (
            intent == FAQ_INTENT and topic != "pregnancy" and topic not in rules.caution_answers_instead_of("pregnancy")
        )
        if probability < self.config["sentence_threshold"]:
            if reading.answer_source == "whole" and another_topic and any(is_question(c) for c in rest):
                # "how do people usually take ldn? pregnant with #2": the pregnancy answer is not what was asked,
                # and what was asked is not read surely enough to answer (patients_dev68, 2026-11-28).
                reading.answer_not_asked()
            return
        if another_topic:
            reading.answer_from_sentence(topic, probability)
        elif intent == CONDITION_INTENT and reading.covered and not reading.uncovered:
            # "ldn RA swollen joints help, 8 wks pregnant": the condition is asked (patients_dev48, 2026-11-27).
            reading.answer_the_condition_from_sentence(probability)

    @staticmethod
    def _read_conditions(reading: Reading, message: Message) -> None:
        """The conditions the question names; the story's when it names none but asks about them ("could it help me?")."""
        known = registry.conditions()
        question = reading.question.lower()
        story, asked = [], []
        named = [(known.get(value), surface) for value, surface in _conditions_named(reading, message)]
        surfaces = [surface for _, surface in named]
        for condition, surface in named:
            # Set aside where it is named: "Headline: 'Old addiction drug may ease pain'. Does it help pain?"
            # names what the drug is in the story (patients_dev46, 2026-11-27).
            where = question if surface in question else reading.text.lower()
            if condition is None or rules.is_set_aside(where, surface, surfaces):
                continue
            if condition not in story:
                story.append(condition)
            # Named twice ("ulcerative colitis ... does it help UC?"): asked if any naming is in the question.
            if surface and surface in question and condition not in asked:
                asked.append(condition)
        # The story's conditions are the question's only when it asks about them without naming
        # them ("could it help me?"); "what are its benefits?" after a story about MS is not about MS.
        about_story = (
            reading.intent == CONDITION_INTENT or rules.asks_about_the_story(reading.question)
        ) and not rules.asks_in_general(reading.question)
        if about_story and not asked and rules.refers_to_the_last_named(reading.question):
            about = story[-1:]  # "could it help with this?": the condition named last
        else:
            about = story if about_story else []
        if reading.intent == FAQ_INTENT and rules.names_the_topic(reading.question, reading.topic):
            # "(scared of getting hooked on opioids) Does LDN help with pain?": the topic asked in so many
            # words, not a condition the guide names only for naltrexone's usual dose (`listed: false`;
            # patients_dev78, 2026-11-28: it got the addiction answer).
            about = [c for c in about if c.listed]
        reading.story_conditions, reading.conditions = story, asked or about

    def _read_question(self, reading: Reading, names_a_condition: bool) -> None:
        """Find the question; in a long message, classify it on its own; find a second question."""
        parts = sentences(reading.text)
        pieces = question_parts(reading.text) or [reading.text]
        reading.pieces = pieces
        unsure = reading.confidence < self.config["intent_threshold"] or (
            reading.intent == FAQ_INTENT and reading.topic_confidence < self.config["answer_threshold"]
        )
        # ...unless the question turns away from the story before it: "...once years back, anyway how is ldn
        # taken" (the smoke test of make run, 2026-11-28: read whole, and refused).
        whole = not turns_away(pieces[0])
        if self.model is None or (len(parts) <= 1 and len(pieces) <= 1 and not unsure and whole):
            return  # one short question the classifier is sure of: read whole
        # "...my doctor prescribed LDN for my fibro. how does it work": a short question is read with the
        # sentence before it, and also on its own when it doesn't point back ("is this normal?"): that
        # reading counts when it is surer, and sure as a one-sentence rescue must be.
        readings = [pieces[0]]
        bare = sentences(pieces[0])[-1]
        if bare != pieces[0] and not refers_back(bare):
            readings.append(bare)
        candidates = [
            next(iter(_not_set_aside(ranked, read, lambda r: r[0].partition("/")[2])), ranked[0])
            for read, ranked in zip(readings, self.model.rank_each(readings, top=3), strict=True)
        ]
        label, probability = max(
            candidates[:1] + [c for c in candidates[1:] if c[1] >= self.config["rescue_threshold"]], key=lambda r: r[1]
        )
        intent, _, topic = label.partition("/")
        needed = (
            self.config["sentence_threshold"] if len(parts) > 1 or len(pieces) > 1 else self.config["rescue_threshold"]
        )
        if intent == OUT_OF_SCOPE_INTENT and reading.intent in (FAQ_INTENT, CONDITION_INTENT) and not unsure:
            # The whole message reads surely as a question the guide answers: only a surer
            # question sentence turns it into "not covered".
            needed = max(needed, self.config["sentence_refusal_threshold"])
        differs = (intent, topic or None) != (reading.intent, reading.topic if reading.intent == FAQ_INTENT else None)
        # "Is that actually true?" says nothing on its own: the whole message is the better reading.
        says_something = not (self.known and is_off_topic(pieces[0], self.known))
        # Only an answer or a refusal replaces the whole message's reading (never "restart" or "goodbye"),
        # and a condition question only when the message names a condition ("I feel inflamed all the
        # time... could LDN help with that?" asks about inflammation, not about an unnamed illness).
        if (
            probability >= needed
            and differs
            and says_something
            and intent in (FAQ_INTENT, CONDITION_INTENT, OUT_OF_SCOPE_INTENT)
            and (intent != CONDITION_INTENT or names_a_condition)
        ):
            reading.intent, reading.confidence, reading.answer_source = intent, probability, "sentence"
            if topic:
                reading.answer_from_sentence(topic, probability)
        elif probability >= needed and not differs and pieces[0] != reading.text:
            # The question alone says the same, and surely: the story's doubt doesn't count.
            reading.answer_source, reading.confidence = "sentence", max(reading.confidence, probability)
            if topic:
                reading.topic_confidence, reading.topic_runner_up = max(reading.topic_confidence, probability), 0.0
        main_topic = reading.topic if reading.intent == FAQ_INTENT else None
        for piece in pieces[1:]:
            # "and whats the usual dose, my ND wants to start me on something tiny": the words after
            # the question's one comma are often context; the surer reading of the two counts. Not
            # a list ("is it a painkiller, a steroid, an antidepressant?"): its head is one item.
            head = piece.partition(",")[0]
            readings = [piece, head] if piece.count(",") == 1 and len(head.split()) >= 3 else [piece]
            topic = self._topic_surely_asked(reading, piece, readings)
            if not topic or rules.follows_up_the_first(piece):
                continue
            if (
                main_topic in OPTION_TAKING_TOPICS
                and topic in CONDITION_LED_TOPICS
                and len(piece.split()) <= OPTION_WORDS
            ):
                # "what is ldn usually prescribed for? gut stuff? brain stuff? pain?": options of what it is
                # for, not a second question (patients_dev80, 2026-11-28: the pain answer came second).
                continue
            if topic == main_topic or (main_topic and rules.topic_asked_for(piece) == main_topic):
                # The same question again: "What dose do people take? Regular naltrexone is way higher right?"
                reading.asked_again_later = True
                continue
            reading.second_topic = topic
            break

    def _topic_surely_asked(self, reading: Reading, piece: str, readings: list[str]) -> str | None:
        """The FAQ topic a question piece asks, read surely enough to be answered beside another answer."""
        label, probability = self._surest_reading(readings)
        intent, _, topic = label.partition("/")
        if intent == HOW_MUCH_INTENT:
            # "...? and how much is it": which "how much" (the price or the dose) the rules file settles
            # (it was dropped beside another question; patients_dev69, 2026-11-28).
            named = rules.topic_asked_for(piece)
            if named in HOW_MUCH_TOPICS:
                intent, topic = FAQ_INTENT, named
        if (
            intent == FAQ_INTENT
            and probability >= self.config["second_question_threshold"]
            and not rules.is_topic_set_aside(piece, topic)
            # "...is it really that cheap? how does the cost work" asks the cost again, not how LDN works
            # (patients_dev46, 2026-11-27).
            and not rules.names_only_another_topic(piece, topic)
            # "...not pregnant anymore (baby came in march)" tells; the pregnancy answer needs a pregnancy.
            and not (topic == "pregnancy" and "pregnancy" not in rules.caution_cues(reading.text))
            # ...nor "We're trying for a baby right now so I want to know what I'm getting into" (patients_dev81/83).
            and not (topic == "pregnancy" and rules.only_tells("pregnancy", piece))
            # "Should I be putting the dose up?" reads as a dose question but asks one the guide doesn't answer.
            and all(topic in rules.answered_by(kind) for kind in rules.question_types_asked(piece))
        ):
            return topic
        return None

    def _first_question_topic(self, reading: Reading) -> str | None:
        """The topic the first of several questions asks, read surely on its own (else None)."""
        if len(reading.pieces) < 2 or self.model is None:
            return None
        return self._topic_surely_asked(reading, reading.pieces[0], reading.pieces[:1])

    def _answer_the_first_question_second(self, reading: Reading) -> None:
        """ "What are the side effects, and does it help fibro?": the condition's answer comes first,
        and the first question, when it asks another topic surely, is answered after it (before:
        dropped). Not when the first question asks about the condition (the sentence model reads it so)."""
        if reading.second_topic:
            return
        topic = self._first_question_topic(reading)
        # Not the topic the condition's answer comes from: "isn't naltrexone for alcoholics? would it
        # help him?" asks what the drug is for (the addiction answer) twice. A topic a condition may lead
        # only when the first question names it or asks in general: "Is it anti-inflammatory? Oh and does it
        # help RA", "What are its benefits in general? plus does it help nerve pain" (patients_dev68, 2026-11-28).
        first = reading.pieces[0]
        asked_apart = rules.names_the_topic(first, topic) or rules.asks_in_general(first)
        if (
            topic
            and (topic not in CONDITION_LED_TOPICS or asked_apart)
            and all(c.topic != topic for c in reading.covered)
        ):
            reading.second_topic = topic


def _conditions_named(reading: Reading, message: Message) -> list[tuple[Any, str]]:
    """The conditions the message names: (registry id, the words as written, lower case)."""
    return [
        (e.get("value"), reading.text[e.get("start", 0) : e.get("end", 0)].lower())
        for e in message.get(ENTITIES) or []
        if e.get("entity") == "condition"
    ]


def _take_topic(reading: Reading, ranking: list[dict[str, Any]]) -> None:
    """The FAQ answer ranked first, its confidence and the runner-up's."""
    reading.topic = _topic_of(ranking[0]) if ranking else None
    reading.topic_confidence = float(ranking[0].get("confidence", 0.0)) if ranking else 0.0
    reading.topic_runner_up = float(ranking[1].get("confidence", 0.0)) if len(ranking) > 1 else 0.0
    reading.ranked = [(_topic_of(r), float(r.get("confidence", 0.0))) for r in ranking]


def _answer_the_topic_named(
    reading: Reading,
    ranking: list[dict[str, Any]],
    condition_surfaces: list[str],
    first_in_mind: Callable[[], list[str]],
) -> None:
    """ "Why is it called LOW dose?": the topic the question names in so many words, when the
    classifier had it in mind too (among its first three answers for the whole message), or the sentence
    model did for the first question ("whats ldn, how much is it gonna cost me": patients_dev70, 2026-11-28)."""
    # The first question's words: "is ldn cheap? and how many mg do ppl take" names the dose second.
    topic = rules.topic_asked_for(reading.pieces[0] if reading.pieces else reading.question)
    name_asked = rules.asks_what_the_name_means(reading.question, reading.text)
    what_it_is = name_asked or rules.asks_what_it_is(reading.question)
    # Also over the classifier's "not covered": the rules name the topic, and a question of a type the
    # answer doesn't cover is still refused by the checks (patients_dev32, 2026-11-27); and whether LDN
    # is the same drug over a condition question: "is LDN the same stuff they give people coming off
    # heroin?" names what the drug is for (patients_dev8/33, 2026-11-27: "which condition?", a fallback).
    # ...and over a condition the story names when the question names none: "(MS story) Can someone
    # explain how it actually works in plain english" (patients_dev47, 2026-11-27).
    question = reading.question.lower()
    story_only = not any(surface in question for surface in condition_surfaces)
    asks = reading.intent in (FAQ_INTENT, OUT_OF_SCOPE_INTENT) or (
        reading.intent == CONDITION_INTENT and (what_it_is or story_only)
    )
    topic = "what_is" if what_it_is else topic
    # ...the whole message, or its only question: "LDN = ? keeps coming up in my group".
    only_question = reading.pieces[0] if len(reading.pieces) == 1 else reading.text
    if rules.names_only_the_drug(only_question):
        told_before = reading.text.lower()[: max(reading.text.lower().find(only_question.lower()), 0)]
        if any(surface.lower() in told_before for surface in condition_surfaces):
            # "Graves disease, hyperthyroid. LDN?": the drug asked about for the condition told before
            # (patients_dev62, 2026-11-27: it got what LDN is); not "LDN = ? keeps popping up in the
            # crohns group" (patients_dev42).
            reading.intent, reading.answer_source = CONDITION_INTENT, "rules"
        else:
            reading.intent, reading.topic, reading.answer_source = FAQ_INTENT, "what_is", "rules"
        return
    # (The sentence model is asked only when the rules name a topic the classifier did not rank.)
    # What the name means is asked in words no other question uses ("low compared to what?"): the answer
    # whatever the classifier had in mind (patients_dev81, 2026-11-28: the benefits answer came); a question
    # naming the usual dose asks the dose (the rules file's `asks_what_the_name_means`, `unless`).
    in_mind = topic == "what_is" and name_asked
    if topic and asks and (in_mind or topic in [_topic_of(r) for r in ranking[:3]] or topic in first_in_mind()):
        read_whole = reading.topic if reading.intent == FAQ_INTENT and reading.asked_again_later else None
        reading.intent = FAQ_INTENT
        reading.topic, reading.answer_source = topic, "rules"
        if read_whole not in (None, topic, "what_is") and not reading.second_topic:
            # "how much is it and does it have side effects": the later question, which the whole message
            # was read as, is answered second (before: dropped; patients_dev69, 2026-11-28). Not "what is
            # LDN": after another question it asks that question of LDN ("Regular naltrexone is 50mg? so
            # what's LDN, 5mg?": patients_dev24/29/64, 2026-11-28).
            reading.second_topic, reading.asked_again_later = read_whole, False


def _answer_the_topics_named_together(reading: Reading) -> None:
    """ "Does it help with pain and inflammation": the answer chosen is one of two topics named side by
    side; the other is answered second (before: dropped; patients_dev26, 2026-11-27)."""
    if reading.intent != FAQ_INTENT or reading.second_topic:
        return
    named = rules.topics_named_together(reading.question)
    if reading.topic in named:
        reading.second_topic = next(t for t in named if t != reading.topic)


def _taken(reading: Reading) -> list[str]:
    """The medicines the message names, but not what an addiction it tells of is to ("too much wine")."""
    addiction = any(c.id == "addiction" for c in reading.covered)
    return [m for m in reading.medicines if not (addiction and rules.is_what_an_addiction_is_to(m))]


def _answer_the_topic_when_no_condition_is_named(reading: Reading) -> None:
    """ "Can LDN help my son's pain?": a condition question naming no condition anywhere asks the
    answer ranked first, when a condition could have led that topic (pain, inflammation...) and the
    question names it (before: "which condition?"). Judged as the whole message's answer, by its
    confidence (patients_dev28, 2026-11-27)."""
    if (
        reading.intent != CONDITION_INTENT
        or reading.story_conditions
        or reading.topic not in CONDITION_LED_TOPICS
        or not rules.names_the_topic(reading.question, reading.topic)  # "ldn for tinnitus?" names a condition
    ):
        return
    reading.intent, reading.answer_source = FAQ_INTENT, "whole"


def _answer_whether_it_helps_addiction(reading: Reading) -> None:
    """ "Naltrexone is the alcohol drug right? would the low dose help my brother's drinking?": the
    addiction answer, whatever the drug was named as before (before: what LDN is; patients_dev36/43/48)."""
    if reading.intent not in (FAQ_INTENT, CONDITION_INTENT):
        return
    if not rules.asks_whether_it_helps_addiction(reading.question):
        return
    addiction = registry.conditions()["addiction"]
    if any(c.id != addiction.id for c in reading.conditions):
        return  # "would it help his drinking and his MS?": the conditions as read
    reading.intent, reading.answer_source, reading.conditions = CONDITION_INTENT, "rules", [addiction]
    if addiction not in reading.story_conditions:
        reading.story_conditions.append(addiction)


def _answer_with_the_conditions_topic(reading: Reading) -> None:
    """ "Is the evidence good for LDN in long covid?": the condition's own topic (long COVID) says
    where its research stands, so it answers instead (`same_facts` and `answers_also` of the topic)."""
    if reading.intent != FAQ_INTENT:
        return
    # ...also a condition only the story names, when it is the one covered condition told by the end of the
    # question: "I read LDN is being looked at for long covid. Is anyone actually studying it properly?"
    # (patients_dev61/63, 2026-11-27); not one added after it ("any trials on LDN? esp for long covid":
    # the evidence answer, then long COVID's; patients_dev44/50).
    first = (reading.pieces or [reading.question])[0].lower()
    text = reading.text.lower()
    by_the_question = text[: text.find(first) + len(first)] if first in text else text
    told = [
        c
        for c in reading.story_conditions
        if c.covered and any(name.lower() in by_the_question for name in (c.id, *c.synonyms))
    ]
    for condition in reading.covered or (told if len(told) == 1 else []):
        topic = TOPIC_OF_CONDITION.get(condition.id)
        same = {topic, *TOPICS[topic].answers_also} if topic else set()
        if reading.topic in same:
            if reading.answer_source == "whole":
                # "Has anyone researched LDN for long covid?": long COVID and evidence, ranked close, give
                # one answer, so their doubt between them is no doubt (2026-11-27, patients_dev19).
                reading.topic_confidence = sum(c for t, c in reading.ranked if t in same)
                reading.topic_runner_up = max((c for t, c in reading.ranked if t not in same), default=0.0)
            reading.topic = topic
            return


def _not_set_aside(ranking: list, question: str, topic_of: Callable[[Any], str | None]) -> list:
    """A ranking of answers without those the question sets aside ("what else does it help besides pain?")."""
    return [r for r in ranking if not rules.is_topic_set_aside(question, topic_of(r))]


def _topic_of(ranked: dict[str, Any]) -> str | None:
    return str(ranked.get(INTENT_RESPONSE_KEY, "")).split("/", 1)[-1] or None
