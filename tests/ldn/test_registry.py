"""The conditions registry's content (ldn/conditions.yml): categories, names, and routing by synonym."""

from pathlib import Path

import pytest
import spacy

from ldn.conditions import conditions, looks_like_a_medicine
from ldn.domain import responses

pytestmark = pytest.mark.unit

PIPELINE = Path(__file__).resolve().parents[2] / "build" / "spacy" / "en_ldn"
CATEGORIES = {"autoimmune", "joint", "neurodegenerative", "gut", "mental_health"}


@pytest.fixture(scope="module")
def nlp():
    return spacy.load(PIPELINE)


def tagged(nlp, text):
    return [e.ent_id_ for e in nlp(text).ents if e.label_ == "CONDITION"]


def test_every_category_has_its_reply_and_every_entry_a_known_category():
    assert {c.category for c in conditions().values()} <= CATEGORIES | {None}
    for category in CATEGORIES:
        text = responses()[f"utter_condition_category_{category}"][0]["text"]
        assert "{mentioned_condition}" in text and "doesn't name it" in text and "limited" in text
        assert "provider" in text and "If you feel very unwell or this is urgent, call {emergency_number}." in text


@pytest.mark.parametrize(
    "condition, category",
    [
        ("lupus", "autoimmune"),
        ("scleroderma", "autoimmune"),
        ("psoriasis", "autoimmune"),
        ("psoriatic_arthritis", "joint"),
        ("inflammatory_arthritis", "joint"),
        ("parkinsons", "neurodegenerative"),
        ("als", "neurodegenerative"),
        ("ulcerative_colitis", "gut"),
        ("ibs", "gut"),
        ("depression", "mental_health"),
        ("anxiety", "mental_health"),
    ],
)
def test_conditions_of_a_kind_the_guide_discusses(condition, category):
    entry = conditions()[condition]
    assert not entry.covered and entry.category == category
    assert entry.category_response == f"utter_condition_category_{category}"


@pytest.mark.parametrize(
    "text, expected",
    [
        # Systemic sclerosis (scleroderma) is not multiple sclerosis.
        ("does ldn help systemic sclerosis", ["scleroderma"]),
        ("scleroderma", ["scleroderma"]),
        ("does ldn help multiple sclerosis", ["multiple_sclerosis"]),
        ("sclerosis", []),
        # Psoriatic and inflammatory arthritis are treated alike; neither is rheumatoid arthritis.
        ("psoriatic arthritis", ["psoriatic_arthritis"]),
        ("inflammatory arthritis", ["inflammatory_arthritis"]),
        # A vaccine is not an infection, nor a condition: the registry lists it among the medicines.
        ("is ldn ok after the covid vaccine", []),
        ("i have an active covid infection", ["covid_infection"]),
        # Ehlers-Danlos, by its short forms (2026-11-27, set 45, new words).
        ("my hEDS makes every joint ache, would ldn help", ["ehlers_danlos"]),
        ("does ldn help long covid", ["long_covid"]),
        # The patient's words, not a diagnosis.
        ("does ldn help with blood sugar", ["blood_sugar"]),
        ("ldn for memory loss", ["memory_loss"]),
        ("does ldn help type 1 diabetes", ["type_1_diabetes"]),
        ("does ldn help diabetes", ["diabetes"]),
        # Heard by voice typing (2026-11-27, sets 11/12, new words).
        ("could it help my fibre my algae", ["fibromyalgia"]),
        ("she has roomatoid arthritis in both hands", ["rheumatoid_arthritis"]),
        # Not in the guide (2026-11-27, set 15).
        ("could it help my night sweats", ["menopause"]),
        # Long COVID's brain fog (2026-11-27, set 26, new words).
        ("does it clear long covid brain fog", ["long_covid"]),
        # Drinking, in a patient's words (2026-11-27, set 30, new words).
        ("would it help with drinking at weekends", ["addiction"]),
        ("is it used for people coming off opioids", ["addiction"]),
        # ...and in new words (2026-11-28, sets 99/104).
        ("would it stop me drinking every night", ["addiction"]),
        ("he's been clean two years and wants to stay that way", ["addiction"]),
    ],
)
def test_routing_by_synonym(nlp, text, expected):
    assert tagged(nlp, text) == expected


@pytest.mark.parametrize(
    "condition, name",
    [
        ("blood_sugar", "blood sugar"),
        ("memory_loss", "memory loss"),
        ("low_mood", "low mood"),
    ],
)
def test_names_are_what_the_patient_said(condition, name):
    assert conditions()[condition].name == name


def test_insomnia_reply_says_it_is_a_listed_side_effect():
    variants = responses()["utter_condition_not_covered"]
    insomnia = [
        v for v in variants if v.get("condition") == [{"type": "slot", "name": "condition", "value": "insomnia"}]
    ]
    assert len(insomnia) == 1 and "side effects" in insomnia[0]["text"]
    assert "insomnia" in conditions()


