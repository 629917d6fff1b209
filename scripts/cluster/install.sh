#!/usr/bin/env bash
# Install the Debian packages `make cluster` needs, only if they are missing:
# nginx and redis-server. PostgreSQL 15 (initdb, pg_ctl, postgres) must already be
# on PATH. Installing a package never enables or starts its system service here:
# policy-rc.d forbids it for the length of the install, and the cluster runs its own
# copies under var/cluster/ (scripts/cluster/start.sh).
set -euo pipefail

missing=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)  # the smallest Debian nginx with upstream hash, map and limit_req
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
for tool in initdb pg_ctl postgres; do
  command -v "$tool" >/dev/null 2>&1 || { echo "ERROR: $tool not found: make cluster needs PostgreSQL 15 (initdb, pg_ctl, postgres) on PATH." >&2; exit 1; }
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
echo "Installing ${missing[*]} with apt-get (their system services stay stopped)..."
# Debian starts a daemon right after installing it unless policy-rc.d says no (exit 101).
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
  "${sudo[@]}" chmod 755 "$policy"
  created_policy=1
fi
cleanup() { [ "$created_policy" -eq 0 ] || "${sudo[@]}" rm -f "$policy"; }
trap cleanup EXIT
export DEBIAN_FRONTEND=noninteractive
if ! "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"; then
  "${sudo[@]}" apt-get update
  "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi
