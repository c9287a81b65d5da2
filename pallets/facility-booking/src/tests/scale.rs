//! Busan's size: 62 living zones and 5,000 facilities. "Near me" reads the point's zone and
//! its neighbours only, and still finds exactly what a scan of every facility finds within a
//! walking radius.

use super::*;
use std::time::Instant;

/// A deterministic pseudo-random sequence (a linear congruential generator).
struct Lcg(u64);
impl Lcg {
	fn next(&mut self, below: u32) -> u32 {
		self.0 =
			self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
		((self.0 >> 33) % u64::from(below)) as u32
	}
}

const ROWS: i32 = 8;
const COLS: i32 = 8;
const LAT0: i32 = 35_050_000;
const LON0: i32 = 128_850_000;
/// About 3.3 km by 4.6 km per zone.
const DLAT: i32 = 30_000;
const DLON: i32 = 50_000;

fn zone_id(r: i32, c: i32) -> ZoneId {
	(r * COLS + c + 1) as ZoneId
}

#[test]
fn near_me_at_busan_scale_reads_only_nearby_zones_and_misses_nothing() {
	ZoneBound::set(64);
	NeighbourBound::set(8);
	ZoneFacilityBound::set(256);
	let config = GenesisConfig { categories: genesis().categories, ..Default::default() };
	new_test_ext_with(config).execute_with(|| {
		// 62 zones on an 8 × 8 grid (two corners left out), each with its up to 8 adjacent
		// zones as neighbours.
		let skip = |r: i32, c: i32| (r, c) == (0, 0) || (r, c) == (ROWS - 1, COLS - 1);
		for r in 0..ROWS {
			for c in 0..COLS {
				if skip(r, c) {
					continue;
				}
				let point = GeoPoint::new(LAT0 + r * DLAT + DLAT / 2, LON0 + c * DLON + DLON / 2);
				let mut neighbours = vec![];
				for (dr, dc) in
					[(-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1)]
				{
					let (nr, nc) = (r + dr, c + dc);
					if (0..ROWS).contains(&nr) && (0..COLS).contains(&nc) && !skip(nr, nc) {
						neighbours.push(zone_id(nr, nc));
					}
				}
				let zone = Zone {
					name: name("구역", "Zone"),
					point,
					neighbours: BoundedVec::truncate_from(neighbours),
				};
				assert_ok!(FacilityBooking::do_register_zone(zone_id(r, c), zone, false));
			}
		}
		assert_eq!(ZoneIndex::<Test>::get().len(), 62);
		// 5,000 facilities anywhere on the grid, each in the zone of its location.
		let mut rng = Lcg(7);
		let mut all = vec![];
		while all.len() < 5_000 {
			let location = GeoPoint::new(
				LAT0 + rng.next((ROWS * DLAT) as u32) as i32,
				LON0 + rng.next((COLS * DLON) as u32) as i32,
			);
			let zone = FacilityBooking::zone_of(location).expect("a zone");
			let category = if rng.next(2) == 0 { LIBRARY } else { SPORTS };
			let id = FacilityBooking::do_register_facility(spec(zone, category, location))
				.expect("registered");
			all.push((id, category, location));
		}
		// Queries from anywhere on the grid, within a walk (1.5 km), against a scan of all.
		let mut times = vec![];
		for _ in 0..300 {
			let point = GeoPoint::new(
				LAT0 + rng.next((ROWS * DLAT) as u32) as i32,
				LON0 + rng.next((COLS * DLON) as u32) as i32,
			);
			let category = match rng.next(3) {
				0 => None,
				1 => Some(LIBRARY),
				_ => Some(SPORTS),
			};
			let started = Instant::now();
			let found = FacilityBooking::facilities_near(point, 1_500, category, 50);
			times.push(started.elapsed());
			let mut expected: Vec<(u32, FacilityId)> = all
				.iter()
				.filter(|(_, c, _)| category.is_none_or(|k| k == *c))
				.map(|(id, _, l)| (point.distance_m(l), *id))
				.filter(|(d, _)| *d <= 1_500)
				.collect();
			expected.sort_unstable();
			expected.truncate(5); // MaxNearResults in the mock
			let got: Vec<_> = found.iter().map(|f| (f.distance_m, f.id)).collect();
			assert_eq!(got, expected);
		}
		times.sort();
		let p99 = times[times.len() * 99 / 100];
		println!("near me over 62 zones and 5,000 facilities: p99 {p99:?} (native, unoptimised)");
		FacilityBooking::do_try_state().expect("invariants hold");
	});
}
