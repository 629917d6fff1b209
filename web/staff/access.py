"""Who may see the staff report: holders of LDN_STAFF_TOKEN.

- LDN_STAFF_TOKEN unset or empty: the report is off (404), as if it didn't exist.
- Shorter than MIN_TOKEN_BYTES: refused (503 with the reason): a guessable token
  protects nothing, so the report stays closed until it is fixed.
- Otherwise a request is let in with `Authorization: Bearer <token>`, or with the
  session cookie the login form sets: HttpOnly, Secure, SameSite=Strict, Path=/staff,
  holding an expiry and an HMAC of it keyed by the token (never the token itself),
  so changing the token logs everyone out.
"""

import hashlib
import hmac
import os
import time
from collections.abc import Mapping
from http.cookies import CookieError, SimpleCookie

MIN_TOKEN_BYTES = 32
COOKIE = "ldn_staff"
SESSION_SECONDS = 8 * 3600  # one working day
OFF, WEAK, READY = "off", "weak", "ready"


def token() -> str:
    return os.environ.get("LDN_STAFF_TOKEN", "").strip()


def state() -> str:
    value = token()
    if not value:
        return OFF
    return READY if len(value.encode("utf-8")) >= MIN_TOKEN_BYTES else WEAK


def _sign(expires: int, secret: str) -> str:
    return hmac.new(secret.encode("utf-8"), f"staff-session:{expires}".encode(), hashlib.sha256).hexdigest()


def new_session(now: float | None = None) -> str:
    expires = int((now or time.time()) + SESSION_SECONDS)
    return f"{expires}.{_sign(expires, token())}"


def valid_session(value: str, now: float | None = None) -> bool:
    expires_text, _, signature = value.partition(".")
    if not expires_text.isdigit() or int(expires_text) < (now or time.time()):
        return False
    return hmac.compare_digest(signature, _sign(int(expires_text), token()))


def token_matches(candidate: str) -> bool:
    return state() == READY and hmac.compare_digest(candidate.encode("utf-8"), token().encode("utf-8"))


def session_cookie(value: str, max_age: int = SESSION_SECONDS) -> str:
    return f"{COOKIE}={value}; Max-Age={max_age}; Path=/staff; HttpOnly; Secure; SameSite=Strict"


def allowed(headers: Mapping[str, str]) -> bool:
    """True if the request carries the token (Bearer) or a valid session cookie."""
    if state() != READY:
        return False
    auth = headers.get("Authorization") or ""
    if auth[:7].lower() == "bearer ":
        return token_matches(auth[7:].strip())
    try:
        cookie = SimpleCookie(headers.get("Cookie") or "")
    except CookieError:
        return False
    return COOKIE in cookie and valid_session(cookie[COOKIE].value)
