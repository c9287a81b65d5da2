//! The city says, per category, whether the slot rules (monthly quota, no-show penalties)
//! apply to courses.

use super::*;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

const BOTH: CoursePolicy = CoursePolicy { counts_towards_quota: true, no_shows_count: true };

#[test]
fn the_city_sets_a_categorys_course_policy() {
	run(|| {
		assert_eq!(FacilityBooking::course_policy(SPORTS), CoursePolicy::default());
		assert_ok!(FacilityBooking::set_course_policy(root(), SPORTS, BOTH));
		assert_eq!(last_event(), Event::CoursePolicySet { category: SPORTS, policy: BOTH });
		assert_eq!(CoursePolicies::<Test>::get(SPORTS), Some(BOTH));
		assert_noop!(
			FacilityBooking::set_course_policy(root(), 99, BOTH),
			Error::<Test>::UnknownCategory
		);
		for origin in [signed(MANAGER), RuntimeOrigin::none()] {
			assert_noop!(
				FacilityBooking::set_course_policy(origin, SPORTS, BOTH),
				DispatchError::BadOrigin
			);
		}
	});
}

#[test]
fn a_seat_counts_towards_the_monthly_quota_where_the_city_says_so() {
	run(|| {
		// Sports: 3 bookings a month.
		let course = publish(course_spec(5, None));
		let d = d0() + 1;
		book(ALICE, HALL, d, 10, 1);
		book(ALICE, HALL, d, 11, 1);
		// No policy: the seat does not count.
		enroll(ALICE, course);
		assert_eq!(FacilityBooking::booked_in_month(ALICE_ID, SPORTS, d0()), 2);
		assert_ok!(FacilityBooking::withdraw(signed(ALICE), course));
		assert_ok!(FacilityBooking::set_course_policy(
			root(),
			SPORTS,
			CoursePolicy { counts_towards_quota: true, no_shows_count: false }
		));
		enroll(ALICE, course);
		assert_eq!(FacilityBooking::booked_in_month(ALICE_ID, SPORTS, d0()), 3);
		assert!(Participants::<Test>::get(course, ALICE_ID).unwrap().counted);
		assert_noop!(
			FacilityBooking::book(signed(ALICE), HALL, d, 12, 1, fee_of(HALL)),
			Error::<Test>::MonthlyQuotaReached
		);
		// A withdrawal the same month gives the place back.
		assert_ok!(FacilityBooking::withdraw(signed(ALICE), course));
		assert_eq!(FacilityBooking::booked_in_month(ALICE_ID, SPORTS, d0()), 2);
		book(ALICE, HALL, d, 12, 1);
		assert_noop!(
			FacilityBooking::enroll(signed(ALICE), course, 0),
			Error::<Test>::MonthlyQuotaReached
		);
		// Joining a waitlist does not count; confirming an offer does.
		let full = publish(course_spec(1, None));
		enroll(BOB, full);
		enroll(ALICE, full);
		assert_eq!(standing(full, ALICE_ID), Some(Standing::Waiting { seq: 0 }));
		assert_ok!(FacilityBooking::withdraw(signed(BOB), full));
		assert_noop!(
			FacilityBooking::confirm_offer(signed(ALICE), full, 0),
			Error::<Test>::MonthlyQuotaReached
		);
	});
}

#[test]
fn missed_sessions_are_no_shows_where_the_city_says_so() {
	run(|| {
		// Sports: 3 no-shows within 90 days suspend for 30 days.
		let course = publish(course_spec(5, None));
		enroll(ALICE, course);
		// All three sessions pass without a check-in.
		set_local(first_day() + 4, 12, 0);
		let view = FacilityBooking::citizen_courses_of(ALICE_ID);
		assert_eq!((view.courses[0].attended, view.courses[0].missed), (0, 3));
		// No policy: no suspension.
		book(ALICE, HALL, first_day() + 5, 10, 1);
		assert_ok!(FacilityBooking::set_course_policy(
			root(),
			SPORTS,
			CoursePolicy { counts_towards_quota: false, no_shows_count: true }
		));
		assert_noop!(
			FacilityBooking::book(signed(ALICE), HALL, first_day() + 5, 11, 1, fee_of(HALL)),
			Error::<Test>::SuspendedForNoShows
		);
		let other = {
			let mut s = course_spec(5, None);
			s.sessions = BoundedVec::truncate_from(vec![Session {
				day: first_day() + 20,
				start_minute: 600,
				end_minute: 660,
			}]);
			s.residents_from = at(first_day() + 4, 12, 0);
			s.public_from = s.residents_from;
			s.enrol_until = at(first_day() + 19, 0, 0);
			publish(s)
		};
		assert_noop!(
			FacilityBooking::enroll(signed(ALICE), other, 0),
			Error::<Test>::SuspendedForNoShows
		);
		let sports = FacilityBooking::citizen_bookings_of(ALICE_ID)
			.categories
			.into_iter()
			.find(|c| c.category == SPORTS)
			.unwrap();
		assert_eq!(sports.no_shows, 3);
		assert_eq!(sports.suspended_until, Some(at(first_day() + 4, 11, 0) + 30 * DAY));
		// Other citizens enrol.
		enroll(BOB, other);
	});
}

#[test]
fn a_session_a_closure_covers_is_no_no_show() {
	run(|| {
		assert_ok!(FacilityBooking::set_course_policy(root(), SPORTS, BOTH));
		let course = publish(course_spec(5, None));
		enroll(ALICE, course);
		assert_ok!(FacilityBooking::close(signed(MANAGER), HALL, first_day(), first_day()));
		set_local(first_day() + 4, 12, 0);
		let view = FacilityBooking::citizen_courses_of(ALICE_ID);
		assert_eq!(view.courses[0].missed, 2);
		// Two no-shows: below the limit of three.
		book(ALICE, HALL, first_day() + 5, 10, 1);
		// A retired facility excuses every session.
		assert_ok!(FacilityBooking::retire_facility(root(), HALL));
		assert_eq!(FacilityBooking::citizen_courses_of(ALICE_ID).courses[0].missed, 0);
	});
}
