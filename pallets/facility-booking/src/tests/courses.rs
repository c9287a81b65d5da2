//! A facility's manager publishes a course: each rule of the spec refuses with its own error
//! and changes nothing; the facility's and the zone's bounds hold.

use super::*;
use codec::{Decode, Encode};
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn a_manager_publishes_a_course_at_their_facility() {
	run(|| {
		let id = publish(course_spec(2, Some(COURSE_FEE)));
		assert_eq!(id, 0);
		assert_eq!(
			last_event(),
			Event::CoursePublished { course: 0, facility: HALL, seats: 2, fee: Some(COURSE_FEE) }
		);
		let c = Courses::<Test>::get(0).unwrap();
		let hall = Facilities::<Test>::get(HALL).unwrap().spec;
		assert_eq!(
			(c.facility, c.zone, c.category, c.location),
			(HALL, SEOMYEON, SPORTS, hall.location)
		);
		assert_eq!(c.status, CourseStatus::Open);
		assert_eq!(c.state, CourseState::default());
		assert_eq!(FacilityCourses::<Test>::get(HALL).into_inner(), vec![0]);
		assert_eq!(
			ZoneCourses::<Test>::get(SEOMYEON).into_inner(),
			vec![CourseEntry {
				course: 0,
				facility: HALL,
				category: SPORTS,
				location: hall.location,
				opens: START,
				closes: at(first_day() - 1, 18, 0),
			}]
		);
		assert_eq!(publish_at(LIB, course_spec(3, None)), 1);
	});
}

#[test]
fn only_the_facilitys_manager_publishes() {
	run(|| {
		let spec = course_spec(2, None);
		assert_noop!(
			FacilityBooking::publish_course(signed(OTHER_MANAGER), HALL, spec.clone()),
			Error::<Test>::NotManager
		);
		assert_noop!(
			FacilityBooking::publish_course(signed(MANAGER), 9, spec.clone()),
			Error::<Test>::UnknownFacility
		);
		for origin in [root(), RuntimeOrigin::none()] {
			assert_noop!(
				FacilityBooking::publish_course(origin, HALL, spec.clone()),
				DispatchError::BadOrigin
			);
		}
		// A manager the city replaced publishes no more.
		assert_ok!(FacilityBooking::appoint_manager(root(), HALL, OTHER_MANAGER));
		assert_noop!(
			FacilityBooking::publish_course(signed(MANAGER), HALL, spec.clone()),
			Error::<Test>::NotManager
		);
		assert_ok!(FacilityBooking::publish_course(signed(OTHER_MANAGER), HALL, spec.clone()));
		// A retired facility takes no courses.
		assert_ok!(FacilityBooking::retire_facility(root(), LIB));
		assert_noop!(
			FacilityBooking::publish_course(signed(MANAGER), LIB, spec),
			Error::<Test>::FacilityRetired
		);
	});
}

#[test]
fn sessions_are_in_order_without_overlap_and_the_first_is_ahead() {
	run(|| {
		let first = first_day();
		let bad: Vec<Vec<Session>> = vec![
			vec![],
			// Start not before end, end past midnight.
			vec![Session { day: first, start_minute: 600, end_minute: 600 }],
			vec![Session { day: first, start_minute: 600, end_minute: 1441 }],
			// Overlapping, and out of order.
			vec![
				Session { day: first, start_minute: 600, end_minute: 700 },
				Session { day: first, start_minute: 650, end_minute: 720 },
			],
			vec![
				Session { day: first + 1, start_minute: 600, end_minute: 660 },
				Session { day: first, start_minute: 600, end_minute: 660 },
			],
			// The first has started (09:00 on d0 is now).
			vec![Session { day: d0(), start_minute: 540, end_minute: 600 }],
		];
		for sessions in bad {
			let mut spec = course_spec(2, None);
			spec.sessions = BoundedVec::truncate_from(sessions);
			spec.enrol_until = START + 1;
			assert_noop!(
				FacilityBooking::publish_course(signed(MANAGER), HALL, spec),
				Error::<Test>::InvalidSessions
			);
		}
		// Back to back is fine.
		let mut spec = course_spec(2, None);
		spec.sessions = BoundedVec::truncate_from(vec![
			Session { day: first, start_minute: 600, end_minute: 660 },
			Session { day: first, start_minute: 660, end_minute: 720 },
		]);
		publish(spec);
		// The last session at most `MaxScheduleDays` (120) ahead.
		let mut spec = course_spec(2, None);
		spec.sessions = BoundedVec::truncate_from(vec![Session {
			day: d0() + 121,
			start_minute: 600,
			end_minute: 660,
		}]);
		assert_noop!(
			FacilityBooking::publish_course(signed(MANAGER), HALL, spec),
			Error::<Test>::TooFarAhead
		);
	});
}

