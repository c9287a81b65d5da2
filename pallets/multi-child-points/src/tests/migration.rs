//! Upgrades: version 1 → 2 clears the index of granted citizens ([`v2`]); after it, the
//! one-grant-per-citizen rule reads the scheme's program. The try-runtime checks of
//! [`VerifyStorage`] pass around the upgrade of a filled chain, and fail on a value this code
//! cannot read and on a storage version it does not know.

use super::*;
use crate::migrations::{v2, VerifyStorage};
use frame_support::{
	assert_noop,
	traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
	weights::Weight,
};

/// A scheme with two households granted (three children, two children).
fn fill() {
	open();
	assert_ok!(MultiChildPoints::apply(signed(ALICE), YEAR));
	assert_ok!(MultiChildPoints::apply(signed(CAROL), YEAR));
	assert_eq!(Grants::<Test>::iter_prefix(YEAR).count(), 2);
}

/// [`fill`] as version 1 left it: the index names each grant's citizen.
fn fill_v1() {
	fill();
	for (household, grant) in Grants::<Test>::iter_prefix(YEAR) {
		v2::old::GrantedCitizens::<Test>::insert(YEAR, grant.citizen, household);
	}
	StorageVersion::new(1).put::<MultiChildPoints>();
}

#[test]
fn an_upgrade_at_the_current_version_changes_nothing() {
	run(|| {
		fill();
		let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
		assert_eq!(VerifyStorage::<Test>::on_runtime_upgrade(), Weight::zero());
		assert_eq!(v2::MigrateV1ToV2::<Test>::on_runtime_upgrade(), db_reads(1));
		assert_eq!(sp_io::storage::root(sp_runtime::StateVersion::V1), root);
		assert_eq!(MultiChildPoints::on_chain_storage_version(), StorageVersion::new(2));
		assert_eq!(MultiChildPoints::in_code_storage_version(), StorageVersion::new(2));
	});
}

fn db_reads(n: u64) -> Weight {
	let db: frame_support::weights::RuntimeDbWeight =
		<<Test as frame_system::Config>::DbWeight as Get<_>>::get();
	db.reads(n)
}

#[test]
fn v2_clears_the_index_and_the_rule_still_holds() {
	run(|| {
		fill_v1();
		assert_eq!(v2::old::GrantedCitizens::<Test>::iter().count(), 2);
		let grants: Vec<_> = Grants::<Test>::iter().collect();
		v2::MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(v2::old::GrantedCitizens::<Test>::iter().count(), 0);
		assert_eq!(MultiChildPoints::on_chain_storage_version(), StorageVersion::new(2));
		// Nothing else moved; and neither guardian is granted twice.
		assert_eq!(Grants::<Test>::iter().collect::<Vec<_>>(), grants);
		assert_noop!(MultiChildPoints::apply(signed(ALICE), YEAR), Error::<Test>::AlreadyGranted);
		assert_noop!(MultiChildPoints::apply(signed(CAROL), YEAR), Error::<Test>::AlreadyGranted);
		// Run again: the version guard skips it.
		assert_eq!(v2::MigrateV1ToV2::<Test>::on_runtime_upgrade(), db_reads(1));
	});
}

#[cfg(feature = "try-runtime")]
mod try_runtime {
	use super::*;
	use codec::Decode;
	use frame_support::{storage::unhashed, traits::UncheckedOnRuntimeUpgrade};
	use sp_runtime::TryRuntimeError;

