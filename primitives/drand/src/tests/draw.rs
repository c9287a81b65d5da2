//! The draw: a bijection with its inverse, edge sizes, rough uniformity, and the vectors the
//! JavaScript implementation is checked against.

use super::{hex, to_hex};
use crate::draw::{entry_at, position_of, Permutation};
use crate::sha256;
use serde_json::{json, Value};

fn seeds() -> [[u8; 32]; 4] {
	[
		[0; 32],
		core::array::from_fn(|i| i as u8),
		[0xff; 32],
		// The randomness of quicknet round 3.
		hex("7ef4621ace1c6da4eb2eee7cd901f81385bca5b189771ec0f08d0d2566dd1a21"),
	]
}

/// Asserts the draw of `n` under `seed` is a permutation of 0..n with `entry_at` its inverse.
fn assert_bijection(seed: &[u8; 32], n: u32) {
	let draw = Permutation::new(seed, n);
	let mut seen = vec![false; n as usize];
	for i in 0..n {
		let p = draw.position_of(i).unwrap();
		assert!(p < n, "n {n}: {i} -> {p}");
		assert!(!seen[p as usize], "n {n}: rank {p} twice");
		seen[p as usize] = true;
		assert_eq!(draw.entry_at(p), Some(i), "n {n}");
	}
	assert_eq!(draw.position_of(n), None);
	assert_eq!(draw.entry_at(n), None);
}

#[test]
fn a_bijection_for_every_small_n() {
	for seed in &seeds()[..3] {
		for n in 1..300 {
			assert_bijection(seed, n);
		}
	}
}

#[test]
fn powers_of_two_and_one_more() {
	let seed = seeds()[3];
	for k in 0..=12 {
		assert_bijection(&seed, 1 << k);
		assert_bijection(&seed, (1 << k) + 1);
	}
	// 4^h exactly (no cycle walking) and 4^h + 1 (the longest walks).
	assert_bijection(&seed, 4096);
	assert_bijection(&seed, 4097);
}

#[test]
fn edges() {
	let seed = seeds()[1];
	assert_eq!(position_of(&seed, 0, 0), None);
	assert_eq!(entry_at(&seed, 0, 0), None);
	assert_eq!(position_of(&seed, 1, 0), Some(0));
	assert_eq!(entry_at(&seed, 1, 0), Some(0));
	assert_eq!(position_of(&seed, 1, 1), None);
	assert_eq!(position_of(&seed, 5, u32::MAX), None);
	assert!(Permutation::new(&seed, 0).is_empty());
	assert_eq!(Permutation::new(&seed, 7).len(), 7);
	// Large draws: a sample of entries, both ways.
	for n in [1_000_000, 1 << 30, (1 << 30) + 1, u32::MAX] {
		for i in [0, 1, n / 3, n / 2, n - 2, n - 1] {
			let p = position_of(&seed, n, i).unwrap();
			assert!(p < n);
			assert_eq!(entry_at(&seed, n, p), Some(i), "n {n} i {i}");
		}
	}
}

#[test]
fn seeds_and_sizes_give_unrelated_draws() {
	let [a, b, ..] = seeds();
	let draw = |seed, n| (0..n).map(|i| position_of(seed, n, i).unwrap()).collect::<Vec<_>>();
	assert_ne!(draw(&a, 100), draw(&b, 100));
	assert_ne!(draw(&a, 100)[..50], draw(&a, 101)[..50]);
}

/// Counts over 10,000 seeds: which entry each rank gets, for n = 10 (h = 2, cycle walking over
/// 16) and the smallest sizes (h = 1). Expected 1000 (or 10,000 / n) each, σ ≈ 30.
#[test]
fn rough_uniformity() {
	for n in [2u32, 3, 4, 10] {
		let mut first = vec![0u32; n as usize];
		let mut last = vec![0u32; n as usize];
		let mut rank_of_0 = vec![0u32; n as usize];
		let trials = 10_000u32;
		for s in 0..trials {
			let seed = sha256(&[b"uniformity", &s.to_be_bytes()]);
			let draw = Permutation::new(&seed, n);
			first[draw.entry_at(0).unwrap() as usize] += 1;
			last[draw.entry_at(n - 1).unwrap() as usize] += 1;
			rank_of_0[draw.position_of(0).unwrap() as usize] += 1;
		}
		let expected = f64::from(trials) / f64::from(n);
		for counts in [&first, &last, &rank_of_0] {
			// Chi-square with n - 1 degrees of freedom: far below the 0.1% tail (≤ 28 for 9).
			let chi2: f64 =
				counts.iter().map(|&c| (f64::from(c) - expected).powi(2) / expected).sum();
			println!("n {n}: {counts:?} chi² {chi2:.1}");
			assert!(chi2 < 30.0, "n {n}: {counts:?} chi² {chi2}");
			for &c in counts.iter() {
				assert!((f64::from(c) - expected).abs() < 0.15 * expected, "n {n}: {counts:?}");
			}
		}
	}
}

