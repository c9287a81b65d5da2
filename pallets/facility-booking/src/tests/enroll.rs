//! A citizen enrols: a free seat is taken and paid for at once; each rule refuses with its own
//! error and changes nothing.

use super::*;
use citizen_primitives::{testing::MockCitizenRegistry, ClaimValue};
use frame_support::assert_noop;
use sp_runtime::{DispatchError, TokenError};

#[test]
fn a_citizen_takes_a_free_seat_and_pays_the_facility() {
	run(|| {
		let course = publish(course_spec(2, Some(COURSE_FEE)));
		let before = facility_balance(HALL);
		enroll(ALICE, course);
		assert_eq!(
			last_event(),
			Event::Enrolled { course, citizen: ALICE_ID, paid: COURSE_FEE, from_offer: false }
		);
		assert_eq!(balance(ALICE), ENDOWMENT - COURSE_FEE);
		assert_eq!(facility_balance(HALL), before + COURSE_FEE);
		let p = Participants::<Test>::get(course, ALICE_ID).unwrap();
		assert_eq!(
			(p.standing, p.paid, p.payer, p.since),
			(Standing::Enrolled, COURSE_FEE, ALICE, START)
		);
		assert_eq!(CitizenCourses::<Test>::get(ALICE_ID).into_inner(), vec![course]);
		assert_eq!(counts(course), (1, 0, 0));
		// A free course costs nothing.
		let free = publish(course_spec(2, None));
		enroll(BOB, free);
		assert_eq!(balance(BOB), ENDOWMENT);
		assert!(matches!(last_event(), Event::Enrolled { paid: 0, .. }));
	});
}

#[test]
fn residents_of_the_zone_enrol_first() {
	run(|| {
		let mut spec = course_spec(5, None);
		spec.residents_from = START;
		spec.public_from = START + DAY;
		let course = publish(spec);
		// Bob lives in Jeonpo, Carol holds no resident claim.
		for who in [BOB, CAROL] {
			assert_noop!(
				FacilityBooking::enroll(signed(who), course, 0),
				Error::<Test>::ResidentsOnly
			);
		}
		enroll(ALICE, course);
		MockTime::set(START + DAY);
		enroll(BOB, course);
		enroll(CAROL, course);
	});
}

#[test]
fn enrolment_opens_and_closes_with_its_window() {
	run(|| {
		let mut spec = course_spec(5, None);
		spec.residents_from = START + 10;
		spec.public_from = START + 10;
		let course = publish(spec);
		assert_noop!(
			FacilityBooking::enroll(signed(ALICE), course, 0),
			Error::<Test>::EnrolmentNotOpen
		);
		MockTime::set(at(first_day() - 1, 18, 0));
		assert_noop!(
			FacilityBooking::enroll(signed(ALICE), course, 0),
			Error::<Test>::EnrolmentClosed
		);
		MockTime::set(at(first_day() - 1, 18, 0) - 1);
		enroll(ALICE, course);
	});
}

#[test]
fn a_course_may_require_claims() {
	run(|| {
		let mut spec = course_spec(5, None);
		spec.required_claims =
			frame_support::BoundedBTreeSet::try_from(std::collections::BTreeSet::from([
				ClaimKind::YouthAgeBand,
			]))
			.unwrap();
		let course = publish(spec);
		assert_noop!(FacilityBooking::enroll(signed(ALICE), course, 0), Error::<Test>::NotEligible);
		MockCitizenRegistry::add_claim(ALICE_ID, ClaimValue::YouthAgeBand, START + DAY);
		enroll(ALICE, course);
		// A claim that has expired no longer counts.
		MockCitizenRegistry::add_claim(BOB_ID, ClaimValue::YouthAgeBand, START);
		assert_noop!(FacilityBooking::enroll(signed(BOB), course, 0), Error::<Test>::NotEligible);
	});
}

#[test]
fn a_citizen_is_in_a_course_once() {
	run(|| {
		let course = publish(course_spec(1, None));
		enroll(ALICE, course);
		assert_noop!(
			FacilityBooking::enroll(signed(ALICE), course, 0),
			Error::<Test>::AlreadyEnrolled
		);
		// Waiting: not twice either, and never both enrolled and waiting.
		enroll(BOB, course);
		assert_eq!(standing(course, BOB_ID), Some(Standing::Waiting { seq: 0 }));
		assert_noop!(
			FacilityBooking::enroll(signed(BOB), course, 0),
			Error::<Test>::AlreadyEnrolled
		);
		assert_noop!(
			FacilityBooking::enroll(signed(ALICE), course, 0),
			Error::<Test>::AlreadyEnrolled
		);
		assert_eq!(counts(course), (1, 0, 1));
	});
}

