//! The verifier against real quicknet rounds, the dev beacon's noble-signed rounds, and every
//! kind of bad signature; the clock; the encodings of `BeaconInfo`.

use super::{hex, to_hex};
use crate::{bls, randomness, round_message, BeaconInfo, DST, SIGNATURE_LEN};
use ark_bls12_381::{Fq, Fr, G1Affine, G1Projective, G2Affine};
use ark_ec::{short_weierstrass::SWCurveConfig, AffineRepr, CurveGroup};
use ark_ff::{PrimeField, Zero};
use ark_serialize::CanonicalSerialize;
use codec::{Decode, Encode, MaxEncodedLen};
use serde_json::Value;

/// Real quicknet rounds: see the file's `comment` for where they were recorded.
const QUICKNET_VECTORS: &str = include_str!("../../../../tests/vectors/drand-quicknet.json");

/// Rounds signed by `scripts/dev-beacon.mjs` (@noble/curves), pasted from its output:
/// `node scripts/dev-beacon.mjs 1 2 1000 30662982` (also in tests/vectors/drand-dev.json).
const DEV_ROUNDS: [(u64, &str, &str); 4] = [
	(
		1,
		"b08634cb1af4cc0e50a750a474f4665517ae987c7f77758cd7eb0ec6e26132e005be0807f5d4602b078c4d263cdad12e",
		"a68afaddf80c34c0e7f82787c0718419de1dc7156fd9771bc95bb512e3c27781",
	),
	(
		2,
		"8ce4a133d5107856bc8f8cea54112414821a3802ac3d3f5ca4ca7ced1832adccf53d7b9c291ac62644afbfe623b9c527",
		"b43a108a90e4ae6309270d620f3c770fc2239a4cc5084403e8cf77f2d1e5015f",
	),
	(
		1000,
		"b0dd35be8cfafd6fba4e190f335131a1ec7ee5530c344464d75bacadd0dccaeddb5702fc26dcb7111264503307b9cb11",
		"b729b53101ec3342933423722ff7f31f16dd3bd099ca7ff2a4778b3a9bce0e08",
	),
	(
		30662982,
		"89b783e2c74aa93ba7d79e8ab65fbd4cf698df6a2c691fa85bec2e059f24651b649817956eaa49802d2bf66de0671a20",
		"c09d2846ab19f11e90129b6230040f3b1b422779f118cdc059e48eb144d84c66",
	),
];

/// (round, signature, randomness if recorded) of every real quicknet vector.
fn quicknet_rounds() -> Vec<(u64, [u8; 48], Option<[u8; 32]>)> {
	let file: Value = serde_json::from_str(QUICKNET_VECTORS).unwrap();
	let rounds = file["rounds"].as_array().unwrap();
	assert!(rounds.len() >= 3);
	rounds
		.iter()
		.map(|r| {
			(
				r["round"].as_u64().unwrap(),
				hex(r["signature"].as_str().unwrap()),
				r.get("randomness").map(|x| hex(x.as_str().unwrap())),
			)
		})
		.collect()
}

fn compress_g1(point: G1Affine) -> [u8; 48] {
	let mut out = [0u8; 48];
	point.serialize_compressed(&mut out[..]).unwrap();
	out
}

fn compress_g2(point: G2Affine) -> [u8; 96] {
	let mut out = [0u8; 96];
	point.serialize_compressed(&mut out[..]).unwrap();
	out
}

/// A point on the G1 curve outside the prime-order subgroup (the cofactor is not 1, so most
/// curve points are).
fn point_outside_subgroup() -> G1Affine {
	(1u64..)
		.filter_map(|x| G1Affine::get_point_from_x_unchecked(Fq::from(x), false))
		.find(|p| !p.is_in_correct_subgroup_assuming_on_curve())
		.unwrap()
}

#[test]
fn quicknet_matches_the_published_chain_info() {
	let file: Value = serde_json::from_str(QUICKNET_VECTORS).unwrap();
	let info = &file["info"];
	assert_eq!(info["schemeID"], "bls-unchained-g1-rfc9380");
	assert_eq!(to_hex(&BeaconInfo::QUICKNET.public_key), info["public_key"].as_str().unwrap());
	assert_eq!(BeaconInfo::QUICKNET.genesis_ms, info["genesis_time"].as_u64().unwrap() * 1000);
	assert_eq!(BeaconInfo::QUICKNET.period_ms, info["period"].as_u64().unwrap() * 1000);
	assert!(BeaconInfo::QUICKNET.has_valid_public_key());
	assert!(BeaconInfo::DEV.has_valid_public_key());
	assert_eq!(DST, b"BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_");
}

