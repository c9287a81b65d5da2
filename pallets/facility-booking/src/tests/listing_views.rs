//! What wallets and map screens read of courses and events: a course's seats and waitlist,
//! courses open for enrolment near a point, a citizen's courses with exact waitlist positions,
//! events near a point in a date range, nearest first.

use super::*;

#[test]
fn a_course_as_served() {
	run(|| {
		let course = publish(course_spec(2, Some(COURSE_FEE)));
		let v = FacilityBooking::course(course).unwrap();
		assert_eq!((v.seats, v.enrolled, v.offered, v.free, v.waiting), (2, 0, 0, 2, 0));
		assert_eq!(v.sessions.len(), 3);
		assert_eq!(v.sessions[0].start_ms, at(first_day(), 10, 0));
		assert_eq!(v.fee, Some(COURSE_FEE));
		assert_eq!(v.status, CourseStatus::Open);
		enroll(ALICE, course);
		enroll(BOB, course);
		enroll(CAROL, course);
		let v = FacilityBooking::course(course).unwrap();
		assert_eq!((v.enrolled, v.offered, v.free, v.waiting), (2, 0, 0, 1));
		assert!(FacilityBooking::course(9).is_none());
	});
}

#[test]
fn courses_open_for_enrolment_near_a_point_nearest_first() {
	run(|| {
		// The hall (~400 m from Seomyeon's point) and the library (~90 m).
		let at_hall = publish(course_spec(2, None));
		let at_lib = publish_at(LIB, course_spec(2, None));
		// One not open yet.
		let mut later = course_spec(2, None);
		later.residents_from = START + DAY;
		later.public_from = START + DAY;
		publish_at(LIB, later);
		// One in Haeundae, far: not in the point's zone nor a neighbour.
		let far = register(spec(HAEUNDAE, LIBRARY, GeoPoint::new(35_163_000, 129_160_000)));
		publish_at(far, course_spec(2, None));
		let found = FacilityBooking::courses_near(SEOMYEON_POINT, 100_000, None, 10);
		assert_eq!(found.iter().map(|c| c.id).collect::<Vec<_>>(), vec![at_lib, at_hall]);
		assert!(found[0].distance_m < found[1].distance_m);
		assert_eq!(found[0].first_start, at(first_day(), 10, 0));
		let sports = FacilityBooking::courses_near(SEOMYEON_POINT, 100_000, Some(SPORTS), 10);
		assert_eq!(sports.iter().map(|c| c.id).collect::<Vec<_>>(), vec![at_hall]);
		assert_eq!(FacilityBooking::courses_near(SEOMYEON_POINT, 200, None, 10).len(), 1);
		assert_eq!(FacilityBooking::courses_near(SEOMYEON_POINT, 100_000, None, 1).len(), 1);
		assert!(
			FacilityBooking::courses_near(GeoPoint::new(91_000_000, 0), 1_000, None, 5).is_empty()
		);
		// Closed for enrolment: gone from the list.
		MockTime::set(at(first_day() - 1, 18, 0));
		assert!(FacilityBooking::courses_near(SEOMYEON_POINT, 100_000, None, 10).is_empty());
	});
}

#[test]
fn a_citizens_courses_and_events() {
	run(|| {
		let paid = publish(course_spec(1, Some(COURSE_FEE)));
		let free = publish_at(LIB, course_spec(1, None));
		enroll(BOB, paid);
		enroll(ALICE, paid);
		enroll(CAROL, free);
		enroll(ALICE, free);
		let event = list(event_spec(at(d0() + 1, 18, 0), Some(3), 100));
		assert_ok!(FacilityBooking::register_for_event(signed(ALICE), event));
		let v = FacilityBooking::citizen_courses(&ALICE).unwrap();
		assert_eq!(v.citizen, ALICE_ID);
		assert_eq!(
			v.courses.iter().map(|c| (c.course, c.standing)).collect::<Vec<_>>(),
			vec![
				(paid, StandingView::Waiting { position: 1 }),
				(free, StandingView::Waiting { position: 1 })
			]
		);
		assert_eq!(v.events.iter().map(|e| e.event).collect::<Vec<_>>(), vec![event]);
		assert_ok!(FacilityBooking::withdraw(signed(BOB), paid));
		let v = FacilityBooking::citizen_courses(&ALICE).unwrap();
		assert_eq!(
			v.courses[0].standing,
			StandingView::Offered { until: START + 60 * MINUTE, expired: false }
		);
		confirm(ALICE, paid);
		let v = FacilityBooking::citizen_courses(&ALICE).unwrap();
		assert_eq!(
			(v.courses[0].standing, v.courses[0].paid),
			(StandingView::Enrolled, COURSE_FEE)
		);
		assert!(FacilityBooking::citizen_courses(&DAVE).is_none());
	});
}

#[test]
fn events_near_a_point_in_a_date_range_nearest_first() {
	run(|| {
		let tomorrow = d0() + 1;
		let near = list(event_spec(at(tomorrow, 18, 0), Some(3), 100));
		let nearer = list(event_spec(at(tomorrow + 2, 18, 0), None, 50));
		let further = list(event_spec(at(tomorrow, 10, 0), None, -1_500));
		// In Jeonpo (~740 m away), a neighbour: found; in Haeundae: not.
		let mut jeonpo = event_spec(at(tomorrow, 12, 0), None, 0);
		jeonpo.zone = JEONPO;
		jeonpo.place = JEONPO_POINT;
		let jeonpo = list(jeonpo);
		let mut haeundae = event_spec(at(tomorrow, 12, 0), None, 0);
		haeundae.zone = HAEUNDAE;
		haeundae.place = HAEUNDAE_POINT;
		list(haeundae);
		let ids = |found: Vec<NearEvent>| found.iter().map(|e| e.id).collect::<Vec<_>>();
		assert_eq!(
			ids(FacilityBooking::events_near(SEOMYEON_POINT, 100_000, tomorrow, tomorrow + 2, 10)),
			vec![nearer, near, jeonpo, further]
		);
		assert_eq!(
			ids(FacilityBooking::events_near(SEOMYEON_POINT, 100_000, tomorrow, tomorrow, 10)),
			vec![near, jeonpo, further]
		);
		assert_eq!(
			ids(FacilityBooking::events_near(SEOMYEON_POINT, 500, tomorrow, tomorrow + 2, 10)),
			vec![nearer, near]
		);
		assert_eq!(
			ids(FacilityBooking::events_near(SEOMYEON_POINT, 100_000, tomorrow, tomorrow + 2, 2)),
			vec![nearer, near]
		);
		assert!(FacilityBooking::events_near(
			SEOMYEON_POINT,
			100_000,
			tomorrow + 3,
			tomorrow + 9,
			10
		)
		.is_empty());
		assert!(FacilityBooking::events_near(SEOMYEON_POINT, 100_000, tomorrow + 1, tomorrow, 10)
			.is_empty());
		let v = FacilityBooking::events_near(SEOMYEON_POINT, 100_000, tomorrow, tomorrow, 1);
		assert_eq!((v[0].capacity, v[0].registered, v[0].distance_m > 0), (Some(3), 0, true));
		let e = FacilityBooking::event(near).unwrap();
		assert_eq!(
			(e.zone, e.status, e.start),
			(SEOMYEON, EventStatus::Listed, at(tomorrow, 18, 0))
		);
		assert!(FacilityBooking::event(99).is_none());
	});
}
