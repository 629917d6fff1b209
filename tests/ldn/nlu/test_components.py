"""The project's NLU components on real Rasa messages, as the trained pipeline hands them over."""

import pytest
from rasa.shared.nlu.training_data.message import Message

from ldn.nlu.not_covered_guard import NotCoveredGuard
from ldn.nlu.response_selector_fallback import ResponseSelectorFallback

pytestmark = pytest.mark.unit


def parsed(text, intents, topics=()):
    """A message as DIET and the ResponseSelector leave it: intent ranking, then answer ranking."""
    ranking = [{"name": name, "confidence": confidence} for name, confidence in intents]
    message = Message(data={"text": text, "intent": ranking[0], "intent_ranking": ranking})
    answers = [{"intent_response_key": f"faq/{t}", "confidence": c} for t, c in topics]
    if answers:
        message.set("response_selector", {"faq": {"response": answers[0], "ranking": answers}})
    return message


def intent_of(message):
    return message.get("intent")["name"], message.get("intent").get("overruled_by")


def guard(runner_up_threshold=0.3):
    return NotCoveredGuard({**NotCoveredGuard.get_default_config(), "runner_up_threshold": runner_up_threshold})


def test_a_confident_topic_answer_to_an_unanswerable_question_is_refused():
    message = parsed("how long until ldn helps my fibro", [("faq", 0.99)], [("pain", 0.95)])
    guard().process([message])
    assert intent_of(message) == ("out_of_scope", "not_covered:time_to_work")


def test_even_chit_chat_readings_are_refused():
    message = parsed("forgot my dose last night, should i double up", [("goodbye", 0.7)])
    guard().process([message])
    assert intent_of(message)[0] == "out_of_scope"


@pytest.mark.parametrize("intent", ["emergency", "non_english"])
def test_emergencies_and_other_languages_are_left_alone(intent):
    # The text matches a not-covered pattern and out_of_scope is a strong runner-up:
    # only the intent already found keeps the guard away.
    text = "my kid swallowed my ldn, how long until it works"
    message = parsed(text, [(intent, 0.6), ("out_of_scope", 0.4)])
    guard().process([message])
    assert intent_of(message) == (intent, None)


def test_button_payloads_are_left_alone():
    message = parsed('/faq{"topic": "dose"}', [("faq", 1.0), ("out_of_scope", 0.9)])
    guard().process([message])
    assert intent_of(message) == ("faq", None)


def test_out_of_scope_as_a_strong_runner_up_is_a_refusal():
    doubtful = parsed("how r u today", [("faq", 0.63), ("out_of_scope", 0.35)], [("how_to_take", 0.8)])
    sure = parsed("what are the side effects", [("faq", 0.85), ("out_of_scope", 0.15)], [("side_effects", 0.9)])
    guard().process([doubtful, sure])
    assert intent_of(doubtful) == ("out_of_scope", "out_of_scope_runner_up")
    assert intent_of(sure) == ("faq", None)


def test_by_default_only_the_patterns_refuse():
    message = parsed("how r u today", [("faq", 0.6), ("out_of_scope", 0.4)], [("how_to_take", 0.8)])
    guard(runner_up_threshold=NotCoveredGuard.get_default_config()["runner_up_threshold"]).process([message])
    assert intent_of(message) == ("faq", None)


def selector_fallback(**config):
    return ResponseSelectorFallback({**ResponseSelectorFallback.get_default_config(), **config})


def test_an_unsure_answer_falls_back():
    message = parsed("ldn?", [("faq", 0.99)], [("what_is", 0.25), ("benefits", 0.2)])
    selector_fallback(threshold=0.3).process([message])
    assert intent_of(message) == ("nlu_fallback", "response_selector")


def test_two_close_answers_fall_back_so_both_are_offered():
    close = parsed("is ldn used for autoimmune stuff", [("faq", 1.0)], [("conditions", 0.52), ("immune", 0.39)])
    clear = parsed("side effects?", [("faq", 1.0)], [("side_effects", 0.7), ("safety", 0.45)])
    selector_fallback(threshold=0.3, ambiguity_threshold=0.2).process([close, clear])
    assert intent_of(close) == ("nlu_fallback", "response_selector_ambiguity")
    assert intent_of(clear) == ("faq", None)
    # The ranking is kept for the fallback action to build the two buttons from.
    assert [i["name"] for i in close.get("intent_ranking")][:2] == ["nlu_fallback", "faq"]


