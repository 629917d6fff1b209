"""Mask personal details in patients' messages before staff see them.

One function, `redact(text)`, replaces each kind with a bracketed label:

    [email]    anything@host.tld
    [date]     a full date ("12/03/1985", "1985-03-12", "March 12, 1985", "12th of March 1985"),
               and "born in 1985" / "DOB ..." : dates of birth are the risk, and any full date is masked
    [address]  a street address ("42 Elm Street", "7b Baker St."), a PO box, a US ZIP+4 or UK postcode
    [phone]    7 or more digits written as a phone number ("(555) 010-0000", "+44 20 7946 0958")
    [name]     a name after a cue: "my name is Ann Lee", "I'm called Raj", "this is Maria",
               "my daughter Emma", "Dr. Patel", "thanks, Sarah"

Names without a cue ("Ann has MS") are NOT caught: there is no list of every
name, and guessing from capital letters would also mask "Crohn's" and "MS".
The report says so beside the messages. Order matters: emails and dates go
first so their digits are not read as phone numbers.
"""

import re
from collections.abc import Callable
from typing import Union

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", re.UNICODE)

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?:[0-2]?\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
DATE = re.compile(
    r"\b(?:"
    r"\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"  # 12/03/1985, 3-12-85
    r"|\d{4}-\d{1,2}-\d{1,2}"  # 1985-03-12
    rf"|{_MONTH}\s+{_DAY},?\s+{_YEAR}"  # March 12, 1985
    rf"|{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}"  # 12th of March 1985
    rf"|(?:born|birthday|birth\s*date|date\s+of\s+birth|dob)\b[:\s]*(?:(?:on|in|is|was)\s+)?(?:{_MONTH}\s+)?{_YEAR}"
    r")\b",
    re.IGNORECASE,
)

_STREET = (
    r"(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|court|ct|way|place|pl"
    r"|terrace|crescent|close|square|sq|highway|hwy|parkway|pkwy|circle|cir)\b\.?"
)
ADDRESS = re.compile(
    r"\b(?:"
    rf"\d{{1,5}}[a-z]?\s+(?:[A-Za-z][\w'-]*\s+){{1,3}}{_STREET}(?:,?\s+(?:apt|apartment|unit|suite|#)\s*\w+)?"
    r"|p\.?\s?o\.?\s+box\s+\d+"
    r"|\d{5}-\d{4}"  # ZIP+4
    r"|[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}"  # UK postcode (capitals only)
    r")",
    re.IGNORECASE,
)
_UK_POSTCODE_CASE = re.compile(r"[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}")

# A phone number: optional +country, then digits and separators, 7 to 15 digits in all.
PHONE = re.compile(r"(?<![\w.])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)[\s.-]?)?\d[\d\s.-]{5,}\d(?![\w.])")
_PHONE_DIGITS = (7, 15)

# Words after which a capitalised word is a person's name.
_NAME_WORD = r"[A-Z][a-zA-Z'-]+"
_FULL_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD})?"
NAME_CUES = [
    # "my name is ann lee": a name even in lower case.
    re.compile(
        r"(?i)\b(?:my name is|my name's|name:|i am called|i'm called|im called)\s+"
        r"([a-z][a-z'-]+(?:\s+[a-z][a-z'-]+)?)"
    ),
    re.compile(rf"(?i:\b(?:call me|this is|signed|regards,?|thanks,|thank you,|cheers,|love,)\s+)({_FULL_NAME})"),
    re.compile(rf"(?i:\b(?:i am|i'm|im)\s+)({_NAME_WORD})(?=\s*(?:[,.!]|$|and\b))"),
    re.compile(
        rf"(?i:\b(?:my|our|her|his)\s+(?:mother|mom|mum|father|dad|son|daughter|husband|wife|partner|"
        rf"brother|sister|friend|child|kid|baby|grandson|granddaughter|grandma|grandpa|aunt|uncle|"
        rf"doctor|gp|neurologist|pharmacist)\s+)({_FULL_NAME})"
    ),
    re.compile(rf"(?i:\b(?:dr|doctor|mr|mrs|ms|miss|mx|nurse|prof)\.?\s+)({_FULL_NAME})"),
]
# Capitalised words that follow a cue but are not names ("I'm Fine", "this is LDN", "Dr. Google").
NOT_NAMES = {
    "ldn",
    "naltrexone",
    "fine",
    "ok",
    "okay",
    "new",
    "here",
    "sorry",
    "not",
    "so",
    "very",
    "just",
    "pregnant",
    "confused",
    "worried",
    "scared",
    "sure",
    "back",
    "still",
    "also",
    "really",
    "on",
    "taking",
    "having",
    "trying",
    "going",
    "wondering",
    "the",
    "a",
    "it",
    "about",
    "from",
    "in",
    "ms",
    "me",
    "my",
    "google",
    "and",
    "or",
    "but",
    "i",
    "im",
    "with",
    "have",
    "has",
    "had",
    "was",
    "is",
    "am",
    "are",
    "do",
    "did",
    "can",
    "will",
    "who",
    "she",
    "he",
    "they",
    "we",
    "you",
    "to",
    "at",
    "for",
    "thank",
    "thanks",
    "hello",
    "hi",
    "yes",
    "no",
    "good",
    "well",
}

Replacement = Union[str, Callable[[re.Match], str]]  # noqa: UP007 (a runtime alias: `|` on Callable needs 3.10 typing)


def _phone(match: re.Match) -> str:
    digits = sum(ch.isdigit() for ch in match.group(0))
    low, high = _PHONE_DIGITS
    return "[phone]" if low <= digits <= high else match.group(0)


def _address(match: re.Match) -> str:
    text = match.group(0)
    if re.fullmatch(r"[A-Za-z]{1,2}\d[A-Za-z\d]?\s+\d[A-Za-z]{2}", text) and not _UK_POSTCODE_CASE.fullmatch(text):
        return text  # "ms 1mg"-like lower-case strings are not postcodes
    return "[address]"


def _name(match: re.Match) -> str:
    words = match.group(1).split()
    kept: list[str] = []
    for word in words:
        if word.lower().strip("'") in NOT_NAMES:
            break
        kept.append(word)
    if not kept:
        return match.group(0)
    start = match.start(1) - match.start(0)
    name_text = " ".join(kept)
    rest = match.group(1)[len(name_text) :]
    return match.group(0)[:start] + "[name]" + rest


STEPS: list[tuple[re.Pattern, Replacement]] = [
    (EMAIL, "[email]"),
    (DATE, "[date]"),
    (ADDRESS, _address),
    (PHONE, _phone),
    *[(cue, _name) for cue in NAME_CUES],
]


def redact(text: str) -> str:
    """The message with emails, dates, addresses, phone numbers and cued names masked."""
    for pattern, replacement in STEPS:
        text = pattern.sub(replacement, text)
    return text
