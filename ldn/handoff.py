"""Send a patient's request for a person, with the conversation so far, to the clinic.

Only after the patient said yes (actions/handoff.py asks). Where it goes comes
from settings.yml `handoff.webhook_url` (env LDN_HANDOFF_WEBHOOK_URL):

    POST <webhook_url>   Content-Type: application/json
    {"clinic": "...", "channel": "socketio", "conversation_id": "...",
     "requested_at": "2026-11-26T14:03:00+00:00",
     "transcript": [{"from": "patient"|"assistant", "text": "...", "at": "...ISO time..."}]}

With LDN_HANDOFF_SECRET set, the header X-LDN-Signature: sha256=<hex HMAC-SHA256 of
the body> lets the receiver check it came from us. The URL must be https://, or
http:// to this machine (127.0.0.1 / localhost) for testing: a transcript of health
questions never crosses a network in clear.
"""

import datetime as dt
import hashlib
import hmac
import json
import logging
import os
import urllib.request
from typing import Any
from urllib.parse import urlsplit

from ldn import settings

logger = logging.getLogger(__name__)
TIMEOUT_S = 5
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
MAX_TRANSCRIPT = 200  # messages: enough for any chat, bounded for the receiver
HIDDEN_PAYLOADS = ("/greet", "/feedback", "/ask_human")  # button taps, not words the patient wrote


class HandoffError(RuntimeError):
    pass


def webhook_url() -> str:
    return str(settings.load_settings().get("handoff", {}).get("webhook_url") or "").strip()


def configured() -> bool:
    return bool(webhook_url())


def check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return
    if parts.scheme == "http" and parts.hostname in LOCAL_HOSTS:
        return
    raise HandoffError("handoff.webhook_url must be https:// (or http:// to 127.0.0.1 for testing)")


def _iso(timestamp: float | None) -> str | None:
    return dt.datetime.fromtimestamp(timestamp, dt.timezone.utc).isoformat() if timestamp else None


def transcript(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What the patient and the assistant wrote in this session (button taps shown by their title)."""
    starts = [i for i, e in enumerate(events) if e.get("event") == "session_started"]
    lines: list[dict[str, Any]] = []
    for event in events[starts[-1] + 1 if starts else 0 :]:
        text = event.get("text") or ""
        if event.get("event") == "user" and text and not text.startswith(HIDDEN_PAYLOADS):
            lines.append({"from": "patient", "text": text, "at": _iso(event.get("timestamp"))})
        elif event.get("event") == "bot" and text:
            lines.append({"from": "assistant", "text": text, "at": _iso(event.get("timestamp"))})
    return lines[-MAX_TRANSCRIPT:]


def request_body(conversation_id: str, channel: str | None, events: list[dict[str, Any]]) -> bytes:
    body = {
        "clinic": settings.response_variables()["clinic_name"],
        "channel": channel or "unknown",
        "conversation_id": conversation_id,
        "requested_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "transcript": transcript(events),
    }
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


def send(body: bytes) -> None:
    """POST the request to the clinic's webhook; HandoffError if it isn't taken (not 2xx)."""
    url = webhook_url()
    check_url(url)
    headers = {"Content-Type": "application/json", "User-Agent": "ldn-assistant-handoff"}
    secret = os.environ.get("LDN_HANDOFF_SECRET", "")
    if secret:
        headers["X-LDN-Signature"] = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as reply:
            if not 200 <= reply.status < 300:
                raise HandoffError(f"handoff webhook answered {reply.status}")
    except OSError as error:  # URLError, HTTPError, timeouts
        raise HandoffError(f"handoff webhook failed: {type(error).__name__}") from error
    logger.info("handoff request sent (%d bytes)", len(body))
