"""The one table of `make bench`: ours, stock, the ratio, and the issue's target."""

from typing import Any, Callable, Dict, List, Optional, Tuple

Row = Tuple[str, Callable[[Dict], Any], str, Optional[Tuple[str, float]]]


def _get(*keys: str) -> Callable[[Dict], Any]:
    def read(result: Dict) -> Any:
        value: Any = result
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        return value
    return read


def _turn_growth(result: Dict) -> Optional[float]:
    first, last = result.get("turn_1_ms"), result.get("turn_last_ms")
    return round(last / first, 2) if first and last else None


def rows(levels: List[int]) -> List[Row]:
    """(label, how to read it, unit, target) where target is ("ratio>=", x), ("<=", x) or ("growth<=", x)."""
    out: List[Row] = []
    for level in levels:
        target = ("ratio>=", 2.0) if level == 10 else None
        out.append((f"throughput, {level} concurrent", _get(f"closed_{level}", "msg_per_s"), "msg/s", target))
        for q in ("p50", "p95", "p99"):
            out.append((f"  {q}, {level} concurrent", _get(f"closed_{level}", f"{q}_ms"), "ms", None))
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


def _verdict(target, ours: Any, ratio: Optional[float]) -> str:
    if target is None:
        return ""
    kind, bound = target
    value = ratio if kind == "ratio>=" else ours
    if value is None:
        return f"{kind} {bound} (n/a)"
    ok = value >= bound if kind == "ratio>=" else value <= bound
    shown = {"ratio>=": f"≥ {bound}× stock", "<=": f"≤ {bound}", "growth<=": f"≤ {bound}×"}[kind]
    return f"{shown} {'**met**' if ok else '**not met**'}"


def table(results: Dict) -> str:
    settings = results["settings"]
    ours, stock = results.get("ours", {}), results.get("stock", {})
    lines = [
        f"Closed loop: conversations of 8 messages, {settings['duration']:.0f} s per level; "
        f"open loop {settings['rate']:.0f} msg/s for {settings['duration']:.0f} s; "
        f"one conversation of {settings['turns']} turns. Our server: "
        f"{'Rasa-default tracker store and NLG (baseline)' if settings.get('baseline') else 'as shipped'}"
        f"{', env ' + str(settings['env']) if settings['env'] else ''}.",
        "",
        "| measure | unit | ours | stock | ours / stock | target (ours) |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for label, read, unit, target in rows(settings["levels"]):
        a, b = read(ours), read(stock)
        ratio = round(a / b, 2) if isinstance(a, (int, float)) and isinstance(b, (int, float)) and b else None
        lines.append(f"| {label} | {unit} | {_fmt(a)} | {_fmt(b)} | {_fmt(ratio)} | {_verdict(target, a, ratio)} |")
    errors = {name: sum((r.get(k) or {}).get("errors", 0) for k in r if k.startswith(("closed_", "open")))
              for name, r in (("ours", ours), ("stock", stock))}
    lines.append("")
    lines.append(f"Failed requests: ours {errors['ours']}, stock {errors['stock']}.")
    return "\n".join(lines)
