//! What map screens and kiosks read.

use super::*;

/// Facilities around Seomyeon and Jeonpo, and one in Haeundae.
fn map() -> (FacilityId, FacilityId, FacilityId, FacilityId) {
	// ~110 m east of Seomyeon's point, a library.
	let near_lib = register(spec(SEOMYEON, LIBRARY, GeoPoint::new(35_157_900, 129_060_600)));
	// ~1.1 km north, a sports hall (in Jeonpo's index, though closer to Seomyeon).
	let jeonpo_hall =
		register_moved(spec(JEONPO, SPORTS, JEONPO_POINT), GeoPoint::new(35_167_900, 129_059_400));
	// ~3.3 km south, a library in Jeonpo.
	let far_lib = register(spec(JEONPO, LIBRARY, GeoPoint::new(35_128_000, 129_059_400)));
	// Haeundae: ~9 km away, a library.
	let haeundae = register(spec(HAEUNDAE, LIBRARY, GeoPoint::new(35_163_000, 129_160_000)));
	(near_lib, jeonpo_hall, far_lib, haeundae)
}

/// Register `spec`, then move it to `location` in its zone's index: a facility recorded in a
/// zone it does not lie in (as registered before locations were checked against zones).
fn register_moved(spec: FacilitySpecOf<Test>, location: GeoPoint) -> FacilityId {
	let id = register(spec);
	Facilities::<Test>::mutate(id, |f| f.as_mut().unwrap().spec.location = location);
	let zone = Facilities::<Test>::get(id).unwrap().spec.zone;
	ZoneFacilities::<Test>::mutate(zone, |entries| {
		for e in entries.iter_mut().filter(|e| e.facility == id) {
			e.location = location;
		}
	});
	id
}

fn ids(found: &[NearFacility]) -> Vec<FacilityId> {
	found.iter().map(|f| f.id).collect()
}

#[test]
fn a_point_lies_in_the_zone_of_the_nearest_reference_point() {
	run(|| {
		assert_eq!(
			FacilityBooking::zone_of(GeoPoint::new(35_158_000, 129_059_000)),
			Some(SEOMYEON)
		);
		assert_eq!(FacilityBooking::zone_of(GeoPoint::new(35_153_000, 129_067_000)), Some(JEONPO));
		assert_eq!(
			FacilityBooking::zone_of(GeoPoint::new(35_170_000, 129_180_000)),
			Some(HAEUNDAE)
		);
		// Far away: still the nearest zone.
		assert_eq!(
			FacilityBooking::zone_of(GeoPoint::new(37_566_000, 126_978_000)),
			Some(SEOMYEON)
		);
		assert_eq!(FacilityBooking::zone_of(GeoPoint::new(91_000_000, 0)), None);
		ZoneIndex::<Test>::kill();
		assert_eq!(FacilityBooking::zone_of(SEOMYEON_POINT), None);
		ZoneIndex::<Test>::put(BoundedVec::truncate_from(vec![
			(SEOMYEON, SEOMYEON_POINT),
			(JEONPO, JEONPO_POINT),
			(HAEUNDAE, HAEUNDAE_POINT),
		]));
	});
}

#[test]
fn near_me_is_nearest_first_within_the_radius() {
	run(|| {
		let (near_lib, jeonpo_hall, far_lib, _) = map();
		let found = FacilityBooking::facilities_near(SEOMYEON_POINT, 5_000, None, 50);
		// The genesis library (~90 m) and hall (~300 m) are in Seomyeon too.
		assert_eq!(ids(&found), vec![LIB, near_lib, HALL, jeonpo_hall, far_lib]);
		assert!(found.windows(2).all(|w| w[0].distance_m <= w[1].distance_m));
		let hall = found.iter().find(|f| f.id == jeonpo_hall).unwrap();
		assert!((1_100..=1_125).contains(&hall.distance_m), "{}", hall.distance_m);
		assert_eq!((hall.zone, hall.category), (JEONPO, SPORTS));
		assert_eq!(hall.name.en, b"Facility".to_vec());
		// The radius filters.
		let found = FacilityBooking::facilities_near(SEOMYEON_POINT, 1_000, None, 50);
		assert_eq!(ids(&found), vec![LIB, near_lib, HALL]);
		assert!(FacilityBooking::facilities_near(SEOMYEON_POINT, 10, None, 50).is_empty());
	});
}

#[test]
fn near_me_filters_by_category_and_limit() {
	run(|| {
		let (near_lib, jeonpo_hall, far_lib, _) = map();
		let found = FacilityBooking::facilities_near(SEOMYEON_POINT, 5_000, Some(SPORTS), 50);
		assert_eq!(ids(&found), vec![HALL, jeonpo_hall]);
		let found = FacilityBooking::facilities_near(SEOMYEON_POINT, 5_000, Some(LIBRARY), 2);
		assert_eq!(ids(&found), vec![LIB, near_lib]);
		assert!(FacilityBooking::facilities_near(SEOMYEON_POINT, 5_000, Some(9), 50).is_empty());
		assert!(FacilityBooking::facilities_near(SEOMYEON_POINT, 5_000, None, 0).is_empty());
		// MaxNearResults (5) caps any limit.
		register(spec(SEOMYEON, LIBRARY, SEOMYEON_POINT));
		let found = FacilityBooking::facilities_near(SEOMYEON_POINT, 50_000, None, 100);
		assert_eq!(found.len(), 5);
		assert!(!ids(&found).contains(&far_lib));
	});
}

