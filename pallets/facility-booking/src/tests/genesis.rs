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
