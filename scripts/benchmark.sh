#!/usr/bin/env bash
# Regenerates each service pallet's `weights.rs` from a benchmark run on this machine.
#
# The node is built in release with only the `benchmark pallet` command added (feature
# `benchmark-cli`); the runtime it measures is a separate wasm built with `runtime-benchmarks`,
# so the node's native runtime and FRAME crates keep their features. (The CLI's own
# dependencies still change part of the node's graph: ~350 crates, 19 min here.)
# Usage: scripts/benchmark.sh [pallet-dir ...]   (default: every pallet under pallets/)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
bash scripts/setup.sh

STEPS="${STEPS:-50}"
REPEAT="${REPEAT:-20}"

cargo build --locked -p citizen-runtime --features runtime-benchmarks
# Kept aside: the next build without the feature writes the normal runtime to the same place.
# Debug host builds skip wasm-opt, so this is the plain (still optimised) wasm.
wasm="$CARGO_TARGET_DIR/benchmark-runtime.wasm"
cp "$CARGO_TARGET_DIR/debug/wbuild/citizen-runtime/citizen_runtime.wasm" "$wasm"

# The CLI's storage-access test runtime is only for `benchmark storage`, which this node leaves
# out; its wasm build cannot find itself in our workspace's metadata, so it is skipped.
SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD=1 \
	cargo build --release --locked -p citizen-node --features benchmark-cli
node="$CARGO_TARGET_DIR/release/citizen-node"

pallets=("$@")
[ ${#pallets[@]} -eq 0 ] && pallets=(citizen-id policy-funds multi-child-points youth-culture-pass facility-booking)
for dir in "${pallets[@]}"; do
	name="pallet_${dir//-/_}"
	echo "== $name"
	"$node" benchmark pallet \
		--runtime "$wasm" \
		--genesis-builder runtime \
		--genesis-builder-preset development \
		--pallet "$name" \
		--extrinsic '*' \
		--steps "$STEPS" \
		--repeat "$REPEAT" \
		--template scripts/weight-template.hbs \
		--output "pallets/$dir/src/weights.rs"
done

# The FRAME pallets the runtime uses, in the same run on the same machine: their generated
# weights go to `runtime/src/weights/` (the runtime charges them), and two of their calls are
# the anchors every citizen-facing call is compared with: a native-token transfer
# (`balances.transfer_keep_alive`) and a local-currency transfer (`assets.transfer_keep_alive`).
# Skipped with FRAME=0 (e.g. when re-measuring one service pallet).
if [ "${FRAME:-1}" = 1 ]; then
	for pallet in frame_system frame_system_extensions pallet_transaction_payment pallet_balances pallet_assets; do
		echo "== $pallet"
		"$node" benchmark pallet \
			--runtime "$wasm" \
			--genesis-builder runtime \
			--genesis-builder-preset development \
			--pallet "$pallet" \
			--extrinsic '*' \
			--steps "$STEPS" \
			--repeat "$REPEAT" \
			--header scripts/weights-header.txt \
			--output "runtime/src/weights/$pallet.rs"
	done
fi
weights=()
for dir in "${pallets[@]}"; do weights+=("pallets/$dir/src/weights.rs"); done
node scripts/weights-table.mjs runtime/src/weights/pallet_balances.rs runtime/src/weights/pallet_assets.rs \
	"${weights[@]}" | tee "$CARGO_TARGET_DIR/weights-table.md"
