//! What other pallets see through `CitizenRegistry`.

use super::*;
use frame_support::assert_ok;

#[test]
fn registry_answers_for_active_citizens_and_valid_claims() {
	run(|| {
		let alice = register(ALICE, 1);
		attest_resident(alice);
		assert_eq!(<CitizenIds as CitizenRegistry<u64>>::citizen_of(&ALICE), Some(alice));
		assert_eq!(<CitizenIds as CitizenRegistry<u64>>::account_of(alice), Some(ALICE));
		let claim = <CitizenIds as CitizenRegistry<u64>>::valid_claim(alice, ClaimKind::Resident)
			.expect("valid");
		assert_eq!(claim.value, resident(7));
		assert_eq!(claim.issuer, OFFICE);
		assert!(!<CitizenIds as CitizenRegistry<u64>>::has_valid_claim(
			alice,
			ClaimKind::YouthAgeBand
		));
		assert_eq!(<CitizenIds as CitizenRegistry<u64>>::citizen_of(&BOB), None);
	});
}

#[test]
fn a_suspended_citizen_gets_no_services() {
	run(|| {
		let alice = register(ALICE, 1);
		attest_resident(alice);
		assert_ok!(CitizenIds::suspend_citizen(signed(OFFICE), alice));
		assert_eq!(<CitizenIds as CitizenRegistry<u64>>::citizen_of(&ALICE), None);
		assert!(!<CitizenIds as CitizenRegistry<u64>>::has_valid_claim(alice, ClaimKind::Resident));
		// The account is still known, e.g. for a refund.
		assert_eq!(<CitizenIds as CitizenRegistry<u64>>::account_of(alice), Some(ALICE));
	});
}

#[test]
fn expired_claims_are_not_valid() {
	run(|| {
		let alice = register(ALICE, 1);
		attest_resident(alice);
		advance(365 * DAY);
		assert!(!<CitizenIds as CitizenRegistry<u64>>::has_valid_claim(alice, ClaimKind::Resident));
	});
}

#[test]
fn benefits_follow_the_citizen_to_a_new_key() {
	run(|| {
		let alice = register(ALICE, 1);
		attest_resident(alice);
		assert_ok!(CitizenIds::request_rebind(signed(OFFICE), alice, ALICE_NEW_PHONE));
		advance(RECOVERY_DELAY);
		assert_ok!(CitizenIds::enact_rebind(signed(ALICE_NEW_PHONE), alice));
		assert_eq!(<CitizenIds as CitizenRegistry<u64>>::citizen_of(&ALICE_NEW_PHONE), Some(alice));
		assert_eq!(<CitizenIds as CitizenRegistry<u64>>::citizen_of(&ALICE), None);
		assert!(<CitizenIds as CitizenRegistry<u64>>::has_valid_claim(alice, ClaimKind::Resident));
	});
}

/// The pallet driven through its own calls, for the shared `CitizenRegistry` contract.
struct PalletHarness;

impl citizen_primitives::testing::RegistryHarness for PalletHarness {
	type Registry = CitizenIds;
	fn register(account: u64) -> CitizenId {
		let n = NextCitizenId::<Test>::get();
		let commitment = H256(sp_io::hashing::blake2_256(&account.to_le_bytes()));
		assert_ok!(CitizenIds::register_citizen(signed(OFFICE), account, commitment, 7));
		n
	}
	fn set_suspended(citizen: CitizenId, suspended: bool) {
		if suspended {
			assert_ok!(CitizenIds::suspend_citizen(signed(OFFICE), citizen));
		} else {
			assert_ok!(CitizenIds::resume_citizen(signed(OFFICE), citizen));
		}
	}
	fn deregister(citizen: CitizenId) {
		let account = Citizens::<Test>::get(citizen).expect("registered").account;
		assert_ok!(CitizenIds::deregister(signed(account)));
	}
	fn rebind(citizen: CitizenId, account: u64) {
		assert_ok!(CitizenIds::request_rebind(signed(OFFICE), citizen, account));
		advance(RECOVERY_DELAY);
		assert_ok!(CitizenIds::enact_rebind(signed(account), citizen));
	}
	fn attest(citizen: CitizenId, claim: ClaimValue, valid_until: Moment) {
		let now = Self::now();
		assert_ok!(CitizenIds::issue_claim(signed(OFFICE), citizen, claim, now, valid_until));
	}
	fn advance(by: Moment) {
		advance(by)
	}
	fn now() -> Moment {
		<MockTime as frame_support::traits::Time>::now()
	}
}

#[test]
fn the_pallet_keeps_the_registry_contract() {
	run(citizen_primitives::testing::registry_conformance::<PalletHarness>);
}
