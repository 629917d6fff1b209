"""The staff report as one HTML page (and the login page). Everything escaped; no script."""

import datetime as dt
from collections import defaultdict
from html import escape

from actions.topics import TOPICS
from ldn.conditions import conditions
from web.staff import charts
from web.staff.redact import redact
from web.staff.report import Report

# The declined groups the page lists, most asked first; the CSV has every one.
SHOWN_GROUPS = 100

PERIODS = (7, 30, 90)
CHANNEL_NAMES = {"socketio": "website widget", "twilio": "SMS / WhatsApp", "rest": "REST API"}
REASON_TITLES = {
    "off_target": "didn't answer the question",
    "unclear": "hard to understand",
    "not_emergency": "wasn't an emergency",
}
MAX_EMERGENCIES_LISTED = 20


def _head(title: str) -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f'<title>{escape(title)}</title><link rel="icon" href="data:,">'
        '<link rel="stylesheet" href="/staff/staff.css"></head><body>'
    )


def login_page(clinic: str, error: str = "") -> str:
    message = f'<p class="error" role="alert">{escape(error)}</p>' if error else ""
    return (
        _head(f"Staff sign-in – {clinic}") + '<main class="login"><h1>Staff report</h1>'
        f"<p>{escape(clinic)}: sign in with the staff token (LDN_STAFF_TOKEN).</p>{message}"
        '<form method="post" action="/staff/login">'
        '<label for="token">Staff token</label>'
        '<input id="token" name="token" type="password" autocomplete="current-password" required>'
        '<button type="submit">Sign in</button></form></main></body></html>'
    )


def message_page(title: str, text: str) -> str:
    return _head(title) + f'<main class="login"><h1>{escape(title)}</h1><p>{escape(text)}</p></main></body></html>'


def answer_title(response: str) -> str:
    """What staff call an answer: the topic's button title, the condition's name, else the response name."""
    if response.startswith("utter_faq/") and response[10:] in TOPICS:
        return TOPICS[response[10:]].title
    prefix = "utter_condition_"
    condition = conditions().get(response[len(prefix) :]) if response.startswith(prefix) else None
    if condition:
        return f"{condition.name} (condition)"
    if response.startswith("utter_emergency_"):
        return f"Emergency guidance: {response[len('utter_emergency_') :]}"
    return response


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


def _kpis(report: Report) -> str:
    votes = list(report.feedback.values())
    up, down = sum(f.up for f in votes), sum(f.down for f in votes)
    cards = [
        (report.total_conversations, "conversations"),
        (report.total_messages, "patient messages"),
        (_percent(report.declined_share), f"declined ({len(report.declined)})"),
        (len(report.emergencies), "emergencies"),
        (report.false_alarms, "false alarms"),
        (f"{up} / {down}", "answers rated helpful / not"),
    ]
    return (
        '<ul class="kpis">'
        + "".join(
            f'<li><span class="num">{escape(str(value))}</span><span class="label">{escape(label)}</span></li>'
            for value, label in cards
        )
        + "</ul>"
    )


def _trend(report: Report) -> str:
    series: dict[str, dict[dt.date, int]] = defaultdict(dict)
    for (day, channel), count in report.messages.items():
        series[channel][day] = count
    named = {CHANNEL_NAMES.get(channel, channel): counts for channel, counts in series.items()}
    svg = charts.trend(report.days, named, report.declined_per_day, "Patient messages per day, by channel")
    legend = "".join(
        f'<li><span class="swatch s{i}"></span>{escape(name)}</li>' for i, name in enumerate(sorted(named))
    )
    legend = f'<ul class="legend">{legend}<li><span class="swatch declined"></span>declined</li></ul>'
    head = "".join(
        f'<th scope="col">{escape(CHANNEL_NAMES.get(c, c))}: messages</th><th scope="col">conversations</th>'
        for c in report.channels
    )
    rows = "".join(
        f'<tr><th scope="row">{day:%a %d %b}</th>'
        + "".join(
            f"<td>{report.messages.get((day, c), 0)}</td><td>{report.conversations.get((day, c), 0)}</td>"
            for c in report.channels
        )
        + f"<td>{report.declined_per_day.get(day, 0)}</td></tr>"
        for day in reversed(report.days)
        if any(report.messages.get((day, c)) for c in report.channels)
    )
    table = (
        f'<details><summary>The numbers by day</summary><div class="scroll"><table><thead><tr>'
        f'<th scope="col">Day</th>{head}<th scope="col">declined</th></tr></thead>'
        f"<tbody>{rows or '<tr><td>No messages.</td></tr>'}</tbody></table></div></details>"
    )
    return (
        f'<section aria-labelledby="h-trend"><h2 id="h-trend">Messages per day</h2>'
        f'<p class="hint">Bars: patient messages by channel. Red line: messages the assistant declined.</p>'
        f'{legend}<div class="chart-box latest">{svg}</div>{table}</section>'
    )


def _topics(report: Report) -> str:
    counts = report.topics.most_common(12)
    rest = sum(report.topics.values()) - sum(c for _, c in counts)
    if rest:
        counts.append(("other topics", rest))
    svg = charts.shares([(label.replace("_", " "), count) for label, count in counts], "Answers given, by topic")
    return (
        f'<section aria-labelledby="h-topics"><h2 id="h-topics">Answers by topic</h2>'
        f'<div class="chart-box">{svg}</div></section>'
    )


