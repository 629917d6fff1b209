"""What every public channel applies to the Rasa server it is mounted on.

- Request bodies over ``limits.max_body_bytes`` (64 KB) get 413 from Sanic's
  protocol as soon as the Content-Length (or the running total of a chunked
  body) passes the limit: nothing is read further or parsed. Rasa leaves Sanic's
  default of 100 MB, which also applies to its HTTP API on the same port.
- Slow clients can't hold a request open: 15 s to send a request (Sanic: 60 s).
- Importing this module (every channel does) installs the log filter that keeps
  patient text out of Rasa's warnings (ldn/log_filter.py).

``harden(blueprint)`` applies these, lets the channel send reviewed responses
itself (channels/replies.py), and starts the retention sweeps (channels/privacy.py).
"""

from sanic import Blueprint, Sanic

from channels.privacy import keep_retention
from channels.replies import remember_app
from ldn import settings
from ldn.log_filter import install as install_log_filter

REQUEST_TIMEOUT_S = 15  # a request (headers and body) must arrive within this

install_log_filter()


def max_body_bytes() -> int:
    return int(settings.get("limits", "max_body_bytes"))


def limit_requests(blueprint: Blueprint) -> Blueprint:
    """Cap body size and request time on the app `blueprint` is registered on."""

    @blueprint.listener("before_server_start")
    async def _apply_limits(app: Sanic, _loop) -> None:
        app.config.REQUEST_MAX_SIZE = min(int(app.config.REQUEST_MAX_SIZE), max_body_bytes())
        app.config.REQUEST_TIMEOUT = min(int(app.config.REQUEST_TIMEOUT), REQUEST_TIMEOUT_S)
        app.config.WEBSOCKET_MAX_SIZE = min(int(app.config.WEBSOCKET_MAX_SIZE), max_body_bytes())

    return blueprint


def harden(blueprint: Blueprint) -> Blueprint:
    """Everything above, for one channel's blueprint."""
    return keep_retention(remember_app(limit_requests(blueprint)))
