"""The registry's entities on real spaCy docs: conditions, listed medicines, and medicines the list lacks."""

from pathlib import Path

import pytest
import spacy
from rasa.nlu.constants import SPACY_DOCS
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from ldn.nlu.condition_extractor import ConditionEntityExtractor

pytestmark = pytest.mark.unit

PIPELINE = Path(__file__).resolve().parents[3] / "build" / "spacy" / "en_ldn"


@pytest.fixture(scope="module")
def extract():
    nlp, extractor = spacy.load(PIPELINE), ConditionEntityExtractor({})

    def entities(text):
        message = Message(data={TEXT: text})
        message.set(SPACY_DOCS[TEXT], nlp(text))
        extractor.process([message])
        return [(e["entity"], e["value"]) for e in message.get("entities") or []]

    return entities


def test_a_medicine_the_list_lacks_is_found_by_its_ending(extract):
    found = extract("my husband has pancreatic cancer and is on gemcitabine, is ldn used for cancer?")
    assert ("medicine", "gemcitabine") in found and ("condition", "cancer") in found


def test_a_listed_medicine_is_found_once(extract):
    assert extract("i take tramadol for my back") == [("medicine", "tramadol")]


def test_ordinary_words_are_not_medicines(extract):
    assert extract("the hospital was capital, what does ldn cost") == []


@pytest.mark.parametrize(
    ("text", "medicine"),
    [
        ("im on sertaline 50mg", "sertraline"),
        ("i take welbutrin daily", "wellbutrin"),
        ("tramadole for my back", "tramadol"),
    ],
)
def test_a_misspelled_medicine_is_found_by_its_listed_name(extract, text, medicine):
    assert ("medicine", medicine) in extract(text)


def test_ordinary_words_near_a_medicine_name_are_not_medicines(extract):
    assert extract("starting next week, glad to be alive, in the meantime what does it cost") == []


@pytest.mark.parametrize(
    "text",
    [
        # "are there injections too?", "mess with my immune system" (2026-11-28, sets 89 and 11, new words).
        "is it only capsules or are there injections as well",
        "could it play havoc with my immune system",
    ],
)
def test_a_stop_word_or_a_body_word_is_no_medicine(extract, text):
    assert extract(text) == []


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        # Names patients used that the registry lacked (2026-11-27, sets 18-20, new words).
        ("my thyroxine goes in first thing", ("medicine", "thyroxine")),
        ("she is on mounjaro for her weight", ("medicine", "mounjaro")),
        ("he's two years into recovery from alcohol", ("condition", "addiction")),
        # B12 by injection, an antiparasitic, an eczema injection (2026-11-27, sets 21/22, new words).
        ("she gets b12 jabs every month", ("medicine", "b12 jabs")),
        ("the vet-strength ivermectin my uncle swears by", ("medicine", "ivermectin")),
        ("my son's dupixent injections", ("medicine", "dupixent")),
        ("she takes ferrous sulphate for her iron", ("medicine", "ferrous sulphate")),
        ("he started riluzole in march", ("medicine", "riluzole")),
        # A skin medicine told by its form (2026-11-27, set 51, new words).
        ("the tacalcitol ointment isn't shifting it", ("medicine", "tacalcitol")),
        # A fibre drink, a bone tablet, two conditions the guide doesn't name (2026-11-28, sets 67/69, new words).
        ("i have a fybogel every evening", ("medicine", "fybogel")),
        ("she's on weekly alendronic acid", ("medicine", "alendronic acid")),
        ("peppermint capsules do nothing for me", ("medicine", "peppermint capsules")),
        ("the tinnitus is driving him mad", ("condition", "tinnitus")),
        ("my mum has dry amd in one eye", ("condition", "macular_degeneration")),
        ("she takes panadol for her knees", ("medicine", "panadol")),
        ("on labetalol since 16 weeks", ("medicine", "labetalol")),
    ],
)
def test_names_patients_use_are_in_the_registry(extract, text, entity):
    assert entity in extract(text)


def test_a_title_is_no_condition(extract):
    """ "Kind regards, Ms. F. Adeyemi" (2026-11-27, set 26): Rasa reads the text in lower case, so the
    patient's own casing says it is a title."""
    nlp, extractor = spacy.load(PIPELINE), ConditionEntityExtractor({})

    def lowered(text):
        message = Message(data={TEXT: text})
        message.set(SPACY_DOCS[TEXT], nlp(text.lower()))
        extractor.process([message])
        return [(e["entity"], e["value"]) for e in message.get("entities") or []]

    assert lowered("Does it help? Kind regards, Ms. J. Okafor") == []
    assert lowered("Regards, Ms Okafor") == []
    assert lowered("MS since 2010, does ldn help") == [("condition", "multiple_sclerosis")]
    assert lowered("does it help ms symptoms") == [("condition", "multiple_sclerosis")]


@pytest.mark.parametrize(
    "text, entities",
    [
        ("trying to understand ldn before my endo appt next week", []),
        ("my endo says my numbers are fine", []),
        ("worth asking my endo about ldn?", []),
        ("stage 4 endo, could ldn help", [("condition", "endometriosis")]),
        ("my endo pain is worse every month", [("condition", "endometriosis")]),
        # PANS, not pans in a kitchen (2026-11-27, set 54, new words).
        ("our son was diagnosed with PANS after strep, could ldn help", [("condition", "pans")]),
        ("scrubbing pots and pans all day hurts my hands, does ldn help fibro", [("condition", "fibromyalgia")]),
    ],
)
def test_words_that_name_something_else_are_no_condition(extract, text, entities):
    """ "my endo" is the endocrinologist when an appointment or advice follows (sets 6, 35 and 42); pans in
    a kitchen are no PANS (set 54)."""
    assert [e for e in extract(text) if e[0] == "condition"] == entities
