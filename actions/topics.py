"""Buttons for FAQ topics. The topics themselves live in data/faq/<topic>/ (ldn/topics.py)."""

from ldn.topics import TOPICS, Topic, menu

__all__ = ["TOPICS", "Topic", "buttons_for", "menu", "response_for"]


def response_for(topic: str) -> str:
    return TOPICS[topic].response


def faq_payload(topic: str) -> str:
    """The payload of the button that answers `topic`; the only payloads patients may send (ldn/payloads.py)."""
    return f'/faq{{"topic": "{topic}"}}'


def buttons_for(topics: list[str]) -> list[dict]:
    """Buttons that answer a topic when tapped (or when its number is texted back)."""
    return [{"title": TOPICS[topic].title, "payload": faq_payload(topic)} for topic in topics if topic in TOPICS]
