//! Issuers attest, suspend, resume and revoke claims; expiry is by time.

use super::*;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

#[test]
fn issuer_attests_a_claim() {
	run(|| {
		let alice = register(ALICE, 1);
		assert_ok!(CitizenIds::issue_claim(
			signed(OFFICE),
			alice,
			resident(9),
			START,
			START + 10 * DAY
		));
		// A Resident claim lives in the citizen record.
		assert_eq!(Claims::<Test>::get(alice, ClaimKind::Resident), None);
		let claim = Citizens::<Test>::get(alice).unwrap().resident_claim().unwrap();
		assert_eq!(claim.value, resident(9));
		assert_eq!(claim.issuer, OFFICE);
		assert_eq!(claim.state, ClaimState::Active);
		assert_eq!(
			last_event(),
			Event::ClaimIssued {
				citizen: alice,
				kind: ClaimKind::Resident,
				issuer: OFFICE,
				valid_from: START,
				valid_until: START + 10 * DAY,
				replaced: false,
			}
		);
		// The attested residence moves the home zone.
		assert_eq!(Citizens::<Test>::get(alice).unwrap().home_zone, 9);
		let verdict = CitizenIds::claim_verdict(alice, ClaimKind::Resident).unwrap();
		assert_eq!(verdict.status, ClaimStatus::Active);
		assert_eq!(verdict.issuer, OFFICE);
		assert_eq!(verdict.valid_until, START + 10 * DAY);
	});
}

#[test]
fn every_kind_of_claim_can_be_attested() {
	run(|| {
		let alice = register(ALICE, 1);
		let household = commitment(200);
		for value in [
			resident(7),
			ClaimValue::YouthAgeBand,
			ClaimValue::MultiChildHousehold { household, children: 3 },
		] {
			assert_ok!(CitizenIds::issue_claim(signed(OFFICE), alice, value, START, START + DAY));
		}
		for kind in ClaimKind::ALL {
			assert_eq!(status_of(alice, kind), ClaimStatus::Active);
		}
		assert_eq!(
			CitizenIds::claim_verdict(alice, ClaimKind::MultiChildHousehold).unwrap().value,
			ClaimValue::MultiChildHousehold { household, children: 3 }
		);
	});
}

#[test]
fn reissuing_replaces_the_claim() {
	run(|| {
		let alice = register(ALICE, 1);
		attest_resident(alice);
		assert_ok!(CitizenIds::revoke_claim(signed(OFFICE), alice, ClaimKind::Resident));
		assert_ok!(CitizenIds::issue_claim(signed(BANK), alice, resident(3), START, START + DAY));
		assert!(matches!(last_event(), Event::ClaimIssued { replaced: true, issuer: BANK, .. }));
		assert_eq!(status_of(alice, ClaimKind::Resident), ClaimStatus::Active);
	});
}

#[test]
fn a_claim_expires_by_time_alone() {
	run(|| {
		let alice = register(ALICE, 1);
		assert_ok!(CitizenIds::issue_claim(
			signed(OFFICE),
			alice,
			ClaimValue::YouthAgeBand,
			START + DAY,
			START + 2 * DAY
		));
		assert_eq!(status_of(alice, ClaimKind::YouthAgeBand), ClaimStatus::NotYetValid);
		advance(DAY);
		assert_eq!(status_of(alice, ClaimKind::YouthAgeBand), ClaimStatus::Active);
		advance(DAY);
		assert_eq!(status_of(alice, ClaimKind::YouthAgeBand), ClaimStatus::Expired);
	});
}

#[test]
fn claim_validity_must_make_sense() {
	run(|| {
		let alice = register(ALICE, 1);
		// Empty window.
		assert_noop!(
			CitizenIds::issue_claim(signed(OFFICE), alice, resident(7), START, START),
			Error::<Test>::InvalidValidity
		);
		// Already over.
		assert_noop!(
			CitizenIds::issue_claim(signed(OFFICE), alice, resident(7), 0, START),
			Error::<Test>::InvalidValidity
		);
	});
}

