//! Issuers anchor and revoke credential digests; verifiers read their status.

use super::*;
use frame_support::{assert_noop, assert_ok};

fn digest(n: u8) -> H256 {
	H256::repeat_byte(n)
}

#[test]
fn issuer_anchors_a_credential() {
	run(|| {
		let alice = register(ALICE, 1);
		assert_ok!(CitizenIds::anchor_credential(
			signed(BANK),
			alice,
			digest(1),
			Some(START + DAY)
		));
		assert_eq!(
			last_event(),
			Event::CredentialAnchored { digest: digest(1), citizen: alice, issuer: BANK }
		);
		assert_eq!(CredentialCount::<Test>::get(alice), 1);
		let verdict = CitizenIds::credential_verdict(digest(1)).unwrap();
		assert_eq!(verdict.status, ClaimStatus::Active);
		assert_eq!(verdict.citizen, alice);
		assert_eq!(verdict.issuer, BANK);
		assert_eq!(verdict.anchored_at, START);
		advance(DAY);
		assert_eq!(CitizenIds::credential_verdict(digest(1)).unwrap().status, ClaimStatus::Expired);
		assert!(CitizenIds::credential_verdict(digest(2)).is_none());
	});
}

#[test]
fn anchoring_has_its_rules() {
	run(|| {
		let alice = register(ALICE, 1);
		assert_noop!(
			CitizenIds::anchor_credential(signed(MALLORY), alice, digest(1), None),
			Error::<Test>::NotIssuer
		);
		assert_noop!(
			CitizenIds::anchor_credential(signed(BANK), 42, digest(1), None),
			Error::<Test>::UnknownCitizen
		);
		assert_noop!(
			CitizenIds::anchor_credential(signed(BANK), alice, digest(1), Some(START)),
			Error::<Test>::InvalidValidity
		);
		assert_ok!(CitizenIds::anchor_credential(signed(BANK), alice, digest(1), None));
		assert_noop!(
			CitizenIds::anchor_credential(signed(OFFICE), alice, digest(1), None),
			Error::<Test>::CredentialAlreadyAnchored
		);
		// The mock allows three per citizen.
		assert_ok!(CitizenIds::anchor_credential(signed(BANK), alice, digest(2), None));
		assert_ok!(CitizenIds::anchor_credential(signed(BANK), alice, digest(3), None));
		assert_noop!(
			CitizenIds::anchor_credential(signed(BANK), alice, digest(4), None),
			Error::<Test>::TooManyCredentials
		);
	});
}

#[test]
fn the_anchoring_issuer_revokes_a_credential() {
	run(|| {
		let alice = register(ALICE, 1);
		assert_ok!(CitizenIds::anchor_credential(signed(BANK), alice, digest(1), None));
		assert_noop!(
			CitizenIds::revoke_credential(signed(OFFICE), digest(1)),
			Error::<Test>::NotCredentialIssuer
		);
		assert_noop!(
			CitizenIds::revoke_credential(signed(BANK), digest(9)),
			Error::<Test>::UnknownCredential
		);
		assert_noop!(
			CitizenIds::revoke_credential(signed(ALICE), digest(1)),
			Error::<Test>::NotIssuer
		);
		assert_ok!(CitizenIds::revoke_credential(signed(BANK), digest(1)));
		assert_eq!(last_event(), Event::CredentialRevoked { digest: digest(1), by: BANK });
		assert_eq!(CitizenIds::credential_verdict(digest(1)).unwrap().status, ClaimStatus::Revoked);
		assert_noop!(
			CitizenIds::revoke_credential(signed(BANK), digest(1)),
			Error::<Test>::CredentialAlreadyRevoked
		);
	});
}

#[test]
fn credential_status_follows_the_citizen_and_the_issuer() {
	run(|| {
		let alice = register(ALICE, 1);
		assert_ok!(CitizenIds::anchor_credential(signed(BANK), alice, digest(1), None));
		assert_ok!(CitizenIds::suspend_citizen(signed(OFFICE), alice));
		assert_eq!(
			CitizenIds::credential_verdict(digest(1)).unwrap().status,
			ClaimStatus::Suspended
		);
		assert_ok!(CitizenIds::resume_citizen(signed(OFFICE), alice));
		assert_ok!(CitizenIds::remove_issuer(RuntimeOrigin::root(), BANK));
		assert_eq!(
			CitizenIds::credential_verdict(digest(1)).unwrap().status,
			ClaimStatus::Suspended
		);
		assert_ok!(CitizenIds::deregister(signed(ALICE)));
		assert_eq!(CitizenIds::credential_verdict(digest(1)).unwrap().status, ClaimStatus::Revoked);
	});
}

#[test]
fn only_live_credentials_count_against_the_cap() {
	run(|| {
		let alice = register(ALICE, 1);
		// The mock allows three live credentials per citizen.
		for n in 1..=3 {
			assert_ok!(CitizenIds::anchor_credential(signed(BANK), alice, digest(n), None));
		}
		assert_noop!(
			CitizenIds::anchor_credential(signed(OFFICE), alice, digest(4), None),
			Error::<Test>::TooManyCredentials
		);
		// A revoked credential frees its place at once.
		assert_ok!(CitizenIds::revoke_credential(signed(BANK), digest(1)));
		assert_eq!(CredentialCount::<Test>::get(alice), 2);
		assert_ok!(CitizenIds::anchor_credential(signed(OFFICE), alice, digest(4), None));
		assert_eq!(CredentialCount::<Test>::get(alice), 3);
	});
}

#[test]
fn dead_credentials_can_be_reaped_by_anyone_and_live_ones_cannot() {
	run(|| {
		let alice = register(ALICE, 1);
		assert_ok!(CitizenIds::anchor_credential(signed(BANK), alice, digest(1), None));
		assert_ok!(CitizenIds::anchor_credential(
			signed(BANK),
			alice,
			digest(2),
			Some(START + DAY)
		));
		assert_ok!(CitizenIds::anchor_credential(signed(OFFICE), alice, digest(3), None));
		assert_noop!(
			CitizenIds::reap_credential(signed(MALLORY), digest(1)),
			Error::<Test>::CredentialStillValid
		);
		assert_noop!(
			CitizenIds::reap_credential(signed(MALLORY), digest(9)),
			Error::<Test>::UnknownCredential
		);
		// Revoked: reaped, its count already given back.
		assert_ok!(CitizenIds::revoke_credential(signed(BANK), digest(1)));
		assert_ok!(CitizenIds::reap_credential(signed(MALLORY), digest(1)));
		assert_eq!(last_event(), Event::CredentialReaped { digest: digest(1) });
		assert!(CitizenIds::credential_verdict(digest(1)).is_none());
		// A revocation is final: the reaped digest can never be anchored again.
		assert_noop!(
			CitizenIds::anchor_credential(signed(OFFICE), alice, digest(1), None),
			Error::<Test>::CredentialAlreadyAnchored
		);
		assert_eq!(CredentialCount::<Test>::get(alice), 2);
		// Expired: reaped, and its place comes back.
		advance(DAY);
		assert_ok!(CitizenIds::reap_credential(signed(MALLORY), digest(2)));
		assert_eq!(CredentialCount::<Test>::get(alice), 1);
		// Anchored by an issuer the city removed (a rogue issuer filling the cap): reaped.
		assert_ok!(CitizenIds::remove_issuer(RuntimeOrigin::root(), OFFICE));
		assert_ok!(CitizenIds::reap_credential(signed(MALLORY), digest(3)));
		assert_eq!(CredentialCount::<Test>::get(alice), 0);
	});
}
