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

Everything else (events, output, JWT, namespaces) is Rasa's own code.
"""

import json
import logging
import uuid
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from sanic import Blueprint

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput

from ldn.settings import allowed_origins
from ldn.text import prepare_message, valid_sender

logger = logging.getLogger(__name__)


class PersistentSocketIOInput(SocketIOInput):
    """``SocketIOInput`` with working session persistence and an origin allow-list."""

    @classmethod
    def name(cls) -> Text:
        return "socketio"

    def origins(self) -> Optional[List[Text]]:
        """Allowed page origins; ``None`` = same origin only (engineio's default)."""
        listed = [origin.rstrip("/") for origin in allowed_origins()]
        return listed or None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        async def checked(message: UserMessage) -> None:
            message.text, problem = prepare_message(message.text)
            if problem:
                logger.info("socketio: unreadable message (%s)", problem)  # never the text
            await on_new_message(message)

        webhook = super().blueprint(checked)
        sio = self.sio
        origins = self.origins()
        sio.eio.cors_allowed_origins = origins  # engineio refuses other Origin headers (400)
        namespace = self.namespace or "/"
        handlers = sio.handlers[namespace]
        stock_connect = handlers["connect"]
        stock_message = handlers[self.user_message_evt]

        async def connect(sid: Text, environ: Dict, auth: Optional[Dict] = None) -> bool:
            origin = environ.get("HTTP_ORIGIN")
            if origin and origins is not None and "*" not in origins and origin not in origins:
                logger.warning("socketio: refused a connection from a page on an origin not allowed")
                return False
            return await stock_connect(sid, environ, auth)

        async def session_request(sid: Text, data: Optional[Dict]) -> None:
            data = data if isinstance(data, dict) else {}
            if not valid_sender(data.get("session_id")):
                data["session_id"] = uuid.uuid4().hex
            if self.session_persistence:
                await sio.enter_room(sid, data["session_id"], namespace=namespace)  # the fix
            await sio.emit("session_confirm", data["session_id"], room=sid, namespace=namespace)

        async def handle_message(sid: Text, data: Any) -> None:
            if not isinstance(data, dict) or not isinstance(data.get("message", ""), str):
                logger.info("socketio: ignored a malformed %s event", self.user_message_evt)
                return
            metadata = data.get(self.metadata_key, {})
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except ValueError:
                    metadata = None
            if not isinstance(metadata, dict):
                data = {**data, self.metadata_key: {}}  # the stock handler would raise
            await stock_message(sid, data)

        sio.on("connect", connect, namespace=namespace)
        sio.on("session_request", session_request, namespace=namespace)
        sio.on(self.user_message_evt, handle_message, namespace=namespace)
        return webhook
