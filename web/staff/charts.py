"""SVG charts drawn on the server: no script, no library, no request leaves the page.

Every chart has a <title> and <desc> for screen readers, and the page shows the
same numbers in a table beside it.
"""

import datetime as dt
from collections.abc import Sequence
from html import escape

# Colour-blind-safe (Okabe-Ito), dark enough for white gaps between stacks.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]
DECLINED_COLOUR = "#B00020"
FONT = 'font-family="system-ui, sans-serif" font-size="12"'


def _nice_max(value: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step * 4:
            return step * 4
    return value


def trend(
    days: Sequence[dt.date], series: dict[str, dict[dt.date, int]], declined: dict[dt.date, int], title: str
) -> str:
    """Stacked bars of messages per day by channel, and the declined messages as a line of dots."""
    width, height, left, right, top, bottom = 720, 240, 40, 12, 12, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [sum(s.get(day, 0) for s in series.values()) for day in days]
    top_value = _nice_max(max(totals + [1]))
    slot = plot_w / max(len(days), 1)
    bar = max(slot * 0.7, 1.0)
    y = lambda v: top + plot_h - plot_h * v / top_value  # noqa: E731
    parts: list[str] = []
    for tick in range(5):  # grid and y labels
        value = top_value * tick // 4
        level = y(value)
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{level:.1f}" y2="{level:.1f}" stroke="#d9dee4"/>')
        parts.append(f'<text x="{left - 6}" y="{level + 4:.1f}" text-anchor="end" {FONT} fill="#4a5563">{value}</text>')
    for index, day in enumerate(days):
        x = left + index * slot + (slot - bar) / 2
        base = 0
        for (channel, counts), colour in zip(sorted(series.items()), PALETTE, strict=False):
            count = counts.get(day, 0)
            if count:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y(base + count):.1f}" width="{bar:.1f}" '
                    f'height="{y(base) - y(base + count):.1f}" fill="{colour}">'
                    f"<title>{day:%a %d %b}: {count} via {escape(channel)}</title></rect>"
                )
                base += count
        label_every = max(1, len(days) // 8)
        if index % label_every == 0 or index == len(days) - 1:
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle" {FONT} '
                f'fill="#4a5563">{day:%d %b}</text>'
            )
    points = [(left + i * slot + slot / 2, y(declined.get(day, 0))) for i, day in enumerate(days)]
    if points:
        path = " ".join(f"{x:.1f},{py:.1f}" for x, py in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{DECLINED_COLOUR}" stroke-width="2"/>')
        parts += [f'<circle cx="{x:.1f}" cy="{py:.1f}" r="3" fill="{DECLINED_COLOUR}"/>' for x, py in points]
    # The legend is HTML beside the chart (page.py), so it stays in view when the chart scrolls on a phone.
    desc = f"{sum(totals)} messages over {len(days)} days; {sum(declined.values())} declined."
    return _svg(width, height, title, desc, parts, "chart-trend")


def shares(counts: list[tuple[str, int]], title: str) -> str:
    """Horizontal bars: each label's share of the total, biggest first."""
    total = sum(c for _, c in counts) or 1
    row, label_w, width = 26, 190, 720
    height = 16 + row * max(len(counts), 1)
    bar_max = width - label_w - 80
    biggest = max([c for _, c in counts] + [1])
    parts: list[str] = []
    for index, (label, count) in enumerate(counts):
        y = 8 + index * row
        length = bar_max * count / biggest
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end" {FONT} fill="#1b2430">{escape(label)}</text>'
        )
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{length:.1f}" height="{row - 8}" fill="{PALETTE[0]}"/>')
        parts.append(
            f'<text x="{label_w + length + 6:.1f}" y="{y + 15}" {FONT} fill="#1b2430">'
            f"{count} ({100 * count / total:.0f}%)</text>"
        )
    if not counts:
        parts.append(f'<text x="8" y="24" {FONT} fill="#4a5563">No answers in this period.</text>')
    desc = "; ".join(f"{label}: {count}" for label, count in counts[:12]) or "no answers"
    return _svg(width, height, title, desc, parts, "chart-topics")


def _svg(width: int, height: int, title: str, desc: str, parts: list[str], ident: str) -> str:
    return (
        f'<svg class="chart" id="{ident}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}-title">{escape(title)}</title><desc id="{ident}-desc">{escape(desc)}</desc>'
        + "".join(parts)
        + "</svg>"
    )