#[test]
fn seats_window_offer_period_tiers_and_fee_are_checked() {
	run(|| {
		let refused = |spec: CourseSpecOf<Test>, error: Error<Test>| {
			assert_noop!(FacilityBooking::publish_course(signed(MANAGER), HALL, spec), error);
		};
		let first_start = at(first_day(), 10, 0);
		for seats in [0, 11] {
			let mut s = course_spec(2, None);
			s.seats = seats;
			refused(s, Error::<Test>::InvalidSeats);
		}
		let mut s = course_spec(2, None);
		s.residents_from = START + 2;
		s.public_from = START + 1;
		refused(s, Error::<Test>::InvalidEnrolmentWindow);
		let mut s = course_spec(2, None);
		s.public_from = first_start;
		s.enrol_until = first_start - 1;
		refused(s, Error::<Test>::InvalidEnrolmentWindow);
		let mut s = course_spec(2, None);
		s.enrol_until = first_start + 1;
		refused(s, Error::<Test>::InvalidEnrolmentWindow);
		let mut s = course_spec(2, None);
		s.enrol_until = START;
		refused(s, Error::<Test>::InvalidEnrolmentWindow);
		for minutes in [0, 2 * 1440 + 1] {
			let mut s = course_spec(2, None);
			s.offer_minutes = minutes;
			refused(s, Error::<Test>::InvalidOfferPeriod);
		}
		let mut s = course_spec(2, None);
		s.refund_tiers = BoundedVec::truncate_from(vec![
			RefundTier { min_days_before: 1, percent: 50 },
			RefundTier { min_days_before: 5, percent: 100 },
		]);
		refused(s, Error::<Test>::InvalidRefundTiers);
		refused(course_spec(2, Some(0)), Error::<Test>::FeeBelowMinimum);
		ExistentialDeposit::set(100);
		refused(course_spec(2, Some(99)), Error::<Test>::FeeBelowMinimum);
		// At the bounds: accepted.
		let mut s = course_spec(10, Some(100));
		s.enrol_until = first_start;
		s.offer_minutes = 2 * 1440;
		publish(s);
		ExistentialDeposit::set(1);
	});
}

#[test]
fn oversized_inputs_do_not_decode() {
	run(|| {
		// Nine sessions where `MaxSessions` is 8: the call does not decode.
		let sessions: Vec<Session> = (0..9)
			.map(|i| Session { day: first_day() + i, start_minute: 600, end_minute: 660 })
			.collect();
		let mut encoded =
			Call::<Test>::publish_course { facility: HALL, spec: course_spec(2, None) }.encode();
		let good = course_spec(2, None).sessions.encode();
		let at = encoded.windows(good.len()).position(|w| w == good.as_slice()).unwrap();
		encoded.splice(at..at + good.len(), sessions.encode());
		assert!(Call::<Test>::decode(&mut &encoded[..]).is_err());
		// A name longer than `MaxNameLength` (32) cannot be made.
		assert!(NameOf::<Test>::new(&[b'x'; 33], b"x").is_none());
		// Four required claims where `MaxRequiredClaims` is 3 (only three kinds exist, but a
		// list of four does not decode either).
		let claims = vec![ClaimKind::Resident; 4].encode();
		assert!(frame_support::BoundedBTreeSet::<ClaimKind, frame_support::traits::ConstU32<3>>::decode(&mut &claims[..])
			.is_err());
	});
}

#[test]
fn a_facility_and_a_zone_hold_a_bounded_number_of_courses() {
	run(|| {
		for _ in 0..3 {
			publish(course_spec(2, None));
		}
		assert_noop!(
			FacilityBooking::publish_course(signed(MANAGER), HALL, course_spec(2, None)),
			Error::<Test>::TooManyCourses
		);
		// The zone's index holds 4: a fourth at the library fits, a fifth does not.
		publish_at(LIB, course_spec(2, None));
		assert_noop!(
			FacilityBooking::publish_course(signed(MANAGER), LIB, course_spec(2, None)),
			Error::<Test>::TooManyCoursesInZone
		);
		// Once the enrolment of the courses has closed they leave the zone's index when
		// another course is published there.
		set_local(first_day() - 1, 18, 0);
		let mut later = course_spec(2, None);
		later.sessions = BoundedVec::truncate_from(vec![Session {
			day: first_day() + 20,
			start_minute: 600,
			end_minute: 660,
		}]);
		later.residents_from = at(first_day() - 1, 18, 0);
		later.public_from = later.residents_from;
		later.enrol_until = at(first_day() + 19, 0, 0);
		let id = publish_at(LIB, later);
		assert_eq!(
			ZoneCourses::<Test>::get(SEOMYEON).iter().map(|e| e.course).collect::<Vec<_>>(),
			vec![id]
		);
		assert_eq!(FacilityCourses::<Test>::get(LIB).len(), 2);
	});
}
