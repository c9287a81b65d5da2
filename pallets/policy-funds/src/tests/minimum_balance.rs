//! Settlement is exact whatever the currency's minimum balance: a program account keeps at
//! least the minimum or is emptied exactly, and a new account receives at least the minimum.

use super::*;
use frame_support::{assert_noop, assert_ok};

const MINIMUM: Balance = 100;

#[test]
fn a_spend_that_would_leave_dust_is_refused() {
	run(|| {
		let program = automatic_program(1);
		assert_ok!(Funds::apply(signed(ALICE), program));
		ExistentialDeposit::set(MINIMUM);
		let account = Funds::program_account(program);
		// 50 would be left in the program account: below the minimum, it would be lost.
		assert_noop!(
			Funds::spend(signed(ALICE), program, BOOKSHOP, GRANT - 50),
			Error::<Test>::ProgramAccountBelowMinimum
		);
		assert_eq!(balance(account), GRANT);
		assert_eq!(balance(BOOKSHOP), 0);
		// Leaving exactly the minimum is fine.
		assert_ok!(Funds::spend(signed(ALICE), program, BOOKSHOP, GRANT - MINIMUM));
		assert_eq!(balance(account), MINIMUM);
		assert_eq!(balance(BOOKSHOP) + balance(account), GRANT, "no money created or lost");
	});
}

#[test]
fn a_spend_that_empties_the_account_exactly_works() {
	run(|| {
		let program = automatic_program(1);
		assert_ok!(Funds::apply(signed(ALICE), program));
		ExistentialDeposit::set(MINIMUM);
		assert_ok!(Funds::spend(signed(ALICE), program, BOOKSHOP, GRANT));
		assert_eq!(balance(Funds::program_account(program)), 0);
		assert_eq!(balance(BOOKSHOP), GRANT);
		let r = report(program);
		assert_eq!((r.spent, r.outstanding, r.free), (GRANT, 0, 0));
	});
}

#[test]
fn a_new_merchant_account_must_receive_at_least_the_minimum() {
	run(|| {
		let program = automatic_program(1);
		assert_ok!(Funds::apply(signed(ALICE), program));
		ExistentialDeposit::set(MINIMUM);
		assert_eq!(balance(BOOKSHOP), 0, "the bookshop has no account yet");
		assert_noop!(
			Funds::spend(signed(ALICE), program, BOOKSHOP, MINIMUM - 1),
			Error::<Test>::RecipientBelowMinimum
		);
		assert_ok!(Funds::spend(signed(ALICE), program, BOOKSHOP, MINIMUM));
		// Once it exists, any amount will do.
		assert_ok!(Funds::spend(signed(ALICE), program, BOOKSHOP, 1));
		assert_eq!(balance(BOOKSHOP), MINIMUM + 1);
	});
}

/// Alice spends all but 50 of her grant from a program funded for two: the account holds the
/// free grant plus her 50.
fn program_with_dust_outstanding() -> ProgramId {
	let program = automatic_program(2);
	assert_ok!(Funds::apply(signed(ALICE), program));
	ExistentialDeposit::set(MINIMUM);
	assert_ok!(Funds::spend(signed(ALICE), program, BOOKSHOP, GRANT - 50));
	program
}

#[test]
fn closing_pays_out_only_what_leaves_no_dust() {
	run(|| {
		let program = program_with_dust_outstanding();
		// Paying out the free budget would leave Alice's 50 alone in the account: dust.
		assert_noop!(
			Funds::close_program(root(), program, TREASURY),
			Error::<Test>::ProgramAccountBelowMinimum
		);
		// Once she has spent them, closing empties the account exactly.
		assert_ok!(Funds::spend(signed(ALICE), program, BOOKSHOP, 50));
		let before = balance(TREASURY);
		assert_ok!(Funds::close_program(root(), program, TREASURY));
		assert_eq!(balance(TREASURY), before + GRANT);
		assert_eq!(balance(Funds::program_account(program)), 0);
		assert!(Programs::<Test>::get(program).unwrap().expired);
	});
}

#[test]
fn ending_empties_the_account_exactly() {
	run(|| {
		let program = program_with_dust_outstanding();
		// Ending takes Alice's 50 back too.
		let before = balance(TREASURY);
		assert_ok!(Funds::end_program(root(), program, TREASURY));
		assert_eq!(balance(TREASURY), before + GRANT + 50);
		assert_eq!(balance(Funds::program_account(program)), 0);
		assert_eq!(balance(BOOKSHOP) + balance(TREASURY) - before, 2 * GRANT);
	});
}

#[test]
fn a_new_program_account_must_be_funded_with_at_least_the_minimum() {
	run(|| {
		let program = automatic_program(0);
		ExistentialDeposit::set(MINIMUM);
		assert_noop!(
			Funds::fund(signed(TREASURY), program, MINIMUM - 1),
			Error::<Test>::RecipientBelowMinimum
		);
		assert_ok!(Funds::fund(signed(TREASURY), program, MINIMUM));
		assert_ok!(Funds::fund(signed(TREASURY), program, 1));
		assert_eq!(balance(Funds::program_account(program)), MINIMUM + 1);
	});
}
