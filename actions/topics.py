"""Buttons for FAQ topics. The topics themselves live in data/faq/<topic>/ (ldn/topics.py)."""

from typing import List

from ldn.topics import TOPICS, Topic, menu

__all__ = ["TOPICS", "Topic", "buttons_for", "menu", "response_for"]


def response_for(topic: str) -> str:
    return TOPICS[topic].response


def buttons_for(topics: List[str]) -> List[dict]:
    """Buttons that answer a topic when tapped (or when its number is texted back)."""
    return [
        {"title": TOPICS[topic].title, "payload": f'/faq{{"topic": "{topic}"}}'}
        for topic in topics
        if topic in TOPICS
    ]
