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
# With try-runtime too: each pallet's migration tests run its migrations' pre/post checks.
cargo test --locked -p citizen-primitives -p citizen-rpc-common -p citizen-drand -p pallet-citizen-id \
	-p pallet-policy-funds -p pallet-multi-child-points -p pallet-youth-culture-pass \
	-p pallet-facility-booking \
	--features pallet-citizen-id/runtime-benchmarks,pallet-policy-funds/runtime-benchmarks,pallet-multi-child-points/runtime-benchmarks,pallet-youth-culture-pass/runtime-benchmarks,pallet-facility-booking/runtime-benchmarks \
	--features pallet-citizen-id/try-runtime,pallet-policy-funds/try-runtime,pallet-multi-child-points/try-runtime,pallet-youth-culture-pass/try-runtime,pallet-facility-booking/try-runtime
done_stage "unit tests"

stage "runtime tests"
# This stage runs the runtime fuzzer too (runtime/tests/fuzz.rs, `fuzz_ci`, ~1 min): a fixed
# seed, then this fresh one. A failure prints its shrunk action list and the seed of the case.
export FUZZ_FRESH_SEED="${FUZZ_FRESH_SEED:-$(od -An -N8 -tu8 /dev/urandom | tr -d ' ')}"
echo "fuzz: fresh seed $FUZZ_FRESH_SEED (reproduce: FUZZ_SEED=$FUZZ_FRESH_SEED cargo test -p citizen-runtime --test fuzz)"
# With the node selected too, so the runtime and its dependencies are built once, as the node
# uses them (the node binary has no tests of its own).
cargo test --locked -p citizen-runtime -p citizen-node
done_stage "runtime tests"

stage "node build"
cargo build --locked -p citizen-node
export CITIZEN_NODE="$CARGO_TARGET_DIR/debug/citizen-node"
# The runtime the upgrade test (tests/e2e/upgrade.test.js) moves the dev chain to: this code
# with spec_version + 1, built beside the node's without touching it.
CITIZEN_NEXT_RUNTIME="$(bash scripts/build-next-runtime.sh)"
export CITIZEN_NEXT_RUNTIME
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
