//! Zones, categories and facilities at genesis.

use super::*;

#[test]
fn genesis_registers_zones_categories_and_facilities() {
	run(|| {
		assert_eq!(
			ZoneIndex::<Test>::get().into_inner(),
			vec![(SEOMYEON, SEOMYEON_POINT), (JEONPO, JEONPO_POINT), (HAEUNDAE, HAEUNDAE_POINT)]
		);
		let z = Zones::<Test>::get(JEONPO).unwrap();
		assert_eq!(z.neighbours.into_inner(), vec![SEOMYEON, HAEUNDAE]);
		assert_eq!(z.name.en.into_inner(), b"Jeonpo".to_vec());
		assert_eq!(Categories::<Test>::get(SPORTS).unwrap().rules, SPORTS_RULES);
		assert_eq!(NextFacilityId::<Test>::get(), 2);
		let hall = Facilities::<Test>::get(HALL).unwrap();
		assert_eq!(hall.spec.fee, Some(FEE));
		assert_eq!(hall.spec.refund_tiers.into_inner(), tiers());
		assert_eq!(hall.status, FacilityStatus::Active);
		let index: Vec<_> = ZoneFacilities::<Test>::get(SEOMYEON)
			.iter()
			.map(|e| (e.facility, e.category))
			.collect();
		assert_eq!(index, vec![(LIB, LIBRARY), (HALL, SPORTS)]);
	});
}

#[test]
#[should_panic(expected = "a valid facility booking genesis")]
fn a_genesis_naming_an_unknown_neighbour_is_refused() {
	let mut config = genesis();
	config.zones[0].neighbours.push(9);
	new_test_ext_with(config);
}

#[test]
#[should_panic(expected = "a valid facility booking genesis")]
fn a_genesis_facility_in_an_unknown_zone_is_refused() {
	let mut config = genesis();
	config.facilities[0].zone = 9;
	new_test_ext_with(config);
}

#[test]
fn the_genesis_config_round_trips_through_json() {
	let config = genesis();
	let json = serde_json::to_string(&config).expect("serialises");
	assert!(json.contains("\"nameEn\""));
	let back: GenesisConfig<Test> = serde_json::from_str(&json).expect("deserialises");
	assert_eq!(back.facilities, config.facilities);
	assert_eq!(back.zones, config.zones);
}

#[test]
fn a_genesis_facility_may_leave_out_its_largest_party() {
	let mut json = serde_json::to_value(genesis()).expect("serialises");
	let facilities = json["facilities"].as_array_mut().expect("facilities");
	for f in facilities.iter_mut() {
		f.as_object_mut().expect("an object").remove("maxParty");
	}
	let config: GenesisConfig<Test> = serde_json::from_value(json).expect("deserialises");
	assert!(config.facilities.iter().all(|f| f.max_party.is_none()));
	let mut config = config;
	config.facilities[0].max_party = Some(3);
	new_test_ext_with(config).execute_with(|| {
		assert_eq!(Facilities::<Test>::get(LIB).unwrap().spec.max_party, 3);
		assert_eq!(Facilities::<Test>::get(HALL).unwrap().spec.max_party, 2);
	});
}

#[test]
#[should_panic(expected = "a valid facility booking genesis")]
fn a_genesis_facility_outside_its_zone_is_refused() {
	let mut config = genesis();
	config.facilities[0].location = HAEUNDAE_POINT;
	new_test_ext_with(config);
}

#[test]
#[should_panic(expected = "a valid facility booking genesis")]
fn a_genesis_facility_with_more_places_than_a_day_holds_is_refused() {
	let mut config = genesis();
	// 11 places × 9 slots > MaxBookingsPerDay (96).
	config.facilities[0].capacity = 11;
	new_test_ext_with(config);
}
