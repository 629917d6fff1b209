"""Serve the demo clinic page and the widget assets on WEB_PORT (stdlib only).

    python -m web.server --port 8080

Besides the files under web/static/ (the page, ldn-widget.js/.css and the
patched bundle in vendor/, built by `make widget`), it serves:

- /config.js  the widget's settings from settings.yml (title, subtitle, colour,
              socket URL), read at request time. The socket URL is
              LDN_PUBLIC_SOCKET_URL if set, else http://<host of this request>:$RASA_PORT.
- /           the demo page, with the clinic's name and phone filled in.

No request logs (paths and queries could carry patient text).

Safe to leave running: binds 127.0.0.1 unless told otherwise (a reverse proxy
publishes it), never lists a directory (404), gives each connection
limits.page_idle_timeout_s to send its request, and serves at most MAX_CONNECTIONS at
once (more are closed at once instead of each holding a thread).
"""

import argparse
import functools
import html
import http.server
import json
import os
import re
import threading
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

from ldn import settings
from web import staff

WEB_ROOT = Path(__file__).resolve().parent / "static"
DEFAULT_BIND = "127.0.0.1"
MAX_CONNECTIONS = 64  # a demo page and its assets: a handful per visitor
INIT_PAYLOAD = "/greet"
_HOST_NAME = re.compile(r"^[A-Za-z0-9.-]{1,253}$|^\[[0-9A-Fa-f:.]{2,45}\]$")


def request_host_name(host_header: str) -> str:
    """The host name of a Host header without its port; 'localhost' if it looks wrong."""
    host = (host_header or "").strip()
    if host.startswith("["):  # [::1]:8080
        name = host[: host.find("]") + 1] if "]" in host else ""
    else:
        name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    return name if _HOST_NAME.match(name) else "localhost"


def socket_url(host_header: str) -> str:
    public = os.environ.get("LDN_PUBLIC_SOCKET_URL", "").strip()
    if public:
        return public.rstrip("/")
    return f"http://{request_host_name(host_header)}:{os.environ.get('RASA_PORT', '5005')}"


def widget_config(host_header: str) -> dict[str, Any]:
    """Props for rasa-webchat (see docs/widget.md); the page's own config object wins over these."""
    settings.load_settings.cache_clear()  # settings are read per request: edit, reload the page
    widget = settings.load_settings()["widget"]
    clinic = settings.response_variables()
    color = str(widget["primary_color"])
    return {
        "socketUrl": socket_url(host_header),
        "socketPath": os.environ.get("LDN_PUBLIC_SOCKET_PATH", "/socket.io/"),
        "initPayload": INIT_PAYLOAD,
        "title": str(widget["title"]),
        "subtitle": str(widget["subtitle"]),
        "inputTextFieldHint": "Type your question",
        "mainColor": color,
        "userBackgroundColor": color,
        "userTextColor": "#ffffff",
        "params": {"storage": "session"},
        "clinic": {"name": clinic["clinic_name"], "phone": clinic["clinic_phone"], "website": clinic["clinic_website"]},
    }


def config_script(host_header: str) -> bytes:
    body = json.dumps(widget_config(host_header), indent=2, ensure_ascii=True)
    body = body.replace("</", "<\\/")  # can't close a <script> even if inlined
    return f"window.LDN_WIDGET_DEFAULTS = {body};\n".encode()


def demo_page() -> bytes:
    clinic = settings.response_variables()
    page = (WEB_ROOT / "index.html").read_text(encoding="utf-8")
    for key in ("clinic_name", "clinic_phone", "clinic_hours"):
        page = page.replace("{{" + key + "}}", html.escape(clinic[key]))
    return page.encode("utf-8")


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".html": "text/html; charset=utf-8",
        ".json": "application/json",
    }

    timeout: float = 10.0  # seconds a silent client is kept; main() sets limits.page_idle_timeout_s

    def log_message(self, format: str, *args) -> None:  # no request logs with paths/queries
        pass

    def list_directory(self, path):  # never list a folder's files
        self.send_error(404, "Not found")
        return

    def end_headers(self) -> None:
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _generated(self) -> bool:
        """Answer the generated paths; False for a static file."""
        path = urlsplit(self.path).path
        if path == "/config.js":
            self._send(config_script(self.headers.get("Host", "")), "text/javascript; charset=utf-8")
        elif path in ("/", "/index.html"):
            self._send(demo_page(), "text/html; charset=utf-8")
        elif staff.owns(path):  # the staff report (web/staff/): its own access rules and headers
            staff.handle(self)
        else:
            return False
        return True

    def do_GET(self) -> None:
        if not self._generated():
            super().do_GET()

    def do_HEAD(self) -> None:
        if not self._generated():
            super().do_HEAD()

    def do_POST(self) -> None:
        if staff.owns(urlsplit(self.path).path):
            staff.handle(self)
        else:
            self.send_error(405)


class BoundedServer(http.server.ThreadingHTTPServer):
    """ThreadingHTTPServer with at most MAX_CONNECTIONS threads at a time."""

    request_queue_size = 128  # listen backlog (socketserver's 5 makes clients wait seconds under a burst)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.slots = threading.BoundedSemaphore(MAX_CONNECTIONS)

    def process_request(self, request, client_address) -> None:
        if not self.slots.acquire(blocking=False):
            self.shutdown_request(request)  # full: close, don't queue a thread
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--bind", default=DEFAULT_BIND, help="address to listen on (default 127.0.0.1)")
    args = parser.parse_args()
    WEB_ROOT.mkdir(parents=True, exist_ok=True)
    Handler.timeout = float(settings.get("limits", "page_idle_timeout_s"))
    handler = functools.partial(Handler, directory=str(WEB_ROOT))
    with BoundedServer((args.bind, args.port), handler) as server:
        server.serve_forever()


if __name__ == "__main__":
    main()
