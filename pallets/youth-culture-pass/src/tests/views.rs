//! What wallets and dashboards read.

use super::*;

#[test]
fn a_round_as_served() {
	run(|| {
		let id = open_with(lottery_terms());
		let v = YouthPass::round(id).unwrap();
		assert_eq!(v.phase, RoundPhase::Upcoming);
		assert_eq!(v.draw, Some(DrawPhase::Entering));
		assert_eq!(v.beacon_time, Some(beacon_time()));
		assert_eq!(v.tiers[0].places_left, PLACES);
		assert_eq!(v.name.en, b"Youth culture pass".to_vec());
		set_now(OPENS);
		assert_eq!(YouthPass::round(id).unwrap().phase, RoundPhase::Open);
		assert_eq!(YouthPass::rounds().len(), 1);
		assert!(YouthPass::round(5).is_none());
	});
}

#[test]
fn an_entrant_sees_rank_and_waitlist_position() {
	run(|| {
		let id = open_lottery();
		let a = enter_many(id, 0, 0, 5);
		let (account, citizen) = a[4];
		let s = YouthPass::entry_status(id, &account).unwrap();
		assert_eq!((s.tier, s.index, s.entries, s.places, s.rank), (0, 4, 5, PLACES, None));
		close();
		assert_eq!(YouthPass::draw_progress(id).unwrap().next, NextStep::Freeze);
		assert_ok!(YouthPass::draw(signed(STRANGER), id, 1));
		assert!(matches!(YouthPass::draw_progress(id).unwrap().next, NextStep::FeedBeacon { .. }));
		feed(id);
		assert_eq!(YouthPass::draw_progress(id).unwrap().next, NextStep::Step);
		let s = YouthPass::entry_of(id, citizen).unwrap();
		let rank = s.rank.unwrap();
		assert_eq!(s.waitlist_position, rank.checked_sub(PLACES));
		draw_all(id);
		let p = YouthPass::draw_progress(id).unwrap();
		assert_eq!((p.next, p.processed, p.total), (NextStep::Done, 5, 5));
		let s = YouthPass::entry_of(id, citizen).unwrap();
		assert_eq!(s.pass.is_some(), rank < PLACES);
		let r = YouthPass::report(id).unwrap();
		assert_eq!(r.tiers[0].tally.winners, PLACES);
		assert_eq!(r.collected, 5 * CO);
		assert_eq!(r.refunded, 2 * CO);
		assert_eq!(YouthPass::round(id).unwrap().tiers[0].places_left, 0);
	});
}

#[test]
fn a_pass_and_the_open_offers() {
	run(|| {
		let id = open_first_come();
		assert_eq!(YouthPass::quote_for(&ALICE, id, 0), Ok(CO));
		assert_eq!(YouthPass::quote_for(&STRANGER, id, 0), Err(Refusal::NotCitizen));
		assert_eq!(YouthPass::quote(ERIN_ID, id, 0), Err(Refusal::MissingYouthClaim));
		assert_ok!(YouthPass::buy(signed(ALICE), id, 0));
		assert_eq!(YouthPass::quote(ALICE_ID, id, 1), Err(Refusal::AlreadyHasPassThisYear));
		assert_ok!(designate_offer(
			root(),
			id,
			ORGANISER,
			OfferKind::Performance,
			name("p", "p"),
			25_000,
			4,
			START + 40 * DAY,
			START + 30 * DAY,
		));
		assert_ok!(YouthPass::book(signed(ALICE), 0));
		let p = YouthPass::pass_status(&ALICE, id).unwrap();
		assert_eq!((p.face, p.balance, p.bookings.clone()), (FACE, FACE - 25_000, vec![0]));
		let offers = YouthPass::open_offers();
		assert_eq!(offers.len(), 1);
		assert_eq!((offers[0].seats_left, offers[0].booked), (3, 1));
		set_now(START + 40 * DAY);
		assert!(YouthPass::open_offers().is_empty());
		assert!(YouthPass::pass_status(&BOB, id).is_none());
	});
}
