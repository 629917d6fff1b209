import pytest

from ldn.text import MAX_MESSAGE_CHARS, prepare_message, valid_sender

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    "raw, problem",
    [
        ("", "empty"),
        ("  \t\n", "empty"),
        (None, "empty"),
        (123, "empty"),
        ("x" * (MAX_MESSAGE_CHARS + 1), "too_long"),
        ("🙂🙂", "no_words"),
        ("???", "no_words"),
        ("side effects?", None),
        ("x" * MAX_MESSAGE_CHARS, None),
    ],
)
def test_problems(raw, problem):
    text, found = prepare_message(raw)
    assert found == problem
    if problem:
        assert text == f'/nlu_fallback{{"input_problem": "{problem}"}}'


def test_control_and_format_characters_are_removed():
    assert prepare_message("side\x00\x07 effects\u200b?\r\n")[0] == "side effects?"


def test_line_breaks_are_kept_one_for_a_run():
    """A line break ends a sentence: a pasted list stays a list (2026-11-27, set 46)."""
    assert prepare_message("label says:\r\n\r\n  - fainting \n\n\t- rash\nis that normal?")[0] == (
        "label says:\n- fainting\n- rash\nis that normal?"
    )


def test_button_payloads_pass_unchanged():
    payload = '/faq{"topic": "dose"}'
    assert prepare_message(payload) == (payload, None)


@pytest.mark.parametrize(
    "sender, ok", [("abc", True), ("", False), ("  ", False), (None, False), (5, False), ("s" * 129, False)]
)
def test_sender(sender, ok):
    assert valid_sender(sender) is ok


def test_voice_typed_words_are_spelled_plainly():
    # patients_dev87 (2026-11-28), in new words.
    from ldn.text import spelled_plainly

    assert spelled_plainly("is el dee en safe") == "is ldn safe"
    assert spelled_plainly("what do micro glia do") == "what do microglia do"
    assert spelled_plainly("an anti in flammatory") == "an anti inflammatory"
    assert spelled_plainly("new row protection") == "neuroprotection"
    assert spelled_plainly("the elderly") == "the elderly"
