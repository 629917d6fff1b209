"""The Twilio SMS/WhatsApp channel, against the running server (tests/conftest.py).

Requests are signed exactly as Twilio signs them: RequestValidator(token)
.compute_signature(url, params) over the URL and every form parameter, blank
ones included. The first block needs no server: start-up checks of the channel.
"""

import asyncio
import base64
import json
import logging
import re
import secrets
import sqlite3
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from twilio.request_validator import RequestValidator

from channels.replies import render
from channels.sender_id import sender_id
from channels.sms_render import SMS_MAX_CHARS, render_reply, split_message
from channels.sms_state import SmsState
from channels.twilio import (
    DISCLAIMER,
    HELP_REPLY,
    SecureTwilioInput,
    TwilioConfigError,
    keyword,
    public_validation_url,
    twiml,
)
from ldn import settings
from tests.server import TEST_SENDER_ID_SECRET, TEST_TWILIO_AUTH_TOKEN

pytestmark = pytest.mark.server  # the start-up tests below are unit tests

WEBHOOK = "/webhooks/twilio/webhook"
GREETING_OPTIONS = (
    "Reply 1 for What is LDN?, 2 for Side effects, 3 for How to take it, 4 for Dose range, "
    "5 for Conditions it's used for, or 6 for Cost and insurance."
)
SORRY_TEXT_ONLY = "Sorry, I can only read text messages."

# Every phone number this module sends from; the privacy test looks for all of them.
USED_NUMBERS: list[str] = []


def new_number(whatsapp: bool = False) -> str:
    number = "+1555" + "".join(secrets.choice("0123456789") for _ in range(7))
    USED_NUMBERS.append(number)
    return ("whatsapp:" if whatsapp else "") + number


def new_sid() -> str:
    return "SM" + secrets.token_hex(16)


def twilio_params(sender: str, body: str | None, sid: str | None = None, **extra: str) -> dict[str, str]:
    """A form like the one Twilio posts for an incoming message (blank fields included)."""
    sid = sid or new_sid()
    params = {
        "ToCountry": "US",
        "ToState": "",
        "SmsMessageSid": sid,
        "NumMedia": "0",
        "ToCity": "",
        "FromZip": "",
        "SmsSid": sid,
        "FromState": "",
        "SmsStatus": "received",
        "FromCity": "",
        "FromCountry": "US",
        "To": "+15550109999" if not sender.startswith("whatsapp:") else "whatsapp:+15550109999",
        "MessagingServiceSid": "",
        "ToZip": "",
        "NumSegments": "1",
        "MessageSid": sid,
        "AccountSid": "AC" + "0" * 32,
        "From": sender,
        "ApiVersion": "2010-04-01",
    }
    if body is not None:
        params["Body"] = body
    params.update(extra)
    return params


def sign(url: str, params: dict[str, str], token: str = TEST_TWILIO_AUTH_TOKEN) -> str:
    return RequestValidator(token).compute_signature(url, params)


def post(server, params: dict[str, str], signature: str | None = "sign", url: str | None = None) -> requests.Response:
    """POST a form to the webhook; signature="sign" signs it correctly, None sends no header."""
    target = f"{server.rasa_url}{WEBHOOK}"
    headers = {}
    if signature == "sign":
        signature = sign(url or target, params)
    if signature is not None:
        headers["X-Twilio-Signature"] = signature
    return requests.post(target, data=params, headers=headers, timeout=30)


def messages_of(reply: requests.Response) -> list[str]:
    assert reply.status_code == 200, (reply.status_code, reply.text)
    assert reply.headers["content-type"].startswith("text/xml")
    root = ET.fromstring(reply.content)
    assert root.tag == "Response"
    assert all(child.tag == "Message" for child in root)
    return [child.text or "" for child in root]


def text(server, sender: str, body: str | None, **extra: str) -> list[str]:
    return messages_of(post(server, twilio_params(sender, body, **extra)))


def sid_of(sender: str) -> str:
    return sender_id(sender, TEST_SENDER_ID_SECRET)


def user_texts(server, sender: str) -> list[str]:
    return [e.get("text") for e in server.tracker(sid_of(sender))["events"] if e["event"] == "user"]