#[test]
fn real_quicknet_rounds_verify_and_give_the_published_randomness() {
	let mut with_randomness = 0;
	for (round, signature, published) in quicknet_rounds() {
		assert!(BeaconInfo::QUICKNET.verify(round, &signature), "round {round}");
		assert_eq!(
			BeaconInfo::QUICKNET.verified_randomness(round, &signature),
			Some(randomness(&signature))
		);
		if let Some(published) = published {
			assert_eq!(randomness(&signature), published, "round {round}");
			with_randomness += 1;
		}
		// Not under another key.
		assert!(!BeaconInfo::DEV.verify(round, &signature));
	}
	assert!(with_randomness >= 3);
}

#[test]
fn a_signature_verifies_for_its_round_only() {
	let rounds = quicknet_rounds();
	for (round, signature, _) in &rounds {
		for other in [0, round - 1, round + 1, round + 1000, u64::MAX] {
			assert!(!BeaconInfo::QUICKNET.verify(other, signature), "{round} as {other}");
		}
		// Nor as any other recorded round.
		for (other, _, _) in &rounds {
			assert_eq!(BeaconInfo::QUICKNET.verify(*other, signature), other == round);
		}
		assert_eq!(BeaconInfo::QUICKNET.verified_randomness(round + 1, signature), None);
	}
}

#[test]
fn flipped_bits_are_rejected() {
	let (round, signature, _) = quicknet_rounds()[0];
	for bit in 0..SIGNATURE_LEN * 8 {
		let mut flipped = signature;
		flipped[bit / 8] ^= 1 << (bit % 8);
		assert!(!BeaconInfo::QUICKNET.verify(round, &flipped), "bit {bit}");
	}
	// And a flipped bit in the public key.
	for bit in (0..96 * 8).step_by(37) {
		let mut beacon = BeaconInfo::QUICKNET;
		beacon.public_key[bit / 8] ^= 1 << (bit % 8);
		assert!(!beacon.verify(round, &signature), "key bit {bit}");
	}
}

#[test]
fn malformed_and_wrong_points_are_rejected_without_panicking() {
	let round = 1;
	let q = BeaconInfo::QUICKNET;
	// The identity (compressed, infinity flag), also with a stray sign flag.
	let mut identity = [0u8; 48];
	identity[0] = 0xc0;
	assert_eq!(identity, compress_g1(G1Affine::zero()));
	assert!(!q.verify(round, &identity));
	identity[0] = 0xe0;
	assert!(!q.verify(round, &identity));
	// The G1 generator: a valid point, not a signature.
	assert!(!q.verify(round, &compress_g1(G1Affine::generator())));
	// All zeros: the compression flag is missing.
	assert!(!q.verify(round, &[0u8; 48]));
	assert!(!q.verify(round, &[0xff; 48]));
	// The real signature without its compression flag.
	let (_, signature, _) = quicknet_rounds()[0];
	let mut uncompressed_flag = signature;
	uncompressed_flag[0] &= 0x7f;
	assert!(!q.verify(round, &uncompressed_flag));
	// An x with no point on the curve (x³ + 4 not a square).
	let off_curve = (1u64..)
		.find(|&x| G1Affine::get_point_from_x_unchecked(Fq::from(x), false).is_none())
		.unwrap();
	let mut not_on_curve = [0u8; 48];
	not_on_curve[40..].copy_from_slice(&off_curve.to_be_bytes());
	not_on_curve[0] |= 0x80;
	assert!(!q.verify(round, &not_on_curve));
	// x ≥ p: not a canonical field element.
	let mut too_large = [0xffu8; 48];
	too_large[0] = 0x9f;
	assert!(!q.verify(round, &too_large));
	// A curve point outside the prime-order subgroup.
	let outside = point_outside_subgroup();
	assert!(outside.is_on_curve());
	assert!(!q.verify(round, &compress_g1(outside)));
	// Garbage: a few thousand pseudo-random strings, with and without the compression flag.
	for i in 0u32..2_000 {
		let digest = crate::sha256(&[b"garbage", &i.to_be_bytes()]);
		let more = crate::sha256(&[b"more garbage", &i.to_be_bytes()]);
		let mut bytes = [0u8; 48];
		bytes[..32].copy_from_slice(&digest);
		bytes[32..].copy_from_slice(&more[..16]);
		if i % 2 == 0 {
			bytes[0] = (bytes[0] & 0x1f) | 0x80;
		}
		assert!(!q.verify(round, &bytes));
	}
}

