"""Intent and FAQ answer from one linear model, in place of DIET + ResponseSelector.

One scikit-learn model (ldn/sentence_model.py: word and character n-grams, logistic
regression) is trained on every example with its full label: `faq/<topic>` for an
answer, the intent name otherwise. From its probabilities this component writes what
DIET and the ResponseSelector wrote, in their formats, so the scope gate, the policy
and the tracker read them unchanged:

- the intent: a label's intent is the part before "/", its confidence the sum of
  its labels' probabilities (all `faq/*` together make `faq`);
- the FAQ answer ranking: the `faq/*` labels, their probabilities renormalised
  among themselves, as the ResponseSelector (trained on FAQ examples only) ranks.

Why (issue 11, measured in the README "Performance"): the two TensorFlow models
took most of a message's time, most of training, and the model load at start-up;
this model trains in seconds and answers in about a millisecond.
"""

import sys
import warnings
from collections import defaultdict
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    INTENT_RESPONSE_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from ldn import sentence_model
from ldn.nlu.base import source_fingerprint
from ldn.sentence_model import SentenceModel

MODEL_FILE = "linear_model.pkl"
RETRIEVAL_INTENT = "faq"
SELECTOR_KEY = "response_selector"
RANKING_LENGTH = 10  # as DIET and the ResponseSelector report by default

# Rasa warns at training that the `faq/*` examples train no ResponseSelector: this
# component trains on them (its check names the ResponseSelector class only).
warnings.filterwarnings(
    "ignore", message="You have defined training data with examples for training a response selector"
)


def labelled_examples(training_data: TrainingData) -> list[tuple[str, str]]:
    """(text, label) of every example: `faq/<topic>` for an answer, else the intent."""
    return [
        (example.get(TEXT), example.get(INTENT_RESPONSE_KEY) or example.get(INTENT))
        for example in training_data.intent_examples
        if example.get(TEXT)
    ]


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class LinearClassifier(GraphComponent):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"random_seed": 42}

    @staticmethod
    def fingerprint_addon(config: dict[str, Any]) -> str | None:
        """Editing the code that trains it retrains it."""
        return source_fingerprint(sys.modules[__name__], sentence_model)

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: SentenceModel | None = None,
    ) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage, self._resource = model_storage, resource
        self.model = model

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "LinearClassifier":
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "LinearClassifier":
        with model_storage.read_from(resource) as directory:
            model = SentenceModel.load(directory / MODEL_FILE)
        return cls(config, model_storage, resource, model)

    def train(self, training_data: TrainingData) -> Resource:
        self.model = SentenceModel.train(labelled_examples(training_data), seed=self.config["random_seed"])
        with self._model_storage.write_to(self._resource) as directory:
            self.model.save(directory / MODEL_FILE)
        return self._resource

    def process(self, messages: list[Message]) -> list[Message]:
        if self.model is None:
            return messages
        for message in messages:
            text = message.get(TEXT)
            if text:
                self._classify(message, self.model.rank(text, top=None))
        return messages

    @staticmethod
    def _classify(message: Message, ranked: list[tuple[str, float]]) -> None:
        by_intent: dict[str, float] = defaultdict(float)
        answers = []
        for label, probability in ranked:
            intent, _, response = label.partition("/")
            by_intent[intent] += probability
            if intent == RETRIEVAL_INTENT and response:
                answers.append((label, probability))
        intents = sorted(by_intent.items(), key=lambda item: item[1], reverse=True)
        ranking = [{INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: p} for name, p in intents[:RANKING_LENGTH]]
        message.set(INTENT, ranking[0], add_to_output=True)
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        if answers:
            message.set(SELECTOR_KEY, _selector(answers), add_to_output=True)


def _selector(answers: list[tuple[str, float]]) -> dict[str, Any]:
    """The ResponseSelector's output for the `faq` retrieval intent."""
    total = sum(p for _, p in answers) or 1.0
    ranking = [{INTENT_RESPONSE_KEY: label, PREDICTED_CONFIDENCE_KEY: p / total} for label, p in answers]
    best = ranking[0]
    return {
        "all_retrieval_intents": [RETRIEVAL_INTENT],
        RETRIEVAL_INTENT: {
            "response": {
                "responses": [],
                PREDICTED_CONFIDENCE_KEY: best[PREDICTED_CONFIDENCE_KEY],
                INTENT_RESPONSE_KEY: best[INTENT_RESPONSE_KEY],
                "utter_action": f"utter_{best[INTENT_RESPONSE_KEY]}",
            },
            "ranking": ranking[:RANKING_LENGTH],
        },
    }