/// Cycle walks stay short: about 4^h / n steps on average, worst for n = 4^(h-1) + 1.
#[test]
fn cycle_walks_are_short() {
	let seed = seeds()[2];
	for n in [1025u32, 4096, 3000] {
		let draw = Permutation::new(&seed, n);
		let (mut total, mut longest) = (0u32, 0u32);
		for i in 0..n {
			let (mut x, mut steps) = (draw.forward(i), 1);
			while x >= n {
				x = draw.forward(x);
				steps += 1;
			}
			assert_eq!(Some(x), draw.position_of(i));
			total += steps;
			longest = longest.max(steps);
		}
		let mean = f64::from(total) / f64::from(n);
		println!("n {n}: {mean:.2} steps on average, {longest} at most");
		assert!(mean < 4.5, "n {n}: {mean}");
	}
}

/// `tests/vectors/draw.json`: the cases the JavaScript draw (`scripts/lib/draw.mjs`) is
/// checked against. Regenerate with `CITIZEN_DRAND_WRITE_VECTORS=1` after a deliberate change
/// of the algorithm (which must then also change the version in the domain tag).
#[test]
fn draw_vectors() {
	let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/vectors/draw.json");
	let mut cases = Vec::new();
	for seed in [seeds()[1], seeds()[3]] {
		for n in [1u32, 2, 7, 16, 17, 100, 1000, 1_000_000] {
			let shown = n.min(if n <= 100 { 100 } else { 50 });
			let positions: Vec<u32> =
				(0..shown).map(|i| position_of(&seed, n, i).unwrap()).collect();
			let entries: Vec<u32> = (0..shown).map(|p| entry_at(&seed, n, p).unwrap()).collect();
			cases.push(json!({
				"seed": to_hex(&seed),
				"n": n,
				"positions": positions,
				"entries": entries,
			}));
		}
	}
	let expected = json!({
		"comment": "The draw (citizen-chain/draw/v1): positions[i] = position_of(seed, n, i) and entries[p] = entry_at(seed, n, p) for the first min(n, 100) (n <= 100) or 50 values. Generated by primitives/drand/src/tests/draw.rs (CITIZEN_DRAND_WRITE_VECTORS=1), checked by it and by tests/vectors/draw.test.mjs.",
		"domainTag": "citizen-chain/draw/v1",
		"rounds": crate::draw::ROUNDS,
		"cases": cases,
	});
	if std::env::var_os("CITIZEN_DRAND_WRITE_VECTORS").is_some() {
		std::fs::write(path, format_vectors(&expected)).unwrap();
	}
	let file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
	assert_eq!(file, expected, "tests/vectors/draw.json is stale");
}

/// Pretty JSON with each number array on one line, fields in a reader's order.
fn format_vectors(value: &Value) -> String {
	let line = |indent: &str, object: &Value, keys: &[&str]| {
		keys.iter()
			.map(|key| format!("{indent}{}: {}", Value::from(*key), object[*key]))
			.collect::<Vec<_>>()
			.join(",\n")
	};
	let cases: Vec<String> = value["cases"]
		.as_array()
		.unwrap()
		.iter()
		.map(|case| {
			format!(
				"    {{\n{}\n    }}",
				line("      ", case, &["seed", "n", "positions", "entries"])
			)
		})
		.collect();
	format!(
		"{{\n{},\n  \"cases\": [\n{}\n  ]\n}}\n",
		line("  ", value, &["comment", "domainTag", "rounds"]),
		cases.join(",\n")
	)
}
