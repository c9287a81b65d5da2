//! The city names its treasury.

use super::*;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn the_city_names_the_treasury() {
	run_without_treasury(|| {
		assert_ok!(YouthPass::set_treasury(root(), TREASURY));
		assert_eq!(Treasury::<Test>::get(), Some(TREASURY));
		assert_eq!(last_event(), Event::TreasurySet { account: TREASURY });
		assert_ok!(YouthPass::open_round(root(), first_come_terms()));
	});
}

#[test]
fn only_the_city_names_the_treasury() {
	run(|| {
		assert_noop!(YouthPass::set_treasury(signed(ALICE), ALICE), DispatchError::BadOrigin);
	});
}

#[test]
fn a_program_account_cannot_be_the_treasury() {
	run(|| {
		// A round's own program (one that exists), and the account a program not yet opened
		// will get: money there backs citizens' vouchers.
		let round = open_first_come();
		for account in [program_account(program(round)), program_account(program(round) + 1)] {
			assert_noop!(
				YouthPass::set_treasury(root(), account),
				Error::<Test>::TreasuryIsProgramAccount
			);
		}
		assert_eq!(Treasury::<Test>::get(), Some(TREASURY));
	});
}

#[test]
fn an_account_keeping_others_money_cannot_be_the_treasury() {
	run(|| {
		// A live lottery round's keeping account (this pallet's own: the entrants'
		// co-payments are owed back or due to the round's program).
		let round = open_lottery();
		let keeping = YouthPass::keeping_account(round);
		assert_noop!(
			YouthPass::set_treasury(root(), keeping),
			Error::<Test>::TreasuryKeepsOthersMoney
		);
		// Another service's (a facility's account, as the runtime tells).
		citizen_primitives::testing::MockOthersMoney::add(77);
		assert_noop!(YouthPass::set_treasury(root(), 77), Error::<Test>::TreasuryKeepsOthersMoney);
		assert_eq!(Treasury::<Test>::get(), Some(TREASURY));
		// The next round's keeping account holds nothing yet and may be named; but that round
		// cannot open while it is the treasury (its co-payments would fund the next program).
		let next = YouthPass::keeping_account(round + 1);
		assert_ok!(YouthPass::set_treasury(root(), next));
		assert_noop!(
			YouthPass::open_round(root(), lottery_terms()),
			Error::<Test>::TreasuryKeepsOthersMoney
		);
	});
}
