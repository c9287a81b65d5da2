//! What wallets and merchants read: vouchers, "can I accept this?", reports.

use super::*;
use frame_support::assert_ok;

#[test]
fn can_accept_agrees_with_spend() {
	run(|| {
		let program = automatic_program(2);
		assert_ok!(Funds::apply(signed(ALICE), program));
		let yes = Funds::can_accept(&BOOKSHOP, &ALICE, 1_000);
		assert!(yes.accepted);
		assert_eq!(yes.program, Some(program));
		assert_eq!(yes.usable, vec![(program, GRANT)]);
		assert_ok!(Funds::spend(signed(ALICE), program, BOOKSHOP, 1_000));

		let too_much = Funds::can_accept(&BOOKSHOP, &ALICE, GRANT);
		assert_eq!(
			(too_much.accepted, too_much.refusal),
			(false, Some(Refusal::InsufficientBalance))
		);
		assert!(Funds::spend(signed(ALICE), program, BOOKSHOP, GRANT).is_err());

		let cram = Funds::can_accept(&CRAM_SCHOOL, &ALICE, 1);
		assert_eq!((cram.accepted, cram.refusal), (false, Some(Refusal::NoUsableVoucher)));
		assert!(Funds::spend(signed(ALICE), program, CRAM_SCHOOL, 1).is_err());

		assert_eq!(Funds::can_accept(&77, &ALICE, 1).refusal, Some(Refusal::NotAMerchant));
		assert_eq!(Funds::can_accept(&BOOKSHOP, &77, 1).refusal, Some(Refusal::NotACitizen));
		assert_ok!(Funds::set_merchant_active(root(), BOOKSHOP, false));
		assert_eq!(
			Funds::can_accept(&BOOKSHOP, &ALICE, 1).refusal,
			Some(Refusal::MerchantSuspended)
		);
	});
}

#[test]
fn a_wallet_lists_its_vouchers() {
	run(|| {
		let program = automatic_program(2);
		assert_ok!(Funds::apply(signed(ALICE), program));
		let vouchers = Funds::vouchers_of(ALICE_ID, 0, 10);
		assert_eq!(
			vouchers,
			vec![VoucherView {
				program,
				balance: GRANT,
				frozen: false,
				expires_at: START + 223 * DAY
			}]
		);
		assert!(Funds::vouchers_of(BOB_ID, 0, 10).is_empty());
	});
}

#[test]
fn the_report_adds_up() {
	run(|| {
		let program = automatic_program(3);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_ok!(Funds::apply(signed(BOB), program));
		assert_ok!(Funds::spend(signed(ALICE), program, BOOKSHOP, 10_000));
		assert_ok!(Funds::spend(signed(BOB), program, SWIMMING, 20_000));
		let r = Funds::report(program).unwrap();
		assert_eq!(r.funded, 3 * GRANT);
		assert_eq!(r.allocated, 2 * GRANT);
		assert_eq!(r.spent, 30_000);
		assert_eq!(r.citizens_served, 2);
		assert_eq!(r.free + r.outstanding + r.spent, r.funded);
		assert!(Funds::report(9).is_none());
	});
}
