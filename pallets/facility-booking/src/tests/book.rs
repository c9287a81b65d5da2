//! A citizen books a slot: each rule refuses with its own error and changes nothing.

use super::*;
use frame_support::assert_noop;
use sp_runtime::{DispatchError, TokenError};

#[test]
fn a_citizen_books_a_free_slot() {
	run(|| {
		let d = d0() + 1;
		let id = book(ALICE, LIB, d, 10, 3);
		assert_eq!(id, 0);
		assert_eq!(
			last_event(),
			Event::Booked {
				booking: 0,
				facility: LIB,
				citizen: ALICE_ID,
				day: d,
				slot: 10,
				party: 3,
				paid: 0
			}
		);
		let b = Bookings::<Test>::get(0).unwrap();
		assert_eq!((b.start, b.end), (at(d, 10, 0), at(d, 11, 0)));
		assert_eq!((b.citizen, b.payer, b.status), (ALICE_ID, ALICE, BookingStatus::Booked));
		assert_eq!(taken(LIB, d, 10), 3);
		assert_eq!(DayBookings::<Test>::get(LIB, d).into_inner(), vec![0]);
		assert_eq!(CitizenBookings::<Test>::get(ALICE_ID).into_inner(), vec![0]);
		assert_eq!(balance(ALICE), ENDOWMENT);
		book(BOB, LIB, d, 10, 7);
		assert_eq!(taken(LIB, d, 10), 10);
	});
}

#[test]
fn the_fee_moves_from_the_citizen_to_the_facility_in_the_same_call() {
	run(|| {
		let id = book(ALICE, HALL, d0() + 1, 10, 2);
		assert_eq!(balance(ALICE), ENDOWMENT - FEE);
		assert_eq!(facility_balance(HALL), FEE);
		assert_eq!(Bookings::<Test>::get(id).unwrap().paid, FEE);
		// One fee per booking, whatever the party.
		assert!(matches!(last_event(), Event::Booked { paid: FEE, party: 2, .. }));
	});
}

#[test]
fn a_citizen_who_cannot_pay_is_refused() {
	run(|| {
		use frame_support::traits::fungible::Mutate;
		Balances::set_balance(&CAROL, FEE - 1);
		assert_noop!(
			FacilityBooking::book(signed(CAROL), HALL, d0() + 1, 10, 1, fee_of(HALL)),
			DispatchError::Token(TokenError::FundsUnavailable)
		);
		// Exactly the fee: the citizen's account may be emptied.
		Balances::set_balance(&CAROL, FEE);
		book(CAROL, HALL, d0() + 1, 10, 1);
		assert_eq!(balance(CAROL), 0);
	});
}

#[test]
fn the_slot_must_be_within_opening_hours() {
	run(|| {
		let d = d0() + 1;
		for slot in [0, 8, 18, 23, 24, 500] {
			assert_noop!(
				FacilityBooking::book(signed(ALICE), LIB, d, slot, 1, fee_of(LIB)),
				Error::<Test>::OutsideOpeningHours
			);
		}
		book(ALICE, LIB, d, 9, 1);
		book(ALICE, LIB, d, 17, 1);
		// The hall is closed on Sundays (d0 is a Friday).
		let sunday = d0() + 2;
		assert_eq!(crate::types::weekday(sunday), 6);
		assert_noop!(
			FacilityBooking::book(signed(ALICE), HALL, sunday, 10, 1, fee_of(HALL)),
			Error::<Test>::OutsideOpeningHours
		);
	});
}

#[test]
fn a_slot_that_has_started_cannot_be_booked() {
	run(|| {
		let d = d0();
		// 09:00 now: the 09:00 slot has started.
		assert_noop!(
			FacilityBooking::book(signed(ALICE), LIB, d, 9, 1, fee_of(LIB)),
			Error::<Test>::SlotInPast
		);
		set_local(d, 9, 59);
		book(ALICE, LIB, d, 10, 1);
		set_local(d, 10, 0);
		assert_noop!(
			FacilityBooking::book(signed(BOB), LIB, d, 10, 1, fee_of(LIB)),
			Error::<Test>::SlotInPast
		);
		assert_noop!(
			FacilityBooking::book(signed(BOB), LIB, d - 1, 12, 1, fee_of(LIB)),
			Error::<Test>::SlotInPast
		);
	});
}

#[test]
fn capacity_per_slot_is_kept() {
	run(|| {
		let d = d0() + 1;
		book(ALICE, HALL, d, 10, 1);
		book(BOB, HALL, d, 10, 1);
		assert_noop!(
			FacilityBooking::book(signed(CAROL), HALL, d, 10, 1, fee_of(HALL)),
			Error::<Test>::SlotFull
		);
		// Another slot is free.
		book(CAROL, HALL, d, 11, 2);
		assert_noop!(
			FacilityBooking::book(signed(ALICE), LIB, d, 10, 0, fee_of(LIB)),
			Error::<Test>::InvalidPartySize
		);
		// A party fits the free places.
		book(ALICE, LIB, d, 10, 8);
		assert_noop!(
			FacilityBooking::book(signed(BOB), LIB, d, 10, 3, fee_of(LIB)),
			Error::<Test>::SlotFull
		);
	});
}