@pytest.mark.parametrize(
    "word, expected",
    [
        ("gemcitabine", True),
        ("tacrolimus", True),
        ("adalimumab", True),
        ("Ramipril", True),
        ("penicillin", True),
        ("prednisolone", True),
        ("hydrocortisone", True),
        ("hospital", False),
        ("statin", False),  # too short to be sure
        ("siponimod", True),  # MS (2026-11-27, set 15)
        ("doxazosin", True),
        ("capital", False),
        # Anti-androgens and local anaesthetics (2026-11-27, set 30, new words).
        ("bicalutamide", True),
        ("lidocaine", True),
    ],
)
def test_a_medicine_the_list_lacks_is_known_by_its_ending(word, expected):
    assert looks_like_a_medicine(word) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Parkinson's, sleep and hormone medicines patients name in passing (2026-11-26, sets 10 and 11).
        ("dad has been on Sinemet for years", ["sinemet"]),
        ("i take zopiclone most nights", ["zopiclone"]),
        ("he is on hormone therapy for his prostate", ["hormone therapy"]),
        # Heart, memory, breathing and pregnancy medicines (2026-11-27, sets 12/13).
        ("mum has been on galantamine since spring", ["galantamine"]),
        ("i use my inhaler twice a day", ["inhaler"]),
        ("just my folic acid for now", ["folic acid"]),
        ("she's on elmiron for her bladder", ["elmiron"]),
        ("I take Euthyrox every morning", ["euthyrox"]),
        ("he's on the hormone injections for it", ["hormone injections"]),
        # Common medicines the list lacked (2026-11-27, a check against common names).
        ("my gp put me on carbamazepine last year", ["carbamazepine"]),
        ("she takes cetirizine in the summer", ["cetirizine"]),
        ("he has his clexane injections", ["clexane"]),
        ("a vitamin c and a multivitamin daily", ["vitamin c", "multivitamin"]),
        ("she swears by ginkgo biloba", ["ginkgo biloba"]),
        ("on colchicine for gout", ["colchicine"]),
        # Vitamins as texts shorten them (2026-11-27, set 38).
        ("currently on 3mg LDN + vit D", ["vit d"]),
        # An anxiety medicine, vaccines (2026-11-27, sets 12/47/48, new words).
        ("she was started on buspirone in may", ["buspirone"]),
        ("my covid booster is booked for friday", ["covid booster"]),
        ("having the flu jab next week", ["flu jab"]),
        # A migraine medicine by its class (2026-11-27, set 61, new words).
        ("his triptans stopped working in the spring", ["triptans"]),
        # A weight-loss medicine and supplements told in passing (2026-11-28, sets 77/80, new words).
        ("been on phentermine since june", ["phentermine"]),
        ("i take quercetin and nattokinase most days", ["quercetin", "nattokinase"]),
        # Travel-sickness medicines and wellness supplements (2026-11-28, sets 94/96, new words).
        ("popped two kwells before the ferry", ["kwells"]),
        ("my herbalist has me on reishi and astragalus", ["reishi", "astragalus"]),
        ("stugeron for the boat trip", ["stugeron"]),
        # A vaccine and an adrenaline pen (2026-11-28, sets 99/103, new words).
        ("booked for a tetanus jab on friday", ["tetanus jab"]),
        ("I carry an epipen for bee stings", ["epipen"]),
    ],
)
def test_medicines_are_found_by_name(nlp, text, expected):
    assert [e.ent_id_ for e in nlp(text).ents if e.label_ == "MEDICINE"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A name no list knows, told the way a medicine is (2026-11-27, sets 34/35, new words).
        ("my wife is already on Qulipta for the migraines", ["qulipta"]),
        ("he has Prolia injections twice a year", ["prolia"]),
        ("is ldn ok with my Vraylar", ["vraylar"]),
        ("she takes Brukinsa 160 mg", ["brukinsa"]),
        # Not medicines: a site, LDN itself, an ordinary word.
        ("I'm on facebook groups about it", []),
        ("she is on LDN now", []),
        ("i am on holiday next week", []),
        ("is it ok to take during pregnancy", []),
        ("does everyone take different amounts", []),
        # What kind of medicine it is, not its name (2026-11-28, set 80, new words).
        ("on ldn plus my regular thyroid pill", []),
        ("ok with my usual tablets?", []),
    ],
)
def test_a_name_no_list_knows_is_a_medicine_when_told_as_one(nlp, text, expected):
    from ldn.nlu.condition_extractor import ConditionEntityExtractor

    assert [e["value"] for e in ConditionEntityExtractor({})._medicines_by_name(nlp(text))] == expected
