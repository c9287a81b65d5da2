//! A holder cancels a booking before the deadline: the hold is released.

use super::*;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn cancel_refusals() {
	run(|| {
		let (_, offer) = offer_setup(2);
		assert_noop!(YouthPass::cancel_booking(signed(ALICE), offer), Error::<Test>::NoBooking);
		assert_noop!(YouthPass::cancel_booking(signed(ALICE), 9), Error::<Test>::UnknownOffer);
		assert_ok!(YouthPass::book(signed(ALICE), offer));
		set_now(CANCEL_UNTIL);
		assert_noop!(
			YouthPass::cancel_booking(signed(ALICE), offer),
			Error::<Test>::CancelDeadlinePassed
		);
	});
}

#[test]
fn only_citizens_cancel() {
	run(|| {
		let (_, offer) = offer_setup(2);
		assert_ok!(YouthPass::book(signed(ALICE), offer));
		assert_noop!(YouthPass::cancel_booking(root(), offer), DispatchError::BadOrigin);
		assert_noop!(YouthPass::cancel_booking(signed(STRANGER), offer), Error::<Test>::NotCitizen);
	});
}
