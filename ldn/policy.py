"""ComposePolicy: turn the scope gate's verdict into the responses of one turn.

The gate (ldn/nlu/scope_gate.py) decides WHAT a message gets; this policy decides
the ORDER, inside the Rasa process (no action-server round trip for answers and
emergencies):

    emergency guidance (every kind)  ->  main answer(s)  ->  cautions  ->  second answer  ->  listen

Each response is predicted as its own utter_* action, so the tracker records
exactly what was said. Intents it doesn't own (greet, goodbye, thanks, help,
"tell me more", restart...) are left to the RulePolicy and data/rules/.
It learns nothing from stories: `plan()` is a pure function, unit-tested.
"""

from typing import Any

from rasa.core.policies.policy import Policy, PolicyPrediction, confidence_scores_for
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from ldn.conditions import CONDITION_CATEGORIES, CONDITION_PREFIX, conditions
from ldn.topics import CONDITION_INTENT, FAQ_INTENT, HOW_MUCH_INTENT, TOPICS, how_much_topics

# Not part of what the bot says.
_BOOKKEEPING = {"action_extract_slots", "action_session_start", ACTION_LISTEN_NAME}
# "And how much?" means the dose after talk of taking it, the price after talk of cost
# (`how_much` in each topic's topic.yml).
DOSE_CONTEXT, COST_CONTEXT = how_much_topics("dose"), how_much_topics("cost")
# "Was this helpful?" (actions/feedback.py) follows an answer in the website widget only:
# over REST and SMS no answer waits on the action server.
FEEDBACK_ACTION, FEEDBACK_CHANNELS = "action_ask_feedback", {"socketio"}
ANSWERING_INTENTS = {FAQ_INTENT, CONDITION_INTENT, HOW_MUCH_INTENT}
REFUSALS = {
    "medicine": "utter_medicine_not_covered",
    "side_effect": "utter_side_effect_not_listed",
}


def _values(entities: list[dict[str, Any]], name: str) -> list[str]:
    found: list[str] = []
    for entity in entities:
        if entity.get("entity") == name and entity.get("value") not in found:
            found.append(entity["value"])
    return found


def _answer_response(answer: str) -> str:
    kind, _, key = answer.partition("/")
    return f"utter_faq/{key}" if kind == "faq" else f"utter_condition_{key}"


def _last_topic(answer: str) -> str:
    kind, _, key = answer.partition("/")
    return key if kind == "faq" else CONDITION_PREFIX + key


def plan(intent: str | None, entities: list[dict[str, Any]], slots: dict[str, Any]) -> tuple[list[str], str | None]:
    """(the responses for this turn in order, the new value of `last_topic`), or ([], None) to abstain."""
    value = lambda name: _values(entities, name)  # noqa: E731
    cautions = [f"utter_caution_{c}" for c in value("caution")]
    if intent == "emergency":
        return [f"utter_emergency_{k}" for k in value("emergency_kind") or ["general"]] + [
            "utter_emergency_followup"
        ], None
    if intent == "non_english":
        return ["utter_english_only"], None
    if intent == "nlu_fallback":
        return ["action_handle_fallback"] + cautions, None  # "not sure", and still the caution the message calls for
    if intent == "out_of_scope":
        reason = (value("not_covered") or [""])[0]
        if reason == "condition":
            category = value("condition_category")
            main = f"utter_condition_category_{category[0]}" if category else "utter_condition_not_covered"
        else:
            main = REFUSALS.get(reason, "utter_out_of_scope")
        return [main] + cautions + [f"utter_faq/{t}" for t in value("second_topic")], None
    if intent == FAQ_INTENT:
        answers = value("answer") or [f"faq/{t}" for t in value("topic")]  # the gate's answer, or a tapped button
        if not answers:
            return ["action_handle_fallback"], None
    elif intent == CONDITION_INTENT:
        answers = value("answer")
        remembered = conditions().get(slots.get("condition") or "")
        if not answers and remembered and remembered.covered:
            answers = [f"condition/{remembered.id}"]  # "could it help me?" after naming it
        if not answers:
            return ["utter_condition_unknown"] + cautions, None
    elif intent == HOW_MUCH_INTENT:
        previous = slots.get("last_topic") or ""
        if previous in COST_CONTEXT:
            answers = ["faq/cost"]
        elif previous in DOSE_CONTEXT or previous.startswith(CONDITION_PREFIX):
            answers = ["faq/dose"]
        else:
            return ["utter_how_much_which"], None
    else:
        return [], None
    second = [f"utter_faq/{t}" for t in value("second_topic")]
    return [_answer_response(a) for a in answers] + cautions + second, _last_topic(answers[-1])


def sendable_responses() -> set[str]:
    """Every response a plan can name (tests check each exists in the domain)."""
    from ldn.rules import CAUTION_NAMES, emergency_kinds_declared

    registry = conditions().values()
    names = {f"utter_faq/{t}" for t in TOPICS} | {f"utter_caution_{c}" for c in CAUTION_NAMES}
    names |= {f"utter_condition_{c.id}" for c in registry if c.covered}
    names |= {f"utter_condition_category_{c}" for c in CONDITION_CATEGORIES}
    names |= {f"utter_emergency_{k.name}" for k in emergency_kinds_declared()} | {"utter_emergency_general"}
    return (
        names
        | set(REFUSALS.values())
        | {
            "utter_condition_not_covered",
            "utter_out_of_scope",
            "utter_condition_unknown",
            "utter_how_much_which",
            "utter_english_only",
            "utter_emergency_followup",
        }
    )


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False)
class ComposePolicy(Policy):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # Above the RulePolicy (priority 4 in Rasa 3.6): where both are sure, the gate's verdict wins.
        return {"priority": 5}

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        featurizer: Any = None,
    ) -> None:
        super().__init__(config, model_storage, resource, execution_context, featurizer)

    def train(self, training_trackers: list[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        return self._resource  # nothing to learn: the plan is a function of the verdict

    def predict_action_probabilities(
        self, tracker: DialogueStateTracker, domain: Domain, rule_only_data: dict[str, Any] | None = None, **kwargs: Any
    ) -> PolicyPrediction:
        user, done = _this_turn(tracker)
        if user is None:
            return self._prediction(self._default_predictions(domain))
        slots = {name: tracker.get_slot(name) for name in ("condition", "last_topic")}
        responses, last_topic = plan(user.intent_name, user.entities, slots)
        responses = [
            r for r in responses if r in domain.action_names_or_texts
        ]  # tests/ldn/test_policy.py: none missing
        if responses and user.intent_name in ANSWERING_INTENTS and user.input_channel in FEEDBACK_CHANNELS:
            responses.append(FEEDBACK_ACTION)
        if not responses or done != responses[: len(done)]:
            return self._prediction(self._default_predictions(domain))  # not ours, or another policy acted
        following = responses[len(done)] if len(done) < len(responses) else ACTION_LISTEN_NAME
        events = [SlotSet("last_topic", last_topic)] if last_topic and not done else []
        return self._prediction(confidence_scores_for(following, 1.0, domain), events=events)


def _this_turn(tracker: DialogueStateTracker) -> tuple[UserUttered | None, list[str]]:
    """The latest user message and the actions the bot has taken since it."""
    done: list[str] = []
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return event, list(reversed(done))
        if isinstance(event, ActionExecuted) and event.action_name not in _BOOKKEEPING:
            done.append(event.action_name)
    return None, []
