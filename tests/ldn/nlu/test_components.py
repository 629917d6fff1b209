"""The scope gate on real Rasa messages, as the classifier hands them over."""

import importlib
from pathlib import Path

import pytest
import yaml
from rasa.shared.nlu.training_data.message import Message

from ldn import conditions as registry
from ldn.nlu.linear_classifier import LinearClassifier
from ldn.nlu.scope_gate import ScopeGate

pytestmark = pytest.mark.unit

CONFIG = yaml.safe_load((Path(__file__).resolve().parents[3] / "config.yml").read_text(encoding="utf-8"))
GATE_CONFIG = next(c for c in CONFIG["pipeline"] if c["name"].endswith("ScopeGate"))

pytestmark = pytest.mark.unit


def parsed(text, intents, topics=(), entities=()):
    """A message as the classifier leaves it: intent ranking, then answer ranking."""
    ranking = [{"name": name, "confidence": confidence} for name, confidence in intents]
    message = Message(data={"text": text, "intent": ranking[0], "intent_ranking": ranking})
    answers = [{"intent_response_key": f"faq/{t}", "confidence": c} for t, c in topics]
    if answers:
        message.set("response_selector", {"faq": {"response": answers[0], "ranking": answers}})
    message.set("entities", [{"entity": e, "value": v, **_span(text, v, *surface)} for e, v, *surface in entities])
    return message


def _span(text, value, surface=None):
    """Where the extractor would have found `value` in `text`: the surface given, else one of its
    names, else the whole text."""
    condition = registry.conditions().get(value)
    names = [surface] if surface else (value, *(condition.synonyms if condition else ()))
    for name in sorted(names, key=len, reverse=True):
        start = text.lower().find(name.lower())
        if start >= 0:
            return {"start": start, "end": start + len(name)}
    return {"start": 0, "end": len(text)}


def gate(**config):
    """The gate as config.yml declares it, without its trained sentence model."""
    settings = {k: v for k, v in GATE_CONFIG.items() if k != "name"}
    return ScopeGate({**settings, **config}, model_storage=None, resource=None)


def gate_reading_questions(examples):
    """The gate with a sentence model trained on `examples`, its per-sentence emergency check off."""
    from ldn.sentence_model import SentenceModel

    checker = gate(sentence_emergency_threshold=1.01)
    checker.model = SentenceModel.train(examples)
    return checker


def verdict_entities(message):
    found = {}
    for entity in message.get("entities") or []:
        found.setdefault(entity["entity"], []).append(entity["value"])
    return found


def verdict(message):
    gate().process([message])
    intent = message.get("intent")
    return intent["name"], intent.get("overruled_by"), verdict_entities(message)


def test_config_declares_emergency_and_crisis_first():
    assert GATE_CONFIG["checks"][:2] == ["crisis", "emergency"]
    assert set(GATE_CONFIG["checks"]) <= {name[len("check_") :] for name in dir(ScopeGate) if name.startswith("check_")}


def test_a_confident_topic_answer_to_an_unanswerable_question_is_refused():
    intent, reason, found = verdict(parsed("how long until ldn helps my fibro", [("faq", 0.99)], [("pain", 0.95)]))
    assert (intent, reason, found["not_covered"]) == ("out_of_scope", "question_type:time_to_work", ["time_to_work"])


def test_ordinary_words_like_week_or_long_time_are_not_refused():
    message = parsed(
        "I've had pain for a long time and my first week was rough, does ldn help with pain?",
        [("faq", 0.95)],
        [("pain", 0.9)],
    )
    assert verdict(message)[0] == "faq"


@pytest.mark.parametrize(
    "text",
    [
        "i want to say goodbye to everyone before i go, thanks for the help",
        "thanks for everything, bye. my friend wants to end it",
    ],
)
def test_a_goodbye_or_thanks_never_wins_over_a_crisis(text):
    intent, reason, found = verdict(parsed(text, [("goodbye", 0.9)]))
    assert (intent, reason, found["emergency_kind"][0]) == ("emergency", "crisis", "crisis")


def test_an_emergency_after_a_topic_question_wins():
    message = parsed(
        "what are the side effects, I've been on it a week. and now my chest feels really tight",
        [("faq", 0.99)],
        [("side_effects", 0.95)],
    )
    intent, _, found = verdict(message)
    assert intent == "emergency" and found["emergency_kind"] == ["heart"]


SENTENCE_EXAMPLES = [
    ("grandpa has gone a strange grey colour and is staring at nothing", "emergency"),
    ("she went a strange grey colour and stared at nothing", "emergency"),
    ("my uncle is a funny grey colour and stares at nothing", "emergency"),
    ("how much does ldn cost", "faq/cost"),
    ("what does a month of ldn cost", "faq/cost"),
    ("what are the side effects of ldn", "faq/side_effects"),
    ("how do i take ldn", "faq/how_to_take"),
]
STORY = "I wanted to ask what ldn costs. Grandpa has gone a strange grey colour and is staring at nothing."


@pytest.mark.parametrize(
    ("threshold", "alarm_words", "expected"),
    [(0.5, None, "emergency"), (0.5, {"grey"}, "emergency"), (1.01, None, "faq"), (0.5, {"chest"}, "faq")],
)
def test_an_emergency_sentence_no_rule_foresaw_is_found_by_the_sentence_model(threshold, alarm_words, expected):
    """A story whose one alarming sentence matches no rule: the sentence model, asked about
    each sentence, catches it; at an unreachable threshold it doesn't (so the check is it),
    nor when the sentence has none of the words that mark the emergency examples."""
    from ldn.rules import emergency_kinds
    from ldn.sentence_model import SentenceModel

    assert emergency_kinds(STORY) == []
    checker = gate(sentence_emergency_threshold=threshold)
    checker.model, checker.alarm_words = SentenceModel.train(SENTENCE_EXAMPLES), alarm_words
    message = parsed(STORY, [("faq", 0.95)], [("cost", 0.9)])
    checker.process([message])
    assert message.get("intent")["name"] == expected
    if expected == "emergency":
        assert message.get("intent")["overruled_by"] == "emergency_sentence"


def test_a_question_the_sentence_model_is_sure_of_answers_a_story_the_classifier_doubts():
    """The whole story reads unsure (0.35); its question alone reads the same answer surely."""
    checker = gate_reading_questions(SENTENCE_EXAMPLES)
    story = "I've had a rough month with my joints and the pharmacy was shut twice. What does a month of ldn cost?"
    message = parsed(story, [("faq", 0.35), ("out_of_scope", 0.3)], [("cost", 0.35), ("dose", 0.2)])
    checker.process([message])
    assert (message.get("intent")["name"], message.get("intent")["overruled_by"]) == ("faq", "answer:sentence")


REFUSAL_EXAMPLES = [
    ("will it work for me or is it a waste of money", "out_of_scope"),
    ("is it a waste of time for me", "out_of_scope"),
    ("what does a month of ldn cost", "faq/cost"),
    ("how much does ldn cost", "faq/cost"),
    ("what are the side effects of ldn", "faq/side_effects"),
]


def test_a_sure_answer_is_refused_only_by_a_surer_question_sentence():
    """The classifier reads the whole message surely as the cost question; its question sentence
    alone reads "out of scope" less surely than `sentence_refusal_threshold`: the answer stands.
    Below the sentence's own probability, the sentence's refusal wins."""
    from ldn.sentence_model import SentenceModel

    model = SentenceModel.train(REFUSAL_EXAMPLES)
    question = "will it be a waste of money for me"
    [(label, probability)] = model.rank(question, top=1)
    assert label == "out_of_scope" and 0.5 < probability < 0.99, probability
    story = f"My pharmacy quoted me a price today. {question.capitalize()}?"
    for threshold, expected in ((probability + 0.01, "faq"), (probability - 0.01, "out_of_scope")):
        checker = gate(sentence_emergency_threshold=1.01, sentence_refusal_threshold=threshold)
        checker.model = model
        message = parsed(story, [("faq", 0.8), ("out_of_scope", 0.1)], [("cost", 0.8), ("dose", 0.1)])
        checker.process([message])
        assert message.get("intent")["name"] == expected, (threshold, message.get("intent"))