def vocabulary_guard(tmp_path, examples):
    """A VocabularyGuard trained, persisted and loaded back through Rasa's model storage."""
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    from rasa.shared.nlu.training_data.training_data import TrainingData

    from ldn.nlu.vocabulary_guard import VocabularyGuard

    storage, resource = LocalModelStorage(tmp_path), Resource("vocabulary_guard")
    context = ExecutionContext(GraphSchema({}), "test")
    training = TrainingData([Message(data={"text": text, "intent": intent}) for text, intent in examples])
    VocabularyGuard.create({}, storage, resource, context).train(training)
    return VocabularyGuard.load({}, storage, resource, context)


def test_a_message_sharing_no_word_with_any_answer_is_off_topic(tmp_path):
    trained = vocabulary_guard(tmp_path, [
        ("how do i take ldn", "faq"), ("what dose of naltrexone", "faq"),
        ("can it help my fibro", "ask_condition"), ("renew my passport", "out_of_scope"),
    ])
    passport = parsed("how do I renew my passport?", [("faq", 0.9)], [("how_to_take", 0.9)])
    on_topic = parsed("how do i take it", [("faq", 0.9)], [("how_to_take", 0.9)])
    no_words = parsed("$$ how much?", [("faq", 0.9)], [("cost", 0.9)])
    named = parsed("could it help my sle", [("ask_condition", 0.9)])
    named.set("entities", [{"entity": "condition", "value": "lupus"}])
    chit_chat = parsed("hello there friend", [("greet", 0.9)])
    trained.process([passport, on_topic, no_words, named, chit_chat])
    assert intent_of(passport) == ("out_of_scope", "off_topic")  # out_of_scope examples don't count
    for message, intent in ((on_topic, "faq"), (no_words, "faq"), (named, "ask_condition"), (chit_chat, "greet")):
        assert intent_of(message) == (intent, None)


def stateless(component_class):
    """A stateless component as the pipeline builds it: from its default config."""
    return component_class.create({}, None, None, None)


def test_an_emergency_overrules_every_reading_and_names_its_kinds():
    from ldn.nlu.emergency_detector import EmergencyDetector

    urgent = parsed("my son swallowed a handful of my pills, what are the side effects", [("faq", 0.95)])
    calm = parsed("what are the side effects", [("faq", 0.95)])
    stateless(EmergencyDetector).process([urgent, calm])
    assert intent_of(urgent) == ("emergency", "emergency_patterns")
    assert [e["value"] for e in urgent.get("entities") if e["entity"] == "emergency_kind"] == ["poisoning"]
    assert intent_of(calm) == ("faq", None) and not calm.get("entities")


def test_a_message_in_another_language_is_routed_to_english_only():
    from ldn.nlu.language_guard import LanguageGuard

    spanish = parsed("¿cuáles son los efectos secundarios de la naltrexona?", [("faq", 0.9)])
    english = parsed("wat r the side efects of ldn", [("faq", 0.9)])
    button = parsed('/faq{"topic": "que"}', [("faq", 1.0)])
    stateless(LanguageGuard).process([spanish, english, button])
    assert intent_of(spanish) == ("non_english", "language_guard")
    assert intent_of(english) == ("faq", None)
    assert intent_of(button) == ("faq", None)


def test_conditions_and_medicines_become_entities_with_their_canonical_ids():
    from rasa.nlu.utils.spacy_utils import SpacyNLP

    from ldn.nlu.condition_extractor import ConditionEntityExtractor

    spacy_nlp = SpacyNLP.create({"model": "build/spacy/en_ldn"}, None, None, None)
    messages = [Message(data={"text": text}) for text in (
        "can ldn help my fibro if i take tramadol",  # synonym and a medicine
        "does it work for rhumatoid arthritis",  # a typo, found by the fuzzy look
        "does it help my headaches",  # no condition named
    )]
    spacy_nlp.process(messages, spacy_nlp.provide())
    stateless(ConditionEntityExtractor).process(messages)
    found = [[(e["entity"], e["value"]) for e in m.get("entities") or []] for m in messages]
    assert found == [[("condition", "fibromyalgia"), ("medicine", "tramadol")], [("condition", "rheumatoid_arthritis")], []]
