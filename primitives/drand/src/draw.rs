//! The draw: a keyed pseudo-random permutation of the entries `0..n` of a lottery.
//!
//! Given a 32-byte `seed` (on chain, the [randomness](crate::randomness) of a drand round fixed
//! in advance) and the number of entries `n`, every entry `i < n` draws a distinct rank
//! [`position_of`]`(seed, n, i) < n`, and [`entry_at`] is the inverse. Both take constant
//! expected time (about 8–32 sha256 evaluations), store nothing, and allocate nothing: a pallet
//! answers "what is my rank?" and "who is at rank k?" for a million entries without sorting
//! them, and anyone can recompute any rank off chain.
//!
//! # Algorithm (version 1)
//!
//! This is the specification; `scripts/lib/draw.mjs` implements it again in JavaScript and
//! `tests/vectors/draw.json` pins both. All integers are unsigned; `||` is concatenation.
//!
//! 1. **Domain.** `h` is the smallest integer `h ≥ 1` with `4^h ≥ n` (so `h ≤ 16`). The
//!    Feistel network permutes `0..4^h`: a value `x` is split into the halves `L = x >> h`
//!    and `R = x & (2^h − 1)`, each `h` bits, and joined back as `x = (L << h) | R`.
//! 2. **Round function.** For the round index `i` (`0 ≤ i < 8`) and a half `v`:
//!
//!    ```text
//!    F(i, v) = u32_be(sha256(tag || seed || u32_be(n) || u8(i) || u32_be(v))[0..4]) & (2^h − 1)
//!    ```
//!
//!    where `tag` is the 21 ASCII bytes `citizen-chain/draw/v1` ([`DOMAIN_TAG`]), `seed` the 32
//!    seed bytes, `u32_be(n)` and `u32_be(v)` 4 bytes big-endian, `u8(i)` one byte: 62 bytes
//!    hashed in all. The first 4 bytes of the digest are read as a big-endian `u32`, then masked
//!    to `h` bits.
//! 3. **Forward permutation `P`** ([`ROUNDS`] = 8 rounds): for `i = 0, 1, …, 7`:
//!    `(L, R) ← (R, L xor F(i, R))`. Output `(L << h) | R`.
//! 4. **Inverse `P⁻¹`**: for `i = 7, 6, …, 0`: `(L, R) ← (R xor F(i, L), L)`.
//! 5. **Cycle walking.** `position_of(seed, n, index)`: `x ← P(index)`; while `x ≥ n`,
//!    `x ← P(x)`; return `x`. `entry_at(seed, n, position)` walks `P⁻¹` the same way from
//!    `position`. Out-of-range arguments (`index ≥ n`, `position ≥ n`, any `n = 0`) give
//!    `None`.
//!
//! Cycle walking restricts a permutation of `0..4^h` to a permutation of `0..n`: from `x < n`,
//! the walk follows `x`'s cycle, which contains `x` itself, so it comes back into `0..n` within
//! the cycle; `P⁻¹` retraces the same cycle backwards, so the two walks are inverse. The walk
//! passes only values `≥ n`, each at most once, so it takes at most `4^h − n + 1` steps; that
//! bound caps the loop, and a walk that exceeded it (impossible for a permutation) would return
//! `None` rather than loop. As `4^h < 4n` (for `n > 1`), a step lands in range with probability
//! above 1/4: fewer than 4 steps on average, each 8 sha256.
//!
//! # Quality
//!
//! With a secret or unpredictable seed, the Feistel network keyed by sha256 is a pseudo-random
//! permutation (Luby–Rackoff needs 4 rounds; 8 leave a margin for the small domains of small
//! lotteries): no entry can predict or influence its rank before the seed is known, and every
//! rank is equally likely for every entry. `n` is hashed in, so the same seed gives unrelated
//! draws for different numbers of entries.
//!
//! The draw is only as unpredictable as its seed: commit to the drand round, and to `n` and the
//! numbering of the entries, before the round is published.

