"""A small second classifier the scope gate asks about ONE sentence or question.

The classifier reads the whole message. In a long story the question is one sentence among
many, and a second question hides behind "and what does it cost". The gate asks
this model about each question piece. It is a linear model over word and
character n-grams of the same training examples (labels: faq/<topic>,
ask_condition, out_of_scope, ...): trains in about 9 s, answers in about 0.25 ms
(`_FastPath`), and is stored inside the Rasa model. ldn/nlu/linear_classifier.py uses
the same model on the whole message.
"""

import functools
import pickle
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from ldn.text import spelled_plainly


class SentenceModel:
    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        self._fast: _FastPath | None = None

    @classmethod
    def train(cls, examples: Iterable[tuple[str, str]], seed: int = 42) -> "SentenceModel":
        """The model for these examples. The linear classifier and the scope gate train it
        on the same examples in one `rasa train`: it is fitted once (about 9 s)."""
        return _fit(tuple(examples), seed)

    def save(self, path: Path) -> None:
        path.write_bytes(pickle.dumps(self))

    @staticmethod
    def load(path: Path) -> "SentenceModel":
        """The stored model; the same file content loads once per process, so the classifier
        and the gate share one copy (and one fast path) when served."""
        return _unpickle(path.read_bytes())

    def __getstate__(self) -> dict[str, Any]:
        return {"pipeline": self.pipeline}  # the fast path is rebuilt after loading

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.pipeline, self._fast = state["pipeline"], None

    def rank(self, text: str, top: int | None = 3) -> list[tuple[str, float]]:
        """The `top` labels for `text` (all with None), best first, with probabilities."""
        return self.rank_each([text], top)[0]

    def rank_each(self, texts: list[str], top: int | None = 3) -> list[list[tuple[str, float]]]:
        """`rank` for several texts (the sentences of one message)."""
        if self._fast is None:
            self._fast = _FastPath.of(self.pipeline)
        ranked = []
        for text in texts:
            probabilities = self._fast.probabilities(normalise(text))
            order = probabilities.argsort()[::-1][:top]
            ranked.append([(str(self._fast.classes[i]), float(probabilities[i])) for i in order])
        return ranked


# Patients' shorthand, spelled out so "shouldnt" reads as "shouldn't" (the training examples are
# mostly spelled out): apostrophes left out or curly, a few text-message words and clinical abbreviations.
_NO_APOSTROPHE = re.compile(r"\b(should|could|would|do|does|did|is|are|was|were|has|have|had|ca|wo|must|need)nt\b")
_SHORTHAND = {
    "im": "i'm",
    "ive": "i've",
    "whats": "what's",
    "hows": "how's",
    "thats": "that's",
    "theres": "there's",
    "youre": "you're",
    "theyre": "they're",
    "u": "you",
    "r": "are",
    "ur": "your",
    "wat": "what",
    "cud": "could",
    "shud": "should",
    "wud": "would",
    "wht": "what",
    "abt": "about",
    "pls": "please",
    "plz": "please",
    "bc": "because",
    "cuz": "because",
    "coz": "because",
    # Clinical shorthand that well-read patients and carers use (patients_dev38, 2026-11-27).
    "aes": "side effects",
    "ses": "side effects",  # care staff (patients_dev44, 2026-11-27)
    "moa": "how it works",
    "tolerability": "how well tolerated",
    "efficacy": "how well it works",
}
_WORD = re.compile(r"[a-z]+")


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, and shorthand spelled out (training and prediction alike)."""
    text = _NO_APOSTROPHE.sub(r"\1n't", text.lower().replace("\u2019", "'").replace("\u2018", "'"))
    text = spelled_plainly(text)
    return _WORD.sub(lambda word: _SHORTHAND.get(word.group(0), word.group(0)), text)


@functools.lru_cache(maxsize=2)
def _fit(examples: tuple[tuple[str, str], ...], seed: int) -> SentenceModel:
    texts, labels = zip(*examples, strict=False)
    features = FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, min_df=2)),
        ]
    )
    pipeline = Pipeline(
        [
            ("features", features),
            ("classifier", LogisticRegression(C=20.0, max_iter=2000, random_state=seed)),
        ]
    )
    pipeline.fit([normalise(t) for t in texts], list(labels))
    return SentenceModel(pipeline)


@functools.lru_cache(maxsize=2)
def _unpickle(data: bytes) -> SentenceModel:
    model = pickle.loads(data)
    assert isinstance(model, SentenceModel)
    return model


@dataclass
class _FastPath:
    """The trained pipeline's arithmetic for one text, without scikit-learn's per-call checks.

    scikit-learn validates and converts at every step (vectorizer, tf-idf, union,
    classifier): about 4 ms for one sentence, several times a message. The same
    n-gram counts, sublinear tf, idf weights, l2 norm per feature set, linear scores and
    softmax take about 0.2 ms (README, "Performance"); tests/ldn/test_sentence_model.py
    checks the probabilities equal the pipeline's own.
    """

    parts: list[tuple[Callable[[str], list[str]], dict[str, int], np.ndarray, int]]
    coef: np.ndarray  # (classes, features)
    intercept: np.ndarray
    classes: np.ndarray

    @classmethod
    def of(cls, pipeline: Pipeline) -> "_FastPath":
        union, classifier = pipeline.named_steps["features"], pipeline.named_steps["classifier"]
        parts, offset = [], 0
        for _, vectorizer in union.transformer_list:
            parts.append((vectorizer.build_analyzer(), vectorizer.vocabulary_, vectorizer.idf_, offset))
            offset += len(vectorizer.vocabulary_)
        # A multinomial model (more than two labels, lbfgs): probabilities are the softmax of the scores.
        assert classifier.classes_.size > 2 and classifier.solver == "lbfgs" and classifier.multi_class == "auto"
        return cls(parts, classifier.coef_, classifier.intercept_, classifier.classes_)

    def probabilities(self, text: str) -> np.ndarray:
        scores = self.intercept.copy()
        for analyze, vocabulary, idf, offset in self.parts:
            counts = Counter(vocabulary[gram] for gram in analyze(text) if gram in vocabulary)
            if not counts:
                continue
            columns = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            weights = (np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts))) + 1.0) * idf[columns]
            weights /= np.sqrt(weights @ weights)
            scores += self.coef[:, columns + offset] @ weights
        scores = np.exp(scores - scores.max())
        return scores / scores.sum()
