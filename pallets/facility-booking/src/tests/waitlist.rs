//! A full course's waitlist is first come, first served: in the order the enrolments were
//! made (within one block, the order of the extrinsics), with exact positions, leaving from
//! anywhere without a loop, and no way to jump the queue.

use super::*;
use frame_support::assert_noop;
use std::collections::VecDeque;

#[test]
fn a_full_course_waitlists_in_the_order_enrolments_were_made() {
	run(|| {
		let course = publish(course_spec(1, None));
		enroll(ALICE, course);
		// Four enrolments in one block, one after the other.
		let accounts: Vec<u64> = (0..4).map(crowd).collect();
		for (i, who) in accounts.iter().enumerate() {
			enroll(*who, course);
			assert_eq!(
				last_event(),
				Event::Waitlisted { course, citizen: crowd_id(*who), position: i as u32 + 1 }
			);
		}
		assert_eq!(System::block_number(), 1);
		let ids: Vec<CitizenId> = accounts.iter().map(|a| crowd_id(*a)).collect();
		assert_eq!(waitlist(course), ids);
		for (i, id) in ids.iter().enumerate() {
			assert_eq!(standing(course, *id), Some(Standing::Waiting { seq: i as u32 }));
			assert_eq!(
				standing_view(course, *id),
				Some(StandingView::Waiting { position: i as u32 + 1 })
			);
		}
		assert_eq!(counts(course), (1, 0, 4));
		// Seats go to them in that order.
		assert_ok!(FacilityBooking::withdraw(signed(ALICE), course));
		assert_eq!(seat_offers().last().unwrap().0, ids[0]);
		assert_ok!(FacilityBooking::withdraw(signed(accounts[0]), course));
		assert_eq!(seat_offers().last().unwrap().0, ids[1]);
		assert_eq!(waitlist(course), ids[2..].to_vec());
	});
}

#[test]
fn leaving_the_waitlist_keeps_everyone_elses_order_and_exact_positions() {
	run(|| {
		let course = publish(course_spec(1, None));
		enroll(ALICE, course);
		let accounts: Vec<u64> = (0..4).map(crowd).collect();
		for who in &accounts {
			enroll(*who, course);
		}
		let ids: Vec<CitizenId> = accounts.iter().map(|a| crowd_id(*a)).collect();
		// The second leaves: those behind move up one.
		assert_ok!(FacilityBooking::withdraw(signed(accounts[1]), course));
		assert_eq!(
			last_event(),
			Event::Withdrew { course, citizen: ids[1], standing: StandingKind::Waiting, refund: 0 }
		);
		assert_eq!(waitlist(course), vec![ids[0], ids[2], ids[3]]);
		assert_eq!(standing_view(course, ids[0]), Some(StandingView::Waiting { position: 1 }));
		assert_eq!(standing_view(course, ids[2]), Some(StandingView::Waiting { position: 2 }));
		assert_eq!(standing_view(course, ids[3]), Some(StandingView::Waiting { position: 3 }));
		// The head and the tail leave too.
		assert_ok!(FacilityBooking::withdraw(signed(accounts[0]), course));
		assert_ok!(FacilityBooking::withdraw(signed(accounts[3]), course));
		assert_eq!(waitlist(course), vec![ids[2]]);
		let c = Courses::<Test>::get(course).unwrap();
		assert_eq!((c.state.wait_head, c.state.wait_tail), (Some(ids[2]), Some(ids[2])));
		assert_eq!(standing_view(course, ids[2]), Some(StandingView::Waiting { position: 1 }));
		assert_eq!(counts(course), (1, 0, 1));
		assert_eq!(CitizenCourses::<Test>::get(ids[1]).len(), 0);
	});
}

#[test]
fn withdrawing_and_enrolling_again_does_not_jump_the_queue() {
	run(|| {
		let course = publish(course_spec(1, None));
		enroll(ALICE, course);
		enroll(BOB, course);
		enroll(CAROL, course);
		// Alice gives her seat up: it is held for Bob, the head; enrolling again puts her at
		// the back, behind Carol.
		assert_ok!(FacilityBooking::withdraw(signed(ALICE), course));
		assert!(matches!(standing(course, BOB_ID), Some(Standing::Offered { .. })));
		enroll(ALICE, course);
		assert_eq!(waitlist(course), vec![CAROL_ID, ALICE_ID]);
		assert_eq!(last_event(), Event::Waitlisted { course, citizen: ALICE_ID, position: 2 });
		// Carol leaves and comes back: behind Alice now.
		assert_ok!(FacilityBooking::withdraw(signed(CAROL), course));
		enroll(CAROL, course);
		assert_eq!(waitlist(course), vec![ALICE_ID, CAROL_ID]);
		// Bob declines: the seat goes to Alice, who was ahead.
		assert_ok!(FacilityBooking::withdraw(signed(BOB), course));
		assert!(matches!(standing(course, ALICE_ID), Some(Standing::Offered { .. })));
		assert_eq!(waitlist(course), vec![CAROL_ID]);
	});
}

