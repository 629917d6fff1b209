"""The staff report from events written by Rasa's own SQL tracker store, access rules, CSV."""

import csv
import datetime as dt
import io
import time

import pytest

from web import staff
from web.staff import access
from web.staff.events import read_events
from web.staff.export import declined_csv, safe_cell
from web.staff.report import build
from web.staff.similar import group_messages

pytestmark = pytest.mark.unit

TOKEN = "staff-token-for-tests-0123456789abcdef"
DAY = 86400


def user(text, intent, channel="socketio", entities=()):
    from rasa.shared.core.events import UserUttered

    return UserUttered(
        text,
        {"name": intent, "confidence": 1.0},
        [{"entity": e, "value": v} for e, v in entities],
        input_channel=channel,
    )


def bot(response, text="..."):
    from rasa.shared.core.events import BotUttered

    return BotUttered(text, metadata={"utter_action": response})


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store_url(request, tmp_path_factory):
    """A real tracker store: conversations saved by Rasa's SQLTrackerStore into SQLite, then PostgreSQL."""
    import asyncio

    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'tracker.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    store = SQLTrackerStore(Domain.empty(), host=url)  # Rasa takes a full URL as the host
    now = time.time()
    conversations = {
        "web-1": [
            user("/greet", "greet"),
            bot("utter_greet"),
            user("can I drink alcohol on LDN? my name is Ann Lee", "out_of_scope"),
            bot("utter_out_of_scope"),
            user("what are the side effects", "faq"),
            bot("utter_faq/side_effects"),
            bot("utter_feedback_ask"),
            user(
                "/feedback", "feedback", entities=[("feedback_vote", "down"), ("feedback_on", "utter_faq/side_effects")]
            ),
            bot("utter_feedback_why"),
            user(
                "/feedback",
                "feedback",
                entities=[
                    ("feedback_vote", "down"),
                    ("feedback_reason", "unclear"),
                    ("feedback_on", "utter_faq/side_effects"),
                ],
            ),
            user("I took the whole bottle", "emergency"),
            bot("utter_emergency_poisoning"),
            bot("utter_emergency_followup"),
            user(
                "/feedback",
                "feedback",
                entities=[("feedback_vote", "down"), ("feedback_on", "utter_emergency_poisoning")],
            ),
        ],
        "sms-1": [
            user("is drinking alcohol ok with ldn, call me at 555-123-4567", "out_of_scope", "twilio"),
            bot("utter_out_of_scope"),
            user("I have MS", "ask_condition", "twilio"),
            bot("utter_condition_multiple_sclerosis"),
        ],
        "web-2": [
            user("what is ldn", "faq"),
            bot("utter_faq/what_is"),
            user("/feedback", "feedback", entities=[("feedback_vote", "up"), ("feedback_on", "utter_faq/what_is")]),
            user("/feedback", "feedback", entities=[("feedback_vote", "up"), ("feedback_on", "<script>")]),
        ],
    }
    for sender, events in conversations.items():
        tracker = DialogueStateTracker.from_events(sender, events)
        for event in tracker.events:
            event.timestamp = now - (DAY if sender == "sms-1" else 0)
        asyncio.run(store.save(tracker))
    yield url
    store.engine.dispose()


@pytest.fixture
def report(store_url):
    zone = dt.timezone.utc
    today = dt.datetime.now(zone).date()
    return build(read_events(0, store_url), zone, today - dt.timedelta(days=6), today)


def test_counts(report):
    assert report.total_messages == 6  # /greet and votes are not messages
    assert report.total_conversations == 2 + 1  # web-1 and web-2 today, sms-1 yesterday
    assert report.channels == ["socketio", "twilio"]
    assert len(report.declined) == 2 and report.declined_share == pytest.approx(2 / 6)
    assert report.topics == {"side_effects": 1, "what_is": 1, "condition: multiple_sclerosis": 1}
    assert len(report.emergencies) == 1 and report.false_alarms == 1


def test_feedback_per_answer(report):
    side_effects = report.feedback["utter_faq/side_effects"]
    assert (side_effects.up, side_effects.down, dict(side_effects.reasons)) == (0, 1, {"unclear": 1})
    assert report.feedback["utter_faq/what_is"].up == 1
    assert "<script>" not in report.feedback, "a forged payload is not counted"


