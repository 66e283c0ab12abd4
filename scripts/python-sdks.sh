#!/usr/bin/env bash
# Project-local Python virtual environments, each rebuilt only when its requirements file changes:
#   .venv-contract  the official Alibaba Cloud Python SDKs, for the contract test
#   .venv-pulumi    the Pulumi Python SDK (pinned to the CLI's release), for the provider plugin's
#                   Python programs
#   .venv-sdk-build the Python build tools `npm run sdks` makes the plugin's wheel and sdist with
set -euo pipefail
cd "$(dirname "$0")/.."

venv() {
  local venv=$1 requirements=$2
  local stamp="$venv/.requirements.sha256" want
  want=$(sha256sum "$requirements" | cut -d' ' -f1)
  if [ -x "$venv/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
    return 0
  fi
  echo "installing $requirements into $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
  echo "$want" >"$stamp"
}

venv .venv-contract tests/contract/requirements.txt
venv .venv-pulumi tests/e2e/python/requirements.txt
venv .venv-sdk-build scripts/sdk-build-requirements.txt
