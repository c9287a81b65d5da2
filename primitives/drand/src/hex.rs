//! Hex for fixed-size byte arrays: compile-time constants, and serde (`0x`-prefixed lowercase
//! strings, the form of chain specs and polkadot.js) without allocating.

use core::fmt;

/// `text` (hex, no prefix, exactly `2 * N` digits) as bytes. For constants only: a malformed
/// literal stops the *compilation* of the constant that uses it, so it cannot fail at run time.
pub(crate) const fn decode_const<const N: usize>(text: &str) -> [u8; N] {
	let digits = text.as_bytes();
	assert!(digits.len() == 2 * N, "hex constant of the wrong length");
	let mut out = [0u8; N];
	let mut i = 0;
	while i < N {
		let (Some(high), Some(low)) = (digit(digits[2 * i]), digit(digits[2 * i + 1])) else {
			panic!("hex constant with a non-hex digit");
		};
		out[i] = high << 4 | low;
		i += 1;
	}
	out
}

const fn digit(c: u8) -> Option<u8> {
	match c {
		b'0'..=b'9' => Some(c - b'0'),
		b'a'..=b'f' => Some(c - b'a' + 10),
		b'A'..=b'F' => Some(c - b'A' + 10),
		_ => None,
	}
}

/// Displays bytes as `0x` followed by lowercase hex.
struct Hex<'a>(&'a [u8]);

impl fmt::Display for Hex<'_> {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str("0x")?;
		self.0.iter().try_for_each(|byte| write!(f, "{byte:02x}"))
	}
}

/// Serializes `bytes` as a `0x`-prefixed hex string.
pub(crate) fn serialize<S: serde::Serializer, const N: usize>(
	bytes: &[u8; N],
	serializer: S,
) -> Result<S::Ok, S::Error> {
	serializer.collect_str(&Hex(bytes))
}

/// Deserializes exactly `N` bytes from a hex string, with or without `0x`.
pub(crate) fn deserialize<'de, D: serde::Deserializer<'de>, const N: usize>(
	deserializer: D,
) -> Result<[u8; N], D::Error> {
	deserializer.deserialize_str(HexVisitor::<N>)
}

struct HexVisitor<const N: usize>;

impl<const N: usize> serde::de::Visitor<'_> for HexVisitor<N> {
	type Value = [u8; N];

	fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(f, "{N} bytes as a hex string")
	}

	fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<[u8; N], E> {
		let digits = text.strip_prefix("0x").unwrap_or(text).as_bytes();
		if digits.len() != 2 * N {
			return Err(E::invalid_length(digits.len() / 2, &self));
		}
		let mut out = [0u8; N];
		let digit_at = |i: usize| digits.get(i).copied().and_then(digit);
		for (i, byte) in out.iter_mut().enumerate() {
			let (Some(high), Some(low)) = (digit_at(2 * i), digit_at(2 * i + 1)) else {
				return Err(E::invalid_value(serde::de::Unexpected::Str(text), &self));
			};
			*byte = high << 4 | low;
		}
		Ok(out)
	}
}
