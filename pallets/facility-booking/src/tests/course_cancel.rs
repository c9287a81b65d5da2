//! Cancelling a course refunds every seat in full and removes everyone, in bounded steps
//! (anyone's `process_cancellation`, `on_idle`), with an event per participant.

use super::*;
use frame_support::{assert_noop, traits::Hooks, weights::Weight};
use sp_runtime::DispatchError;

/// A paid course of 3 seats, full, with two waiting and one offer: Alice, Bob and crowd 0
/// enrolled; crowd 0 withdraws so crowd 1 is offered; crowd 2 waits.
fn busy_course() -> CourseId {
	let course = publish(course_spec(3, Some(COURSE_FEE)));
	enroll(ALICE, course);
	enroll(BOB, course);
	let c: Vec<u64> = (0..4).map(crowd).collect();
	enroll(c[0], course);
	enroll(c[1], course);
	enroll(c[2], course);
	enroll(c[3], course);
	assert_ok!(FacilityBooking::withdraw(signed(c[0]), course));
	assert_eq!(counts(course), (2, 1, 2));
	course
}

#[test]
fn a_cancelled_course_refunds_every_seat_in_full_in_bounded_steps() {
	run(|| {
		let course = busy_course();
		set_local(first_day(), 9, 0); // on the day: a withdrawal would refund nothing
		assert_ok!(FacilityBooking::cancel_course(signed(MANAGER), course));
		assert_eq!(last_event(), Event::CourseCancelled { course });
		assert_eq!(CancelQueue::<Test>::get().into_inner(), vec![Listing::Course(course)]);
		assert!(ZoneCourses::<Test>::get(SEOMYEON).is_empty());
		assert_eq!(Courses::<Test>::get(course).unwrap().status, CourseStatus::Cancelled);
		// Anyone works through a step of up to `MaxCancellationsPerStep` (3).
		System::reset_events();
		assert_ok!(FacilityBooking::process_cancellation(signed(DAVE), Listing::Course(course), 3));
		let step: Vec<_> = events()
			.into_iter()
			.filter(|e| matches!(e, Event::EnrolmentCancelled { .. }))
			.collect();
		assert_eq!(step.len(), 3);
		assert!(Courses::<Test>::contains_key(course));
		// The idle hook does the rest.
		FacilityBooking::on_idle(2, Weight::MAX);
		assert!(!Courses::<Test>::contains_key(course));
		assert!(CancelQueue::<Test>::get().is_empty());
		assert!(FacilityCourses::<Test>::get(HALL).is_empty());
		assert!(events().contains(&Event::CourseRemoved { course }));
		assert_eq!(balance(ALICE), ENDOWMENT);
		assert_eq!(balance(BOB), ENDOWMENT);
		let refunds: Vec<(CitizenId, StandingKind, Balance)> = System::events()
			.into_iter()
			.filter_map(|r| match r.event {
				RuntimeEvent::FacilityBooking(Event::EnrolmentCancelled {
					citizen,
					standing,
					refund,
					..
				}) => Some((citizen, standing, refund)),
				_ => None,
			})
			.collect();
		let mut sorted = refunds.clone();
		sorted.sort_by_key(|r| r.0);
		assert_eq!(
			sorted,
			vec![
				(ALICE_ID, StandingKind::Enrolled, COURSE_FEE),
				(BOB_ID, StandingKind::Enrolled, COURSE_FEE),
				(1_001, StandingKind::Offered, 0),
				(1_002, StandingKind::Waiting, 0),
				(1_003, StandingKind::Waiting, 0),
			]
		);
		for id in [ALICE_ID, BOB_ID, 1_001, 1_002, 1_003] {
			assert!(CitizenCourses::<Test>::get(id).is_empty());
		}
		assert_eq!(facility_balance(HALL), 0, "the crowd's withdrawal was refunded in full too");
	});
}