#[test]
fn a_signature_malleated_by_a_torsion_point_is_rejected() {
	// T = r·P for a curve point P outside G1: a point of the cofactor subgroup, so e(T, ·) = 1
	// and sig + T passes the pairing equation. Only the subgroup check stops it (and it would
	// change the randomness, sha256 of the bytes).
	let (round, signature, _) = quicknet_rounds()[0];
	let sig = bls::decode_g1(&signature).unwrap();
	let torsion = outside_times_r();
	assert!(!torsion.is_zero());
	let forged = (G1Projective::from(sig) + torsion).into_affine();
	assert!(forged.is_on_curve());
	let hashed = bls::hash_to_g1(&round_message(round)).unwrap();
	let key = bls::decode_g2(&BeaconInfo::QUICKNET.public_key).unwrap();
	assert!(bls::pairing_check(sig, hashed, key));
	assert!(bls::pairing_check(forged, hashed, key), "the pairing alone cannot tell");
	let forged_bytes = compress_g1(forged);
	assert_ne!(forged_bytes, signature);
	assert!(!BeaconInfo::QUICKNET.verify(round, &forged_bytes));
}

/// `r·P` for the point outside G1, by plain double-and-add (the curve's own scalar
/// multiplication uses the GLV endomorphism, valid only inside G1).
fn outside_times_r() -> G1Projective {
	use ark_ff::BigInteger;
	let p = G1Projective::from(point_outside_subgroup());
	let mut acc = G1Projective::zero();
	for bit in Fr::MODULUS.to_bits_be() {
		acc = acc + acc;
		if bit {
			acc += p;
		}
	}
	acc
}

#[test]
fn identity_or_invalid_public_keys_verify_nothing() {
	let (round, signature, _) = quicknet_rounds()[0];
	let mut identity_key = [0u8; 96];
	identity_key[0] = 0xc0;
	assert_eq!(identity_key, compress_g2(G2Affine::zero()));
	let mut identity_sig = [0u8; 48];
	identity_sig[0] = 0xc0;
	for public_key in [identity_key, [0u8; 96], [0xff; 96]] {
		let beacon = BeaconInfo { public_key, ..BeaconInfo::QUICKNET };
		assert!(!beacon.has_valid_public_key());
		assert!(!beacon.verify(round, &signature));
		assert!(!beacon.verify(round, &identity_sig));
	}
	// The G2 generator is a valid key, but not quicknet's.
	let beacon =
		BeaconInfo { public_key: compress_g2(G2Affine::generator()), ..BeaconInfo::QUICKNET };
	assert!(beacon.has_valid_public_key());
	assert!(!beacon.verify(round, &signature));
}

#[test]
fn noble_signed_dev_rounds_verify() {
	for (round, signature, published) in DEV_ROUNDS {
		let signature: [u8; 48] = hex(signature);
		assert!(BeaconInfo::DEV.verify(round, &signature), "round {round}");
		assert!(!BeaconInfo::DEV.verify(round + 1, &signature));
		assert!(!BeaconInfo::QUICKNET.verify(round, &signature));
		assert_eq!(randomness(&signature), hex::<32>(published));
	}
	// The constants are those of tests/vectors/drand-dev.json, which the JS test re-signs.
	let file: Value =
		serde_json::from_str(include_str!("../../../../tests/vectors/drand-dev.json")).unwrap();
	assert_eq!(file["public_key"].as_str().unwrap(), to_hex(&BeaconInfo::DEV.public_key));
	let rounds = file["rounds"].as_array().unwrap();
	assert_eq!(rounds.len(), DEV_ROUNDS.len());
	for (entry, (round, signature, published)) in rounds.iter().zip(DEV_ROUNDS) {
		assert_eq!(entry["round"].as_u64().unwrap(), round);
		assert_eq!(entry["signature"].as_str().unwrap(), signature);
		assert_eq!(entry["randomness"].as_str().unwrap(), published);
	}
}

#[test]
fn arkworks_signs_dev_rounds_exactly_as_noble() {
	// The dev secret key as documented, and the key and signatures arkworks makes from it:
	// the same bytes as noble's (hash to curve, scalar reduction and both encodings agree).
	let sk = Fr::from_be_bytes_mod_order(&crate::sha256(&[b"citizen-chain dev beacon"]));
	let public_key = (G2Affine::generator() * sk).into_affine();
	assert_eq!(compress_g2(public_key), BeaconInfo::DEV.public_key);
	for (round, signature, _) in DEV_ROUNDS {
		let hashed = bls::hash_to_g1(&round_message(round)).unwrap();
		assert_eq!(to_hex(&compress_g1((hashed * sk).into_affine())), signature);
	}
}