#[test]
fn a_manager_does_not_enrol_in_their_own_course() {
	run(|| {
		let course = publish(course_spec(2, None));
		add_citizen(200, MANAGER);
		assert_noop!(FacilityBooking::enroll(signed(MANAGER), course, 0), Error::<Test>::OwnCourse);
		// Another facility's manager may.
		add_citizen(201, OTHER_MANAGER);
		enroll(OTHER_MANAGER, course);
	});
}

#[test]
fn the_fee_is_at_most_what_the_citizen_agreed_to_and_must_be_paid() {
	run(|| {
		let course = publish(course_spec(2, Some(COURSE_FEE)));
		assert_noop!(
			FacilityBooking::enroll(signed(ALICE), course, COURSE_FEE - 1),
			Error::<Test>::FeeAboveLimit
		);
		use frame_support::traits::fungible::Mutate;
		Balances::set_balance(&CAROL, COURSE_FEE - 1);
		assert_noop!(
			FacilityBooking::enroll(signed(CAROL), course, COURSE_FEE),
			DispatchError::Token(TokenError::FundsUnavailable)
		);
		// Joining the waitlist pays nothing (the fee is paid when a seat is confirmed).
		enroll(ALICE, course);
		enroll(BOB, course);
		enroll(CAROL, course);
		assert_eq!(standing(course, CAROL_ID), Some(Standing::Waiting { seq: 0 }));
		assert_eq!(balance(CAROL), COURSE_FEE - 1);
	});
}

#[test]
fn unknown_cancelled_and_retired_courses_take_no_one() {
	run(|| {
		assert_noop!(FacilityBooking::enroll(signed(ALICE), 7, 0), Error::<Test>::UnknownCourse);
		let course = publish(course_spec(2, None));
		enroll(BOB, course);
		assert_ok!(FacilityBooking::cancel_course(signed(MANAGER), course));
		assert_noop!(
			FacilityBooking::enroll(signed(ALICE), course, 0),
			Error::<Test>::CourseCancelled
		);
		let other = publish(course_spec(2, None));
		assert_ok!(FacilityBooking::retire_facility(root(), HALL));
		assert_noop!(
			FacilityBooking::enroll(signed(ALICE), other, 0),
			Error::<Test>::FacilityRetired
		);
	});
}

#[test]
fn only_active_citizens_enrol() {
	run(|| {
		let course = publish(course_spec(2, None));
		assert_noop!(FacilityBooking::enroll(signed(DAVE), course, 0), Error::<Test>::NotCitizen);
		MockCitizenRegistry::set_active(ALICE_ID, false);
		assert_noop!(FacilityBooking::enroll(signed(ALICE), course, 0), Error::<Test>::NotCitizen);
		for origin in [root(), RuntimeOrigin::none()] {
			assert_noop!(FacilityBooking::enroll(origin, course, 0), DispatchError::BadOrigin);
		}
	});
}

#[test]
fn a_citizen_is_in_a_bounded_number_of_courses_and_ended_ones_make_room() {
	run(|| {
		// `MaxCoursesPerCitizen` is 3.
		let courses: Vec<CourseId> = (0..3).map(|_| publish(course_spec(2, None))).collect();
		let mut later = course_spec(2, None);
		later.sessions = BoundedVec::truncate_from(vec![Session {
			day: first_day() + 30,
			start_minute: 600,
			end_minute: 660,
		}]);
		later.enrol_until = at(first_day() + 29, 0, 0);
		let fourth = publish_at(LIB, later);
		for c in &courses {
			enroll(ALICE, *c);
		}
		assert_noop!(
			FacilityBooking::enroll(signed(ALICE), fourth, 0),
			Error::<Test>::TooManyEnrolments
		);
		// Once the three courses have ended, enrolling takes Alice out of them first.
		set_local(first_day() + 4, 11, 0);
		enroll(ALICE, fourth);
		assert_eq!(CitizenCourses::<Test>::get(ALICE_ID).into_inner(), vec![fourth]);
		for c in courses {
			assert_eq!(standing(c, ALICE_ID), None);
			assert_eq!(counts(c), (0, 0, 0));
			assert!(events().contains(&Event::CourseParticipantReaped {
				course: c,
				citizen: ALICE_ID,
				missed: 0
			}));
		}
	});
}

#[test]
fn the_waitlist_is_bounded() {
	run(|| {
		// `MaxWaitlist` is 4.
		let course = publish(course_spec(1, None));
		enroll(ALICE, course);
		for n in 0..4 {
			enroll(crowd(n), course);
		}
		let late = crowd(4);
		assert_noop!(FacilityBooking::enroll(signed(late), course, 0), Error::<Test>::WaitlistFull);
		assert_eq!(counts(course), (1, 0, 4));
	});
}
