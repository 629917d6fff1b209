"""Long messages: sentences, the question in them, a second question."""

import pytest

from ldn.sentences import question_parts, question_sentences, sentences

pytestmark = pytest.mark.unit


def test_sentences_keep_decimals_together():
    assert sentences("I take 1.5 mg. Is that low?\nthanks") == ["I take 1.5 mg.", "Is that low?", "thanks"]


def test_a_full_stop_after_a_number_ends_a_sentence():
    assert sentences("I had a fit when I was 15. It was a fever") == ["I had a fit when I was 15.", "It was a fever"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("how does ldn work and what does it cost", ["how does ldn work", "what does it cost"]),
        ("what is it used for and whats the normal dose", ["what is it used for", "whats the normal dose"]),
        (
            "why does my group take this stuff, whats the big deal",
            ["why does my group take this stuff, whats the big deal"],
        ),
        ("what is ldn and roughly what does a month of it cost", ["what is ldn", "what does a month of it cost"]),
        # A second question may start with "and", "also", "so"; "need to know ..." asks too.
        ("does ldn help crps? and what does a month cost", ["does ldn help crps?", "what does a month cost"]),
        (
            "need to know the usual dose. also, is it safe long term",
            ["need to know the usual dose.", "also is it safe long term"],
        ),
        (
            "my knees are bad, could ldn help and what are the side effects? also im pregnant",
            ["my knees are bad could ldn help", "what are the side effects?"],
        ),
        # A short question keeps the words before it, which say what "this" is.
        (
            "two weeks in and I wake up at 3am every night, is this normal",
            ["two weeks in and I wake up at 3am every night is this normal"],
        ),
        ("Long story. My mum has RA. She is 70. Could LDN help her?", ["She is 70. Could LDN help her?"]),
        # "and is on ..." goes on telling; a one-word question asks; a question after a comma asks
        # without a question mark; "btw" starts one (2026-11-27, set 20, new words).
        ("dad has MS and is on tecfidera, could ldn help him", ["dad has MS and is on tecfidera could ldn help him"]),
        ("heard it calms crohns. true? also what does it cost", ["heard it calms crohns. true?", "what does it cost"]),
        ("what does ldn treat and is any of it proven", ["what does ldn treat", "is any of it proven"]),
        ("Pregnant? No. what does ldn do", ["No. what does ldn do"]),
        (
            "my aunt takes it for something, what conditions is it usually for. btw is it dear",
            ["what conditions is it usually for.", "btw is it dear"],
        ),
        # A numbered list, inline or line by line; a line that introduces it (2026-11-27, set 28, new words).
        ("1) what does it cost 2) is it safe for a teen", ["what does it cost", "is it safe for a teen"]),
        (
            "Three things I need to know:\n(1) how is it taken\n(2) what are the side effects",
            ["Three things I need to know: how is it taken", "what are the side effects"],
        ),
        ("I take 2) pills at night, is that ok", ["I take 2) pills at night is that ok"]),
        # Marks written "1." too, inline or line by line; "1.5" is no mark (2026-11-27, set 54, new words).
        ("two things 1. what is the cost 2. can kids take it", ["two things what is the cost", "can kids take it"]),
        ("1. side effects?\n2. is it proven?", ["side effects?", "is it proven?"]),
        ("is 1.5 mg the usual dose for 2. weeks", ["is 1.5 mg the usual dose for 2. weeks"]),
        ("Q1: can I crush it\nQ2: what does it cost", ["can I crush it", "what does it cost"]),
        ("q1 is it safe\nq2 what is the dose", ["is it safe", "what is the dose"]),
        # "n" and "&" as texts write "and" (2026-11-27, set 33, new words).
        ("what does it cost n is it safe for my dad", ["what does it cost", "is it safe for my dad"]),
        ("how is it taken & what r the side effects", ["how is it taken", "what r the side effects"]),
        # A topic asked by its name alone, a request, "whether" (2026-11-27, sets 37/38, new words).
        ("Dosage? I have had MS for years", ["Dosage?"]),
        ("need the basics on the cost. im on a pension", ["need the basics on the cost."]),
        (
            "walk me through the side effects, and whether it helps sleep",
            ["walk me through the side effects", "whether it helps sleep"],
        ),
        # No question at all: the last sentence is the concern.
        ("I have MS. I am thinking about LDN.", ["I am thinking about LDN."]),
    ],
)
def test_question_parts(text, expected):
    assert question_parts(text) == expected


def test_dying_to_know_if_asks():
    assert question_sentences("dying to know if LDN actually helps fibro. anyone?") == [
        "dying to know if LDN actually helps fibro.",
        "anyone?",
    ]


def test_a_second_question_after_roughly_is_its_own_piece():
    parts = question_parts("does it work for chronic pain? and roughly how much is it, i pay for everything myself")
    assert parts == ["does it work for chronic pain?", "how much is it, i pay for everything myself"]