#[test]
fn near_me_reads_the_zone_and_its_neighbours_only() {
	run(|| {
		let (_, _, _, haeundae) = map();
		// Haeundae is no neighbour of Seomyeon: not found, whatever the radius.
		let found = FacilityBooking::facilities_near(SEOMYEON_POINT, 100_000, None, 50);
		assert!(!ids(&found).contains(&haeundae));
		// From Jeonpo (Haeundae's neighbour) it is (four libraries: within MaxNearResults).
		let found = FacilityBooking::facilities_near(JEONPO_POINT, 100_000, Some(LIBRARY), 50);
		assert!(ids(&found).contains(&haeundae));
		// Retired facilities leave the map.
		assert_ok!(FacilityBooking::retire_facility(root(), LIB));
		let found = FacilityBooking::facilities_near(SEOMYEON_POINT, 5_000, None, 50);
		assert!(!ids(&found).contains(&LIB));
	});
}

#[test]
fn free_places_per_slot_of_a_day() {
	run(|| {
		let d = d0() + 1;
		book(ALICE, LIB, d, 10, 3);
		let slots = FacilityBooking::free_places(LIB, d).unwrap();
		assert_eq!(slots.iter().map(|s| s.slot).collect::<Vec<_>>(), (9..18).collect::<Vec<_>>());
		let ten = &slots[1];
		assert_eq!(
			(ten.slot, ten.start_ms, ten.capacity, ten.taken, ten.free),
			(10, at(d, 10, 0), 10, 3, 7)
		);
		// Started slots are not free; neither is a closed day or a closed weekday.
		set_local(d, 10, 0);
		let slots = FacilityBooking::free_places(LIB, d).unwrap();
		assert_eq!((slots[1].taken, slots[1].free), (3, 0));
		assert_eq!(slots[2].free, 10);
		assert_ok!(FacilityBooking::close(signed(MANAGER), LIB, d + 1, d + 1));
		assert!(FacilityBooking::free_places(LIB, d + 1).unwrap().iter().all(|s| s.free == 0));
		assert_eq!(FacilityBooking::free_places(HALL, d0() + 2), Some(vec![]));
		assert_eq!(FacilityBooking::free_places(9, d), None);
	});
}

#[test]
fn a_citizens_bookings_upcoming_past_and_no_shows() {
	run(|| {
		let d = d0() + 1;
		let attended = book(ALICE, HALL, d, 10, 1);
		let missed = book(ALICE, HALL, d, 11, 1);
		let upcoming = book(ALICE, LIB, d + 2, 10, 2);
		set_local(d, 10, 0);
		assert_ok!(FacilityBooking::check_in(signed(MANAGER), attended));
		set_local(d, 12, 0);
		let view = FacilityBooking::citizen_bookings(&ALICE).unwrap();
		assert_eq!(view.citizen, ALICE_ID);
		assert_eq!(view.upcoming.iter().map(|b| b.id).collect::<Vec<_>>(), vec![upcoming]);
		assert_eq!(view.upcoming[0].party, 2);
		assert_eq!(
			view.past.iter().map(|b| (b.id, b.state)).collect::<Vec<_>>(),
			vec![(attended, BookingState::CheckedIn)]
		);
		assert_eq!(
			view.no_shows.iter().map(|b| (b.id, b.paid)).collect::<Vec<_>>(),
			vec![(missed, FEE)]
		);
		let sports = view.categories.iter().find(|c| c.category == SPORTS).unwrap();
		assert_eq!(
			(
				sports.booked_this_month,
				sports.monthly_quota,
				sports.no_shows,
				sports.suspended_until
			),
			(2, 3, 1, None)
		);
		assert!(view.categories.iter().any(|c| c.category == LIBRARY));
		assert_eq!(FacilityBooking::citizen_bookings(&DAVE), None);
		let empty = FacilityBooking::citizen_bookings(&CAROL).unwrap();
		assert!(empty.upcoming.is_empty() && empty.categories.is_empty());
	});
}

#[test]
fn zones_categories_and_facilities_as_served() {
	run(|| {
		let zones = FacilityBooking::zones();
		assert_eq!(
			zones.iter().map(|z| (z.id, z.facilities)).collect::<Vec<_>>(),
			vec![(SEOMYEON, 2), (JEONPO, 0), (HAEUNDAE, 0)]
		);
		assert_eq!(zones[1].neighbours, vec![SEOMYEON, HAEUNDAE]);
		let categories = FacilityBooking::categories();
		assert_eq!(categories.iter().map(|c| c.id).collect::<Vec<_>>(), vec![LIBRARY, SPORTS]);
		assert_eq!(categories[1].rules, SPORTS_RULES);
		let hall = FacilityBooking::facility(HALL).unwrap();
		assert_eq!(hall.fee, Some(FEE));
		assert_eq!(hall.hours, hall_hours().to_vec());
		assert_eq!(hall.account, FacilityBooking::facility_account(HALL));
		assert_eq!(hall.self_check_in_until, None);
		assert_ok!(FacilityBooking::open_self_check_in(signed(MANAGER), HALL, START + 60_000));
		assert_eq!(
			FacilityBooking::facility(HALL).unwrap().self_check_in_until,
			Some(START + 60_000)
		);
		assert_eq!(FacilityBooking::facility(9), None);
		assert_eq!(FacilityBooking::today(), d0());
	});
}

#[test]
fn served_types_serialise_to_json() {
	run(|| {
		let found = FacilityBooking::facilities_near(SEOMYEON_POINT, 5_000, None, 5);
		let json = serde_json::to_string(&found).unwrap();
		assert!(json.contains("\"distanceM\""));
		assert!(json.contains("\"latMicro\""));
		let json = serde_json::to_string(&FacilityBooking::facility(HALL).unwrap()).unwrap();
		assert!(json.contains("\"refundTiers\""));
	});
}
