//! A freed seat is offered to the head of the waitlist for the course's offer period: they
//! confirm (and pay) in time and are enrolled; an offer not confirmed in time passes to the
//! next in line — at the next call touching the course, by anyone's `advance_waitlist`, or in
//! `on_idle` — one offer per step, never a loop over the waitlist.

use super::*;
use citizen_primitives::testing::MockCitizenRegistry;
use frame_support::{assert_noop, traits::Hooks, weights::Weight};
use sp_runtime::{DispatchError, TokenError};

/// A paid one-seat course: Alice holds the seat, Bob and Carol wait in that order.
fn full_course() -> CourseId {
	let course = publish(course_spec(1, Some(COURSE_FEE)));
	enroll(ALICE, course);
	enroll(BOB, course);
	enroll(CAROL, course);
	course
}

#[test]
fn a_withdrawal_offers_the_seat_to_the_head_who_confirms_and_pays() {
	run(|| {
		let course = full_course();
		set_local(d0() + 1, 9, 0);
		assert_ok!(FacilityBooking::withdraw(signed(ALICE), course));
		let until = at(d0() + 1, 10, 0);
		assert!(events().contains(&Event::SeatOffered { course, citizen: BOB_ID, until }));
		assert_eq!(standing(course, BOB_ID), Some(Standing::Offered { until }));
		assert_eq!(offers(course), vec![BOB_ID]);
		assert_eq!(waitlist(course), vec![CAROL_ID]);
		assert_eq!(counts(course), (0, 1, 1));
		assert_eq!(
			standing_view(course, BOB_ID),
			Some(StandingView::Offered { until, expired: false })
		);
		assert_eq!(standing_view(course, CAROL_ID), Some(StandingView::Waiting { position: 1 }));
		let before = facility_balance(HALL);
		set_local(d0() + 1, 9, 59);
		confirm(BOB, course);
		assert_eq!(
			last_event(),
			Event::Enrolled { course, citizen: BOB_ID, paid: COURSE_FEE, from_offer: true }
		);
		assert_eq!(standing(course, BOB_ID), Some(Standing::Enrolled));
		assert_eq!(balance(BOB), ENDOWMENT - COURSE_FEE);
		assert_eq!(facility_balance(HALL), before + COURSE_FEE);
		assert_eq!(counts(course), (1, 0, 1));
		assert!(offers(course).is_empty());
	});
}

#[test]
fn an_offer_not_confirmed_in_time_passes_to_the_next_at_the_next_call() {
	run(|| {
		let course = full_course();
		assert_ok!(FacilityBooking::withdraw(signed(ALICE), course));
		MockTime::advance(60 * MINUTE);
		// Bob's offer has expired; the view says so, and counts it.
		assert_eq!(
			standing_view(course, BOB_ID),
			Some(StandingView::Offered { until: START + 60 * MINUTE, expired: true })
		);
		assert_eq!(FacilityBooking::course(course).unwrap().expired_offers, 1);
		// Confirming late is refused, and changes nothing.
		assert_noop!(
			FacilityBooking::confirm_offer(signed(BOB), course, COURSE_FEE),
			Error::<Test>::OfferExpired
		);
		// Carol, next in line, confirms: Bob's offer lapses, the seat is offered to her and she
		// takes it, in one call.
		confirm(CAROL, course);
		let happened = events();
		let n = happened.len();
		assert_eq!(
			happened[n - 3..].to_vec(),
			vec![
				Event::OfferLapsed { course, citizen: BOB_ID },
				Event::SeatOffered { course, citizen: CAROL_ID, until: START + 2 * 60 * MINUTE },
				Event::Enrolled { course, citizen: CAROL_ID, paid: COURSE_FEE, from_offer: true },
			]
		);
		assert_eq!(standing(course, BOB_ID), None);
		assert!(CitizenCourses::<Test>::get(BOB_ID).is_empty());
		assert_eq!(balance(BOB), ENDOWMENT, "Bob never paid");
		assert_eq!(counts(course), (1, 0, 0));
	});
}

