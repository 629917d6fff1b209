"""Group declined messages that ask the same thing, so a curator reads each question once.

Explainable on purpose (no model, no download):

1. normalise: lower case, redaction labels ("[name]") and punctuation dropped,
   common small words dropped ("the", "is", "can", "i"...), a plural "s" trimmed;
2. two messages are alike when their word sets overlap by at least SIMILARITY
   (Jaccard: shared words / all words of the two);
3. greedy: messages are taken most frequent first; each joins the first group
   whose first message it is alike to, or starts a new group.

So "Can I drink alcohol on LDN?" and "is drinking alcohol ok with ldn" (shared:
alcohol, ldn, drink) group together; "does it help lupus" stays apart.
"""

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

SIMILARITY = 0.5

STOP_WORDS = frozenset(
    "a an the and or but if so of to in on at for with by from about as is are was were be been am do does did "
    "can could would should will shall may might must i me my we our you your it its this that these those "
    "there here what which who how when why where any some have has had not no yes just also too very really "
    "please hi hello hey thanks thank ok okay im i'm it's get got take taking".split()
)
_WORD = re.compile(r"\[[a-z]+\]|[a-z0-9]+(?:'[a-z]+)?")  # a label is matched whole, then dropped


def _stem(word: str) -> str:
    """Crude and predictable: drinking -> drink, side effects -> side effect."""
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def words(text: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in _WORD.findall(text.lower()) if w not in STOP_WORDS and not w.startswith("["))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


@dataclass
class Group:
    example: str  # the most frequent message of the group
    key: frozenset[str]
    messages: dict[str, int] = field(default_factory=dict)  # message -> times asked

    @property
    def count(self) -> int:
        return sum(self.messages.values())


def group_messages(messages: Iterable[str], similarity: float = SIMILARITY) -> list[Group]:
    """Groups, largest first; within each, messages most asked first."""
    counts = Counter(m.strip() for m in messages if m and m.strip())
    groups: list[Group] = []
    for text, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        key = words(text)
        for group in groups:
            if jaccard(key, group.key) >= similarity:
                group.messages[text] = count
                break
        else:
            groups.append(Group(example=text, key=key, messages={text: count}))
    return sorted(groups, key=lambda g: (-g.count, g.example))
