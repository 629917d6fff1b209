"""Clinic settings: one YAML file, overridable by environment variables.

Loaded lazily and cached; nothing is read at import time.
"""

import functools
import os
from pathlib import Path
from typing import Any

from ldn import yaml_file
from ldn.domain import DOMAIN_PATH

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SETTINGS_FILE = PROJECT_ROOT / "settings.yml"
# Where the answers' texts are read from while serving (ldn/nlg.py): a domain file or
# a directory of them. The one place that names it; LDN_RESPONSES overrides it.
RESPONSES_SOURCE = DOMAIN_PATH  # the domain directory (ldn/domain.py)

# (section, key) -> environment variable that overrides it.
ENV_OVERRIDES = {
    ("clinic", "name"): "LDN_CLINIC_NAME",
    ("clinic", "phone"): "LDN_CLINIC_PHONE",
    ("clinic", "hours"): "LDN_CLINIC_HOURS",
    ("clinic", "website"): "LDN_CLINIC_WEBSITE",
    ("emergency", "number"): "LDN_EMERGENCY_NUMBER",
    ("emergency", "poison_control"): "LDN_POISON_CONTROL",
    ("emergency", "crisis_line"): "LDN_CRISIS_LINE",
    ("emergency", "crisis_line_how"): "LDN_CRISIS_LINE_HOW",
    ("emergency", "animal_poison"): "LDN_ANIMAL_POISON",
    ("widget", "title"): "LDN_WIDGET_TITLE",
    ("widget", "subtitle"): "LDN_WIDGET_SUBTITLE",
    ("widget", "primary_color"): "LDN_WIDGET_PRIMARY_COLOR",
    ("widget", "allowed_origins"): "LDN_ALLOWED_ORIGINS",
    ("handoff", "webhook_url"): "LDN_HANDOFF_WEBHOOK_URL",
    ("twilio", "public_url"): "LDN_TWILIO_PUBLIC_URL",
    ("twilio", "insecure_skip_signature"): "LDN_TWILIO_INSECURE_SKIP_SIGNATURE",
    ("channel_state", "backend"): "LDN_CHANNEL_STATE",
    ("limits", "max_body_bytes"): "LDN_MAX_BODY_BYTES",
    ("limits", "reply_deadline_s"): "LDN_REPLY_DEADLINE_S",
    ("limits", "page_idle_timeout_s"): "LDN_PAGE_IDLE_TIMEOUT_S",
    ("privacy", "retention_days"): "LDN_RETENTION_DAYS",
    ("privacy", "sweep_interval_s"): "LDN_RETENTION_SWEEP_S",
}


def _coerce(raw: str, current: Any) -> Any:
    """Turn an environment string into the type the file uses for that key."""
    if isinstance(current, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(current, (int, float)):
        return type(current)(raw.strip())
    if isinstance(current, list):
        return [part.strip() for part in raw.split(",") if part.strip()]
    return raw


@functools.cache
def load_settings() -> dict[str, dict[str, Any]]:
    """Return all settings: the file named by LDN_SETTINGS (or settings.yml), then env overrides."""
    path = Path(os.environ.get("LDN_SETTINGS", DEFAULT_SETTINGS_FILE))
    with path.open(encoding="utf-8") as handle:
        settings: dict[str, dict[str, Any]] = yaml_file.safe_load(handle) or {}
    for (section, key), variable in ENV_OVERRIDES.items():
        if variable in os.environ:
            block = settings.setdefault(section, {})
            block[key] = _coerce(os.environ[variable], block.get(key, ""))
    return settings


def get(section: str, key: str) -> Any:
    """One setting, e.g. ``get("clinic", "phone")``."""
    return load_settings()[section][key]


def response_variables() -> dict[str, str]:
    """The values that answers may use as {placeholders}, named like the slots that carry them."""
    settings = load_settings()
    clinic, emergency = settings["clinic"], settings["emergency"]
    return {
        "clinic_name": str(clinic["name"]),
        "clinic_phone": str(clinic["phone"]),
        "clinic_hours": str(clinic["hours"]),
        "clinic_website": str(clinic["website"]),
        "emergency_number": str(emergency["number"]),
        "poison_control": str(emergency["poison_control"]),
        "crisis_line": str(emergency["crisis_line"]),
        "crisis_line_how": str(emergency["crisis_line_how"]),
        "animal_poison": str(emergency["animal_poison"]),
    }


def responses_source() -> Path:
    """The file or directory the served answer texts come from (LDN_RESPONSES, else RESPONSES_SOURCE)."""
    return Path(os.environ.get("LDN_RESPONSES") or RESPONSES_SOURCE)


def allowed_origins() -> list[str]:
    return list(get("widget", "allowed_origins"))
