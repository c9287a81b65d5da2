//! The city withdraws an offer nobody booked.

use super::*;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn withdraw_refusals() {
	run(|| {
		let (_, offer) = offer_setup(2);
		assert_noop!(YouthPass::withdraw_offer(root(), 9), Error::<Test>::UnknownOffer);
		assert_noop!(YouthPass::withdraw_offer(signed(ALICE), offer), DispatchError::BadOrigin);
		assert_ok!(YouthPass::book(signed(ALICE), offer));
		assert_ok!(YouthPass::cancel_booking(signed(ALICE), offer));
		assert_noop!(YouthPass::withdraw_offer(root(), offer), Error::<Test>::OfferBooked);
	});
}
