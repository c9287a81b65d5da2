//! After the date the holds are settled to the organiser in bounded steps (calls and
//! `on_idle`).

use super::*;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn after_the_date_holds_settle_to_the_organiser_in_bounded_steps() {
	run(|| {
		let (_, offer) = offer_setup(5);
		for who in [ALICE, BOB, CAROL, DAVE] {
			assert_ok!(YouthPass::book(signed(who), offer));
		}
		assert_ok!(YouthPass::cancel_booking(signed(BOB), offer));
		assert_noop!(
			YouthPass::settle_offer(signed(STRANGER), offer, 2),
			Error::<Test>::NotYetSettleable
		);
		set_now(DATE);
		assert_noop!(
			YouthPass::settle_offer(signed(STRANGER), offer, 0),
			Error::<Test>::InvalidSteps
		);
		assert_noop!(
			YouthPass::settle_offer(signed(STRANGER), offer, 11),
			Error::<Test>::InvalidSteps
		);
		assert_ok!(YouthPass::settle_offer(signed(STRANGER), offer, 2));
		// Seq 0 (Alice) settled, seq 1 (Bob) cancelled: one paid so far.
		assert_eq!(MockVoucherLedger::paid(ORGANISER), PRICE);
		assert_eq!(last_event(), Event::OfferSettled { offer, settled: 1, complete: false });
		assert_ok!(YouthPass::settle_offer(signed(STRANGER), offer, 10));
		assert_eq!(MockVoucherLedger::paid(ORGANISER), 3 * PRICE);
		assert_eq!(last_event(), Event::OfferSettled { offer, settled: 3, complete: true });
		let o = CultureOffers::<Test>::get(offer).unwrap();
		assert_eq!((o.booked, o.cancelled, o.settled), (3, 1, 3));
		assert!(LiveOffers::<Test>::get().is_empty());
		assert_noop!(
			YouthPass::settle_offer(signed(STRANGER), offer, 2),
			Error::<Test>::NothingToSettle
		);
	});
}

#[test]
fn on_idle_settles_offers_whose_date_has_come() {
	run(|| {
		let (_, offer) = offer_setup(5);
		for who in [ALICE, BOB, CAROL] {
			assert_ok!(YouthPass::book(signed(who), offer));
		}
		idle(lots());
		assert_eq!(MockVoucherLedger::paid(ORGANISER), 0);
		set_now(DATE);
		idle(lots());
		assert_eq!(MockVoucherLedger::paid(ORGANISER), 3 * PRICE);
		assert!(LiveOffers::<Test>::get().is_empty());
	});
}

#[test]
fn settling_needs_a_signed_origin() {
	run(|| {
		let (_, offer) = offer_setup(2);
		set_now(DATE);
		assert_noop!(
			YouthPass::settle_offer(RuntimeOrigin::none(), offer, 1),
			DispatchError::BadOrigin
		);
		assert_noop!(YouthPass::settle_offer(signed(STRANGER), 9, 1), Error::<Test>::UnknownOffer);
	});
}
