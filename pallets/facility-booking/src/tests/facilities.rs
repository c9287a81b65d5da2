//! The city registers facilities, appoints their managers and retires them.

use super::*;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

const SPOT: GeoPoint = GeoPoint::new(35_155_000, 129_062_000);

#[test]
fn the_city_registers_a_facility_with_its_own_account() {
	run(|| {
		let id = register(spec(JEONPO, LIBRARY, SPOT));
		assert_eq!(id, 2);
		assert_eq!(
			last_event(),
			Event::FacilityRegistered {
				facility: 2,
				zone: JEONPO,
				category: LIBRARY,
				manager: MANAGER,
				account: FacilityBooking::facility_account(2),
			}
		);
		assert_eq!(Facilities::<Test>::get(2).unwrap().spec, spec(JEONPO, LIBRARY, SPOT));
		assert_eq!(
			ZoneFacilities::<Test>::get(JEONPO).into_inner(),
			vec![ZoneEntry { facility: 2, category: LIBRARY, location: SPOT }]
		);
	});
}

#[test]
fn every_part_of_a_facility_is_checked() {
	run(|| {
		let check = |f: fn(&mut FacilitySpecOf<Test>), e: Error<Test>| {
			let mut s = spec(JEONPO, LIBRARY, SPOT);
			f(&mut s);
			assert_noop!(FacilityBooking::register_facility(root(), s), e);
		};
		check(|s| s.location = GeoPoint::new(0, 181_000_000), Error::InvalidPoint);
		check(|s| s.slot_minutes = 0, Error::InvalidSlotLength);
		check(|s| s.slot_minutes = 7, Error::InvalidSlotLength); // does not divide a day
		check(|s| s.slot_minutes = 10, Error::InvalidSlotLength); // 144 slots > 96
		check(|s| s.hours = [None; 7], Error::InvalidHours);
		check(|s| s.hours[0] = Some((600, 600)), Error::InvalidHours);
		check(|s| s.hours[0] = Some((600, 1500)), Error::InvalidHours);
		check(|s| s.hours[0] = Some((570, 1080)), Error::InvalidHours); // off the hourly grid
		check(|s| s.capacity = 0, Error::InvalidCapacity);
		check(|s| s.location = SEOMYEON_POINT, Error::LocationOutsideZone);
		check(|s| (s.capacity, s.max_party) = (11, 1), Error::TooManyPlacesPerDay); // 99 > 96
		check(|s| s.max_party = 0, Error::InvalidMaxParty);
		check(|s| s.max_party = 11, Error::InvalidMaxParty);
		check(|s| s.resident_horizon_days = 0, Error::InvalidHorizon);
		check(|s| s.public_horizon_days = 15, Error::InvalidHorizon);
		check(|s| s.resident_horizon_days = 61, Error::InvalidHorizon);
		check(
			|s| {
				s.refund_tiers =
					BoundedVec::truncate_from(vec![RefundTier { min_days_before: 1, percent: 101 }])
			},
			Error::InvalidRefundTiers,
		);
		check(
			|s| {
				s.refund_tiers = BoundedVec::truncate_from(vec![
					RefundTier { min_days_before: 1, percent: 50 },
					RefundTier { min_days_before: 5, percent: 100 },
				])
			},
			Error::InvalidRefundTiers,
		);
		check(
			|s| {
				s.refund_tiers = BoundedVec::truncate_from(vec![
					RefundTier { min_days_before: 5, percent: 50 },
					RefundTier { min_days_before: 1, percent: 90 },
				])
			},
			Error::InvalidRefundTiers,
		);
		check(|s| s.zone = 9, Error::UnknownZone);
		check(|s| s.category = 9, Error::UnknownCategory);
		check(|s| s.fee = Some(0), Error::FeeBelowMinimum);
		ExistentialDeposit::set(100);
		check(|s| s.fee = Some(99), Error::FeeBelowMinimum);
		let mut s = spec(JEONPO, LIBRARY, SPOT);
		s.fee = Some(100);
		register(s);
	});
}

#[test]
fn a_zone_holds_a_bounded_number_of_facilities() {
	run(|| {
		for _ in 0..6 {
			register(spec(JEONPO, LIBRARY, SPOT));
		}
		assert_noop!(
			FacilityBooking::register_facility(root(), spec(JEONPO, LIBRARY, SPOT)),
			Error::<Test>::TooManyFacilitiesInZone
		);
		// Retiring one makes room.
		assert_ok!(FacilityBooking::retire_facility(root(), 2));
		register(spec(JEONPO, LIBRARY, SPOT));
	});
}

#[test]
fn the_city_appoints_a_manager() {
	run(|| {
		assert_ok!(FacilityBooking::appoint_manager(root(), LIB, OTHER_MANAGER));
		assert_eq!(last_event(), Event::ManagerAppointed { facility: LIB, manager: OTHER_MANAGER });
		assert_noop!(
			FacilityBooking::set_capacity(signed(MANAGER), LIB, 5),
			Error::<Test>::NotManager
		);
		assert_ok!(FacilityBooking::set_capacity(signed(OTHER_MANAGER), LIB, 5));
		assert_noop!(
			FacilityBooking::appoint_manager(root(), 9, OTHER_MANAGER),
			Error::<Test>::UnknownFacility
		);
	});
}

