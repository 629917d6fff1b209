"""The scope gate: ONE place that decides what a message gets.

It runs last in the NLU pipeline and replaces the classifier's intent with its
verdict, so the tracker records what the patient was answered:

1. It reads the message (ldn/nlu/reading.py): the classifier's best answer, the
   question sentence read on its own, the conditions and medicines named, and a
   second question.
2. It runs the checks declared in config.yml, in that order; the first verdict
   wins. Emergency and crisis come first by declaration.
3. No check objecting, the verdict is the answer itself.

The verdict is the intent (`emergency`, `faq`, `ask_condition`, `out_of_scope`,
`nlu_fallback`, `non_english`, or a conversation intent) plus entities the
dialogue policy (ldn/policy.py) turns into responses:
`answer` (faq/<topic> or condition/<id>), `second_topic`, `caution`,
`emergency_kind`, `not_covered` (why it is refused), `mentioned_condition`,
`mentioned_medicine`, `condition_category`. Every value comes from the registry
(ldn/conditions.yml) or the rules file.
"""

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT_RESPONSE_KEY
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from ldn import conditions as registry
from ldn import rules, sentence_model
from ldn import vocabulary as vocabulary_module
from ldn.language import english_words, is_not_english
from ldn.nlu import reading as reading_module
from ldn.nlu.base import OUT_OF_SCOPE_INTENT, is_button_payload, override_intent, source_fingerprint
from ldn.nlu.linear_classifier import labelled_examples
from ldn.nlu.reading import CONDITION_LED_TOPICS, MessageReader, Reading
from ldn.sentence_model import SentenceModel
from ldn.sentences import sentences
from ldn.topics import CONDITION_INTENT, FAQ_INTENT, HOW_MUCH_INTENT, already_answered
from ldn.vocabulary import is_off_topic, telling_words, vocabulary, words_of

EMERGENCY_INTENT = "emergency"
NON_ENGLISH_INTENT = "non_english"
FALLBACK_INTENT = "nlu_fallback"
# Intents that answer from the guide, and whose examples define "on topic".
ANSWERING_INTENTS = {FAQ_INTENT, CONDITION_INTENT, HOW_MUCH_INTENT, "tell_me_more"}
# Verdicts that carry cautions (an answer, a refusal or a "not sure" to a health question).
CAUTIONED_INTENTS = {FAQ_INTENT, CONDITION_INTENT, OUT_OF_SCOPE_INTENT, FALLBACK_INTENT}
MODEL_FILE, VOCABULARY_FILE, ALARM_WORDS_FILE = "sentence_model.pkl", "vocabulary.json", "alarm_words.json"


