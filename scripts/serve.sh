#!/usr/bin/env bash
# Start the action server, Rasa and the widget page; Ctrl-C stops all three.
# Ports and files come from scripts/env.sh. RASA_API_TOKEN, if set, turns on
# Rasa's HTTP API (used by the tests to read trackers), protected by that token.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
PY=.venv/bin/python

pids=()
stop() { trap - INT TERM EXIT; kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap 'stop; echo "Stopped."; exit 0' INT TERM
trap stop EXIT

# Sanic closes an idle keep-alive connection after 5 s; when Rasa is busy for longer
# (make bench, 50 concurrent patients) it reuses a closed one and the patient gets no
# answer ("Cannot write to closing transport"). Keep them open longer than any stall.
SANIC_KEEP_ALIVE_TIMEOUT="${SANIC_KEEP_ALIVE_TIMEOUT:-120}" $PY -m rasa_sdk --actions actions --port "$ACTIONS_PORT" &
pids+=($!)

api=()
if [ -n "${RASA_API_TOKEN:-}" ]; then api=(--enable-api --auth-token "$RASA_API_TOKEN"); fi
.venv/bin/rasa run --model "$LDN_MODEL" --port "$RASA_PORT" \
  --credentials "$LDN_CREDENTIALS" --endpoints "${LDN_ENDPOINTS:-endpoints.yml}" \
  --cors "${LDN_CORS_ORIGINS:-http://localhost:$WEB_PORT}" "${api[@]}" &
pids+=($!)

$PY -m web.server --port "$WEB_PORT" &
pids+=($!)

echo "LDN Assistant starting (about 20 seconds):"
echo "  REST     http://localhost:$RASA_PORT/webhooks/rest/webhook"
echo "  widget   http://localhost:$WEB_PORT/"
echo "  actions  http://localhost:$ACTIONS_PORT/webhook"
echo "Press Ctrl-C to stop."
wait -n "${pids[@]}" || true
echo "A process stopped; shutting down the others (see the messages above)." >&2
exit 1