CONDITION_EXAMPLES = [
    ("does ldn help my fibro", "ask_condition"),
    ("could ldn help my ms", "ask_condition"),
    ("would it help my crohns", "ask_condition"),
    ("could ldn help with that", "ask_condition"),
    ("can ldn help with inflammation", "faq/inflammation"),
    ("does it calm inflammation", "faq/inflammation"),
    ("how much does ldn cost", "faq/cost"),
    ("what does a month of ldn cost", "faq/cost"),
]


@pytest.mark.parametrize(
    ("story", "entities", "expected"),
    [
        ("I feel swollen and achy every day. Could LDN help with that?", (), "faq"),
        (
            "My MS flares every month. Could LDN help with that?",
            (("condition", "multiple_sclerosis", "MS"),),
            "ask_condition",
        ),
    ],
)
def test_a_condition_question_overrules_the_story_only_when_a_condition_is_named(story, entities, expected):
    """The question alone reads as a condition question; with no condition in the message, the
    whole message's confident topic stands (it is not a question about an unnamed illness)."""
    checker = gate_reading_questions(CONDITION_EXAMPLES)
    message = parsed(story, [("faq", 0.76), ("ask_condition", 0.2)], [("inflammation", 0.84)], entities)
    checker.process([message])
    assert message.get("intent")["name"] == expected


FIRST_QUESTION_EXAMPLES = CONDITION_EXAMPLES + [
    ("what is naltrexone", "faq/what_is"),
    ("isn't it the drug for people who drink", "faq/what_is"),
    ("isn't naltrexone the stuff for drinkers", "faq/what_is"),
]


@pytest.mark.parametrize(
    ("text", "condition", "expected_second"),
    [
        # The first question answered after the condition's (2026-11-27, sets 22/24, new words).
        ("what does a month of it cost, and would it help my crohns", ("condition", "crohns", "crohns"), ["cost"]),
        # ...not the topic the condition's answer comes from (addiction: what the drug is).
        (
            "isn't it the drug for people who drink? would it help my brother's drinking problem",
            ("condition", "addiction", "drinking problem"),
            None,
        ),
        # ...nor a first question that is about the condition itself.
        ("would it help my crohns, and what does a month of it cost", ("condition", "crohns", "crohns"), ["cost"]),
        # A topic a condition may lead, named in the first question (2026-11-28, set 68, new words).
        ("does it calm inflammation, and would it help my crohns", ("condition", "crohns", "crohns"), ["inflammation"]),
    ],
)
def test_a_first_question_before_a_condition_question_is_answered_second(text, condition, expected_second):
    checker = gate_reading_questions(FIRST_QUESTION_EXAMPLES)
    message = parsed(text, [("ask_condition", 0.9), ("faq", 0.1)], [("cost", 0.6)], [condition])
    checker.process([message])
    found = verdict_entities(message)
    assert message.get("intent")["name"] == "ask_condition"
    assert found.get("second_topic") == expected_second


REFUSED_LATER_EXAMPLES = CONDITION_EXAMPLES + [
    ("how does ldn work", "faq/how_it_works"),
    ("how does it work in the body", "faq/how_it_works"),
    ("can i take ldn with sertraline", "out_of_scope"),
    ("how long until it works", "out_of_scope"),
    ("does it ease pain", "faq/pain"),
    ("can ldn ease my pain", "faq/pain"),
    ("what are the side effects", "faq/side_effects"),
    ("what side effects does it have", "faq/side_effects"),
]


@pytest.mark.parametrize(
    ("text", "medicine", "expected_second"),
    [
        # The later question refused, the first answered after the refusal (2026-11-27, set 22, new words).
        ("how does it work in the body, and can i take it with my sertraline", "sertraline", ["how_it_works"]),
        ("what does a month of it cost, and how long until it works", None, ["cost"]),
        # The first question is the refused one: nothing to add.
        ("can i take it with my sertraline, and how does it work in the body", "sertraline", ["how_it_works"]),
        ("how long until it works, and what does a month of it cost", None, ["cost"]),
        ("how long before ldn can ease my pain, and would you ever recommend it", None, None),
        # The first question names the medicine: it is the one refused.
        ("what are the side effects of metformin, and can i take ldn with it", "metformin", None),
        # A list of three: the first two answered after the refusal of the third (2026-11-27, set 28, new words).
        (
            "1) how does it work in the body 2) what side effects does it have 3) can i take it with my sertraline",
            "sertraline",
            ["how_it_works", "side_effects"],
        ),
    ],
)
def test_a_first_question_before_a_refused_one_is_answered_after_the_refusal(text, medicine, expected_second):
    checker = gate_reading_questions(REFUSED_LATER_EXAMPLES)
    entities = [("medicine", medicine)] if medicine else []
    message = parsed(text, [("faq", 0.6), ("out_of_scope", 0.35)], [("how_it_works", 0.5)], entities)
    checker.process([message])
    assert message.get("intent")["name"] == "out_of_scope"
    assert verdict_entities(message).get("second_topic") == expected_second


def test_a_button_payload_is_left_alone():
    message = parsed('/faq{"topic": "dose"}', [("faq", 1.0), ("out_of_scope", 0.9)])
    assert verdict(message)[:2] == ("faq", None)


def test_out_of_scope_as_a_strong_runner_up_is_a_refusal():
    doubtful = parsed("how r u today", [("faq", 0.63), ("out_of_scope", 0.35)], [("how_to_take", 0.8)])
    sure = parsed("what are the side effects", [("faq", 0.85), ("out_of_scope", 0.15)], [("side_effects", 0.9)])
    assert verdict(doubtful)[:2] == ("out_of_scope", "out_of_scope_runner_up")
    assert verdict(sure)[0] == "faq"


def test_an_unsure_or_ambiguous_answer_falls_back():
    # ("ldn?" alone is what LDN is, by the rules: 2026-11-27, set 57.)
    unsure = parsed("and the other thing?", [("faq", 0.99)], [("what_is", 0.25), ("benefits", 0.2)])
    close = parsed("is ldn used for autoimmune stuff", [("faq", 1.0)], [("conditions", 0.52), ("immune", 0.39)])
    assert verdict(unsure)[:2] == ("nlu_fallback", "answer_confidence")
    assert verdict(close)[:2] == ("nlu_fallback", "answer_ambiguity")
    # The ranking is kept for the fallback action to build the two buttons from.
    assert [i["name"] for i in close.get("intent_ranking")][:2] == ["nlu_fallback", "faq"]


def test_the_name_alone_asks_what_it_is():
    message = parsed("LDN?", [("faq", 0.99)], [("side_effects", 0.4), ("what_is", 0.25)])
    assert verdict(message)[2]["answer"] == ["faq/what_is"]


@pytest.mark.parametrize(
    "text, condition, expected",
    [
        # The name alone after a condition told asks about that condition (2026-11-27, set 62, new words).
        ("crohns since 2019, flaring again. ldn?", ("crohns",), ("ask_condition", ["condition/crohns"])),
        ("lupus, on plaquenil for years. LDN?", ("lupus",), ("out_of_scope", None)),
        # ...not a condition named after it (2026-11-27, set 42, new words).
        ("ldn?? it is all over the ms forums", ("multiple_sclerosis", "ms"), ("faq", ["faq/what_is"])),
    ],
)
def test_the_name_alone_after_a_condition_asks_about_the_condition(text, condition, expected):
    message = parsed(text, [("faq", 0.95)], [("what_is", 0.4)], [("condition", *condition)])
    intent, _, found = verdict(message)
    assert (intent, found.get("answer")) == expected


def test_the_tracker_records_the_answer_chosen():
    message = parsed("side effects?", [("faq", 0.95)], [("side_effects", 0.9), ("safety", 0.1)])
    intent, reason, found = verdict(message)
    assert (intent, reason, found["answer"]) == ("faq", "answer:whole", ["faq/side_effects"])


