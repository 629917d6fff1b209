import pytest

from ldn.vocabulary import content_words, is_off_topic, telling_words, vocabulary, words_of

pytestmark = pytest.mark.unit


def test_content_words_drop_the_words_every_question_shares():
    assert content_words("How do I take LDN?") == ["ldn"]
    assert content_words("what’s it for") == []


def test_off_topic_needs_content_words_none_of_them_known():
    known = vocabulary(["what is ldn", "side effects of naltrexone"])
    assert is_off_topic("how do i renew my passport", known)
    assert not is_off_topic("passport and ldn", known)
    assert not is_off_topic("how much?", known)


def test_telling_words_mark_one_label_often_and_the_others_rarely():
    examples = [
        ("my chest is tight", "emergency"),
        ("chest pain right now", "emergency"),
        ("crushing chest and my arm is numb", "emergency"),
        ("my arm is sore after the jab", "faq/side_effects"),
        ("what does ldn cost", "faq/cost"),
        ("is ldn a pill", "faq/how_to_take"),
    ]
    # "chest": in all 3 emergency examples, none elsewhere. "arm": in one of each.
    assert telling_words(examples, "emergency", min_count=3, ratio=2) == {"chest"}
    assert telling_words(examples, "emergency", min_count=1, ratio=1) >= {"chest", "tight", "crushing"}
    assert "arm" not in telling_words(examples, "emergency", min_count=1, ratio=1)
    assert telling_words(examples, "greet", min_count=1, ratio=1) == set()


def test_words_are_read_as_the_classifiers_spell_them():
    assert words_of("I cant breathe, its bad") == {"breathe", "bad"}
