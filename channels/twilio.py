"""Twilio SMS and WhatsApp channel: POST /webhooks/twilio/webhook (channel name "twilio").

Replaces Rasa's stock TwilioInput, which trusts any caller, replies with a
blocking REST call, crashes without a Body, texts raw "1: Yes (/affirm)" buttons
and answers a retried webhook twice. Here every request is:

1. authenticated: X-Twilio-Signature is checked with TWILIO_AUTH_TOKEN against the
   public URL (settings twilio.public_url / LDN_TWILIO_PUBLIC_URL, else the URL as
   received) -> 403 if missing or wrong. Without TWILIO_AUTH_TOKEN or
   SENDER_ID_SECRET the server still starts, and this webhook answers 503;
2. de-duplicated: a MessageSid seen before gets the first reply again, from the
   channel state (channels/channel_state.py: SQLite, or PostgreSQL shared by all
   replicas), and is not processed again. A per-sender lock covers retries that arrive
   while the first is still running, on any replica, and keeps a sender's messages in order.
   The MessageSid is also the message's id in the conversation: a retry of a message Rasa
   saved but whose reply was never recorded (its replica died in between) gets the answer
   saved with it, instead of being processed a second time;
3. answered in the HTTP response as TwiML <Message>s (nothing blocks the event
   loop), rendered for a phone by channels/sms_render.py;
4. privacy-preserving: the conversation ID is an HMAC of the number
   (channels/sender_id.py); the number is not stored, logged or passed to Rasa,
   and message text is never logged.

Carrier keywords (STOP/START/HELP), "forget me" (DELETE, then CONFIRM within 10
minutes), numbered-option replies ("2"), and media or location messages are
handled here, before Rasa. See docs/twilio.md.
"""

import asyncio
import logging
import os
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from rasa.shared.core.events import BotUttered, UserUttered
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

from channels.channel_state import ChannelState, create_channel_state
from channels.guard import answer_within
from channels.hardening import harden
from channels.privacy import forget, forget_reply
from channels.replies import DISCLAIMER_MARK, current_app, render, session_started_this_turn
from channels.sender_id import is_whatsapp, sender_id
from channels.sms_render import pick_option, render_reply
from ldn import settings
from ldn.security import is_development, secret_problem
from ldn.text import clean_text, prepare_message

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Twilio-Signature"
REPLY_TIMEOUT_S = 12.0  # Twilio gives up after 15 s

