//! Holds (bookings): the owner sets part of a voucher aside for a merchant, then settles it
//! (the merchant is paid, also after the date) or releases it (back to the voucher, or to the
//! free budget once the spending window has ended).

use super::*;
use frame_support::{assert_noop, assert_ok};

fn hold(program: ProgramId, merchant: u64, amount: Balance) -> HoldId {
	Funds::hold(SERVICE, program, ALICE_ID, &merchant, amount).expect("a valid hold")
}

#[test]
fn a_hold_sets_part_of_a_voucher_aside() {
	run(|| {
		let program = service_voucher(2 * GRANT, GRANT);
		assert_eq!(hold(program, BOOKSHOP, 100_000), 0);
		assert_eq!(
			last_event(),
			Event::VoucherHeld {
				program,
				hold: 0,
				citizen: ALICE_ID,
				merchant: BOOKSHOP,
				amount: 100_000
			}
		);
		assert_eq!(Funds::balance(program, ALICE_ID), GRANT - 100_000);
		assert_eq!(Funds::held(program, 0), Some((ALICE_ID, BOOKSHOP, 100_000)));
		assert_eq!(
			Holds::<Test>::get(program, 0),
			Some(Hold { citizen: ALICE_ID, merchant: BOOKSHOP, category: BOOKS, amount: 100_000 })
		);
		let r = report(program);
		assert_eq!((r.outstanding, r.held, r.free), (GRANT - 100_000, 100_000, GRANT));
		// Hold ids count per program.
		assert_eq!(hold(program, SWIMMING, 1), 1);
		assert_eq!(NextHoldId::<Test>::get(program), 2);
		assert_eq!(balance(BOOKSHOP), 0, "nobody is paid yet");
	});
}

#[test]
fn releasing_gives_the_hold_back_to_the_voucher() {
	run(|| {
		let program = service_voucher(2 * GRANT, GRANT);
		let id = hold(program, BOOKSHOP, 100_000);
		assert_ok!(Funds::release(SERVICE, program, id));
		assert_eq!(
			last_event(),
			Event::HoldReleased {
				program,
				hold: id,
				citizen: ALICE_ID,
				amount: 100_000,
				to_budget: false
			}
		);
		assert_eq!(Funds::balance(program, ALICE_ID), GRANT);
		assert_eq!(Funds::held(program, id), None);
		let r = report(program);
		assert_eq!((r.outstanding, r.held, r.returned), (GRANT, 0, 0));
		assert_noop!(Funds::release(SERVICE, program, id), Error::<Test>::UnknownHold);
		assert_noop!(Funds::release(SERVICE, 9, id), Error::<Test>::UnknownProgram);
	});
}

#[test]
fn settling_pays_the_merchant_like_a_spend() {
	run(|| {
		let program = service_voucher(2 * GRANT, GRANT);
		let id = hold(program, BOOKSHOP, 70_000);
		assert_ok!(Funds::settle(SERVICE, program, id));
		assert_eq!(
			last_event(),
			Event::HoldSettled {
				program,
				hold: id,
				citizen: ALICE_ID,
				merchant: BOOKSHOP,
				category: BOOKS,
				amount: 70_000
			}
		);
		assert_eq!(balance(BOOKSHOP), 70_000);
		assert_eq!(Funds::spent_in(program, BOOKS), 70_000);
		let r = report(program);
		assert_eq!((r.spent, r.held, r.outstanding), (70_000, 0, GRANT - 70_000));
		assert_noop!(Funds::settle(SERVICE, program, id), Error::<Test>::UnknownHold);
		assert_noop!(Funds::settle(SERVICE, program, 7), Error::<Test>::UnknownHold);
	});
}

#[test]
fn expiry_returns_the_vouchers_but_not_the_holds() {
	run(|| {
		let program = service_voucher(2 * GRANT, GRANT);
		let release = hold(program, BOOKSHOP, 100_000);
		let settle = hold(program, SWIMMING, 50_000);
		advance(30 * DAY);
		assert_ok!(Funds::expire_program(signed(BOB), program));
		assert_eq!(last_event(), Event::ProgramExpired { program, returned: GRANT - 150_000 });
		let r = report(program);
		assert_eq!((r.outstanding, r.held), (0, 150_000));
		assert!(ExpiryQueue::<Test>::get().is_empty(), "the slot is free");
		// A cancelled booking goes back to the budget, not to the voucher.
		assert_ok!(Funds::release(SERVICE, program, release));
		assert_eq!(
			last_event(),
			Event::HoldReleased {
				program,
				hold: release,
				citizen: ALICE_ID,
				amount: 100_000,
				to_budget: true
			}
		);
		assert_eq!(Funds::balance(program, ALICE_ID), 0);
		// A booking that took place is paid after the date.
		assert_ok!(Funds::settle(SERVICE, program, settle));
		assert_eq!(balance(SWIMMING), 50_000);
		let r = report(program);
		assert_eq!(
			(r.free, r.returned, r.spent, r.held, r.outstanding),
			(2 * GRANT - 50_000, GRANT - 50_000, 50_000, 0, 0)
		);
		// The city takes the rest back.
		assert_ok!(Funds::close_program(root(), program, TREASURY));
		assert_eq!(balance(Funds::program_account(program)), 0);
	});
}