def test_a_named_condition_gets_its_own_answer():
    message = parsed("can ldn help my fibro pain", [("faq", 0.95)], [("pain", 0.9)], [("condition", "fibromyalgia")])
    intent, _, found = verdict(message)
    assert (intent, found["answer"]) == ("ask_condition", ["condition/fibromyalgia"])


def test_pregnancy_is_a_caution_beside_the_answer():
    message = parsed("what are the side effects? im also pregnant", [("faq", 0.95)], [("side_effects", 0.9)])
    intent, _, found = verdict(message)
    assert (intent, found["caution"]) == ("faq", ["pregnancy"])


def test_whether_to_take_it_pregnant_is_the_pregnancy_answer_over_a_refusal():
    # The classifier refused a misspelt "pregnant" (2026-11-28, set 90, new words).
    message = parsed("is it ok to take ldn when pregnent", [("out_of_scope", 0.8), ("faq", 0.2)], [("safety", 0.5)])
    intent, _, found = verdict(message)
    assert (intent, found["answer"]) == ("faq", ["faq/pregnancy"])


def test_whether_to_stop_pregnant_is_the_pregnancy_answer_over_a_refusal():
    # "just found out I'm pregnant!! ... do I need to stop??" was refused as a question of stopping
    # (2026-11-28, sets 94-96, new words); how to stop still is.
    message = parsed(
        "found out i am pregnant this morning! on ldn for my ms. should i stop it?",
        [("out_of_scope", 0.8), ("faq", 0.2)],
        [("pregnancy", 0.5)],
    )
    intent, _, found = verdict(message)
    assert (intent, found["answer"]) == ("faq", ["faq/pregnancy"])
    message = parsed(
        "found out i am pregnant this morning! can i stop ldn cold turkey?",
        [("out_of_scope", 0.8), ("faq", 0.2)],
        [("pregnancy", 0.5)],
    )
    assert verdict(message)[0] == "out_of_scope"


def test_a_question_after_anyway_is_read_on_its_own():
    # The whole sentence read as "not covered" by the classifier, not unsurely enough to be read again
    # (2026-11-28, the smoke test of make run, new words).
    checker = gate_reading_questions(
        [("how is ldn taken", "faq/how_to_take"), ("how is it taken", "faq/how_to_take")] * 3
        + [("my aunt fainted on a bus once years ago", "out_of_scope"), ("can my cat have it", "out_of_scope")]
        + [("what does it cost", "faq/cost"), ("how much is it", "faq/cost")]
    )
    message = parsed(
        "my aunt fainted on a bus once years ago, anyway how is ldn taken", [("out_of_scope", 0.45), ("faq", 0.4)]
    )
    checker.process([message])
    assert verdict_entities(message).get("answer") == ["faq/how_to_take"]


def test_the_name_asked_against_nothing_named_is_what_it_is():
    # "low compared to what??" with the dose ranked first (2026-11-28, set 91, new words).
    message = parsed(
        "so what does the low dose part mean? low compared to what?",
        [("faq", 0.8)],
        [("dose", 0.35), ("how_it_works", 0.2), ("benefits", 0.1), ("what_is", 0.05)],
    )
    assert verdict(message)[2]["answer"] == ["faq/what_is"]


def test_another_medicine_as_context_is_a_caution_not_a_refusal():
    message = parsed(
        "i'm on opioids for my back, can ldn help my pain", [("faq", 0.95)], [("pain", 0.9)], [("medicine", "opioids")]
    )
    intent, _, found = verdict(message)
    assert (intent, found["caution"], found["mentioned_medicine"]) == ("faq", ["medicine"], ["opioids"])


def test_a_medicine_named_only_in_the_story_is_a_caution_beside_the_answer():
    text = "I've been on gabapentin since my surgery and my doctor wants me to try LDN and explained it badly. How does it work?"
    message = parsed(text, [("faq", 0.9)], [("how_it_works", 0.8)], [("medicine", "gabapentin")])
    intent, _, found = verdict(message)
    assert (intent, found["answer"], found["caution"]) == ("faq", ["faq/how_it_works"], ["medicine"])


def test_a_medicine_told_in_a_message_that_never_names_ldn_is_a_caution_not_a_refusal():
    # "What are the side effects of metformin?" asks about the medicine; a medicine told beside a
    # question about LDN, without naming LDN, is context (2026-11-27, set 20, new words).
    told = parsed(
        "thanks. what benefits could my mum hope for? she's 80, only takes metformin",
        [("faq", 0.9)],
        [("benefits", 0.9)],
        [("medicine", "metformin")],
    )
    asked = parsed(
        "what are the side effects of metformin", [("faq", 0.9)], [("side_effects", 0.9)], [("medicine", "metformin")]
    )
    intent, _, found = verdict(told)
    assert (intent, found["caution"]) == ("faq", ["medicine"])
    assert verdict(asked)[:2] == ("out_of_scope", "medicine")


def test_a_covered_condition_told_with_a_medicine_asking_nothing_gets_the_condition_answer():
    """No LDN named, no question asked: the condition is the concern (2026-11-27, set 62, new words);
    asked about, the medicine is still the question."""
    entities = [("condition", "multiple_sclerosis", "ms"), ("medicine", "ocrevus")]
    told = parsed("ms since 2015, on ocrevus, still exhausted", [("ask_condition", 0.6)], [], entities)
    asked = parsed("does ocrevus help ms", [("ask_condition", 0.6)], [], entities)
    intent, _, found = verdict(told)
    assert (intent, found["answer"], found["caution"]) == (
        "ask_condition",
        ["condition/multiple_sclerosis"],
        ["medicine"],
    )
    assert verdict(asked)[:2] == ("out_of_scope", "medicine")


def test_an_unsure_emergency_reading_gets_emergency_guidance_not_not_sure():
    message = parsed("i cant see the point of any of it", [("emergency", 0.3), ("faq", 0.25), ("out_of_scope", 0.2)])
    assert verdict(message)[:2] == ("emergency", "emergency_classifier_unconfirmed")


def test_an_unsure_emergency_reading_needs_a_word_of_the_emergency_examples():
    # "I really don't want to lose what I got back" read unsure as an emergency (2026-11-27, new words).
    checker = gate()
    checker.alarm_words = {"breathe", "point", "swallowed"}
    unsure = [("emergency", 0.3), ("faq", 0.25), ("out_of_scope", 0.2)]
    for text, expected in (
        ("i cant see the point of any of it", "emergency"),
        ("i dont want to lose my progress", "nlu_fallback"),
    ):
        message = parsed(text, unsure)
        checker.process([message])
        assert message.get("intent")["name"] == expected, text
    # ...unless it is as sure as any answer would be: decided by the emergency check, not left to the answer.
    message = parsed("i dont want to lose my progress", [("emergency", 0.45), ("faq", 0.3), ("out_of_scope", 0.2)])
    checker.process([message])
    assert (message.get("intent")["name"], message.get("intent")["overruled_by"]) == (
        "emergency",
        "emergency_classifier_unconfirmed",
    )


def test_an_unsure_emergency_reading_comes_before_a_refused_question_type():
    # Recall first: a question type the guide doesn't answer ("instead of") never hides it (2026-11-27).
    message = parsed(
        "should i take this instead of my meds, not sure any of it matters now",
        [("emergency", 0.35), ("out_of_scope", 0.3), ("faq", 0.25)],
    )
    assert verdict(message)[:2] == ("emergency", "emergency_classifier_unconfirmed")


def test_an_unsure_emergency_reading_of_another_language_is_that_language():
    message = parsed(
        "Dzień dobry, czy naltrekson w niskiej dawce jest bezpieczny dla nastolatków?",
        [("emergency", 0.35), ("out_of_scope", 0.3), ("faq", 0.25)],
    )
    assert verdict(message)[0] == "non_english"


def test_a_story_condition_steers_only_a_question_about_it():
    story = "My husband has MS and my aunt swears by LDN."
    asked = parsed(
        f"{story} What are the benefits of it?",
        [("faq", 0.9)],
        [("benefits", 0.8)],
        [("condition", "multiple_sclerosis")],
    )
    assert verdict(asked)[2]["answer"] == ["faq/benefits"]
    about = parsed(
        f"{story} Could it help him?", [("faq", 0.9)], [("benefits", 0.8)], [("condition", "multiple_sclerosis")]
    )
    assert verdict(about)[2]["answer"] == ["condition/multiple_sclerosis"]


