#!/usr/bin/env bash
# make test: every check, failing loudly on the first that fails.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

echo "== 1/3 rasa data validate --fail-on-warnings"
.venv/bin/rasa data validate --fail-on-warnings

echo "== 2/3 pytest (actions, NLU components, channels, conversations and held-out set against the real server)"
.venv/bin/python -m pytest tests -p no:cacheprovider "$@"

echo "== 3/3 rasa test: test stories with --fail-on-prediction-errors"
.venv/bin/rasa test core --model "$LDN_MODEL" --stories tests/stories \
  --fail-on-prediction-errors --out results/core
echo "All checks passed."