#[test]
fn a_release_after_the_window_goes_to_the_budget_before_any_sweep() {
	run(|| {
		let program = service_voucher(2 * GRANT, GRANT);
		let id = hold(program, BOOKSHOP, 100_000);
		advance(30 * DAY);
		assert_ok!(Funds::release(SERVICE, program, id));
		let tail: Vec<_> = events().into_iter().rev().take(2).collect();
		assert_eq!(
			tail,
			vec![
				Event::HoldReleased {
					program,
					hold: id,
					citizen: ALICE_ID,
					amount: 100_000,
					to_budget: true
				},
				Event::ProgramExpired { program, returned: GRANT - 100_000 },
			]
		);
		assert_eq!(report(program).free, 2 * GRANT);
	});
}

#[test]
fn holds_follow_the_merchant_rules_of_a_spend() {
	run(|| {
		let program = service_voucher(2 * GRANT, GRANT);
		let hold = |merchant: u64, amount: Balance| {
			Funds::hold(SERVICE, program, ALICE_ID, &merchant, amount)
		};
		assert_noop!(hold(BOOKSHOP, 0), Error::<Test>::ZeroAmount);
		assert_noop!(hold(77, 1), Error::<Test>::UnknownMerchant);
		assert_noop!(hold(CRAM_SCHOOL, 1), Error::<Test>::CategoryNotAllowed);
		assert_noop!(hold(BOOKSHOP, GRANT + 1), Error::<Test>::InsufficientVoucher);
		assert_noop!(Funds::hold(SERVICE, program, BOB_ID, &BOOKSHOP, 1), Error::<Test>::NoVoucher);
		assert_noop!(
			Funds::hold(SERVICE, 9, ALICE_ID, &BOOKSHOP, 1),
			Error::<Test>::UnknownProgram
		);
		// Alice runs a bookshop from her own account: her voucher cannot pay it.
		assert_ok!(Funds::register_merchant(root(), ALICE, BOOKS, 3));
		assert_noop!(hold(ALICE, 1), Error::<Test>::SelfPayment);
		// The city appoints officers to the service's program: they pause and freeze.
		assert_ok!(Funds::set_officers(root(), program, officers()));
		assert_ok!(Funds::pause_merchant(signed(OFFICER), program, SWIMMING));
		assert_noop!(hold(SWIMMING, 1), Error::<Test>::MerchantPaused);
		assert_ok!(Funds::freeze_voucher(signed(OFFICER), program, ALICE_ID));
		assert_noop!(hold(BOOKSHOP, 1), Error::<Test>::VoucherFrozen);
		assert_ok!(Funds::unfreeze_voucher(signed(OFFICER), program, ALICE_ID));
		assert_ok!(Funds::set_merchant_active(root(), BOOKSHOP, false));
		assert_noop!(hold(BOOKSHOP, 1), Error::<Test>::MerchantSuspended);
		assert_ok!(Funds::set_merchant_active(root(), BOOKSHOP, true));
		advance(30 * DAY);
		assert_noop!(hold(BOOKSHOP, 1), Error::<Test>::ProgramExpired);
	});
}

#[test]
fn a_suspended_or_removed_merchant_is_not_paid_a_hold() {
	run(|| {
		let program = service_voucher(2 * GRANT, GRANT);
		let id = hold(program, BOOKSHOP, 1_000);
		assert_ok!(Funds::set_merchant_active(root(), BOOKSHOP, false));
		assert_noop!(Funds::settle(SERVICE, program, id), Error::<Test>::MerchantSuspended);
		assert_ok!(Funds::remove_merchant(root(), BOOKSHOP));
		assert_noop!(Funds::settle(SERVICE, program, id), Error::<Test>::UnknownMerchant);
		// The owner releases it instead.
		assert_ok!(Funds::release(SERVICE, program, id));
		assert_eq!(Funds::balance(program, ALICE_ID), GRANT);
	});
}

