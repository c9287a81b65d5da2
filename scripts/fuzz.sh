#!/usr/bin/env bash
# The runtime fuzzer's long run (runtime/tests/fuzz.rs, `fuzz_long`): a million calls or more
# over the whole runtime from a seed, in a release build (the runtime natively, not wasm).
# Prints calls run, calls per second, the distinct errors seen with counts, the Ok share per
# call, and every failure, shrunk to a minimal action list and replayed, with the command that
# reproduces it. Exits non-zero if anything failed. Not part of CI (scripts/test.sh runs a
# bounded debug run of the same fuzzer).
#
# Usage: scripts/fuzz.sh                      a fresh seed, 1,000,000 calls
#        FUZZ_SEED=<n> scripts/fuzz.sh        reproduce a run (or a failing case: its seed)
#        FUZZ_CALLS=<n> FUZZ_LEN=<actions per case> FUZZ_MAX_FAILURES=<n> scripts/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
bash scripts/setup.sh

export FUZZ_SEED="${FUZZ_SEED:-$(od -An -N8 -tu8 /dev/urandom | tr -d ' ')}"
export FUZZ_CALLS="${FUZZ_CALLS:-1000000}"
echo "fuzz: seed $FUZZ_SEED, $FUZZ_CALLS calls (reproduce: FUZZ_SEED=$FUZZ_SEED scripts/fuzz.sh)"
cargo test --locked --release -p citizen-runtime --test fuzz -- \
	--ignored fuzz_long --nocapture
