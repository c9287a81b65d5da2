//! A holder books a seat: the price is held on the pass for the organiser.

use super::*;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn booking_holds_the_price_and_cancelling_restores_the_pass() {
	run(|| {
		let (id, offer) = offer_setup(2);
		let program = program(id);
		assert_ok!(YouthPass::book(signed(ALICE), offer));
		assert_eq!(last_event(), Event::Booked { offer, citizen: ALICE_ID, hold: 0 });
		assert_eq!(voucher(program, ALICE_ID), FACE - PRICE);
		assert_eq!(
			<MockVoucherLedger as VoucherLedger<u64, Balance>>::held(program, 0),
			Some((ALICE_ID, ORGANISER, PRICE))
		);
		assert_eq!(PassBookings::<Test>::get(id, ALICE_ID).to_vec(), vec![offer]);
		assert_eq!(CultureOffers::<Test>::get(offer).unwrap().booked, 1);
		assert_ok!(YouthPass::cancel_booking(signed(ALICE), offer));
		assert_eq!(last_event(), Event::BookingCancelled { offer, citizen: ALICE_ID });
		assert_eq!(voucher(program, ALICE_ID), FACE);
		assert!(PassBookings::<Test>::get(id, ALICE_ID).is_empty());
		let o = CultureOffers::<Test>::get(offer).unwrap();
		assert_eq!((o.booked, o.cancelled, o.next_booking), (0, 1, 1));
		// Booking again after a cancellation is fine.
		assert_ok!(YouthPass::book(signed(ALICE), offer));
	});
}

#[test]
fn book_refusals() {
	run(|| {
		let (id, offer) = offer_setup(2);
		assert_noop!(YouthPass::book(signed(ALICE), 9), Error::<Test>::UnknownOffer);
		assert_noop!(YouthPass::book(signed(ERIN), offer), Error::<Test>::NoPass);
		assert_noop!(YouthPass::book(signed(STRANGER), offer), Error::<Test>::NotCitizen);
		assert_ok!(YouthPass::book(signed(ALICE), offer));
		assert_noop!(YouthPass::book(signed(ALICE), offer), Error::<Test>::AlreadyBooked);
		assert_ok!(YouthPass::book(signed(BOB), offer));
		assert_noop!(YouthPass::book(signed(CAROL), offer), Error::<Test>::FullyBooked);
		// Dave's 50,000 pass covers one 30,000 seat, not two.
		let dear = NextOfferId::<Test>::get();
		assert_ok!(designate_offer(
			root(),
			id,
			ORGANISER,
			OfferKind::Package,
			name("b", "b"),
			PRICE,
			5,
			DATE,
			CANCEL_UNTIL,
		));
		let dearer = NextOfferId::<Test>::get();
		assert_ok!(designate_offer(
			root(),
			id,
			ORGANISER,
			OfferKind::Package,
			name("c", "c"),
			PRICE,
			5,
			DATE,
			CANCEL_UNTIL,
		));
		assert_ok!(YouthPass::book(signed(DAVE), dear));
		assert_noop!(YouthPass::book(signed(DAVE), dearer), Error::<Test>::InsufficientPass);
		// Carol books three offers at most.
		assert_ok!(designate_offer(
			root(),
			id,
			ORGANISER,
			OfferKind::Package,
			name("d", "d"),
			1_000,
			5,
			DATE,
			CANCEL_UNTIL,
		));
		assert_ok!(YouthPass::book(signed(CAROL), dear));
		assert_ok!(YouthPass::book(signed(CAROL), dearer));
		assert_ok!(YouthPass::book(signed(CAROL), 3));
		assert_ok!(YouthPass::cancel_booking(signed(CAROL), 3));
		assert_ok!(YouthPass::book(signed(CAROL), 3));
		set_now(DATE);
		assert_noop!(YouthPass::book(signed(ERIN), offer), Error::<Test>::BookingClosed);
	});
}

#[test]
fn too_many_bookings_per_pass() {
	run(|| {
		let (id, _) = offer_setup(5);
		for i in 0..3 {
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
			let _ = i;
		}
		for offer in 0..3 {
			assert_ok!(YouthPass::book(signed(ALICE), offer));
		}
		assert_noop!(YouthPass::book(signed(ALICE), 3), Error::<Test>::TooManyBookings);
	});
}

#[test]
fn a_given_up_pass_books_nothing() {
	run(|| {
		let (id, offer) = offer_setup(5);
		assert_ok!(YouthPass::give_up(signed(ALICE), id));
		assert_noop!(YouthPass::book(signed(ALICE), offer), Error::<Test>::PassGivenUp);
	});
}

#[test]
fn only_citizens_book() {
	run(|| {
		let (_, offer) = offer_setup(2);
		assert_noop!(YouthPass::book(root(), offer), DispatchError::BadOrigin);
		assert_noop!(YouthPass::book(RuntimeOrigin::none(), offer), DispatchError::BadOrigin);
	});
}
