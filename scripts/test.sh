#!/usr/bin/env bash
# Runs every test: pallet unit tests and benchmarks-as-tests, runtime tests, end-to-end tests
# against a real node through @polkadot/api, and the four-validator network under zombienet.
# Prints how long each stage took.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
bash scripts/setup.sh

stage() { echo; echo "=== $1"; STAGE_START=$(date +%s); }
done_stage() { echo "=== $1 took $(( $(date +%s) - STAGE_START ))s"; }

stage "unit tests and benchmarks (primitives, pallets)"
cargo test --locked -p citizen-primitives -p citizen-rpc-common -p citizen-drand -p pallet-citizen-id \
	-p pallet-policy-funds -p pallet-multi-child-points -p pallet-youth-culture-pass \
	-p pallet-facility-booking \
	--features pallet-citizen-id/runtime-benchmarks,pallet-policy-funds/runtime-benchmarks,pallet-multi-child-points/runtime-benchmarks,pallet-youth-culture-pass/runtime-benchmarks,pallet-facility-booking/runtime-benchmarks
done_stage "unit tests"

stage "runtime tests"
# With the node selected too, so the runtime and its dependencies are built once, as the node
# uses them (the node binary has no tests of its own).
cargo test --locked -p citizen-runtime -p citizen-node
done_stage "runtime tests"

stage "node build"
cargo build --locked -p citizen-node
export CITIZEN_NODE="$CARGO_TARGET_DIR/debug/citizen-node"
done_stage "node build"

stage "end-to-end tests"
(cd tests/e2e && npm ci --no-audit --no-fund --silent)
# The draw and the beacon check, in JavaScript, against the vectors the Rust tests use.
node --test tests/vectors/
(cd tests/e2e && npm test)
done_stage "end-to-end tests"

stage "network tests (zombienet, four validators)"
bash scripts/network-tests.sh
done_stage "network tests"
