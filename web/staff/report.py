"""What the staff report counts, from the conversation events. Pure functions: no I/O.

Definitions (also shown on the page):

- a *patient message* is a user event the patient typed or tapped; the widget's
  automatic "/greet" and feedback votes are not messages;
- a *conversation* is one sender on one day on one channel;
- a message is *declined* when the reply was one of DECLINED (not covered, unsure,
  not English): the assistant said it can't answer;
- an *emergency* is a message answered with emergency guidance (utter_emergency_*);
- a *false alarm* is emergency guidance the patient rated 👎 in the widget. Only
  the widget asks, so SMS false alarms are not counted;
- *feedback* is the patient's 👍/👎 vote on a named answer (intent `feedback`).
"""

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ldn.declined import DECLINED as REFERRALS
from web.staff.events import Event
from web.staff.redact import redact
from web.staff.similar import Group, group_messages

DECLINED = REFERRALS | {"utter_english_only"}
NOT_ANSWERS = DECLINED | {"utter_condition_not_covered", "utter_condition_unknown"}
AUTOMATIC = ("/greet",)
FEEDBACK_INTENT = "feedback"
RESPONSE_NAME = re.compile(r"^utter_[a-z0-9_]+(/[a-z0-9_]+)?$")


@dataclass
class Turn:
    """One patient message and the responses that answered it."""

    sender: str
    timestamp: float
    channel: str
    text: str
    intent: str
    entities: dict[str, str]
    responses: list[str] = field(default_factory=list)

    @property
    def declined(self) -> bool:
        return any(r in DECLINED for r in self.responses)

    @property
    def emergency(self) -> bool:
        return any(r.startswith("utter_emergency_") for r in self.responses)


@dataclass
class Feedback:
    up: int = 0
    down: int = 0
    reasons: Counter = field(default_factory=Counter)

    @property
    def helpful_share(self) -> float | None:
        return self.up / (self.up + self.down) if self.up + self.down else None


@dataclass
class Report:
    days: list[dt.date]
    channels: list[str]
    messages: dict[tuple[dt.date, str], int]  # (day, channel) -> patient messages
    conversations: dict[tuple[dt.date, str], int]  # (day, channel) -> conversations
    declined_per_day: dict[dt.date, int]
    topics: Counter  # topic label -> answers given
    total_messages: int
    total_conversations: int
    declined: list[Turn]
    emergencies: list[Turn]
    false_alarms: int
    feedback: dict[str, Feedback]  # response name -> votes
    groups: list[Group]

    @property
    def declined_share(self) -> float | None:
        return len(self.declined) / self.total_messages if self.total_messages else None


def topic_of(response: str) -> str | None:
    """The topic label of an answer: 'side_effects' for utter_faq/side_effects, 'condition: ms' ..."""
    if response.startswith("utter_faq/"):
        return response.split("/", 1)[1]
    if response.startswith("utter_condition_") and response not in NOT_ANSWERS:
        return "condition: " + response[len("utter_condition_") :]
    return None


def _entities(data: dict) -> dict[str, str]:
    found: dict[str, str] = {}
    for entity in (data.get("parse_data") or {}).get("entities") or []:
        if isinstance(entity, dict) and isinstance(entity.get("value"), str):
            found.setdefault(str(entity.get("entity")), entity["value"])
    return found


def _intent(data: dict) -> str:
    return str(((data.get("parse_data") or {}).get("intent") or {}).get("name") or "")


def turns(events: Iterable[Event]) -> list[Turn]:
    result: list[Turn] = []
    current: dict[str, Turn] = {}
    for event in events:
        if event.type == "user":
            data = event.data
            turn = Turn(
                sender=event.sender,
                timestamp=event.timestamp,
                channel=str(data.get("input_channel") or "unknown"),
                text=str(data.get("text") or ""),
                intent=event.intent or _intent(data),
                entities=_entities(data),
            )
            current[event.sender] = turn
            result.append(turn)
        elif event.type == "bot" and event.sender in current:
            name = (event.data.get("metadata") or {}).get("utter_action")
            if isinstance(name, str):
                current[event.sender].responses.append(name)
    return result


def build(events: Iterable[Event], zone: dt.tzinfo, first_day: dt.date, last_day: dt.date) -> Report:
    """Count everything over the days first_day..last_day (in the clinic's time zone)."""
    day_of = lambda ts: dt.datetime.fromtimestamp(ts, zone).date()  # noqa: E731
    days = [first_day + dt.timedelta(days=n) for n in range((last_day - first_day).days + 1)]
    messages: Counter = Counter()
    senders: dict[tuple[dt.date, str], set] = defaultdict(set)
    declined_per_day: Counter = Counter()
    topics: Counter = Counter()
    declined: list[Turn] = []
    emergencies: list[Turn] = []
    feedback: dict[str, Feedback] = defaultdict(Feedback)
    answered_names = set()
    votes: list[Turn] = []
    for turn in turns(events):
        day = day_of(turn.timestamp)
        if not first_day <= day <= last_day:
            continue
        if turn.intent == FEEDBACK_INTENT:
            votes.append(turn)
            continue
        if turn.text.startswith(AUTOMATIC):
            continue
        messages[(day, turn.channel)] += 1
        senders[(day, turn.channel)].add(turn.sender)
        for response in turn.responses:
            answered_names.add(response)
            label = topic_of(response)
            if label:
                topics[label] += 1
        if turn.declined and not turn.text.startswith("/"):
            declined.append(turn)
            declined_per_day[day] += 1
        if turn.emergency:
            emergencies.append(turn)
    false_alarms = set()
    for vote in votes:
        rated, value = vote.entities.get("feedback_on", ""), vote.entities.get("feedback_vote")
        if not RESPONSE_NAME.match(rated) or value not in ("up", "down"):
            continue  # a hand-made payload: not counted
        reason = vote.entities.get("feedback_reason")
        if reason:  # the "why" after a thumbs down: the vote itself was counted already
            if reason != "skip":
                feedback[rated].reasons[reason[:40]] += 1
            continue
        if value == "up":
            feedback[rated].up += 1
        else:
            feedback[rated].down += 1
            if rated.startswith("utter_emergency_"):
                false_alarms.add((vote.sender, rated))
    channels = sorted({channel for _, channel in messages})
    return Report(
        days=days,
        channels=channels,
        messages=dict(messages),
        conversations={key: len(value) for key, value in senders.items()},
        declined_per_day=dict(declined_per_day),
        topics=topics,
        total_messages=sum(messages.values()),
        total_conversations=sum(len(v) for v in senders.values()),
        declined=declined,
        emergencies=emergencies,
        false_alarms=len(false_alarms),
        feedback=dict(feedback),
        groups=group_messages(redact(turn.text) for turn in declined),
    )
