//! An ended course is reaped `ReapAfterDays` after its last session: its participants go in
//! bounded steps (missed sessions remembered as no-shows where the city says they count), then
//! the course.

use super::*;
use frame_support::{assert_noop, traits::Hooks, weights::Weight};
use sp_runtime::DispatchError;

#[test]
fn an_ended_course_is_reaped_in_steps_recording_missed_sessions() {
	run(|| {
		assert_ok!(FacilityBooking::set_course_policy(
			root(),
			SPORTS,
			CoursePolicy { counts_towards_quota: false, no_shows_count: true }
		));
		let course = publish(course_spec(2, None));
		enroll(ALICE, course);
		enroll(BOB, course);
		enroll(CAROL, course);
		enroll(crowd(0), course);
		// Alice attends the first session; Bob none.
		MockTime::set(at(first_day(), 10, 0));
		assert_ok!(FacilityBooking::check_in_session(signed(MANAGER), course, 0, ALICE_ID));
		// `ReapAfterDays` is 1: not on the day after the last session.
		set_local(first_day() + 5, 12, 0);
		assert_noop!(
			FacilityBooking::reap_course(signed(DAVE), course, 3),
			Error::<Test>::TooEarlyToReap
		);
		set_local(first_day() + 6, 0, 0);
		assert_ok!(FacilityBooking::reap_course(signed(DAVE), course, 3));
		let c = Courses::<Test>::get(course).unwrap();
		assert_eq!(c.status, CourseStatus::Ended);
		assert_eq!((c.state.wait_head, c.state.offer_head), (None, None));
		assert_ok!(FacilityBooking::reap_course(signed(DAVE), course, 3));
		assert!(!Courses::<Test>::contains_key(course));
		assert!(FacilityCourses::<Test>::get(HALL).is_empty());
		assert!(events().contains(&Event::CourseRemoved { course }));
		let reaped: Vec<(CitizenId, u32)> = events()
			.into_iter()
			.filter_map(|e| match e {
				Event::CourseParticipantReaped { citizen, missed, .. } => Some((citizen, missed)),
				_ => None,
			})
			.collect();
		assert_eq!(reaped.len(), 4);
		assert!(reaped.contains(&(ALICE_ID, 2)));
		assert!(reaped.contains(&(BOB_ID, 3)));
		assert!(reaped.contains(&(CAROL_ID, 0)));
		// The no-shows are remembered (the category's window is 90 days).
		assert_eq!(NoShows::<Test>::get(ALICE_ID, SPORTS).len(), 2);
		assert_eq!(NoShows::<Test>::get(BOB_ID, SPORTS).len(), 3);
		// Bob is still suspended from the hall, now from the remembered no-shows.
		assert_noop!(
			FacilityBooking::book(signed(BOB), HALL, first_day() + 7, 10, 1, fee_of(HALL)),
			Error::<Test>::SuspendedForNoShows
		);
	});
}

#[test]
fn without_the_policy_missed_sessions_are_not_remembered() {
	run(|| {
		let course = publish(course_spec(2, None));
		enroll(ALICE, course);
		set_local(first_day() + 6, 0, 0);
		assert_ok!(FacilityBooking::reap_course(signed(DAVE), course, 1));
		assert!(events().contains(&Event::CourseParticipantReaped {
			course,
			citizen: ALICE_ID,
			missed: 0
		}));
		assert!(NoShows::<Test>::get(ALICE_ID, SPORTS).is_empty());
	});
}

#[test]
fn on_idle_reaps_ended_courses() {
	run(|| {
		let course = publish(course_spec(2, None));
		enroll(ALICE, course);
		let empty = publish(course_spec(2, None));
		set_local(first_day() + 6, 0, 0);
		for _ in 0..4 {
			FacilityBooking::on_idle(2, Weight::MAX);
		}
		assert!(!Courses::<Test>::contains_key(course));
		assert!(!Courses::<Test>::contains_key(empty));
		assert!(CitizenCourses::<Test>::get(ALICE_ID).is_empty());
	});
}

#[test]
fn reaping_rules() {
	run(|| {
		let course = publish(course_spec(2, None));
		enroll(ALICE, course);
		assert_noop!(
			FacilityBooking::reap_course(signed(DAVE), 9, 1),
			Error::<Test>::UnknownCourse
		);
		for max in [0, 4] {
			assert_noop!(
				FacilityBooking::reap_course(signed(DAVE), course, max),
				Error::<Test>::InvalidStep
			);
		}
		assert_noop!(
			FacilityBooking::reap_course(RuntimeOrigin::none(), course, 1),
			DispatchError::BadOrigin
		);
		assert_ok!(FacilityBooking::cancel_course(signed(MANAGER), course));
		set_local(first_day() + 6, 0, 0);
		assert_noop!(
			FacilityBooking::reap_course(signed(DAVE), course, 1),
			Error::<Test>::CourseCancelled
		);
	});
}
