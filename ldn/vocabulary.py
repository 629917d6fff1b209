"""Content words: what a message is about, without the words every question shares.

The off-topic check (the scope gate, ldn/nlu/scope_gate.py) compares a message's content
words with those of the answers' training examples. "How do I renew my
passport?" shares only "how do I" with "how do I take LDN?", so it has no
content word in common with any answer and is not answered from the guide.
"""

import re
from collections import Counter
from collections.abc import Iterable

from spacy.lang.en.stop_words import STOP_WORDS

from ldn.sentence_model import normalise

_WORD = re.compile(r"[a-z]+")


def content_words(text: str) -> list[str]:
    """Lower-case words of two letters or more that are not English stop words."""
    return [w for w in _WORD.findall(text.lower().replace("’", "'")) if len(w) > 1 and w not in STOP_WORDS]


def vocabulary(texts: Iterable[str]) -> set[str]:
    words: set[str] = set()
    for text in texts:
        words.update(content_words(text))
    return words


def is_off_topic(text: str, known: set[str]) -> bool:
    """True when the message has content words and none of them is known."""
    words = content_words(text)
    return bool(words) and not any(w in known for w in words)


_TOKEN = re.compile(r"[a-z']{3,}")


def words_of(text: str) -> set[str]:
    """The words of three letters or more, spelled as the classifiers read them ("cant" -> "can't"),
    without the English stop words and their negations ("were", "can't", "won't")."""
    return {
        word
        for word in _TOKEN.findall(normalise(text))
        if word.replace("'", "") not in STOP_WORDS and word not in STOP_WORDS and not word.endswith("n't")
    }


def telling_words(examples: Iterable[tuple[str, str]], label: str, min_count: int, ratio: float) -> set[str]:
    """Words that mark `label`'s examples: in at least `min_count` of them, and at least `ratio`
    times as frequent there as in the other examples (by share of examples, one added to the others'
    count so a word they never use needs `min_count` alone)."""
    inside: Counter[str] = Counter()
    outside: Counter[str] = Counter()
    sizes: Counter[bool] = Counter()
    for text, example_label in examples:
        own = example_label == label
        (inside if own else outside).update(words_of(text))
        sizes[own] += 1
    if not sizes[True]:
        return set()
    return {
        word
        for word, count in inside.items()
        if count >= min_count and (count / sizes[True]) / ((outside[word] + 1) / max(sizes[False], 1)) >= ratio
    }
