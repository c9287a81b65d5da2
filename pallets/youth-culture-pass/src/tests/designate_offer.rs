//! The city designates offers for a round's passes.

use super::*;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn the_city_designates_and_withdraws_offers() {
	run(|| {
		let (id, offer) = offer_setup(2);
		assert_eq!(last_event(), Event::OfferDesignated { offer, round: id, organiser: ORGANISER });
		let o = CultureOffers::<Test>::get(offer).unwrap();
		assert_eq!((o.price, o.seats, o.booked), (PRICE, 2, 0));
		assert_eq!(LiveOffers::<Test>::get().to_vec(), vec![(DATE, offer)]);
		assert_ok!(YouthPass::withdraw_offer(root(), offer));
		assert_eq!(last_event(), Event::OfferWithdrawn { offer });
		assert!(CultureOffers::<Test>::get(offer).is_none());
		assert!(LiveOffers::<Test>::get().is_empty());
	});
}

#[test]
fn designate_refusals() {
	run(|| {
		let (id, _) = offer_setup(2);
		let d = |round, price, seats, date, cancel| {
			designate_offer(
				root(),
				round,
				ORGANISER,
				OfferKind::Festival,
				name("축제", "Festival"),
				price,
				seats,
				date,
				cancel,
			)
		};
		assert_noop!(d(9, PRICE, 1, DATE, CANCEL_UNTIL), Error::<Test>::UnknownRound);
		for (price, seats, date, cancel) in [
			(0, 1, DATE, CANCEL_UNTIL),
			(PRICE, 0, DATE, CANCEL_UNTIL),
			(PRICE, 101, DATE, CANCEL_UNTIL),
			(PRICE, 1, DATE, DATE + 1),
			(PRICE, 1, SPEND_UNTIL + 1, CANCEL_UNTIL),
			(PRICE, 1, DATE, now()),
		] {
			assert_noop!(d(id, price, seats, date, cancel), Error::<Test>::InvalidOffer);
		}
		for _ in 0..3 {
			assert_ok!(d(id, PRICE, 1, DATE, CANCEL_UNTIL));
		}
		assert_noop!(d(id, PRICE, 1, DATE, CANCEL_UNTIL), Error::<Test>::TooManyLiveOffers);
		assert_noop!(
			designate_offer(
				signed(ALICE),
				id,
				ORGANISER,
				OfferKind::Package,
				name("a", "a"),
				PRICE,
				1,
				DATE,
				CANCEL_UNTIL,
			),
			DispatchError::BadOrigin
		);
	});
}
