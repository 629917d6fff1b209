# Defaults for every script and make target; any of them can be set beforehand.
export RASA_TELEMETRY_ENABLED=false          # no usage data leaves the clinic's machine
export RASA_PORT="${RASA_PORT:-5005}"
export ACTIONS_PORT="${ACTIONS_PORT:-5055}"
export WEB_PORT="${WEB_PORT:-8080}"
export LDN_TRACKER_URL="${LDN_TRACKER_URL:-sqlite:///var/tracker.db}"
export LDN_CREDENTIALS="${LDN_CREDENTIALS:-credentials.yml}"
# The domain: a directory, every domain file under data/ (ldn/domain.py DOMAIN_PATH).
export LDN_DOMAIN="${LDN_DOMAIN:-data}"
export LDN_MODEL="${LDN_MODEL:-models/ldn.tar.gz}"
export LOG_LEVEL="${LOG_LEVEL:-INFO}"         # INFO never includes message text
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
export SQLALCHEMY_SILENCE_UBER_WARNING=1
mkdir -p var
