#!/usr/bin/env bash
# Soak (issue 16): a steady stream of mixed transactions (transfers, registrations,
# applications, spends, bookings) at just under the measured capacity for SECONDS (default 600)
# on a release node, or on the 4-validator zombienet network of zombienet/city-network.toml
# with --network; then a burst of twice the pool. Prints the tables of scripts/soak.mjs
# (sent, included, rejected by reason, lost, blocks and gaps, finality lag p99, node RSS at start
# and end, latencies). The rate comes from the last scripts/bench.sh run
# ($CARGO_TARGET_DIR/bench-blocks.json) unless --rate is given.
#
# Usage: scripts/soak.sh [SECONDS] [--network] [--rate ITEMS_PER_S] [--mix transfers=0.35,...]
#                        [--burst N] [--reg-batch N] [--node-arg --FLAG=VALUE]... [--keep DIR]
#   SKIP_BUILD=1  use the release binary already built (no cargo, no npm ci)
# Run it alone on the machine: `flock /tmp/cargo.lock bash scripts/soak.sh 600`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
node_bin="$CARGO_TARGET_DIR/release/citizen-node"
if [ -z "${SKIP_BUILD:-}" ]; then
	bash scripts/setup.sh
	(cd tests/e2e && npm ci --no-audit --no-fund --silent)
	SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD=1 \
		cargo build --release --locked -p citizen-node --features benchmark-cli
fi
[ -x "$node_bin" ] || { echo "no $node_bin: build it (unset SKIP_BUILD)" >&2; exit 1; }
for arg in "$@"; do
	if [ "$arg" = --network ] && [ ! -x zombienet/node_modules/.bin/zombienet ]; then
		(cd zombienet && npm ci --no-audit --no-fund --silent)
	fi
done
node scripts/soak.mjs --bin "$node_bin" "$@" | tee "$CARGO_TARGET_DIR/soak$([[ " $* " == *" --network "* ]] && echo -network).md"
