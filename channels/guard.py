"""Never leave a patient in silence.

Every channel hands messages to Rasa through ``answer_within``. If, within
``limits.reply_deadline_s`` (4.5 s), Rasa has neither sent an answer nor is known
to be fine, the patient gets ``utter_service_trouble`` ("I'm having trouble...
if this is urgent, call {emergency_number}... or call the clinic"):
- the action server is slow or stopped: Rasa waits up to 5 minutes for it
  (rasa.core.constants.DEFAULT_REQUEST_TIMEOUT, not configurable in 3.6);
- the action server is down: Rasa logs the error and sends nothing;
- the conversation database is locked or unreachable (ldn/tracker_store.py);
- anything else raised while handling the message.
A slow answer is not cancelled: it is still saved in the conversation and, on the
widget, still arrives after the notice. The message text is never logged.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage

from channels.replies import response_text
from ldn import settings

logger = logging.getLogger(__name__)

TROUBLE_RESPONSE = "utter_service_trouble"
Handler = Callable[[UserMessage], Awaitable[Any]]


def reply_deadline_s() -> float:
    return float(settings.get("limits", "reply_deadline_s"))


def _count_sends(message: UserMessage) -> dict[str, int]:
    """Count what Rasa sends for this message (wraps this message's output channel only)."""
    counter = {"sent": 0}
    channel = message.output_channel
    send_response = channel.send_response

    async def counted(recipient_id: str, reply: dict[str, Any]) -> None:
        counter["sent"] += 1
        await send_response(recipient_id, reply)

    channel.send_response = counted
    return counter


def _log_late_outcome(task: "asyncio.Future[Any]") -> None:
    if task.cancelled():
        return
    error = task.exception()
    if error is not None:
        logger.error("guard: a late answer failed (%s)", type(error).__name__)
    else:
        logger.info("guard: a late answer completed")


def answer_within(on_new_message: Handler) -> Handler:
    """`on_new_message`, but the patient always hears something within the deadline."""

    async def guarded(message: UserMessage) -> None:
        counter = _count_sends(message)
        task = asyncio.ensure_future(on_new_message(message))
        done, _ = await asyncio.wait({task}, timeout=reply_deadline_s())
        if not done:
            reason = "no answer within the deadline"
            task.add_done_callback(_log_late_outcome)
        elif task.cancelled():
            reason = "handling was cancelled"
        elif task.exception() is not None:
            reason = f"handling failed ({type(task.exception()).__name__})"
        elif counter["sent"] == 0:
            reason = "no answer (see the errors above)"
        else:
            return
        if counter["sent"]:
            logger.warning("guard: %s after part of the answer was sent", reason)
            return
        logger.error("guard: %s; sent %s", reason, TROUBLE_RESPONSE)
        text = response_text(TROUBLE_RESPONSE)
        if text:
            await message.output_channel.send_response(message.sender_id, {"text": text})

    return guarded