# ================================================================== start-up (no server)


@pytest.fixture
def fresh_settings(monkeypatch, tmp_path):
    """Settings read again from the environment the test sets (and again after it)."""
    for name in (
        "TWILIO_AUTH_TOKEN",
        "SENDER_ID_SECRET",
        "LDN_ENV",
        "LDN_TWILIO_INSECURE_SKIP_SIGNATURE",
        "LDN_TWILIO_PUBLIC_URL",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LDN_STATE_DIR", str(tmp_path / "state"))
    settings.load_settings.cache_clear()
    yield monkeypatch
    settings.load_settings.cache_clear()


async def _rasa_must_not_run(message) -> None:
    raise AssertionError("this request must not reach Rasa")


def handle(channel: SecureTwilioInput, params: dict[str, str], url: str, signature: str | None):
    multi = {key: [value] for key, value in params.items()}
    return asyncio.run(channel.handle(multi, url, signature, _rasa_must_not_run))


@pytest.mark.unit
@pytest.mark.parametrize("missing", ["TWILIO_AUTH_TOKEN", "SENDER_ID_SECRET"])
def test_without_secrets_the_channel_starts_warns_once_and_answers_503(fresh_settings, caplog, missing):
    for name, value in (("TWILIO_AUTH_TOKEN", TEST_TWILIO_AUTH_TOKEN), ("SENDER_ID_SECRET", TEST_SENDER_ID_SECRET)):
        if name != missing:
            fresh_settings.setenv(name, value)
    with caplog.at_level(logging.WARNING, logger="channels.twilio"):
        channel = SecureTwilioInput.from_credentials(None)  # an empty credentials.yml block
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and missing in warnings[0].getMessage()
    url = "https://ldn.example.org" + WEBHOOK
    params = twilio_params("+15550100001", "hi")
    assert handle(channel, params, url, sign(url, params)) == (503, "Twilio channel not configured")


@pytest.mark.unit
@pytest.mark.parametrize("env", ["production", "", None, "dev", "Development "])
def test_insecure_skip_signature_needs_explicit_development(fresh_settings, env):
    fresh_settings.setenv("SENDER_ID_SECRET", TEST_SENDER_ID_SECRET)
    fresh_settings.setenv("LDN_TWILIO_INSECURE_SKIP_SIGNATURE", "true")
    if env is not None:
        fresh_settings.setenv("LDN_ENV", env)
    if env == "Development ":
        assert SecureTwilioInput.from_credentials({}).config.skip_signature  # case and spaces don't matter
        return
    with pytest.raises(TwilioConfigError, match="LDN_ENV=development"):
        SecureTwilioInput.from_credentials({})


@pytest.mark.unit
@pytest.mark.parametrize("secret", ["dev", "x" * 31])
def test_a_short_sender_id_secret_is_refused_with_how_to_make_one(fresh_settings, caplog, secret):
    fresh_settings.setenv("TWILIO_AUTH_TOKEN", TEST_TWILIO_AUTH_TOKEN)
    fresh_settings.setenv("SENDER_ID_SECRET", secret)
    with caplog.at_level(logging.ERROR, logger="channels.twilio"):
        channel = SecureTwilioInput.from_credentials(None)
    assert channel.unavailable
    assert any("secrets.token_urlsafe(32)" in r.getMessage() for r in caplog.records)
    url = "https://ldn.example.org" + WEBHOOK
    params = twilio_params("+15550100009", "hi")
    assert handle(channel, params, url, sign(url, params))[0] == 503


@pytest.mark.unit
def test_insecure_skip_signature_in_development_warns_and_accepts_unsigned(fresh_settings, caplog):
    fresh_settings.setenv("SENDER_ID_SECRET", TEST_SENDER_ID_SECRET)
    fresh_settings.setenv("LDN_TWILIO_INSECURE_SKIP_SIGNATURE", "1")
    fresh_settings.setenv("LDN_ENV", "development")
    with caplog.at_level(logging.WARNING, logger="channels.twilio"):
        channel = SecureTwilioInput.from_credentials(None)
    assert any("OFF" in r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)
    status, body = handle(channel, twilio_params("+15550100002", "HELP"), "http://x" + WEBHOOK, None)
    assert status == 200 and "Reply STOP" in body


@pytest.mark.unit
def test_signatures_are_checked_by_default(fresh_settings):
    fresh_settings.setenv("TWILIO_AUTH_TOKEN", TEST_TWILIO_AUTH_TOKEN)
    fresh_settings.setenv("SENDER_ID_SECRET", TEST_SENDER_ID_SECRET)
    channel = SecureTwilioInput.from_credentials(None)
    assert channel.config.skip_signature is False and not channel.unavailable
    url = "https://ldn.example.org" + WEBHOOK
    params = twilio_params("+15550100003", "HELP")
    assert handle(channel, params, url, None)[0] == 403
    assert handle(channel, params, url, sign(url, params))[0] == 200


@pytest.mark.unit
def test_public_url_for_tls_terminating_proxies(fresh_settings):
    fresh_settings.setenv("TWILIO_AUTH_TOKEN", TEST_TWILIO_AUTH_TOKEN)
    fresh_settings.setenv("SENDER_ID_SECRET", TEST_SENDER_ID_SECRET)
    fresh_settings.setenv("LDN_TWILIO_PUBLIC_URL", "https://ldn.example.org" + WEBHOOK)
    channel = SecureTwilioInput.from_credentials(None)
    assert channel.config.public_url == "https://ldn.example.org" + WEBHOOK
    assert public_validation_url(channel.config.public_url, WEBHOOK) == "https://ldn.example.org" + WEBHOOK
    assert (
        public_validation_url("https://ldn.example.org/", WEBHOOK, "a=1")
        == "https://ldn.example.org" + WEBHOOK + "?a=1"
    )
    assert public_validation_url("https://ldn.example.org" + WEBHOOK + "?k=v", WEBHOOK, "k=v") == (
        "https://ldn.example.org" + WEBHOOK + "?k=v"
    )


@pytest.mark.unit
def test_keywords_are_whole_message_and_case_insensitive():
    assert keyword("stop") == keyword(" Stop. ") == keyword("STOP!") == "STOP"
    assert keyword("please stop") is None and keyword("stop it") is None and keyword(None) is None


@pytest.mark.unit
def test_empty_twiml_has_no_message():
    assert ET.fromstring(twiml([])).tag == "Response" and len(ET.fromstring(twiml([]))) == 0


# ================================================================== authenticity (server)


def test_valid_signature_is_answered_and_processed(server):
    sender = new_number()
    began = time.monotonic()
    replies = text(server, sender, "what are the side effects?")
    assert time.monotonic() - began < 5  # answered in the webhook response, far below Twilio's 15 s
    assert any("constipation" in r for r in replies)
    assert user_texts(server, sender) == ["what are the side effects?"]


def _refused(server, sender: str, reply: requests.Response) -> None:
    assert reply.status_code == 403, reply.text
    assert "<Message>" not in reply.text
    assert user_texts(server, sender) == []  # never reached the conversation


def test_missing_signature_is_refused(server):
    sender = new_number()
    _refused(server, sender, post(server, twilio_params(sender, "hi"), signature=None))


@pytest.mark.parametrize("signature", ["", "bm90IGEgc2lnbmF0dXJl", base64.b64encode(secrets.token_bytes(20)).decode()])
def test_forged_signature_is_refused(server, signature):
    sender = new_number()
    _refused(server, sender, post(server, twilio_params(sender, "hi"), signature=signature))


def test_signature_with_another_token_or_url_is_refused(server):
    sender = new_number()
    params = twilio_params(sender, "hi")
    target = f"{server.rasa_url}{WEBHOOK}"
    _refused(server, sender, post(server, params, signature=sign(target, params, token="not-the-token")))
    _refused(server, sender, post(server, params, signature=sign("https://evil.example" + WEBHOOK, params)))


def test_replayed_signature_with_other_params_is_refused(server):
    sender = new_number()
    target = f"{server.rasa_url}{WEBHOOK}"
    original = twilio_params(sender, "hi")
    signature = sign(target, original)
    assert messages_of(post(server, original, signature=signature))  # the genuine request works
    tampered = dict(original, Body="what does it cost?", MessageSid=new_sid())
    _refused_reply = post(server, tampered, signature=signature)
    assert _refused_reply.status_code == 403
    other_sender = new_number()
    hijacked = dict(original, From=other_sender)
    _refused(server, other_sender, post(server, hijacked, signature=signature))
    extra = dict(original, MessageSid=new_sid(), Injected="1")
    assert post(server, extra, signature=signature).status_code == 403
    assert user_texts(server, sender) == ["hi"]


# ================================================================== retries


def test_duplicate_message_sid_is_answered_from_memory_and_processed_once(server):
    sender = new_number()
    params = twilio_params(sender, "what are the side effects?")
    first = post(server, params)
    second = post(server, params)
    assert messages_of(first) and first.content == second.content
    assert user_texts(server, sender) == ["what are the side effects?"]


def test_concurrent_retries_of_one_message_sid_are_processed_once(server):
    sender = new_number()
    params = twilio_params(sender, "how do I take it?")
    with ThreadPoolExecutor(max_workers=4) as pool:
        replies = list(pool.map(lambda _: post(server, params), range(4)))
    bodies = {reply.content for reply in replies}
    assert len(bodies) == 1 and messages_of(replies[0])
    assert user_texts(server, sender) == ["how do I take it?"]
    events = server.tracker(sid_of(sender))["events"]
    assert sum(1 for e in events if e["event"] == "user") == 1


def test_a_retry_whose_reply_was_never_recorded_gets_the_saved_answer_and_is_not_processed_again(server):
    """A replica that died after Rasa saved the turn but before the channel recorded the
    MessageSid's reply: the retry (on any replica) finds the message in the conversation."""
    sender = new_number()
    text(server, sender, "hi")  # the session's first reply carries the disclaimer; this one won't
    params = twilio_params(sender, "what are the side effects?")
    first = post(server, params)
    state_file = Path(server.env["LDN_STATE_DIR"]) / "twilio_state.db"
    with sqlite3.connect(state_file) as db:  # the reply is lost, the conversation is not
        deleted = db.execute("DELETE FROM sid_replies WHERE message_sid = ?", (params["MessageSid"],)).rowcount
    assert deleted == 1
    retry = post(server, params)
    assert messages_of(retry) == messages_of(first) and messages_of(first)
    assert user_texts(server, sender) == ["hi", "what are the side effects?"]


def test_sid_memory_is_in_the_state_file_keyed_by_hash(server):
    sender = new_number()
    params = twilio_params(sender, "hello")
    reply = post(server, params)
    state = SmsState(Path(server.env["LDN_STATE_DIR"]) / "twilio_state.db")  # the server's own file
    assert state.sid_reply(sid_of(sender), params["MessageSid"]) == reply.text


# ================================================================== numbered options


def test_buttons_become_numbered_options_and_a_number_picks_one(server):
    sender = new_number()
    greeting = "\n\n".join(text(server, sender, "hi"))
    assert "LDN Assistant" in greeting
    assert GREETING_OPTIONS in greeting
    assert "/faq" not in greeting and "(/" not in greeting and "**" not in greeting
    answer = "\n\n".join(text(server, sender, "2"))
    assert "constipation" in answer and "vivid dreams" in answer
    assert user_texts(server, sender) == ["hi", '/faq{"topic": "side_effects"}']


def test_a_number_without_a_list_goes_to_the_bot_as_typed(server):
    sender = new_number()
    text(server, sender, "what are the side effects?")  # an answer without options
    text(server, sender, "4")
    assert user_texts(server, sender)[-1] == "4"


def test_options_come_from_the_last_list_sent(server):
    sender = new_number()
    text(server, sender, "hi")
    text(server, sender, "6")  # cost: no list in this answer
    text(server, sender, "hi")
    answer = "\n\n".join(text(server, sender, "4"))
    assert user_texts(server, sender)[-1] == '/faq{"topic": "dose"}'
    assert "mg" in answer


# ================================================================== carrier keywords


def test_stop_then_silence_until_start(server):
    sender = new_number()
    assert text(server, sender, "hi")
    confirmation = text(server, sender, "Stop")
    assert len(confirmation) == 1 and "unsubscribed" in confirmation[0] and "START" in confirmation[0]
    assert text(server, sender, "what are the side effects?") == []  # empty TwiML
    assert text(server, sender, "STOP") == []  # confirmation only once
    help_reply = text(server, sender, "HELP")  # carriers expect HELP to be answered even now
    assert len(help_reply) == 1 and "STOP" in help_reply[0]
    assert user_texts(server, sender) == ["hi"]  # nothing reached the conversation
    restarted = text(server, sender, "start")
    assert len(restarted) == 1 and "subscribed" in restarted[0] and "unsubscribed" not in restarted[0]
    assert any("constipation" in r for r in text(server, sender, "what are the side effects?"))
    assert user_texts(server, sender) == ["hi", "what are the side effects?"]


@pytest.mark.parametrize("word", ["STOPALL", "unsubscribe", "Cancel", "END", "quit"])
def test_every_stop_word_opts_out_and_every_start_word_opts_in(server, word):
    sender = new_number()
    assert "unsubscribed" in text(server, sender, word)[0]
    assert text(server, sender, "hi") == []
    resume = {"STOPALL": "UNSTOP", "unsubscribe": "yes", "Cancel": "START"}.get(word, "unstop")
    assert "subscribed" in text(server, sender, resume)[0]
    assert text(server, sender, "hi")


def test_stop_inside_a_sentence_is_not_an_opt_out(server):
    sender = new_number()
    text(server, sender, "can I stop taking it suddenly?")
    assert text(server, sender, "what are the side effects?")  # still answered
    assert user_texts(server, sender)[0] == "can I stop taking it suddenly?"


def test_opt_out_is_stored_by_hash_in_the_state_file(server):
    sender = new_number()
    text(server, sender, "STOP")
    state = SmsState(Path(server.env["LDN_STATE_DIR"]) / "twilio_state.db")
    assert state.is_opted_out(sid_of(sender))  # what a restarted server reads
    text(server, sender, "START")
    assert not state.is_opted_out(sid_of(sender))


@pytest.mark.parametrize("word", ["HELP", "info"])
def test_help_gives_clinic_contacts_and_how_to_stop(server, word):
    sender = new_number()
    reply = text(server, sender, word)
    clinic = settings.response_variables()
    assert reply == [render(HELP_REPLY)]
    for key in ("clinic_name", "clinic_phone", "clinic_hours", "clinic_website"):
        assert clinic[key] in reply[0]
    assert "STOP" in reply[0]
    assert user_texts(server, sender) == []


# ================================================================== long answers


def test_multi_bubble_answer_is_joined_in_order_within_the_sms_limit(server):
    """An emergency answer is several bubbles; SMS gets them all, in order, in parts <= 1,600."""
    sender = new_number()
    question = "I took too many pills and now my throat is swelling and I have chest pain"
    parts = text(server, sender, question)
    rest = server.send(f"test-{secrets.token_hex(6)}", question)  # the same turn over REST
    assert len(rest) >= 3, rest  # poisoning, allergy, heart, follow-up
    # The first reply of a conversation ends with the disclaimer, after the emergency guidance.
    assert parts == render_reply(rest + [{"text": render(DISCLAIMER)}]).parts
    joined = "\n\n".join(parts)
    positions = [joined.index(render_reply([bubble]).parts[0]) for bubble in rest]
    assert positions == sorted(positions)
    assert all(0 < len(p) <= SMS_MAX_CHARS for p in parts)


# ================================================================== disclaimer


def test_the_first_reply_of_a_conversation_ends_with_the_disclaimer(server):
    sender = new_number()
    disclaimer = render(DISCLAIMER)
    first = "\n\n".join(text(server, sender, "what are the side effects?"))
    assert first.index("constipation") < first.index(disclaimer) and first.endswith(disclaimer)
    assert disclaimer not in "\n\n".join(text(server, sender, "how do I take it?"))


def test_a_first_message_that_is_an_emergency_gets_the_guidance_first(server):
    reply = "\n\n".join(text(server, new_number(), "i want to end my life"))
    assert reply.index(settings.response_variables()["crisis_line"]) < reply.index(render(DISCLAIMER))


def test_the_greeting_is_not_followed_by_a_second_disclaimer(server):
    reply = "\n\n".join(text(server, new_number(), "hi"))
    assert "not medical advice" in reply and render(DISCLAIMER) not in reply


def test_after_a_new_session_the_first_reply_carries_the_disclaimer_again(server):
    sender = new_number()
    text(server, sender, "what are the side effects?")
    assert render(DISCLAIMER) not in "\n\n".join(text(server, sender, "how do I take it?"))
    # An idle hour: move the conversation 61 minutes into the past in the server's tracker store
    # (session_expiration_time is 60), so Rasa starts a new session on the next message.
    with sqlite3.connect(server.env["LDN_TRACKER_URL"][len("sqlite:///") :]) as db:
        db.execute(
            "UPDATE events SET timestamp = timestamp - 3660, "
            "data = json_set(data, '$.timestamp', json_extract(data, '$.timestamp') - 3660) "
            "WHERE sender_id = ?",
            (sid_of(sender),),
        )
    assert "\n\n".join(text(server, sender, "what are the side effects?")).endswith(render(DISCLAIMER))
    assert sum(e["event"] == "session_started" for e in server.tracker(sid_of(sender))["events"]) == 2


def test_real_answers_longer_than_one_sms_split_at_sentence_ends(server):
    """All six topic answers of a real conversation, as one text: cut into SMS-sized parts."""
    sender = new_number()
    answers = []
    for number in "123456":
        text(server, sender, "hi")
        answers.extend(text(server, sender, number))
    whole = "\n\n".join(answers)
    assert len(whole) > SMS_MAX_CHARS
    parts = split_message(whole, SMS_MAX_CHARS)
    assert len(parts) >= 2 and all(len(p) <= SMS_MAX_CHARS for p in parts)
    assert all(re.search(r"[.!?]\)?$", p) for p in parts[:-1])
    assert " ".join(" ".join(parts).split()) == " ".join(whole.split())


# ================================================================== odd messages


def test_missing_body(server):
    sender = new_number()
    assert text(server, sender, None) == [SORRY_TEXT_ONLY + " Please type your question about LDN."]
    assert user_texts(server, sender) == []


def test_empty_body_gets_the_bots_empty_message_answer(server):
    sender = new_number()
    reply = text(server, sender, "   ")
    assert reply and "didn't get any text" in reply[0]
    assert user_texts(server, sender) == ['/nlu_fallback{"input_problem": "empty"}']


def test_media_only_mms(server):
    sender = new_number()
    reply = text(
        server,
        sender,
        "",
        NumMedia="1",
        MediaContentType0="image/jpeg",
        MediaUrl0="https://api.twilio.com/2010-04-01/Accounts/AC0/Messages/MM0/Media/ME0",
    )
    assert len(reply) == 1 and reply[0].startswith(SORRY_TEXT_ONLY)
    assert user_texts(server, sender) == []


def test_whatsapp_image_and_location(server):
    sender = new_number(whatsapp=True)
    image = text(
        server,
        sender,
        "",
        NumMedia="1",
        MediaContentType0="image/jpeg",
        MediaUrl0="https://api.twilio.com/x/Media/ME1",
        ProfileName="Pat",
    )
    assert image[0].startswith(SORRY_TEXT_ONLY)
    location = text(server, sender, "", Latitude="51.5072", Longitude="-0.1276", NumMedia="0")
    assert location[0].startswith(SORRY_TEXT_ONLY)
    assert user_texts(server, sender) == []


def test_media_with_a_caption_answers_the_caption(server):
    sender = new_number()
    reply = text(
        server,
        sender,
        "what are the side effects?",
        NumMedia="1",
        MediaContentType0="image/png",
        MediaUrl0="https://api.twilio.com/x/Media/ME2",
    )
    assert any("constipation" in r for r in reply)


ODD_NUMBER = new_number()


@pytest.mark.parametrize(
    "odd",
    [
        {"From": "-", "Body": "hi"},  # a sender that is no address
        {"From": ODD_NUMBER, "Body": "\x00\x07"},  # control characters only
        {"From": ODD_NUMBER, "Body": "why? " * 1000},  # far too long
        {"From": ODD_NUMBER, "Body": "hi", "NumMedia": "lots"},
        {"From": ODD_NUMBER, "Latitude": "51.5", "Longitude": "x"},
    ],
)
def test_odd_signed_requests_never_get_a_500(server, odd):
    params = dict(odd, MessageSid=new_sid())
    reply = post(server, params)
    assert reply.status_code in (200, 400), reply.text
    if reply.status_code == 200:
        messages_of(reply)


def test_control_characters_are_cleaned_before_rasa(server):
    sender = new_number()
    text(server, sender, "what\u200b are the\x07 side effects?")
    assert user_texts(server, sender) == ["what are the side effects?"]


# ================================================================== WhatsApp


def test_whatsapp_sender(server):
    sender = new_number(whatsapp=True)
    greeting = "\n\n".join(text(server, sender, "hi"))
    assert GREETING_OPTIONS in greeting
    answer = "\n\n".join(text(server, sender, "2"))
    assert "vivid dreams" in answer
    conversation = sid_of(sender)
    assert re.fullmatch(r"wa-[0-9a-f]{32}", conversation)
    assert user_texts(server, sender) == ["hi", '/faq{"topic": "side_effects"}']
    sms_twin = sender.replace("whatsapp:", "")
    assert user_texts(server, sms_twin) == []  # a different conversation from the same number's SMS
    events = server.tracker(conversation)["events"]
    assert all(e.get("input_channel") in (None, "twilio") for e in events if e["event"] == "user")


# ================================================================== privacy (keep last)


def _digit_forms(number: str) -> list[str]:
    digits = number.replace("whatsapp:", "").lstrip("+")
    return [digits, digits[1:]]  # E.164 without "+", and the national number


def test_no_phone_number_in_clear_anywhere(server):
    probe = "zebraquartz" + secrets.token_hex(3)
    sender, wa_sender = new_number(), new_number(whatsapp=True)
    text(server, sender, "hi")
    text(server, sender, "3")
    text(server, sender, f"does it help with {probe}?")
    text(server, sender, "STOP")
    text(server, wa_sender, "what are the side effects?")

    # Conversation IDs are hashes.
    for number in (sender, wa_sender):
        tracker = server.tracker(sid_of(number))
        assert tracker["sender_id"] == sid_of(number)
        assert re.fullmatch(r"(sms|wa)-[0-9a-f]{32}", tracker["sender_id"])
        serialized = json.dumps(tracker)
        for digits in _digit_forms(number):
            assert digits not in serialized
        for event in tracker["events"]:
            assert "From" not in json.dumps(event.get("metadata") or {})
            assert "To" not in (event.get("metadata") or {})

    tracker_db = Path(server.env["LDN_TRACKER_URL"].replace("sqlite:///", "", 1))
    assert tracker_db.exists()
    with sqlite3.connect(f"file:{tracker_db}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT sender_id, data FROM events").fetchall()
    ours = [r for r in rows if r[0] in (sid_of(sender), sid_of(wa_sender))]
    assert len(ours) >= 5
    files = [tracker_db, *tracker_db.parent.glob(tracker_db.name + "-*")]
    files += list(Path(server.env["LDN_STATE_DIR"]).glob("*"))
    files.append(server.log_path)
    blobs = {str(f): f.read_bytes() for f in files if f.is_file()}
    assert any("twilio_state.db" in name for name in blobs)
    for number in USED_NUMBERS:
        for digits in _digit_forms(number):
            for sender_key, data in rows:
                assert digits not in sender_key and digits not in (data or "")
            for name, blob in blobs.items():
                assert digits.encode() not in blob, f"{number} found in {name}"
    # The message text never reaches the log at INFO.
    assert probe.encode() not in server.log_path.read_bytes()
    assert any(probe in (data or "") for _, data in ours)  # ...but did reach the conversation
