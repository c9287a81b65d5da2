//! Storage versions 1 → 2 → 3: values written in an old format read back in the new one.

use super::*;
use crate::migrations::{
	v2::{MigrateV1ToV2, ProgramReportV1, ProgramTermsV1, ProgramV1Of},
	v3::{old, MigrateV2ToV3},
};
use codec::Encode;
use frame_support::{
	assert_noop,
	storage::unhashed,
	traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
};

#[test]
fn v1_values_migrate_to_v2_then_v3() {
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
			&old::Reports::<Test>::hashed_key_for(0),
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
		old::Vouchers::<Test>::insert(0, ALICE_ID, Voucher { balance: GRANT, frozen: false });
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
		#[cfg(feature = "try-runtime")]
		MigrateV2ToV3::<Test>::try_on_runtime_upgrade(true).expect("the upgrade checks pass");
		#[cfg(not(feature = "try-runtime"))]
		MigrateV2ToV3::<Test>::on_runtime_upgrade();
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 3);
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
		// Run again: the version guards make them no-ops.
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		MigrateV2ToV3::<Test>::on_runtime_upgrade();
		assert_eq!(Programs::<Test>::get(0), Some(p));
		assert_eq!(voucher(0, ALICE_ID).map(|v| v.balance), Some(GRANT - 1_000));
	});
}

/// Version 2 storage: program 0, a city program of bookshops and sports schools (Alice spent
/// at both and holds the rest; Bob's application waits); program 1, a service's program open
/// to every category, paid in five categories (one more than the mock's
/// `MaxCategoriesPerProgram`), Carol's voucher holding the rest. The money is in the
/// programs' (shared) account.
fn v2_storage() -> (ProgramId, ProgramId) {
	setup_merchants();
	for (id, en) in [(4, "Museums"), (5, "Theatres")] {
		assert_ok!(Funds::add_category(root(), id, name(en, en)));
	}
	let city = NextProgramId::<Test>::get();
	let mut t = terms(ApprovalMode::Manual);
	t.allowed_categories = set([BOOKS, SPORTS]);
	assert_ok!(Funds::create_program(root(), t, officers()));
	let mut every = spec(30);
	every.allowed_categories = vec![];
	let service = Funds::open_program(SERVICE, every, &TREASURY, 0).expect("a valid spec");
	old::Reports::<Test>::insert(
		city,
		ProgramReport {
			funded: 3 * GRANT,
			withdrawn: 0,
			allocated: GRANT,
			spent: 30_000,
			returned: 0,
			free: 2 * GRANT,
			outstanding: GRANT - 30_000,
			citizens_served: 1,
			pending: 1,
			held: 0,
		},
	);
	SpendByCategory::<Test>::insert(city, BOOKS, 20_000);
	SpendByCategory::<Test>::insert(city, SPORTS, 10_000);
	old::Vouchers::<Test>::insert(
		city,
		ALICE_ID,
		Voucher { balance: GRANT - 30_000, frozen: false },
	);
	for (citizen, status) in
		[(ALICE_ID, ApplicationStatus::Approved), (BOB_ID, ApplicationStatus::Pending)]
	{
		old::Applications::<Test>::insert(
			city,
			citizen,
			Application { status, applied_at: START, household: None },
		);
	}
	old::Reports::<Test>::insert(
		service,
		ProgramReport {
			funded: 100_000,
			withdrawn: 0,
			allocated: 100_000,
			spent: 5_000,
			returned: 0,
			free: 0,
			outstanding: 95_000,
			citizens_served: 1,
			pending: 0,
			held: 0,
		},
	);
	for category in 1..=5 {
		SpendByCategory::<Test>::insert(service, category, 1_000);
	}
	old::Vouchers::<Test>::insert(service, CAROL_ID, Voucher { balance: 95_000, frozen: true });
	assert_ok!(<Balances as frame_support::traits::fungible::Mutate<u64>>::transfer(
		&TREASURY,
		&Funds::program_account(city),
		3 * GRANT - 30_000 + 95_000,
		frame_support::traits::tokens::Preservation::Preserve
	));
	StorageVersion::new(2).put::<Pallet<Test>>();
	(city, service)
}

