"""Flesch-Kincaid grade level, with our own syllable counter (no dictionary download).

grade = 0.39 * words/sentences + 11.8 * syllables/words - 15.59

Sentences end at . ! ? and at line breaks (a bullet line or a bubble is read as
one sentence). Acronyms (LDN, MS, CRPS) count as one syllable: patients read
them as names. Placeholders are filled in before scoring.
"""

import re

_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
# Vowel pairs read as two syllables ("ri-ot", "cre-ate", "di-et", "re-al").
_TWO_SYLLABLE_PAIRS = re.compile(
    r"(?:ia|io(?!n|u)|(?<![ctgx])iou|iet|ience|eing|ea$|ea(?=l\b|t(?:e|ion|ing)|ted)|uo|eo(?!u|p)|ua(?!r|l\b)|(?<=.)ya(?!r))"
)


def syllables(word: str) -> int:
    """Syllables in one English word, by vowel groups with the common corrections."""
    if word.isupper() and len(word) <= 6:
        return 1  # an acronym
    word = re.sub(r"[^a-z]", "", word.lower())
    if not word:
        return 0
    count = len(_VOWEL_GROUPS.findall(word))
    count += len(_TWO_SYLLABLE_PAIRS.findall(word))
    if word.endswith("e") and not re.search(r"[^aeiouy]le$", word) and count > 1:
        count -= 1  # silent e: "take", "dose", "immune"
    elif re.search(r"[^aeiouytd]ed$", word) and count > 1:
        count -= 1  # "helped", "used"
    elif re.search(r"[^aeiouy]es$", word) and not re.search(r"(?:[sxz]|ch|sh|c|g)es$", word) and count > 1:
        count -= 1  # "takes", "makes" (but "doses", "causes" keep it)
    return max(1, count)


def sentences(text: str) -> list[str]:
    return [part for part in _SENTENCE_END.split(text) if _WORD.search(part)]


def words(text: str) -> list[str]:
    return [w.strip("'’-") for w in _WORD.findall(text) if w.strip("'’-")]


def grade(text: str) -> float:
    """Flesch-Kincaid grade level of a text (0 for a text without words)."""
    found = words(text)
    if not found:
        return 0.0
    count = len(sentences(text)) or 1
    return 0.39 * len(found) / count + 11.8 * sum(syllables(w) for w in found) / len(found) - 15.59
