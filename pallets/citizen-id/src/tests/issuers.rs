//! The city registers, updates and removes issuers and sets the recovery delay.

use super::*;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

#[test]
fn city_registers_an_issuer() {
	run(|| {
		assert_ok!(CitizenIds::register_issuer(
			RuntimeOrigin::root(),
			5,
			claim_kinds([ClaimKind::YouthAgeBand, ClaimKind::Resident])
		));
		let info = Issuers::<Test>::get(5).unwrap();
		assert_eq!(info.kinds, claim_kinds([ClaimKind::Resident, ClaimKind::YouthAgeBand]));
		// Genesis took epochs 0 and 1.
		assert_eq!(info.epoch, 2);
		assert_eq!(
			last_event(),
			Event::IssuerRegistered { issuer: 5, kinds: info.kinds.clone(), epoch: 2 }
		);
	});
}

#[test]
fn registering_an_issuer_needs_the_city() {
	run(|| {
		assert_noop!(
			CitizenIds::register_issuer(signed(OFFICE), 5, claim_kinds([ClaimKind::Resident])),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn an_issuer_cannot_be_registered_twice() {
	run(|| {
		assert_noop!(
			CitizenIds::register_issuer(RuntimeOrigin::root(), BANK, claim_kinds([])),
			Error::<Test>::IssuerAlreadyRegistered
		);
	});
}

#[test]
fn claim_kinds_are_a_set() {
	run(|| {
		// A kind named twice is one kind: the set type cannot hold duplicates.
		assert_eq!(claim_kinds([ClaimKind::Resident, ClaimKind::Resident]).len(), 1);
		assert_ok!(CitizenIds::register_issuer(
			RuntimeOrigin::root(),
			5,
			claim_kinds([ClaimKind::Resident, ClaimKind::Resident])
		));
		assert_eq!(Issuers::<Test>::get(5).unwrap().kinds, claim_kinds([ClaimKind::Resident]));
		// Decoding a call's kinds (as a wallet sends them, a list) collapses repeats too.
		use codec::{Decode, Encode};
		let repeated = vec![ClaimKind::Resident, ClaimKind::Resident].encode();
		assert_eq!(ClaimKinds::decode(&mut &repeated[..]).unwrap().len(), 1);
	});
}

#[test]
fn city_updates_an_issuers_kinds() {
	run(|| {
		assert_ok!(CitizenIds::update_issuer(
			RuntimeOrigin::root(),
			BANK,
			claim_kinds([ClaimKind::YouthAgeBand])
		));
		assert_eq!(
			Issuers::<Test>::get(BANK).unwrap().kinds,
			claim_kinds([ClaimKind::YouthAgeBand])
		);
		assert!(matches!(last_event(), Event::IssuerUpdated { issuer: BANK, .. }));
		let alice = register(ALICE, 1);
		assert_noop!(
			CitizenIds::issue_claim(signed(BANK), alice, resident(7), START, START + DAY),
			Error::<Test>::ClaimKindNotAllowed
		);
	});
}

#[test]
fn updating_needs_the_city_and_a_registered_issuer() {
	run(|| {
		assert_noop!(
			CitizenIds::update_issuer(signed(OFFICE), BANK, claim_kinds([])),
			DispatchError::BadOrigin
		);
		assert_noop!(
			CitizenIds::update_issuer(RuntimeOrigin::root(), MALLORY, claim_kinds([])),
			Error::<Test>::NotIssuer
		);
	});
}

#[test]
fn removing_an_issuer_suspends_what_it_attested_until_reattested() {
	run(|| {
		let alice = register(ALICE, 1);
		assert_ok!(CitizenIds::issue_claim(signed(BANK), alice, resident(7), START, START + DAY));
		assert_eq!(status_of(alice, ClaimKind::Resident), ClaimStatus::Active);

		assert_ok!(CitizenIds::remove_issuer(RuntimeOrigin::root(), BANK));
		assert_eq!(last_event(), Event::IssuerRemoved { issuer: BANK });
		assert!(!Issuers::<Test>::contains_key(BANK));
		assert_eq!(status_of(alice, ClaimKind::Resident), ClaimStatus::Suspended);
		// The citizen keeps the ID.
		assert_eq!(CitizenOf::<Test>::get(ALICE), Some(alice));

		// Re-registering the same account does not revive its old attestations.
		assert_ok!(CitizenIds::register_issuer(
			RuntimeOrigin::root(),
			BANK,
			claim_kinds([ClaimKind::Resident])
		));
		assert_eq!(status_of(alice, ClaimKind::Resident), ClaimStatus::Suspended);

		// Another issuer re-attests: active again.
		attest_resident(alice);
		assert_eq!(status_of(alice, ClaimKind::Resident), ClaimStatus::Active);
	});
}

#[test]
fn removing_needs_the_city_and_a_registered_issuer() {
	run(|| {
		assert_noop!(CitizenIds::remove_issuer(signed(OFFICE), BANK), DispatchError::BadOrigin);
		assert_noop!(
			CitizenIds::remove_issuer(RuntimeOrigin::root(), MALLORY),
			Error::<Test>::NotIssuer
		);
	});
}

#[test]
fn city_sets_the_recovery_delay_within_its_bound() {
	run(|| {
		assert_ok!(CitizenIds::set_recovery_delay(RuntimeOrigin::root(), 2 * DAY));
		assert_eq!(RecoveryDelay::<Test>::get(), 2 * DAY);
		assert_eq!(last_event(), Event::RecoveryDelaySet { delay: 2 * DAY });
		assert_noop!(
			CitizenIds::set_recovery_delay(RuntimeOrigin::root(), 31 * DAY),
			Error::<Test>::RecoveryDelayTooLong
		);
		assert_noop!(CitizenIds::set_recovery_delay(signed(OFFICE), DAY), DispatchError::BadOrigin);
	});
}
