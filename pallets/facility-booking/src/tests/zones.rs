//! The city registers living zones: names, a reference point, neighbours.

use super::*;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

fn neighbours(ids: &[ZoneId]) -> BoundedVec<ZoneId, NeighbourBound> {
	BoundedVec::truncate_from(ids.to_vec())
}

const NAMPO: GeoPoint = GeoPoint::new(35_097_900, 129_030_000);

#[test]
fn the_city_registers_a_zone() {
	run(|| {
		assert_ok!(FacilityBooking::register_zone(
			root(),
			4,
			name("남포", "Nampo"),
			NAMPO,
			neighbours(&[SEOMYEON])
		));
		assert_eq!(last_event(), Event::ZoneRegistered { zone: 4 });
		let z = Zones::<Test>::get(4).unwrap();
		assert_eq!((z.point, z.neighbours.into_inner()), (NAMPO, vec![SEOMYEON]));
		assert_eq!(ZoneIndex::<Test>::get().last(), Some(&(4, NAMPO)));
		assert_eq!(FacilityBooking::zone_of(NAMPO), Some(4));
	});
}

#[test]
fn registering_a_zone_again_updates_it_and_its_index_point() {
	run(|| {
		let moved = GeoPoint::new(35_160_000, 129_060_000);
		assert_ok!(FacilityBooking::register_zone(
			root(),
			SEOMYEON,
			name("서면", "Seomyeon"),
			moved,
			neighbours(&[JEONPO, HAEUNDAE])
		));
		assert_eq!(ZoneIndex::<Test>::get().len(), 3);
		assert_eq!(ZoneIndex::<Test>::get().first(), Some(&(SEOMYEON, moved)));
		assert_eq!(
			Zones::<Test>::get(SEOMYEON).unwrap().neighbours.into_inner(),
			vec![JEONPO, HAEUNDAE]
		);
	});
}

#[test]
fn zones_are_checked() {
	run(|| {
		let n = name("남포", "Nampo");
		assert_noop!(
			FacilityBooking::register_zone(
				root(),
				4,
				n.clone(),
				GeoPoint::new(90_000_001, 0),
				neighbours(&[])
			),
			Error::<Test>::InvalidPoint
		);
		assert_noop!(
			FacilityBooking::register_zone(
				root(),
				4,
				n.clone(),
				GeoPoint::new(0, -180_000_001),
				neighbours(&[])
			),
			Error::<Test>::InvalidPoint
		);
		assert_noop!(
			FacilityBooking::register_zone(root(), 4, n.clone(), NAMPO, neighbours(&[4])),
			Error::<Test>::InvalidNeighbours
		);
		assert_noop!(
			FacilityBooking::register_zone(root(), 4, n.clone(), NAMPO, neighbours(&[1, 1])),
			Error::<Test>::InvalidNeighbours
		);
		assert_noop!(
			FacilityBooking::register_zone(root(), 4, n.clone(), NAMPO, neighbours(&[1, 9])),
			Error::<Test>::UnknownZone
		);
		for id in 4..=8 {
			assert_ok!(FacilityBooking::register_zone(
				root(),
				id,
				n.clone(),
				NAMPO,
				neighbours(&[])
			));
		}
		assert_noop!(
			FacilityBooking::register_zone(root(), 9, n.clone(), NAMPO, neighbours(&[])),
			Error::<Test>::TooManyZones
		);
		// Updating a zone needs no new index entry.
		assert_ok!(FacilityBooking::register_zone(root(), 8, n, NAMPO, neighbours(&[1])));
	});
}

#[test]
fn only_the_city_registers_zones() {
	run(|| {
		for origin in [signed(MANAGER), signed(ALICE), RuntimeOrigin::none()] {
			assert_noop!(
				FacilityBooking::register_zone(
					origin,
					4,
					name("남포", "Nampo"),
					NAMPO,
					neighbours(&[])
				),
				DispatchError::BadOrigin
			);
		}
	});
}

#[test]
fn neighbours_are_kept_symmetric() {
	run(|| {
		let n = name("남포", "Nampo");
		let listed = |z: ZoneId| Zones::<Test>::get(z).unwrap().neighbours.into_inner();
		assert_ok!(FacilityBooking::register_zone(
			root(),
			4,
			n.clone(),
			NAMPO,
			neighbours(&[SEOMYEON])
		));
		assert_eq!(listed(SEOMYEON), vec![JEONPO, 4]);
		// Listed no more: Seomyeon drops it; Jeonpo lists it.
		assert_ok!(FacilityBooking::register_zone(
			root(),
			4,
			n.clone(),
			NAMPO,
			neighbours(&[JEONPO])
		));
		assert_eq!(listed(SEOMYEON), vec![JEONPO]);
		assert_eq!(listed(JEONPO), vec![SEOMYEON, HAEUNDAE, 4]);
		// MaxNeighbours is 4: Jeonpo takes one more, then no further.
		assert_ok!(FacilityBooking::register_zone(
			root(),
			5,
			n.clone(),
			NAMPO,
			neighbours(&[JEONPO])
		));
		assert_eq!(listed(JEONPO).len(), 4);
		assert_noop!(
			FacilityBooking::register_zone(
				root(),
				6,
				n.clone(),
				NAMPO,
				neighbours(&[HAEUNDAE, JEONPO])
			),
			Error::<Test>::TooManyNeighbours
		);
		// Dropping every neighbour.
		assert_ok!(FacilityBooking::register_zone(root(), 4, n, NAMPO, neighbours(&[])));
		assert_eq!(listed(JEONPO), vec![SEOMYEON, HAEUNDAE, 5]);
	});
}

#[test]
fn genesis_neighbours_are_made_symmetric() {
	let mut config = genesis();
	config.zones[0].neighbours = vec![JEONPO, HAEUNDAE]; // Haeundae does not list Seomyeon
	new_test_ext_with(config).execute_with(|| {
		assert_eq!(
			Zones::<Test>::get(HAEUNDAE).unwrap().neighbours.into_inner(),
			vec![JEONPO, SEOMYEON]
		);
		FacilityBooking::do_try_state().expect("invariants hold");
	});
}
