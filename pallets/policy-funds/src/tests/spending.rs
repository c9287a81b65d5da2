//! Citizens spend vouchers at merchants; the merchant is paid in the same call.

use super::*;
use citizen_primitives::testing::MockCitizenRegistry;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

#[test]
fn a_partial_spend_pays_the_merchant_at_once() {
	run(|| {
		let program = automatic_program(1);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_ok!(Funds::spend(signed(ALICE), program, BOOKSHOP, 12_000));
		assert_eq!(balance(BOOKSHOP), 12_000);
		assert_eq!(Vouchers::<Test>::get(program, ALICE_ID).unwrap().balance, GRANT - 12_000);
		assert_eq!(
			last_event(),
			Event::VoucherSpent {
				program,
				citizen: ALICE_ID,
				merchant: BOOKSHOP,
				category: BOOKS,
				amount: 12_000
			}
		);
		assert_ok!(Funds::spend(signed(ALICE), program, SWIMMING, 8_000));
		let r = report(program);
		assert_eq!((r.spent, r.outstanding), (20_000, GRANT - 20_000));
		assert_eq!(SpendByCategory::<Test>::get(program, BOOKS), 12_000);
		assert_eq!(SpendByCategory::<Test>::get(program, SPORTS), 8_000);
	});
}

#[test]
fn the_whole_voucher_can_be_spent_but_not_more() {
	run(|| {
		let program = automatic_program(2);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_noop!(
			Funds::spend(signed(ALICE), program, BOOKSHOP, GRANT + 1),
			Error::<Test>::InsufficientVoucher
		);
		assert_ok!(Funds::spend(signed(ALICE), program, BOOKSHOP, GRANT));
		assert_noop!(
			Funds::spend(signed(ALICE), program, BOOKSHOP, 1),
			Error::<Test>::InsufficientVoucher
		);
	});
}

#[test]
fn each_refusal_has_its_own_error_and_changes_nothing() {
	run(|| {
		let program = automatic_program(2);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_noop!(
			Funds::spend(signed(ALICE), program, CRAM_SCHOOL, 1_000),
			Error::<Test>::CategoryNotAllowed
		);
		assert_noop!(
			Funds::spend(signed(ALICE), program, 77, 1_000),
			Error::<Test>::UnknownMerchant
		);
		assert_noop!(Funds::spend(signed(ALICE), program, BOOKSHOP, 0), Error::<Test>::ZeroAmount);
		assert_noop!(Funds::spend(signed(BOB), program, BOOKSHOP, 1_000), Error::<Test>::NoVoucher);
		assert_noop!(Funds::spend(signed(77), program, BOOKSHOP, 1_000), Error::<Test>::NotCitizen);
		assert_noop!(
			Funds::spend(signed(ALICE), 9, BOOKSHOP, 1_000),
			Error::<Test>::UnknownProgram
		);
		assert_noop!(Funds::spend(root(), program, BOOKSHOP, 1_000), DispatchError::BadOrigin);
		assert_ok!(Funds::set_merchant_active(root(), BOOKSHOP, false));
		assert_noop!(
			Funds::spend(signed(ALICE), program, BOOKSHOP, 1_000),
			Error::<Test>::MerchantSuspended
		);
		advance(223 * DAY);
		assert_noop!(
			Funds::spend(signed(ALICE), program, SWIMMING, 1_000),
			Error::<Test>::ProgramExpired
		);
	});
}

#[test]
fn excluded_categories_win_over_allowed_ones() {
	run(|| {
		let mut t = terms(ApprovalMode::Automatic);
		t.allowed_categories = BoundedBTreeSet::new();
		t.excluded_categories = set([CRAM]);
		let program = setup_program(t, GRANT);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_ok!(Funds::spend(signed(ALICE), program, BOOKSHOP, 1));
		assert_ok!(Funds::spend(signed(ALICE), program, SWIMMING, 1));
		assert_noop!(
			Funds::spend(signed(ALICE), program, CRAM_SCHOOL, 1),
			Error::<Test>::CategoryNotAllowed
		);
	});
}

#[test]
fn a_voucher_follows_the_citizen_to_a_new_key() {
	run(|| {
		let program = automatic_program(1);
		assert_ok!(Funds::apply(signed(ALICE), program));
		MockCitizenRegistry::rebind(ALICE_ID, 55);
		assert_noop!(Funds::spend(signed(ALICE), program, BOOKSHOP, 1), Error::<Test>::NotCitizen);
		assert_ok!(Funds::spend(signed(55), program, BOOKSHOP, 1));
	});
}

#[test]
fn a_merchant_cannot_pay_itself() {
	run(|| {
		let program = automatic_program(1);
		assert_ok!(Funds::apply(signed(ALICE), program));
		// Alice also runs a bookshop from her own account.
		assert_ok!(Funds::register_merchant(root(), ALICE, BOOKS, 3));
		assert_noop!(
			Funds::spend(signed(ALICE), program, ALICE, 1_000),
			Error::<Test>::SelfPayment
		);
		assert_noop!(
			<Funds as VoucherLedger<u64, Balance>>::spend(program, ALICE_ID, &ALICE, 1_000),
			Error::<Test>::SelfPayment
		);
		// Her voucher still pays other shops; after a move to a new key, the old account is a
		// shop like any other.
		assert_ok!(Funds::spend(signed(ALICE), program, BOOKSHOP, 1_000));
		MockCitizenRegistry::rebind(ALICE_ID, 55);
		assert_ok!(Funds::spend(signed(55), program, ALICE, 1_000));
		assert_eq!(balance(ALICE), 10 + 1_000);
	});
}