use crate::sha256;

/// Domain separation of the round function's hashes (version 1 of the draw).
pub const DOMAIN_TAG: &[u8; 21] = b"citizen-chain/draw/v1";

/// Rounds of the Feistel network.
pub const ROUNDS: u8 = 8;

/// The rank (0-based) that entry `index` draws among `n` entries under `seed`; `None` if
/// `index >= n`.
pub fn position_of(seed: &[u8; 32], n: u32, index: u32) -> Option<u32> {
	Permutation::new(seed, n).position_of(index)
}

/// The entry at rank `position` among `n` entries under `seed` (the inverse of
/// [`position_of`]); `None` if `position >= n`.
pub fn entry_at(seed: &[u8; 32], n: u32, position: u32) -> Option<u32> {
	Permutation::new(seed, n).entry_at(position)
}

/// The draw of `n` entries under a seed: [`position_of`] and [`entry_at`] for several entries
/// of the same draw.
#[derive(Clone, Debug)]
pub struct Permutation {
	seed: [u8; 32],
	n: u32,
	/// `h`: bits in each half.
	half_bits: u32,
}

impl Permutation {
	/// The draw of `n` entries under `seed`.
	pub fn new(seed: &[u8; 32], n: u32) -> Self {
		// Bits needed for the values 0..n (0 for n <= 1), split into two halves of h >= 1 bits.
		let bits = u32::BITS - n.saturating_sub(1).leading_zeros();
		Permutation { seed: *seed, n, half_bits: bits.div_ceil(2).max(1) }
	}

	/// Number of entries.
	pub fn len(&self) -> u32 {
		self.n
	}

	/// Whether there are no entries.
	pub fn is_empty(&self) -> bool {
		self.n == 0
	}

	/// The rank entry `index` draws; `None` if `index >= n`.
	pub fn position_of(&self, index: u32) -> Option<u32> {
		self.walk(index, |x| self.forward(x))
	}

	/// The entry at rank `position`; `None` if `position >= n`.
	pub fn entry_at(&self, position: u32) -> Option<u32> {
		self.walk(position, |x| self.backward(x))
	}

	/// The size of the Feistel domain, `4^h`.
	fn domain(&self) -> u64 {
		1u64 << (2 * self.half_bits)
	}

	fn mask(&self) -> u32 {
		// h <= 16, so this is at most u32::MAX >> 16.
		u32::MAX >> (u32::BITS - self.half_bits)
	}

	/// `F(i, v)`.
	fn round(&self, i: u8, half: u32) -> u32 {
		let digest =
			sha256(&[DOMAIN_TAG, &self.seed, &self.n.to_be_bytes(), &[i], &half.to_be_bytes()]);
		u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]]) & self.mask()
	}

	/// `P`.
	pub(crate) fn forward(&self, x: u32) -> u32 {
		let (mut left, mut right) = (x >> self.half_bits, x & self.mask());
		for i in 0..ROUNDS {
			(left, right) = (right, left ^ self.round(i, right));
		}
		left << self.half_bits | right
	}

	/// `P⁻¹`.
	pub(crate) fn backward(&self, x: u32) -> u32 {
		let (mut left, mut right) = (x >> self.half_bits, x & self.mask());
		for i in (0..ROUNDS).rev() {
			(left, right) = (right ^ self.round(i, left), left);
		}
		left << self.half_bits | right
	}

	/// Cycle walking from `start < n` with `step` (`P` or `P⁻¹`) until back in `0..n`: at most
	/// `4^h − n + 1` steps (see the module docs), `None` beyond (never, for a permutation).
	fn walk(&self, start: u32, step: impl Fn(u32) -> u32) -> Option<u32> {
		if start >= self.n {
			return None;
		}
		let mut x = start;
		for _ in 0..=(self.domain() - u64::from(self.n)) {
			x = step(x);
			if x < self.n {
				return Some(x);
			}
		}
		None
	}
}
