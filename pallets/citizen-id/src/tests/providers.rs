//! The provider reference an ID gives its account has a defined outcome when the account is
//! still in use: deregistering is refused, a rebind records it and anyone releases it later.

use super::*;
use frame_support::{assert_noop, assert_ok};

#[test]
fn a_rebind_records_a_reference_it_cannot_drop_and_anyone_releases_it_later() {
	run(|| {
		let alice = register(ALICE, 1);
		// Something else relies on the old account (a lock, a non-sufficient asset ...).
		assert_ok!(System::inc_consumers(&ALICE));
		assert_ok!(CitizenIds::suspend_citizen(signed(OFFICE), alice));
		assert_ok!(CitizenIds::request_rebind(signed(OFFICE), alice, ALICE_NEW_PHONE));
		advance(RECOVERY_DELAY);
		assert_ok!(CitizenIds::enact_rebind(signed(MALLORY), alice));
		assert!(System::events()
			.iter()
			.any(|r| r.event == RuntimeEvent::CitizenIds(Event::ProviderKept { account: ALICE })));
		assert!(DanglingProviders::<Test>::contains_key(ALICE));
		assert_eq!(System::providers(&ALICE), 1);
		// Not while the account is still in use.
		assert_noop!(
			CitizenIds::release_provider(signed(MALLORY), ALICE),
			Error::<Test>::AccountInUse
		);
		System::dec_consumers(&ALICE);
		assert_ok!(CitizenIds::release_provider(signed(MALLORY), ALICE));
		assert_eq!(last_event(), Event::ProviderReleased { account: ALICE });
		assert_eq!(System::providers(&ALICE), 0);
		assert!(!DanglingProviders::<Test>::contains_key(ALICE));
		assert_noop!(
			CitizenIds::release_provider(signed(MALLORY), ALICE),
			Error::<Test>::NoDanglingProvider
		);
		// The new account holds exactly the ID's reference.
		assert_eq!(System::providers(&ALICE_NEW_PHONE), 1);
	});
}

#[test]
fn only_recorded_references_can_be_released() {
	run(|| {
		register(ALICE, 1);
		assert_noop!(
			CitizenIds::release_provider(signed(MALLORY), ALICE),
			Error::<Test>::NoDanglingProvider
		);
		assert_eq!(System::providers(&ALICE), 1);
	});
}
