//! A citizen cancels before the slot: refund by tier; the place is free at once.

use super::*;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

/// Book the hall on `day` at 10:00 as Alice, then cancel at 09:00 local on `cancel_day`;
/// returns the refund.
fn refund_for(day: DayNumber, cancel_day: DayNumber) -> Balance {
	set_local(d0(), 9, 0);
	let id = book(ALICE, HALL, day, 10, 1);
	set_local(cancel_day, 9, 0);
	let before = balance(ALICE);
	assert_ok!(FacilityBooking::cancel(signed(ALICE), id));
	let refund = balance(ALICE) - before;
	assert_eq!(
		last_event(),
		Event::Cancelled {
			booking: id,
			facility: HALL,
			citizen: ALICE_ID,
			refund,
			reason: CancelReason::Citizen
		}
	);
	refund
}

#[test]
fn refunds_follow_the_tiers_at_their_boundaries() {
	run(|| {
		let day = d0() + 6; // a Thursday
					  // 100 % at 5 days or more.
		assert_eq!(refund_for(day, day - 6), FEE);
		assert_eq!(refund_for(day, day - 5), FEE);
		// 90 % from 4 days down to 1.
		assert_eq!(refund_for(day, day - 4), 9_000);
		assert_eq!(refund_for(day, day - 1), 9_000);
		// Nothing on the day.
		assert_eq!(refund_for(day, day), 0);
		// The facility keeps what was not refunded.
		assert_eq!(facility_balance(HALL), 1_000 + 1_000 + FEE);
		assert_eq!(balance(ALICE), ENDOWMENT - 1_000 - 1_000 - FEE);
	});
}

#[test]
fn days_before_are_counted_in_local_days() {
	run(|| {
		let day = d0() + 6;
		// 23:59 local, five days before: still 100 %.
		set_local(d0(), 9, 0);
		let id = book(ALICE, HALL, day, 10, 1);
		set_local(day - 5, 23, 59);
		assert_ok!(FacilityBooking::cancel(signed(ALICE), id));
		assert_eq!(balance(ALICE), ENDOWMENT);
		// 00:00 four days before: 90 %.
		set_local(d0(), 9, 0);
		let id = book(ALICE, HALL, day, 10, 1);
		set_local(day - 4, 0, 0);
		assert_ok!(FacilityBooking::cancel(signed(ALICE), id));
		assert_eq!(balance(ALICE), ENDOWMENT - 1_000);
	});
}

#[test]
fn the_freed_place_is_bookable_at_once() {
	run(|| {
		let d = d0() + 1;
		let id = book(ALICE, HALL, d, 10, 2);
		assert_noop!(
			FacilityBooking::book(signed(BOB), HALL, d, 10, 1, fee_of(HALL)),
			Error::<Test>::SlotFull
		);
		assert_ok!(FacilityBooking::cancel(signed(ALICE), id));
		assert_eq!(taken(HALL, d, 10), 0);
		assert!(Bookings::<Test>::get(id).is_none());
		assert!(CitizenBookings::<Test>::get(ALICE_ID).is_empty());
		book(BOB, HALL, d, 10, 2);
	});
}

#[test]
fn cancelling_the_last_booking_of_a_day_leaves_nothing_stored() {
	run(|| {
		let d = d0() + 1;
		let id = book(ALICE, LIB, d, 10, 1);
		assert_ok!(FacilityBooking::cancel(signed(ALICE), id));
		assert!(!DayBookings::<Test>::contains_key(LIB, d));
		assert!(!SlotUse::<Test>::contains_key(LIB, d));
		assert!(!CitizenBookings::<Test>::contains_key(ALICE_ID));
	});
}

#[test]
fn cancelling_is_refused_clearly_and_changes_nothing() {
	run(|| {
		let d = d0() + 1;
		let id = book(ALICE, HALL, d, 10, 1);
		assert_noop!(FacilityBooking::cancel(signed(ALICE), 99), Error::<Test>::UnknownBooking);
		assert_noop!(FacilityBooking::cancel(signed(BOB), id), Error::<Test>::NotYourBooking);
		assert_noop!(FacilityBooking::cancel(signed(DAVE), id), Error::<Test>::NotCitizen);
		assert_noop!(FacilityBooking::cancel(root(), id), DispatchError::BadOrigin);
		// Checked in (from 09:30): no longer cancellable.
		set_local(d, 9, 30);
		let other = book(BOB, HALL, d, 10, 1);
		assert_ok!(FacilityBooking::check_in(signed(MANAGER), other));
		assert_noop!(FacilityBooking::cancel(signed(BOB), other), Error::<Test>::AlreadyCheckedIn);
		// At the slot's start it is too late.
		set_local(d, 10, 0);
		assert_noop!(FacilityBooking::cancel(signed(ALICE), id), Error::<Test>::TooLateToCancel);
	});
}

#[test]
fn a_booking_follows_its_citizen_to_a_new_account() {
	run(|| {
		let id = book(ALICE, HALL, d0() + 7, 10, 1);
		citizen_primitives::testing::MockCitizenRegistry::rebind(ALICE_ID, 50);
		assert_noop!(FacilityBooking::cancel(signed(ALICE), id), Error::<Test>::NotCitizen);
		assert_ok!(FacilityBooking::cancel(signed(50), id));
		// The refund goes to the account the citizen acts from now.
		assert_eq!(balance(50), FEE);
	});
}

#[test]
fn a_refund_leaving_dust_empties_the_facility_account() {
	run(|| {
		ExistentialDeposit::set(5_000);
		let day = d0() + 6;
		let id = book(ALICE, HALL, day, 10, 1);
		// 90 %: 1,000 would stay, below the minimum balance: it goes with the account.
		set_local(day - 1, 9, 0);
		assert_ok!(FacilityBooking::cancel(signed(ALICE), id));
		assert_eq!(balance(ALICE), ENDOWMENT - 1_000);
		assert_eq!(facility_balance(HALL), 0);
	});
}

#[test]
fn a_refund_the_citizen_cannot_receive_stays_with_the_facility() {
	run(|| {
		use frame_support::traits::fungible::Mutate;
		ExistentialDeposit::set(9_500);
		Balances::set_balance(&CAROL, FEE);
		let day = d0() + 6;
		let id = book(CAROL, HALL, day, 10, 1);
		assert_eq!(balance(CAROL), 0);
		// 90 % is 9,000: below the minimum, Carol's emptied account cannot receive it.
		set_local(day - 1, 9, 0);
		assert_ok!(FacilityBooking::cancel(signed(CAROL), id));
		assert!(events().contains(&Event::RefundWithheld {
			booking: id,
			citizen: CAROL_ID,
			amount: 9_000
		}));
		assert_eq!(cancellations(), vec![(id, 0, CancelReason::Citizen)]);
		assert_eq!(facility_balance(HALL), FEE);
	});
}