#[test]
fn issuing_needs_an_issuer_allowed_for_the_kind_and_a_known_citizen() {
	run(|| {
		let alice = register(ALICE, 1);
		assert_noop!(
			CitizenIds::issue_claim(
				signed(BANK),
				alice,
				ClaimValue::YouthAgeBand,
				START,
				START + DAY
			),
			Error::<Test>::ClaimKindNotAllowed
		);
		assert_noop!(
			CitizenIds::issue_claim(signed(MALLORY), alice, resident(7), START, START + DAY),
			Error::<Test>::NotIssuer
		);
		assert_noop!(
			CitizenIds::issue_claim(RuntimeOrigin::root(), alice, resident(7), START, START + DAY),
			DispatchError::BadOrigin
		);
		assert_noop!(
			CitizenIds::issue_claim(signed(OFFICE), 42, resident(7), START, START + DAY),
			Error::<Test>::UnknownCitizen
		);
	});
}

#[test]
fn issuer_suspends_resumes_and_revokes_a_claim() {
	run(|| {
		let alice = register(ALICE, 1);
		attest_resident(alice);
		let kind = ClaimKind::Resident;

		assert_ok!(CitizenIds::suspend_claim(signed(BANK), alice, kind));
		assert_eq!(last_event(), Event::ClaimSuspended { citizen: alice, kind, by: BANK });
		assert_eq!(status_of(alice, kind), ClaimStatus::Suspended);
		assert_noop!(
			CitizenIds::suspend_claim(signed(BANK), alice, kind),
			Error::<Test>::ClaimNotActive
		);

		assert_ok!(CitizenIds::resume_claim(signed(OFFICE), alice, kind));
		assert_eq!(last_event(), Event::ClaimResumed { citizen: alice, kind, by: OFFICE });
		assert_eq!(status_of(alice, kind), ClaimStatus::Active);
		assert_noop!(
			CitizenIds::resume_claim(signed(OFFICE), alice, kind),
			Error::<Test>::ClaimNotSuspended
		);

		assert_ok!(CitizenIds::revoke_claim(signed(OFFICE), alice, kind));
		assert_eq!(last_event(), Event::ClaimRevoked { citizen: alice, kind, by: OFFICE });
		assert_eq!(status_of(alice, kind), ClaimStatus::Revoked);
		for result in [
			CitizenIds::revoke_claim(signed(OFFICE), alice, kind),
			CitizenIds::suspend_claim(signed(OFFICE), alice, kind),
			CitizenIds::resume_claim(signed(OFFICE), alice, kind),
		] {
			assert_eq!(result, Err(Error::<Test>::ClaimAlreadyRevoked.into()));
		}
	});
}

#[test]
fn managing_a_claim_needs_an_issuer_allowed_for_its_kind() {
	run(|| {
		let alice = register(ALICE, 1);
		assert_ok!(CitizenIds::issue_claim(
			signed(OFFICE),
			alice,
			ClaimValue::YouthAgeBand,
			START,
			START + DAY
		));
		let kind = ClaimKind::YouthAgeBand;
		assert_noop!(
			CitizenIds::suspend_claim(signed(BANK), alice, kind),
			Error::<Test>::ClaimKindNotAllowed
		);
		assert_noop!(
			CitizenIds::revoke_claim(signed(ALICE), alice, kind),
			Error::<Test>::NotIssuer
		);
		assert_noop!(
			CitizenIds::suspend_claim(signed(OFFICE), alice, ClaimKind::MultiChildHousehold),
			Error::<Test>::ClaimNotFound
		);
		assert_noop!(
			CitizenIds::suspend_claim(signed(OFFICE), 42, kind),
			Error::<Test>::UnknownCitizen
		);
	});
}