#[test]
fn a_retired_facility_leaves_the_map_and_takes_no_bookings() {
	run(|| {
		let d = d0();
		let kept = book(ALICE, HALL, d + 3, 10, 1);
		assert_ok!(FacilityBooking::open_self_check_in(signed(MANAGER), HALL, START + 3_600_000));
		assert_ok!(FacilityBooking::retire_facility(root(), HALL));
		assert_eq!(last_event(), Event::FacilityRetired { facility: HALL });
		assert_eq!(Facilities::<Test>::get(HALL).unwrap().status, FacilityStatus::Retired);
		assert!(ZoneFacilities::<Test>::get(SEOMYEON).iter().all(|e| e.facility != HALL));
		assert_eq!(SelfCheckIn::<Test>::get(HALL), None);
		assert_noop!(
			FacilityBooking::book(signed(BOB), HALL, d + 3, 11, 1, fee_of(HALL)),
			Error::<Test>::FacilityRetired
		);
		assert_noop!(
			FacilityBooking::retire_facility(root(), HALL),
			Error::<Test>::FacilityRetired
		);
		assert_noop!(FacilityBooking::retire_facility(root(), 9), Error::<Test>::UnknownFacility);
		for call in [
			FacilityBooking::set_capacity(signed(MANAGER), HALL, 3),
			FacilityBooking::set_fee(signed(MANAGER), HALL, None),
			FacilityBooking::set_hours(signed(MANAGER), HALL, hall_hours()),
		] {
			assert_eq!(call, Err(Error::<Test>::FacilityRetired.into()));
		}
		// The existing booking may be cancelled on its day with a full refund.
		set_local(d + 3, 9, 0);
		assert_ok!(FacilityBooking::cancel(signed(ALICE), kept));
		assert_eq!(cancellations(), vec![(kept, FEE, CancelReason::Citizen)]);
		assert_eq!(balance(ALICE), ENDOWMENT);
	});
}

#[test]
fn only_the_city_registers_appoints_and_retires() {
	run(|| {
		for origin in [signed(MANAGER), signed(ALICE), RuntimeOrigin::none()] {
			assert_noop!(
				FacilityBooking::register_facility(origin.clone(), spec(JEONPO, LIBRARY, SPOT)),
				DispatchError::BadOrigin
			);
			assert_noop!(
				FacilityBooking::retire_facility(origin.clone(), LIB),
				DispatchError::BadOrigin
			);
			assert_noop!(
				FacilityBooking::appoint_manager(origin, LIB, ALICE),
				DispatchError::BadOrigin
			);
		}
	});
}

#[test]
fn a_facilitys_places_a_day_fit_the_days_bookings() {
	run(|| {
		// MaxBookingsPerDay is 96: 12 places × 8 one-hour slots is the most.
		let mut s = spec(JEONPO, LIBRARY, SPOT);
		(s.capacity, s.hours) = (12, [Some((540, 1020)); 7]);
		let id = register(s.clone());
		s.hours[2] = Some((540, 1080)); // 12 × 9 on Wednesdays
		assert_noop!(
			FacilityBooking::register_facility(root(), s),
			Error::<Test>::TooManyPlacesPerDay
		);
		assert_noop!(
			FacilityBooking::set_capacity(signed(MANAGER), id, 13),
			Error::<Test>::TooManyPlacesPerDay
		);
		let mut longer = [Some((540, 1020)); 7];
		longer[6] = Some((480, 1020));
		assert_noop!(
			FacilityBooking::set_hours(signed(MANAGER), id, longer),
			Error::<Test>::TooManyPlacesPerDay
		);
		// The library: 10 places × 9 slots; all day would be 240.
		assert_noop!(
			FacilityBooking::set_hours(signed(MANAGER), LIB, [Some((0, 1440)); 7]),
			Error::<Test>::TooManyPlacesPerDay
		);
		assert_noop!(
			FacilityBooking::set_capacity(signed(MANAGER), LIB, 11),
			Error::<Test>::TooManyPlacesPerDay
		);
		// Fewer places allow longer hours.
		assert_ok!(FacilityBooking::set_capacity(signed(MANAGER), id, 6));
		assert_ok!(FacilityBooking::set_hours(signed(MANAGER), id, [Some((360, 1320)); 7]));
		assert_eq!(
			Facilities::<Test>::get(id).map(|f| (f.spec.capacity, f.spec.hours)),
			Some((6, [Some((360, 1320)); 7]))
		);
	});
}

#[test]
fn a_new_manager_closes_the_former_managers_self_check_in() {
	run(|| {
		let d = d0() + 1;
		let id = book(ALICE, LIB, d, 10, 1);
		set_local(d, 9, 45);
		assert_ok!(FacilityBooking::open_self_check_in(signed(MANAGER), LIB, at(d, 18, 0)));
		assert_ok!(FacilityBooking::appoint_manager(root(), LIB, OTHER_MANAGER));
		assert_eq!(SelfCheckIn::<Test>::get(LIB), None);
		assert_eq!(FacilityBooking::facility(LIB).unwrap().self_check_in_until, None);
		assert_noop!(
			FacilityBooking::self_check_in(signed(ALICE), id),
			Error::<Test>::SelfCheckInClosed
		);
		// The new manager opens their own.
		assert_ok!(FacilityBooking::open_self_check_in(signed(OTHER_MANAGER), LIB, at(d, 12, 0)));
		assert_ok!(FacilityBooking::self_check_in(signed(ALICE), id));
	});
}