def test_wanting_to_understand_asks():
    """ "Mostly I want to understand how LDN works, mum asks me" (2026-11-27, set 28, new words)."""
    from ldn.sentences import is_question

    assert is_question("really i need to understand how it works, my dad keeps asking")
    # ...not "so I want to understand it first" after a question (patients_dev17).
    assert not is_question("im scared of side effects so i want to understand it first")


def test_a_puzzle_without_a_question_mark_asks():
    """ "If it blocks them how is it supposed to help pain." (2026-11-27, set 51, new words)."""
    from ldn.sentences import is_question

    assert is_question("it blocks the receptors so how would it even work for aches.")
    assert is_question("if it stops opioids then why doesnt it make the aches worse.")
    assert not is_question("it works for my sister")
    # Asked for someone else (2026-11-28, set 102, new words).
    assert is_question("my mum wants to know if she can take it at night")


def test_a_full_stop_after_a_decimal_dose_ends_a_sentence():
    """ "On levothyroxine + LDN 1.5. what's known..." (2026-11-27, set 25, new words)."""
    assert sentences("she takes ldn 4.5. does it help ms") == ["she takes ldn 4.5.", "does it help ms"]
    assert sentences("went up to 4.5 mg last week") == ["went up to 4.5 mg last week"]


def test_a_plus_joins_two_questions():
    """ "how does it work + what does it cost" (2026-11-27, set 50, new words)."""
    assert question_parts("how does it work + what does it cost") == ["how does it work", "what does it cost"]


def test_a_plus_before_whats_starts_a_second_question():
    """ "how is ldn taken + whats the usual dose" (2026-11-28, set 77, new words)."""
    assert question_parts("what does it cost + whats the dose") == ["what does it cost", "whats the dose"]


def test_a_second_question_opening_with_whats_is_its_own_piece():
    """ "dose range for low dose naltrexone pls, and what's it used for" (2026-11-28, set 49, new words)."""
    assert question_parts("usual mg for ldn pls, and what's it good for") == [
        "usual mg for ldn pls",
        "what's it good for",
    ]


def test_why_not_asks_about_the_sentence_before_it():
    """ "My doctor said if I'm on tramadol I can't take LDN. Why not?" (2026-11-28, sets 78/79, new words)."""
    told = "my pharmacist says i cant have ldn on my codeine."
    assert question_sentences(f"{told} how come?") == [told, "how come?"]
    assert question_sentences(f"{told} which of us is right") == [told, "which of us is right"]
    assert question_sentences(f"my gp says no, my physio says yes. {told} who's right?") == ["who's right?"]
    assert question_sentences("is it safe? why?") == ["is it safe?", "why?"]


def test_list_items_are_told_apart_from_the_writers_own_sentences():
    """A bulleted or numbered list's items, numbers dropped as `sentences` drops them (2026-11-27, review)."""
    from ldn.sentences import list_items

    assert list_items("it says:\n1. dizziness\n2. a rash\nis that normal") == ["dizziness", "a rash"]
    assert list_items("it says:\n- dizziness\n- a rash\nis that normal") == ["- dizziness", "- a rash"]
    assert list_items("i take 1.5 mg at night. is that normal") == []


def test_a_voice_typed_run_on_is_cut_where_its_question_starts():
    # patients_dev87 (2026-11-28), in new words: the whole run-on was read as the question.
    story = (
        "so my back has been bad since the car crash and I'm on co codamol and naproxen most days and the physio "
        "helped a bit but not much and my sister keeps sending me articles about LDN and"
    )
    text = f"{story} um so does LDN actually help with pain or is that hype"
    assert question_sentences(text)[-1] == "does LDN actually help with pain or is that hype"
    assert sentences(text)[0].startswith("so my back") and "LDN actually" not in sentences(text)[0]
    # ...not "low does naltrexone" (voice typing's "low dose"), nor a short sentence.
    assert len(sentences(f"{story} my doctor called it low does naltrexone and I nodded along")) == 1
    assert sentences("my knees and does LDN help") == ["my knees and does LDN help"]


def test_a_greeting_and_fillers_before_a_question_still_ask():
    assert question_parts("hi yeah so what is ldn and also um what does it cost") == [
        "hi yeah so what is ldn",
        "what does it cost",
    ]


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        # Words taken back (2026-11-28, set 89, new words): the question is read after the mark.
        ("what does it cost— no wait, what is the dose range?", ["what is the dose range?"]),
        ("is it ok for eczema... scratch that, is it ok for psoriasis", ["is it ok for psoriasis"]),
        ("can my husband— actually never mind. how is it taken?", ["how is it taken?"]),
        # "Anyway" after a comma turns to a question of its own, which needs no lead-in (2026-11-28, the smoke
        # test of make run, new words).
        ("he fainted at a wedding once decades ago, anyway what does it cost", ["anyway what does it cost"]),
        ("my dad has crohns, anyway is it safe", ["anyway is it safe"]),
        # A dash with no taking back asks as written.
        ("is it safe - and what does it cost?", ["is it safe -", "what does it cost?"]),
    ],
)
def test_the_question_after_words_taken_back_or_anyway(text, asked):
    assert question_parts(text) == asked
