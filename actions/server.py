"""The action server: rasa_sdk's, made safe to leave running.

    python -m actions.server --port 5055

- Binds 127.0.0.1 (rasa_sdk binds every interface unless SANIC_HOST is set):
  only Rasa, on the same machine, calls it.
- No CORS headers: no browser page has any business calling it.
- Bodies are capped (MAX_BODY_BYTES), and a ``Content-Encoding: deflate`` body is
  inflated only up to the same cap (rasa_sdk inflates without a limit: about
  1 MB of zeros became about 1 GB of memory). Other encodings get 415.
"""

import argparse
import logging
import zlib

from rasa_sdk import utils
from rasa_sdk.endpoint import create_app
from sanic import Sanic, response
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

HOST = "127.0.0.1"
# Rasa posts the whole current session (every event, with its NLU parse) to each
# action: about 3 KB per turn here, so 1 MB is a few hundred turns within one session.
MAX_BODY_BYTES = 1024 * 1024
REQUEST_TIMEOUT_S = 15
# Default 5 s: Sanic closes an idle keep-alive connection after 5 s; when Rasa is busy
# for longer (make bench, 50 concurrent patients) it reuses a closed one and the patient
# got no answer ("Cannot write to closing transport": 36 of 53 at 50 concurrent; 0 of 61
# with 120 s). Keep them open longer than any stall.
KEEP_ALIVE_TIMEOUT_S = 120


def inflate(body: bytes, limit: int = MAX_BODY_BYTES) -> bytes | None:
    """A deflate (zlib) body inflated, or None if it would be larger than `limit`.
    Raises zlib.error if it isn't valid deflate data."""
    inflater = zlib.decompressobj()
    data = inflater.decompress(body, limit + 1)
    if len(data) > limit or inflater.unconsumed_tail:
        return None
    return data + inflater.flush() if not inflater.eof else data


def build_app() -> Sanic:
    app = create_app("actions", cors_origins="")
    app.config.REQUEST_MAX_SIZE = MAX_BODY_BYTES
    app.config.REQUEST_TIMEOUT = REQUEST_TIMEOUT_S
    app.config.KEEP_ALIVE_TIMEOUT = KEEP_ALIVE_TIMEOUT_S

    @app.exception(SanicException)  # e.g. 413: rasa_sdk's catch-all would make it a 500
    async def http_error(_request: Request, error: SanicException) -> HTTPResponse:
        return response.json({"error": str(error)}, status=getattr(error, "status_code", 400))

    @app.middleware("request")
    async def bounded_encoding(request: Request) -> HTTPResponse | None:
        encoding = (request.headers.get("content-encoding") or "identity").strip().lower()
        if encoding == "identity":
            return None
        if encoding != "deflate":
            return response.json({"error": "unsupported Content-Encoding"}, status=415)
        try:
            data = inflate(request.body or b"")
        except zlib.error:
            return response.json({"error": "invalid deflate body"}, status=400)
        if data is None:
            return response.json({"error": "inflated body too large"}, status=413)
        request.body = data
        del request.headers["content-encoding"]
        return None

    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=5055)
    parser.add_argument("--loglevel", default=None)
    args = parser.parse_args()
    utils.configure_colored_logging(args.loglevel)
    utils.update_sanic_log_level()
    logger.info("Action server on http://%s:%d", HOST, args.port)
    build_app().run(HOST, args.port, workers=1, access_log=False)


if __name__ == "__main__":
    main()
