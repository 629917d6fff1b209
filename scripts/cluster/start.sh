#!/usr/bin/env bash
# make cluster: PostgreSQL, Redis, N action servers, N Rasa replicas, the widget page and
# nginx on 127.0.0.1:8000, all under var/cluster/ (0700). Nothing system-wide is started
# or changed. Ctrl-C stops everything. A Rasa replica or action server that dies is
# restarted (nginx routes around it meanwhile); if PostgreSQL, Redis or nginx dies, the
# whole cluster stops, loudly.
#
# Ports, pool sizes and replica count come from deploy/cluster.yml (scripts/cluster/spec.py).
# Secrets (database and Redis passwords) are generated on first start into
# var/cluster/secrets.env (0600). TWILIO_AUTH_TOKEN / SENDER_ID_SECRET come from the
# environment, as for make run.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh
PY=.venv/bin/python
began=$(date +%s%N)

eval "$($PY -m scripts.cluster.spec shell)"
CLUSTER_DIR="${LDN_CLUSTER_DIR:-$PWD/var/cluster}"
LOGS="$CLUSTER_DIR/logs"; RUN="$CLUSTER_DIR/run"; PGROOT="$CLUSTER_DIR/postgres"
umask 077
mkdir -p "$CLUSTER_DIR" "$LOGS" "$RUN" "$CLUSTER_DIR/nginx" "$CLUSTER_DIR/redis" "$PGROOT"
chmod 700 "$CLUSTER_DIR"

# PostgreSQL refuses to run as root. Run as root (containers, CI), the database server
# runs as the unprivileged `postgres` account (or `nobody`), which may only enter
# var/cluster/ (mode 0710, its group) to reach its own 0700 data directory.
as_db=()
if [ "$(id -u)" -eq 0 ]; then
  db_user=postgres; getent passwd "$db_user" >/dev/null || db_user=nobody
  db_group=$(id -gn "$db_user")
  chgrp "$db_group" "$CLUSTER_DIR"; chmod 710 "$CLUSTER_DIR"
  # The folders above it are private too (var/ is 0700): give the database account's
  # group search permission (x) on those it can't pass, and nothing more.
  parent=$(dirname "$CLUSTER_DIR")
  while [ "$parent" != / ] && ! setpriv --reuid="$db_user" --regid="$db_group" --init-groups -- test -x "$parent"; do
    chgrp "$db_group" "$parent"; chmod g+x "$parent"
    parent=$(dirname "$parent")
  done
  chown -R "$db_user:$db_group" "$PGROOT"
  as_db=(setpriv --reuid="$db_user" --regid="$db_group" --init-groups --)
fi

# --- secrets, generated once
SECRETS="$CLUSTER_DIR/secrets.env"
random_secret() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
if [ ! -s "$SECRETS" ]; then
  { echo "LDN_PG_ADMIN_PASSWORD=$(random_secret)"
    echo "LDN_PG_PASSWORD=$(random_secret)"
    echo "LDN_REDIS_PASSWORD=$(random_secret)"; } > "$SECRETS"
fi
# Widget session ids are signed; every replica must share the key (added to older files too).
grep -q '^LDN_SESSION_SECRET=' "$SECRETS" || echo "LDN_SESSION_SECRET=$(random_secret)" >> "$SECRETS"
chmod 600 "$SECRETS"
set -a; source "$SECRETS"; set +a

