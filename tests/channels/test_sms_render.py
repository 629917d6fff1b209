"""Unit tests of the SMS/WhatsApp building blocks: rendering, splitting, sender IDs, state.

No server needed; these run in a second.
"""

import re
import sqlite3

import pytest

from channels.sender_id import is_whatsapp, normalize, sender_id
from channels.sms_render import (
    SMS_MAX_CHARS,
    WHATSAPP_MAX_CHARS,
    gsm_friendly,
    numbered_options,
    pick_option,
    render_reply,
    split_message,
    strip_markup,
)
from channels.sms_state import SmsState

pytestmark = pytest.mark.unit

# ------------------------------------------------------------------ markup


@pytest.mark.parametrize(
    "raw, plain",
    [
        ("**Bold** and __strong__ words", "Bold and strong words"),
        ("an _italic_ and *also italic* word", "an italic and also italic word"),
        (
            "see [our guide](https://clinic.example/ldn_guide) today",
            "see our guide (https://clinic.example/ldn_guide) today",
        ),
        ("[https://clinic.example](https://clinic.example)", "https://clinic.example"),
        ('<a href="https://clinic.example/a_b">the <b>guide</b></a>', "the guide (https://clinic.example/a_b)"),
        ("<b>Dose</b><br>1.5 to 4.5 mg<br/>at night", "Dose\n1.5 to 4.5 mg\nat night"),
        ("<p>One</p><p>Two</p>", "One\n\nTwo"),
        ("# Side effects\n\n* sleep\n* headache", "Side effects\n\n- sleep\n- headache"),
        ("`code_name` &amp; more", "code_name & more"),
        ("&lt;script&gt;x&lt;/script&gt;", "x"),
        ("**_nested_**", "nested"),
        ("~~old~~ new", "old new"),
        ("> quoted", "quoted"),
    ],
)
def test_strip_markup(raw, plain):
    assert strip_markup(raw) == plain


@pytest.mark.parametrize(
    "text",
    [
        "snake_case_names stay",
        "2*3*4 = 24",
        "dose < 4.5 mg and > 1 mg",
        "visit https://clinic.example/a_b_c_d/x*y today",
        "Line one\n\nLine two",
        "It's 1.5-4.5 mg.",
    ],
)
def test_plain_text_is_left_alone(text):
    assert strip_markup(text) == text


def test_no_markup_survives_in_real_looking_answer():
    raw = (
        "**Side effects** are usually _mild_: *vivid dreams*, <i>headache</i>.\n\n"
        "Read [the guide](https://clinic.example/guide) or <a href='https://x.example'>this</a>."
    )
    plain = strip_markup(raw)
    assert not re.search(r"[*_<>\[\]]", plain), plain
    assert "the guide (https://clinic.example/guide)" in plain
    assert "this (https://x.example)" in plain


def test_gsm_friendly_replaces_typographic_characters():
    assert gsm_friendly("It\u2019s \u201cLDN\u201d \u2013 1.5\u20134.5 mg\u2026") == 'It\'s "LDN" - 1.5-4.5 mg...'


# ------------------------------------------------------------------ numbered options


def test_numbered_options_reads_like_a_sentence():
    assert numbered_options(["Side effects", "Dose range", "Cost"]) == (
        "Reply 1 for Side effects, 2 for Dose range, or 3 for Cost."
    )
    assert numbered_options(["Side effects", "Dose range"]) == "Reply 1 for Side effects or 2 for Dose range."
    assert numbered_options(["What is LDN?"]) == "Reply 1 for What is LDN?"
    assert numbered_options(["A", "B"], start=3) == "Reply 3 for A or 4 for B."
    assert numbered_options([]) == ""


@pytest.mark.parametrize("reply, expected", [("2", "/b"), (" 2 ", "/b"), ("2.", "/b"), ("#3", "/c"), ("1)", "/a")])
def test_pick_option(reply, expected):
    assert pick_option(reply, ["/a", "/b", "/c"]) == expected


@pytest.mark.parametrize("reply", ["0", "4", "12", "2 pills", "two", "", None, "1.5"])
def test_pick_option_ignores_other_replies(reply):
    assert pick_option(reply, ["/a", "/b", "/c"]) is None


def test_pick_option_without_a_list():
    assert pick_option("2", []) is None


