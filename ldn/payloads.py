"""The only "/intent{...}" payloads a patient's message may carry.

Rasa treats any text starting with "/" as a ready-made intent with entities
(rasa.nlu.classifiers.regex_message_handler), skipping every NLU check. Patients
only ever send such a payload by tapping one of the assistant's own buttons, so
exactly those payloads pass; any other text starting with "/" has its slashes
removed and is read as words like any message ("/ I take 4.5 mg" -> "I take 4.5 mg").
This is the one place that decides it; ldn/text.py applies it on every channel.
"""

import functools

from actions.topics import TOPICS, faq_payload

PAYLOAD_PREFIX = "/"
GREET_PAYLOAD = "/greet"  # the widget's initPayload (web/server.py)


@functools.cache
def allowed_payloads() -> frozenset[str]:
    """Topic buttons, "Was this helpful?" votes and reasons for every rated answer, handoff consent."""
    from actions.feedback import is_rated, reason_buttons, vote_buttons
    from actions.handoff import consent_buttons
    from ldn.domain import responses

    buttons = consent_buttons()
    for name in filter(is_rated, responses()):
        buttons += vote_buttons(name) + reason_buttons(name)
    return frozenset({GREET_PAYLOAD} | {faq_payload(topic) for topic in TOPICS} | {b["payload"] for b in buttons})


def is_allowed_payload(text: str) -> bool:
    return text in allowed_payloads()


def refuse_payload(text: str) -> str:
    """`text` unchanged if it is one of our payloads; otherwise without its leading slashes."""
    if not text.startswith(PAYLOAD_PREFIX) or is_allowed_payload(text):
        return text
    return text.lstrip(PAYLOAD_PREFIX + " ")
