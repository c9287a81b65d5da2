//! Tests: the beacon against real quicknet rounds and the dev beacon's (noble-signed) rounds,
//! and the draw against its properties and `tests/vectors/draw.json`.

mod beacon;
mod draw;

/// Bytes from hex (tests only).
pub(crate) fn hex<const N: usize>(text: &str) -> [u8; N] {
	let text = text.strip_prefix("0x").unwrap_or(text);
	assert_eq!(text.len(), 2 * N, "{text}");
	core::array::from_fn(|i| u8::from_str_radix(&text[2 * i..2 * i + 2], 16).unwrap())
}

/// Lowercase hex (tests only).
pub(crate) fn to_hex(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("{b:02x}")).collect()
}
