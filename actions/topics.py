"""The FAQ topics: button titles and what "tell me more" goes on to.

The answers themselves live in domain.yml as utter_faq/<topic>.
"""

from dataclasses import dataclass
from typing import Dict, List, Tuple


@dataclass(frozen=True)
class Topic:
    title: str
    related: Tuple[str, ...]


TOPICS: Dict[str, Topic] = {
    "what_is": Topic("What LDN is", ("how_it_works", "benefits", "evidence")),
    "evidence": Topic("How strong the evidence is", ("safety", "long_covid")),
    "benefits": Topic("Possible benefits", ("conditions", "evidence", "how_it_works")),
    "pain": Topic("LDN and pain", ("dose", "side_effects")),
    "cost": Topic("Cost and insurance", ("how_to_take", "dose")),
    "immune": Topic("LDN and the immune system", ("inflammation", "dose")),
    "inflammation": Topic("LDN and inflammation", ("immune", "neuroprotection")),
    "neuroprotection": Topic("Protecting nerve cells", ("inflammation", "evidence")),
    "long_covid": Topic("LDN and long COVID", ("pain", "evidence")),
    "safety": Topic("Safety and other medicines", ("side_effects", "pregnancy")),
    "pregnancy": Topic("LDN and pregnancy", ("safety", "side_effects")),
    "side_effects": Topic("Side effects", ("safety", "pregnancy", "dose")),
    "how_to_take": Topic("How to take it", ("dose", "side_effects")),
    "dose": Topic("Dose range", ("how_to_take", "side_effects")),
    "conditions": Topic("Conditions it's used for", ("pain", "immune", "long_covid")),
    "how_it_works": Topic("How it works", ("pain", "inflammation", "immune")),
}


def response_for(topic: str) -> str:
    return f"utter_faq/{topic}"


def faq_payload(topic: str) -> str:
    """The payload of the button that answers `topic`; the only payloads patients may send (ldn/payloads.py)."""
    return f'/faq{{"topic": "{topic}"}}'


def buttons_for(topics: List[str]) -> List[dict]:
    """Buttons that answer a topic when tapped (or when its number is texted back)."""
    return [
        {"title": TOPICS[topic].title, "payload": faq_payload(topic)}
        for topic in topics
        if topic in TOPICS
    ]
