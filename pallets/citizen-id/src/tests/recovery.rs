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
fn the_requester_or_the_city_can_cancel_and_nobody_else() {
	run(|| {
		let alice = register(ALICE, 1);
		assert_ok!(CitizenIds::suspend_citizen(signed(OFFICE), alice));
		assert_ok!(CitizenIds::request_rebind(signed(OFFICE), alice, ALICE_NEW_PHONE));
		// The old key (perhaps a thief's) cannot simply cancel: it may only object.
		assert_noop!(CitizenIds::cancel_rebind(signed(ALICE), alice), Error::<Test>::NotIssuer);
		assert_noop!(CitizenIds::cancel_rebind(signed(MALLORY), alice), Error::<Test>::NotIssuer);
		// A rogue issuer cannot cancel another issuer's recovery.
		assert_noop!(CitizenIds::cancel_rebind(signed(BANK), alice), Error::<Test>::NotRequester);
		assert_ok!(CitizenIds::cancel_rebind(signed(OFFICE), alice));
		assert_eq!(last_event(), Event::RebindCancelled { citizen: alice, by: Some(OFFICE) });
		assert_eq!(PendingRebinds::<Test>::get(alice), None);
		assert_noop!(
			CitizenIds::cancel_rebind(signed(OFFICE), alice),
			Error::<Test>::NoPendingRebind
		);
		// The city may cancel any request.
		assert_ok!(CitizenIds::request_rebind(signed(BANK), alice, ALICE_NEW_PHONE));
		assert_ok!(CitizenIds::cancel_rebind(RuntimeOrigin::root(), alice));
		assert_eq!(last_event(), Event::RebindCancelled { citizen: alice, by: None });
		advance(RECOVERY_DELAY);
		assert_noop!(
			CitizenIds::enact_rebind(signed(ALICE), alice),
			Error::<Test>::NoPendingRebind
		);
	});
}

#[test]
fn the_requester_cannot_wipe_an_objection_by_cancelling_and_asking_again() {
	run(|| {
		let alice = register(ALICE, 1);
		assert_ok!(CitizenIds::request_rebind(signed(OFFICE), alice, MALLORY));
		assert_ok!(CitizenIds::object_to_rebind(signed(ALICE), alice));
		assert_noop!(
			CitizenIds::cancel_rebind(signed(OFFICE), alice),
			Error::<Test>::RequesterCannotResolve
		);
		assert_noop!(
			CitizenIds::request_rebind(signed(OFFICE), alice, MALLORY),
			Error::<Test>::RebindAlreadyPending
		);
		// The city can still drop it.
		assert_ok!(CitizenIds::cancel_rebind(RuntimeOrigin::root(), alice));
	});
}

#[test]
fn a_rebind_is_vouched_for_by_its_requester() {
	run(|| {
		// A compromised issuer moves Alice's ID; nobody objects in time.
		let alice = register(ALICE, 1);
		register_temp_issuer();
		assert_ok!(CitizenIds::request_rebind(signed(5), alice, MALLORY));
		advance(RECOVERY_DELAY);
		assert_ok!(CitizenIds::enact_rebind(signed(MALLORY), alice));
		assert_eq!(CitizenIds::citizen_of(&MALLORY), Some(alice));
		// The city removes the issuer: the binding it vouched for no longer stands.
		assert_ok!(CitizenIds::remove_issuer(RuntimeOrigin::root(), 5));
		assert_eq!(CitizenIds::citizen_of(&MALLORY), None);
		assert!(CitizenIds::citizen_view(alice).unwrap().awaiting_reconfirmation);
		// Nor can the fraudster destroy the ID now.
		assert_noop!(CitizenIds::deregister(signed(MALLORY)), Error::<Test>::CitizenSuspended);
	});
}

#[test]
fn enacting_lifts_only_the_suspension_in_place_at_the_request() {
	run(|| {
		// Requested while active, suspended afterwards (e.g. a fraud investigation).
		let alice = register(ALICE, 1);
		assert_ok!(CitizenIds::request_rebind(signed(OFFICE), alice, ALICE_NEW_PHONE));
		assert_ok!(CitizenIds::suspend_citizen(signed(BANK), alice));
		advance(RECOVERY_DELAY);
		assert_ok!(CitizenIds::enact_rebind(signed(MALLORY), alice));
		assert_eq!(Citizens::<Test>::get(alice).unwrap().status, CitizenStatus::Suspended);
		assert_eq!(CitizenIds::citizen_of(&ALICE_NEW_PHONE), None);

		// Suspended (lost phone), requested, then suspended again after a resume: the later
		// suspension stays too.
		let bob = register(BOB, 2);
		assert_ok!(CitizenIds::suspend_citizen(signed(OFFICE), bob));
		assert_ok!(CitizenIds::request_rebind(signed(OFFICE), bob, 13));
		assert_ok!(CitizenIds::resume_citizen(signed(OFFICE), bob));
		assert_ok!(CitizenIds::suspend_citizen(signed(OFFICE), bob));
		advance(RECOVERY_DELAY);
		assert_ok!(CitizenIds::enact_rebind(signed(MALLORY), bob));
		assert_eq!(Citizens::<Test>::get(bob).unwrap().status, CitizenStatus::Suspended);
	});
}

#[test]
fn a_removed_issuers_rebind_requests_die_with_it() {
	run(|| {
		let alice = register(ALICE, 1);
		attest_resident(alice);
		// A compromised issuer asks to move Alice to Mallory's account.
		register_temp_issuer();
		assert_ok!(CitizenIds::request_rebind(signed(5), alice, MALLORY));
		assert_ok!(CitizenIds::remove_issuer(RuntimeOrigin::root(), 5));
		advance(RECOVERY_DELAY);
		assert_noop!(
			CitizenIds::enact_rebind(signed(MALLORY), alice),
			Error::<Test>::RebindIssuerRemoved
		);
		// Re-registering the same account gives a new epoch: the old request stays dead.
		register_temp_issuer();
		assert_noop!(
			CitizenIds::enact_rebind(signed(MALLORY), alice),
			Error::<Test>::RebindIssuerRemoved
		);
		let view = CitizenIds::citizen_view(alice).unwrap();
		assert_eq!(view.rebind_standing, Some(RebindStanding::Void));
		// The owner cannot object to a dead request (nothing to object to) ...
		assert_noop!(
			CitizenIds::object_to_rebind(signed(ALICE), alice),
			Error::<Test>::RebindIssuerRemoved
		);
		// ... and a legitimate request replaces it.
		assert_ok!(CitizenIds::request_rebind(signed(OFFICE), alice, ALICE_NEW_PHONE));
		advance(RECOVERY_DELAY);
		assert_ok!(CitizenIds::enact_rebind(signed(ALICE_NEW_PHONE), alice));
		assert_eq!(CitizenOf::<Test>::get(ALICE_NEW_PHONE), Some(alice));
		assert_eq!(CitizenOf::<Test>::get(MALLORY), None);
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
