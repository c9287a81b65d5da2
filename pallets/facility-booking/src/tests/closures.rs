//! The manager closes a facility for days: clashing bookings are cancelled with a full
//! refund, in bounded steps.

use super::*;
use frame_support::{assert_noop, traits::Hooks, weights::Weight};
use sp_runtime::DispatchError;

#[test]
fn a_closure_cancels_and_refunds_in_bounded_steps() {
	run(|| {
		let d = d0() + 3;
		let a = book(ALICE, LIB, d, 10, 1);
		let b = book(ALICE, LIB, d, 11, 1);
		let c = book(BOB, LIB, d, 10, 2);
		let e = book(CAROL, LIB, d, 12, 1);
		let f = book(CAROL, LIB, d + 1, 12, 1);
		let outside = book(CAROL, LIB, d + 2, 12, 1);
		assert_ok!(FacilityBooking::close(signed(MANAGER), LIB, d, d + 1));
		assert_eq!(
			last_event(),
			Event::ClosureDeclared { facility: LIB, from_day: d, to_day: d + 1 }
		);
		// Closed days take no booking at once.
		assert_noop!(
			FacilityBooking::book(signed(BOB), LIB, d + 1, 9, 1, fee_of(LIB)),
			Error::<Test>::ClosedOnDay
		);
		// MaxCancellationsPerStep is 3.
		assert_ok!(FacilityBooking::process_closures(signed(DAVE), LIB, 3));
		assert_eq!(
			cancellations(),
			vec![
				(a, 0, CancelReason::Closure),
				(b, 0, CancelReason::Closure),
				(c, 0, CancelReason::Closure)
			]
		);
		assert_eq!(ClosureQueue::<Test>::get().len(), 1);
		assert_ok!(FacilityBooking::process_closures(signed(DAVE), LIB, 3));
		assert_eq!(cancellations().len(), 5);
		assert_eq!(
			cancellations()[3..],
			[(e, 0, CancelReason::Closure), (f, 0, CancelReason::Closure)]
		);
		assert_eq!(last_event(), Event::ClosureProcessed { facility: LIB, to_day: d + 1 });
		assert!(ClosureQueue::<Test>::get().is_empty());
		assert!(!DayBookings::<Test>::contains_key(LIB, d));
		assert!(!DayBookings::<Test>::contains_key(LIB, d + 1));
		assert!(Bookings::<Test>::get(outside).is_some());
		assert_eq!(CitizenBookings::<Test>::get(CAROL_ID).into_inner(), vec![outside]);
		assert_noop!(
			FacilityBooking::process_closures(signed(DAVE), LIB, 3),
			Error::<Test>::NoClosurePending
		);
	});
}

#[test]
fn a_closure_refunds_fees_in_full_from_on_idle() {
	run(|| {
		let d = d0() + 3;
		book(ALICE, HALL, d, 10, 1);
		book(BOB, HALL, d, 10, 1);
		book(CAROL, HALL, d, 11, 1);
		assert_eq!(facility_balance(HALL), 3 * FEE);
		assert_ok!(FacilityBooking::close(signed(MANAGER), HALL, d, d));
		FacilityBooking::on_idle(2, Weight::MAX);
		assert_eq!(cancellations().len(), 3);
		assert!(cancellations()
			.iter()
			.all(|(_, refund, reason)| *refund == FEE && *reason == CancelReason::Closure));
		assert_eq!(
			(balance(ALICE), balance(BOB), balance(CAROL)),
			(ENDOWMENT, ENDOWMENT, ENDOWMENT)
		);
		assert_eq!(facility_balance(HALL), 0);
		// The quota is given back too.
		assert_eq!(MonthlyUse::<Test>::get(ALICE_ID, SPORTS), Some((month_of(d0()), 0)));
	});
}

