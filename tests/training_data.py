"""The NLU training examples as (intent, text) pairs, read straight from every NLU file under data/
(data/nlu/*.yml and each topic's data/faq/<topic>/nlu.yml)."""

from collections.abc import Iterator
from pathlib import Path

import yaml

from ldn.domain import DATA_DIR


def training_examples(data: Path = DATA_DIR) -> Iterator[tuple[str, str]]:
    for path in sorted(data.rglob("*.yml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
        for block in (content or {}).get("nlu", []) if isinstance(content, dict) else []:
            for line in block.get("examples", "").splitlines():
                text = line.strip()[2:].strip()
                if text:
                    yield block["intent"], text
