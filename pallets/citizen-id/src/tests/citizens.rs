//! Issuers register, suspend and resume citizens; citizens deregister.

use super::*;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

#[test]
fn issuer_registers_a_citizen_with_no_personal_data() {
	run(|| {
		assert_ok!(CitizenIds::register_citizen(signed(OFFICE), ALICE, commitment(1), 7));
		let record = Citizens::<Test>::get(0).unwrap();
		assert_eq!(
			record,
			CitizenRecord {
				account: ALICE,
				commitment: commitment(1),
				home_zone: 7,
				status: CitizenStatus::Active,
				registered_by: OFFICE,
				registered_at: START,
				registrar_epoch: Issuers::<Test>::get(OFFICE).unwrap().epoch,
				resident: None,
			}
		);
		assert_eq!(CitizenOf::<Test>::get(ALICE), Some(0));
		assert_eq!(Commitments::<Test>::get(commitment(1)), Some(0));
		assert_eq!(NextCitizenId::<Test>::get(), 1);
		assert_eq!(
			last_event(),
			Event::CitizenRegistered { citizen: 0, account: ALICE, home_zone: 7, issuer: OFFICE }
		);
		// Ids are handed out in order.
		assert_eq!(register(BOB, 2), 1);
	});
}

#[test]
fn one_person_one_id() {
	run(|| {
		register(ALICE, 1);
		assert_noop!(
			CitizenIds::register_citizen(signed(BANK), BOB, commitment(1), 3),
			Error::<Test>::AlreadyRegistered
		);
	});
}

#[test]
fn one_account_one_id() {
	run(|| {
		register(ALICE, 1);
		assert_noop!(
			CitizenIds::register_citizen(signed(OFFICE), ALICE, commitment(2), 7),
			Error::<Test>::AccountAlreadyCitizen
		);
	});
}