def test_an_uncovered_condition_in_the_story_is_a_caution_unless_asked_about():
    story = "I've had lupus for ten years and my joints ache."
    asked = parsed(
        f"{story} Does LDN calm inflammation?", [("faq", 0.9)], [("inflammation", 0.9)], [("condition", "lupus")]
    )
    intent, _, found = verdict(asked)
    assert (intent, found["answer"], found["caution"]) == ("faq", ["faq/inflammation"], ["condition_not_covered"])
    about = parsed(f"{story} Is LDN worth trying?", [("faq", 0.9)], [("benefits", 0.9)], [("condition", "lupus")])
    assert verdict(about)[2]["not_covered"] == ["condition"]


def test_a_condition_named_twice_is_asked_about_if_the_question_names_it():
    text = "My wife has ulcerative colitis, not crohns. Would ldn help her UC?"
    named = [("condition", "ulcerative_colitis"), ("condition", "crohns"), ("condition", "ulcerative_colitis", "UC")]
    intent, _, found = verdict(parsed(text, [("ask_condition", 0.9)], entities=named))
    assert (intent, found["not_covered"]) == ("out_of_scope", ["condition"])


def test_a_condition_set_aside_is_not_the_question():
    text = "what else is ldn used for besides addiction?"
    message = parsed(text, [("ask_condition", 0.6), ("faq", 0.4)], [("conditions", 0.9)], [("condition", "addiction")])
    assert verdict(message)[2].get("answer") != ["condition/addiction"]


def test_an_unsure_topic_beside_a_named_condition_gets_the_condition_answer():
    text = "newly dx RRMS, does it actually help ms symptoms"
    named = [("condition", "multiple_sclerosis", "ms")]
    message = parsed(text, [("faq", 0.45), ("ask_condition", 0.39)], [("how_it_works", 0.14), ("benefits", 0.1)], named)
    assert verdict(message)[2]["answer"] == ["condition/multiple_sclerosis"]
    unclear = "newly dx RRMS, ms symptoms and ldn?"
    no_runner_up = parsed(unclear, [("faq", 0.45), ("ask_condition", 0.1)], [("how_it_works", 0.14)], named)
    assert verdict(no_runner_up)[0] == "nlu_fallback"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ldn for crohns, does it actually work?", ["condition/crohns"]),
        ("wondering if ldn really helps crohns", ["condition/crohns"]),
        ("how does ldn actually work in crohns?", ["faq/how_it_works"]),
        # "how it actually works" with no "does" (2026-11-28, set 92, new words).
        ("on it for crohns, could you explain how it actually works?", ["faq/how_it_works"]),
    ],
)
def test_whether_it_works_is_asked_of_the_named_condition_not_of_the_mechanism(text, expected):
    message = parsed(text, [("faq", 0.5), ("ask_condition", 0.45)], [("how_it_works", 0.62)], [("condition", "crohns")])
    assert verdict(message)[2]["answer"] == expected


def refused_with_second(text, examples):
    """A message the classifier refuses surely, read by a sentence model trained on `examples`:
    the verdict and the second question's topic, if any."""
    checker = gate_reading_questions(examples)
    message = parsed(text, [("out_of_scope", 0.9)])
    checker.process([message])
    return message.get("intent")["name"], verdict_entities(message).get("second_topic")


SECOND_EXAMPLES = [
    ("what's the usual dose", "faq/dose"),
    ("what dose do people take", "faq/dose"),
    ("how much does it cost", "faq/cost"),
    ("what does a month cost", "faq/cost"),
    ("how soon does it work", "out_of_scope"),
    ("can my dog have it", "out_of_scope"),
]


@pytest.mark.parametrize(
    ("text", "second"),
    [
        # The second question's own words decide, not the story after its comma...
        (
            "how soon does ldn kick in? and what's the usual dose, my neighbour and her sister keep asking me about it",
            ["dose"],
        ),
        # ...but what it asks is read on all of it: a dog's dose is not the usual dose.
        ("how soon does ldn kick in? and what's the usual dose, for my dog", None),
        # A piece that only follows up the first ("how does it do that?") is no second question.
        ("how soon does ldn kick in? and how does it do that", None),
    ],
)
def test_a_second_question_is_read_by_its_own_words(text, second):
    examples = SECOND_EXAMPLES + [
        ("my neighbour and her sister keep asking", "out_of_scope"),
        ("her sister and my neighbour asked me about it", "out_of_scope"),
        ("how does it do that", "faq/cost"),
    ]
    assert refused_with_second(text, examples)[1] == second


@pytest.mark.parametrize(
    ("text", "second"),
    [
        ("how soon does ldn kick in? and what's the usual dose", ["dose"]),
        ("can my dog take ldn? and what's the usual dose", None),
        # The second piece reads as a dose question but asks one the guide doesn't answer.
        ("how soon does ldn kick in? and should i put the dose up", None),
    ],
)
def test_a_second_question_is_answered_after_a_refusal_unless_it_could_be_read_as_advice_for_the_one_refused(
    text, second
):
    assert refused_with_second(text, SECOND_EXAMPLES) == ("out_of_scope", second)


@pytest.mark.parametrize(
    ("text", "second"),
    [
        # The whole message reads as the later question's answer: it follows the refusal (2026-11-27, set 20).
        ("ldn and zopiclone, ok together? plus what are the side effects", ["side_effects"]),
        # ...but not when the later question asks about the combination refused.
        ("ldn and zopiclone, ok together? what side effects would that combo cause", None),
    ],
)
def test_the_answer_a_later_question_asks_for_follows_a_refusal_of_the_first(text, second):
    side_effects = [
        ("what are the side effects", "faq/side_effects"),
        ("what side effects does it cause", "faq/side_effects"),
    ]
    checker = gate_reading_questions(SECOND_EXAMPLES + side_effects)
    message = parsed(text, [("faq", 0.9)], [("side_effects", 0.9)], [("medicine", "zopiclone")])
    checker.process([message])
    found = verdict_entities(message)
    assert (message.get("intent")["overruled_by"], found.get("second_topic")) == ("medicine", second)


def test_a_pregnancy_told_as_over_gets_no_pregnancy_answer_as_a_second():
    pregnancy = [("is it ok when pregnant", "faq/pregnancy"), ("is it ok, im pregnant", "faq/pregnancy")]
    checker = gate_reading_questions(SECOND_EXAMPLES + pregnancy)

    def second(text):
        message = parsed(text, [("faq", 0.9)], [("dose", 0.9)])
        checker.process([message])
        return verdict_entities(message).get("second_topic")

    assert second("what's the usual dose? and is it ok when pregnant") == ["pregnancy"]
    assert second("what's the usual dose? and is it ok, im not pregnant now") is None  # 2026-11-27, set 20


def test_two_close_answers_that_give_the_same_facts_are_no_doubt():
    """Long COVID and its research: one answer (`answers_also`), so no "which did you mean?" (2026-11-27)."""
    named = [("condition", "long_covid", "long covid")]
    ranked = [("long_covid", 0.47), ("evidence", 0.43), ("safety", 0.02)]
    message = parsed("has anyone really researched ldn for long covid?", [("faq", 0.96)], ranked, named)
    assert verdict(message)[2]["answer"] == ["faq/long_covid"]


def test_research_asked_about_long_covid_told_in_the_story_gets_the_long_covid_answer():
    """The story names long COVID, the question asks about research on "it" (2026-11-27, sets 61/63, new words)."""
    text = "my husband has had long covid since 2021. are there any proper studies on it?"
    named = [("condition", "long_covid", "long covid")]
    message = parsed(text, [("faq", 0.9)], [("evidence", 0.8), ("long_covid", 0.1)], named)
    assert verdict(message)[2]["answer"] == ["faq/long_covid"]
    # ...not when long COVID is only added after the question (2026-11-27, sets 44/50, new words).
    after = parsed(
        "are there any proper studies on ldn? mainly for long covid", [("faq", 0.9)], [("evidence", 0.8)], named
    )
    assert verdict(after)[2]["answer"] == ["faq/evidence"]


