//! A citizen leaves a course: a seat before the first session (refund by the course's tiers,
//! the seat offered to the head of the waitlist), an offer, or a waitlist place; the manager
//! removes a participant (a seat refunded in full).

use super::*;
use citizen_primitives::testing::MockCitizenRegistry;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

/// Alice takes a seat of the paid course now, then leaves at 09:00 on `day`; returns the
/// refund.
fn refund_on(day: DayNumber) -> Balance {
	let course = publish(course_spec(2, Some(COURSE_FEE)));
	enroll(ALICE, course);
	set_local(day, 9, 0);
	let before = balance(ALICE);
	assert_ok!(FacilityBooking::withdraw(signed(ALICE), course));
	let refund = balance(ALICE) - before;
	assert_eq!(
		last_event(),
		Event::Withdrew { course, citizen: ALICE_ID, standing: StandingKind::Enrolled, refund }
	);
	assert_eq!(standing(course, ALICE_ID), None);
	assert!(CitizenCourses::<Test>::get(ALICE_ID).is_empty());
	refund
}

#[test]
fn refunds_follow_the_courses_tiers_by_days_before_the_first_session() {
	for (days_before, refund) in
		[(9, COURSE_FEE), (5, COURSE_FEE), (4, 27_000), (1, 27_000), (0, 0)]
	{
		run(|| {
			set_local(d0(), 9, 0);
			assert_eq!(refund_on(first_day() - days_before), refund, "{days_before} days before");
		});
	}
}

#[test]
fn a_seat_is_given_up_only_before_the_course_starts() {
	run(|| {
		let course = publish(course_spec(2, Some(COURSE_FEE)));
		enroll(ALICE, course);
		MockTime::set(at(first_day(), 10, 0));
		assert_noop!(
			FacilityBooking::withdraw(signed(ALICE), course),
			Error::<Test>::TooLateToWithdraw
		);
	});
}

#[test]
fn a_waitlist_place_is_left_until_the_course_ends() {
	run(|| {
		let course = publish(course_spec(1, None));
		enroll(ALICE, course);
		enroll(BOB, course);
		enroll(CAROL, course);
		MockTime::set(at(first_day() + 2, 10, 0));
		assert_ok!(FacilityBooking::withdraw(signed(BOB), course));
		MockTime::set(at(first_day() + 4, 11, 0));
		assert_noop!(FacilityBooking::withdraw(signed(CAROL), course), Error::<Test>::CourseEnded);
	});
}

#[test]
fn only_a_participant_of_a_course_leaves_it() {
	run(|| {
		let course = publish(course_spec(2, None));
		assert_noop!(FacilityBooking::withdraw(signed(ALICE), course), Error::<Test>::NotEnrolled);
		assert_noop!(FacilityBooking::withdraw(signed(ALICE), 9), Error::<Test>::UnknownCourse);
		assert_noop!(FacilityBooking::withdraw(signed(DAVE), course), Error::<Test>::NotCitizen);
		for origin in [root(), RuntimeOrigin::none()] {
			assert_noop!(FacilityBooking::withdraw(origin, course), DispatchError::BadOrigin);
		}
		enroll(ALICE, course);
		enroll(BOB, course);
		assert_ok!(FacilityBooking::cancel_course(signed(MANAGER), course));
		assert_noop!(
			FacilityBooking::withdraw(signed(ALICE), course),
			Error::<Test>::CourseCancelled
		);
	});
}

#[test]
fn at_a_retired_facility_the_refund_is_in_full() {
	run(|| {
		let course = publish(course_spec(2, Some(COURSE_FEE)));
		enroll(ALICE, course);
		set_local(first_day(), 9, 0);
		assert_ok!(FacilityBooking::retire_facility(root(), HALL));
		assert_ok!(FacilityBooking::withdraw(signed(ALICE), course));
		assert_eq!(balance(ALICE), ENDOWMENT);
	});
}

#[test]
fn the_refund_goes_to_the_account_the_citizen_acts_from_now() {
	run(|| {
		let course = publish(course_spec(2, Some(COURSE_FEE)));
		enroll(ALICE, course);
		// Alice lost her phone: her ID now acts from account 77.
		MockCitizenRegistry::rebind(ALICE_ID, 77);
		assert_ok!(FacilityBooking::withdraw(signed(77), course));
		assert_eq!(balance(77), COURSE_FEE);
		assert_eq!(balance(ALICE), ENDOWMENT - COURSE_FEE);
	});
}

#[test]
fn the_manager_removes_a_participant_with_a_full_refund_and_the_seat_passes_on() {
	run(|| {
		let course = publish(course_spec(1, Some(COURSE_FEE)));
		enroll(ALICE, course);
		enroll(BOB, course);
		enroll(CAROL, course);
		set_local(first_day(), 9, 0);
		assert_ok!(FacilityBooking::remove_participant(signed(MANAGER), course, ALICE_ID));
		assert_eq!(balance(ALICE), ENDOWMENT, "in full, whatever the tier");
		let happened = events();
		assert_eq!(
			happened[happened.len() - 2..].to_vec(),
			vec![
				Event::SeatOffered { course, citizen: BOB_ID, until: at(first_day(), 10, 0) },
				Event::ParticipantRemoved {
					course,
					citizen: ALICE_ID,
					standing: StandingKind::Enrolled,
					refund: COURSE_FEE
				},
			]
		);
		// A waitlist place too.
		assert_ok!(FacilityBooking::remove_participant(signed(MANAGER), course, CAROL_ID));
		assert_eq!(standing(course, CAROL_ID), None);
		assert_noop!(
			FacilityBooking::remove_participant(signed(MANAGER), course, CAROL_ID),
			Error::<Test>::NotEnrolled
		);
		assert_noop!(
			FacilityBooking::remove_participant(signed(OTHER_MANAGER), course, BOB_ID),
			Error::<Test>::NotManager
		);
		assert_noop!(
			FacilityBooking::remove_participant(root(), course, BOB_ID),
			DispatchError::BadOrigin
		);
		// A manager the city replaced removes no one.
		assert_ok!(FacilityBooking::appoint_manager(root(), HALL, OTHER_MANAGER));
		assert_noop!(
			FacilityBooking::remove_participant(signed(MANAGER), course, BOB_ID),
			Error::<Test>::NotManager
		);
	});
}