pids=(); declare -A service_of=(); stopping=0
launch() {  # launch NAME COMMAND...: run in the background, output to logs/NAME.log
  local name=$1; shift
  "$@" >>"$LOGS/$name.log" 2>&1 &
  service_of[$!]=$name; echo $! >"$RUN/$name.pid"
}
stop_all() {
  trap - INT TERM EXIT
  stopping=1
  local pid infra=()
  for pid in "${!service_of[@]}"; do
    case ${service_of[$pid]} in
      postgres|redis) infra+=("$pid") ;;
      *) kill "$pid" 2>/dev/null || true ;;
    esac
  done
  for pid in "${!service_of[@]}"; do
    case ${service_of[$pid]} in postgres|redis) ;; *) wait "$pid" 2>/dev/null || true ;; esac
  done
  for pid in "${infra[@]}"; do
    if [ "${service_of[$pid]}" = postgres ]; then kill -INT "$pid" 2>/dev/null || true  # fast shutdown
    else kill "$pid" 2>/dev/null || true; fi
  done
  wait 2>/dev/null || true
  rm -f "$RUN"/*.pid "$RUN/ready"
}
trap 'stop_all; echo "Cluster stopped."; exit 0' INT TERM
trap stop_all EXIT

# --- PostgreSQL 15: data in var/cluster/postgres/data, TCP on 127.0.0.1 and a private socket
PGDATA="$PGROOT/data"; PGSOCK="$PGROOT/run"
"${as_db[@]}" mkdir -p "$PGSOCK"
if [ ! -f "$PGDATA/PG_VERSION" ]; then
  echo "First start: creating the PostgreSQL database (var/cluster/postgres)..."
  printf '%s\n' "$LDN_PG_ADMIN_PASSWORD" | "${as_db[@]}" tee "$PGROOT/.pwfile" >/dev/null
  "${as_db[@]}" initdb -D "$PGDATA" -U ldn_admin --pwfile="$PGROOT/.pwfile" -E UTF8 --no-locale \
    --auth-local=scram-sha-256 --auth-host=scram-sha-256 >>"$LOGS/postgres-init.log"
  rm -f "$PGROOT/.pwfile"
  echo "include 'ldn_cluster.conf'" | "${as_db[@]}" tee -a "$PGDATA/postgresql.conf" >/dev/null
  created_db=1
fi
# Rewritten every start, so deploy/cluster.yml stays the one place for these values.
"${as_db[@]}" tee "$PGDATA/ldn_cluster.conf" >/dev/null <<CONF
# Written by scripts/cluster/start.sh from deploy/cluster.yml; edits are overwritten.
listen_addresses = '127.0.0.1'
port = $CLUSTER_PG_PORT
unix_socket_directories = '$PGSOCK'
unix_socket_permissions = 0700
max_connections = $CLUSTER_PG_MAX_CONNECTIONS
superuser_reserved_connections = $CLUSTER_PG_RESERVED
password_encryption = scram-sha-256
shared_buffers = 64MB
log_min_messages = warning
log_statement = none
CONF
launch postgres "${as_db[@]}" postgres -D "$PGDATA"

# --- Redis: the lock store. Locks only (they expire), so no persistence.
cat >"$CLUSTER_DIR/redis.conf" <<CONF
# Written by scripts/cluster/start.sh; edits are overwritten.
bind 127.0.0.1
port $CLUSTER_REDIS_PORT
protected-mode yes
requirepass $LDN_REDIS_PASSWORD
dir $CLUSTER_DIR/redis
save ""
appendonly no
maxmemory 64mb
maxmemory-policy noeviction
daemonize no
CONF
chmod 600 "$CLUSTER_DIR/redis.conf"
launch redis redis-server "$CLUSTER_DIR/redis.conf"

pg_ready() { pg_isready -q -h 127.0.0.1 -p "$CLUSTER_PG_PORT" -t 1; }
for _ in $(seq 1 150); do pg_ready && break; sleep 0.2; done
pg_ready || { echo "PostgreSQL did not start; see $LOGS/postgres.log" >&2; exit 1; }
if [ "${created_db:-0}" = 1 ]; then
  PGPASSWORD=$LDN_PG_ADMIN_PASSWORD psql -q -h 127.0.0.1 -p "$CLUSTER_PG_PORT" -U ldn_admin -d postgres \
    -v ON_ERROR_STOP=1 >/dev/null <<SQL
CREATE ROLE $CLUSTER_PG_USER LOGIN PASSWORD '$LDN_PG_PASSWORD';
CREATE DATABASE $CLUSTER_PG_DATABASE OWNER $CLUSTER_PG_USER;
SQL
fi

# --- the application: N action servers, N Rasa replicas, the widget page
export LDN_TRACKER_URL="postgresql://$CLUSTER_PG_USER:$LDN_PG_PASSWORD@127.0.0.1:$CLUSTER_PG_PORT/$CLUSTER_PG_DATABASE"
export LDN_REDIS_HOST=127.0.0.1 LDN_REDIS_PORT=$CLUSTER_REDIS_PORT LDN_CHANNEL_STATE=postgresql
export SQL_POOL_SIZE SQL_MAX_OVERFLOW LDN_CHANNEL_STATE_POOL TICKET_LOCK_LIFETIME
public_origins="http://127.0.0.1:$CLUSTER_NGINX_PORT,http://localhost:$CLUSTER_NGINX_PORT"
export LDN_ALLOWED_ORIGINS="${LDN_ALLOWED_ORIGINS:-$public_origins}"
read -r -a rasa_ports <<<"$CLUSTER_RASA_PORTS"
read -r -a action_ports <<<"$CLUSTER_ACTIONS_PORTS"
api=()
if [ -n "${RASA_API_TOKEN:-}" ]; then api=(--enable-api --auth-token "$RASA_API_TOKEN"); fi

start_actions() {
  SANIC_HOST=127.0.0.1 launch "actions-$1" $PY -m rasa_sdk --actions actions --port "${action_ports[$1]}"
}
start_rasa() {
  LDN_ACTIONS_URL="http://127.0.0.1:${action_ports[$1]}/webhook" launch "rasa-$1" \
    .venv/bin/python -m ldn.rasa_main run --model "$LDN_MODEL" --interface 127.0.0.1 --port "${rasa_ports[$1]}" \
    --credentials "$LDN_CREDENTIALS" --endpoints deploy/endpoints.cluster.yml \
    --cors "${LDN_CORS_ORIGINS:-${public_origins/,/ }}" "${api[@]}"
}
for i in "${!rasa_ports[@]}"; do start_actions "$i"; start_rasa "$i"; done
# The page builds the widget's socket URL from the host it was loaded from and RASA_PORT:
# behind nginx both are nginx's.
RASA_PORT=$CLUSTER_NGINX_PORT launch web $PY -m web.server --port "$CLUSTER_WEB_PORT"

# --- nginx: rendered from deploy/nginx/nginx.conf.template
nginx_user=""
[ "$(id -u)" -ne 0 ] || nginx_user="nobody $(id -gn nobody)"  # workers need no files: no temp files
$PY -m scripts.cluster.spec nginx "$CLUSTER_DIR/nginx.conf" "$CLUSTER_DIR" "$nginx_user"
nginx -q -t -c "$CLUSTER_DIR/nginx.conf" -p "$CLUSTER_DIR" -e "$LOGS/nginx-error.log"
launch nginx nginx -c "$CLUSTER_DIR/nginx.conf" -p "$CLUSTER_DIR" -e "$LOGS/nginx-error.log" -g 'daemon off;'

# --- wait until every replica answers (Rasa needs ~20 s to load the model)
up() { curl -fs -o /dev/null --max-time 2 "$1"; }
deadline=$((SECONDS + ${LDN_CLUSTER_START_TIMEOUT:-600}))
while [ $SECONDS -lt $deadline ]; do
  ready=1
  for port in "${rasa_ports[@]}"; do up "http://127.0.0.1:$port/" || { ready=0; break; }; done
  for port in "${action_ports[@]}"; do [ $ready = 0 ] || up "http://127.0.0.1:$port/health" || ready=0; done
  [ $ready = 0 ] || up "http://127.0.0.1:$CLUSTER_NGINX_PORT/" || ready=0
  [ $ready = 0 ] || break
  for pid in "${!service_of[@]}"; do
    kill -0 "$pid" 2>/dev/null || { echo "${service_of[$pid]} exited during start-up; see $LOGS/${service_of[$pid]}.log" >&2; exit 1; }
  done
  sleep 0.5
done
[ $ready = 1 ] || { echo "The cluster did not come up within ${LDN_CLUSTER_START_TIMEOUT:-600} s; see $LOGS/" >&2; exit 1; }
host="${LDN_CLUSTER_HOST:-127.0.0.1}"
elapsed_ds=$(( ($(date +%s%N) - began) / 100000000 ))
echo "LDN cluster up in $((elapsed_ds / 10)).$((elapsed_ds % 10)) s: $CLUSTER_REPLICAS Rasa replicas behind nginx."
echo "  REST     http://$host:$CLUSTER_NGINX_PORT/webhooks/rest/webhook"
echo "  widget   http://$host:$CLUSTER_NGINX_PORT/"
echo "  Twilio   http://$host:$CLUSTER_NGINX_PORT/webhooks/twilio/webhook"
echo "  logs     $LOGS/   state: PostgreSQL :$CLUSTER_PG_PORT, Redis :$CLUSTER_REDIS_PORT (127.0.0.1)"
echo "Press Ctrl-C to stop."
echo up >"$RUN/ready"

# --- supervise
while true; do
  dead=""; rc=0
  wait -n -p dead "${!service_of[@]}" || rc=$?
  [ -n "$dead" ] || continue
  name=${service_of[$dead]}; unset "service_of[$dead]"
  [ "$stopping" = 0 ] || break
  case $name in
    rasa-*|actions-*)
      echo "$(date +%T) $name exited (status $rc); restarting it in 2 s. nginx sends its traffic to the others." >&2
      sleep 2
      if [[ $name == rasa-* ]]; then start_rasa "${name#rasa-}"; else start_actions "${name#actions-}"; fi ;;
    *)
      echo "$(date +%T) $name exited (status $rc); stopping the cluster. See $LOGS/$name.log" >&2
      exit 1 ;;
  esac
done