def test_a_pregnancy_asked_about_keeps_the_pregnancy_answer_beside_a_condition_question():
    text = "is it safe when trying for a baby? also does it help hashimotos"
    message = parsed(text, [("faq", 0.8)], [("pregnancy", 0.85)], [("condition", "hashimotos")])
    assert verdict(message)[2]["answer"] == ["faq/pregnancy"]


def test_a_later_question_naming_the_chosen_topic_is_no_second_question():
    what_is = [
        ("regular naltrexone is for addiction right", "faq/what_is"),
        ("naltrexone is way stronger", "faq/what_is"),
    ]
    checker = gate_reading_questions(SECOND_EXAMPLES + what_is)
    message = parsed(
        "what dose do people take? regular naltrexone is way stronger right?", [("faq", 0.9)], [("dose", 0.9)]
    )
    checker.process([message])
    assert verdict_entities(message).get("second_topic") is None  # 2026-11-27, patients_dev14


def test_what_an_addiction_is_to_is_not_a_medicine_asked_about():
    named = [("condition", "addiction", "quit the booze")]
    message = parsed("naltrexone to help me quit the booze?", [("ask_condition", 0.7)], (), named)
    intent, _, found = verdict(message)
    assert (intent, found["answer"], found["caution"]) == ("ask_condition", ["condition/addiction"], ["medicine"])


def test_is_it_only_for_a_condition_asks_about_conditions_in_general():
    message = parsed("Is LDN only for addiction?", [("ask_condition", 0.9)], (), [("condition", "addiction")])
    assert verdict(message)[2]["answer"] == ["faq/conditions"]


def test_could_it_help_with_this_asks_about_the_condition_named_last():
    text = "I had chemo for breast cancer and now nerve damage in my feet. Would it be worth asking about for this?"
    named = [("condition", "cancer", "breast cancer"), ("condition", "neuropathic_pain", "nerve damage")]
    message = parsed(text, [("ask_condition", 0.8)], (), named)
    assert verdict(message)[2]["answer"] == ["condition/neuropathic_pain"]


def test_whether_it_helps_a_named_condition_is_answered_despite_doubt():
    text = "my MS feels like a ticking time bomb. can LDN slow it down at all?"
    named = [("condition", "multiple_sclerosis", "MS")]
    message = parsed(text, [("faq", 0.35), ("out_of_scope", 0.33)], [("neuroprotection", 0.6)], named)
    assert verdict(message)[:2] == ("ask_condition", "answer:rules")


def test_can_ldn_slow_things_down_asks_about_the_story_condition():
    text = "secondary progressive ms and my neuro has nothing left. can LDN slow things down"
    message = parsed(text, [("faq", 0.7)], [("neuroprotection", 0.57)], [("condition", "multiple_sclerosis", "ms")])
    assert verdict(message)[2]["answer"] == ["condition/multiple_sclerosis"]


def test_can_i_take_it_while_trying_to_conceive_gets_the_pregnancy_answer_despite_doubt():
    message = parsed("can u take ldn while ttc", [("faq", 0.51), ("out_of_scope", 0.45)], [("pregnancy", 0.9)])
    assert verdict(message)[:3] == ("faq", "answer:rules", {"answer": ["faq/pregnancy"]})


def test_do_i_need_to_stop_from_someone_pregnant_gets_the_pregnancy_answer():
    text = "just found out im pregnant!! been on ldn for my MS for a year. do i need to stop??"
    message = parsed(text, [("faq", 0.69)], [("pregnancy", 0.88)], [("condition", "multiple_sclerosis")])
    assert verdict(message)[2]["answer"] == ["faq/pregnancy"]


@pytest.mark.parametrize(
    ("question", "main", "second"),
    [("Does it help long covid?", "long_covid", []), ("What does ldn cost?", "cost", ["evidence"])],
)
def test_no_second_answer_the_main_answer_already_gives(question, main, second):
    """The long-COVID answer says where its research stands (answers_also in its topic.yml):
    "is it still being studied?" beside it gets no second answer; beside the cost, it does."""

    examples = [
        ("is it still being studied", "faq/evidence"),
        ("how good is the research on ldn", "faq/evidence"),
        ("are there any proper trials", "faq/evidence"),
        ("does ldn help long covid", "faq/long_covid"),
        ("what does ldn cost", "faq/cost"),
    ]
    checker = gate_reading_questions(examples * 3)
    message = parsed(f"{question} Is it still being studied?", [("faq", 0.9)], [(main, 0.9)])
    checker.process([message])
    assert [e["value"] for e in message.get("entities") if e["entity"] == "second_topic"] == second


def test_the_condition_the_question_turns_to_is_the_one_asked():
    text = "Ulcerative colitis here. I've seen LDN mentioned for crohn's but does it help UC?"
    named = [
        ("condition", "ulcerative_colitis", "Ulcerative colitis"),
        ("condition", "crohns", "crohn's"),
        ("condition", "ulcerative_colitis", "UC"),
    ]
    intent, _, found = verdict(parsed(text, [("ask_condition", 0.9)], entities=named))
    assert (intent, found["not_covered"]) == ("out_of_scope", ["condition"])


def test_not_sure_keeps_the_caution():
    message = parsed("im pregnant, blah blah ldn", [("faq", 0.2)], [("dose", 0.3)])
    intent, _, found = verdict(message)
    assert (intent, found["caution"]) == ("nlu_fallback", ["pregnancy"])


def test_a_combination_asked_about_is_refused_by_medicine():
    message = parsed("can i take ldn with tramadol", [("faq", 0.95)], [("safety", 0.9)], [("medicine", "tramadol")])
    intent, _, found = verdict(message)
    assert (intent, found["not_covered"], found["mentioned_medicine"]) == ("out_of_scope", ["medicine"], ["tramadol"])
    assert "caution" not in found  # the refusal already says it


def test_a_combination_with_a_medicine_no_list_knows_keeps_the_caution():
    """ "Can I take it with zorblex?": the safety answer or a refusal, and the medicine caution still said (2026-11-27)."""
    message = parsed("can i take ldn together with zorblex", [("faq", 0.95)], [("safety", 0.9)])
    intent, _, found = verdict(message)
    assert (intent, found["answer"], found["caution"]) == ("faq", ["faq/safety"], ["medicine"])
    assert found["mentioned_medicine"] == ["other medicines"]
    message = parsed("can i take ldn together with zorblex for pain", [("faq", 0.95)], [("pain", 0.9)])
    intent, _, found = verdict(message)
    assert (intent, found["not_covered"], found["caution"]) == ("out_of_scope", ["combine"], ["medicine"])


def test_a_condition_the_guide_does_not_name_is_refused_by_name():
    message = parsed("does ldn help lupus", [("ask_condition", 0.95)], entities=[("condition", "lupus")])
    intent, _, found = verdict(message)
    assert (intent, found["not_covered"], found["mentioned_condition"]) == ("out_of_scope", ["condition"], ["lupus"])


def test_can_ldn_cause_something_unlisted_is_the_side_effect_reply():
    message = parsed("can ldn cause hair loss", [("faq", 0.95)], [("side_effects", 0.9)])
    assert verdict(message)[2]["not_covered"] == ["side_effect"]
    listed = parsed("can ldn cause insomnia", [("faq", 0.95)], [("side_effects", 0.9)])
    assert verdict(listed)[0] == "faq"


def trained_gate(tmp_path, examples, **config):
    """A gate trained, persisted and loaded back through Rasa's model storage."""
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    from rasa.shared.nlu.training_data.training_data import TrainingData

    storage, resource = LocalModelStorage(tmp_path), Resource("scope_gate")
    context = ExecutionContext(GraphSchema({}), "test")
    training = TrainingData([Message(data={"text": text, "intent": intent}) for text, intent in examples])
    ScopeGate.create(config, storage, resource, context).train(training)
    return ScopeGate.load(config, storage, resource, context)


