//! A manager changes hours, capacity and fee, for bookings made from then on.

use super::*;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn new_hours_apply_to_new_bookings_and_keep_existing_ones() {
	run(|| {
		let d = d0() + 1;
		let early = book(ALICE, LIB, d, 9, 1);
		let mut hours = library_hours();
		hours[crate::types::weekday(d)] = Some((720, 1200)); // 12:00–20:00 on that weekday
		assert_ok!(FacilityBooking::set_hours(signed(MANAGER), LIB, hours));
		assert_eq!(last_event(), Event::HoursChanged { facility: LIB, hours });
		assert_noop!(
			FacilityBooking::book(signed(BOB), LIB, d, 9, 1, fee_of(LIB)),
			Error::<Test>::OutsideOpeningHours
		);
		book(BOB, LIB, d, 19, 1);
		// The 09:00 booking stands, at its time.
		assert_eq!(Bookings::<Test>::get(early).unwrap().start, at(d, 9, 0));
		assert_eq!(taken(LIB, d, 9), 1);
	});
}

#[test]
fn hours_are_checked_and_only_the_manager_sets_them() {
	run(|| {
		let mut bad = library_hours();
		bad[2] = Some((545, 1080));
		assert_noop!(
			FacilityBooking::set_hours(signed(MANAGER), LIB, bad),
			Error::<Test>::InvalidHours
		);
		assert_noop!(
			FacilityBooking::set_hours(signed(MANAGER), LIB, [None; 7]),
			Error::<Test>::InvalidHours
		);
		assert_noop!(
			FacilityBooking::set_hours(signed(OTHER_MANAGER), LIB, library_hours()),
			Error::<Test>::NotManager
		);
		assert_noop!(
			FacilityBooking::set_hours(signed(MANAGER), 9, library_hours()),
			Error::<Test>::UnknownFacility
		);
		assert_noop!(
			FacilityBooking::set_hours(RuntimeOrigin::none(), LIB, library_hours()),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn a_lower_capacity_keeps_existing_places() {
	run(|| {
		let d = d0() + 1;
		book(ALICE, LIB, d, 10, 4);
		assert_ok!(FacilityBooking::set_capacity(signed(MANAGER), LIB, 3));
		assert_eq!(last_event(), Event::CapacityChanged { facility: LIB, capacity: 3 });
		assert_eq!(taken(LIB, d, 10), 4);
		assert_noop!(
			FacilityBooking::book(signed(BOB), LIB, d, 10, 1, fee_of(LIB)),
			Error::<Test>::SlotFull
		);
		let slot = FacilityBooking::free_places(LIB, d).unwrap().into_iter().find(|s| s.slot == 10);
		assert_eq!(slot.map(|s| (s.capacity, s.taken, s.free)), Some((3, 4, 0)));
		assert_noop!(
			FacilityBooking::set_capacity(signed(MANAGER), LIB, 0),
			Error::<Test>::InvalidCapacity
		);
		assert_noop!(FacilityBooking::set_capacity(signed(BOB), LIB, 5), Error::<Test>::NotManager);
	});
}

#[test]
fn a_new_fee_leaves_existing_bookings_at_their_price() {
	run(|| {
		let d = d0() + 7;
		let old = book(ALICE, HALL, d, 10, 1);
		assert_ok!(FacilityBooking::set_fee(signed(MANAGER), HALL, Some(20_000)));
		assert_eq!(last_event(), Event::FeeChanged { facility: HALL, fee: Some(20_000) });
		book(BOB, HALL, d, 10, 1);
		assert_eq!(balance(BOB), ENDOWMENT - 20_000);
		assert_eq!(facility_balance(HALL), FEE + 20_000);
		// Cancelled 7 days ahead: a full refund of what was paid, not of the new fee.
		assert_ok!(FacilityBooking::cancel(signed(ALICE), old));
		assert_eq!(balance(ALICE), ENDOWMENT);
		// Free from now on.
		assert_ok!(FacilityBooking::set_fee(signed(MANAGER), HALL, None));
		book(CAROL, HALL, d, 11, 1);
		assert_eq!(balance(CAROL), ENDOWMENT);
		assert_noop!(
			FacilityBooking::set_fee(signed(MANAGER), HALL, Some(0)),
			Error::<Test>::FeeBelowMinimum
		);
		assert_noop!(
			FacilityBooking::set_fee(signed(ALICE), HALL, Some(5)),
			Error::<Test>::NotManager
		);
	});
}
