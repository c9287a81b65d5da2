//! The manager checks enrolled citizens in at each session.

use super::*;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn the_manager_checks_an_enrolled_citizen_in_at_a_session() {
	run(|| {
		let course = publish(course_spec(1, None));
		enroll(ALICE, course);
		enroll(BOB, course);
		// From 30 minutes before the session to its end.
		MockTime::set(at(first_day(), 9, 29));
		assert_noop!(
			FacilityBooking::check_in_session(signed(MANAGER), course, 0, ALICE_ID),
			Error::<Test>::OutsideCheckInWindow
		);
		MockTime::set(at(first_day(), 9, 30));
		assert_ok!(FacilityBooking::check_in_session(signed(MANAGER), course, 0, ALICE_ID));
		assert_eq!(last_event(), Event::SessionCheckedIn { course, session: 0, citizen: ALICE_ID });
		assert_eq!(Participants::<Test>::get(course, ALICE_ID).unwrap().attended, 0b1);
		assert_noop!(
			FacilityBooking::check_in_session(signed(MANAGER), course, 0, ALICE_ID),
			Error::<Test>::AlreadyCheckedIn
		);
		// Not yet open for the next session; a waiting citizen is not enrolled.
		assert_noop!(
			FacilityBooking::check_in_session(signed(MANAGER), course, 1, ALICE_ID),
			Error::<Test>::OutsideCheckInWindow
		);
		assert_noop!(
			FacilityBooking::check_in_session(signed(MANAGER), course, 0, BOB_ID),
			Error::<Test>::NotEnrolled
		);
		assert_noop!(
			FacilityBooking::check_in_session(signed(MANAGER), course, 0, CAROL_ID),
			Error::<Test>::NotEnrolled
		);
		assert_noop!(
			FacilityBooking::check_in_session(signed(MANAGER), course, 3, ALICE_ID),
			Error::<Test>::UnknownSession
		);
		MockTime::set(at(first_day() + 2, 10, 59));
		assert_ok!(FacilityBooking::check_in_session(signed(MANAGER), course, 1, ALICE_ID));
		MockTime::set(at(first_day() + 4, 11, 0));
		assert_noop!(
			FacilityBooking::check_in_session(signed(MANAGER), course, 2, ALICE_ID),
			Error::<Test>::OutsideCheckInWindow
		);
		let view = FacilityBooking::citizen_courses_of(ALICE_ID);
		assert_eq!((view.courses[0].attended, view.courses[0].missed), (2, 1));
	});
}

#[test]
fn only_the_current_manager_checks_in_and_never_themselves() {
	run(|| {
		let course = publish(course_spec(2, None));
		add_citizen(201, OTHER_MANAGER);
		enroll(OTHER_MANAGER, course);
		enroll(ALICE, course);
		MockTime::set(at(first_day(), 10, 0));
		assert_noop!(
			FacilityBooking::check_in_session(signed(OTHER_MANAGER), course, 0, ALICE_ID),
			Error::<Test>::NotManager
		);
		assert_noop!(
			FacilityBooking::check_in_session(root(), course, 0, ALICE_ID),
			DispatchError::BadOrigin
		);
		assert_noop!(
			FacilityBooking::check_in_session(signed(MANAGER), 9, 0, ALICE_ID),
			Error::<Test>::UnknownCourse
		);
		assert_ok!(FacilityBooking::appoint_manager(root(), HALL, OTHER_MANAGER));
		assert_noop!(
			FacilityBooking::check_in_session(signed(MANAGER), course, 0, ALICE_ID),
			Error::<Test>::NotManager
		);
		// The new manager is enrolled themselves: they check others in, not themselves.
		assert_noop!(
			FacilityBooking::check_in_session(signed(OTHER_MANAGER), course, 0, 201),
			Error::<Test>::OwnBooking
		);
		assert_ok!(FacilityBooking::check_in_session(signed(OTHER_MANAGER), course, 0, ALICE_ID));
	});
}

#[test]
fn no_check_in_on_a_closed_day_or_in_a_cancelled_course() {
	run(|| {
		let course = publish(course_spec(2, None));
		enroll(ALICE, course);
		assert_ok!(FacilityBooking::close(signed(MANAGER), HALL, first_day(), first_day()));
		MockTime::set(at(first_day(), 10, 0));
		assert_noop!(
			FacilityBooking::check_in_session(signed(MANAGER), course, 0, ALICE_ID),
			Error::<Test>::ClosedOnDay
		);
		assert_ok!(FacilityBooking::cancel_course(signed(MANAGER), course));
		assert_noop!(
			FacilityBooking::check_in_session(signed(MANAGER), course, 0, ALICE_ID),
			Error::<Test>::CourseCancelled
		);
	});
}
