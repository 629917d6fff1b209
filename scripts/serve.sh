#!/usr/bin/env bash
# Start the action server, Rasa and the widget page, supervised (scripts/supervise.py):
# a process that stops is restarted; Ctrl-C stops all three and prints "Stopped.".
# Ports and files come from scripts/env.sh. RASA_API_TOKEN, if set (32+ bytes),
# turns on Rasa's HTTP API (used by the tests to read trackers), protected by that token.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
exec .venv/bin/python -m scripts.supervise "$@"
