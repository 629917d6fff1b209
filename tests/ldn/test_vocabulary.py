import pytest

from ldn.vocabulary import content_words, is_off_topic, vocabulary

pytestmark = pytest.mark.unit


def test_content_words_drop_the_words_every_question_shares():
    assert content_words("How do I take LDN?") == ["ldn"]
    assert content_words("what’s it for") == []


def test_off_topic_needs_content_words_none_of_them_known():
    known = vocabulary(["what is ldn", "side effects of naltrexone"])
    assert is_off_topic("how do i renew my passport", known)
    assert not is_off_topic("passport and ldn", known)
    assert not is_off_topic("how much?", known)
