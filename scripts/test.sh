#!/usr/bin/env bash
# The test lanes, cheapest first; stops at the first lane that fails.
#   scripts/test.sh            every lane (make test)
#   scripts/test.sh unit       one or more lanes by name: lint, unit, validate, stack
# Lanes: lint (ruff, mypy: seconds), unit (pytest -m unit: no model, no server),
# validate (rasa data validate), stack (every other test, against one real server and
# Chromium, held-out sets included; prints the held-out figures of this run).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
ARTIFACTS=tests/artifacts

# pytest on one lane; "no tests collected" (exit 5) is a failure: each lane has tests.
pytest_lane() {
  local name=$1 markers=$2 status=0
  shift 2
  .venv/bin/python -m pytest tests -p no:cacheprovider -m "$markers" "$@" || status=$?
  if [ "$status" -eq 5 ]; then
    echo "FAILED: the $name lane collected no tests (-m '$markers')" >&2
    exit 1
  fi
  return "$status"
}

lane_lint() {
  echo "== lint: ruff check, ruff format --check, mypy"
  .venv/bin/ruff check .
  .venv/bin/ruff format --check .
  .venv/bin/mypy
}

lane_unit() {
  echo "== unit tests (no model, no server)"
  # One process per core (pytest-xdist, work stealing): 74 s in one process, 45 s on 2 cores.
  pytest_lane unit "unit" -n auto --dist worksteal
}

lane_validate() {
  echo "== rasa data validate --fail-on-warnings"
  .venv/bin/python -m ldn.rasa_main data validate --domain "$LDN_DOMAIN" --fail-on-warnings
}

lane_stack() {
  echo "== tests against the real server and browser (conversations, channels, widget, held-out sets)"
  rm -rf "$ARTIFACTS"  # so every figure printed below comes from this run
  pytest_lane stack "not unit" --durations=15  # the slowest tests, for the next person trimming the lane
  echo "== held-out figures (targets: in-scope >= 0.95, out-of-scope >= 0.95, emergencies 1.0," \
       "non-English 1.0, 0 confidently wrong)"
  .venv/bin/python - "$ARTIFACTS" <<'EOF'
import json, sys
from pathlib import Path

from tests.heldout import HELDOUT_SETS

for held in HELDOUT_SETS:
    metrics = json.loads((Path(sys.argv[1]) / f"heldout-{held}.json").read_text())
    shown = (f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in metrics.items())
    print(held.ljust(8), ", ".join(shown))
EOF
}

lanes=("$@")
[ ${#lanes[@]} -gt 0 ] || lanes=(lint unit validate stack)
began=$SECONDS
for lane in "${lanes[@]}"; do
  started=$SECONDS
  "lane_$lane"
  echo "-- $lane lane passed in $((SECONDS - started)) s"
done
echo "All checks passed (${lanes[*]}) in $((SECONDS - began)) s."