@dataclass
class Verdict:
    intent: str
    reason: str
    confidence: float = 1.0
    entities: dict[str, list[str]] = field(default_factory=dict)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class ScopeGate(MessageReader, GraphComponent):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "checks": [
                "crisis",
                "emergency",
                "language",
                "medicine_question",
                "question_type",
                "uncovered_condition",
                "off_topic",
                "low_confidence",
            ],
            "intent_threshold": 0.4,
            "answer_threshold": 0.3,
            "ambiguity_threshold": 0.2,
            "runner_up_threshold": 0.3,
            "sentence_threshold": 0.5,
            "sentence_refusal_threshold": 0.5,
            "second_question_threshold": 0.6,
            "emergency_classifier_threshold": 0.5,
            "sentence_emergency_threshold": 0.7,
            "sentence_emergency_word_min_count": 3,
            "sentence_emergency_word_ratio": 15,
            "sentence_emergency_words_excluded": [],
            "rescue_threshold": 0.75,
            "condition_runner_up_threshold": 0.3,
        }

    @staticmethod
    def fingerprint_addon(config: dict[str, Any]) -> str | None:
        """Editing the rules file, the registry or the gate's training code retrains the gate."""
        return (
            rules.fingerprint()
            + registry.fingerprint()
            + source_fingerprint(sys.modules[__name__], reading_module, sentence_model, vocabulary_module)
        )

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: SentenceModel | None = None,
        known: set | None = None,
        alarm_words: set | None = None,
    ) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage, self._resource = model_storage, resource
        self.model, self.known = model, known or set()
        # Words that mark the training data's emergency examples; None: no such check.
        self.alarm_words = alarm_words
        self.checks: list[Callable[[Reading], Verdict | None]] = [
            getattr(self, f"check_{name}") for name in self.config["checks"]
        ]
        english_words()  # loaded with the model, not on the first message

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "ScopeGate":
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "ScopeGate":
        with model_storage.read_from(resource) as directory:
            model = SentenceModel.load(directory / MODEL_FILE)
            known = set(json.loads((directory / VOCABULARY_FILE).read_text(encoding="utf-8")))
            alarm_words = set(json.loads((directory / ALARM_WORDS_FILE).read_text(encoding="utf-8")))
        return cls(config, model_storage, resource, model, known, alarm_words)

    # ------------------------------------------------------------------ training
    def train(self, training_data: TrainingData) -> Resource:
        examples = labelled_examples(training_data)
        self.model = SentenceModel.train(examples)
        self.known = vocabulary(text for text, label in examples if label.split("/")[0] in ANSWERING_INTENTS)
        self.alarm_words = telling_words(
            examples,
            EMERGENCY_INTENT,
            self.config["sentence_emergency_word_min_count"],
            self.config["sentence_emergency_word_ratio"],
        ) - set(self.config["sentence_emergency_words_excluded"])
        with self._model_storage.write_to(self._resource) as directory:
            self.model.save(directory / MODEL_FILE)
            (directory / VOCABULARY_FILE).write_text(json.dumps(sorted(self.known)), encoding="utf-8")
            (directory / ALARM_WORDS_FILE).write_text(json.dumps(sorted(self.alarm_words)), encoding="utf-8")
        return self._resource

    def _first_question_before_a_refused_one(self, reading: Reading, verdict: Verdict) -> str | None:
        """ "How does it work, and is it ok with my thyroxine?": the refusal is for the later
        question; the first one, when it asks a topic surely on its own, is answered after it."""
        if verdict.intent != OUT_OF_SCOPE_INTENT or len(reading.pieces) < 2:
            return None
        if verdict.reason == "medicine" and rules.names_a_medicine(reading.pieces[0], reading.medicines):
            return None  # the first question is the one refused
        # A first question of a refused type is no topic surely asked; nor one read unsure.
        return self._first_question_topic(reading)

    # ------------------------------------------------------------------ checks
    def check_crisis(self, reading: Reading) -> Verdict | None:
        kinds = rules.emergency_kinds(reading.text)
        return _emergency(kinds, "crisis") if "crisis" in kinds else None

    def check_emergency(self, reading: Reading) -> Verdict | None:
        kinds = rules.emergency_kinds(reading.text)
        if kinds:
            return _emergency(kinds, "emergency_rules")
        if reading.intent == EMERGENCY_INTENT:
            # A phrasing no rule foresaw. The classifier's best guess an emergency, however unsure or
            # beside an informational sentence, still gets emergency guidance: recall first (README,
            # "Safety design"; the unconfirmed reading is told apart in the tracker).
            confirmed = reading.confidence >= self.config["emergency_classifier_threshold"] and not any(
                rules.is_informational(s) for s in sentences(reading.text)
            )
            if confirmed:
                return _emergency(["general"], "emergency_classifier")
            # ...when the reading is no weaker than any answer the gate would give (the intent
            # threshold), or the message has a word that marks the emergency examples, as the sentence
            # check below requires. Requiring the word of every unsure reading cost two crises when
            # sets 43 and 49 were read ("I don't plan on waking up tomorrow", "I won't be around for
            # it"), since caught by crisis rules; below the threshold it kept every emergency of the
            # 62 held-out sets and took 8 false alarms away ("I don't want to lose what I got back",
            # "my numbers look fine"; 2026-11-27). The English model's doubt means nothing in another
            # language.
            sure_enough = reading.confidence >= self.config["intent_threshold"]
            if not is_not_english(reading.text) and (sure_enough or self._has_an_alarm_word(reading.text)):
                return _emergency(["general"], "emergency_classifier_unconfirmed")
        if self._a_sentence_is_an_emergency(reading.text):
            return _emergency(["general"], "emergency_sentence")  # one sentence of a story
        return None

    def _has_an_alarm_word(self, text: str) -> bool:
        return self.alarm_words is None or bool(words_of(text) & self.alarm_words)

    def _a_sentence_is_an_emergency(self, text: str) -> bool:
        if self.model is None:
            return False
        asked = [sentence for sentence in sentences(text) if not rules.tells_nothing_happening(sentence, text)]
        return any(
            label == EMERGENCY_INTENT
            and probability >= self.config["sentence_emergency_threshold"]
            # ...and the sentence has a word that marks the emergency examples: "I'm 54 and I want
            # some of my life back" reads like an emergency to the model, but says nothing alarming.
            and self._has_an_alarm_word(sentence)
            for [(label, probability)], sentence in zip(self.model.rank_each(asked, top=1), asked, strict=True)
        )

    def check_language(self, reading: Reading) -> Verdict | None:
        return Verdict(NON_ENGLISH_INTENT, "language") if is_not_english(reading.text) else None

    def check_medicine_question(self, reading: Reading) -> Verdict | None:
        """ "Can I take LDN with X?", "what are the side effects of metformin?": another medicine is the question."""
        # A substance with its own kind of question ("can I drink alcohol on it?") is refused as that kind.
        asked_kinds = set(rules.question_types_asked(reading.question))
        addiction = any(c.id == "addiction" for c in reading.story_conditions)
        medicines = [
            m
            for m in reading.medicines
            if m not in asked_kinds
            and not rules.is_context_only(m)
            and not (addiction and rules.is_what_an_addiction_is_to(m))
        ]
        if medicines and (
            rules.medicine_is_the_question(reading.question, medicines)
            or reading.intent == OUT_OF_SCOPE_INTENT
            # "What are the side effects of metformin?" asks about it; "what benefits could my dad expect?
            # ...no prescription meds, just vitamin D" tells it beside a question about LDN; and so does
            # a covered condition told with it, asking nothing ("crohns for 8 years, on azathioprine, gut
            # still a mess": patients_dev62, 2026-11-27).
            or (
                not rules.mentions_ldn(reading.text)
                and rules.names_a_medicine(reading.question, medicines)
                and not (
                    reading.intent == CONDITION_INTENT and reading.covered and not rules.asks_anything(reading.question)
                )
            )
        ):
            return Verdict(OUT_OF_SCOPE_INTENT, "medicine", entities={"not_covered": ["medicine"]})
        return None

    def check_uncovered_condition(self, reading: Reading) -> Verdict | None:
        """ "Does LDN help lupus?": a condition the guide doesn't name is the question."""
        asks_about_it = reading.intent in (CONDITION_INTENT, OUT_OF_SCOPE_INTENT, FALLBACK_INTENT) or (
            reading.intent == FAQ_INTENT and reading.topic in CONDITION_LED_TOPICS
        )
        if reading.uncovered and not reading.covered and asks_about_it:
            condition = reading.uncovered[0]
            entities = {"not_covered": ["condition"]}
            if condition.category:
                entities["condition_category"] = [condition.category]
            return Verdict(OUT_OF_SCOPE_INTENT, "uncovered_condition", entities=entities)
        return None

    def check_question_type(self, reading: Reading) -> Verdict | None:
        """Does the chosen answer answer what was asked? The question's type against the answer's cover."""
        if reading.intent not in (FAQ_INTENT, CONDITION_INTENT, FALLBACK_INTENT, OUT_OF_SCOPE_INTENT, HOW_MUCH_INTENT):
            return None
        answers = reading.main_answers() or [reading.intent]
        asked = rules.question_types_asked(reading.question) + rules.question_types_asked_anywhere(reading.text)
        for kind in asked:
            if not any(answer.split("/")[-1] in rules.answered_by(kind) for answer in answers):
                reason = "side_effect" if kind == "side_effect_not_listed" else kind
                return Verdict(OUT_OF_SCOPE_INTENT, f"question_type:{kind}", entities={"not_covered": [reason]})
        return None

    def check_off_topic(self, reading: Reading) -> Verdict | None:
        if (
            self.known
            and reading.intent in ANSWERING_INTENTS | {FALLBACK_INTENT}
            and not reading.conditions
            and not reading.medicines
            and is_off_topic(reading.text, self.known)
        ):
            return Verdict(OUT_OF_SCOPE_INTENT, "off_topic", entities={"not_covered": ["off_topic"]})
        return None

    def check_low_confidence(self, reading: Reading) -> Verdict | None:
        if reading.answer_source == "rules":
            return None  # the rules file decided the answer, not the classifier
        doubt = reading.confidence_of(OUT_OF_SCOPE_INTENT)
        if (
            reading.intent in (FAQ_INTENT, CONDITION_INTENT)
            and reading.answer_source == "whole"
            and doubt >= self.config["runner_up_threshold"]
        ):
            return Verdict(OUT_OF_SCOPE_INTENT, "out_of_scope_runner_up", entities={"not_covered": ["unsure"]})
        if reading.confidence < self.config["intent_threshold"]:
            return Verdict(FALLBACK_INTENT, "intent_confidence", reading.confidence)
        if reading.intent == FAQ_INTENT and reading.answer_source == "whole":
            if reading.topic_confidence < self.config["answer_threshold"]:
                return Verdict(FALLBACK_INTENT, "answer_confidence", reading.topic_confidence)
            # ...unless the runner-up is the second question asked: "Is that true? What are the risks? Is there
            # any real research?" is answered with both (patients_dev79, 2026-11-28: "not sure").
            both_asked = len(reading.ranked) > 1 and reading.ranked[1][0] == reading.second_topic
            if (
                reading.topic_confidence - reading.topic_runner_up < self.config["ambiguity_threshold"]
                and not both_asked
            ):
                return Verdict(FALLBACK_INTENT, "answer_ambiguity", reading.topic_confidence)
        return None

    # ------------------------------------------------------------------ verdict
    def answer(self, reading: Reading) -> Verdict:
        """No check objected: the answer itself."""
        entities: dict[str, list[str]] = {}
        if reading.intent == EMERGENCY_INTENT:
            return Verdict(FALLBACK_INTENT, "unsure_emergency", reading.confidence)  # never decided here
        if reading.main_answers():
            entities["answer"] = reading.main_answers()
        elif reading.intent == FAQ_INTENT:
            return Verdict(FALLBACK_INTENT, "no_answer", 0.0)
        if (
            reading.second_topic
            and reading.intent in (FAQ_INTENT, CONDITION_INTENT)
            and not already_answered(entities.get("answer", []), reading.second_topic)
        ):
            entities["second_topic"] = [reading.second_topic]
        return Verdict(
            reading.intent or FALLBACK_INTENT, f"answer:{reading.answer_source}", reading.confidence, entities
        )

    def decide(self, reading: Reading) -> Verdict:
        for check in self.checks:
            verdict = check(reading)
            if verdict:
                break
        else:
            verdict = self.answer(reading)
        # After a refusal, the answers the other questions ask for: the first question's, when it is not
        # the one refused ("How does it work, and is it ok with my thyroxine?"), then a later one's ("How
        # long before it kicks in? And what's the usual dose?"; "ok with zopiclone? plus is insomnia a side
        # effect": the whole message's answer, asked by the later question). A list of three may ask both.
        later = reading.second_topic or (reading.topic if reading.asked_again_later else None)
        after_refusal = list(
            dict.fromkeys(t for t in (self._first_question_before_a_refused_one(reading, verdict), later) if t)
        )
        if verdict.intent == OUT_OF_SCOPE_INTENT:
            refusal = _refusal(verdict)
            after_refusal = [t for t in after_refusal if rules.second_answer_after(refusal, t)]
            if after_refusal:
                verdict.entities["second_topic"] = after_refusal
        if verdict.intent in CAUTIONED_INTENTS:
            self._add_cautions(reading, verdict)
        return verdict

    def _add_cautions(self, reading: Reading, verdict: Verdict) -> None:
        """Every caution the message calls for, unless the reply already says it."""
        said = set(verdict.entities.get("answer", [])) | {f"faq/{t}" for t in verdict.entities.get("second_topic", [])}
        refusal = _refusal(verdict)
        found = [
            c
            for c in rules.caution_cues(reading.text)
            if not {f"faq/{r.split('/')[-1]}" for r in rules.caution_said_by(c)} & said
        ]
        medicines = reading.medicines
        if not medicines and "combine" in rules.question_types_asked(reading.question):
            # "Can I take it with <a medicine the registry doesn't know>?": the caution still applies.
            medicines = [rules.unnamed_medicines()]
        if medicines and refusal != "medicine":
            found.append("medicine")
        if reading.uncovered_anywhere and refusal != "condition":
            found.append("condition_not_covered")
        if found:
            verdict.entities["caution"] = found
        if medicines:
            verdict.entities["mentioned_medicine"] = [" and ".join(medicines)]
        uncovered = reading.uncovered or reading.uncovered_anywhere
        if uncovered:
            verdict.entities["mentioned_condition"] = [" or ".join(c.name for c in uncovered[:2])]

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if is_button_payload(message):
                continue  # a tapped button: its intent and entities are already exact
            reading = self.read(message)
            verdict = self.decide(reading)
            _apply(message, verdict, reading)
        return messages