	fn message(e: TryRuntimeError) -> &'static str {
		match e {
			TryRuntimeError::Other(m) => m,
			other => panic!("unexpected error {other:?}"),
		}
	}

	#[test]
	fn the_checks_pass_around_the_upgrade_of_a_filled_chain() {
		run(|| {
			fill();
			let state = VerifyStorage::<Test>::pre_upgrade().expect("pre-upgrade checks pass");
			VerifyStorage::<Test>::on_runtime_upgrade();
			VerifyStorage::<Test>::post_upgrade(state).expect("post-upgrade checks pass");
			// As the runtime's executive runs an upgrade under try-runtime: the migration's
			// checks, then every pallet's hooks and their checks.
			type Upgrade = (VerifyStorage<Test>, AllPalletsWithSystem);
			assert_ok!(<Upgrade as OnRuntimeUpgrade>::try_on_runtime_upgrade(true));
		});
	}

	#[test]
	fn a_grant_this_code_cannot_read_fails_the_post_upgrade_check() {
		run(|| {
			fill();
			let key = Grants::<Test>::hashed_key_for(YEAR, household(7));
			let stored = unhashed::get_raw(&key).expect("a grant");
			let state = VerifyStorage::<Test>::pre_upgrade().expect("pre-upgrade checks pass");
			// What an upgrade that changed `Grant` without a migration leaves behind: a value
			// of another shape, here one byte longer (it still decodes with bytes left over,
			// so only a full decode notices).
			unhashed::put_raw(&key, &[stored.clone(), vec![0]].concat());
			VerifyStorage::<Test>::on_runtime_upgrade();
			let failed = message(VerifyStorage::<Test>::post_upgrade(state.clone()).unwrap_err());
			assert!(failed.contains("`MultiChildPoints::Grants`"), "{failed}");
			// One byte short does not decode at all.
			unhashed::put_raw(&key, &stored[..stored.len() - 1]);
			assert!(VerifyStorage::<Test>::post_upgrade(state.clone()).is_err());
			unhashed::put_raw(&key, &stored);
			assert_ok!(VerifyStorage::<Test>::post_upgrade(state));
		});
	}

	#[test]
	fn a_storage_version_this_code_does_not_know_fails_the_checks() {
		run(|| {
			fill();
			// A chain whose version was never written, and one a later code migrated.
			for version in [1, 3] {
				StorageVersion::new(version).put::<MultiChildPoints>();
				assert_eq!(
					message(VerifyStorage::<Test>::pre_upgrade().unwrap_err()),
					"multi-child points: the chain's storage version is not this code's (a \
					 migration missing?)"
				);
				assert!(VerifyStorage::<Test>::post_upgrade(Vec::new()).is_err());
			}
			StorageVersion::new(2).put::<MultiChildPoints>();
			assert_ok!(VerifyStorage::<Test>::pre_upgrade());
		});
	}

	#[test]
	fn v2_checks_pass_around_its_upgrade_and_refuse_a_stray_index_entry() {
		run(|| {
			fill_v1();
			let state = v2::InnerMigrateV1ToV2::<Test>::pre_upgrade().expect("pre-upgrade");
			assert_eq!(u32::decode(&mut &state[..]).unwrap(), 2);
			v2::InnerMigrateV1ToV2::<Test>::on_runtime_upgrade();
			assert_ok!(v2::InnerMigrateV1ToV2::<Test>::post_upgrade(state));
			// An entry naming a household nobody was granted.
			v2::old::GrantedCitizens::<Test>::insert(YEAR, 99, household(42));
			assert_eq!(
				message(v2::InnerMigrateV1ToV2::<Test>::pre_upgrade().unwrap_err()),
				"a granted citizen without the household grant it names"
			);
			assert_eq!(
				message(v2::InnerMigrateV1ToV2::<Test>::post_upgrade(Vec::new()).unwrap_err()),
				"GrantedCitizens entries left after the migration"
			);
		});
	}

	#[test]
	fn a_chain_that_breaks_the_invariants_fails_the_pre_upgrade_check() {
		run(|| {
			fill();
			let report = Reports::<Test>::take(YEAR).expect("a report");
			assert_eq!(
				message(VerifyStorage::<Test>::pre_upgrade().unwrap_err()),
				"a scheme without a report"
			);
			Reports::<Test>::insert(YEAR, report);
		});
	}
}
