#!/usr/bin/env bash
# Builds "the next runtime": this checkout's runtime with spec_version + 1 (and whatever
# migrations its `Migrations` holds), as a compact compressed wasm a chain running this
# checkout's runtime can be upgraded to (`system.setCode`). Prints the blob's path on stdout;
# everything else goes to stderr:
#
#   CITIZEN_NEXT_RUNTIME=$(bash scripts/build-next-runtime.sh)
#
# It reuses the persistent target dir and leaves the normal build alone:
#
# - A copy of runtime/ renamed `citizen-runtime-next`, with the spec_version bumped, lives at a
#   fixed path, $CARGO_TARGET_DIR/citizen-runtime-next/runtime (only files whose content changed
#   are rewritten, so an unchanged runtime stays fresh). Its workspace root there points every
#   other path dependency at this checkout's crates.
# - The copy is built the way substrate-wasm-builder builds `citizen-runtime`'s wasm (same
#   target, profile, RUSTFLAGS, Cargo.lock versions, working directory), from a wasm project
#   of its own, $CARGO_TARGET_DIR/debug/wbuild/citizen-runtime-next, but into the normal
#   build's wasm target dir (debug/wbuild/citizen-runtime/target). Every dependency (FRAME, the
#   pallets) is the very same unit there, so only the renamed runtime crate compiles; its
#   artifacts are named citizen_runtime_next*, so nothing of the normal build is rewritten.
# - No native (std) build of the runtime at all: no build script of ours runs, and nothing in
#   $CARGO_TARGET_DIR/debug that `cargo build -p citizen-node` looks at changes.
# - Compacting: what wasm-builder's compaction strips and lowers is not in the release blob
#   of the wasm32v1-none target: no DWARF (checked below), no sign-ext (MVP code only).
#   Compressing is wasm-builder's format (an 8-byte magic, then zstd at level 22), with the
#   zstd tool; without it the blob stays uncompressed (and may not fit a block).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
source scripts/env.sh

say() { echo "build-next-runtime: $*" >&2; }

NAME=citizen-runtime-next
LIB=citizen_runtime_next
COPY="$CARGO_TARGET_DIR/$NAME"                       # the renamed runtime and its workspace root
PROJECT="$CARGO_TARGET_DIR/debug/wbuild/$NAME"       # its wasm project (beside citizen-runtime's)
WASM_TARGET="$CARGO_TARGET_DIR/debug/wbuild/citizen-runtime/target"  # shared with the normal build
STAGE="$COPY.stage"
started=$(date +%s)

current=$(sed -nE 's/^[[:space:]]*spec_version:[[:space:]]*([0-9_]+),.*/\1/p' runtime/src/lib.rs | tr -d _)
if [ "$(printf '%s\n' "$current" | grep -c .)" -ne 1 ]; then
	say "cannot find exactly one spec_version in runtime/src/lib.rs"
	exit 1
fi
next=$((current + 1))

# Relative `path = "..."` dependencies of a manifest in directory $1 become absolute.
absolute_paths() {
	sed -E "s#(path[[:space:]]*=[[:space:]]*\")([^/\"][^\"]*)\"#\1$1/\2\"#g"
}

# Stage the copy: runtime/ as it is now, renamed and bumped; a workspace root with this
# checkout's workspace dependencies (absolute paths), the copy as its only member, no profiles
# (the wasm project's profiles are the ones that apply, as for the normal build).
rm -rf "$STAGE"
mkdir -p "$STAGE"
cp -r runtime "$STAGE/runtime"
absolute_paths "$ROOT/runtime" <runtime/Cargo.toml \
	| sed -E "0,/^name = \"citizen-runtime\"/s//name = \"$NAME\"/" >"$STAGE/runtime/Cargo.toml"
