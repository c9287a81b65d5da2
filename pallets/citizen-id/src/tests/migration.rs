//! Storage versions 1 → 2 → 3: records written in an old format read back with the new rules.

use super::*;
use crate::migrations::{
	v2::{CitizenRecordV1, MigrateV1ToV2, PendingRebindV1},
	v3::{CitizenRecordV2, MigrateV2ToV3},
};
use frame_support::{
	storage::unhashed,
	traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
};

/// Run migration `M` as the runtime would; with `try-runtime`, with its pre- and post-upgrade
/// checks.
fn upgrade<M: OnRuntimeUpgrade>() {
	#[cfg(feature = "try-runtime")]
	M::try_on_runtime_upgrade(true).expect("the pre- and post-upgrade checks pass");
	#[cfg(not(feature = "try-runtime"))]
	M::on_runtime_upgrade();
}

/// The record of citizen `id` as version 2 stored it.
fn v2_record(id: CitizenId) -> CitizenRecordV2<u64> {
	unhashed::get(&Citizens::<Test>::hashed_key_for(id)).expect("a version 2 record")
}

#[test]
fn v1_records_migrate_to_v2() {
	run(|| {
		// Two citizens as version 1 stored them: one registered by the office (still an
		// issuer), one by an issuer that has since been removed.
		let old = |account: u64, n: u8, registered_by: u64, status| CitizenRecordV1 {
			account,
			commitment: commitment(n),
			home_zone: 7,
			status,
			registered_by,
			registered_at: START,
		};
		for (id, record) in [
			(0u64, old(ALICE, 1, OFFICE, CitizenStatus::Suspended)),
			(1u64, old(BOB, 2, 5, CitizenStatus::Active)),
		] {
			unhashed::put(&Citizens::<Test>::hashed_key_for(id), &record);
			CitizenOf::<Test>::insert(record.account, id);
			System::inc_providers(&record.account);
			Commitments::<Test>::insert(record.commitment, id);
		}
		NextCitizenId::<Test>::put(2);
		unhashed::put(
			&PendingRebinds::<Test>::hashed_key_for(0u64),
			&PendingRebindV1 {
				new_account: ALICE_NEW_PHONE,
				requested_by: OFFICE,
				effective_at: START + DAY,
			},
		);
		// A revoked credential that v1 still counted.
		CredentialCount::<Test>::insert(1u64, 1);
		Credentials::<Test>::insert(
			H256::repeat_byte(1),
			CredentialRecord {
				citizen: 1,
				issuer: OFFICE,
				issuer_epoch: 0,
				anchored_at: START,
				valid_until: None,
				revoked: true,
			},
		);
		StorageVersion::new(1).put::<Pallet<Test>>();

		upgrade::<MigrateV1ToV2<Test>>();

		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 2);
		let alice = v2_record(0);
		assert_eq!(alice.registrar_epoch, Issuers::<Test>::get(OFFICE).unwrap().epoch);
		let bob = v2_record(1);
		assert_eq!(bob.registrar_epoch, IssuerEpoch::MAX);
		let pending = PendingRebinds::<Test>::get(0).expect("decodes as v2");
		assert!(!pending.lifts_suspension, "v1 cannot tell when the suspension came: keep it");
		assert_eq!(pending.objection, RebindObjection::None);
		assert_eq!(pending.issuer_epoch, Issuers::<Test>::get(OFFICE).unwrap().epoch);
		assert_eq!(CredentialCount::<Test>::get(1), 0);
		// Run again: the version guard makes it a no-op.
		upgrade::<MigrateV1ToV2<Test>>();
		assert_eq!(v2_record(0), alice);

		// The runtime runs version 3's migration next.
		upgrade::<MigrateV2ToV3<Test>>();
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 3);
		let bob = Citizens::<Test>::get(1).expect("decodes as v3");
		assert_eq!((bob.registrar_epoch, bob.resident), (IssuerEpoch::MAX, None));
		// Bob's registering issuer is gone: he awaits re-confirmation.
		assert_eq!(CitizenIds::citizen_of(&BOB), None);
	});
}