#[test]
fn a_seat_held_for_an_offer_is_not_free_to_others() {
	run(|| {
		let course = publish(course_spec(1, None));
		enroll(ALICE, course);
		enroll(BOB, course);
		assert_ok!(FacilityBooking::withdraw(signed(ALICE), course));
		// The seat is Bob's to confirm; Carol waits behind him.
		enroll(CAROL, course);
		assert_eq!(standing(course, CAROL_ID), Some(Standing::Waiting { seq: 1 }));
		assert_eq!(counts(course), (0, 1, 1));
		assert_eq!(FacilityBooking::course(course).unwrap().free, 0);
		// Even once the offer has expired: it passes to Carol at this call, not to whoever
		// calls next.
		MockTime::advance(60 * MINUTE);
		let dave = crowd(1);
		enroll(dave, course);
		assert_eq!(standing(course, BOB_ID), None);
		assert!(matches!(standing(course, CAROL_ID), Some(Standing::Offered { .. })));
		assert_eq!(standing(course, crowd_id(dave)), Some(Standing::Waiting { seq: 2 }));
		assert_noop!(
			FacilityBooking::confirm_offer(signed(dave), course, 0),
			Error::<Test>::NoOffer
		);
	});
}

/// A deterministic pseudo-random sequence.
struct Lcg(u64);
impl Lcg {
	fn next(&mut self, below: u64) -> u64 {
		self.0 =
			self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
		(self.0 >> 33) % below
	}
}

/// Random enrolments, withdrawals (seats, offers, waitlist places), confirmations and offers
/// left to expire (passed on by the next call or by `advance_waitlist`), against a model
/// queue: every citizen joins at the model's tail, every seat is offered to exactly the
/// model's head, and every position the view gives is the model's.
#[test]
fn the_waitlist_is_exactly_a_fifo_queue() {
	WaitlistBound::set(40);
	run(|| {
		use frame_support::traits::Time;
		let course = publish(course_spec(3, None));
		let accounts: Vec<u64> = (0..30).map(crowd).collect();
		let mut model: VecDeque<CitizenId> = VecDeque::new();
		let mut rng = Lcg(42);
		let (mut joined, mut offered) = (0, 0);
		for step in 0..600 {
			System::reset_events();
			let who = accounts[rng.next(accounts.len() as u64) as usize];
			match (rng.next(4), standing(course, crowd_id(who))) {
				(0 | 1, None) => enroll(who, course),
				(2, Some(_)) => {
					assert_ok!(FacilityBooking::withdraw(signed(who), course));
				}
				(3, Some(Standing::Offered { until })) if until > MockTime::now() => {
					confirm(who, course)
				}
				_ => {
					MockTime::advance(rng.next(40) * MINUTE);
					if rng.next(2) == 0 {
						let _ = FacilityBooking::advance_waitlist(signed(DAVE), course, 3);
					}
				}
			}
			let happened = events();
			for e in &happened {
				if let Event::Withdrew { citizen, standing: StandingKind::Waiting, .. } = e {
					model.retain(|c| c != citizen);
				}
			}
			for e in happened {
				match e {
					Event::Waitlisted { citizen, position, .. } => {
						model.push_back(citizen);
						assert_eq!(position as usize, model.len(), "step {step}");
						joined += 1;
					}
					Event::SeatOffered { citizen, .. } => {
						assert_eq!(model.pop_front(), Some(citizen), "step {step}: not the head");
						offered += 1;
					}
					_ => {}
				}
			}
			assert_eq!(waitlist(course), model.iter().copied().collect::<Vec<_>>(), "step {step}");
			for (i, c) in model.iter().enumerate() {
				assert_eq!(
					standing_view(course, *c),
					Some(StandingView::Waiting { position: i as u32 + 1 }),
					"step {step}"
				);
			}
			FacilityBooking::do_try_state().expect("invariants hold at every step");
		}
		// The run exercised the queue.
		assert!(joined > 50 && offered > 20, "joined {joined}, offered {offered}");
	});
}