#[test]
fn the_city_cancels_too_and_a_course_nobody_is_in_goes_at_once() {
	run(|| {
		let course = publish(course_spec(3, None));
		assert_ok!(FacilityBooking::cancel_course(root(), course));
		let happened = events();
		assert_eq!(
			happened[happened.len() - 2..].to_vec(),
			vec![Event::CourseCancelled { course }, Event::CourseRemoved { course }]
		);
		assert!(!Courses::<Test>::contains_key(course));
		assert!(CancelQueue::<Test>::get().is_empty());
	});
}

#[test]
fn a_cancellation_gives_quota_places_back() {
	run(|| {
		assert_ok!(FacilityBooking::set_course_policy(
			root(),
			SPORTS,
			CoursePolicy { counts_towards_quota: true, no_shows_count: false }
		));
		let course = publish(course_spec(3, None));
		enroll(ALICE, course);
		assert_eq!(FacilityBooking::booked_in_month(ALICE_ID, SPORTS, d0()), 1);
		assert_ok!(FacilityBooking::cancel_course(signed(MANAGER), course));
		assert_ok!(FacilityBooking::process_cancellation(signed(DAVE), Listing::Course(course), 1));
		assert_eq!(FacilityBooking::booked_in_month(ALICE_ID, SPORTS, d0()), 0);
	});
}

#[test]
fn who_may_cancel_and_when() {
	run(|| {
		let course = publish(course_spec(3, None));
		enroll(ALICE, course);
		assert_noop!(
			FacilityBooking::cancel_course(signed(OTHER_MANAGER), course),
			Error::<Test>::NotManager
		);
		assert_noop!(
			FacilityBooking::cancel_course(signed(ALICE), course),
			Error::<Test>::NotManager
		);
		assert_noop!(
			FacilityBooking::cancel_course(RuntimeOrigin::none(), course),
			DispatchError::BadOrigin
		);
		assert_noop!(FacilityBooking::cancel_course(root(), 9), Error::<Test>::UnknownCourse);
		// Not once its last session has ended.
		MockTime::set(at(first_day() + 4, 11, 0));
		assert_noop!(
			FacilityBooking::cancel_course(signed(MANAGER), course),
			Error::<Test>::CourseEnded
		);
		MockTime::set(at(first_day() + 4, 10, 59));
		assert_ok!(FacilityBooking::cancel_course(signed(MANAGER), course));
		assert_noop!(
			FacilityBooking::cancel_course(signed(MANAGER), course),
			Error::<Test>::CourseCancelled
		);
	});
}

#[test]
fn cancellations_being_worked_through_are_bounded() {
	run(|| {
		// `MaxPendingCancellations` is 2.
		let courses: Vec<CourseId> = (0..3).map(|_| publish(course_spec(3, None))).collect();
		for c in &courses {
			enroll(ALICE, *c);
		}
		assert_ok!(FacilityBooking::cancel_course(signed(MANAGER), courses[0]));
		assert_ok!(FacilityBooking::cancel_course(signed(MANAGER), courses[1]));
		assert_noop!(
			FacilityBooking::cancel_course(signed(MANAGER), courses[2]),
			Error::<Test>::TooManyPendingCancellations
		);
		assert_noop!(
			FacilityBooking::process_cancellation(signed(DAVE), Listing::Course(courses[2]), 1),
			Error::<Test>::NoCancellationPending
		);
		for max in [0, 4] {
			assert_noop!(
				FacilityBooking::process_cancellation(
					signed(DAVE),
					Listing::Course(courses[0]),
					max
				),
				Error::<Test>::InvalidStep
			);
		}
		assert_noop!(
			FacilityBooking::process_cancellation(RuntimeOrigin::none(), Listing::Course(0), 1),
			DispatchError::BadOrigin
		);
		assert_ok!(FacilityBooking::process_cancellation(
			signed(DAVE),
			Listing::Course(courses[0]),
			1
		));
		assert_ok!(FacilityBooking::cancel_course(signed(MANAGER), courses[2]));
	});
}
