//! A lost phone: suspend, rebind after a delay, or cancel from the old key.

use super::*;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

#[test]
fn lost_phone_recovery_moves_the_id_after_the_delay() {
	run(|| {
		let alice = register(ALICE, 1);
		attest_resident(alice);
		assert_ok!(CitizenIds::suspend_citizen(signed(OFFICE), alice));
		assert_ok!(CitizenIds::request_rebind(signed(OFFICE), alice, ALICE_NEW_PHONE));
		assert_eq!(
			last_event(),
			Event::RebindRequested {
				citizen: alice,
				new_account: ALICE_NEW_PHONE,
				effective_at: START + RECOVERY_DELAY,
				by: OFFICE,
			}
		);
		assert_noop!(CitizenIds::enact_rebind(signed(MALLORY), alice), Error::<Test>::RebindNotDue);

		advance(RECOVERY_DELAY);
		assert_ok!(CitizenIds::enact_rebind(signed(MALLORY), alice));
		assert_eq!(
			last_event(),
			Event::CitizenRebound {
				citizen: alice,
				old_account: ALICE,
				new_account: ALICE_NEW_PHONE
			}
		);
		assert_eq!(CitizenOf::<Test>::get(ALICE), None);
		assert_eq!(CitizenOf::<Test>::get(ALICE_NEW_PHONE), Some(alice));
		let record = Citizens::<Test>::get(alice).unwrap();
		assert_eq!(record.account, ALICE_NEW_PHONE);
		// The lost key no longer reaches the ID, so the suspension ends with the rebind.
		assert_eq!(record.status, CitizenStatus::Active);
		// Claims are keyed by citizen: they follow.
		assert_eq!(status_of(alice, ClaimKind::Resident), ClaimStatus::Active);
		assert_eq!(PendingRebinds::<Test>::get(alice), None);
	});
}

#[test]
fn the_old_key_or_an_issuer_can_cancel_during_the_delay() {
	run(|| {
		let alice = register(ALICE, 1);
		assert_ok!(CitizenIds::request_rebind(signed(OFFICE), alice, ALICE_NEW_PHONE));
		assert_noop!(
			CitizenIds::cancel_rebind(signed(MALLORY), alice),
			Error::<Test>::NotAllowedToCancel
		);
		assert_ok!(CitizenIds::cancel_rebind(signed(ALICE), alice));
		assert_eq!(last_event(), Event::RebindCancelled { citizen: alice, by: ALICE });
		assert_eq!(PendingRebinds::<Test>::get(alice), None);
		assert_noop!(
			CitizenIds::cancel_rebind(signed(ALICE), alice),
			Error::<Test>::NoPendingRebind
		);

		assert_ok!(CitizenIds::request_rebind(signed(OFFICE), alice, ALICE_NEW_PHONE));
		assert_ok!(CitizenIds::cancel_rebind(signed(BANK), alice));
		advance(RECOVERY_DELAY);
		assert_noop!(
			CitizenIds::enact_rebind(signed(ALICE), alice),
			Error::<Test>::NoPendingRebind
		);
	});
}

#[test]
fn rebind_requests_have_their_rules() {
	run(|| {
		let alice = register(ALICE, 1);
		register(BOB, 2);
		assert_noop!(
			CitizenIds::request_rebind(signed(ALICE), alice, ALICE_NEW_PHONE),
			Error::<Test>::NotIssuer
		);
		assert_noop!(
			CitizenIds::request_rebind(signed(OFFICE), alice, ALICE),
			Error::<Test>::SameAccount
		);
		assert_noop!(
			CitizenIds::request_rebind(signed(OFFICE), alice, BOB),
			Error::<Test>::AccountAlreadyCitizen
		);
		assert_noop!(
			CitizenIds::request_rebind(signed(OFFICE), 42, ALICE_NEW_PHONE),
			Error::<Test>::UnknownCitizen
		);
		assert_ok!(CitizenIds::request_rebind(signed(OFFICE), alice, ALICE_NEW_PHONE));
		assert_noop!(
			CitizenIds::request_rebind(signed(OFFICE), alice, 13),
			Error::<Test>::RebindAlreadyPending
		);
		assert_noop!(
			CitizenIds::enact_rebind(RuntimeOrigin::root(), alice),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn a_rebind_fails_if_the_new_account_became_a_citizen_meanwhile() {
	run(|| {
		let alice = register(ALICE, 1);
		assert_ok!(CitizenIds::request_rebind(signed(OFFICE), alice, ALICE_NEW_PHONE));
		register(ALICE_NEW_PHONE, 2);
		advance(RECOVERY_DELAY);
		assert_noop!(
			CitizenIds::enact_rebind(signed(ALICE), alice),
			Error::<Test>::AccountAlreadyCitizen
		);
	});
}