#[test]
fn hash_to_g1_is_rfc9380() {
	// RFC 9380, appendix J.9.1 (BLS12381G1_XMD:SHA-256_SSWU_RO_, DST QUUX-V01-CS02-with-…):
	// checks the suite itself, independent of drand's DST.
	use ark_bls12_381::g1;
	use ark_ec::hashing::{
		curve_maps::wb::WBMap, map_to_curve_hasher::MapToCurveBasedHasher, HashToCurve,
	};
	use ark_ff::field_hashers::DefaultFieldHasher;
	let hasher = MapToCurveBasedHasher::<
		G1Projective,
		DefaultFieldHasher<sha2::Sha256, 128>,
		WBMap<g1::Config>,
	>::new(b"QUUX-V01-CS02-with-BLS12381G1_XMD:SHA-256_SSWU_RO_")
	.unwrap();
	let point = hasher.hash(b"").unwrap();
	let x: Fq = point.x().unwrap();
	let mut x_bytes = Vec::new();
	x.into_bigint().serialize_compressed(&mut x_bytes).unwrap();
	x_bytes.reverse();
	assert_eq!(
		to_hex(&x_bytes),
		"052926add2207b76ca4fa57a8734416c8dc95e24501772c814278700eed6d1e4e8cf62d9c09db0fac349612b759e79a1"
	);
	assert!(g1::Config::is_in_correct_subgroup_assuming_on_curve(&point));
}

#[test]
fn clock() {
	let q = BeaconInfo::QUICKNET;
	let g = q.genesis_ms;
	assert_eq!(q.round_time_ms(0), None);
	assert_eq!(q.round_time_ms(1), Some(g));
	assert_eq!(q.round_time_ms(2), Some(g + 3_000));
	assert_eq!(q.round_time_ms(u64::MAX), None);
	assert_eq!(q.round_at(0), 0);
	assert_eq!(q.round_at(g - 1), 0);
	assert_eq!(q.round_at(g), 1);
	assert_eq!(q.round_at(g + 2_999), 1);
	assert_eq!(q.round_at(g + 3_000), 2);
	assert_eq!(q.round_at(u64::MAX), (u64::MAX - g) / 3_000 + 1);
	// Round 30662982 (a recorded vector) was published at 2026-07-23 07:38:30 UTC.
	assert_eq!(q.round_time_ms(30_662_982), Some(1_784_792_310_000));
	// round_at and round_time_ms agree everywhere.
	for t in (g - 10_000..g + 50_000).step_by(250).chain([u64::MAX - 1, 1_784_792_310_000]) {
		let round = q.round_at(t);
		if round > 0 {
			assert!(q.round_time_ms(round).unwrap() <= t);
		}
		assert!(q.round_time_ms(round + 1).is_none_or(|next| next > t), "{t}");
	}
	// A malformed beacon (period 0) publishes nothing, without dividing by zero.
	let stopped = BeaconInfo { period_ms: 0, ..q };
	assert_eq!(stopped.round_at(g + 10), 0);
	assert_eq!(stopped.round_time_ms(1), None);
}

#[test]
fn encodings() {
	let q = BeaconInfo::QUICKNET;
	assert_eq!(BeaconInfo::max_encoded_len(), 96 + 8 + 8);
	assert_eq!(q.encode().len(), BeaconInfo::max_encoded_len());
	assert_eq!(BeaconInfo::decode(&mut &q.encode()[..]).unwrap(), q);
	let json = serde_json::to_value(q).unwrap();
	assert_eq!(json["publicKey"], format!("0x{}", to_hex(&q.public_key)));
	assert_eq!(json["genesisMs"], 1_692_803_367_000u64);
	assert_eq!(json["periodMs"], 3_000);
	assert_eq!(serde_json::from_value::<BeaconInfo>(json.clone()).unwrap(), q);
	// Without 0x, and in upper case, too.
	let mut bare = json.clone();
	bare["publicKey"] = to_hex(&q.public_key).to_uppercase().into();
	assert_eq!(serde_json::from_value::<BeaconInfo>(bare).unwrap(), q);
	for bad in [
		"0x1234".to_string(),
		format!("0x{}00", to_hex(&q.public_key)),
		format!("0x{}zz", &to_hex(&q.public_key)[2..]),
	] {
		let mut wrong = json.clone();
		wrong["publicKey"] = bad.into();
		assert!(serde_json::from_value::<BeaconInfo>(wrong).is_err());
	}
}

#[test]
fn time_one_verification() {
	// Timing only (no assertion): the dev-profile test build, ark crates at opt-level 3.
	let (round, signature, _) = quicknet_rounds()[3];
	let runs = 10;
	let start = std::time::Instant::now();
	for _ in 0..runs {
		assert!(BeaconInfo::QUICKNET.verify(round, &signature));
	}
	let per = start.elapsed() / runs;
	let start = std::time::Instant::now();
	for _ in 0..runs {
		let _ = std::hint::black_box(bls::decode_g2(&BeaconInfo::QUICKNET.public_key).unwrap());
	}
	let key = start.elapsed() / runs;
	let start = std::time::Instant::now();
	for _ in 0..runs {
		let _ = std::hint::black_box(bls::hash_to_g1(&round_message(round)).unwrap());
	}
	let hash = start.elapsed() / runs;
	println!("verify: {per:?} per round (public key decoding {key:?}, hash to G1 {hash:?})");
}
