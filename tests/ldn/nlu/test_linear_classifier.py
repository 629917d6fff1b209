"""The linear classifier: trained, stored and loaded through Rasa's model storage,
and writing what the scope gate reads (intent ranking, FAQ answer ranking)."""

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from ldn.nlu.linear_classifier import LinearClassifier

pytestmark = pytest.mark.unit

EXAMPLES = [
    ("how do i take ldn", "faq", "faq/how_to_take"),
    ("when should i take my dose", "faq", "faq/how_to_take"),
    ("morning or night for naltrexone", "faq", "faq/how_to_take"),
    ("what are the side effects", "faq", "faq/side_effects"),
    ("does ldn cause vivid dreams", "faq", "faq/side_effects"),
    ("any side effects of naltrexone", "faq", "faq/side_effects"),
    ("hello there", "greet", None),
    ("hi", "greet", None),
    ("good morning", "greet", None),
    ("renew my passport", "out_of_scope", None),
    ("what's the weather", "out_of_scope", None),
]


@pytest.fixture(scope="module")
def classifier(tmp_path_factory):
    """Trained, persisted and loaded back: what a served model runs."""
    storage, resource = LocalModelStorage(tmp_path_factory.mktemp("linear")), Resource("linear")
    context = ExecutionContext(GraphSchema({}), "test")
    training = TrainingData(
        [
            Message(data={"text": text, "intent": intent, **({"intent_response_key": key} if key else {})})
            for text, intent, key in EXAMPLES
        ]
    )
    LinearClassifier.create({}, storage, resource, context).train(training)
    return LinearClassifier.load({}, storage, resource, context)


def classified(classifier, text):
    message = Message(data={"text": text})
    classifier.process([message])
    return message


def test_an_answer_question_gets_the_faq_intent_and_the_answer(classifier):
    message = classified(classifier, "what side effects does ldn have")
    assert message.get("intent")["name"] == "faq"
    response = message.get("response_selector")["faq"]["response"]
    assert response["intent_response_key"] == "faq/side_effects"
    assert response["utter_action"] == "utter_faq/side_effects"


def test_the_faq_intent_is_as_sure_as_all_its_answers_together(classifier):
    """The `faq` intent is the sum of every faq/* probability, so two close answers don't make it unsure."""
    text = "what side effects does ldn have"
    message = classified(classifier, text)
    ranking = message.get("intent_ranking")
    joint = classifier.model.rank(text, top=None)
    assert message.get("intent")["confidence"] == pytest.approx(
        sum(p for label, p in joint if label.startswith("faq/"))
    )
    assert sum(entry["confidence"] for entry in ranking) == pytest.approx(1.0)
    assert [entry["name"] for entry in ranking].count("faq") == 1


def test_the_answers_are_ranked_among_themselves(classifier):
    """As the ResponseSelector ranked them: their confidences add up to one, best first."""
    answers = classified(classifier, "hello there")  # an answer ranking even for a greeting
    ranking = answers.get("response_selector")["faq"]["ranking"]
    assert sum(entry["confidence"] for entry in ranking) == pytest.approx(1.0)
    assert [e["confidence"] for e in ranking] == sorted((e["confidence"] for e in ranking), reverse=True)
    assert {e["intent_response_key"] for e in ranking} == {"faq/how_to_take", "faq/side_effects"}


def test_a_greeting_is_a_greeting(classifier):
    assert classified(classifier, "hi there").get("intent")["name"] == "greet"
