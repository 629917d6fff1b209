"""Widget conversation ids, issued and signed by the server.

    new_session_id(secret)          -> "<32 hex random>-<32 hex HMAC>"
    is_issued(session_id, secret)   -> True only for ids this server made

The random half makes ids unguessable; the HMAC (SHA-256 with LDN_SESSION_SECRET,
128 bits kept) means a client can't make up an id, or pick someone else's by
guessing. The browser keeps its id in session storage, so a reload resumes the
same conversation (channels/socketio.py).
"""

import hashlib
import hmac
import re
import secrets

SESSION_SECRET_ENV = "LDN_SESSION_SECRET"
SESSION_SECRET_FILE = "session_secret"  # in var/, when generated (ldn/security.py)
_SHAPE = re.compile(r"^([0-9a-f]{32})-([0-9a-f]{32})$")


def _mac(secret: str, token: str) -> str:
    return hmac.new(secret.encode("utf-8"), f"widget:{token}".encode("ascii"), hashlib.sha256).hexdigest()[:32]


def new_session_id(secret: str) -> str:
    token = secrets.token_hex(16)
    return f"{token}-{_mac(secret, token)}"


def is_issued(session_id: object, secret: str) -> bool:
    match = _SHAPE.match(session_id) if isinstance(session_id, str) else None
    return match is not None and hmac.compare_digest(match.group(2), _mac(secret, match.group(1)))
