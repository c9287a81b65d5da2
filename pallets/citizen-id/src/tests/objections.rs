//! The owner's objection to a rebind: a thief cannot block recovery for ever, and a fraudster
//! working through one issuer cannot take an ID while its owner objects.

use super::*;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

/// Alice's ID, suspended after a lost phone, with a rebind to her new phone requested by the
/// district office.
fn lost_phone() -> CitizenId {
	let alice = register(ALICE, 1);
	attest_resident(alice);
	assert_ok!(CitizenIds::suspend_citizen(signed(OFFICE), alice));
	assert_ok!(CitizenIds::request_rebind(signed(OFFICE), alice, ALICE_NEW_PHONE));
	alice
}

#[test]
fn the_owner_objects_and_the_rebind_pauses_until_someone_else_decides() {
	run(|| {
		let alice = lost_phone();
		// Only the account the ID is bound to may object, also while the ID is suspended.
		assert!(CitizenIds::may_object(&ALICE, alice));
		assert!(!CitizenIds::may_object(&MALLORY, alice));
		assert_noop!(
			CitizenIds::object_to_rebind(signed(MALLORY), alice),
			Error::<Test>::NotAllowedToObject
		);
		assert_ok!(CitizenIds::object_to_rebind(signed(ALICE), alice));
		assert_eq!(last_event(), Event::RebindObjected { citizen: alice, by: ALICE });
		assert!(!CitizenIds::may_object(&ALICE, alice));
		assert_noop!(
			CitizenIds::object_to_rebind(signed(ALICE), alice),
			Error::<Test>::ObjectionAlreadyRaised
		);
		assert_eq!(
			CitizenIds::citizen_view(alice).unwrap().rebind_standing,
			Some(RebindStanding::Objected)
		);
		// Paused: the delay passing is not enough.
		advance(RECOVERY_DELAY);
		assert_noop!(
			CitizenIds::enact_rebind(signed(ALICE_NEW_PHONE), alice),
			Error::<Test>::RebindObjected
		);
		// The requesting issuer cannot overrule the objection to its own request.
		assert_noop!(
			CitizenIds::resolve_rebind(signed(OFFICE), alice, true),
			Error::<Test>::RequesterCannotResolve
		);
		// Nor can a citizen or a stranger.
		assert_noop!(
			CitizenIds::resolve_rebind(signed(MALLORY), alice, true),
			Error::<Test>::NotIssuer
		);
		assert_noop!(
			CitizenIds::resolve_rebind(signed(ALICE), alice, false),
			Error::<Test>::NotIssuer
		);
	});
}

#[test]
fn an_overruled_objection_cannot_be_raised_again_so_recovery_completes() {
	run(|| {
		let alice = lost_phone();
		assert_ok!(CitizenIds::object_to_rebind(signed(ALICE), alice));
		// Another issuer (the partner bank) checks in person and overrules the thief.
		assert_ok!(CitizenIds::resolve_rebind(signed(BANK), alice, true));
		assert_eq!(
			last_event(),
			Event::RebindObjectionOverruled { citizen: alice, by: Some(BANK) }
		);
		assert_noop!(
			CitizenIds::object_to_rebind(signed(ALICE), alice),
			Error::<Test>::ObjectionOverruled
		);
		assert_noop!(
			CitizenIds::resolve_rebind(signed(BANK), alice, false),
			Error::<Test>::NoObjection
		);
		// The thief cannot destroy the ID either.
		assert_noop!(CitizenIds::deregister(signed(ALICE)), Error::<Test>::CitizenSuspended);
		advance(RECOVERY_DELAY);
		assert_ok!(CitizenIds::enact_rebind(signed(ALICE_NEW_PHONE), alice));
		assert_eq!(CitizenOf::<Test>::get(ALICE_NEW_PHONE), Some(alice));
		assert_eq!(Citizens::<Test>::get(alice).unwrap().status, CitizenStatus::Active);
	});
}

#[test]
fn an_upheld_objection_drops_the_request() {
	run(|| {
		// A fraudster talked the office into moving Alice's active ID to Mallory.
		let alice = register(ALICE, 1);
		assert_ok!(CitizenIds::request_rebind(signed(OFFICE), alice, MALLORY));
		assert_ok!(CitizenIds::object_to_rebind(signed(ALICE), alice));
		// The city decides for the owner.
		assert_ok!(CitizenIds::resolve_rebind(RuntimeOrigin::root(), alice, false));
		assert_eq!(last_event(), Event::RebindObjectionUpheld { citizen: alice, by: None });
		assert_eq!(PendingRebinds::<Test>::get(alice), None);
		advance(RECOVERY_DELAY);
		assert_noop!(
			CitizenIds::enact_rebind(signed(MALLORY), alice),
			Error::<Test>::NoPendingRebind
		);
		assert_eq!(CitizenOf::<Test>::get(ALICE), Some(alice));
		// The city may also overrule.
		assert_ok!(CitizenIds::request_rebind(signed(OFFICE), alice, ALICE_NEW_PHONE));
		assert_ok!(CitizenIds::object_to_rebind(signed(ALICE), alice));
		assert_ok!(CitizenIds::resolve_rebind(RuntimeOrigin::root(), alice, true));
		assert_eq!(last_event(), Event::RebindObjectionOverruled { citizen: alice, by: None });
	});
}

#[test]
fn objections_need_a_pending_request() {
	run(|| {
		let alice = register(ALICE, 1);
		assert_noop!(
			CitizenIds::object_to_rebind(signed(ALICE), alice),
			Error::<Test>::NoPendingRebind
		);
		assert_noop!(
			CitizenIds::resolve_rebind(RuntimeOrigin::root(), alice, true),
			Error::<Test>::NoPendingRebind
		);
		assert_ok!(CitizenIds::request_rebind(signed(OFFICE), alice, ALICE_NEW_PHONE));
		assert_noop!(
			CitizenIds::resolve_rebind(RuntimeOrigin::root(), alice, true),
			Error::<Test>::NoObjection
		);
		assert_noop!(
			CitizenIds::object_to_rebind(RuntimeOrigin::root(), alice),
			DispatchError::BadOrigin
		);
		// Another citizen cannot object on Alice's behalf.
		register(BOB, 2);
		assert_noop!(
			CitizenIds::object_to_rebind(signed(BOB), alice),
			Error::<Test>::NotAllowedToObject
		);
	});
}
