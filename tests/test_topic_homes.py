"""One home per topic: data/faq/<topic>/ holds its examples, answer and metadata; the rest reads it."""

import os
import shutil
import subprocess
import sys
import textwrap

import pytest
import yaml

from ldn.conditions import covered_conditions
from ldn.domain import DATA_DIR, DOMAIN_PATH, FAQ_DIR, PROJECT_ROOT
from ldn.topics import MENUS, TOPICS, already_answered, menu

pytestmark = pytest.mark.unit


def test_the_scripts_use_the_same_domain_path():
    env = subprocess.run(
        ["bash", "-c", "source scripts/env.sh >/dev/null && echo $LDN_DOMAIN"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": os.environ["PATH"]},
    )
    assert (PROJECT_ROOT / env.stdout.strip()).resolve() == DOMAIN_PATH.resolve()


@pytest.mark.parametrize("topic", sorted(TOPICS))
def test_a_topic_home_holds_its_examples_answer_and_metadata(topic):
    home = FAQ_DIR / topic
    nlu = yaml.safe_load((home / "nlu.yml").read_text(encoding="utf-8"))["nlu"]
    assert [block["intent"] for block in nlu] == [f"faq/{topic}"]
    answer = yaml.safe_load((home / "answer.yml").read_text(encoding="utf-8"))
    assert set(answer) == {"version", "responses"} and list(answer["responses"]) == [f"utter_faq/{topic}"]
    assert set(TOPICS[topic].related) <= set(TOPICS) - {topic}, "related topics must exist"
    assert set(TOPICS[topic].answers_also) <= set(TOPICS) - {topic}, "a second question it answers must be a topic"
    assert set(TOPICS[topic].same_facts) <= {c.id for c in covered_conditions()}


def test_faq_examples_and_answers_live_only_in_their_homes():
    for path in DATA_DIR.rglob("*.yml"):
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        intents = {b.get("intent", "") for b in content.get("nlu", [])}
        answers = set(content.get("responses", {}))
        for name in {i for i in intents if i.startswith("faq/")} | {r for r in answers if r.startswith("utter_faq/")}:
            assert path.parent.name == name.split("/", 1)[1], f"{name} is defined in {path}"


def test_menus_have_distinct_positions():
    for name in MENUS:
        positions = [p for t in TOPICS.values() for m, p in t.menus if m == name]
        assert len(positions) == len(set(positions)) and menu(name)


# Run inside a temporary copy of the project, with one extra topic folder.
NEW_TOPIC_CHECK = textwrap.dedent("""
    import asyncio, json
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher
    from actions.menus import ActionGreet, ActionShowHelp
    from actions.answers import ActionTellMore
    from ldn.policy import plan
    from ldn.topics import condition_led_topics
    from ldn.domain import DOMAIN_PATH, responses
    from ldn.topics import TOPICS
    from tests.heldout import SAME_FACTS, accepted
    from tests.training_data import training_examples

    def run(action, text="", intent="greet", slots=None, topic=None):
        message = {"text": text, "intent": {"name": intent, "confidence": 1.0},
                   "entities": [{"entity": "topic", "value": topic}] if topic else []}
        dispatcher = CollectingDispatcher()
        events = asyncio.run(action.run(dispatcher, Tracker("t", slots or {}, message, [], False, None, {}, "action_listen"), {}))
        return dispatcher.messages, events

    def titles(messages):
        return [b["title"] for m in messages for b in m.get("buttons", [])]

    from rasa.shared.importers.importer import TrainingDataImporter
    importer = TrainingDataImporter.load_from_dict(domain_path=str(DOMAIN_PATH), training_data_paths=[str(DOMAIN_PATH)])
    domain, nlu = importer.get_domain(), importer.get_nlu_data()
    print(json.dumps({
        "topics": sorted(TOPICS),
        "greeting": titles(run(ActionGreet())[0]),
        "help": titles(run(ActionShowHelp())[0]),
        "faq": plan("faq", [{"entity": "topic", "value": "scratch_topic"}], {})[0],
        "tell_more": [m["response"] for m in run(ActionTellMore(), "more", "tell_me_more", {"last_topic": "pain"})[0]],
        "how_much": plan("ask_how_much", [], {"last_topic": "scratch_topic"})[0],
        "condition_led": "scratch_topic" in condition_led_topics(),
        "scoring": sorted(accepted("faq/scratch_topic")),
        "answer_in_domain": "utter_faq/scratch_topic" in responses(),
        "examples": sum(i == "faq/scratch_topic" for i, _ in training_examples()),
        "rasa_domain": "utter_faq/scratch_topic" in domain.responses,
        "rasa_retrieval_intent": "faq" in domain.retrieval_intents,
        "rasa_examples": sum(m.get("intent_response_key") == "faq/scratch_topic" for m in nlu.intent_examples),
    }))
""")


def test_a_new_topic_is_one_folder(tmp_path):
    """Copy the project's code and data, add one folder, and everything picks the topic up."""
    for part in ("actions", "ldn", "scripts", "data"):
        shutil.copytree(PROJECT_ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "tests").mkdir()
    for name in ("__init__.py", "training_data.py", "server.py"):
        shutil.copy(PROJECT_ROOT / "tests" / name, tmp_path / "tests" / name)
    shutil.copytree(
        PROJECT_ROOT / "tests" / "heldout", tmp_path / "tests" / "heldout", ignore=shutil.ignore_patterns("__pycache__")
    )
    home = tmp_path / "data" / "faq" / "scratch_topic"
    home.mkdir()
    (home / "nlu.yml").write_text(
        'version: "3.1"\nnlu:\n- intent: faq/scratch_topic\n  examples: |\n'
        + "".join(f"    - scratch question {i}\n" for i in range(3))
    )
    (home / "answer.yml").write_text(
        'version: "3.1"\nresponses:\n  utter_faq/scratch_topic:\n    - text: "A scratch answer."\n'
    )
    (home / "topic.yml").write_text(
        'title: "Scratch topic"\nrelated: [pain]\nmenus: {greeting: 99, help: 99}\n'
        "how_much: dose\ncondition_led: true\nsame_facts: [fibromyalgia]\n"
        'test_question: "a scratch question"\n'
    )
    (tmp_path / "data" / "faq" / "pain" / "topic.yml").write_text(
        (FAQ_DIR / "pain" / "topic.yml").read_text().replace("related: [", "related: [scratch_topic, ")
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "RASA_TELEMETRY_ENABLED": "false"}
    done = subprocess.run(
        [sys.executable, "-c", NEW_TOPIC_CHECK], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    import json

    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert "scratch_topic" in seen["topics"]
    assert seen["greeting"][-1] == "Scratch topic" and seen["help"][-1] == "Scratch topic"
    assert seen["faq"] == ["utter_faq/scratch_topic"]
    assert seen["tell_more"][0] == "utter_faq/scratch_topic"
    assert seen["how_much"] == ["utter_faq/dose"] and seen["condition_led"]
    assert "condition/fibromyalgia" in seen["scoring"]
    assert seen["answer_in_domain"] and seen["examples"] == 3
    assert seen["rasa_domain"] and seen["rasa_retrieval_intent"] and seen["rasa_examples"] == 3


def test_an_answer_that_gives_a_second_topic_needs_no_second_answer():
    assert already_answered(["faq/long_covid"], "evidence")
    assert already_answered(["condition/long_covid"], "evidence")  # its condition answer carries the same facts
    assert not already_answered(["faq/cost"], "evidence")
    assert already_answered(["faq/cost"], "cost")


def test_every_line_of_an_examples_block_is_an_example():
    """A "# comment" inside `examples: |` is text, not YAML: Rasa warns and skips it, and a reader of
    the examples takes it for one (sixteen such lines were removed on 2026-11-27)."""
    stray = [
        (path.relative_to(DATA_DIR).as_posix(), line.strip())
        for path in sorted(DATA_DIR.rglob("*.yml"))
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []) or []
        for line in block.get("examples", "").splitlines()
        if line.strip() and not line.strip().startswith("- ")
    ]
    assert stray == []