#[test]
fn anyone_passes_expired_offers_on_and_so_does_on_idle() {
	run(|| {
		let course = full_course();
		assert_ok!(FacilityBooking::withdraw(signed(ALICE), course));
		assert_noop!(
			FacilityBooking::advance_waitlist(signed(DAVE), course, 1),
			Error::<Test>::NoExpiredOffer
		);
		MockTime::advance(60 * MINUTE);
		for max in [0, 4] {
			assert_noop!(
				FacilityBooking::advance_waitlist(signed(DAVE), course, max),
				Error::<Test>::InvalidStep
			);
		}
		assert_noop!(
			FacilityBooking::advance_waitlist(signed(DAVE), 9, 1),
			Error::<Test>::UnknownCourse
		);
		assert_noop!(
			FacilityBooking::advance_waitlist(RuntimeOrigin::none(), course, 1),
			DispatchError::BadOrigin
		);
		assert_ok!(FacilityBooking::advance_waitlist(signed(DAVE), course, 1));
		assert_eq!(standing(course, BOB_ID), None);
		assert_eq!(offers(course), vec![CAROL_ID]);
		// Carol lets hers expire too: the idle hook passes it on (nobody left: the seat is
		// free again).
		MockTime::advance(60 * MINUTE);
		FacilityBooking::on_idle(2, Weight::MAX);
		assert!(events().contains(&Event::OfferLapsed { course, citizen: CAROL_ID }));
		assert_eq!(counts(course), (0, 0, 0));
		assert_eq!(FacilityBooking::course(course).unwrap().free, 1);
		enroll(crowd(0), course);
		assert_eq!(counts(course), (1, 0, 0));
	});
}

#[test]
fn offers_end_when_the_first_session_starts() {
	run(|| {
		let course = full_course();
		let first_start = at(first_day(), 10, 0);
		MockTime::set(first_start - 10 * MINUTE);
		assert_ok!(FacilityBooking::withdraw(signed(ALICE), course));
		// Held only until the course starts, not a full hour.
		assert_eq!(standing(course, BOB_ID), Some(Standing::Offered { until: first_start }));
		MockTime::set(first_start);
		// It lapses; once the course has started no seat is offered any more.
		assert_ok!(FacilityBooking::advance_waitlist(signed(DAVE), course, 1));
		assert_eq!(counts(course), (0, 0, 1));
		assert_eq!(standing(course, CAROL_ID), Some(Standing::Waiting { seq: 1 }));
	});
}

#[test]
fn declining_an_offer_passes_it_on() {
	run(|| {
		let course = full_course();
		assert_ok!(FacilityBooking::withdraw(signed(ALICE), course));
		assert_ok!(FacilityBooking::withdraw(signed(BOB), course));
		assert_eq!(
			events()[events().len() - 2..].to_vec(),
			vec![
				Event::SeatOffered { course, citizen: CAROL_ID, until: START + 60 * MINUTE },
				Event::Withdrew {
					course,
					citizen: BOB_ID,
					standing: StandingKind::Offered,
					refund: 0
				},
			]
		);
		assert_eq!(offers(course), vec![CAROL_ID]);
	});
}

