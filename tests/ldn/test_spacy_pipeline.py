"""The project's own spaCy pipeline, built by `make spacy`, tags conditions by synonym."""

from pathlib import Path

import pytest
import spacy

from ldn.conditions import conditions, fuzzy_condition

pytestmark = pytest.mark.unit

PIPELINE = Path(__file__).resolve().parents[2] / "build" / "spacy" / "en_ldn"


@pytest.fixture(scope="module")
def nlp():
    return spacy.load(PIPELINE)


def test_pipeline_is_blank_english_with_lemmatizer_and_ruler(nlp):
    assert nlp.lang == "en" and nlp.pipe_names == ["lemmatizer", "entity_ruler"]
    assert [t.lemma_ for t in nlp("dreams")] == ["dream"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("can it help my fibro", "fibromyalgia"),
        ("I have MS", "multiple_sclerosis"),
        ("RA flares", "rheumatoid_arthritis"),
        ("Hashimoto's", "hashimotos"),
        ("long covid", "long_covid"),
        ("CRPS", "crps"),
        ("crohns", "crohns"),
        ("what about lupus", "lupus"),
    ],
)
def test_synonyms(nlp, text, expected):
    assert expected in [e.ent_id_ for e in nlp(text).ents]


def test_every_synonym_is_tagged_as_its_condition(nlp):
    for condition in conditions().values():
        for synonym in condition.synonyms:
            assert condition.id in [e.ent_id_ for e in nlp(synonym).ents], synonym


@pytest.mark.parametrize(
    "typo, expected",
    [("rhumatoid arthritis", "rheumatoid_arthritis"), ("fibromialga", "fibromyalgia"), ("questions", None)],
)
def test_fuzzy_matching_catches_typos_only(typo, expected):
    assert fuzzy_condition(typo) == expected
