//! Past bookings are reaped: by anyone, in `on_idle`, and a citizen's own when their list is
//! full. State stays bounded.

use super::*;
use frame_support::{assert_noop, traits::Hooks, weights::Weight};
use sp_runtime::DispatchError;

#[test]
fn anyone_reaps_a_past_day_in_bounded_steps() {
	run(|| {
		let d = d0() + 1;
		let ids: Vec<_> = [(ALICE, 10), (ALICE, 11), (BOB, 10), (CAROL, 12)]
			.into_iter()
			.map(|(who, slot)| book(who, LIB, d, slot, 1))
			.collect();
		// The day after is too early (ReapAfterDays is 1).
		set_local(d + 1, 23, 59);
		assert_noop!(FacilityBooking::reap(signed(DAVE), LIB, d, 3), Error::<Test>::TooEarlyToReap);
		set_local(d + 2, 0, 0);
		assert_ok!(FacilityBooking::reap(signed(DAVE), LIB, d, 3));
		assert_eq!(DayBookings::<Test>::get(LIB, d).into_inner(), vec![ids[0]]);
		assert_eq!(taken(LIB, d, 10), 1);
		assert_eq!(taken(LIB, d, 12), 0);
		assert_ok!(FacilityBooking::reap(signed(DAVE), LIB, d, 3));
		assert!(!DayBookings::<Test>::contains_key(LIB, d));
		assert!(!SlotUse::<Test>::contains_key(LIB, d));
		assert_eq!(Bookings::<Test>::iter().count(), 0);
		assert_eq!(CitizenBookings::<Test>::iter().count(), 0);
		// Libraries have no penalty: nothing is remembered.
		assert_eq!(NoShows::<Test>::iter().count(), 0);
		assert_noop!(FacilityBooking::reap(signed(DAVE), LIB, d, 3), Error::<Test>::NothingToReap);
	});
}

#[test]
fn reaping_is_checked() {
	run(|| {
		let d = d0() + 1;
		book(ALICE, LIB, d, 10, 1);
		assert_ok!(FacilityBooking::close(signed(MANAGER), LIB, d, d));
		set_local(d + 3, 9, 0);
		assert_noop!(FacilityBooking::reap(signed(DAVE), LIB, d, 1), Error::<Test>::ClosurePending);
		assert_noop!(FacilityBooking::reap(signed(DAVE), LIB, d, 0), Error::<Test>::InvalidStep);
		assert_noop!(FacilityBooking::reap(signed(DAVE), LIB, d, 4), Error::<Test>::InvalidStep);
		assert_noop!(
			FacilityBooking::reap(RuntimeOrigin::none(), LIB, d, 1),
			DispatchError::BadOrigin
		);
		// The closure cancels it (full refund, no no-show) and the day is done.
		assert_ok!(FacilityBooking::process_closures(signed(DAVE), LIB, 1));
		assert_noop!(FacilityBooking::reap(signed(DAVE), LIB, d, 1), Error::<Test>::NothingToReap);
	});
}

#[test]
fn a_full_list_loses_its_ended_bookings_when_the_citizen_books() {
	run(|| {
		let d = d0() + 1;
		let old: Vec<_> = (9..13).map(|slot| book(ALICE, LIB, d, slot, 1)).collect();
		set_local(d, 11, 30);
		// Two have ended (09:00 and 10:00), two not: booking reaps the two.
		let new = book(ALICE, LIB, d, 14, 1);
		assert_eq!(CitizenBookings::<Test>::get(ALICE_ID).into_inner(), vec![old[2], old[3], new]);
		assert!(Bookings::<Test>::get(old[0]).is_none());
		assert_eq!(DayBookings::<Test>::get(LIB, d).into_inner(), vec![old[2], old[3], new]);
		assert_eq!(taken(LIB, d, 9), 0);
		assert!(events().contains(&Event::Reaped {
			booking: old[0],
			citizen: ALICE_ID,
			no_show: true
		}));
	});
}

#[test]
fn own_no_shows_reaped_when_booking_are_remembered() {
	run(|| {
		let d = d0() + 1;
		let ids: Vec<_> = (10..13).map(|slot| book(ALICE, HALL, d, slot, 1)).collect();
		book(ALICE, LIB, d + 1, 10, 1);
		set_local(d + 1, 9, 0);
		// The list is full; the three hall no-shows are reaped and remembered, and the
		// suspension they earn still refuses a hall booking.
		assert_noop!(
			FacilityBooking::book(signed(ALICE), HALL, d + 3, 10, 1, fee_of(HALL)),
			Error::<Test>::SuspendedForNoShows
		);
		book(ALICE, LIB, d + 3, 10, 1);
		assert_eq!(NoShows::<Test>::get(ALICE_ID, SPORTS).len(), ids.len());
		assert_eq!(CitizenBookings::<Test>::get(ALICE_ID).len(), 2);
	});
}

#[test]
fn on_idle_reaps_past_days_by_itself() {
	run(|| {
		for (who, day) in [(ALICE, 1), (BOB, 2), (CAROL, 3), (ALICE, 4)] {
			book(who, LIB, d0() + day, 10, 1);
		}
		book(BOB, HALL, d0() + 1, 10, 1);
		set_local(d0() + 4, 12, 0);
		for block in 2..6 {
			FacilityBooking::on_idle(block, Weight::MAX);
		}
		// Days up to d0 + 2 are past their grace; d0 + 3 and d0 + 4 are not.
		let left: Vec<_> = DayBookings::<Test>::iter_keys().collect();
		assert_eq!(left.len(), 2);
		assert!(left.iter().all(|(f, d)| *f == LIB && *d >= d0() + 3));
		// Nothing is reaped without weight.
		set_local(d0() + 10, 12, 0);
		assert_eq!(FacilityBooking::on_idle(7, Weight::zero()), Weight::zero());
		assert_eq!(DayBookings::<Test>::iter().count(), 2);
		for block in 8..12 {
			FacilityBooking::on_idle(block, Weight::MAX);
		}
		assert_eq!(DayBookings::<Test>::iter().count(), 0);
		assert_eq!(Bookings::<Test>::iter().count(), 0);
	});
}

#[test]
fn on_idle_reaps_a_large_day_a_step_per_block_within_its_weight() {
	run(|| {
		let d = d0() + 1;
		for who in [ALICE, BOB, CAROL] {
			book(who, LIB, d, 10, 1);
		}
		set_local(d + 3, 9, 0);
		// Room for a one-booking step only.
		let room = <() as WeightInfo>::reap(1);
		FacilityBooking::on_idle(2, room);
		assert_eq!(DayBookings::<Test>::get(LIB, d).len(), 2);
		FacilityBooking::on_idle(3, room);
		assert_eq!(DayBookings::<Test>::get(LIB, d).len(), 1);
		FacilityBooking::on_idle(4, room);
		assert!(!DayBookings::<Test>::contains_key(LIB, d));
		assert_eq!(Bookings::<Test>::iter().count(), 0);
	});
}
