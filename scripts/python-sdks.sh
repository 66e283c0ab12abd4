#!/usr/bin/env bash
# The official Python SDKs for the contract test, in a project-local virtual environment (.venv-contract),
# rebuilt only when tests/contract/requirements.txt changes.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv-contract
stamp="$venv/.requirements.sha256"
want=$(sha256sum tests/contract/requirements.txt | cut -d' ' -f1)
if [ -x "$venv/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  exit 0
fi
echo "installing the official Python SDKs into $venv"
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check -r tests/contract/requirements.txt
echo "$want" > "$stamp"
