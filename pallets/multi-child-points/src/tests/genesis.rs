//! What a new chain starts with.

use super::*;
use frame_support::traits::{GetStorageVersion, StorageVersion};

#[test]
fn the_treasury_may_be_named_at_genesis() {
	run(|| assert_eq!(Treasury::<Test>::get(), Some(TREASURY)));
	run_without_treasury(|| assert_eq!(Treasury::<Test>::get(), None));
}

#[test]
#[should_panic(expected = "TreasuryIsProgramAccount")]
fn genesis_refuses_a_program_account_as_the_treasury() {
	new_test_ext_with(Some(citizen_primitives::testing::MockVoucherLedger::program_account(0)));
}

#[test]
fn a_new_chain_starts_at_storage_version_2() {
	run(|| {
		assert_eq!(MultiChildPoints::on_chain_storage_version(), StorageVersion::new(2));
		assert_eq!(MultiChildPoints::in_code_storage_version(), StorageVersion::new(2));
		assert!(Schemes::<Test>::iter().next().is_none());
	});
}

#[test]
#[should_panic(expected = "TreasuryKeepsOthersMoney")]
fn genesis_refuses_an_account_keeping_others_money_as_the_treasury() {
	citizen_primitives::testing::MockOthersMoney::add(77);
	new_test_ext_with(Some(77));
}
