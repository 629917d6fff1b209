"""Where the domain is, and a fast read of it without loading Rasa.

The domain is a directory: every YAML file under `data/` with domain keys
(intents, slots, responses, ...). That is `data/domain/*.yml` (intents, slots,
conversation, referral, emergency and condition responses) and each FAQ topic's
answer in `data/faq/<topic>/answer.yml`, next to that topic's training examples
(`nlu.yml`) and its place in the conversation (`topic.yml`). Rasa merges them
(`Domain.load(DOMAIN_PATH)`; `rasa train --domain data`). Rasa's training-data
reader also reads `data/`: it takes the `responses` of these files as responses
(which it syncs with the domain anyway) and skips files without `nlu`, `rules`,
`stories` or `responses` keys, like `topic.yml`.

The Makefile and scripts get the same path as `$LDN_DOMAIN` from scripts/env.sh
(a test keeps the two equal).
"""

import functools
from pathlib import Path
from typing import Any

from ldn import yaml_file

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
DOMAIN_PATH = DATA_DIR  # `--domain` for rasa; Domain.load(DOMAIN_PATH)
FAQ_DIR = DATA_DIR / "faq"
# Keys that make a YAML file a domain file (rasa.shared.core.domain.ALL_DOMAIN_KEYS).
DOMAIN_KEYS = (
    "version",
    "intents",
    "entities",
    "slots",
    "actions",
    "forms",
    "responses",
    "session_config",
    "e2e_actions",
)
_DOMAIN_ONLY_KEYS = set(DOMAIN_KEYS) - {"version"}


def domain_files(root: Path | None = None) -> list[Path]:
    """The YAML files Rasa merges into the domain, in a stable order."""
    found = []
    for path in sorted((root or DOMAIN_PATH).rglob("*.yml")):
        content = yaml_file.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(content, dict) and _DOMAIN_ONLY_KEYS & set(content):
            found.append(path)
    return found


def load_domain_dict(root: Path | None = None) -> dict[str, Any]:
    """The merged domain as plain YAML data (responses, slots, ...). A name defined twice is an error."""
    merged: dict[str, Any] = {}
    for path in domain_files(root):
        content = yaml_file.safe_load(path.read_text(encoding="utf-8"))
        for key, value in content.items():
            if key == "version":
                continue
            if isinstance(value, dict):
                block = merged.setdefault(key, {})
                twice = set(block) & set(value)
                if twice and key != "session_config":
                    raise ValueError(f"{path}: {key} {sorted(twice)} already defined in another domain file")
                block.update(value)
            elif isinstance(value, list):
                merged.setdefault(key, []).extend(value)
            else:
                merged[key] = value
    return merged


@functools.cache
def responses() -> dict[str, list[dict[str, Any]]]:
    """Every response of the domain by name: its variations (text, buttons, metadata, conditions)."""
    return load_domain_dict().get("responses", {})
