"""Edit one answer's text in a scratch copy of a response source (never a tracked file)."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import yaml


def copy_source(source: Path, target: Path) -> Path:
    """Copy a response source (one domain file or a directory of them) to `target`."""
    if target.exists():
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    if source.is_dir():
        shutil.copytree(source, target)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
    return target


def _yaml_files(path: Path) -> Iterator[Path]:
    if path.is_file():
        yield path
    else:
        yield from sorted(p for p in path.rglob("*.y*ml") if p.is_file())


def edit_response(source: Path, response: str, marker: str) -> Path:
    """Append `marker` to the first text of `response` in the copy at `source`; return the file edited."""
    for path in _yaml_files(source):
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        variations = (content.get("responses") or {}).get(response) if isinstance(content, dict) else None
        if variations:
            variations[0]["text"] = f"{variations[0]['text']} {marker}"
            path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
            return path
    raise KeyError(f"{response} not found under {source}")
