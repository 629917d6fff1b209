"""A small second classifier the scope gate asks about ONE sentence or question.

DIET reads the whole message. In a long story the question is one sentence among
many, and a second question hides behind "and what does it cost". The gate asks
this model about each question piece. It is a linear model over word and
character n-grams of the same training examples (labels: faq/<topic>,
ask_condition, out_of_scope, ...): trains in about a second, answers in well
under a millisecond, and is stored inside the Rasa model.
"""

from collections.abc import Iterable

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

    def rank(self, text: str, top: int = 3) -> list[tuple[str, float]]:
        """The `top` labels for `text`, best first, with probabilities."""
        probabilities = self.pipeline.predict_proba([text.lower()])[0]
        classes = self.pipeline.classes_
        order = probabilities.argsort()[::-1][:top]
        return [(str(classes[i]), float(probabilities[i])) for i in order]