#[test]
fn a_closure_today_leaves_checked_in_bookings() {
	run(|| {
		let d = d0();
		let stays = book(ALICE, LIB, d, 10, 1);
		let goes = book(BOB, LIB, d, 10, 1);
		set_local(d, 9, 45);
		assert_ok!(FacilityBooking::check_in(signed(MANAGER), stays));
		assert_ok!(FacilityBooking::close(signed(MANAGER), LIB, d, d));
		assert_ok!(FacilityBooking::process_closures(signed(DAVE), LIB, 3));
		assert_eq!(cancellations(), vec![(goes, 0, CancelReason::Closure)]);
		assert_eq!(Bookings::<Test>::get(stays).unwrap().status, BookingStatus::CheckedIn);
		assert_eq!(taken(LIB, d, 10), 1);
		assert!(ClosureQueue::<Test>::get().is_empty());
	});
}

#[test]
fn a_citizen_cancelling_on_a_closed_day_gets_everything_back() {
	run(|| {
		let d = d0() + 2 + 1; // Monday
		let id = book(ALICE, HALL, d, 10, 1);
		assert_ok!(FacilityBooking::close(signed(MANAGER), HALL, d, d));
		set_local(d, 9, 0);
		assert_ok!(FacilityBooking::cancel(signed(ALICE), id));
		assert_eq!(balance(ALICE), ENDOWMENT);
		assert_noop!(FacilityBooking::check_in(signed(MANAGER), 99), Error::<Test>::UnknownBooking);
	});
}