def test_a_message_sharing_no_word_with_any_answer_is_off_topic(tmp_path):
    trained = trained_gate(
        tmp_path,
        [
            ("how do i take ldn", "faq"),
            ("what dose of naltrexone", "faq"),
            ("can it help my fibro", "ask_condition"),
            ("renew my passport", "out_of_scope"),
        ],
    )
    passport = parsed("how do I renew my passport?", [("faq", 0.9)], [("how_to_take", 0.9)])
    on_topic = parsed("how do i take it", [("faq", 0.9)], [("how_to_take", 0.9)])
    chit_chat = parsed("hello there friend", [("greet", 0.9)])
    trained.process([passport, on_topic, chit_chat])
    assert passport.get("intent")["overruled_by"] == "off_topic"  # out_of_scope examples don't count
    assert [m.get("intent")["name"] for m in (on_topic, chit_chat)] == ["faq", "greet"]


def test_the_rules_file_is_part_of_the_fingerprint(monkeypatch):
    from ldn import rules

    before = ScopeGate.fingerprint_addon({})
    monkeypatch.setattr(rules, "fingerprint", lambda: "edited")
    assert ScopeGate.fingerprint_addon({}) != before


@pytest.mark.parametrize(
    "component, module_name",
    [(ScopeGate, "ldn.sentence_model"), (ScopeGate, "ldn.nlu.reading"), (LinearClassifier, "ldn.sentence_model")],
)
def test_the_code_that_trains_it_is_part_of_the_fingerprint(monkeypatch, tmp_path, component, module_name):
    """Rasa's cache keys on config and data: without this, an edit to the sentence model's code
    (or to how the gate reads a message) would be served by a component the old code trained."""
    module = importlib.import_module(module_name)
    before = component.fingerprint_addon({})
    edited = tmp_path / "edited.py"
    edited.write_text(Path(module.__file__).read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    monkeypatch.setattr(module, "__file__", str(edited))
    assert component.fingerprint_addon({}) != before


def test_an_answer_the_question_sets_aside_is_not_read():
    """ "Besides pain": the pain answer ranked first is passed over for the next (2026-11-27, set 11)."""
    message = parsed(
        "what else is ldn good for besides pain", [("faq", 0.9)], [("pain", 0.7), ("benefits", 0.25), ("cost", 0.01)]
    )
    intent, reason, _ = verdict(message)
    # The next answer is judged by the same thresholds: benefits at 0.25 is under answer_threshold.
    assert (intent, reason) == ("nlu_fallback", "answer_confidence")
    message = parsed(
        "what else is ldn good for besides pain", [("faq", 0.9)], [("pain", 0.5), ("benefits", 0.45), ("cost", 0.01)]
    )
    assert verdict(message)[2]["answer"] == ["faq/benefits"]


def test_what_an_addiction_is_to_gets_the_medicine_caution():
    named = [("condition", "addiction", "recovery from heroin")]
    message = parsed(
        "my son is in recovery from heroin, could naltrexone help him", [("ask_condition", 0.8)], (), named
    )
    intent, _, found = verdict(message)
    assert (intent, found["caution"], found["mentioned_medicine"]) == (
        "ask_condition",
        ["child", "medicine"],
        ["heroin"],
    )


def test_a_told_pregnancy_leaves_the_question_asked():
    """The classifier picked the pregnancy answer; the rest of the message asks the dose (2026-11-27, sets 4/11)."""
    from ldn.sentence_model import SentenceModel

    checker = gate()
    checker.model = SentenceModel.train(
        SENTENCE_EXAMPLES + [("what dose of ldn is normal", "faq/dose"), ("is 4.5mg a normal dose", "faq/dose")]
    )
    text = "is 4.5mg a normal dose of ldn, im 7 months pregnant and my gp mentioned it"
    message = parsed(text, [("faq", 0.8)], [("pregnancy", 0.6), ("dose", 0.2)])
    checker.process([message])
    found = verdict_entities(message)
    assert (found["answer"], found["caution"]) == (["faq/dose"], ["pregnancy"])


def test_a_topic_named_counts_when_the_sentence_model_has_it_in_mind_for_the_first_question():
    """The whole message's first three answers lack the topic the rules find named; the sentence model,
    reading the first question alone, ranks it among its three (2026-11-28, set 69, new words)."""
    checker = gate_reading_questions(
        SENTENCE_EXAMPLES + [("is ldn safe", "faq/safety"), ("is it well tolerated", "faq/safety")]
    )
    text = "how well do people tolerate ldn? tablets upset me"
    message = parsed(text, [("faq", 0.8)], [("how_to_take", 0.6), ("cost", 0.2), ("dose", 0.1)])
    checker.process([message])
    assert verdict_entities(message).get("answer") == ["faq/safety"]


def test_a_told_pregnancy_beside_a_question_about_pregnancy_keeps_the_pregnancy_answer():
    """The state is told, and the rest asks about pregnancy in so many words (2026-11-28, set 72, new words)."""
    checker = gate_reading_questions(SENTENCE_EXAMPLES)
    text = "im pregnant with my first. what is known about ldn in pregnancy? and what are the side effects of ldn"
    message = parsed(text, [("faq", 0.8)], [("pregnancy", 0.6), ("side_effects", 0.2)])
    checker.process([message])
    assert verdict_entities(message).get("answer") == ["faq/pregnancy"]


def test_a_told_pregnancy_beside_a_question_read_unsurely_gets_no_pregnancy_answer():
    """The classifier picked the pregnancy answer for the whole message; the question asks how it is taken,
    but the sentence model is not sure enough to answer it: "not sure", with the caution, and not the
    pregnancy answer to a question nobody asked (2026-11-28, set 68, new words)."""
    from ldn.sentence_model import SentenceModel

    checker = gate(sentence_emergency_threshold=1.01, sentence_threshold=1.01)  # nothing read surely enough
    checker.model = SentenceModel.train(SENTENCE_EXAMPLES)
    text = "how do i take ldn? pregnant with our second and the midwife is lovely"
    message = parsed(text, [("faq", 0.8)], [("pregnancy", 0.6), ("how_to_take", 0.2)])
    checker.process([message])
    found = verdict_entities(message)
    assert (message.get("intent")["name"], found.get("answer"), found["caution"]) == (
        "nlu_fallback",
        None,
        ["pregnancy"],
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        # Told, and another guide question asked: that answer, with the caution (2026-11-27, sets 53/57/58, new words).
        ("how much is ldn a month? im breastfeeding", ("faq", ["faq/cost"])),
        ("breastfeeding. what does it cost", ("faq", ["faq/cost"])),
        ("i'm nursing my 2 month old so not starting yet, but how do i take ldn", ("faq", ["faq/how_to_take"])),
        # Asked about: still refused.
        ("im breastfeeding, is it ok to take ldn", ("out_of_scope", None)),
        ("i'm breastfeeding. how do i take ldn without it getting into my milk", ("out_of_scope", None)),
        ("im nursing. what would ldn do to her", ("out_of_scope", None)),
    ],
)
def test_breastfeeding_told_leaves_another_question_answered(text, expected):
    checker = gate_reading_questions(SENTENCE_EXAMPLES + [("is it ok to take ldn", "faq/safety")])
    message = parsed(text, [("out_of_scope", 0.7), ("faq", 0.3)], [("cost", 0.5)])
    checker.process([message])
    found = verdict_entities(message)
    assert (message.get("intent")["name"], found.get("answer")) == expected
    assert found["caution"] == ["breastfeeding"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # Told beside another guide question the classifier refused (2026-11-27, set 64, new words).
        ("what does ldn cost. im 5 months pregnant", ["faq/cost"]),
        ("im 5 months pregnant, how do i take ldn", ["faq/how_to_take"]),
    ],
)
def test_a_told_pregnancy_leaves_a_refused_question_answered(text, expected):
    checker = gate_reading_questions(SENTENCE_EXAMPLES + [("is it ok to take ldn", "faq/safety")])
    message = parsed(text, [("out_of_scope", 0.7), ("faq", 0.3)], [("cost", 0.5)])
    checker.process([message])
    found = verdict_entities(message)
    assert (found.get("answer"), found["caution"]) == (expected, ["pregnancy"])


