"""A small second classifier the scope gate asks about ONE sentence or question.

The classifier reads the whole message. In a long story the question is one sentence among
many, and a second question hides behind "and what does it cost". The gate asks
this model about each question piece. It is a linear model over word and
character n-grams of the same training examples (labels: faq/<topic>,
ask_condition, out_of_scope, ...): trains in about a second, answers in well
under a millisecond, and is stored inside the Rasa model.
"""

from collections.abc import Iterable

from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline


class SentenceModel:
    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline

    @classmethod
    def train(cls, examples: Iterable[tuple[str, str]], seed: int = 42) -> "SentenceModel":
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
        pipeline.fit([t.lower() for t in texts], list(labels))
        return cls(pipeline)

    def rank(self, text: str, top: int | None = 3) -> list[tuple[str, float]]:
        """The `top` labels for `text` (all with None), best first, with probabilities."""
        return self.rank_each([text], top)[0]

    def rank_each(self, texts: list[str], top: int | None = 3) -> list[list[tuple[str, float]]]:
        """`rank` for several texts in one pass (the sentences of one message)."""
        if not texts:
            return []
        # FeatureUnion.transform stacks the same matrices, but through joblib: measured
        # 4.7 -> 1.8 ms a call (README, "Performance"); tests/ldn/test_sentence_model.py
        # checks the probabilities are the pipeline's own.
        union, classifier = self.pipeline.named_steps["features"], self.pipeline.named_steps["classifier"]
        features = sparse.hstack([part.transform([t.lower() for t in texts]) for _, part in union.transformer_list])
        classes = classifier.classes_
        ranked = []
        for probabilities in classifier.predict_proba(features.tocsr()):
            order = probabilities.argsort()[::-1][:top]
            ranked.append([(str(classes[i]), float(probabilities[i])) for i in order])
        return ranked
