"""The replies that decline to answer and refer the patient instead: one list.

Held-out scoring (tests/heldout), the staff report (web/staff/report.py) and the
wording tests (the urgent line) all read it, so "declined" means the same everywhere.
"""

from ldn.conditions import CONDITION_CATEGORIES

DECLINED = frozenset(
    {
        *(f"utter_condition_category_{category}" for category in CONDITION_CATEGORIES),
        "utter_side_effect_not_listed",
        "utter_out_of_scope",
        "utter_fallback",
        "utter_clarify",
        "utter_condition_not_covered",
        "utter_condition_unknown",
        "utter_medicine_not_covered",
    }
)