def test_declined_messages_are_grouped_and_masked(report):
    assert len(report.groups) == 1 and report.groups[0].count == 2
    shown = " ".join(report.groups[0].messages)
    assert "[name]" in shown and "[phone]" in shown
    assert "Ann" not in shown and "4567" not in shown


@pytest.fixture
def token(monkeypatch, store_url):
    monkeypatch.setenv("LDN_STAFF_TOKEN", TOKEN)
    monkeypatch.setenv("LDN_TRACKER_URL", store_url)
    return TOKEN


def test_report_page_needs_the_token(token):
    assert staff.respond("GET", "/staff/", {}).status == 401
    assert staff.respond("GET", "/staff/", {"Authorization": "Bearer wrong"}).status == 401
    assert staff.respond("GET", "/staff/declined.csv", {}).status == 401
    page = staff.respond("GET", "/staff/", {"Authorization": f"Bearer {token}"})
    assert page.status == 200
    html = page.body.decode()
    assert "can I drink alcohol on LDN? my name is [name]" in html and "Ann Lee" not in html
    assert 'id="chart-trend"' in html and 'id="chart-topics"' in html
    assert "<script" not in html


def test_login_sets_a_strict_cookie_that_opens_the_report(token):
    assert staff.respond("POST", "/staff/login", {}, b"token=nope").status == 401
    login = staff.respond("POST", "/staff/login", {}, f"token={token}".encode())
    assert login.status == 303
    cookie = dict(login.headers)["Set-Cookie"]
    for attribute in ("HttpOnly", "Secure", "SameSite=Strict", "Path=/staff"):
        assert attribute in cookie
    assert token not in cookie
    value = cookie.split(";")[0]
    assert staff.respond("GET", "/staff/", {"Cookie": value}).status == 200
    # One character changed (before: the last two set to "00", which a signature ends with once in 256 runs).
    tampered = value[:-1] + ("1" if value.endswith("0") else "0")
    assert staff.respond("GET", "/staff/", {"Cookie": tampered}).status == 401


def test_off_without_a_token_and_closed_with_a_short_one(monkeypatch):
    monkeypatch.delenv("LDN_STAFF_TOKEN", raising=False)
    assert staff.respond("GET", "/staff/", {}).status == 404
    monkeypatch.setenv("LDN_STAFF_TOKEN", "short-token")
    assert staff.respond("GET", "/staff/", {"Authorization": "Bearer short-token"}).status == 503
    assert access.state() == access.WEAK


def test_expired_session_is_refused(token):
    old = access.new_session(now=time.time() - access.SESSION_SECONDS - 10)
    assert not access.valid_session(old)


def test_csv_is_masked_and_formula_safe():
    groups = group_messages(['=HYPERLINK("http://evil")', "+1 more", "my email is a@b.co"])
    rows = list(csv.reader(io.StringIO(declined_csv(groups).decode("utf-8-sig"))))
    assert rows[0] == ["group", "times_asked_in_group", "message_masked", "times_asked"]
    cells = [row[2] for row in rows[1:]]
    assert all(not cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert safe_cell("=1+1") == "'=1+1" and safe_cell("fine") == "fine"


def test_empty_store_is_said_plainly(monkeypatch, tmp_path):
    monkeypatch.setenv("LDN_STAFF_TOKEN", TOKEN)
    monkeypatch.setenv("LDN_TRACKER_URL", f"sqlite:///{tmp_path / 'none.db'}")
    page = staff.respond("GET", "/staff/", {"Authorization": f"Bearer {TOKEN}"})
    assert page.status == 200 and "can't be read" in page.body.decode()


def test_a_long_declined_list_says_the_csv_has_the_rest(report, monkeypatch):
    """The page lists the most asked groups; past that it says how many more the CSV holds (2026-11-27)."""
    from web.staff import page

    monkeypatch.setattr(page, "SHOWN_GROUPS", 0)
    assert "The 0 most asked of 1 groups" in page._declined(report, 7)
    monkeypatch.setattr(page, "SHOWN_GROUPS", 1)
    assert "most asked of" not in page._declined(report, 7)
