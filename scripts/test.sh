#!/usr/bin/env bash
# make test: every check, failing loudly on the first that fails.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

echo "== 1/3 rasa data validate --fail-on-warnings"
.venv/bin/rasa data validate --domain "$LDN_DOMAIN" --fail-on-warnings

echo "== 2/3 pytest (actions, NLU components, channels, conversations and held-out set against the real server)"
.venv/bin/python -m pytest tests -p no:cacheprovider "$@"

echo "== 3/3 rasa test: test stories with --fail-on-prediction-errors"
.venv/bin/rasa test core --model "$LDN_MODEL" --stories tests/stories \
  --fail-on-prediction-errors --out results/core
echo "== held-out figures (targets: in-scope >= 0.95, out-of-scope >= 0.95, emergencies 1.0, 0 confidently wrong)"
for held in heldout dev2 patients_dev fresh patients; do
  .venv/bin/python -c "import json,sys; m=json.load(open(sys.argv[1])); print(sys.argv[2].ljust(8), ', '.join(f'{k}={v:.3f}' if isinstance(v, float) else f'{k}={v}' for k, v in m.items()))" \
    "tests/artifacts/heldout-$held.json" "$held"
done
echo "All checks passed."
