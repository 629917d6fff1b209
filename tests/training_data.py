"""The NLU training examples as (intent, text) pairs, read straight from data/nlu/*.yml."""

from pathlib import Path
from typing import Iterator, Tuple

import yaml

NLU_DATA = Path(__file__).resolve().parent.parent / "data" / "nlu"


def training_examples() -> Iterator[Tuple[str, str]]:
    for path in sorted(NLU_DATA.glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            for line in block.get("examples", "").splitlines():
                text = line.strip()[2:].strip()
                if text:
                    yield block["intent"], text
