#!/usr/bin/env bash
# Installs whatever this machine lacks to build and test Citizen Chain. Idempotent: a second
# run only checks. Sourced by dev-chain.sh and test.sh.
set -euo pipefail

need_apt=()
# zstd compresses the upgrade test's next runtime (scripts/build-next-runtime.sh); wrk loads RPC
# in scripts/bench-rpc.mjs.
for pkg in protobuf-compiler clang libclang-dev zstd wrk; do
	dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
	echo "setup: installing ${need_apt[*]}"
	SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null 2>&1; then
	echo "setup: cargo not found; install Rust with rustup first" >&2
	exit 1
fi
rustup target list --installed | grep -qx wasm32v1-none || rustup target add wasm32v1-none
rustup component list --installed | grep -q '^rust-src' || rustup component add rust-src

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	echo "setup: installing nodejs and npm"
	SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >/dev/null
fi