def _refusal(verdict: Verdict) -> str:
    """Why the verdict refuses (its first `not_covered` reason), or "" when it doesn't."""
    return next(iter(verdict.entities.get("not_covered") or []), "")


def _emergency(kinds: list[str], reason: str) -> Verdict:
    return Verdict(EMERGENCY_INTENT, reason, entities={"emergency_kind": kinds})


def _apply(message: Message, verdict: Verdict, reading: Reading) -> None:
    override_intent(message, verdict.intent, verdict.confidence, verdict.reason)
    if verdict.intent == FAQ_INTENT:
        _select_answer(message, verdict.entities["answer"][0].split("/", 1)[1], verdict.confidence)
    added = [
        {"entity": name, "value": value, "extractor": ScopeGate.__name__}
        for name, values in verdict.entities.items()
        for value in values
    ]
    if added:
        message.set(ENTITIES, (message.get(ENTITIES) or []) + added, add_to_output=True)


def _select_answer(message: Message, topic: str, confidence: float) -> None:
    """Keep the answer ranking's output in step with the chosen answer (the tracker reads it)."""
    selectors = message.get("response_selector") or {}
    selector = selectors.get(FAQ_INTENT)
    if not selector:
        return
    response = dict(selector.get("response") or {})
    if response.get(INTENT_RESPONSE_KEY) != f"{FAQ_INTENT}/{topic}":
        response.update(
            {
                INTENT_RESPONSE_KEY: f"{FAQ_INTENT}/{topic}",
                "confidence": confidence,
                "utter_action": f"utter_{FAQ_INTENT}/{topic}",
                "responses": [],
            }
        )
        selectors[FAQ_INTENT] = {**selector, "response": response}
        message.set("response_selector", selectors, add_to_output=True)


__all__ = ["Reading", "ScopeGate", "Verdict"]
