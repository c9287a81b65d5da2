//! Upgrades: storage version 1 is the only one, so an upgrade migrates nothing here. The
//! try-runtime checks of [`VerifyStorage`] pass around the upgrade of a filled chain, and fail
//! on a value this code cannot read and on a storage version it does not know.

use super::*;
use crate::migrations::VerifyStorage;
use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

/// A first-come round with four passes, an offer and a seat booked on Alice's pass (a hold).
fn fill() -> RoundId {
	let (id, offer) = offer_setup(2);
	assert_ok!(YouthPass::book(signed(ALICE), offer));
	assert_eq!(Passes::<Test>::iter_prefix(id).count(), 4);
	id
}

#[test]
fn an_upgrade_changes_nothing_and_stays_at_version_1() {
	run(|| {
		fill();
		let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
		assert_eq!(VerifyStorage::<Test>::on_runtime_upgrade(), Weight::zero());
		assert_eq!(sp_io::storage::root(sp_runtime::StateVersion::V1), root);
		assert_eq!(YouthPass::on_chain_storage_version(), StorageVersion::new(1));
		assert_eq!(YouthPass::in_code_storage_version(), StorageVersion::new(1));
	});
}

#[cfg(feature = "try-runtime")]
mod try_runtime {
	use super::*;
	use frame_support::storage::unhashed;
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
	fn a_pass_this_code_cannot_read_fails_the_post_upgrade_check() {
		run(|| {
			let id = fill();
			let key = Passes::<Test>::hashed_key_for(id, ALICE_ID);
			let stored = unhashed::get_raw(&key).expect("a pass");
			let state = VerifyStorage::<Test>::pre_upgrade().expect("pre-upgrade checks pass");
			// What an upgrade that changed `Pass` without a migration leaves behind: a value of
			// another shape, here one byte longer (it still decodes with bytes left over, so
			// only a full decode notices).
			unhashed::put_raw(&key, &[stored.clone(), vec![0]].concat());
			VerifyStorage::<Test>::on_runtime_upgrade();
			let failed = message(VerifyStorage::<Test>::post_upgrade(state.clone()).unwrap_err());
			assert!(failed.contains("`YouthPass::Passes`"), "{failed}");
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
			for version in [0, 2] {
				StorageVersion::new(version).put::<YouthPass>();
				assert_eq!(
					message(VerifyStorage::<Test>::pre_upgrade().unwrap_err()),
					"youth culture pass: the chain's storage version is not this code's (a \
					 migration missing?)"
				);
				assert!(VerifyStorage::<Test>::post_upgrade(Vec::new()).is_err());
			}
			StorageVersion::new(1).put::<YouthPass>();
			assert_ok!(VerifyStorage::<Test>::pre_upgrade());
		});
	}

	#[test]
	fn a_chain_that_breaks_the_invariants_fails_the_pre_upgrade_check() {
		run(|| {
			let id = fill();
			let tally = Tallies::<Test>::take(id).expect("a tally");
			assert_eq!(
				message(VerifyStorage::<Test>::pre_upgrade().unwrap_err()),
				"a round without a tally"
			);
			Tallies::<Test>::insert(id, tally);
		});
	}
}
