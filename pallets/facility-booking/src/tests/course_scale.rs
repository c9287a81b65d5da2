//! A course with 1,000 citizens waiting: a freed seat goes to the head in O(1) — the
//! withdrawal touches the withdrawing citizen, the head and the one behind the head, whatever
//! the waitlist's length — and positions stay exact.

use super::*;
use std::time::Instant;

/// Every participant of `course`, with its record.
fn snapshot(course: CourseId) -> std::collections::BTreeMap<CitizenId, ParticipantOf<Test>> {
	Participants::<Test>::iter_prefix(course).collect()
}

#[test]
fn a_course_with_1000_waiting_promotes_the_next_in_constant_work() {
	WaitlistBound::set(1_000);
	run(|| {
		let course = publish(course_spec(1, None));
		enroll(ALICE, course);
		let accounts: Vec<u64> = (0..1_000).map(crowd).collect();
		for who in &accounts {
			enroll(*who, course);
		}
		assert_eq!(counts(course), (1, 0, 1_000));
		let before = snapshot(course);
		let started = Instant::now();
		assert_ok!(FacilityBooking::withdraw(signed(ALICE), course));
		let took = started.elapsed();
		let after = snapshot(course);
		// Changed: Alice (gone), the head (offered), the new head (its back link).
		let changed: Vec<CitizenId> =
			before.iter().filter(|(c, p)| after.get(c) != Some(p)).map(|(c, _)| *c).collect();
		assert_eq!(changed, vec![ALICE_ID, crowd_id(accounts[0]), crowd_id(accounts[1])]);
		assert!(matches!(standing(course, crowd_id(accounts[0])), Some(Standing::Offered { .. })));
		assert_eq!(counts(course), (0, 1, 999));
		// Leaving from the middle is as cheap.
		let before = snapshot(course);
		assert_ok!(FacilityBooking::withdraw(signed(accounts[500]), course));
		let after = snapshot(course);
		let changed = before.iter().filter(|(c, p)| after.get(c) != Some(p)).count();
		assert_eq!(changed, 3);
		// Positions are exact: 998 wait (the head was offered the seat, one left), the last
		// of them is 998th.
		assert_eq!(counts(course), (0, 1, 998));
		assert_eq!(
			standing_view(course, crowd_id(accounts[999])),
			Some(StandingView::Waiting { position: 998 })
		);
		assert_eq!(
			standing_view(course, crowd_id(accounts[1])),
			Some(StandingView::Waiting { position: 1 })
		);
		println!("promotion with 1,000 waiting: {took:?} (native, unoptimised)");
	});
}
