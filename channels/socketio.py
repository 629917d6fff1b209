"""Socket.io channel for the website widget: Rasa's, with three fixes.

1. Session persistence works. Rasa 3.6's handler calls ``sio.enter_room(...)``
   without ``await`` (rasa#13027); with python-socketio 5 that is a coroutine
   that never runs, so the socket never joins the session's room and every
   reply, sent to that room, is lost. Here the ``session_request`` handler
   awaits it.
2. Only pages on allowed origins may connect. The stock server passes
   ``cors_allowed_origins=[]``, which switches python-engineio's origin check
   off. Here the list comes from settings (``widget.allowed_origins``, env
   ``LDN_ALLOWED_ORIGINS``, comma-separated): a browser page on any other origin
   is refused at the handshake and again at connect, so it never gets an
   answer. An empty list means "same origin only" (the reverse-proxy setup).
3. Every user message goes through ``ldn.text.prepare_message`` like on the
   other channels; malformed events are dropped instead of raising.
4. Session ids are the server's, not the client's. Stock Rasa joins whatever
   ``session_id`` a client asks for and then takes the id from every message,
   so anyone holding (or guessing) an id reads that patient's replies and writes
   into the conversation. Here ``session_request`` resumes an id only if this
   server issued it (HMAC with LDN_SESSION_SECRET, channels/widget_session.py),
   else it issues a new one; each socket then sends only into the session it
   joined, and a message naming any other session is refused.
5. POST /webhooks/socketio/forget {"session_id": ...} deletes that conversation
   (the widget's "Delete this conversation" control) and says what was deleted.
6. Client ``metadata`` is dropped; bodies and socket.io packets over 64 KB are
   refused (channels/hardening.py); a patient never waits in silence
   (channels/guard.py).

Everything else (events, output, JWT, namespaces) is Rasa's own code.
"""

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from sanic_cors.core import SANIC_CORS_EVALUATED

from channels.guard import answer_within
from channels.hardening import harden, max_body_bytes
from channels.privacy import forget, forget_reply
from channels.widget_session import SESSION_SECRET_ENV, SESSION_SECRET_FILE, is_issued, new_session_id
from ldn.security import stored_secret
from ldn.settings import allowed_origins
from ldn.text import prepare_message

logger = logging.getLogger(__name__)


class PersistentSocketIOInput(SocketIOInput):
    """``SocketIOInput`` with working session persistence and an origin allow-list."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.session_secret = stored_secret(SESSION_SECRET_ENV, SESSION_SECRET_FILE)
        self.joined: dict[str, str] = {}  # socket id -> the session it joined

    async def _engineio_answers_cors(self, request: Request) -> None:
        """On socket.io paths, engineio's origin allow-list answers CORS, not Rasa's --cors:
        with both, a browser gets two Access-Control-Allow-Origin values and refuses the
        long-polling transport (so the widget never connects)."""
        if request.path.rstrip("/") == self.socketio_path.rstrip("/"):
            setattr(request.ctx, SANIC_CORS_EVALUATED, "1")  # sanic_cors then leaves it alone

    def origins(self) -> list[str] | None:
        """Allowed page origins; ``None`` = same origin only (engineio's default)."""
        listed = [origin.rstrip("/") for origin in allowed_origins()]
        return listed or None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        guarded = answer_within(on_new_message)

        async def checked(message: UserMessage) -> None:
            message.text, problem = prepare_message(message.text)
            if problem:
                logger.info("socketio: unreadable message (%s)", problem)  # never the text
            await guarded(message)

        webhook = harden(super().blueprint(checked))
        sio = self.sio
        origins = self.origins()
        sio.eio.cors_allowed_origins = origins  # engineio refuses other Origin headers (400)
        sio.eio.max_http_buffer_size = max_body_bytes()  # engineio's own limit is 1 MB
        namespace = self.namespace or "/"
        handlers = sio.handlers[namespace]
        stock_connect = handlers["connect"]
        stock_disconnect = handlers["disconnect"]
        stock_message = handlers[self.user_message_evt]

        async def connect(sid: str, environ: dict, auth: dict | None = None) -> bool:
            origin = environ.get("HTTP_ORIGIN")
            if origin and origins is not None and "*" not in origins and origin not in origins:
                logger.warning("socketio: refused a connection from a page on an origin not allowed")
                return False
            return await stock_connect(sid, environ, auth)

        async def disconnect(sid: str) -> None:
            self.joined.pop(sid, None)
            await stock_disconnect(sid)

        async def session_request(sid: str, data: dict | None) -> None:
            asked = data.get("session_id") if isinstance(data, dict) else None
            session = str(asked) if is_issued(asked, self.session_secret) else new_session_id(self.session_secret)
            if asked and session != asked:
                logger.warning("socketio: refused a session id this server did not issue; issued a new one")
            previous = self.joined.get(sid)
            if previous and previous != session:
                await sio.leave_room(sid, previous, namespace=namespace)
            if self.session_persistence:
                await sio.enter_room(sid, session, namespace=namespace)  # awaited: rasa#13027
            self.joined[sid] = session
            await sio.emit("session_confirm", session, room=sid, namespace=namespace)

        async def handle_message(sid: str, data: Any) -> None:
            if not isinstance(data, dict) or not isinstance(data.get("message", ""), str):
                logger.info("socketio: ignored a malformed %s event", self.user_message_evt)
                return
            session = self.joined.get(sid)
            if session is None:
                logger.warning("socketio: refused a message sent before session_request")
                return
            if data.get("session_id") not in (None, "", session):
                logger.warning("socketio: refused a message for a session this socket did not join")
                return
            # Only the joined session, and no client metadata, reach Rasa.
            await stock_message(sid, {"message": data.get("message", ""), "session_id": session, self.metadata_key: {}})

        @webhook.listener("before_server_start")
        async def _one_cors_authority(app: Sanic, _loop) -> None:
            app.register_middleware(self._engineio_answers_cors, "request")

        @webhook.route("/forget", methods=["POST"])
        async def forget_session(request: Request) -> HTTPResponse:
            """The widget's "Delete this conversation": needs the id this server issued."""
            try:
                session = (request.json or {}).get("session_id")
            except Exception:  # not JSON
                session = None
            if not is_issued(session, self.session_secret):
                return response.json({"error": "unknown session"}, status=403)
            deleted = await forget(request.app, str(session))
            return response.json(
                {
                    "deleted": {"messages": deleted.messages, "replies": deleted.replies},
                    "text": forget_reply(deleted),
                }
            )

        sio.on("disconnect", disconnect, namespace=namespace)
        sio.on("connect", connect, namespace=namespace)
        sio.on("session_request", session_request, namespace=namespace)
        sio.on(self.user_message_evt, handle_message, namespace=namespace)
        return webhook