def test_render_reply_buttons_become_numbered_options():
    greeting = [
        {
            "recipient_id": "x",
            "text": "Hi! I'm the **LDN Assistant**.\n\nWhat would you like to know?",
            "buttons": [
                {"title": "What is LDN?", "payload": '/faq{"topic": "what_is"}'},
                {"title": "Side effects", "payload": '/faq{"topic": "side_effects"}'},
                {"title": "Dose range", "payload": '/faq{"topic": "dose"}'},
            ],
        },
    ]
    rendered = render_reply(greeting)
    assert rendered.parts == [
        "Hi! I'm the LDN Assistant.\n\nWhat would you like to know?\n\n"
        "Reply 1 for What is LDN?, 2 for Side effects, or 3 for Dose range."
    ]
    assert rendered.options == ['/faq{"topic": "what_is"}', '/faq{"topic": "side_effects"}', '/faq{"topic": "dose"}']
    assert "/faq" not in rendered.parts[0]


def test_render_reply_numbers_continue_across_bubbles():
    rendered = render_reply(
        [
            {"text": "First", "buttons": [{"title": "A", "payload": "/a"}]},
            {"text": "Second", "buttons": [{"title": "B", "payload": "/b"}, {"title": "C", "payload": "/c"}]},
        ]
    )
    assert rendered.parts == ["First\n\nReply 1 for A.\n\nSecond\n\nReply 2 for B or 3 for C."]
    assert rendered.options == ["/a", "/b", "/c"]


def test_render_reply_joins_bubbles_that_fit_and_keeps_order():
    bubbles = [{"text": f"Bubble {i}."} for i in range(5)]
    assert render_reply(bubbles).parts == ["Bubble 0.\n\nBubble 1.\n\nBubble 2.\n\nBubble 3.\n\nBubble 4."]


def test_render_reply_sms_vs_whatsapp_limits():
    bubbles = [{"text": (f"Sentence number {i} is here. ") * 30} for i in range(8)]  # ~6,900 chars
    sms = render_reply(bubbles)
    whatsapp = render_reply(bubbles, whatsapp=True)
    assert all(len(p) <= SMS_MAX_CHARS for p in sms.parts)
    assert all(len(p) <= WHATSAPP_MAX_CHARS for p in whatsapp.parts)
    assert len(sms.parts) >= 5 and len(whatsapp.parts) == 2
    words = lambda parts: " ".join(parts).split()  # noqa: E731
    assert words(sms.parts) == words(whatsapp.parts) == " ".join(b["text"] for b in bubbles).split()


def test_render_reply_whatsapp_keeps_unicode_sms_does_not():
    assert render_reply([{"text": "It\u2019s fine"}]).parts == ["It's fine"]
    assert render_reply([{"text": "It\u2019s fine"}], whatsapp=True).parts == ["It\u2019s fine"]


def test_render_reply_images_and_empty_turns():
    assert render_reply([{"image": "https://x.example/a.png"}]).parts == ["https://x.example/a.png"]
    assert render_reply([]).parts == []
    assert render_reply([{"custom": {"blocks": []}}]).parts == []


# ------------------------------------------------------------------ splitting


def _five_thousand_chars() -> str:
    sentences = []
    i = 0
    while sum(len(s) + 1 for s in sentences) < 5000:
        i += 1
        sentences.append(f"This is sentence {i}, which says something about LDN and {'x' * (i % 40)} more.")
        if i % 9 == 0:
            sentences[-1] += "\n\n"
    return " ".join(sentences)[:5000].rsplit(" ", 1)[0] + " end."


