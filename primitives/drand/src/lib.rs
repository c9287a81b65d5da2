//! # Citizen Chain drand
//!
//! Public randomness that nobody on the chain — not the city, not a collator, not a citizen —
//! can choose: the [drand](https://drand.love) beacon of the League of Entropy, verified in the
//! runtime, and a draw that turns it into the order of a lottery.
//!
//! - [`BeaconInfo`]: a beacon (its public key and clock) with [`BeaconInfo::verify`], which
//!   checks a round's signature, and [`BeaconInfo::round_at`] / [`BeaconInfo::round_time_ms`],
//!   which map rounds to time. [`BeaconInfo::QUICKNET`] is the real League of Entropy beacon,
//!   [`BeaconInfo::DEV`] a test beacon whose secret key is public.
//! - [`randomness`]: a round's randomness, `sha256(signature)`, as drand defines it.
//! - [`draw`]: a keyed permutation of `0..n` computed one entry at a time: entry `i`'s rank in
//!   the draw ([`draw::position_of`]) and the entry at a rank ([`draw::entry_at`]).
//!
//! No storage and no allocation: the crate is `no_std` (without the default `std` feature) and
//! runs in the runtime's wasm. No function panics on any input; malformed bytes are simply not a
//! valid signature.
//!
//! ## Why a future drand round is a seed nobody can steer
//!
//! A lottery commits, before anyone can know the outcome, to a round `R` of the beacon that
//! will be published after entries close (a time in the future: [`BeaconInfo::round_at`] of the
//! closing time, plus a margin). When the round is out, anyone submits its signature; the
//! chain checks it against the beacon's public key and seeds the draw with its randomness.
//!
//! - **One valid value per round.** The signature is a BLS signature of the round number, and
//!   BLS signatures are unique: for a public key and a message exactly one point verifies, and
//!   [`BeaconInfo::verify`] accepts only its canonical 48-byte encoding. The submitter cannot
//!   choose among several valid signatures (there are none), so cannot choose the randomness.
//! - **Unknown until published.** The signing key is shared among the League of Entropy's
//!   members by threshold cryptography: a round's signature exists only once a threshold of
//!   independent organisations have each contributed their partial signature at the round's
//!   time. No member (and no coalition below the threshold) can compute it in advance.
//! - **Anyone can submit it.** The signature is public (on drand's HTTP relays, gossipsub, and
//!   mirrors). Whoever submits first makes no difference: all submitters hold the same value.
//! - **The chain verifies it.** The runtime checks the pairing equation itself; it trusts no
//!   oracle, relay or submitter. A wrong round number, a flipped bit or a point of the wrong
//!   subgroup is rejected.
//!
//! What is left is *timing*, and it is the pallet's to close: fix `R` (and everything the draw
//! depends on, such as the number and order of entries) before `R` is published, accept only
//! `R`, and have no fallback that picks another round when nobody submits — withholding cannot
//! change `R`'s value, but a fallback would turn it into a choice between two values.
//!
//! ## Formats (drand quicknet, scheme `bls-unchained-g1-rfc9380`)
//!
//! - public key: a point of G2, 96 bytes, compressed in the zcash/IETF format (the top three
//!   bits of the first byte are the compression, infinity and sign flags; then `x.c1 || x.c0`,
//!   big-endian);
//! - round message: `sha256(round as u64 big-endian)` (32 bytes; "unchained": no previous
//!   signature);
//! - signature: `sk · H(message)`, a point of G1, 48 bytes compressed (zcash format), where `H`
//!   is the RFC 9380 hash to G1 `BLS12381G1_XMD:SHA-256_SSWU_RO_` with the DST
//!   `BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_` ([`DST`]);
//! - verification: `e(signature, g2) == e(H(message), public_key)`, computed as one multi-pairing
//!   `e(signature, g2) · e(−H(message), public_key) == 1`;
//! - randomness: `sha256(signature)`, the 32 bytes drand publishes as `randomness`;
//! - clock: round 1 is published at genesis, round `r` at `genesis + (r − 1) · period`.
//!
//! ## The draw
//!
//! [`draw`] maps a 32-byte seed (a round's randomness) and a number of entries `n` to a
//! permutation of `0..n`: a balanced Feistel network over the smallest domain `4^h ≥ n`, keyed by
//! sha256 of the seed, with cycle walking back into `0..n`. Each entry's rank is computed alone,
//! in constant expected time, in either direction, with nothing stored: a pallet can tell a
//! citizen their rank, or who holds rank `k`, without sorting a million entries. The module
//! documents the algorithm byte by byte; `scripts/lib/draw.mjs` is the same algorithm in
//! JavaScript, and `tests/vectors/draw.json` pins both.
#![cfg_attr(not(feature = "std"), no_std)]

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

mod bls;
pub mod draw;
mod hex;

#[cfg(test)]
mod tests;

pub use bls::DST;

