#!/usr/bin/env bash
# npm run bench: build, make sure the toolchain exists, then print the benchmark figures.
# BENCH_FLEET=N changes the fleet size (default 100).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
npm run --silent build
bash scripts/toolchain.sh
exec node --import tsx tests/bench/bench.ts
