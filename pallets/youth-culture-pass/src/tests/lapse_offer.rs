//! An unclaimed offer lapses to the next waitlist position, or the place stays vacant.

use super::*;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn an_unclaimed_offer_lapses_to_the_next_position() {
	run(|| {
		let (id, a) = drawn();
		let (winner, _) = a_winner(id);
		assert_ok!(YouthPass::give_up(signed(winner), id));
		assert_noop!(
			YouthPass::lapse_offer(signed(STRANGER), id, 0, 0),
			Error::<Test>::OfferStillLive
		);
		advance(WaitlistClaimWindow::get());
		let (first, _) = at_position(id, &a, 0);
		assert_noop!(YouthPass::claim_place(signed(first), id), Error::<Test>::OfferExpired);
		assert_ok!(YouthPass::lapse_offer(signed(STRANGER), id, 0, 0));
		assert!(has_event(Event::OfferLapsed { round: id, tier: 0, position: 0 }));
		assert_eq!(last_event(), Event::PlaceOffered { round: id, tier: 0, position: 1 });
		let (second, second_id) = at_position(id, &a, 1);
		assert_ok!(YouthPass::claim_place(signed(second), id));
		assert_eq!(holders(id, 0).len(), 3);
		assert!(holders(id, 0).contains(&second_id));
		assert_noop!(
			YouthPass::lapse_offer(signed(STRANGER), id, 0, 0),
			Error::<Test>::NoPlaceOffer
		);
		assert_noop!(
			YouthPass::lapse_offer(RuntimeOrigin::none(), id, 0, 1),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn when_the_waitlist_runs_out_the_place_stays_vacant() {
	run(|| {
		let (id, _) = drawn();
		for p in 0..3 {
			let (winner, _) = a_winner(id);
			if p == 0 {
				assert_ok!(YouthPass::give_up(signed(winner), id));
			}
			advance(WaitlistClaimWindow::get());
			assert_ok!(YouthPass::lapse_offer(signed(STRANGER), id, 0, p));
		}
		assert_eq!(last_event(), Event::PlaceVacant { round: id, tier: 0 });
		let t = tier_tally(id, 0);
		assert_eq!((t.open_offers, t.vacant, t.next_offer), (0, 1, 3));
	});
}
