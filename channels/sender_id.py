"""Conversation IDs for phone numbers: a keyed hash, never the number itself.

    sender_id("+15550100123", secret)           -> "sms-<32 hex>"
    sender_id("whatsapp:+15550100123", secret)  -> "wa-<32 hex>"

HMAC-SHA256 keyed with SENDER_ID_SECRET, so the ID can't be reversed by hashing
every possible phone number (there are only ~10^10 of them) without the secret.
The same number always gets the same ID while the secret stays the same;
rotating the secret starts a new conversation (and forgets opt-outs and
numbered options) for everyone.
"""

import hashlib
import hmac
import re

WHATSAPP_PREFIX = "whatsapp:"
SMS_ID_PREFIX = "sms-"
WHATSAPP_ID_PREFIX = "wa-"
HEX_CHARS = 32  # 128 bits of the digest: plenty to avoid collisions

_NOT_ADDRESS = re.compile(r"[\s()\-.]")


def is_whatsapp(address: str) -> bool:
    return isinstance(address, str) and address.strip().lower().startswith(WHATSAPP_PREFIX)


def normalize(address: str) -> str:
    """'whatsapp:+1 (555) 010-0123' -> '+15550100123' (the number alone, no formatting)."""
    address = address.strip()
    if is_whatsapp(address):
        address = address[len(WHATSAPP_PREFIX) :]
    return _NOT_ADDRESS.sub("", address)


def sender_id(address: str, secret: str) -> str:
    """The conversation ID for a Twilio `From` value (an SMS number or 'whatsapp:+...')."""
    if not secret:
        raise ValueError("SENDER_ID_SECRET is empty")
    if not isinstance(address, str) or not normalize(address):
        raise ValueError("no sender address")
    kind = "whatsapp" if is_whatsapp(address) else "sms"
    digest = hmac.new(secret.encode("utf-8"), f"{kind}:{normalize(address)}".encode(), hashlib.sha256).hexdigest()
    prefix = WHATSAPP_ID_PREFIX if kind == "whatsapp" else SMS_ID_PREFIX
    return prefix + digest[:HEX_CHARS]