#[test]
fn closures_are_checked() {
	run(|| {
		let d = d0();
		assert_noop!(
			FacilityBooking::close(signed(MANAGER), LIB, d + 2, d + 1),
			Error::<Test>::InvalidClosure
		);
		assert_noop!(
			FacilityBooking::close(signed(MANAGER), LIB, d - 1, d),
			Error::<Test>::InvalidClosure
		);
		// MaxClosureDays is 7.
		assert_noop!(
			FacilityBooking::close(signed(MANAGER), LIB, d, d + 7),
			Error::<Test>::InvalidClosure
		);
		assert_ok!(FacilityBooking::close(signed(MANAGER), LIB, d, d + 6));
		assert_noop!(
			FacilityBooking::close(signed(OTHER_MANAGER), LIB, d, d),
			Error::<Test>::NotManager
		);
		assert_noop!(
			FacilityBooking::close(signed(MANAGER), 9, d, d),
			Error::<Test>::UnknownFacility
		);
		assert_noop!(
			FacilityBooking::close(RuntimeOrigin::none(), LIB, d, d),
			DispatchError::BadOrigin
		);
		// MaxPendingClosures is 2.
		assert_ok!(FacilityBooking::close(signed(MANAGER), HALL, d, d));
		assert_noop!(
			FacilityBooking::close(signed(MANAGER), LIB, d + 9, d + 9),
			Error::<Test>::TooManyPendingClosures
		);
		assert_noop!(
			FacilityBooking::process_closures(signed(DAVE), LIB, 0),
			Error::<Test>::InvalidStep
		);
		assert_noop!(
			FacilityBooking::process_closures(signed(DAVE), LIB, 4),
			Error::<Test>::InvalidStep
		);
		assert_noop!(
			FacilityBooking::process_closures(RuntimeOrigin::none(), LIB, 1),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn closures_on_record_are_bounded_and_past_ones_dropped() {
	run(|| {
		let d = d0();
		for k in 0..3 {
			assert_ok!(FacilityBooking::close(signed(MANAGER), LIB, d + 10 * k, d + 10 * k));
			assert_ok!(FacilityBooking::process_closures(signed(DAVE), LIB, 3));
		}
		assert_noop!(
			FacilityBooking::close(signed(MANAGER), LIB, d + 40, d + 40),
			Error::<Test>::TooManyClosures
		);
		// Once the first closure's day is past, it is dropped when the next is declared.
		set_local(d + 1, 9, 0);
		assert_ok!(FacilityBooking::close(signed(MANAGER), LIB, d + 40, d + 40));
		assert_eq!(
			Closures::<Test>::get(LIB).iter().map(|c| (c.from_day, c.to_day)).collect::<Vec<_>>(),
			vec![(d + 10, d + 10), (d + 20, d + 20), (d + 40, d + 40)]
		);
	});
}

#[test]
fn a_retired_facility_can_still_be_closed() {
	run(|| {
		let d = d0() + 3;
		book(ALICE, HALL, d, 10, 1);
		assert_ok!(FacilityBooking::retire_facility(root(), HALL));
		assert_ok!(FacilityBooking::close(signed(MANAGER), HALL, d, d));
		assert_ok!(FacilityBooking::process_closures(signed(DAVE), HALL, 1));
		assert_eq!(balance(ALICE), ENDOWMENT);
	});
}

#[test]
fn on_idle_works_through_a_closure_over_several_blocks() {
	run(|| {
		let d = d0() + 3;
		let ids: Vec<_> = [ALICE, BOB, CAROL]
			.into_iter()
			.map(|who| book(who, HALL, d, 10 + who as u16 - 10, 1))
			.collect();
		assert_ok!(FacilityBooking::close(signed(MANAGER), HALL, d, d));
		let room = <() as WeightInfo>::process_closures(1);
		for (block, id) in ids.iter().enumerate() {
			FacilityBooking::on_idle(block as u64 + 2, room);
			assert_eq!(cancellations().last(), Some(&(*id, FEE, CancelReason::Closure)));
		}
		assert!(ClosureQueue::<Test>::get().is_empty());
		assert_eq!(last_event(), Event::ClosureProcessed { facility: HALL, to_day: d });
		assert_eq!(facility_balance(HALL), 0);
	});
}

#[test]
fn checked_in_bookings_count_towards_a_step() {
	run(|| {
		let d = d0();
		set_local(d, 9, 45);
		let stays: Vec<_> =
			[ALICE, BOB, CAROL].into_iter().map(|who| book(who, LIB, d, 10, 1)).collect();
		for id in &stays {
			assert_ok!(FacilityBooking::check_in(signed(MANAGER), *id));
		}
		let goes = book(ALICE, LIB, d, 11, 1);
		assert_ok!(FacilityBooking::close(signed(MANAGER), LIB, d, d));
		// Three visited, all kept: the step ends before the fourth.
		assert_ok!(FacilityBooking::process_closures(signed(DAVE), LIB, 3));
		assert!(cancellations().is_empty());
		assert_eq!(ClosureQueue::<Test>::get()[0].next_index, 3);
		assert_ok!(FacilityBooking::process_closures(signed(DAVE), LIB, 3));
		assert_eq!(cancellations(), vec![(goes, 0, CancelReason::Closure)]);
		assert!(ClosureQueue::<Test>::get().is_empty());
	});
}

#[test]
fn a_same_day_closure_spares_slots_already_started_or_ended() {
	run(|| {
		let d = d0(); // a Friday: the hall is open 06:00–22:00
		set_local(d, 7, 0);
		let ended = book(ALICE, HALL, d, 8, 1);
		let started = book(BOB, HALL, d, 10, 1);
		let to_come = book(CAROL, HALL, d, 14, 1);
		// A typhoon warning at 10:30: the hall closes for the rest of the day.
		set_local(d, 10, 30);
		assert_ok!(FacilityBooking::close(signed(MANAGER), HALL, d, d));
		assert_eq!(Closures::<Test>::get(HALL)[0].declared_at, at(d, 10, 30));
		assert_noop!(
			FacilityBooking::book(signed(ALICE), HALL, d, 15, 1, fee_of(HALL)),
			Error::<Test>::ClosedOnDay
		);
		let slots = FacilityBooking::free_places(HALL, d).unwrap();
		assert!(slots.iter().all(|s| s.free == 0));
		assert_ok!(FacilityBooking::process_closures(signed(DAVE), HALL, 3));
		// Only the slot still to come is cancelled and refunded.
		assert_eq!(cancellations(), vec![(to_come, FEE, CancelReason::Closure)]);
		assert_eq!(balance(CAROL), ENDOWMENT);
		assert_eq!((balance(ALICE), balance(BOB)), (ENDOWMENT - FEE, ENDOWMENT - FEE));
		assert!(ClosureQueue::<Test>::get().is_empty());
		// The slot under way can still be checked in.
		assert_ok!(FacilityBooking::check_in(signed(MANAGER), started));
		// The ended slot stays a no-show, and is remembered when reaped.
		let view = FacilityBooking::citizen_bookings(&ALICE).unwrap();
		assert_eq!(
			view.no_shows.iter().map(|b| (b.id, b.state)).collect::<Vec<_>>(),
			vec![(ended, BookingState::NoShow)]
		);
		set_local(d + 2, 9, 0);
		assert_ok!(FacilityBooking::reap(signed(DAVE), HALL, d, 3));
		assert!(events().contains(&Event::Reaped {
			booking: ended,
			citizen: ALICE_ID,
			no_show: true
		}));
		assert_eq!(NoShows::<Test>::get(ALICE_ID, SPORTS).into_inner(), vec![at(d, 9, 0)]);
	});
}

#[test]
fn a_closure_starts_within_the_booking_horizon() {
	run(|| {
		let d = d0();
		// MaxHorizonDays is 60: nothing can be booked further ahead.
		assert_noop!(
			FacilityBooking::close(signed(MANAGER), LIB, d + 61, d + 61),
			Error::<Test>::InvalidClosure
		);
		assert_ok!(FacilityBooking::close(signed(MANAGER), LIB, d + 60, d + 62));
	});
}

#[test]
fn the_city_lifts_a_closure() {
	run(|| {
		let d = d0() + 3;
		let cancelled = book(ALICE, HALL, d, 10, 1);
		let kept = book(BOB, HALL, d, 11, 1);
		assert_ok!(FacilityBooking::close(signed(MANAGER), HALL, d, d + 1));
		assert_ok!(FacilityBooking::process_closures(signed(DAVE), HALL, 1));
		assert_eq!(cancellations(), vec![(cancelled, FEE, CancelReason::Closure)]);
		assert_noop!(
			FacilityBooking::lift_closure(signed(MANAGER), HALL, d, d + 1),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(
			FacilityBooking::lift_closure(root(), HALL, d, d),
			Error::<Test>::UnknownClosure
		);
		assert_noop!(
			FacilityBooking::lift_closure(root(), 9, d, d + 1),
			Error::<Test>::UnknownFacility
		);
		assert_ok!(FacilityBooking::lift_closure(root(), HALL, d, d + 1));
		assert_eq!(
			last_event(),
			Event::ClosureLifted { facility: HALL, from_day: d, to_day: d + 1 }
		);
		assert!(Closures::<Test>::get(HALL).is_empty());
		assert!(ClosureQueue::<Test>::get().is_empty());
		// What was cancelled stays cancelled; what was not reached is kept, and the days take
		// bookings again.
		assert!(!Bookings::<Test>::contains_key(cancelled));
		assert_eq!(Bookings::<Test>::get(kept).unwrap().status, BookingStatus::Booked);
		book(ALICE, HALL, d + 1, 10, 1);
		// A processed closure is lifted too.
		assert_ok!(FacilityBooking::close(signed(MANAGER), HALL, d + 5, d + 5));
		assert_ok!(FacilityBooking::process_closures(signed(DAVE), HALL, 1));
		assert_ok!(FacilityBooking::lift_closure(root(), HALL, d + 5, d + 5));
		assert!(Closures::<Test>::get(HALL).is_empty());
	});
}
