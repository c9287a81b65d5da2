//! The city names the treasury account that funds and tops up schemes.

use super::*;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

#[test]
fn the_city_names_its_treasury() {
	run_without_treasury(|| {
		assert_eq!(Treasury::<Test>::get(), None);
		assert_noop!(
			MultiChildPoints::open_scheme(root(), YEAR, terms()),
			Error::<Test>::NoTreasury
		);
		assert_ok!(MultiChildPoints::set_treasury(root(), 5));
		assert_eq!(last_event(), Event::TreasurySet { account: 5 });
		assert_eq!(Treasury::<Test>::get(), Some(5));
		let program = open();
		assert_eq!(free(program), BUDGET);
	});
}

#[test]
fn the_city_replaces_its_treasury() {
	run(|| {
		assert_eq!(Treasury::<Test>::get(), Some(TREASURY));
		assert_ok!(MultiChildPoints::set_treasury(root(), 6));
		assert_eq!(Treasury::<Test>::get(), Some(6));
		assert_eq!(last_event(), Event::TreasurySet { account: 6 });
	});
}

#[test]
fn only_the_city_names_the_treasury() {
	run(|| {
		for origin in [signed(TREASURY), signed(ALICE), RuntimeOrigin::none()] {
			assert_noop!(MultiChildPoints::set_treasury(origin, 6), DispatchError::BadOrigin);
		}
		assert_eq!(Treasury::<Test>::get(), Some(TREASURY));
	});
}

#[test]
fn a_program_account_cannot_be_the_treasury() {
	run(|| {
		// A scheme's own program (one that exists), and the account a program not yet opened
		// will get: money there backs citizens' vouchers.
		let program = open();
		for account in [
			MockVoucherLedger::program_account(program),
			MockVoucherLedger::program_account(program + 1),
		] {
			assert_noop!(
				MultiChildPoints::set_treasury(root(), account),
				Error::<Test>::TreasuryIsProgramAccount
			);
		}
		assert_eq!(Treasury::<Test>::get(), Some(TREASURY));
	});
}

#[test]
fn an_account_keeping_others_money_cannot_be_the_treasury() {
	run(|| {
		// A facility's account or a live lottery round's keeping account, as the runtime
		// tells (`KeepsOthersMoney`): that money is owed to citizens.
		citizen_primitives::testing::MockOthersMoney::add(77);
		assert_noop!(
			MultiChildPoints::set_treasury(root(), 77),
			Error::<Test>::TreasuryKeepsOthersMoney
		);
		assert_eq!(Treasury::<Test>::get(), Some(TREASURY));
	});
}
