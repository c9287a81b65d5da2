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

#[test]
fn a_settled_booking_leaves_the_pass_so_it_can_book_again() {
	run(|| {
		let (id, _) = offer_setup(5);
		// MaxBookingsPerPass is 3: three offers booked and settled ...
		for _ in 0..3 {
			assert_ok!(designate_offer(
				root(),
				id,
				ORGANISER,
				OfferKind::Package,
				name("x", "x"),
				1_000,
				5,
				DATE,
				CANCEL_UNTIL,
			));
		}
		for offer in 1..4 {
			assert_ok!(YouthPass::book(signed(ALICE), offer));
		}
		assert_eq!(PassBookings::<Test>::get(id, ALICE_ID).len(), 3);
		set_now(DATE);
		for offer in 1..4 {
			assert_ok!(YouthPass::settle_offer(signed(STRANGER), offer, 10));
		}
		assert!(PassBookings::<Test>::get(id, ALICE_ID).is_empty());
		assert_eq!(MockVoucherLedger::paid(ORGANISER), 3_000);
		// ... and the pass books more later in its life.
		let later = NextOfferId::<Test>::get();
		assert_ok!(designate_offer(
			root(),
			id,
			ORGANISER,
			OfferKind::Festival,
			name("y", "y"),
			1_000,
			5,
			DATE + 20 * DAY,
			DATE + 10 * DAY,
		));
		assert_ok!(YouthPass::book(signed(ALICE), later));
		assert_eq!(PassBookings::<Test>::get(id, ALICE_ID).to_vec(), vec![later]);
	});
}

#[test]
fn a_refused_settlement_keeps_the_hold_and_is_retried_until_the_organiser_is_paid() {
	run(|| {
		let (id, offer) = offer_setup(5);
		let program = program(id);
		for who in [ALICE, BOB, CAROL] {
			assert_ok!(YouthPass::book(signed(who), offer));
		}
		set_now(DATE);
		assert_ok!(YouthPass::settle_offer(signed(STRANGER), offer, 1));
		assert_eq!(MockVoucherLedger::paid(ORGANISER), PRICE);
		// The organiser is suspended for a while: the next settlement is refused.
		TestLedger::refuse_settlements(true);
		assert_noop!(
			YouthPass::settle_offer(signed(STRANGER), offer, 10),
			DispatchError::Other("merchant suspended")
		);
		idle(lots());
		// Nothing was released to the youths: the holds and bookings stay, the cursor on Bob.
		let o = CultureOffers::<Test>::get(offer).unwrap();
		assert_eq!((o.booked, o.cancelled, o.settled, o.settle_cursor), (3, 0, 1, 1));
		assert_eq!(voucher(program, BOB_ID), FACE - PRICE);
		assert!(Bookings::<Test>::get(offer, 1).is_some());
		assert_eq!(PassBookings::<Test>::get(id, BOB_ID).to_vec(), vec![offer]);
		assert_eq!(
			<MockVoucherLedger as VoucherLedger<u64, Balance>>::held(program, 1),
			Some((BOB_ID, ORGANISER, PRICE))
		);
		assert_eq!(LiveOffers::<Test>::get().to_vec(), vec![(DATE, offer)]);
		assert_eq!(MockVoucherLedger::paid(ORGANISER), PRICE);
		// The obstacle is gone: a later step pays the organiser.
		TestLedger::refuse_settlements(false);
		idle(lots());
		assert_eq!(MockVoucherLedger::paid(ORGANISER), 3 * PRICE);
		let o = CultureOffers::<Test>::get(offer).unwrap();
		assert_eq!((o.booked, o.cancelled, o.settled), (3, 0, 3));
		assert!(LiveOffers::<Test>::get().is_empty());
		assert!(PassBookings::<Test>::get(id, BOB_ID).is_empty());
	});
}

#[test]
fn a_step_stops_at_a_refused_settlement_and_keeps_what_it_settled() {
	run(|| {
		let (_, offer) = offer_setup(5);
		for who in [ALICE, BOB] {
			assert_ok!(YouthPass::book(signed(who), offer));
		}
		assert_ok!(YouthPass::cancel_booking(signed(ALICE), offer));
		set_now(DATE);
		TestLedger::refuse_settlements(true);
		// Seq 0 was cancelled (passed over), seq 1 refused: the step keeps its progress.
		assert_ok!(YouthPass::settle_offer(signed(STRANGER), offer, 10));
		assert_eq!(last_event(), Event::OfferSettled { offer, settled: 0, complete: false });
		assert_eq!(CultureOffers::<Test>::get(offer).unwrap().settle_cursor, 1);
		TestLedger::refuse_settlements(false);
		assert_ok!(YouthPass::settle_offer(signed(STRANGER), offer, 10));
		assert_eq!(last_event(), Event::OfferSettled { offer, settled: 1, complete: true });
		assert_eq!(MockVoucherLedger::paid(ORGANISER), PRICE);
	});
}