#[test]
fn v2_resident_claims_move_into_the_records() {
	run(|| {
		let office_epoch = Issuers::<Test>::get(OFFICE).unwrap().epoch;
		let old = |account: u64, n: u8, home_zone: ZoneId, status| CitizenRecordV2 {
			account,
			commitment: commitment(n),
			home_zone,
			status,
			registered_by: OFFICE,
			registered_at: START,
			registrar_epoch: office_epoch,
		};
		let claim = |value: ClaimValue, state| ClaimRecord {
			value,
			issuer: BANK,
			issuer_epoch: Issuers::<Test>::get(BANK).unwrap().epoch,
			valid_from: START,
			valid_until: START + DAY,
			state,
		};
		// Alice: a suspended Resident claim and a youth claim. Bob: a Resident claim in a zone
		// his record does not show (no pallet version wrote that; the claim wins). A
		// deregistered citizen: nothing.
		for (id, record) in [
			(0u64, old(ALICE, 1, 7, CitizenStatus::Active)),
			(1, old(BOB, 2, 3, CitizenStatus::Active)),
			(2, old(MALLORY, 3, 7, CitizenStatus::Deregistered)),
		] {
			unhashed::put(&Citizens::<Test>::hashed_key_for(id), &record);
			if record.status != CitizenStatus::Deregistered {
				CitizenOf::<Test>::insert(record.account, id);
				System::inc_providers(&record.account);
			}
			Commitments::<Test>::insert(record.commitment, id);
		}
		NextCitizenId::<Test>::put(3);
		let since = START - 100 * DAY;
		Claims::<Test>::insert(
			0,
			ClaimKind::Resident,
			claim(ClaimValue::Resident { zone: 7, since }, ClaimState::Suspended),
		);
		Claims::<Test>::insert(
			0,
			ClaimKind::YouthAgeBand,
			claim(ClaimValue::YouthAgeBand, ClaimState::Active),
		);
		Claims::<Test>::insert(
			1,
			ClaimKind::Resident,
			claim(ClaimValue::Resident { zone: 9, since }, ClaimState::Active),
		);
		StorageVersion::new(2).put::<Pallet<Test>>();

		upgrade::<MigrateV2ToV3<Test>>();

		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 3);
		let alice = Citizens::<Test>::get(0).expect("decodes as v3");
		assert_eq!(
			alice.resident,
			Some(ResidentClaim {
				since,
				issuer: BANK,
				issuer_epoch: Issuers::<Test>::get(BANK).unwrap().epoch,
				valid_from: START,
				valid_until: START + DAY,
				state: ClaimState::Suspended,
			})
		);
		assert_eq!(alice.home_zone, 7);
		assert_eq!(Claims::<Test>::get(0, ClaimKind::Resident), None, "moved, not copied");
		assert_eq!(status_of(0, ClaimKind::Resident), ClaimStatus::Suspended);
		assert_eq!(status_of(0, ClaimKind::YouthAgeBand), ClaimStatus::Active, "stays put");
		let bob = Citizens::<Test>::get(1).unwrap();
		assert_eq!(bob.home_zone, 9);
		assert_eq!(
			CitizenIds::claim_verdict(1, ClaimKind::Resident).map(|v| (v.status, v.value)),
			Some((ClaimStatus::Active, ClaimValue::Resident { zone: 9, since }))
		);
		let gone = Citizens::<Test>::get(2).unwrap();
		assert_eq!((gone.status, gone.resident), (CitizenStatus::Deregistered, None));
		assert_eq!(Claims::<Test>::iter_keys().count(), 1);

		// Run again: the version guard makes it a no-op.
		upgrade::<MigrateV2ToV3<Test>>();
		assert_eq!(Citizens::<Test>::get(0), Some(alice));
	});
}
