#!/usr/bin/env bash
# Runs every test: pallet unit tests and benchmarks-as-tests, runtime tests, then the
# end-to-end tests against a real node through @polkadot/api. Prints how long each stage took.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
bash scripts/setup.sh

stage() { echo; echo "=== $1"; STAGE_START=$(date +%s); }
done_stage() { echo "=== $1 took $(( $(date +%s) - STAGE_START ))s"; }

stage "unit tests and benchmarks (pallets, primitives)"
cargo test --locked -p citizen-primitives -p pallet-citizen-id --features pallet-citizen-id/runtime-benchmarks
done_stage "unit tests"

stage "runtime tests"
cargo test --locked -p citizen-runtime
done_stage "runtime tests"

stage "node build"
cargo build --locked -p citizen-node
done_stage "node build"

stage "end-to-end tests"
(cd tests/e2e && npm ci --no-audit --no-fund --silent && npm test)
done_stage "end-to-end tests"