#[test]
fn only_an_offer_in_time_is_confirmed() {
	run(|| {
		let course = full_course();
		assert_noop!(
			FacilityBooking::confirm_offer(signed(ALICE), course, COURSE_FEE),
			Error::<Test>::NoOffer
		);
		assert_noop!(
			FacilityBooking::confirm_offer(signed(BOB), course, COURSE_FEE),
			Error::<Test>::NoOffer
		);
		let stranger = crowd(0);
		assert_noop!(
			FacilityBooking::confirm_offer(signed(stranger), course, COURSE_FEE),
			Error::<Test>::NotEnrolled
		);
		assert_noop!(
			FacilityBooking::confirm_offer(signed(BOB), 9, COURSE_FEE),
			Error::<Test>::UnknownCourse
		);
		assert_ok!(FacilityBooking::withdraw(signed(ALICE), course));
		assert_noop!(
			FacilityBooking::confirm_offer(signed(BOB), course, COURSE_FEE - 1),
			Error::<Test>::FeeAboveLimit
		);
		use frame_support::traits::fungible::Mutate;
		Balances::set_balance(&BOB, COURSE_FEE - 1);
		assert_noop!(
			FacilityBooking::confirm_offer(signed(BOB), course, COURSE_FEE),
			DispatchError::Token(TokenError::FundsUnavailable)
		);
		assert_noop!(
			FacilityBooking::confirm_offer(signed(DAVE), course, COURSE_FEE),
			Error::<Test>::NotCitizen
		);
		MockCitizenRegistry::set_active(BOB_ID, false);
		assert_noop!(
			FacilityBooking::confirm_offer(signed(BOB), course, COURSE_FEE),
			Error::<Test>::NotCitizen
		);
		for origin in [root(), RuntimeOrigin::none()] {
			assert_noop!(
				FacilityBooking::confirm_offer(origin, course, COURSE_FEE),
				DispatchError::BadOrigin
			);
		}
	});
}

#[test]
fn eligibility_is_checked_again_when_confirming() {
	run(|| {
		use citizen_primitives::ClaimValue;
		let mut spec = course_spec(1, None);
		spec.required_claims =
			frame_support::BoundedBTreeSet::try_from(std::collections::BTreeSet::from([
				ClaimKind::YouthAgeBand,
			]))
			.unwrap();
		let course = publish(spec);
		for id in [ALICE_ID, BOB_ID] {
			MockCitizenRegistry::add_claim(id, ClaimValue::YouthAgeBand, START + DAY);
		}
		enroll(ALICE, course);
		enroll(BOB, course);
		assert_ok!(FacilityBooking::withdraw(signed(ALICE), course));
		MockCitizenRegistry::remove_claim(BOB_ID, ClaimKind::YouthAgeBand);
		assert_noop!(
			FacilityBooking::confirm_offer(signed(BOB), course, 0),
			Error::<Test>::NotEligible
		);
	});
}

#[test]
fn a_cancelled_course_or_retired_facility_confirms_nothing() {
	run(|| {
		let course = full_course();
		assert_ok!(FacilityBooking::withdraw(signed(ALICE), course));
		assert_ok!(FacilityBooking::retire_facility(root(), HALL));
		assert_noop!(
			FacilityBooking::confirm_offer(signed(BOB), course, COURSE_FEE),
			Error::<Test>::FacilityRetired
		);
		assert_ok!(FacilityBooking::cancel_course(root(), course));
		assert_noop!(
			FacilityBooking::confirm_offer(signed(BOB), course, COURSE_FEE),
			Error::<Test>::CourseCancelled
		);
	});
}

#[test]
fn several_freed_seats_go_to_the_waitlist_in_order() {
	run(|| {
		let course = publish(course_spec(3, None));
		enroll(ALICE, course);
		enroll(BOB, course);
		enroll(CAROL, course);
		let waiting: Vec<u64> = (0..3).map(crowd).collect();
		for w in &waiting {
			enroll(*w, course);
		}
		assert_ok!(FacilityBooking::withdraw(signed(CAROL), course));
		MockTime::advance(10 * MINUTE);
		assert_ok!(FacilityBooking::withdraw(signed(ALICE), course));
		assert_eq!(offers(course), vec![crowd_id(waiting[0]), crowd_id(waiting[1])]);
		// The first offer ends first: both expire, and one step passes both on, in order.
		MockTime::advance(60 * MINUTE);
		assert_ok!(FacilityBooking::advance_waitlist(signed(DAVE), course, 3));
		assert_eq!(offers(course), vec![crowd_id(waiting[2])]);
		assert_eq!(counts(course), (1, 1, 0));
	});
}