#[test]
fn settling_keeps_the_minimum_balance_rules() {
	run(|| {
		const MINIMUM: Balance = 100;
		let program = service_voucher(GRANT, GRANT);
		ExistentialDeposit::set(MINIMUM);
		let account = Funds::program_account(program);
		let most = hold(program, BOOKSHOP, GRANT - 50);
		let rest = hold(program, BOOKSHOP, 50);
		// The bookshop has no account yet: 50 cannot create it.
		assert_noop!(Funds::settle(SERVICE, program, rest), Error::<Test>::RecipientBelowMinimum);
		// Paying all but 50 would leave dust in the program account.
		assert_noop!(
			Funds::settle(SERVICE, program, most),
			Error::<Test>::ProgramAccountBelowMinimum
		);
		assert_ok!(Funds::release(SERVICE, program, rest));
		assert_ok!(Funds::release(SERVICE, program, most));
		// Leaving exactly the minimum is fine; so is emptying the account exactly.
		let most = hold(program, BOOKSHOP, GRANT - MINIMUM);
		assert_ok!(Funds::settle(SERVICE, program, most));
		assert_eq!(balance(account), MINIMUM);
		let rest = hold(program, BOOKSHOP, MINIMUM);
		assert_ok!(Funds::settle(SERVICE, program, rest));
		assert_eq!(balance(account), 0);
		assert_eq!(balance(BOOKSHOP), GRANT);
	});
}

#[test]
fn ending_a_program_leaves_holds_to_settle_or_release() {
	run(|| {
		let program = service_voucher(2 * GRANT, GRANT);
		let settle = hold(program, BOOKSHOP, 30_000);
		let release = hold(program, SWIMMING, 20_000);
		let before = balance(TREASURY);
		// A service's program is the city's to end once its spending window is over.
		advance(30 * DAY);
		assert_ok!(Funds::end_program(root(), program, TREASURY));
		// Everything but the holds went back.
		assert_eq!(balance(TREASURY), before + 2 * GRANT - 50_000);
		assert_eq!(balance(Funds::program_account(program)), 50_000);
		assert_eq!(report(program).held, 50_000);
		assert_ok!(Funds::settle(SERVICE, program, settle));
		assert_eq!(balance(BOOKSHOP), 30_000);
		assert_ok!(Funds::release(SERVICE, program, release));
		assert_eq!(report(program).free, 20_000);
		// Closing sweeps what the release returned.
		assert_ok!(Funds::close_program(root(), program, TREASURY));
		assert_eq!(balance(Funds::program_account(program)), 0);
	});
}

#[test]
fn a_program_with_holds_is_not_finished_by_closing() {
	run(|| {
		let program = service_voucher(2 * GRANT, 1_000);
		let id = hold(program, BOOKSHOP, 1_000);
		advance(30 * DAY);
		assert_ok!(Funds::close_program(root(), program, TREASURY));
		let p = Programs::<Test>::get(program).unwrap();
		assert_eq!(p.status, ProgramStatus::Closed);
		assert_eq!(report(program).held, 1_000, "the hold stays to be settled or released");
		// Released after the spending window: to the free budget, which closing sweeps.
		assert_ok!(Funds::release(SERVICE, program, id));
		assert_eq!(report(program).free, 1_000);
		assert_ok!(Funds::close_program(root(), program, TREASURY));
		assert_eq!(balance(Funds::program_account(program)), 0);
	});
}

#[test]
fn a_hold_on_a_recovered_voucher_is_released_to_the_budget() {
	run(|| {
		let program = service_voucher(2 * GRANT, GRANT);
		let id = hold(program, BOOKSHOP, 1_000);
		assert_ok!(Funds::set_officers(root(), program, officers()));
		assert_ok!(Funds::freeze_voucher(signed(OFFICER), program, ALICE_ID));
		assert_ok!(Funds::recover_voucher(signed(OFFICER), program, ALICE_ID));
		assert_eq!(report(program).held, 1_000, "recovery leaves holds alone");
		assert_ok!(Funds::release(SERVICE, program, id));
		assert_eq!(
			last_event(),
			Event::HoldReleased {
				program,
				hold: id,
				citizen: ALICE_ID,
				amount: 1_000,
				to_budget: true
			}
		);
		assert_eq!(voucher(program, ALICE_ID), None);
		assert_eq!(report(program).free, 2 * GRANT);
	});
}