#[test]
fn a_party_is_at_most_the_facilitys_max_party() {
	run(|| {
		let d = d0() + 1;
		// Genesis: max_party defaults to the capacity.
		assert_eq!(Facilities::<Test>::get(HALL).unwrap().spec.max_party, 2);
		assert_noop!(
			FacilityBooking::book(signed(ALICE), HALL, d, 10, 3, fee_of(HALL)),
			Error::<Test>::PartyTooLarge
		);
		assert_noop!(
			FacilityBooking::book(signed(ALICE), LIB, d, 10, u16::MAX, fee_of(LIB)),
			Error::<Test>::PartyTooLarge
		);
		let mut s = spec(SEOMYEON, LIBRARY, SEOMYEON_POINT);
		s.max_party = 4;
		let id = register(s);
		assert_noop!(
			FacilityBooking::book(signed(ALICE), id, d, 10, 5, fee_of(id)),
			Error::<Test>::PartyTooLarge
		);
		let b = book(ALICE, id, d, 10, 4);
		assert_eq!(taken(id, d, 10), 4);
		assert_eq!(Bookings::<Test>::get(b).unwrap().party, 4);
		// A lower capacity lowers the largest party with it.
		assert_ok!(FacilityBooking::set_capacity(signed(MANAGER), id, 3));
		assert_eq!(Facilities::<Test>::get(id).unwrap().spec.max_party, 3);
		assert_eq!(FacilityBooking::facility(id).unwrap().max_party, 3);
		// The spec: 1 ..= capacity.
		for bad in [0, 11] {
			let mut s = spec(SEOMYEON, LIBRARY, SEOMYEON_POINT);
			s.max_party = bad;
			assert_noop!(
				FacilityBooking::register_facility(root(), s),
				Error::<Test>::InvalidMaxParty
			);
		}
	});
}

#[test]
fn a_citizen_holds_a_bounded_number_of_bookings() {
	run(|| {
		let d = d0() + 1;
		for slot in 9..13 {
			book(ALICE, LIB, d, slot, 1);
		}
		// None has ended: nothing to reap.
		assert_noop!(
			FacilityBooking::book(signed(ALICE), LIB, d, 13, 1, fee_of(LIB)),
			Error::<Test>::TooManyBookings
		);
	});
}

#[test]
fn a_facility_holds_a_bounded_number_of_bookings_a_day() {
	run(|| {
		// A backstop: registration keeps places within the bound (see `facilities.rs`); a
		// lower bound after registration (a runtime upgrade) still holds the day's list.
		DayBookingBound::set(24);
		let d = d0() + 1;
		for i in 0..6u64 {
			add_citizen(200 + i, 1_000 + i);
			for slot in 9..13 {
				book(1_000 + i, LIB, d, slot, 1);
			}
		}
		add_citizen(300, 2_000);
		assert_noop!(
			FacilityBooking::book(signed(2_000), LIB, d, 13, 1, fee_of(LIB)),
			Error::<Test>::DayFullyBooked
		);
		book(2_000, LIB, d + 1, 13, 1);
	});
}

#[test]
fn unknown_and_retired_facilities_take_no_bookings() {
	run(|| {
		assert_noop!(
			FacilityBooking::book(signed(ALICE), 9, d0() + 1, 10, 1, fee_of(9)),
			Error::<Test>::UnknownFacility
		);
		assert_ok!(FacilityBooking::retire_facility(root(), LIB));
		assert_noop!(
			FacilityBooking::book(signed(ALICE), LIB, d0() + 1, 10, 1, fee_of(LIB)),
			Error::<Test>::FacilityRetired
		);
	});
}

#[test]
fn only_citizens_book() {
	run(|| {
		assert_noop!(
			FacilityBooking::book(signed(DAVE), LIB, d0() + 1, 10, 1, fee_of(LIB)),
			Error::<Test>::NotCitizen
		);
		citizen_primitives::testing::MockCitizenRegistry::set_active(ALICE_ID, false);
		assert_noop!(
			FacilityBooking::book(signed(ALICE), LIB, d0() + 1, 10, 1, fee_of(LIB)),
			Error::<Test>::NotCitizen
		);
		for origin in [root(), RuntimeOrigin::none()] {
			assert_noop!(
				FacilityBooking::book(origin, LIB, d0() + 1, 10, 1, fee_of(LIB)),
				DispatchError::BadOrigin
			);
		}
	});
}

#[test]
fn a_fee_raised_after_the_citizen_saw_it_is_refused() {
	run(|| {
		let d = d0() + 1;
		// The wallet showed `FEE`; the manager raises the fee before the booking is included.
		assert_ok!(FacilityBooking::set_fee(signed(MANAGER), HALL, Some(FEE + 1)));
		assert_noop!(
			FacilityBooking::book(signed(ALICE), HALL, d, 10, 1, FEE),
			Error::<Test>::FeeAboveLimit
		);
		// A free facility with `max_fee` 0.
		assert_ok!(FacilityBooking::book(signed(ALICE), LIB, d, 10, 1, 0));
		// `max_fee` equal to the fee: booked, exactly the fee paid.
		assert_ok!(FacilityBooking::book(signed(ALICE), HALL, d, 10, 1, FEE + 1));
		let id = NextBookingId::<Test>::get() - 1;
		assert_eq!(Bookings::<Test>::get(id).unwrap().paid, FEE + 1);
		assert_eq!(balance(ALICE), ENDOWMENT - FEE - 1);
	});
}
