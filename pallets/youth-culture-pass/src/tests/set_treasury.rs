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
