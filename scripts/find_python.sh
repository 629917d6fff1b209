#!/usr/bin/env bash
# Print the path of a Python 3.10 interpreter, or explain and fail.
# Order: the version in .python-version (via pyenv), python3.10 on PATH, any pyenv 3.10.
set -euo pipefail
cd "$(dirname "$0")/.."
is_310() { "$1" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; }
candidates=()
if [ -f .python-version ] && command -v pyenv >/dev/null 2>&1; then
  candidates+=("$(pyenv root)/versions/$(tr -d '[:space:]' < .python-version)/bin/python")
fi
command -v python3.10 >/dev/null 2>&1 && candidates+=("$(command -v python3.10)")
if command -v pyenv >/dev/null 2>&1; then
  for dir in "$(pyenv root)"/versions/3.10*; do candidates+=("$dir/bin/python"); done
fi
for python in "${candidates[@]}"; do
  if [ -x "$python" ] && is_310 "$python"; then echo "$python"; exit 0; fi
done
echo "ERROR: LDN Assistant needs Python 3.10 (Rasa 3.6 does not run on 3.11)." >&2
echo "Install it, e.g. 'pyenv install 3.10.13', or put python3.10 on PATH, then run make again." >&2
exit 1
