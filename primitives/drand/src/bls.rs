//! BLS signatures on G1 with public keys on G2 (drand's `bls-unchained-g1-rfc9380`), on
//! arkworks' BLS12-381.

use ark_bls12_381::{g1, Bls12_381, G1Affine, G1Projective, G2Affine};
use ark_ec::{
	hashing::{curve_maps::wb::WBMap, map_to_curve_hasher::MapToCurveBasedHasher, HashToCurve},
	pairing::Pairing,
	AffineRepr,
};
use ark_ff::{field_hashers::DefaultFieldHasher, Zero};
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};

use crate::{PUBLIC_KEY_LEN, SIGNATURE_LEN};

/// The domain separation tag of drand's hash to G1 (RFC 9380, suite
/// `BLS12381G1_XMD:SHA-256_SSWU_RO_`, the "NUL" scheme).
pub const DST: &[u8] = b"BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_";

type G1Hasher =
	MapToCurveBasedHasher<G1Projective, DefaultFieldHasher<sha2::Sha256, 128>, WBMap<g1::Config>>;

/// `message` hashed to G1 (RFC 9380 `hash_to_curve`, random oracle), with [`DST`].
pub(crate) fn hash_to_g1(message: &[u8]) -> Option<G1Affine> {
	G1Hasher::new(DST).ok()?.hash(message).ok()
}

/// A G1 point from its 48-byte compressed encoding: on the curve, in the prime-order subgroup,
/// not the identity, and `bytes` its one canonical encoding (so that no two byte strings — and
/// no two randomness values — stand for the same signature).
pub(crate) fn decode_g1(bytes: &[u8; SIGNATURE_LEN]) -> Option<G1Affine> {
	let point = G1Affine::deserialize_compressed(&bytes[..]).ok()?;
	let mut again = [0u8; SIGNATURE_LEN];
	point.serialize_compressed(&mut again[..]).ok()?;
	(!point.is_zero() && again == *bytes).then_some(point)
}

/// A G2 point from its 96-byte compressed encoding, under the same rules as [`decode_g1`].
pub(crate) fn decode_g2(bytes: &[u8; PUBLIC_KEY_LEN]) -> Option<G2Affine> {
	let point = G2Affine::deserialize_compressed(&bytes[..]).ok()?;
	let mut again = [0u8; PUBLIC_KEY_LEN];
	point.serialize_compressed(&mut again[..]).ok()?;
	(!point.is_zero() && again == *bytes).then_some(point)
}

/// Whether `signature` is the signature of `message` under `public_key`.
pub(crate) fn verify(
	public_key: &[u8; PUBLIC_KEY_LEN],
	message: &[u8],
	signature: &[u8; SIGNATURE_LEN],
) -> bool {
	let (Some(public_key), Some(signature), Some(hashed)) =
		(decode_g2(public_key), decode_g1(signature), hash_to_g1(message))
	else {
		return false;
	};
	pairing_check(signature, hashed, public_key)
}

/// `e(signature, g2) == e(hashed, public_key)`, as `e(signature, g2) · e(−hashed, public_key)
/// == 1`: one multi-Miller loop and one final exponentiation.
pub(crate) fn pairing_check(signature: G1Affine, hashed: G1Affine, public_key: G2Affine) -> bool {
	let looped =
		Bls12_381::multi_miller_loop([signature, -hashed], [G2Affine::generator(), public_key]);
	Bls12_381::final_exponentiation(looped).is_some_and(|product| product.is_zero())
}
