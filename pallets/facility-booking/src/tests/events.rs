//! The city lists events anywhere; a facility's manager lists them at their facility. Each
//! rule refuses with its own error and changes nothing.

use super::*;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

fn tomorrow_at(hour: u32) -> Moment {
	at(d0() + 1, hour, 0)
}

#[test]
fn the_city_lists_an_event_in_a_zone() {
	run(|| {
		let spec = event_spec(tomorrow_at(18), Some(3), 100);
		let id = list(spec.clone());
		assert_eq!(id, 0);
		assert_eq!(
			last_event(),
			Event::EventListed {
				event: 0,
				zone: SEOMYEON,
				facility: None,
				start: tomorrow_at(18),
				end: tomorrow_at(20),
				capacity: Some(3)
			}
		);
		let e = Events::<Test>::get(0).unwrap();
		assert_eq!((e.registered, e.status), (0, EventStatus::Listed));
		assert_eq!(
			ZoneEvents::<Test>::get(SEOMYEON).into_inner(),
			vec![EventEntry { event: 0, place: spec.place, start: spec.start, end: spec.end }]
		);
		// Open to all: no capacity.
		list(event_spec(tomorrow_at(18), None, 200));
	});
}

#[test]
fn a_manager_lists_events_at_their_facility_only() {
	run(|| {
		let mut spec = event_spec(tomorrow_at(18), Some(3), 100);
		assert_noop!(
			FacilityBooking::list_event(signed(MANAGER), spec.clone()),
			Error::<Test>::NotManager
		);
		spec.facility = Some(HALL);
		assert_noop!(
			FacilityBooking::list_event(signed(OTHER_MANAGER), spec.clone()),
			Error::<Test>::NotManager
		);
		assert_noop!(
			FacilityBooking::list_event(RuntimeOrigin::none(), spec.clone()),
			DispatchError::BadOrigin
		);
		assert_ok!(FacilityBooking::list_event(signed(MANAGER), spec.clone()));
		assert!(matches!(last_event(), Event::EventListed { facility: Some(HALL), .. }));
		let mut unknown = spec.clone();
		unknown.facility = Some(9);
		assert_noop!(
			FacilityBooking::list_event(signed(MANAGER), unknown.clone()),
			Error::<Test>::UnknownFacility
		);
		assert_noop!(FacilityBooking::list_event(root(), unknown), Error::<Test>::UnknownFacility);
		assert_ok!(FacilityBooking::retire_facility(root(), HALL));
		assert_noop!(
			FacilityBooking::list_event(signed(MANAGER), spec.clone()),
			Error::<Test>::FacilityRetired
		);
		assert_noop!(FacilityBooking::list_event(root(), spec), Error::<Test>::FacilityRetired);
	});
}

#[test]
fn the_place_lies_in_the_zone_and_so_does_the_facility() {
	run(|| {
		let mut spec = event_spec(tomorrow_at(18), None, 100);
		spec.zone = 9;
		assert_noop!(FacilityBooking::list_event(root(), spec), Error::<Test>::UnknownZone);
		let mut spec = event_spec(tomorrow_at(18), None, 100);
		spec.place = GeoPoint::new(91_000_000, 0);
		assert_noop!(FacilityBooking::list_event(root(), spec), Error::<Test>::InvalidPoint);
		let mut spec = event_spec(tomorrow_at(18), None, 100);
		spec.place = HAEUNDAE_POINT;
		assert_noop!(FacilityBooking::list_event(root(), spec), Error::<Test>::LocationOutsideZone);
		// A Haeundae event at a Seomyeon facility.
		let mut spec = event_spec(tomorrow_at(18), None, 100);
		spec.zone = HAEUNDAE;
		spec.place = HAEUNDAE_POINT;
		spec.facility = Some(LIB);
		assert_noop!(FacilityBooking::list_event(root(), spec), Error::<Test>::LocationOutsideZone);
	});
}

#[test]
fn times_and_capacity_are_checked() {
	run(|| {
		let refused = |spec: EventSpecOf<Test>, error: Error<Test>| {
			assert_noop!(FacilityBooking::list_event(root(), spec), error);
		};
		refused(event_spec(START, None, 0), Error::<Test>::InvalidEventTime);
		let mut spec = event_spec(tomorrow_at(18), None, 0);
		spec.end = spec.start;
		refused(spec, Error::<Test>::InvalidEventTime);
		// Ending at most `MaxScheduleDays` (120) ahead.
		let mut spec = event_spec(tomorrow_at(18), None, 0);
		spec.end = START + 120 * DAY + 1;
		refused(spec, Error::<Test>::TooFarAhead);
		for capacity in [0, 4] {
			refused(
				event_spec(tomorrow_at(18), Some(capacity), 0),
				Error::<Test>::InvalidEventCapacity,
			);
		}
		let mut spec = event_spec(tomorrow_at(18), Some(3), 0);
		spec.end = START + 120 * DAY;
		list(spec);
	});
}

#[test]
fn a_zone_holds_a_bounded_number_of_events_and_ended_ones_make_room() {
	run(|| {
		// `MaxEventsPerZone` is 4.
		for hour in 10..14 {
			list(event_spec(tomorrow_at(hour), None, 0));
		}
		assert_noop!(
			FacilityBooking::list_event(root(), event_spec(tomorrow_at(15), None, 0)),
			Error::<Test>::TooManyEventsInZone
		);
		// Another zone has room.
		let mut elsewhere = event_spec(tomorrow_at(15), None, 0);
		elsewhere.zone = JEONPO;
		elsewhere.place = JEONPO_POINT;
		list(elsewhere);
		// Once the first has ended (10:00–12:00), listing drops it from the index.
		MockTime::set(tomorrow_at(12));
		let id = list(event_spec(tomorrow_at(15), None, 0));
		assert_eq!(
			ZoneEvents::<Test>::get(SEOMYEON).iter().map(|e| e.event).collect::<Vec<_>>(),
			vec![1, 2, 3, id]
		);
		assert!(Events::<Test>::contains_key(0), "the event itself stays until reaped");
	});
}
