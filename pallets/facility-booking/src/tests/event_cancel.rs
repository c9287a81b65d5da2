//! Cancelling an event removes its registrations in bounded steps, with an event each; an
//! ended event is reaped `ReapAfterDays` later.

use super::*;
use frame_support::{assert_noop, traits::Hooks, weights::Weight};
use sp_runtime::DispatchError;

/// A Seomyeon-hall event tomorrow evening with Alice, Bob and Carol registered.
fn full_event() -> EventId {
	let mut spec = event_spec(at(d0() + 1, 18, 0), Some(3), 100);
	spec.facility = Some(HALL);
	assert_ok!(FacilityBooking::list_event(signed(MANAGER), spec));
	let event = NextEventId::<Test>::get() - 1;
	for who in [ALICE, BOB, CAROL] {
		assert_ok!(FacilityBooking::register_for_event(signed(who), event));
	}
	event
}

#[test]
fn a_cancelled_event_drops_its_registrations_in_bounded_steps() {
	run(|| {
		let event = full_event();
		assert_ok!(FacilityBooking::cancel_event(signed(MANAGER), event));
		assert_eq!(last_event(), Event::EventCancelled { event });
		assert!(ZoneEvents::<Test>::get(SEOMYEON).is_empty());
		assert_eq!(Events::<Test>::get(event).unwrap().status, EventStatus::Cancelled);
		let late = crowd(0);
		assert_noop!(
			FacilityBooking::register_for_event(signed(late), event),
			Error::<Test>::EventCancelled
		);
		assert_noop!(
			FacilityBooking::unregister_from_event(signed(ALICE), event),
			Error::<Test>::EventCancelled
		);
		assert_ok!(FacilityBooking::process_cancellation(signed(DAVE), Listing::Event(event), 2));
		assert_eq!(Events::<Test>::get(event).unwrap().registered, 1);
		FacilityBooking::on_idle(2, Weight::MAX);
		assert!(!Events::<Test>::contains_key(event));
		assert!(CancelQueue::<Test>::get().is_empty());
		let dropped = events()
			.into_iter()
			.filter(|e| matches!(e, Event::EventRegistrationCancelled { .. }))
			.count();
		assert_eq!(dropped, 3);
		assert_eq!(last_event(), Event::EventRemoved { event });
		for id in [ALICE_ID, BOB_ID, CAROL_ID] {
			assert!(CitizenEvents::<Test>::get(id).is_empty());
		}
	});
}

#[test]
fn who_may_cancel_an_event_and_when() {
	run(|| {
		let event = full_event();
		assert_noop!(
			FacilityBooking::cancel_event(signed(OTHER_MANAGER), event),
			Error::<Test>::NotManager
		);
		assert_noop!(
			FacilityBooking::cancel_event(RuntimeOrigin::none(), event),
			DispatchError::BadOrigin
		);
		assert_noop!(FacilityBooking::cancel_event(root(), 9), Error::<Test>::UnknownEvent);
		// A city event: no manager cancels it.
		let city = list(event_spec(at(d0() + 1, 18, 0), None, 100));
		assert_noop!(
			FacilityBooking::cancel_event(signed(MANAGER), city),
			Error::<Test>::NotManager
		);
		// With nobody registered it goes at once.
		assert_ok!(FacilityBooking::cancel_event(root(), city));
		assert_eq!(last_event(), Event::EventRemoved { event: city });
		// A replaced manager cancels no more.
		assert_ok!(FacilityBooking::appoint_manager(root(), HALL, OTHER_MANAGER));
		assert_noop!(
			FacilityBooking::cancel_event(signed(MANAGER), event),
			Error::<Test>::NotManager
		);
		MockTime::set(at(d0() + 1, 20, 0));
		assert_noop!(FacilityBooking::cancel_event(root(), event), Error::<Test>::EventEnded);
		MockTime::set(at(d0() + 1, 19, 59));
		assert_ok!(FacilityBooking::cancel_event(signed(OTHER_MANAGER), event));
		assert_noop!(FacilityBooking::cancel_event(root(), event), Error::<Test>::EventCancelled);
		assert_noop!(
			FacilityBooking::reap_event(signed(DAVE), event, 1),
			Error::<Test>::EventCancelled
		);
	});
}

#[test]
fn an_ended_event_is_reaped_in_steps() {
	run(|| {
		let event = full_event();
		assert_noop!(
			FacilityBooking::reap_event(signed(DAVE), event, 3),
			Error::<Test>::TooEarlyToReap
		);
		assert_noop!(FacilityBooking::reap_event(signed(DAVE), 9, 3), Error::<Test>::UnknownEvent);
		for max in [0, 4] {
			assert_noop!(
				FacilityBooking::reap_event(signed(DAVE), event, max),
				Error::<Test>::InvalidStep
			);
		}
		assert_noop!(
			FacilityBooking::reap_event(RuntimeOrigin::none(), event, 1),
			DispatchError::BadOrigin
		);
		// `ReapAfterDays` is 1: two days after the event's day.
		set_local(d0() + 3, 0, 0);
		assert_ok!(FacilityBooking::reap_event(signed(DAVE), event, 2));
		assert_eq!(Events::<Test>::get(event).unwrap().registered, 1);
		assert!(ZoneEvents::<Test>::get(SEOMYEON).is_empty());
		assert_ok!(FacilityBooking::reap_event(signed(DAVE), event, 2));
		assert!(!Events::<Test>::contains_key(event));
		assert_eq!(last_event(), Event::EventRemoved { event });
		// An ended event nobody registered for goes in `on_idle`.
		let later = list(event_spec(at(d0() + 3, 18, 0), None, 0));
		set_local(d0() + 5, 0, 0);
		FacilityBooking::on_idle(2, Weight::MAX);
		assert!(!Events::<Test>::contains_key(later));
	});
}