grep -q "^name = \"$NAME\"" "$STAGE/runtime/Cargo.toml" || { say "cannot rename the runtime package"; exit 1; }
sed -E "s/^([[:space:]]*spec_version:[[:space:]]*)[0-9_]+,/\1$next,/" runtime/src/lib.rs >"$STAGE/runtime/src/lib.rs"
absolute_paths "$ROOT" <Cargo.toml | awk '
	/^members[[:space:]]*=/ { print "members = [\"runtime\"]"; skipping = ($0 !~ /\]/); next }
	skipping { if ($0 ~ /^\]/) skipping = 0; next }
	/^\[/ { in_profile = ($0 ~ /^\[profile/) }
	!in_profile { print }
' >"$STAGE/Cargo.toml"

# Write only what changed, so cargo's mtime fingerprints see an unchanged runtime as fresh.
sync_tree() {
	local from="$1" to="$2" f
	mkdir -p "$to"
	(cd "$from" && find . -type f) | while IFS= read -r f; do
		if ! cmp -s "$from/$f" "$to/$f"; then
			mkdir -p "$(dirname "$to/$f")"
			cp "$from/$f" "$to/$f"
		fi
	done
	(cd "$to" && find . -type f) | while IFS= read -r f; do
		[ -e "$from/$f" ] || rm -f "$to/$f"
	done
}
sync_tree "$STAGE" "$COPY"
rm -rf "$STAGE"

# The wasm project, as wasm-builder writes it for citizen-runtime, and the checkout's
# Cargo.lock with the runtime renamed (the same versions of everything).
mkdir -p "$PROJECT/src"
write_if_changed() { cat >"$1.tmp"; if cmp -s "$1.tmp" "$1"; then rm -f "$1.tmp"; else mv "$1.tmp" "$1"; fi; }
cat <<-EOF | write_if_changed "$PROJECT/Cargo.toml"
	[dependencies.wasm-project]
	default-features = false
	features = []
	package = "$NAME"
	path = "$COPY/runtime"

	[lib]
	crate-type = ["cdylib"]
	name = "$LIB"

	[package]
	edition = "2021"
	name = "$NAME-blob"
	version = "1.0.0"

	[profile.dev]
	panic = "abort"

	[profile.production]
	codegen-units = 1
	inherits = "release"
	lto = "fat"

	[profile.release]
	lto = "thin"
	panic = "abort"

	[workspace]
	resolver = "2"
EOF
printf '%s' "#![no_std] #![allow(unused_imports)] pub use wasm_project::*;" | write_if_changed "$PROJECT/src/lib.rs"
sed -E "s/^name = \"citizen-runtime\"$/name = \"$NAME\"/; s/^ \"citizen-runtime\",$/ \"$NAME\",/" Cargo.lock \
	| write_if_changed "$PROJECT/Cargo.lock"

# The command substrate-wasm-builder 35 runs for citizen-runtime (its "Executing build
# command" line), run from the runtime's directory as a build script would be (the same cargo
# config applies), into the shared wasm target dir.
say "building $NAME (spec_version $current + 1 = $next) for wasm"
(
	cd "$ROOT/runtime"
	env -u CARGO_ENCODED_RUSTFLAGS -u RUSTC \
		CARGO_TARGET_DIR="$WASM_TARGET" \
		RUSTFLAGS="-C link-arg=--export-table -C link-arg=--export=__heap_base -C link-arg=--import-memory --cfg substrate_runtime ${WASM_BUILD_RUSTFLAGS:-}" \
		SKIP_WASM_BUILD="" \
		cargo rustc --target=wasm32v1-none --manifest-path="$PROJECT/Cargo.toml" --profile release >&2
)

# Cargo may have resolved the renamed package's lock on its own: it must pin nothing the
# checkout's Cargo.lock does not (else this would not be "the same code").
packages() { awk '/^name = /{n=$3} /^version = /{print n, $3}' "$1" | sort -u; }
strays=$(comm -23 <(packages "$PROJECT/Cargo.lock" | grep -v "\"$NAME" ) <(packages Cargo.lock))
if [ -n "$strays" ]; then
	say "the next runtime resolved versions the checkout's Cargo.lock does not pin:"
	echo "$strays" >&2
	exit 1
fi

bloaty="$WASM_TARGET/wasm32v1-none/release/$LIB.wasm"
out="$PROJECT/$LIB.compact.compressed.wasm"
if ! cmp -s "$bloaty" "$PROJECT/$LIB.wasm" || [ ! -s "$out" ]; then
	cp "$bloaty" "$PROJECT/$LIB.wasm"
	# What wasm-builder's compaction would strip must not be there; and the blob must carry
	# the bumped version (its `runtime_version` section: spec_name, impl_name,
	# authoring_version, spec_version). With node (scripts/setup.sh installs it).
	command -v node >/dev/null 2>&1 && node - "$PROJECT/$LIB.wasm" "$next" <<-'EOF' >&2
		const wasm = require('node:fs').readFileSync(process.argv[2]);
		const module = new WebAssembly.Module(wasm);
		const dwarf = ['.debug_info', '.debug_line'].filter((n) => WebAssembly.Module.customSections(module, n).length);
		if (dwarf.length) throw new Error(`DWARF sections in the blob: ${dwarf}`);
		const [section] = WebAssembly.Module.customSections(module, 'runtime_version');
		if (!section) throw new Error('no runtime_version section');
		const bytes = new Uint8Array(section);
		let at = 0;
		const compact = () => {
			const mode = bytes[at] & 3;
			if (mode === 0) { const v = bytes[at] >> 2; at += 1; return v; }
			if (mode === 1) { const v = (bytes[at] | (bytes[at + 1] << 8)) >> 2; at += 2; return v; }
			throw new Error('unexpected name length');
		};
		const u32 = () => { const v = new DataView(section, at, 4).getUint32(0, true); at += 4; return v; };
		const skip = (n) => { at += n; };
		skip(compact()); // spec_name
		skip(compact()); // impl_name
		u32(); // authoring_version
		const spec = u32();
		if (spec !== Number(process.argv[3])) throw new Error(`blob has spec_version ${spec}, not ${process.argv[3]}`);
	EOF
	# Compress as `sp_maybe_compressed_blob::compress_strongly` does.
	if command -v zstd >/dev/null 2>&1; then
		{ printf '\x52\xbc\x53\x76\x46\xdb\x8e\x05'; zstd -q --ultra -22 -c "$PROJECT/$LIB.wasm"; } >"$out.tmp"
		mv "$out.tmp" "$out"
	fi
fi
if ! command -v zstd >/dev/null 2>&1; then
	say "zstd not found: the next runtime is left uncompressed, and may not fit a block"
	out="$PROJECT/$LIB.wasm"
fi
say "spec_version $next, $(stat -c %s "$out") bytes, in $(( $(date +%s) - started ))s"
echo "$out"