def test_a_short_question_that_points_back_at_nothing_is_also_read_on_its_own():
    """ "...prescribed it for my fibro. how does it work": the story before it reads "not covered";
    the question alone reads the mechanism surely (2026-11-27, set 12)."""
    checker = gate_reading_questions(
        SENTENCE_EXAMPLES
        + [
            ("how does it work", "faq/how_it_works"),
            ("how does ldn work", "faq/how_it_works"),
            ("how does it actually work", "faq/how_it_works"),
            ("im on amlodipine and metformin, can i take ldn", "out_of_scope"),
            ("on amlodipine and metformin and my doctor prescribed ldn", "out_of_scope"),
        ]
    )
    story = "im on amlodipine and metformin, my doctor prescribed ldn. how does it work"
    message = parsed(story, [("out_of_scope", 0.6), ("faq", 0.3)], [("how_it_works", 0.4)])
    checker.process([message])
    assert verdict_entities(message)["answer"] == ["faq/how_it_works"]


def test_a_question_that_names_its_topic_gets_it_if_the_classifier_had_it_in_mind():
    """ "Why is it called low dose?": the dose answer, when it is among the classifier's first three."""
    ranked = [("benefits", 0.27), ("dose", 0.26), ("what_is", 0.22)]
    intent, reason, found = verdict(parsed("why is it called low dose?", [("faq", 0.9)], ranked))
    assert (intent, reason, found["answer"]) == ("faq", "answer:rules", ["faq/dose"])
    ranked = [("benefits", 0.27), ("what_is", 0.26), ("cost", 0.22), ("dose", 0.1)]
    assert verdict(parsed("why is it called low dose?", [("faq", 0.9)], ranked))[1] == "answer_confidence"


def test_a_topic_named_by_a_later_question_is_not_the_first_answer():
    ranked = [("cost", 0.6), ("dose", 0.3)]
    message = parsed("is ldn cheap? and how many mg do people take", [("faq", 0.9)], ranked)
    assert verdict(message)[2]["answer"] == ["faq/cost"]  # 2026-11-27, patients_dev6


def test_the_evidence_for_long_covid_is_the_long_covid_answer():
    """Its answer says where the research on long COVID stands (`same_facts`, `answers_also`)."""
    named = [("condition", "long_covid", "long covid")]
    message = parsed("is the evidence any good for ldn in long covid?", [("faq", 0.9)], [("evidence", 0.8)], named)
    assert verdict(message)[2]["answer"] == ["faq/long_covid"]
    message = parsed("is the evidence any good for ldn?", [("faq", 0.9)], [("evidence", 0.8)])
    assert verdict(message)[2]["answer"] == ["faq/evidence"]


MEDICINE_TOLD_EXAMPLES = SENTENCE_EXAMPLES + [
    ("what good could ldn do me", "faq/benefits"),
    ("what are the benefits of ldn", "faq/benefits"),
    ("what could ldn do for me", "faq/benefits"),
    ("is ldn safe", "faq/safety"),
    ("is it safe to take ldn", "faq/safety"),
    ("is ldn safe long term", "faq/safety"),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The medicines only told: the rest asks the guide, answered with the medicine caution.
        ("what good could ldn do me, i already take metformin and ramipril", ("faq", ["faq/benefits"])),
        # ...not when the medicines are asked about, nor for an answer that could be about them.
        ("i already take metformin and ramipril, what good could ldn do me with them", ("out_of_scope", [])),
        ("is ldn safe, i already take metformin and ramipril", ("out_of_scope", [])),
    ],
)
def test_medicines_only_told_leave_the_question_asked(text, expected):
    """The classifier refused for the medicines (2026-11-27, sets 25-27)."""
    checker = gate_reading_questions(MEDICINE_TOLD_EXAMPLES)
    message = parsed(
        text,
        [("out_of_scope", 0.9), ("faq", 0.1)],
        [("benefits", 0.5)],
        [("medicine", "metformin"), ("medicine", "ramipril")],
    )
    checker.process([message])
    found = verdict_entities(message)
    assert (message.get("intent")["name"], found.get("answer", [])) == expected
    assert "medicine" in found.get("caution", []) + found.get("not_covered", [])


def test_a_condition_question_naming_no_condition_asks_the_topic():
    """ "Can LDN help my son's pain?": the pain answer, not "which condition?" (2026-11-27, set 28);
    with a condition named, the condition's question stays."""
    message = parsed(
        "can ldn help my son's pain?", [("ask_condition", 0.7), ("faq", 0.25)], [("pain", 0.8), ("benefits", 0.1)]
    )
    assert verdict(message)[2].get("answer") == ["faq/pain"]
    message = parsed(
        "can ldn help my fibro pain?",
        [("ask_condition", 0.7), ("faq", 0.25)],
        [("pain", 0.8), ("benefits", 0.1)],
        [("condition", "fibromyalgia", "fibro")],
    )
    assert verdict(message)[2].get("answer") == ["condition/fibromyalgia"]


def test_a_condition_question_naming_neither_condition_nor_topic_asks_which_condition():
    """ "LDN for tinnitus?": a condition the registry doesn't know, not the conditions answer (dev2)."""
    message = parsed("ldn for tinnitus?", [("ask_condition", 0.8), ("faq", 0.1)], [("conditions", 0.6), ("pain", 0.1)])
    assert "answer" not in verdict(message)[2]


def test_two_topics_named_side_by_side_are_both_answered():
    """ "Does it help with pain and inflammation" (2026-11-27, set 26, new words)."""
    message = parsed("could ldn ease pain and inflammation", [("faq", 0.9)], [("inflammation", 0.7), ("pain", 0.2)])
    found = verdict(message)[2]
    assert (found.get("answer"), found.get("second_topic")) == (["faq/inflammation"], ["pain"])


def test_the_medicines_own_forms_never_mark_an_emergency(tmp_path):
    """ "My wife's on LDN capsules." read as an emergency, "capsules" its one alarm word (2026-11-27, sets 25/28)."""
    # Words 15 times as frequent in the emergency examples as in the others (config.yml).
    examples = [(f"he swallowed {n} capsules", "emergency") for n in ("ten", "twenty", "all the")] + [
        (f"how do i take ldn on day {n}", "faq") for n in range(40)
    ]
    (tmp_path / "default").mkdir()
    (tmp_path / "excluded").mkdir()
    assert "capsules" in trained_gate(tmp_path / "default", examples).alarm_words
    excluded = trained_gate(tmp_path / "excluded", examples, sentence_emergency_words_excluded=["capsules"])
    assert "capsules" not in excluded.alarm_words and "swallowed" in excluded.alarm_words


def test_a_topic_named_in_so_many_words_is_answered_over_the_classifiers_not_covered():
    """ "Is that inside the normal LDN range or on the high side?": the classifier said "not covered"
    (2026-11-27, set 32, new words); a refused type is still refused."""
    named = parsed("is 3mg inside the normal ldn range?", [("out_of_scope", 0.7), ("faq", 0.3)], [("dose", 0.5)])
    assert verdict(named)[2].get("answer") == ["faq/dose"]
    refused = parsed(
        "is 3mg inside the normal ldn range, i weigh 60 kg", [("out_of_scope", 0.7), ("faq", 0.3)], [("dose", 0.5)]
    )
    assert verdict(refused)[0] == "out_of_scope"


def test_a_question_in_general_after_a_story_is_not_about_its_conditions():
    """ "In general does it help with pain?" after a story of migraines: the pain answer, not a refusal
    for migraines (2026-11-27, set 35, new words)."""
    story = "i get migraines most weeks and my jaw aches too. "
    asked = parsed(
        story + "does ldn help with pain, could it help me?",
        [("faq", 0.9)],
        [("pain", 0.9)],
        [("condition", "migraine")],
    )
    assert verdict(asked)[0] == "out_of_scope"
    general = parsed(
        story + "in general does ldn help with pain?", [("faq", 0.9)], [("pain", 0.9)], [("condition", "migraine")]
    )
    intent, _, found = verdict(general)
    assert (intent, found["answer"], found["caution"]) == ("faq", ["faq/pain"], ["condition_not_covered"])