#[test]
fn only_issuers_register_citizens() {
	run(|| {
		assert_noop!(
			CitizenIds::register_citizen(signed(MALLORY), ALICE, commitment(1), 7),
			Error::<Test>::NotIssuer
		);
		assert_noop!(
			CitizenIds::register_citizen(RuntimeOrigin::root(), ALICE, commitment(1), 7),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn issuer_suspends_and_resumes_an_id() {
	run(|| {
		let alice = register(ALICE, 1);
		attest_resident(alice);
		assert_ok!(CitizenIds::suspend_citizen(signed(BANK), alice));
		assert_eq!(Citizens::<Test>::get(alice).unwrap().status, CitizenStatus::Suspended);
		assert_eq!(last_event(), Event::CitizenSuspended { citizen: alice, by: BANK });
		// A suspended ID's claims read as suspended.
		assert_eq!(status_of(alice, ClaimKind::Resident), ClaimStatus::Suspended);
		assert_noop!(
			CitizenIds::suspend_citizen(signed(OFFICE), alice),
			Error::<Test>::CitizenAlreadySuspended
		);

		assert_ok!(CitizenIds::resume_citizen(signed(OFFICE), alice));
		assert_eq!(Citizens::<Test>::get(alice).unwrap().status, CitizenStatus::Active);
		assert_eq!(last_event(), Event::CitizenResumed { citizen: alice, by: OFFICE });
		assert_eq!(status_of(alice, ClaimKind::Resident), ClaimStatus::Active);
		assert_noop!(
			CitizenIds::resume_citizen(signed(OFFICE), alice),
			Error::<Test>::CitizenNotSuspended
		);
	});
}

#[test]
fn suspending_needs_an_issuer_and_a_known_citizen() {
	run(|| {
		let alice = register(ALICE, 1);
		assert_noop!(CitizenIds::suspend_citizen(signed(ALICE), alice), Error::<Test>::NotIssuer);
		assert_noop!(CitizenIds::resume_citizen(signed(ALICE), alice), Error::<Test>::NotIssuer);
		assert_noop!(
			CitizenIds::suspend_citizen(signed(OFFICE), 42),
			Error::<Test>::UnknownCitizen
		);
	});
}

#[test]
fn citizen_deregisters_and_the_commitment_stays_reserved() {
	run(|| {
		let alice = register(ALICE, 1);
		attest_resident(alice);
		assert_ok!(CitizenIds::deregister(signed(ALICE)));
		assert_eq!(last_event(), Event::CitizenDeregistered { citizen: alice });
		assert_eq!(Citizens::<Test>::get(alice).unwrap().status, CitizenStatus::Deregistered);
		assert_eq!(CitizenOf::<Test>::get(ALICE), None);
		assert_eq!(Citizens::<Test>::get(alice).unwrap().resident, None);
		assert_eq!(CitizenIds::claim_verdict(alice, ClaimKind::Resident), None);
		assert_eq!(PendingRebinds::<Test>::get(alice), None);
		// Nobody can re-create the ID.
		assert_noop!(
			CitizenIds::register_citizen(signed(OFFICE), BOB, commitment(1), 7),
			Error::<Test>::AlreadyRegistered
		);
		// And nothing more can be done with it.
		assert_noop!(
			CitizenIds::suspend_citizen(signed(OFFICE), alice),
			Error::<Test>::CitizenDeregistered
		);
		assert_noop!(
			CitizenIds::issue_claim(signed(OFFICE), alice, resident(7), START, START + DAY),
			Error::<Test>::CitizenDeregistered
		);
	});
}

#[test]
fn only_a_citizen_can_deregister() {
	run(|| {
		assert_noop!(CitizenIds::deregister(signed(BOB)), Error::<Test>::NotCitizen);
		assert_noop!(CitizenIds::deregister(RuntimeOrigin::root()), DispatchError::BadOrigin);
	});
}

#[test]
fn citizen_sees_everything_held_about_them() {
	run(|| {
		let alice = register(ALICE, 1);
		attest_resident(alice);
		let view = CitizenIds::citizen_view(alice).unwrap();
		assert_eq!(view.id, alice);
		assert_eq!(view.record.account, ALICE);
		assert_eq!(view.claims.len(), 1);
		assert_eq!(view.claims[0].0, ClaimKind::Resident);
		assert_eq!(view.claims[0].1.status, ClaimStatus::Active);
		assert_eq!(view.credential_count, 0);
		assert_eq!(view.pending_rebind, None);
		assert!(CitizenIds::citizen_view(42).is_none());
	});
}

#[test]
fn a_stolen_key_cannot_destroy_a_suspended_or_recovering_id() {
	run(|| {
		let alice = register(ALICE, 1);
		attest_resident(alice);
		// Lost phone: the issuer suspends the ID.
		assert_ok!(CitizenIds::suspend_citizen(signed(OFFICE), alice));
		assert_noop!(CitizenIds::deregister(signed(ALICE)), Error::<Test>::CitizenSuspended);
		// A rebind pending (even once the ID is resumed) also protects it.
		assert_ok!(CitizenIds::request_rebind(signed(OFFICE), alice, ALICE_NEW_PHONE));
		assert_ok!(CitizenIds::resume_citizen(signed(OFFICE), alice));
		assert_noop!(CitizenIds::deregister(signed(ALICE)), Error::<Test>::RebindPending);
		// Recovery completes and the new key holds the ID.
		advance(RECOVERY_DELAY);
		assert_ok!(CitizenIds::enact_rebind(signed(MALLORY), alice));
		assert_noop!(CitizenIds::deregister(signed(ALICE)), Error::<Test>::NotCitizen);
		assert_eq!(CitizenOf::<Test>::get(ALICE_NEW_PHONE), Some(alice));
	});
}

#[test]
fn deregistering_is_refused_while_something_else_relies_on_the_account() {
	run(|| {
		let _alice = register(ALICE, 1);
		// E.g. a non-sufficient asset account: a consumer reference on the account.
		assert_ok!(System::inc_consumers(&ALICE));
		assert_noop!(CitizenIds::deregister(signed(ALICE)), Error::<Test>::AccountInUse);
		assert_eq!(System::providers(&ALICE), 1);
		System::dec_consumers(&ALICE);
		assert_ok!(CitizenIds::deregister(signed(ALICE)));
		assert_eq!(System::providers(&ALICE), 0);
	});
}

#[test]
fn a_void_rebind_request_does_not_hold_the_id() {
	run(|| {
		let alice = register(ALICE, 1);
		register_temp_issuer();
		assert_ok!(CitizenIds::request_rebind(signed(5), alice, MALLORY));
		assert_noop!(CitizenIds::deregister(signed(ALICE)), Error::<Test>::RebindPending);
		assert_ok!(CitizenIds::remove_issuer(RuntimeOrigin::root(), 5));
		assert_noop!(
			CitizenIds::resolve_rebind(RuntimeOrigin::root(), alice, true),
			Error::<Test>::RebindIssuerRemoved
		);
		assert_ok!(CitizenIds::deregister(signed(ALICE)));
		assert_eq!(PendingRebinds::<Test>::get(alice), None);
	});
}