/// Length of a quicknet-scheme signature: a compressed G1 point.
pub const SIGNATURE_LEN: usize = 48;
/// Length of a quicknet-scheme public key: a compressed G2 point.
pub const PUBLIC_KEY_LEN: usize = 96;

/// A drand beacon of the quicknet scheme (`bls-unchained-g1-rfc9380`): its group public key and
/// its clock. Times are milliseconds since the Unix epoch, as `pallet-timestamp` keeps them.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	Serialize,
	Deserialize,
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BeaconInfo {
	/// The beacon's group public key: a G2 point, 96 bytes compressed. Hex (`0x…`) in JSON.
	#[serde(with = "hex")]
	pub public_key: [u8; PUBLIC_KEY_LEN],
	/// When round 1 is published.
	pub genesis_ms: u64,
	/// Time between two rounds.
	pub period_ms: u64,
}

impl BeaconInfo {
	/// The League of Entropy's quicknet beacon: chain hash
	/// `52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971`, scheme
	/// `bls-unchained-g1-rfc9380`, genesis 1692803367 s (2023-08-23 15:09:27 UTC), one round
	/// every 3 s (<https://api.drand.sh/52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971/info>).
	pub const QUICKNET: BeaconInfo = BeaconInfo {
		public_key: hex::decode_const(
			"83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a",
		),
		genesis_ms: 1_692_803_367_000,
		period_ms: 3_000,
	};

	/// The dev beacon of `scripts/dev-beacon.mjs`, for local chains and tests: the same scheme
	/// and clock as quicknet, but its secret key is public
	/// (`int(sha256("citizen-chain dev beacon"), big-endian) mod r`), so anyone can sign any
	/// round in advance. Never configure a real chain with it.
	pub const DEV: BeaconInfo = BeaconInfo {
		public_key: hex::decode_const(
			"9850e5f4396293753c1f8d491d89b8c4bcd59c1367aea9281169529370c736020f5942a5d2a4a7ceb5737be6b3926be00f88c1ee0f8c506f7e3eae9139ca3b6462db319dcb75d5ef61c3c799abd1bd54ecefb43ee5b1a142ac6c6952bbeaf392",
		),
		genesis_ms: 1_692_803_367_000,
		period_ms: 3_000,
	};

	/// When round `round` is published: round 1 at genesis, then one every period. `None` for
	/// round 0 (there is none), a zero period (a malformed beacon), or a time past `u64::MAX`.
	pub fn round_time_ms(&self, round: u64) -> Option<u64> {
		if round == 0 || self.period_ms == 0 {
			return None;
		}
		(round - 1).checked_mul(self.period_ms)?.checked_add(self.genesis_ms)
	}

	/// The latest round published at `time_ms`: 0 before genesis (and for a beacon with a zero
	/// period, which publishes nothing). `round_time_ms(round_at(t)) <= t` for every round it
	/// returns.
	pub fn round_at(&self, time_ms: u64) -> u64 {
		match time_ms.checked_sub(self.genesis_ms) {
			Some(since) if self.period_ms != 0 => since / self.period_ms + 1,
			_ => 0,
		}
	}

	/// Whether `signature` is this beacon's signature of round `round`: the canonical
	/// compressed encoding of a G1 point, not the identity, in the prime-order subgroup, with
	/// `e(signature, g2) == e(H(sha256(round)), public_key)`. False for any malformed input
	/// (including a malformed or identity public key); never panics.
	pub fn verify(&self, round: u64, signature: &[u8; SIGNATURE_LEN]) -> bool {
		bls::verify(&self.public_key, &round_message(round), signature)
	}

	/// The randomness of round `round` if `signature` is its valid signature.
	pub fn verified_randomness(
		&self,
		round: u64,
		signature: &[u8; SIGNATURE_LEN],
	) -> Option<[u8; 32]> {
		self.verify(round, signature).then(|| randomness(signature))
	}

	/// Whether the public key is a valid G2 point (canonical encoding, prime-order subgroup,
	/// not the identity). A beacon whose key is not verifies nothing.
	pub fn has_valid_public_key(&self) -> bool {
		bls::decode_g2(&self.public_key).is_some()
	}
}

/// A round's randomness: `sha256(signature)`, as drand defines and publishes it. Meaningful
/// only for a signature [`BeaconInfo::verify`] accepted.
pub fn randomness(signature: &[u8; SIGNATURE_LEN]) -> [u8; 32] {
	sha256(&[signature])
}

/// The message drand signs in round `round` (unchained schemes): `sha256(round as u64
/// big-endian)`.
pub fn round_message(round: u64) -> [u8; 32] {
	sha256(&[&round.to_be_bytes()])
}

/// sha256 of the concatenation of `parts`.
pub(crate) fn sha256(parts: &[&[u8]]) -> [u8; 32] {
	use sha2::Digest;
	let mut hasher = sha2::Sha256::new();
	for part in parts {
		hasher.update(part);
	}
	hasher.finalize().into()
}
