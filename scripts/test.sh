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
exec node --import tsx --test --test-concurrency=1 --test-reporter=spec "${files[@]}"
