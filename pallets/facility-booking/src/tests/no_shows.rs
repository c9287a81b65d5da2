//! A booking not checked in by the end of its slot is a no-show, judged when read; enough
//! no-shows within the category's window suspend the citizen's booking in the category.

use super::*;
use frame_support::assert_noop;

/// Alice books the hall on d0 + 1 at 10, 11 and 12 and does not come.
fn three_no_shows() -> Vec<BookingId> {
	(10..13).map(|slot| book(ALICE, HALL, d0() + 1, slot, 1)).collect()
}

fn standing(category: CategoryId) -> CategoryStanding {
	FacilityBooking::citizen_bookings(&ALICE)
		.unwrap()
		.categories
		.into_iter()
		.find(|c| c.category == category)
		.expect("a standing")
}

#[test]
fn a_booking_becomes_a_no_show_when_its_slot_ends() {
	run(|| {
		let d = d0() + 1;
		let id = book(ALICE, LIB, d, 10, 1);
		set_local(d, 10, 59);
		let view = FacilityBooking::citizen_bookings(&ALICE).unwrap();
		assert_eq!(
			view.upcoming.iter().map(|b| (b.id, b.state)).collect::<Vec<_>>(),
			vec![(id, BookingState::Upcoming)]
		);
		set_local(d, 11, 0);
		let view = FacilityBooking::citizen_bookings(&ALICE).unwrap();
		assert!(view.upcoming.is_empty());
		assert_eq!(
			view.no_shows.iter().map(|b| (b.id, b.state)).collect::<Vec<_>>(),
			vec![(id, BookingState::NoShow)]
		);
	});
}

#[test]
fn three_no_shows_in_ninety_days_suspend_for_thirty_days() {
	run(|| {
		three_no_shows();
		let last_end = at(d0() + 1, 13, 0);
		let until = last_end + 30 * DAY;
		set_local(d0() + 3, 9, 0);
		assert_noop!(
			FacilityBooking::book(signed(ALICE), HALL, d0() + 4, 10, 1, fee_of(HALL)),
			Error::<Test>::SuspendedForNoShows
		);
		assert_eq!(standing(SPORTS).suspended_until, Some(until));
		assert_eq!(standing(SPORTS).no_shows, 3);
		// Only in that category.
		book(ALICE, LIB, d0() + 4, 10, 1);
		// Reaping records them: the suspension stands.
		assert_ok!(FacilityBooking::reap(signed(BOB), HALL, d0() + 1, 3));
		assert_eq!(
			NoShows::<Test>::get(ALICE_ID, SPORTS).into_inner(),
			vec![at(d0() + 1, 13, 0), at(d0() + 1, 12, 0), at(d0() + 1, 11, 0)]
		);
		assert_eq!(
			events()
				.into_iter()
				.filter(|e| matches!(e, Event::Reaped { no_show: true, .. }))
				.count(),
			3
		);
		assert_noop!(
			FacilityBooking::book(signed(ALICE), HALL, d0() + 4, 10, 1, fee_of(HALL)),
			Error::<Test>::SuspendedForNoShows
		);
		// Lifted at `until`.
		citizen_primitives::testing::MockTime::set(until - 1);
		let day = today() + 1;
		assert_noop!(
			FacilityBooking::book(signed(ALICE), HALL, day, 10, 1, fee_of(HALL)),
			Error::<Test>::SuspendedForNoShows
		);
		citizen_primitives::testing::MockTime::set(until);
		book(ALICE, HALL, day, 10, 1);
		assert_eq!(standing(SPORTS).suspended_until, None);
	});
}

#[test]
fn attended_bookings_and_two_no_shows_do_not_suspend() {
	run(|| {
		let ids = three_no_shows();
		set_local(d0() + 1, 10, 0);
		assert_ok!(FacilityBooking::check_in(signed(MANAGER), ids[0]));
		set_local(d0() + 3, 9, 0);
		// Two no-shows in May; the quota is full for May, so book for June.
		let june = d0() + 10;
		set_local(june, 9, 0);
		book(ALICE, HALL, june + 1, 10, 1);
		assert_eq!(standing(SPORTS).no_shows, 2);
		assert_eq!(standing(SPORTS).suspended_until, None);
	});
}

#[test]
fn no_shows_on_a_closed_day_do_not_count() {
	run(|| {
		three_no_shows();
		// The manager closes the day before the slots; the bookings are cancelled.
		assert_ok!(FacilityBooking::close(signed(MANAGER), HALL, d0() + 1, d0() + 1));
		set_local(d0() + 3, 9, 0);
		// Not yet processed: judged as closed, not as no-shows.
		assert_eq!(standing(SPORTS).no_shows, 0);
		let june = d0() + 10;
		set_local(june, 9, 0);
		book(ALICE, HALL, june + 1, 10, 1);
	});
}

#[test]
fn old_no_shows_are_forgotten() {
	run(|| {
		three_no_shows();
		set_local(d0() + 3, 9, 0);
		assert_ok!(FacilityBooking::reap(signed(BOB), HALL, d0() + 1, 3));
		assert_eq!(NoShows::<Test>::get(ALICE_ID, SPORTS).len(), 3);
		// 90 + 30 days later they can no longer matter: the next record drops them.
		let later = d0() + 1 + 121;
		set_local(later, 9, 0);
		let id = book(ALICE, HALL, later + 1, 10, 1);
		set_local(later + 4, 9, 0);
		assert_ok!(FacilityBooking::reap(signed(BOB), HALL, later + 1, 3));
		assert_eq!(
			NoShows::<Test>::get(ALICE_ID, SPORTS).into_inner(),
			vec![Bookings::<Test>::get(id).map(|b| b.end).unwrap_or(at(later + 1, 11, 0))]
		);
	});
}

#[test]
fn a_booking_at_a_retired_facility_is_never_a_no_show() {
	run(|| {
		let d = d0() + 1;
		let ids = three_no_shows();
		assert_ok!(FacilityBooking::retire_facility(root(), HALL));
		set_local(d, 13, 0);
		let view = FacilityBooking::citizen_bookings(&ALICE).unwrap();
		assert!(view.no_shows.is_empty());
		assert_eq!(
			view.past.iter().map(|b| (b.id, b.state)).collect::<Vec<_>>(),
			ids.iter().rev().map(|id| (*id, BookingState::Excused)).collect::<Vec<_>>()
		);
		assert_eq!(standing(SPORTS).no_shows, 0);
		assert_eq!(standing(SPORTS).suspended_until, None);
		// Reaped: nothing remembered.
		set_local(d + 2, 9, 0);
		assert_ok!(FacilityBooking::reap(signed(DAVE), HALL, d, 3));
		assert!(events().iter().any(|e| matches!(e, Event::Reaped { no_show: false, .. })));
		assert!(!events().iter().any(|e| matches!(e, Event::Reaped { no_show: true, .. })));
		assert!(NoShows::<Test>::get(ALICE_ID, SPORTS).is_empty());
	});
}