#[test]
fn v2_reports_spending_vouchers_and_applications_migrate_to_v3() {
	run(|| {
		let (city, service) = v2_storage();
		let reports = (
			old::Reports::<Test>::get(city).expect("stored"),
			old::Reports::<Test>::get(service).expect("stored"),
		);
		// Nothing reads in the new layout yet.
		assert_eq!(Funds::voucher(city, ALICE_ID), None);
		assert_eq!(Funds::spend_by_category(city), vec![]);

		#[cfg(feature = "try-runtime")]
		MigrateV2ToV3::<Test>::try_on_runtime_upgrade(true).expect("the upgrade checks pass");
		#[cfg(not(feature = "try-runtime"))]
		MigrateV2ToV3::<Test>::on_runtime_upgrade();
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 3);

		// Every report survives, `free` and `outstanding` now derived.
		assert_eq!((report(city), report(service)), reports);
		assert_eq!(Funds::report(city), Some(reports.0.clone()));
		// The spending by category: in the ledger, by category; the service program's fifth
		// category past the ledger's four.
		assert_eq!(Funds::spend_by_category(city), vec![(BOOKS, 20_000), (SPORTS, 10_000)]);
		assert_eq!(Ledgers::<Test>::get(city).by_category.len(), 2);
		assert_eq!(SpendByCategory::<Test>::iter_prefix(city).count(), 0);
		assert_eq!(
			Funds::spend_by_category(service),
			(1..=5).map(|c| (c, 1_000)).collect::<Vec<_>>()
		);
		assert_eq!(
			Ledgers::<Test>::get(service).by_category.into_inner(),
			(1..=4).map(|c| (c, 1_000)).collect::<Vec<_>>()
		);
		assert_eq!(
			SpendByCategory::<Test>::iter_prefix(service).collect::<Vec<_>>(),
			vec![(5, 1_000)]
		);
		// Vouchers and applications: one record per citizen and program.
		assert_eq!(
			Participants::<Test>::get(ALICE_ID, city),
			Some(Participant {
				application: Some(Application {
					status: ApplicationStatus::Approved,
					applied_at: START,
					household: None
				}),
				voucher: Some(Voucher { balance: GRANT - 30_000, frozen: false }),
			})
		);
		assert_eq!(application(city, BOB_ID).map(|a| a.status), Some(ApplicationStatus::Pending));
		assert_eq!(voucher(city, BOB_ID), None);
		assert_eq!(voucher(service, CAROL_ID), Some(Voucher { balance: 95_000, frozen: true }));
		assert_eq!(application(service, CAROL_ID), None);
		assert_eq!(Participants::<Test>::iter().count(), 3);
		assert_eq!(old::Reports::<Test>::iter().count(), 0);
		assert_eq!(old::Vouchers::<Test>::iter().count(), 0);
		assert_eq!(old::Applications::<Test>::iter().count(), 0);

		// Migrated, everything works as before.
		assert_ok!(Funds::spend(signed(ALICE), city, BOOKSHOP, 1_000));
		assert_eq!(Funds::spent_in(city, BOOKS), 21_000);
		assert_noop!(Funds::apply(signed(BOB), city), Error::<Test>::AlreadyApplied);
		assert_ok!(Funds::approve(signed(OFFICER), city, BOB_ID));
		assert_eq!(report(city).pending, 0);
		assert_eq!(voucher(city, BOB_ID).map(|v| v.balance), Some(GRANT));
		// Run again: the version guard makes it a no-op.
		MigrateV2ToV3::<Test>::on_runtime_upgrade();
		assert_eq!(Funds::spent_in(city, BOOKS), 21_000);
	});
}
