"""The sentence model's fast path gives the scikit-learn pipeline's own probabilities."""

import pytest

from ldn.sentence_model import SentenceModel, normalise

pytestmark = pytest.mark.unit

EXAMPLES = [
    ("how do i take ldn", "faq/how_to_take"),
    ("when should i take my dose", "faq/how_to_take"),
    ("what are the side effects", "faq/side_effects"),
    ("does ldn cause vivid dreams", "faq/side_effects"),
    ("hello there", "greet"),
    ("good morning", "greet"),
    ("renew my passport", "out_of_scope"),
    ("what's the weather", "out_of_scope"),
]
TEXTS = ["Does LDN give you weird dreams?", "hi!", "how do I take it at night", "", "passport renewal help"]


def test_ranks_are_the_pipelines_probabilities_in_one_pass_or_one_by_one():
    model = SentenceModel.train(EXAMPLES)
    expected = model.pipeline.predict_proba([normalise(t) for t in TEXTS])
    classes = list(model.pipeline.classes_)
    batch = model.rank_each(TEXTS, top=None)
    for text, row, ranked in zip(TEXTS, expected, batch, strict=True):
        assert ranked == model.rank(text, top=None)
        assert [label for label, _ in ranked] == [classes[i] for i in row.argsort()[::-1]]
        assert [p for _, p in ranked] == pytest.approx(sorted(row, reverse=True), abs=1e-12)
    assert model.rank_each([], top=1) == []
    assert len(model.rank("hello", top=2)) == 2


@pytest.mark.parametrize(
    "text, spelled_out",
    [
        ("who shouldnt take LDN", "who shouldn't take ldn"),
        ("Im on it and it\u2019s fine, dont know why", "i'm on it and it's fine, don't know why"),
        ("wat r the perks, u think", "what are the perks, you think"),
        ("is ldn ok", "is ldn ok"),
        ("cud it help, shud i ask", "could it help, should i ask"),
        # The drug's name as voice typing spells it (2026-11-27, set 12).
        ("is l d n safe", "is ldn safe"),
        ("low dose nal trex own for my back", "low dose naltrexone for my back"),
        # Clinical shorthand (2026-11-27, set 38).
        ("any common AEs? and the MOA", "any common side effects? and the how it works"),
    ],
)
def test_shorthand_is_spelled_out(text, spelled_out):
    assert normalise(text) == spelled_out


def test_shorthand_reads_as_its_spelled_out_form_in_training_and_prediction():
    model = SentenceModel.train([*EXAMPLES, ("who shouldn't take it", "faq/safety"), ("who is it for", "faq/safety")])
    assert model.rank("who shouldnt take it", top=None) == model.rank("who shouldn't take it", top=None)
    assert model.rank("who shouldnt take it", top=1)[0][0] == "faq/safety"


def test_same_examples_fit_once_and_same_file_loads_once(tmp_path):
    """The linear classifier and the scope gate train one model and serve one copy."""
    first, second = SentenceModel.train(EXAMPLES), SentenceModel.train(list(EXAMPLES))
    assert first is second
    assert SentenceModel.train(EXAMPLES, seed=7) is not first
    for name in ("classifier.pkl", "gate.pkl"):
        first.save(tmp_path / name)
    loaded = SentenceModel.load(tmp_path / "classifier.pkl")
    assert loaded is SentenceModel.load(tmp_path / "gate.pkl") and loaded is not first
    assert loaded.rank("hi!", top=None) == first.rank("hi!", top=None)
