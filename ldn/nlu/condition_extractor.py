"""Turn the spaCy EntityRuler's matches into Rasa entities.

The project's spaCy pipeline (ldn/spacy_pipeline.py) tags CONDITION and MEDICINE
spans with the canonical id from ldn/conditions.yml, so "fibro", "FMS" and
"fibromyalgia" all arrive as condition=fibromyalgia. Words the ruler missed get
one more, fuzzy, look (ldn.conditions.fuzzy_condition) to catch typos like
"rhumatoid arthritis" or "fibromialga".
"""

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.utils.spacy_utils import SpacyNLP
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from ldn.conditions import (
    CONDITION_LABEL,
    MEDICINE_LABEL,
    fuzzy_condition,
    fuzzy_medicine,
    is_not_a_condition,
    is_told_as_a_medicine,
    looks_like_a_medicine,
)
from ldn.language import english_words
from ldn.nlu.base import StatelessComponent

ENTITY_FOR_LABEL = {CONDITION_LABEL: "condition", MEDICINE_LABEL: "medicine"}


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class ConditionEntityExtractor(StatelessComponent):
    @staticmethod
    def required_components() -> list[type]:
        return [SpacyNLP]

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__(config)
        english_words()  # used for the fuzzy look; load it with the model

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            doc = message.get(SPACY_DOCS[TEXT])
            if doc is None:
                continue
            found = [
                self._entity(ENTITY_FOR_LABEL[span.label_], span.ent_id_, span.start_char, span.end_char, 1.0)
                for span in doc.ents
                if span.label_ in ENTITY_FOR_LABEL
            ]
            found += self._fuzzy_conditions(doc)
            text = message.get(TEXT) or ""
            found = [e for e in found if e["entity"] != "condition" or not is_not_a_condition(text, e["start"])]
            found += self._medicines_by_name(doc)
            if found:
                message.set(ENTITIES, (message.get(ENTITIES) or []) + found, add_to_output=True)
        return messages

    def _entity(self, entity: str, value: str, start: int, end: int, confidence: float) -> dict[str, Any]:
        return {
            "entity": entity,
            "value": value,
            "start": start,
            "end": end,
            "confidence_entity": confidence,
            "extractor": self.__class__.__name__,
        }

    def _medicines_by_name(self, doc) -> list[dict[str, Any]]:
        """Medicines the registry doesn't list, known by a drug-class ending ("tacrolimus") or told the
        way a medicine is ("I'm on Contrave"), and listed ones misspelled ("sertaline"): words outside
        the dictionary only."""
        known = english_words()
        words = [token.lower_ for token in doc]
        found = []
        for token in doc:
            # ...nor a stop word: "are there injections too?" told no medicine "there" (patients_dev89, 2026-11-28).
            if not token.is_alpha or token.ent_type_ or token.is_stop:
                continue
            if looks_like_a_medicine(token.text):
                name = token.lower_
            elif token.lower_ not in known and token.lemma_.lower() not in known:
                # ...or one told the way a medicine is ("I'm on Contrave"): named as the patient wrote it.
                name = fuzzy_medicine(token.text) or (token.lower_ if is_told_as_a_medicine(words, token.i) else None)
            else:
                continue
            if name:
                found.append(self._entity("medicine", name, token.idx, token.idx + len(token.text), 0.9))
        return found

    def _fuzzy_conditions(self, doc) -> list[dict[str, Any]]:
        """Two-word, then one-word phrases outside the ruler's matches.

        Spans made only of correctly spelled English words are skipped: they are
        not typos, and skipping them keeps long messages fast.
        """
        known = english_words()
        taken = {token.i for span in doc.ents for token in span}
        taken |= {token.i for token in doc if token.lower_ in known or not token.is_alpha}
        found: list[dict[str, Any]] = []
        used: set[int] = set()
        for size in (2, 1):
            for start in range(len(doc) - size + 1):
                span = doc[start : start + size]
                indices = set(range(start, start + size))
                if indices <= taken or indices & used or any(t.ent_type_ for t in span):
                    continue
                condition = fuzzy_condition(span.text)
                if condition:
                    used |= indices
                    found.append(self._entity("condition", condition, span.start_char, span.end_char, 0.9))
        return found
