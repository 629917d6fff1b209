"""Keep patient text out of Rasa's warnings.

Any message starting with "/" is read by Rasa as "/intent{entities}"
(rasa/shared/core/training_data/story_reader/yaml_story_reader.py,
``unpack_regex_message``). When it isn't a valid one, Rasa echoes the whole text:
- at WARNING through structlog, event ``message.parsing.failed`` with
  ``user_text=...``, emitted by the stdlib logger named after that module;
- through ``warnings.warn``: "Failed to parse arguments in line '<text>'..."
  (unknown intent, bad JSON, unknown entity, trailing text).
The channels no longer pass such text on (ldn/payloads.py); this filter covers
every other way in (e.g. Rasa's HTTP API /model/parse).
"""

import logging
import warnings

RASA_PAYLOAD_LOGGER = "rasa.shared.core.training_data.story_reader.yaml_story_reader"
ECHOING_EVENTS = ("message.parsing.failed",)
ECHOING_WARNING = r"Failed to parse arguments in line"


class DropEchoedText(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = str(record.msg)
        return not any(event in message for event in ECHOING_EVENTS) and "Failed to parse arguments" not in message


_FILTER = DropEchoedText()


def install() -> None:
    """Idempotent: safe to call from every module that needs it."""
    logger = logging.getLogger(RASA_PAYLOAD_LOGGER)
    if _FILTER not in logger.filters:
        logger.addFilter(_FILTER)
    warnings.filterwarnings("ignore", message=ECHOING_WARNING)
    captured = logging.getLogger("py.warnings")  # if warnings are routed to logging
    if _FILTER not in captured.filters:
        captured.addFilter(_FILTER)
