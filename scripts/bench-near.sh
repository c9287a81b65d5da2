#!/usr/bin/env bash
# "Near me" at city scale on a release node: a dev chain whose genesis holds 62 living zones and
# 5,000 facilities (a grid over Busan), then `facility_near` under load (32 connections) beside
# `state_getStorage` from the same run. Prints a markdown table (the README keeps the latest).
# Usage: scripts/bench-near.sh [REQUESTS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
bash scripts/setup.sh
(cd tests/e2e && npm ci --no-audit --no-fund --silent)

# The same release build as scripts/benchmark.sh (one set of release artifacts, not two).
SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD=1 \
	cargo build --release --locked -p citizen-node --features benchmark-cli
node_bin="$CARGO_TARGET_DIR/release/citizen-node"

work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
"$node_bin" build-spec --dev 2>/dev/null > "$work/dev.json"
node scripts/bench-near.mjs spec "$work/dev.json" "$work/city.json"
port=$((20000 + RANDOM % 20000))
"$node_bin" --chain "$work/city.json" --tmp --rpc-port "$port" --rpc-max-connections 1000 \
	--no-prometheus --no-telemetry >"$work/node.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
	kill -0 "$pid" 2>/dev/null || { cat "$work/node.log"; exit 1; }
	curl -sf -H 'content-type: application/json' \
		-d '{"jsonrpc":"2.0","id":1,"method":"system_health","params":[]}' \
		"http://127.0.0.1:$port" >/dev/null && break
	sleep 1
done
node scripts/bench-near.mjs load "$port" "${1:-20000}" "${2:-32}"
