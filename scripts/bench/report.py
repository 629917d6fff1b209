"""The one table of `make bench`: ours, stock, the ratio, and the issue's target."""

from collections.abc import Callable
from typing import Any

Row = tuple[str, Callable[[dict], Any], str, tuple[str, float] | None]


def _get(*keys: str) -> Callable[[dict], Any]:
    def read(result: dict) -> Any:
        value: Any = result
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        return value

    return read


def _turn_growth(result: dict) -> float | None:
    first, last = result.get("turn_1_ms"), result.get("turn_last_ms")
    return round(last / first, 2) if first and last else None


def rows(levels: list[int]) -> list[Row]:
    """(label, how to read it, unit, target) where target is ("ratio>=", x), ("<=", x) or ("growth<=", x)."""
    out: list[Row] = []
    for level in levels:
        target = ("ratio>=", 2.0) if level == 10 else None
        out.append((f"throughput, {level} concurrent", _get(f"closed_{level}", "msg_per_s"), "msg/s", target))
        out.extend(
            (f"  {q}, {level} concurrent", _get(f"closed_{level}", f"{q}_ms"), "ms", None)
            for q in ("p50", "p95", "p99")
        )
    out += [
        ("p95 at open-loop rate", _get("open", "p95_ms"), "ms", ("<=", 150)),
        ("latency at turn 1 (median turns 1-5)", _get("turn_1_ms"), "ms", None),
        ("latency at the last turn (median of last 5)", _get("turn_last_ms"), "ms", None),
        ("  last turn / turn 1", _turn_growth, "x", ("growth<=", 1.3)),
        ("cold start to first answer", _get("cold_start_s"), "s", ("<=", 10)),
        ("training from clean", _get("train_s"), "s", ("<=", 60)),
        ("edited answer text served", _get("edit_s"), "s", ("<=", 30)),
        ("peak memory (RSS, all processes)", _get("peak_rss_mb"), "MB", ("<=", 800)),
    ]
    return out


def _fmt(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.1f}" if abs(value) < 100 else f"{value:.0f}"
    return str(value)


def _verdict(target, ours: Any, ratio: float | None) -> str:
    if target is None:
        return ""
    kind, bound = target
    value = ratio if kind == "ratio>=" else ours
    shown = {"ratio>=": f"≥ {bound}× stock", "<=": f"≤ {bound}", "growth<=": f"≤ {bound}×"}[kind]
    if value is None:
        return f"{shown} (n/a)"
    ok = value >= bound if kind == "ratio>=" else value <= bound
    return f"{shown} {'**met**' if ok else '**not met**'}"


def table(results: dict) -> str:
    settings = results["settings"]
    names = [name for name in results if name != "settings"]
    ours, stock = results.get("ours", {}), results.get("stock", {})
    extra = {
        "baseline": "baseline = our bot with Rasa's own tracker store, response generator and action calls",
        "variant": f"variant = our bot with {settings.get('variant')}",
    }
    notes = [extra[name] for name in names if name in extra]
    lines = [
        f"Closed loop: conversations of 8 messages, {settings['duration']:g} s per level; "
        f"open loop {settings['rate']:g} msg/s for {settings['duration']:g} s; "
        f"one conversation of {settings['turns']} turns.{' ' + '; '.join(notes) + '.' if notes else ''}",
        "",
        "| measure | unit | " + " | ".join(names) + " | ours / stock | target (ours) |",
        "| --- | --- | " + " | ".join("---" for _ in names) + " | --- | --- |",
    ]
    for label, read, unit, target in rows(settings["levels"]):
        a, b = read(ours), read(stock)
        ratio = round(a / b, 2) if isinstance(a, (int, float)) and isinstance(b, (int, float)) and b else None
        cells = " | ".join(_fmt(read(results[name])) for name in names)
        lines.append(f"| {label} | {unit} | {cells} | {_fmt(ratio)} | {_verdict(target, a, ratio)} |")
    errors = ", ".join(
        f"{name} {sum((r.get(k) or {}).get('errors', 0) for k in r if k.startswith(('closed_', 'open')))}"
        for name, r in ((n, results[n]) for n in names)
    )
    empty = ", ".join(
        f"{name} {sum((r.get(k) or {}).get('empty_answers', 0) for k in r if k.startswith(('closed_', 'open')))}"
        for name, r in ((n, results[n]) for n in names)
    )
    lines += [
        "",
        f"Failed requests (error status or no reply within 60 s): {errors}. Answered with no message: {empty}.",
    ]
    return "\n".join(lines)
