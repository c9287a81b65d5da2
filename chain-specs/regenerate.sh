#!/usr/bin/env bash
# Regenerates the city-testnet chain spec from the runtime's `city_testnet` preset.
#
# Run this only to prepare a NEW network: a launched network's genesis is fixed, and later
# changes reach it as runtime upgrades. The spec is raw, so every node builds the very same
# genesis whatever runtime it carries.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
cargo build --locked -p citizen-node
"$CARGO_TARGET_DIR/debug/citizen-node" export-chain-spec --chain city-testnet --raw \
	--output chain-specs/city-testnet.raw.json
echo "wrote chain-specs/city-testnet.raw.json"
