#!/usr/bin/env bash
# Starts a single-node development chain (release build). Extra arguments go to the node,
# e.g. `scripts/dev-chain.sh --base-path /tmp/city` to keep the chain between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
bash scripts/setup.sh
cargo build --release --locked -p citizen-node
args=("$@")
[ ${#args[@]} -eq 0 ] && args=(--tmp)
exec "$CARGO_TARGET_DIR/release/citizen-node" --dev --rpc-cors all "${args[@]}"
