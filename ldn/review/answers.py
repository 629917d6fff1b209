"""Every patient-facing response, read the way Rasa reads it.

The one place the review tools read answers from: `Domain.load` accepts a file or a
directory, so when answers move (e.g. per-topic files and a generated domain),
repoint ANSWERS_DOMAIN and nothing else.
"""

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ldn.domain import DOMAIN_PATH

ANSWERS_DOMAIN = DOMAIN_PATH


@dataclass(frozen=True)
class Answer:
    name: str
    texts: tuple[str, ...]  # one per variant
    buttons: tuple[str, ...]  # button titles, patient-facing too
    metadata: dict[str, Any]

    @property
    def source(self) -> dict[str, str]:
        return self.metadata.get("source") or {}

    @property
    def from_guide(self) -> bool:
        return bool(self.source.get("section"))

    @property
    def digest(self) -> str:
        """SHA-256 of what the patient reads: every variant's text and button titles."""
        canonical = json.dumps({"texts": self.texts, "buttons": self.buttons}, ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def load_answers(path: Path | None = None) -> dict[str, Answer]:
    """All responses with text, by name, in domain order."""
    from rasa.shared.core.domain import Domain  # late: importing Rasa takes seconds

    domain = Domain.load(str(path or ANSWERS_DOMAIN))
    answers: dict[str, Answer] = {}
    for name, variants in domain.responses.items():
        texts = tuple(str(v.get("text") or "") for v in variants if v.get("text"))
        if not texts:
            continue
        buttons: list[str] = [str(b.get("title", "")) for v in variants for b in v.get("buttons") or []]
        answers[name] = Answer(name, texts, tuple(buttons), dict(variants[0].get("metadata") or {}))
    return answers
