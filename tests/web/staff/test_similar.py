"""Grouping declined messages by shared words."""

import pytest

from web.staff.similar import group_messages, jaccard, words

pytestmark = pytest.mark.unit


def test_same_question_in_other_words_is_one_group():
    groups = group_messages(
        [
            "Can I drink alcohol on LDN?",
            "is drinking alcohol ok with ldn",
            "can i drink alcohol on ldn",
            "does it help lupus",
            "does ldn help lupus?",
            "how do I renew my passport",
        ]
    )
    assert [g.count for g in groups] == [3, 2, 1]
    assert groups[0].example.lower().startswith("can i drink alcohol")
    assert set(groups[1].messages) == {"does it help lupus", "does ldn help lupus?"}


def test_repeats_are_counted_and_most_asked_comes_first():
    groups = group_messages(["does ldn help lupus"] * 3 + ["can I drink alcohol on ldn"] * 2)
    assert [(g.example, g.count) for g in groups] == [("does ldn help lupus", 3), ("can I drink alcohol on ldn", 2)]


def test_small_words_do_not_make_messages_alike():
    assert jaccard(words("can I take it with food"), words("can I take it with tramadol")) < 0.5
    assert len(group_messages(["can I take it with food", "can I take it with tramadol"])) == 2


def test_redaction_labels_and_empty_messages_are_dropped():
    assert words("call me on [phone]") == {"call"}
    assert group_messages(["", "   "]) == []
