#!/usr/bin/env bash
# Block capacity, end to end (issue 15): the weights table of the last `scripts/benchmark.sh`
# run, merchant RPC under wrk (`scripts/bench-rpc.mjs`), then real blocks filled on a release node by `scripts/bench-blocks.mjs` (one kind at a
# time: transfers as the anchor, spends, applications, registrations, bookings), each
# transaction followed to its end. Prints markdown tables; the block table is also written to
# `$CARGO_TARGET_DIR/bench-blocks.md` (numbers in `bench-blocks.json`, which soak.sh reads).
#
# Usage: scripts/bench.sh [bench-blocks.mjs options, e.g. --kinds registrations --blocks 8]
#   SKIP_BUILD=1  use the release binary already built (no cargo, no npm ci)
#   LOAD_PARAMS   genesis sizes as JSON, e.g. '{"citizens": 20000}' (scripts/lib/load.mjs)
# Run it alone on the machine: `flock /tmp/cargo.lock bash scripts/bench.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
node_bin="$CARGO_TARGET_DIR/release/citizen-node"
if [ -z "${SKIP_BUILD:-}" ]; then
	bash scripts/setup.sh
	(cd tests/e2e && npm ci --no-audit --no-fund --silent)
	# The same release build as scripts/benchmark.sh and bench-near.sh (one set of artifacts).
	SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD=1 \
		cargo build --release --locked -p citizen-node --features benchmark-cli
fi
[ -x "$node_bin" ] || { echo "no $node_bin: build it (unset SKIP_BUILD)" >&2; exit 1; }

# weights table: what the runtime charges, from the weights files of the last
# scripts/benchmark.sh run (if they exist); the blocks below measure what really fits.
weights=(pallets/*/src/weights.rs)
if [ -f runtime/src/weights/pallet_balances.rs ] && [ -f runtime/src/weights/pallet_assets.rs ]; then
	echo "## Weights (from the files of the last scripts/benchmark.sh run)"
	node scripts/weights-table.mjs runtime/src/weights/pallet_balances.rs \
		runtime/src/weights/pallet_assets.rs "${weights[@]}" || echo "(weights table failed; the blocks below do not need it)"
	echo
fi

# Merchant answers at the wasm floor: every merchant method and the batch forms under wrk,
# beside state_getStorage and a trivial state_call from the same run (scripts/bench-rpc.mjs).
CITIZEN_NODE_RELEASE="$node_bin" node scripts/bench-rpc.mjs "${RPC_SECONDS:-10}" 32 | tee "$CARGO_TARGET_DIR/bench-rpc.md"
echo

node scripts/bench-blocks.mjs --bin "$node_bin" "$@" | tee "$CARGO_TARGET_DIR/bench-blocks.md"
