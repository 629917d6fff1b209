"""Content words: what a message is about, without the words every question shares.

The off-topic check (the scope gate, ldn/nlu/scope_gate.py) compares a message's content
words with those of the answers' training examples. "How do I renew my
passport?" shares only "how do I" with "how do I take LDN?", so it has no
content word in common with any answer and is not answered from the guide.
"""

import re
from collections.abc import Iterable

from spacy.lang.en.stop_words import STOP_WORDS

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
