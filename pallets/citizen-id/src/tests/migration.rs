//! Storage version 1 → 2: records written in the old format read back with the new rules.

use super::*;
use crate::migrations::v2::{CitizenRecordV1, MigrateV1ToV2, PendingRebindV1};
use frame_support::{
	storage::unhashed,
	traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
};

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

		MigrateV1ToV2::<Test>::on_runtime_upgrade();

		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 2);
		let alice = Citizens::<Test>::get(0).expect("decodes as v2");
		assert_eq!(alice.registrar_epoch, Issuers::<Test>::get(OFFICE).unwrap().epoch);
		let bob = Citizens::<Test>::get(1).expect("decodes as v2");
		assert_eq!(bob.registrar_epoch, IssuerEpoch::MAX);
		// Bob's registering issuer is gone: he awaits re-confirmation.
		assert_eq!(CitizenIds::citizen_of(&BOB), None);
		let pending = PendingRebinds::<Test>::get(0).expect("decodes as v2");
		assert!(!pending.lifts_suspension, "v1 cannot tell when the suspension came: keep it");
		assert_eq!(pending.objection, RebindObjection::None);
		assert_eq!(pending.issuer_epoch, Issuers::<Test>::get(OFFICE).unwrap().epoch);
		assert_eq!(CredentialCount::<Test>::get(1), 0);
		// Run again: the version guard makes it a no-op.
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(Citizens::<Test>::get(0), Some(alice));
	});
}
