//! Citizens register (free) for events with a capacity, and give registrations up, before the
//! event starts.

use super::*;
use citizen_primitives::testing::MockCitizenRegistry;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

fn festival(capacity: Option<u32>) -> EventId {
	list(event_spec(at(d0() + 1, 18, 0), capacity, 100))
}

#[test]
fn a_citizen_registers_and_unregisters() {
	run(|| {
		let event = festival(Some(2));
		assert_ok!(FacilityBooking::register_for_event(signed(ALICE), event));
		assert_eq!(last_event(), Event::RegisteredForEvent { event, citizen: ALICE_ID });
		assert_eq!(Events::<Test>::get(event).unwrap().registered, 1);
		assert_eq!(EventRegistrations::<Test>::get(event, ALICE_ID), Some(START));
		assert_eq!(CitizenEvents::<Test>::get(ALICE_ID).into_inner(), vec![event]);
		assert_eq!(balance(ALICE), ENDOWMENT, "registration is free");
		assert_ok!(FacilityBooking::unregister_from_event(signed(ALICE), event));
		assert_eq!(last_event(), Event::UnregisteredFromEvent { event, citizen: ALICE_ID });
		assert_eq!(Events::<Test>::get(event).unwrap().registered, 0);
		assert!(CitizenEvents::<Test>::get(ALICE_ID).is_empty());
	});
}

#[test]
fn registration_rules() {
	run(|| {
		let event = festival(Some(2));
		assert_noop!(
			FacilityBooking::register_for_event(signed(ALICE), 9),
			Error::<Test>::UnknownEvent
		);
		let open = festival(None);
		assert_noop!(
			FacilityBooking::register_for_event(signed(ALICE), open),
			Error::<Test>::NoRegistration
		);
		assert_ok!(FacilityBooking::register_for_event(signed(ALICE), event));
		assert_noop!(
			FacilityBooking::register_for_event(signed(ALICE), event),
			Error::<Test>::AlreadyRegistered
		);
		assert_ok!(FacilityBooking::register_for_event(signed(BOB), event));
		assert_noop!(
			FacilityBooking::register_for_event(signed(CAROL), event),
			Error::<Test>::EventFull
		);
		assert_noop!(
			FacilityBooking::unregister_from_event(signed(CAROL), event),
			Error::<Test>::NotRegistered
		);
		assert_noop!(
			FacilityBooking::register_for_event(signed(DAVE), event),
			Error::<Test>::NotCitizen
		);
		MockCitizenRegistry::set_active(CAROL_ID, false);
		assert_noop!(
			FacilityBooking::register_for_event(signed(CAROL), event),
			Error::<Test>::NotCitizen
		);
		for origin in [root(), RuntimeOrigin::none()] {
			assert_noop!(
				FacilityBooking::register_for_event(origin.clone(), event),
				DispatchError::BadOrigin
			);
			assert_noop!(
				FacilityBooking::unregister_from_event(origin, event),
				DispatchError::BadOrigin
			);
		}
		// Once it has started, neither.
		MockTime::set(at(d0() + 1, 18, 0));
		assert_noop!(
			FacilityBooking::unregister_from_event(signed(ALICE), event),
			Error::<Test>::EventStarted
		);
		let later = list(event_spec(at(d0() + 1, 19, 0), Some(3), 100));
		MockTime::set(at(d0() + 1, 19, 0));
		assert_noop!(
			FacilityBooking::register_for_event(signed(ALICE), later),
			Error::<Test>::EventStarted
		);
	});
}

#[test]
fn a_citizen_holds_a_bounded_number_of_registrations_and_ended_ones_make_room() {
	run(|| {
		// `MaxEventsPerCitizen` is 3.
		let events: Vec<EventId> =
			(0..3).map(|i| list(event_spec(at(d0() + 1, 10 + i, 0), Some(3), 0))).collect();
		for e in &events {
			assert_ok!(FacilityBooking::register_for_event(signed(ALICE), *e));
		}
		let fourth = {
			let mut spec = event_spec(at(d0() + 2, 10, 0), Some(3), 0);
			spec.zone = JEONPO;
			spec.place = JEONPO_POINT;
			list(spec)
		};
		assert_noop!(
			FacilityBooking::register_for_event(signed(ALICE), fourth),
			Error::<Test>::TooManyEventRegistrations
		);
		// The first (10:00–12:00 tomorrow) has ended: registering drops it.
		MockTime::set(at(d0() + 1, 12, 0));
		assert_ok!(FacilityBooking::register_for_event(signed(ALICE), fourth));
		assert_eq!(
			CitizenEvents::<Test>::get(ALICE_ID).into_inner(),
			vec![events[1], events[2], fourth]
		);
		assert_eq!(Events::<Test>::get(events[0]).unwrap().registered, 0);
	});
}
