"""The clinic's staff report at /staff/ (issue 13), served by web/server.py.

    GET  /staff/               the report (?days=7|30|90)
    GET  /staff/declined.csv   declined messages, masked, for the review meeting
    POST /staff/login          form login: sets the session cookie
    POST /staff/logout         clears it
    GET  /staff/staff.css      the page's style sheet

Access rules are in access.py; what is counted, in report.py. `respond` is pure
(request in, Response out), so it is tested without a socket; `handle` adapts it
to the page server's request handler.
"""

import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from ldn import hours, settings
from web.staff import access, page
from web.staff.events import StoreUnavailable, read_events
from web.staff.export import declined_csv
from web.staff.report import build

logger = logging.getLogger(__name__)
PREFIX = "/staff"
CSS = Path(__file__).with_name("staff.css")
MAX_FORM_BYTES = 4096
DEFAULT_DAYS = 30
SECURITY_HEADERS = [
    # Nothing but this server: no scripts at all, no third-party anything.
    (
        "Content-Security-Policy",
        "default-src 'none'; style-src 'self'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    ),
    ("X-Frame-Options", "DENY"),
    ("Cache-Control", "no-store"),
]
HTML = "text/html; charset=utf-8"


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str = HTML
    headers: list[tuple[str, str]] = field(default_factory=list)


def owns(path: str) -> bool:
    return path == PREFIX or path.startswith(PREFIX + "/")


def _clinic() -> str:
    return settings.response_variables()["clinic_name"]


def _zone() -> dt.tzinfo:
    try:
        opening = hours.from_settings()
    except hours.HoursError:
        opening = None
    return opening.zone if opening else dt.timezone.utc


def _html(status: int, text: str, headers: list[tuple[str, str]] | None = None) -> Response:
    return Response(status, text.encode("utf-8"), HTML, headers or [])


def _days(query: dict[str, list[str]]) -> int:
    wanted = (query.get("days") or [""])[0]
    return int(wanted) if wanted.isdigit() and int(wanted) in page.PERIODS else DEFAULT_DAYS


def _report(days: int):
    zone = _zone()
    last = dt.datetime.now(zone).date()
    first = last - dt.timedelta(days=days - 1)
    since = dt.datetime.combine(first, dt.time(0), zone).timestamp()
    try:
        events, error = read_events(since), ""
    except StoreUnavailable as failure:
        events, error = [], str(failure)
    return build(events, zone, first, last), zone, error


def _login(body: bytes) -> Response:
    form = parse_qs(body.decode("utf-8", "replace"), max_num_fields=4)
    if access.token_matches((form.get("token") or [""])[0].strip()):
        return Response(
            303, headers=[("Location", PREFIX + "/"), ("Set-Cookie", access.session_cookie(access.new_session()))]
        )
    logger.warning("staff report: failed sign-in")
    return _html(401, page.login_page(_clinic(), "That token is not right."))


def respond(method: str, target: str, headers: Mapping[str, str], body: bytes = b"") -> Response:
    path, query = urlsplit(target).path, parse_qs(urlsplit(target).query)
    state = access.state()
    if state == access.OFF:
        return _html(404, page.message_page("Not found", "There is nothing here."))
    if state == access.WEAK:
        logger.error("staff report refused: LDN_STAFF_TOKEN is shorter than %d bytes", access.MIN_TOKEN_BYTES)
        return _html(
            503,
            page.message_page(
                "Staff report off",
                f"The staff report is closed: LDN_STAFF_TOKEN must "
                f"be at least {access.MIN_TOKEN_BYTES} characters. Set a longer one.",
            ),
        )
    if path == PREFIX:
        return Response(308, headers=[("Location", PREFIX + "/")])
    if path == PREFIX + "/staff.css":
        return Response(200, CSS.read_bytes(), "text/css; charset=utf-8")
    if method == "POST" and path == PREFIX + "/login":
        return _login(body)
    if method == "POST" and path == PREFIX + "/logout":
        return Response(303, headers=[("Location", PREFIX + "/"), ("Set-Cookie", access.session_cookie("", 0))])
    if not access.allowed(headers):
        return _html(401, page.login_page(_clinic()), [("WWW-Authenticate", 'Bearer realm="staff"')])
    if method in ("GET", "HEAD") and path == PREFIX + "/":
        days = _days(query)
        report, zone, error = _report(days)
        return _html(200, page.report_page(report, _clinic(), days, zone, error))
    if method in ("GET", "HEAD") and path == PREFIX + "/declined.csv":
        report, _, _ = _report(_days(query))
        return Response(
            200,
            declined_csv(report.groups),
            "text/csv; charset=utf-8",
            [("Content-Disposition", 'attachment; filename="declined-messages.csv"')],
        )
    return _html(404, page.message_page("Not found", "There is nothing here."))


def handle(handler) -> None:
    """Answer one request on web/server.py's handler (a BaseHTTPRequestHandler)."""
    body = b""
    if handler.command == "POST":
        length = handler.headers.get("Content-Length", "0")
        if not length.isdigit() or int(length) > MAX_FORM_BYTES:
            response = _html(413, page.message_page("Too large", "That request is too large."))
            return _send(handler, response)
        body = handler.rfile.read(int(length))
    _send(handler, respond(handler.command, handler.path, handler.headers, body))
    return None


def _send(handler, response: Response) -> None:
    handler.send_response(response.status)
    for name, value in SECURITY_HEADERS + response.headers:
        handler.send_header(name, value)
    handler.send_header("Content-Type", response.content_type)
    handler.send_header("Content-Length", str(len(response.body)))
    handler.end_headers()
    if handler.command != "HEAD":
        handler.wfile.write(response.body)
