#!/usr/bin/env bash
# The whole test suite: build, typecheck and lint, make sure the real toolchain (pulumi, kube-apiserver,
# etcd, kubectl) is built or cached, then run every *.test.ts under tests/ with node's test runner.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
npm run --silent build
npm run --silent typecheck
npm run --silent lint
bash scripts/toolchain.sh
# Node 20's --test does not expand globs, so list the files ourselves: unit, then integration, then e2e,
# so the fast layers fail first.
files=()
for layer in unit integration e2e; do
  mapfile -t -O "${#files[@]}" files < <(find "tests/$layer" -name '*.test.ts' | sort)
done
if [ ${#files[@]} -eq 0 ]; then echo "no test files found" >&2; exit 1; fi
# One file at a time: the integration and e2e files start real servers, and the machine has 2 cores.
# Readable progress on stdout; a TAP copy for the closing "N passed, N failed" line that CI reads.
tap=$(mktemp)
trap 'rm -f "$tap"' EXIT
status=0
node --import tsx --test --test-concurrency=1 \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$tap" \
  "${files[@]}" || status=$?
passed=$(awk '/^# pass /{print $3}' "$tap" | tail -1)
failed=$(awk '/^# fail /{print $3}' "$tap" | tail -1)
echo "${passed:-0} passed, ${failed:-0} failed"
exit "$status"
