#!/usr/bin/env bash
# The whole test suite: build, typecheck and lint, make sure the real toolchain (pulumi, kube-apiserver,
# etcd, kubectl) is built or cached and the official Python SDKs are installed, build the plugin's SDKs
# (npm run sdks: the tests install and require them as users do), then run every *.test.ts under tests/
# with node's test runner.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
npm run --silent build
npm run --silent typecheck
npm run --silent lint
bash scripts/toolchain.sh
bash scripts/python-sdks.sh
node --import tsx scripts/sdks.ts
# Node 20's --test does not expand globs (and orders the files it is given by path), so each layer runs
# as its own node process: unit, then integration, then e2e, so the fast layers report first.
# Two files at a time in the integration and e2e layers: most of their time is spent waiting (on the
# emulator's latencies, on a process starting), each file starts its own servers on free ports and its
# own stacks in temporary directories, and two fit the 2-core machine (one at a time took 26 minutes).
# Readable progress on stdout; a TAP copy per layer for the closing "N passed, N failed" line CI reads.
tap_dir=$(mktemp -d)
# What provider processes learn about an account (its operations' durations, who else calls it) stays
# in the run: the suite's throwaway accounts neither read the user's cache nor fill it.
export SERVICEMESH_CACHE_DIR="$tap_dir/cache"
trap 'rm -rf "$tap_dir"' EXIT
status=0
for layer in unit integration e2e; do
  mapfile -t files < <(find "tests/$layer" -name '*.test.ts' | sort)
  [ ${#files[@]} -gt 0 ] || { echo "no test files in tests/$layer" >&2; exit 1; }
  echo "=== tests/$layer (${#files[@]} files)"
  concurrency=2
  [ "$layer" = unit ] && concurrency=1
  node --import tsx --test --test-concurrency="$concurrency" \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$tap_dir/$layer.tap" \
    "${files[@]}" || status=1
done
sum() { awk -v key="$1" '$1=="#" && $2==key {n=$3} END {print n+0}' "$2"; }
passed=0 failed=0
for tap in "$tap_dir"/*.tap; do
  passed=$((passed + $(sum pass "$tap")))
  failed=$((failed + $(sum fail "$tap")))
done
echo "$passed passed, $failed failed"
exit "$status"
