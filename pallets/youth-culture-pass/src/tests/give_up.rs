//! A holder gives back an unused pass: refunded, the place offered to the next waitlist
//! position (rank − places).

use super::*;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn a_given_up_pass_is_refunded_and_offered_to_the_first_waitlist_position() {
	run(|| {
		let (id, a) = drawn();
		let program = program(id);
		let (winner, winner_id) = a_winner(id);
		let free_before = free(program);
		assert_ok!(YouthPass::give_up(signed(winner), id));
		assert!(has_event(Event::PassGivenUp { round: id, tier: 0, citizen: winner_id }));
		assert_eq!(last_event(), Event::PlaceOffered { round: id, tier: 0, position: 0 });
		assert_eq!(balance(winner), WALLET, "co-payment refunded");
		assert_eq!(voucher(program, winner_id), 0);
		assert_eq!(free(program), free_before + FACE - CO);
		assert!(Passes::<Test>::get(id, winner_id).unwrap().given_up);
		// Position 0 claims: pays again, gets the pass.
		let (first, first_id) = at_position(id, &a, 0);
		let status = YouthPass::entry_of(id, first_id).unwrap();
		assert_eq!((status.rank, status.waitlist_position), (Some(PLACES), Some(0)));
		assert!(status.offer.is_some());
		assert_noop!(
			YouthPass::claim_place(signed(at_position(id, &a, 1).0), id),
			Error::<Test>::NoPlaceOffer
		);
		assert_ok!(YouthPass::claim_place(signed(first), id));
		assert!(has_event(Event::PlaceClaimed {
			round: id,
			tier: 0,
			position: 0,
			citizen: first_id
		}));
		assert_eq!(voucher(program, first_id), FACE);
		assert_eq!(balance(first), WALLET - CO);
		assert_eq!(Passes::<Test>::get(id, first_id).map(|p| p.source), Some(PassSource::Waitlist));
		assert_eq!(holders(id, 0).len(), 3);
		assert!(PlaceOffers::<Test>::get(id, (0, 0)).is_none());
		let t = tier_tally(id, 0);
		assert_eq!((t.issued, t.returned, t.open_offers, t.next_offer), (4, 1, 0, 1));
		assert_noop!(YouthPass::claim_place(signed(first), id), Error::<Test>::NotWaitlisted);
	});
}

#[test]
fn give_up_refusals() {
	run(|| {
		let (id, a) = drawn();
		let (loser, _) = at_position(id, &a, 0);
		assert_noop!(YouthPass::give_up(signed(loser), id), Error::<Test>::NoPass);
		assert_noop!(YouthPass::give_up(signed(STRANGER), id), Error::<Test>::NotCitizen);
		assert_noop!(YouthPass::give_up(signed(ALICE), 9), Error::<Test>::UnknownRound);
		let (winner, _) = a_winner(id);
		// A used pass (booked) cannot be given back.
		assert_ok!(designate_offer(
			root(),
			id,
			ORGANISER,
			OfferKind::Performance,
			name("공연", "Show"),
			20_000,
			10,
			CLOSES + 30 * DAY,
			CLOSES + 20 * DAY,
		));
		assert_ok!(YouthPass::book(signed(winner), 0));
		assert_noop!(YouthPass::give_up(signed(winner), id), Error::<Test>::PassUsed);
		assert_ok!(YouthPass::cancel_booking(signed(winner), 0));
		assert_ok!(YouthPass::give_up(signed(winner), id));
		assert_noop!(YouthPass::give_up(signed(winner), id), Error::<Test>::PassGivenUp);
		set_now(SPEND_UNTIL);
		let (other, _) = a_winner(id);
		assert_noop!(YouthPass::give_up(signed(other), id), Error::<Test>::SpendWindowOver);
	});
}

#[test]
fn only_citizens_give_up() {
	run(|| {
		let (id, _) = drawn();
		assert_noop!(YouthPass::give_up(root(), id), DispatchError::BadOrigin);
	});
}

#[test]
fn a_pass_given_up_frees_the_year_but_not_the_round() {
	run(|| {
		let id = open_first_come();
		assert_ok!(YouthPass::buy(signed(BOB), id, 1));
		assert_eq!(YearSlot::<Test>::get(YEAR, BOB_ID), Some(id));
		assert_ok!(YouthPass::give_up(signed(BOB), id));
		assert_eq!(YearSlot::<Test>::get(YEAR, BOB_ID), None);
		// Not this round again (its pass record stays) ...
		assert_noop!(YouthPass::buy(signed(BOB), id, 0), Error::<Test>::AlreadyHasPassThisYear);
		assert_eq!(YouthPass::quote(BOB_ID, id, 0), Err(Refusal::AlreadyHasPassThisYear));
		// ... but another round of the year.
		let other = open_with({
			let mut t = lottery_terms();
			t.entry_opens = now();
			t
		});
		assert_ok!(YouthPass::enter(signed(BOB), other, 0));
		assert_eq!(YearSlot::<Test>::get(YEAR, BOB_ID), Some(other));
	});
}

#[test]
fn a_drawn_pass_given_up_frees_the_year() {
	run(|| {
		let (id, _) = drawn();
		let (winner, winner_id) = a_winner(id);
		assert_eq!(YearSlot::<Test>::get(YEAR, winner_id), Some(id));
		assert_ok!(YouthPass::give_up(signed(winner), id));
		assert_eq!(YearSlot::<Test>::get(YEAR, winner_id), None);
	});
}
