"""Flesch-Kincaid grade level, computed here (no package, no download).

    grade = 0.39 * words/sentences + 11.8 * syllables/words - 15.59

Syllables are counted by vowel groups with the usual English corrections (silent
final e, -le, -ed); exact enough to tell a grade-6 answer from a grade-12 one,
which is what the sign-off sheet needs. Placeholders like {clinic_phone} count as
one short word.
"""

import re

_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?|\{[a-z_]+\}|\d+(?:\.\d+)?")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n\n|\n•|:\n")
_VOWELS = re.compile(r"[aeiouy]+")


def syllables(word: str) -> int:
    word = word.lower()
    if word.startswith("{") or word[0].isdigit():
        return 1
    word = word.split("'")[0]
    count = len(_VOWELS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1  # silent e: "take"
    if word.endswith("ed") and not word.endswith(("ted", "ded")) and count > 1:
        count -= 1  # "used"
    return max(count, 1)


def words(text: str) -> list:
    return _WORD.findall(text)


def sentences(text: str) -> int:
    parts = [p for p in _SENTENCE_END.split(text) if words(p)]
    return max(len(parts), 1)


def grade(text: str) -> float:
    found = words(text)
    if not found:
        return 0.0
    total = sum(syllables(w) for w in found)
    return round(0.39 * len(found) / sentences(text) + 11.8 * total / len(found) - 15.59, 1)
