//! The fee-free allowance of public-service calls, and the account reference an ID gives.

use super::*;
use frame_support::{assert_noop, assert_ok};

#[test]
fn a_citizen_has_a_bounded_allowance_per_period() {
	run(|| {
		let alice = register(ALICE, 1);
		assert_eq!(CitizenIds::free_calls_left(alice), 2);
		assert_ok!(CitizenIds::use_free_call(alice));
		assert_ok!(CitizenIds::use_free_call(alice));
		assert_eq!(CitizenIds::free_calls_left(alice), 0);
		assert_noop!(CitizenIds::use_free_call(alice), Error::<Test>::NoFreeCallsLeft);
		// A new period, a new allowance.
		advance(DAY);
		assert_eq!(CitizenIds::free_calls_left(alice), 2);
		assert_ok!(CitizenIds::use_free_call(alice));
		assert_eq!(FreeCallsUsed::<Test>::get(alice).1, 1);
	});
}

#[test]
fn the_id_keeps_the_account_alive_and_moves_with_it() {
	run(|| {
		assert_eq!(System::providers(&ALICE), 0);
		let alice = register(ALICE, 1);
		assert_eq!(System::providers(&ALICE), 1, "a citizen holding nothing can transact");
		assert_ok!(CitizenIds::request_rebind(signed(OFFICE), alice, ALICE_NEW_PHONE));
		advance(RECOVERY_DELAY);
		assert_ok!(CitizenIds::enact_rebind(signed(BOB), alice));
		assert_eq!(System::providers(&ALICE), 0);
		assert_eq!(System::providers(&ALICE_NEW_PHONE), 1);
		assert_ok!(CitizenIds::deregister(signed(ALICE_NEW_PHONE)));
		assert_eq!(System::providers(&ALICE_NEW_PHONE), 0);
	});
}