STOP_WORDS = {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"}
START_WORDS = {"START", "UNSTOP", "YES"}
HELP_WORDS = {"HELP", "INFO"}
FORGET_WORDS = {"DELETE", "FORGET"}  # "forget me": asks to CONFIRM first (channels/privacy.py)
CONFIRM_WORDS = {"CONFIRM"}
_KEYWORD = re.compile(r"^([A-Za-z]+)[.!]*$")

# Replies the channel sends itself: reviewed responses in the domain (channels/replies.py).
NOT_TEXT_REPLY = "utter_sms_not_text"
SLOW_REPLY = "utter_sms_slow"
ERROR_REPLY = "utter_sms_error"
STOP_REPLY = "utter_sms_stop"
START_REPLY = "utter_sms_start"
HELP_REPLY = "utter_sms_help"
DISCLAIMER = "utter_disclaimer"


class TwilioConfigError(RuntimeError):
    """A configuration the channel refuses to start with."""


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    return bool(value)


def _setting(key: str, default: Any) -> Any:
    try:
        return settings.get("twilio", key)
    except (KeyError, TypeError):
        return default


@dataclass(frozen=True)
class TwilioConfig:
    auth_token: str
    sender_secret: str
    public_url: str
    skip_signature: bool

    @classmethod
    def from_environment(cls) -> "TwilioConfig":
        skip = _truthy(_setting("insecure_skip_signature", False))
        if skip and not is_development():
            raise TwilioConfigError(
                "twilio.insecure_skip_signature (LDN_TWILIO_INSECURE_SKIP_SIGNATURE) is set without "
                "LDN_ENV=development: refusing to start a Twilio webhook that accepts unsigned requests."
            )
        return cls(
            auth_token=os.environ.get("TWILIO_AUTH_TOKEN", "").strip(),
            sender_secret=os.environ.get("SENDER_ID_SECRET", "").strip(),
            public_url=str(_setting("public_url", "") or "").strip(),
            skip_signature=skip,
        )

    def missing(self) -> list[str]:
        names = [] if self.sender_secret else ["SENDER_ID_SECRET"]
        if not self.auth_token and not self.skip_signature:
            names.insert(0, "TWILIO_AUTH_TOKEN")
        return names

    def weak(self) -> str | None:
        """Why SENDER_ID_SECRET is too weak to hash phone numbers with, or None."""
        return secret_problem("SENDER_ID_SECRET", self.sender_secret) if self.sender_secret else None


def keyword(body: str | None) -> str | None:
    """'Stop', ' STOP. ' -> 'STOP'; None unless the whole message is one word."""
    match = _KEYWORD.match(clean_text(body)) if body else None
    return match.group(1).upper() if match else None


def twiml(parts: list[str]) -> str:
    reply = MessagingResponse()
    for part in parts:
        reply.message(part)
    return str(reply)


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


class SecureTwilioInput(InputChannel):
    """Twilio SMS/WhatsApp webhook with signature checks, TwiML replies and SMS rendering."""

    @classmethod
    def name(cls) -> str:
        return "twilio"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        # Secrets come from the environment, never from credentials.yml.
        ignored = sorted(set(credentials or {}) & {"account_sid", "auth_token", "twilio_number"})
        if ignored:
            logger.warning(
                "twilio: credentials.yml keys %s are ignored; set TWILIO_AUTH_TOKEN and "
                "SENDER_ID_SECRET in the environment instead.",
                ", ".join(ignored),
            )
        return cls()

    def __init__(self, config: TwilioConfig | None = None, state: ChannelState | None = None) -> None:
        self.config = config or TwilioConfig.from_environment()
        self.state = state
        self.unavailable = ""
        self.agent: Any = None
        missing = self.config.missing()
        if missing:
            self.unavailable = f"{' and '.join(missing)} not set"
            logger.warning(
                "twilio: %s; the Twilio webhook answers 503 until it is (see docs/twilio.md).",
                self.unavailable,
            )
            return
        weak = self.config.weak()
        if weak:
            self.unavailable = "SENDER_ID_SECRET too short"
            logger.error("twilio: %s; the Twilio webhook answers 503.", weak)
            return
        if self.config.skip_signature:
            logger.warning(
                "twilio: X-Twilio-Signature checks are OFF (insecure_skip_signature). Anyone can post "
                "messages to this webhook. Development only: needs LDN_ENV=development."
            )
        if self.state is None:
            try:
                self.state = create_channel_state()
            except Exception as error:  # unwritable state dir: keep the server up, say why
                self.unavailable = f"state store unavailable ({type(error).__name__})"
                logger.warning("twilio: %s; the Twilio webhook answers 503.", self.unavailable)

    # ------------------------------------------------------------------ HTTP

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = harden(Blueprint("ldn_twilio_webhook", __name__))  # 413 before the form is parsed
        on_new_message = answer_within(on_new_message)  # never silence (channels/guard.py)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "unavailable" if self.unavailable else "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            self.agent = getattr(request.app.ctx, "agent", None)  # to read the tracker (disclaimer)
            try:
                status, body = await self.handle(
                    form_params(request),
                    self.validation_url(request),
                    request.headers.get(SIGNATURE_HEADER),
                    on_new_message,
                )
            except Exception as error:  # never a 500 to Twilio: it would show the patient nothing
                logger.error("twilio: request failed (%s)", type(error).__name__)
                logger.debug("twilio: failure details", exc_info=True)
                status, body = 200, twiml([render(ERROR_REPLY)])
            if status == 200:
                return response.text(body, content_type="text/xml; charset=utf-8")
            return response.text(body, status=status)

        return webhook

    def validation_url(self, request: Request) -> str:
        """The URL Twilio signed: the configured public URL, else the URL as received."""
        if not self.config.public_url:
            return request.url
        return public_validation_url(self.config.public_url, request.path, request.query_string)

    # ------------------------------------------------------------------ one request

    async def handle(
        self,
        params: dict[str, list[str]],
        url: str,
        signature: str | None,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> tuple[int, str]:
        """(HTTP status, body) for one webhook call. `params` as parsed, blank values kept."""
        if self.unavailable:
            return 503, "Twilio channel not configured"
        if not self.config.skip_signature and not self._signed(url, params, signature):
            logger.warning("twilio: request refused: missing or invalid %s", SIGNATURE_HEADER)
            return 403, "Forbidden"
        form = {key: values[0] if values else "" for key, values in params.items()}
        address = form.get("From", "").strip()
        if not address:
            return 400, "Missing From"
        whatsapp = is_whatsapp(address)
        key = sender_id(address, self.config.sender_secret)
        message_sid = (form.get("MessageSid") or form.get("SmsMessageSid") or "").strip()
        if not message_sid:
            return 200, await self._reply(key, form, whatsapp, on_new_message, None)
        async with self.state.lock(key):
            remembered = self.state.sid_reply(key, message_sid)
            if remembered is not None:
                logger.info("twilio: repeated MessageSid answered from memory")
                return 200, remembered
            saved = await self._saved_answer(key, message_sid)
            if saved is not None:
                logger.info("twilio: repeated MessageSid answered from the conversation")
                rendered = render_reply(saved, whatsapp=whatsapp)
                self.state.set_options(key, rendered.options)  # its numbered options, as if first sent
                reply = twiml(rendered.parts)
            else:
                reply = await self._reply(key, form, whatsapp, on_new_message, message_sid)
            self.state.save_sid_reply(key, message_sid, reply)
            return 200, reply

    def _signed(self, url: str, params: dict[str, list[str]], signature: str | None) -> bool:
        if not signature:
            return False
        try:
            return RequestValidator(self.config.auth_token).validate(url, _MultiParams(params), signature)
        except Exception:  # malformed URL or parameters: not a valid Twilio request
            return False

    async def _reply(
        self,
        key: str,
        form: dict[str, str],
        whatsapp: bool,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        message_sid: str | None,
    ) -> str:
        """The TwiML answer to one new message."""
        body = form.get("Body")
        word = keyword(body)
        if word in STOP_WORDS:
            first = self.state.opt_out(key)
            logger.info("twilio: opt-out %s", "recorded" if first else "repeated (no reply)")
            return twiml([render(STOP_REPLY)] if first else [])
        if word in HELP_WORDS:  # answered even after STOP, as carriers expect
            return twiml([render(HELP_REPLY)])
        forget_requested = self.state.take_forget_request(key)
        if word in FORGET_WORDS:
            self.state.request_forget(key)
            logger.info("twilio: deletion requested; waiting for CONFIRM")
            return twiml([render("utter_forget_confirm")])
        if word in CONFIRM_WORDS and forget_requested:
            deleted = await forget(current_app(), key)  # type: ignore[arg-type]  # set before the first request
            deleted.sms_rows = self.state.forget(key)
            return twiml([forget_reply(deleted) or ""])
        if self.state.is_opted_out(key):
            if word in START_WORDS:
                self.state.opt_in(key)
                logger.info("twilio: opt-in recorded")
                return twiml([render(START_REPLY)])
            logger.info("twilio: message from an opted-out sender ignored")
            return twiml([])
        if word in START_WORDS - {"YES"}:  # "yes" from a subscriber is a normal answer
            return twiml([render(START_REPLY)])

        is_location = bool(form.get("Latitude") and form.get("Longitude"))
        media_only = _int(form.get("NumMedia")) > 0 and not (body or "").strip()
        if body is None or is_location or media_only:
            logger.info("twilio: non-text message (%s)", "location" if is_location else "media or no Body")
            return twiml([render(NOT_TEXT_REPLY)])

        picked = pick_option(body, self.state.options(key))
        if picked is not None:
            text = picked
        else:
            text, problem = prepare_message(body)
            if problem:
                logger.info("twilio: unreadable message (%s)", problem)

        collector = CollectingOutputChannel()
        message = UserMessage(
            text,
            collector,
            key,
            input_channel=self.name(),
            message_id=message_sid,
            metadata={"twilio_channel": "whatsapp" if whatsapp else "sms"},
        )
        task = asyncio.ensure_future(on_new_message(message))
        try:
            await asyncio.wait_for(asyncio.shield(task), timeout=REPLY_TIMEOUT_S)
        except asyncio.TimeoutError:
            logger.warning("twilio: no answer within %.0f s; sent an apology", REPLY_TIMEOUT_S)
            return twiml([render(SLOW_REPLY)])
        except Exception as error:
            logger.error("twilio: handling a message failed (%s)", type(error).__name__)
            logger.debug("twilio: failure details", exc_info=True)
            return twiml([render(ERROR_REPLY)])

        messages = collector.messages
        if await self._first_reply_of_session(key) and not any(
            DISCLAIMER_MARK in (m.get("text") or "") for m in messages
        ):
            messages = messages + [
                {"recipient_id": key, "text": render(DISCLAIMER)}
            ]  # after the answer: emergencies first
        rendered = render_reply(messages, whatsapp=whatsapp)
        self.state.set_options(key, rendered.options)
        logger.info(
            "twilio: answered (%s, %d part(s), %d option(s))",
            "whatsapp" if whatsapp else "sms",
            len(rendered.parts),
            len(rendered.options),
        )
        return twiml(rendered.parts)

    async def _tracker(self, key: str) -> Any:
        """This sender's conversation as stored, or None (no agent yet, or no conversation)."""
        store = getattr(self.agent, "tracker_store", None)
        return await store.retrieve(key) if store is not None else None

    async def _saved_answer(self, key: str, message_sid: str) -> list[dict[str, Any]] | None:
        """The bot's messages saved after the user message with this MessageSid, or None if
        Rasa never saw it."""
        tracker = await self._tracker(key)
        return answer_to(tracker.events, message_sid) if tracker is not None else None

    async def _first_reply_of_session(self, key: str) -> bool:
        """Did this message start a conversation session? Then its reply carries the disclaimer."""
        tracker = await self._tracker(key)
        return tracker is not None and session_started_this_turn(tracker.events)


def answer_to(events: Any, message_id: str) -> list[dict[str, Any]] | None:
    """The bot's messages (as an output channel got them) after the user message with
    `message_id`, up to the next user message; None if there is no such message."""
    answer: list[dict[str, Any]] | None = None
    for event in events:
        if isinstance(event, UserUttered):
            if answer is not None:
                break
            if event.message_id == message_id:
                answer = []
        elif answer is not None and isinstance(event, BotUttered):
            answer.append(bot_message(event))
    return answer


def bot_message(event: BotUttered) -> dict[str, Any]:
    return {"text": event.text, **{key: value for key, value in (event.data or {}).items() if value}}


def public_validation_url(public_url: str, path: str, query_string: str = "") -> str:
    """The URL to check signatures against behind a TLS-terminating proxy.

    `public_url` is the webhook URL as configured in Twilio
    ("https://host/webhooks/twilio/webhook"); a bare base ("https://host") gets the
    path we were called on. The query string Twilio called with is kept.
    """
    public_url = public_url.strip()
    parts = urlsplit(public_url)
    if parts.path in ("", "/"):
        public_url = public_url.rstrip("/") + path
    if not parts.query and query_string:
        public_url += "?" + query_string
    return public_url


class _MultiParams(dict):
    """Form parameters with every value, as RequestValidator reads a MultiDict."""

    def getall(self, name: str) -> list[str]:
        return self[name]


def form_params(request: Request) -> dict[str, list[str]]:
    """The urlencoded form, blank values kept: Twilio signs empty parameters too
    (Sanic's request.form drops them, which would fail every media-only message)."""
    content_type = (request.content_type or "").split(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded" or not request.body:
        return {}
    return parse_qs(request.body.decode("utf-8", "replace"), keep_blank_values=True)
