#!/usr/bin/env bash
# The city testnet under zombienet: four validators as native processes on loopback. Stops
# every process it started, also on failure.
set -euo pipefail
cd "$(dirname "$0")/../zombienet"
source ../scripts/env.sh
export CITIZEN_NODE="${CITIZEN_NODE:-$CARGO_TARGET_DIR/debug/citizen-node}"
npm ci --no-audit --no-fund --silent

cleanup() {
	# zombienet tears its network down; this only catches what a crash may have left.
	pkill -f "$CITIZEN_NODE --chain /tmp/zombie-" 2>/dev/null || true
}
trap cleanup EXIT

for suite in city-network.zndsl city-faults.zndsl; do
	echo "--- zombienet $suite"
	start=$(date +%s)
	timeout 900 npx zombienet --provider native --logType text --spawn-concurrency 2 test "$suite"
	echo "--- $suite passed in $(( $(date +%s) - start ))s"
	cleanup
done
