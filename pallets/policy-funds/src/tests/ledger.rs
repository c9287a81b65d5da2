//! `VoucherLedger` as the multi-child points and youth pass pallets will use it.

use super::*;
use frame_support::{assert_noop, assert_ok};

type Ledger = Funds;

#[test]
fn credit_spend_and_expire_through_the_ledger() {
	run(|| {
		let program = automatic_program(2);
		assert_ok!(<Ledger as VoucherLedger<u64, u64>>::credit(program, CAROL_ID, 500_000));
		assert_eq!(<Ledger as VoucherLedger<u64, u64>>::balance(program, CAROL_ID), 500_000);
		assert_ok!(<Ledger as VoucherLedger<u64, u64>>::spend(
			program, CAROL_ID, &SWIMMING, 200_000
		));
		assert_eq!(balance(SWIMMING), 200_000);
		assert_eq!(<Ledger as VoucherLedger<u64, u64>>::expire(program, CAROL_ID), Ok(300_000));
		assert_eq!(<Ledger as VoucherLedger<u64, u64>>::balance(program, CAROL_ID), 0);
		assert_eq!(
			last_event(),
			Event::VoucherReturned { program, citizen: CAROL_ID, amount: 300_000 }
		);
		assert_eq!(report(program).free, 2 * GRANT - 200_000);
	});
}

#[test]
fn the_ledger_keeps_the_budget() {
	run(|| {
		let program = automatic_program(1);
		assert_noop!(
			<Ledger as VoucherLedger<u64, u64>>::credit(program, CAROL_ID, GRANT + 1),
			Error::<Test>::BudgetExhausted
		);
		assert_noop!(
			<Ledger as VoucherLedger<u64, u64>>::expire(program, CAROL_ID),
			Error::<Test>::NoVoucher
		);
		assert_ok!(Funds::close_program(root(), program, TREASURY));
		assert_noop!(
			<Ledger as VoucherLedger<u64, u64>>::credit(program, CAROL_ID, 1),
			Error::<Test>::ProgramClosed
		);
	});
}
