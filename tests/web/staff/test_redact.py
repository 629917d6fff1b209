"""Redaction before staff see a message: one test per kind, and what must survive."""

import pytest

from web.staff.redact import redact

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    "text, expected",
    [
        ("my name is Ann Lee and I have MS", "my name is [name] and I have MS"),
        ("my name is ann and i have ms", "my name is [name] and i have ms"),
        ("hi this is Maria, quick question", "hi this is [name], quick question"),
        ("my daughter Emma swallowed two pills", "my daughter [name] swallowed two pills"),
        ("Dr. Patel put me on 1.5mg", "Dr. [name] put me on 1.5mg"),
        ("that's all, thanks, Sarah", "that's all, thanks, [name]"),
    ],
)
def test_names(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    ["call me on (555) 010-2233", "my number is +44 20 7946 0958", "text 555.123.4567 please", "ring 07700 900123"],
)
def test_phone_numbers(text):
    assert "[phone]" in redact(text)
    assert not any(ch.isdigit() for ch in redact(text)), redact(text)


@pytest.mark.parametrize("text", ["email me at ann.lee+ldn@mail.example.com", "ANN@EXAMPLE.ORG is my email"])
def test_emails(text):
    assert "[email]" in redact(text) and "@" not in redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "DOB 12/03/1985",
        "I was born on March 12, 1985",
        "born 1985-03-12",
        "birthday 12th of March 1985",
        "I was born in 1962 and have MS",
    ],
)
def test_dates_of_birth(text):
    assert "[date]" in redact(text)
    assert not any(year in redact(text) for year in ("1985", "1962")), redact(text)


@pytest.mark.parametrize(
    "text",
    ["I live at 42 Elm Street, Apt 3", "send it to 7 Baker St.", "PO Box 123", "postcode SW1A 1AA", "zip 12345-6789"],
)
def test_addresses(text):
    assert "[address]" in redact(text), redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "can I take 4.5mg with 50mg tramadol",
        "I have Crohn's and MS since 2019",
        "I'm pregnant",
        "I take 3 mg at 10pm",
        "I'm not sure it helps",
        "what are the side effects?",
        "call me",
        "is 1.5 mg to 4.5 mg the usual dose",
    ],
)
def test_ordinary_words_and_doses_stay(text):
    assert redact(text) == text