@pytest.mark.parametrize("limit", [SMS_MAX_CHARS, WHATSAPP_MAX_CHARS])
def test_split_5000_chars_at_sentence_ends(limit):
    text = _five_thousand_chars()
    assert 4900 <= len(text) <= 5005
    parts = split_message(text, limit)
    assert len(parts) == -(-len(text) // limit) or len(parts) == -(-len(text) // limit) + 1
    assert len(parts) >= 2
    for part in parts:
        assert 0 < len(part) <= limit
        assert part == part.strip()
    for part in parts[:-1]:
        assert part.endswith("."), part[-40:]  # cut after a sentence, never mid-sentence
    # Nothing lost, nothing added (only the white space at the cuts).
    assert " ".join(" ".join(parts).split()) == " ".join(text.split())


def test_split_prefers_paragraphs_then_sentences_then_words():
    assert split_message("One two. Three four.", 12) == ["One two.", "Three four."]
    # A paragraph end wins over a later sentence end (when it fills at least half a message).
    assert split_message("Para one is here.\n\nPara two. More.", 30) == ["Para one is here.", "Para two. More."]
    assert split_message("Tiny.\n\nPara two is long. More text.", 30) == ["Tiny.\n\nPara two is long.", "More text."]
    assert split_message("aaaa bbbb cccc", 9) == ["aaaa bbbb", "cccc"]
    assert split_message("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]
    assert split_message("short", 1600) == ["short"]
    assert split_message("   ", 1600) == []


def test_split_does_not_break_after_abbreviations_before_lowercase():
    text = "Take it e.g. at night with water. Then sleep well and rest."
    assert split_message(text, 40) == ["Take it e.g. at night with water.", "Then sleep well and rest."]


# ------------------------------------------------------------------ sender IDs

SECRET = "unit-test-secret"


def test_sender_id_format_and_stability():
    sms = sender_id("+15550100123", SECRET)
    assert re.fullmatch(r"sms-[0-9a-f]{32}", sms)
    assert sender_id("+15550100123", SECRET) == sms
    assert sender_id(" +1 (555) 010-0123 ", SECRET) == sms  # formatting doesn't make a new person
    wa = sender_id("whatsapp:+15550100123", SECRET)
    assert re.fullmatch(r"wa-[0-9a-f]{32}", wa)
    assert sender_id("WhatsApp:+15550100123", SECRET) == wa
    assert wa[3:] != sms[4:]


def test_sender_id_depends_on_number_and_secret():
    assert sender_id("+15550100123", SECRET) != sender_id("+15550100124", SECRET)
    assert sender_id("+15550100123", SECRET) != sender_id("+15550100123", SECRET + "-rotated")


def test_sender_id_contains_no_digits_of_the_number_in_order():
    number = "+15550100123"
    sid = sender_id(number, SECRET)
    assert "5550100123" not in sid and "0100123" not in sid


def test_sender_id_is_the_documented_hmac():
    import hashlib
    import hmac

    expected = hmac.new(SECRET.encode(), b"sms:+15550100123", hashlib.sha256).hexdigest()[:32]
    assert sender_id("+15550100123", SECRET) == "sms-" + expected


def test_sender_id_refuses_empty_secret_or_address():
    with pytest.raises(ValueError, match="SENDER_ID_SECRET is empty"):
        sender_id("+15550100123", "")
    with pytest.raises(ValueError, match="no sender address"):
        sender_id("  ", SECRET)


def test_whatsapp_detection_and_normalize():
    assert is_whatsapp("whatsapp:+1555") and not is_whatsapp("+1555")
    assert normalize("whatsapp:+1 555-010.0123") == "+15550100123"


# ------------------------------------------------------------------ state (real SQLite files)


def test_state_survives_a_restart(tmp_path):
    path = tmp_path / "state.db"
    first = SmsState(path)
    assert first.opt_out("sms-a") is True
    assert first.opt_out("sms-a") is False  # second STOP: already out
    first.set_options("sms-b", ["/x", "/y"])
    first.save_sid_reply("sms-b", "SM1", "<Response />")

    again = SmsState(path)  # a new process would open the file like this
    assert again.is_opted_out("sms-a") and not again.is_opted_out("sms-b")
    assert again.options("sms-b") == ["/x", "/y"]
    assert again.sid_reply("sms-b", "SM1") == "<Response />"
    assert again.sid_reply("sms-a", "SM1") is None  # sids are per sender
    assert again.opt_in("sms-a") is True and not again.is_opted_out("sms-a")
    assert again.opt_in("sms-a") is False


def test_state_clears_options_on_a_reply_without_options_and_on_stop(tmp_path):
    state = SmsState(tmp_path / "s.db")
    state.set_options("k", ["/a"])
    state.set_options("k", [])
    assert state.options("k") == []
    state.set_options("k", ["/a"])
    state.opt_out("k")
    assert state.options("k") == []


def test_state_dir_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("LDN_STATE_DIR", str(tmp_path / "nested" / "dir"))
    state = SmsState()
    assert state.path == tmp_path / "nested" / "dir" / "twilio_state.db"
    assert state.path.exists()
    with sqlite3.connect(state.path) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"opt_outs", "last_options", "sid_replies"} <= tables