def _declined(report: Report, days: int) -> str:
    rows = []
    for group in report.groups[:SHOWN_GROUPS]:
        others = [
            f'<li>{escape(text)} <span class="count">×{count}</span></li>'
            for text, count in group.messages.items()
            if text != group.example
        ]
        more = (
            f"<details><summary>{len(others)} similar</summary><ul>{''.join(others)}</ul></details>" if others else ""
        )
        rows.append(f'<tr><td class="n">{group.count}</td><td>{escape(group.example)}{more}</td></tr>')
    body = "".join(rows) or '<tr><td colspan="2">Nothing declined in this period.</td></tr>'
    csv = f'href="/staff/declined.csv?days={days}" download'
    left_out = len(report.groups) - SHOWN_GROUPS
    rest = (
        f'<p class="hint">The {SHOWN_GROUPS} most asked of {len(report.groups)} groups; '
        f"<a {csv}>the CSV</a> has the other {left_out}.</p>"
        if left_out > 0
        else ""
    )
    return (
        f'<section aria-labelledby="h-declined"><h2 id="h-declined">What we couldn\'t answer</h2>'
        f'<p class="hint">Messages the assistant declined (not in the guide, or unsure), similar ones grouped, '
        f"most asked first. The list a curator works from. "
        f"<a {csv}>Download as CSV</a></p>"
        f'<p class="note">Names after a cue ("my name is…", "my daughter…"), phone numbers, emails, dates and '
        f"addresses are masked. A name written with no cue may still show.</p>"
        f'<div class="scroll"><table class="declined"><thead><tr><th scope="col">Times</th>'
        f'<th scope="col">Message (masked)</th></tr></thead><tbody>{body}</tbody></table></div>{rest}</section>'
    )


def _feedback(report: Report) -> str:
    rows = []
    for name, votes in sorted(report.feedback.items(), key=lambda item: -(item[1].up + item[1].down)):
        reasons = ", ".join(f"{REASON_TITLES.get(r, r)} ×{n}" for r, n in votes.reasons.most_common())
        rows.append(
            f'<tr><th scope="row">{escape(answer_title(name))} <code>{escape(name)}</code></th>'
            f"<td>{votes.up}</td><td>{votes.down}</td>"
            f"<td>{_percent(votes.helpful_share)}</td><td>{escape(reasons) or '–'}</td></tr>"
        )
    body = "".join(rows) or '<tr><td colspan="5">No feedback in this period.</td></tr>'
    return (
        f'<section aria-labelledby="h-feedback"><h2 id="h-feedback">Was it helpful?</h2>'
        f'<p class="hint">Patients\' answers to "Was this helpful? Yes / No" in the website widget.</p>'
        f'<div class="scroll"><table><thead><tr><th scope="col">Answer</th><th scope="col">helpful</th>'
        f'<th scope="col">not helpful</th><th scope="col">share helpful</th><th scope="col">why not</th>'
        f"</tr></thead>"
        f"<tbody>{body}</tbody></table></div></section>"
    )


def _emergencies(report: Report, zone: dt.tzinfo) -> str:
    items = "".join(
        f"<li><time>{dt.datetime.fromtimestamp(t.timestamp, zone):%a %d %b %H:%M}</time> "
        f'{escape(redact(t.text))} <span class="count">({escape(t.channel)})</span></li>'
        for t in sorted(report.emergencies, key=lambda t: -t.timestamp)[:MAX_EMERGENCIES_LISTED]
    )
    return (
        f'<section aria-labelledby="h-emergencies"><h2 id="h-emergencies">Emergencies</h2>'
        f"<p>{len(report.emergencies)} messages got emergency guidance; patients rated {report.false_alarms} "
        f'of those "not helpful" (counted as false alarms).</p><ul class="plain">{items}</ul></section>'
    )


DEFINITIONS = (
    '<section aria-labelledby="h-how"><h2 id="h-how">How these are counted</h2><dl>'
    "<dt>Patient message</dt><dd>What a patient typed or tapped; the widget's automatic greeting and feedback "
    "votes are not counted.</dd>"
    "<dt>Conversation</dt><dd>One patient on one channel on one day.</dd>"
    '<dt>Declined</dt><dd>Typed messages the assistant answered with "the guide doesn\'t cover that", "I\'m not '
    'sure", "which of these do you mean?" or "English only".</dd>'
    "<dt>Emergency</dt><dd>A message that got emergency guidance.</dd>"
    '<dt>False alarm</dt><dd>Emergency guidance the patient rated "not helpful" in the widget '
    "(SMS patients are not asked).</dd>"
    '<dt>Similar messages</dt><dd>Share at least half of their words, ignoring small words like "the" or "can".</dd>'
    "</dl></section>"
)


def report_page(report: Report, clinic: str, days: int, zone: dt.tzinfo, store_error: str = "") -> str:
    current = ' aria-current="page"'
    period = "".join(f'<li><a href="/staff/?days={p}"{current if p == days else ""}>{p} days</a></li>' for p in PERIODS)
    warning = (
        f'<p class="error" role="alert">The conversation database can\'t be read ({escape(store_error)}): '
        f"no conversations yet, or check LDN_TRACKER_URL.</p>"
        if store_error
        else ""
    )
    first, last = report.days[0], report.days[-1]
    return (
        _head(f"Staff report – {clinic}")
        + '<header class="top"><div><p class="brand">'
        + escape(clinic)
        + " · LDN Assistant</p>"
        "<h1>What patients asked</h1>"
        f'<p class="period">{first:%d %b %Y} to {last:%d %b %Y} · times in {escape(str(zone))}</p></div>'
        f'<nav aria-label="Period"><ul>{period}</ul></nav>'
        '<form method="post" action="/staff/logout"><button type="submit">Sign out</button></form></header>'
        f"<main>{warning}{_kpis(report)}{_trend(report)}{_topics(report)}{_declined(report, days)}"
        f"{_feedback(report)}{_emergencies(report, zone)}{DEFINITIONS}</main></body></html>"
    )
