//! Storage version 1 → 2: values written in the old format read back in the new one.

use super::*;
use crate::migrations::v2::{MigrateV1ToV2, ProgramReportV1, ProgramTermsV1, ProgramV1Of};
use codec::Encode;
use frame_support::{
	storage::unhashed,
	traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
};

#[test]
fn v1_values_migrate_to_v2() {
	run(|| {
		// A category and a live program, funded and with one voucher, as version 1 stored
		// them: one name each; the claims and categories stored as lists.
		unhashed::put(
			&Categories::<Test>::hashed_key_for(BOOKS),
			&BoundedVec::<u8, ConstU32<32>>::truncate_from(b"Bookstores".to_vec()),
		);
		let account = Funds::program_account(0);
		let old_terms = ProgramTermsV1 {
			name: BoundedVec::<u8, ConstU32<32>>::truncate_from(b"Education points".to_vec()),
			amount_per_grant: GRANT,
			required_claims: set([ClaimKind::Resident]),
			min_residence: 90 * DAY,
			apply_from: START,
			apply_until: START + 10 * DAY,
			spend_until: START + 20 * DAY,
			approval: ApprovalMode::Automatic,
			scope: GrantScope::PerCitizen,
			allowed_categories: set([BOOKS]),
			excluded_categories: set([]),
		};
		let old: ProgramV1Of<Test> = crate::migrations::v2::ProgramV1 {
			terms: old_terms,
			account,
			officers: officers(),
			status: ProgramStatus::Open,
			expired: false,
		};
		unhashed::put(&Programs::<Test>::hashed_key_for(0), &old);
		// A list as version 1 encoded it is exactly the set's encoding.
		assert_eq!(
			vec![ClaimKind::Resident].encode(),
			set::<ClaimKind, ConstU32<3>>([ClaimKind::Resident]).encode()
		);
		unhashed::put(
			&Reports::<Test>::hashed_key_for(0),
			&ProgramReportV1::<Balance> {
				funded: 2 * GRANT,
				withdrawn: 0,
				allocated: GRANT,
				spent: 0,
				returned: 0,
				free: GRANT,
				outstanding: GRANT,
				citizens_served: 1,
				pending: 0,
			},
		);
		// The rest is unchanged by the migration.
		Vouchers::<Test>::insert(0, ALICE_ID, Voucher { balance: GRANT, frozen: false });
		NextProgramId::<Test>::put(1);
		ExpiryQueue::<Test>::put(BoundedVec::truncate_from(vec![(START + 20 * DAY, 0)]));
		assert_ok!(<Balances as frame_support::traits::fungible::Mutate<u64>>::transfer(
			&TREASURY,
			&account,
			2 * GRANT,
			frame_support::traits::tokens::Preservation::Preserve
		));
		StorageVersion::new(1).put::<Pallet<Test>>();
		// In the old format nothing reads in the new one.
		assert!(Programs::<Test>::get(0).is_none());
		assert!(Categories::<Test>::get(BOOKS).is_none());

		// With `try-runtime`, the migration's own pre- and post-upgrade checks run too.
		#[cfg(feature = "try-runtime")]
		MigrateV1ToV2::<Test>::try_on_runtime_upgrade(true).expect("the upgrade checks pass");
		#[cfg(not(feature = "try-runtime"))]
		MigrateV1ToV2::<Test>::on_runtime_upgrade();

		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 2);
		assert_eq!(Categories::<Test>::get(BOOKS), Some(name("Bookstores", "Bookstores")));
		let p = Programs::<Test>::get(0).expect("decodes as v2");
		assert_eq!(p.owner, ProgramOwner::City);
		assert_eq!(p.terms.name, name("Education points", "Education points"));
		assert_eq!(p.terms.required_claims, set::<_, ConstU32<3>>([ClaimKind::Resident]));
		assert_eq!(p.terms.allowed_categories, set::<_, ConstU32<4>>([BOOKS]));
		assert_eq!((p.account, p.officers.clone(), p.expired), (account, officers(), false));
		let r = report(0);
		assert_eq!(
			(r.funded, r.free, r.outstanding, r.held, r.citizens_served),
			(2 * GRANT, GRANT, GRANT, 0, 1)
		);
		// Migrated, the program works as before: Alice spends at the bookshop.
		assert_ok!(Funds::register_merchant(root(), BOOKSHOP, BOOKS, 3));
		assert_ok!(Funds::spend(signed(ALICE), 0, BOOKSHOP, 1_000));
		// Run again: the version guard makes it a no-op.
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(Programs::<Test>::get(0), Some(p));
	});
}