HOW_MUCH_EXAMPLES = [
    ("how much", "ask_how_much"),
    ("and how much is that then", "ask_how_much"),
    ("how much would i need", "ask_how_much"),
    ("what price is it", "faq/cost"),
    ("is it costly", "faq/cost"),
    ("do people get headaches on it", "faq/side_effects"),
    ("can it cause bad dreams", "faq/side_effects"),
    ("is it safe long term", "faq/safety"),
]


def test_how_much_is_it_beside_another_question_asks_the_price():
    """ "...is it safe long term? and how much is it": the price, not "price or dose?" dropped (2026-11-28,
    set 69, new words)."""
    checker = gate_reading_questions(HOW_MUCH_EXAMPLES)
    message = parsed(
        "do people get bad headaches on it? and how much is ldn",
        [("faq", 0.9)],
        [("side_effects", 0.9), ("safety", 0.05)],
    )
    checker.process([message])
    assert verdict_entities(message).get("second_topic") == ["cost"]


def test_the_question_read_as_the_whole_is_answered_after_the_price_asked_first():
    """ "how much is it and does it have side effects": the price first, the side effects second (2026-11-28,
    set 69, new words)."""
    checker = gate_reading_questions(HOW_MUCH_EXAMPLES)
    message = parsed(
        "how much is ldn, and can it cause bad dreams",
        [("faq", 0.9)],
        [("side_effects", 0.8), ("cost", 0.1), ("safety", 0.05)],
    )
    checker.process([message])
    found = verdict_entities(message)
    assert (found.get("answer"), found.get("second_topic")) == (["faq/cost"], ["side_effects"])


def test_pain_asked_in_so_many_words_after_an_addiction_story_gets_the_pain_answer():
    """ "(scared of getting hooked on opioids) Does LDN help with pain?" got the addiction answer (2026-11-28,
    set 78, new words)."""
    text = "my brother was hooked on painkillers for years so i'm wary. does ldn actually help with pain?"
    message = parsed(
        text,
        [("faq", 0.8), ("ask_condition", 0.1)],
        [("pain", 0.8), ("what_is", 0.1)],
        [("condition", "addiction", "hooked on painkillers")],
    )
    assert verdict(message)[2].get("answer") == ["faq/pain"]


def test_short_options_after_what_it_is_used_for_are_no_second_question():
    """ "what is ldn usually prescribed for? gut stuff? brain stuff? pain? all of it?" (2026-11-28, set 80,
    new words)."""
    checker = gate_reading_questions(
        [
            ("what is it used for", "faq/conditions"),
            ("which illnesses is it given for", "faq/conditions"),
            ("nerve pain?", "faq/pain"),
            ("does it ease nerve pain", "faq/pain"),
            ("tummy stuff?", "faq/conditions"),
            ("what does it cost", "faq/cost"),
        ]
    )
    message = parsed("what is it used for these days? tummy stuff? nerve pain?", [("faq", 0.9)], [("conditions", 0.9)])
    checker.process([message])
    found = verdict_entities(message)
    assert (found.get("answer"), found.get("second_topic")) == (["faq/conditions"], None)


def test_two_close_answers_both_asked_are_both_given():
    """ "Is that true? What are the risks? Is there any real research?": the two close readings are the two
    questions asked, so both are answered, not "not sure" (2026-11-28, set 79, new words)."""
    checker = gate_reading_questions(
        [
            ("is that true", "ask_condition"),
            ("is that right", "ask_condition"),
            ("any studies on it", "faq/evidence"),
            ("has it been researched", "faq/evidence"),
            ("is it risky", "faq/safety"),
            ("what risks are there", "faq/safety"),
        ]
    )
    message = parsed(
        "my gp says it was never shown to be safe. is that right? has it been researched? is it risky?",
        [("faq", 0.95)],
        [("evidence", 0.46), ("safety", 0.44)],
    )
    checker.process([message])
    found = verdict_entities(message)
    assert (found.get("answer"), found.get("second_topic")) == (["faq/evidence"], ["safety"])


def test_what_the_name_means_is_answered_whatever_the_classifier_had_in_mind():
    """ "why is it called LOW dose? low compared to what" got the benefits answer (2026-11-28, set 81, new
    words)."""
    message = parsed(
        "why's it named low dose anyway? low compared to what",
        [("faq", 0.9)],
        [("benefits", 0.5), ("dose", 0.1), ("safety", 0.05)],
    )
    assert verdict(message)[2].get("answer") == ["faq/what_is"]
    # ...but the dose, when the classifier had it in mind (set 37, new words).
    message = parsed(
        "the low dose part, low compared to normal naltrexone by how much?",
        [("faq", 0.9)],
        [("dose", 0.6), ("benefits", 0.2), ("safety", 0.05)],
    )
    assert verdict(message)[2].get("answer") == ["faq/dose"]


def test_a_pregnancy_attempt_only_told_is_no_second_question():
    """ "...? We're trying for a baby right now so I want to know what I'm getting into" (2026-11-28, sets
    81/83, new words)."""
    checker = gate_reading_questions(
        [
            ("does it help hashimotos", "ask_condition"),
            ("can it help thyroid disease", "ask_condition"),
            ("we are trying to conceive", "faq/pregnancy"),
            ("is it ok when trying for a baby", "faq/pregnancy"),
            ("what does it cost", "faq/cost"),
        ]
    )
    message = parsed(
        "does it help hashimotos? we are trying to conceive right now so i want to know the risks",
        [("ask_condition", 0.9)],
        [("pregnancy", 0.5)],
        [("condition", "hashimotos")],
    )
    checker.process([message])
    found = verdict_entities(message)
    assert (found.get("answer"), found.get("second_topic"), found.get("caution")) == (
        ["condition/hashimotos"],
        None,
        ["pregnancy"],
    )


def test_whether_it_helps_after_a_story_of_one_condition_is_that_conditions_answer():
    # "I'm 2 years into long covid... been through metoprolol... Do you think LDN could help with my symptoms?"
    # was refused for the medicines told, as the classifier read it "not covered" (2026-11-28, set 100, new words).
    message = parsed(
        "Three years of MS now. I've been through copaxone and tecfidera. Could LDN help my symptoms at all?",
        [("out_of_scope", 0.6), ("ask_condition", 0.3)],
        [("benefits", 0.4)],
        (("condition", "multiple_sclerosis", "MS"), ("medicine", "copaxone"), ("medicine", "tecfidera")),
    )
    intent, _, found = verdict(message)
    assert (intent, found["answer"], found["caution"]) == (
        "ask_condition",
        ["condition/multiple_sclerosis"],
        ["medicine"],
    )
    # ...not when the question names another medicine (set 68's kratom).
    message = parsed(
        "Chronic pain for years. Could LDN help it even with my kratom?",
        [("out_of_scope", 0.6), ("ask_condition", 0.3)],
        [("pain", 0.4)],
        (("condition", "chronic_pain", "Chronic pain"), ("medicine", "kratom")),
    )
    assert verdict(message)[0] == "out_of_scope"
    # ...but what an addiction told is to is no medicine taken (set 87).
    message = parsed(
        "a bottle of wine most nights and I want to cut down, could naltrexone help with wine cravings?",
        [("out_of_scope", 0.5), ("ask_condition", 0.3)],
        [("what_is", 0.2)],
        (("condition", "addiction", "wine cravings"),),
    )
    assert verdict(message)[0] == "ask_condition"
    # ...nor beside another question the classifier refused (set 39).
    message = parsed(
        "Is LDN fine before a colonoscopy? and does it help my MS",
        [("out_of_scope", 0.6), ("ask_condition", 0.3)],
        [("side_effects", 0.3)],
        (("condition", "multiple_sclerosis", "MS"),),
    )
    assert verdict(message)[0] == "out_of_scope"
