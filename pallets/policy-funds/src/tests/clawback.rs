//! Officers freeze a wrongly paid voucher and recover it to the budget.

use super::*;
use frame_support::{assert_noop, assert_ok};

#[test]
fn freeze_then_recover_returns_the_voucher_to_the_budget() {
	run(|| {
		let program = automatic_program(1);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_ok!(Funds::spend(signed(ALICE), program, BOOKSHOP, 50_000));
		assert_ok!(Funds::freeze_voucher(signed(OFFICER), program, ALICE_ID));
		assert_eq!(
			last_event(),
			Event::VoucherFrozen { program, citizen: ALICE_ID, officer: OFFICER }
		);
		assert_noop!(
			Funds::spend(signed(ALICE), program, BOOKSHOP, 1),
			Error::<Test>::VoucherFrozen
		);
		assert_eq!(Funds::spendable(program, ALICE_ID), 0);
		assert_ok!(Funds::recover_voucher(signed(OFFICER), program, ALICE_ID));
		assert_eq!(
			last_event(),
			Event::VoucherRecovered {
				program,
				citizen: ALICE_ID,
				officer: OFFICER,
				amount: GRANT - 50_000
			}
		);
		assert_eq!(voucher(program, ALICE_ID), None);
		let r = report(program);
		assert_eq!((r.free, r.outstanding, r.returned), (GRANT - 50_000, 0, GRANT - 50_000));
	});
}

#[test]
fn unfreezing_restores_spending() {
	run(|| {
		let program = automatic_program(1);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_ok!(Funds::freeze_voucher(signed(OFFICER), program, ALICE_ID));
		assert_noop!(
			Funds::freeze_voucher(signed(OFFICER), program, ALICE_ID),
			Error::<Test>::VoucherFrozen
		);
		assert_ok!(Funds::unfreeze_voucher(signed(OFFICER), program, ALICE_ID));
		assert_eq!(
			last_event(),
			Event::VoucherUnfrozen { program, citizen: ALICE_ID, officer: OFFICER }
		);
		assert_noop!(
			Funds::unfreeze_voucher(signed(OFFICER), program, ALICE_ID),
			Error::<Test>::VoucherNotFrozen
		);
		assert_ok!(Funds::spend(signed(ALICE), program, BOOKSHOP, 1));
	});
}

#[test]
fn clawback_needs_an_officer_a_voucher_and_a_freeze() {
	run(|| {
		let program = automatic_program(1);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_noop!(
			Funds::recover_voucher(signed(OFFICER), program, ALICE_ID),
			Error::<Test>::VoucherNotFrozen
		);
		assert_noop!(
			Funds::freeze_voucher(signed(ALICE), program, ALICE_ID),
			Error::<Test>::NotOfficer
		);
		assert_noop!(
			Funds::recover_voucher(signed(ALICE), program, ALICE_ID),
			Error::<Test>::NotOfficer
		);
		assert_noop!(
			Funds::freeze_voucher(signed(OFFICER), program, BOB_ID),
			Error::<Test>::NoVoucher
		);
		assert_noop!(
			Funds::recover_voucher(signed(OFFICER), program, BOB_ID),
			Error::<Test>::NoVoucher
		);
		assert_noop!(
			Funds::freeze_voucher(signed(OFFICER), 9, ALICE_ID),
			Error::<Test>::UnknownProgram
		);
	});
}
