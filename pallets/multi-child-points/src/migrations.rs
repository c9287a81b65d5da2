//! Storage migrations of the multi-child points pallet.
//!
//! Storage version 1 was the first; a chain that starts with the pallet (or adds it in an
//! upgrade) gets the in-code version at genesis, so there is nothing to migrate then.
//!
//! - [`v2`]: version 1 kept an index of granted citizens (`GrantedCitizens`, year and
//!   citizen → household) for the one-grant-per-citizen rule; version 2 asks the scheme's
//!   program instead (the citizen's voucher there, a record `apply` reads anyway), which takes
//!   a read and a write off every `apply`. The migration clears the index.
//!
//! A change of a stored type ([`crate::Scheme`], [`crate::SchemeReport`], [`crate::Grant`])
//! comes with a `vN` module here, as in policy funds: the old shapes, an
//! `UncheckedOnRuntimeUpgrade` that translates them, try-runtime pre/post checks ending in
//! `do_try_state`, the `VersionedMigration` guard from `N - 1` to `N`, and a unit test that
//! writes old-format values and reads them back; the runtime adds it to its `Migrations`.
//!
//! Until a `vN` exists, [`VerifyStorage`] stands for this pallet's upgrade: it migrates
//! nothing, and its try-runtime checks are those any upgrade that leaves this pallet's storage
//! as it is must pass. The migration tests run them; a runtime may list it in its `Migrations`
//! (after any `vN` of this pallet), though a try-runtime dry run of the runtime already decodes
//! all storage and checks every pallet's storage version and `try_state`.

use super::*;
#[cfg(feature = "try-runtime")]
use frame_support::{ensure, traits::GetStorageVersion};
use frame_support::{traits::OnRuntimeUpgrade, weights::Weight};

/// The try-runtime checks of an upgrade that migrates nothing here.
///
/// - Before: the chain is at the storage version this code expects (a `vN` that should have
///   run first is not missing) and its state keeps the invariants (`do_try_state`).
/// - After: still at that version, every stored value of every item decodes, in full, as this
///   code reads it (a stored type changed without a `vN`, even by a field added at the end,
///   fails here), and the invariants hold.
pub struct VerifyStorage<T>(core::marker::PhantomData<T>);

impl<T: Config> OnRuntimeUpgrade for VerifyStorage<T> {
	fn on_runtime_upgrade() -> Weight {
		Weight::zero()
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
		ensure_code_version::<T>()?;
		Pallet::<T>::do_try_state()?;
		Ok(alloc::vec::Vec::new())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(_: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		ensure_code_version::<T>()?;
		ensure_all_decodes::<T>()?;
		Pallet::<T>::do_try_state()
	}
}

/// The chain's storage version of the pallet is this code's.
#[cfg(feature = "try-runtime")]
fn ensure_code_version<T: Config>() -> Result<(), sp_runtime::TryRuntimeError> {
	ensure!(
		Pallet::<T>::on_chain_storage_version() == Pallet::<T>::in_code_storage_version(),
		"multi-child points: the chain's storage version is not this code's (a migration missing?)"
	);
	Ok(())
}

/// Every value of every storage item decodes, with no bytes left over.
#[cfg(feature = "try-runtime")]
fn ensure_all_decodes<T: Config>() -> Result<(), sp_runtime::TryRuntimeError> {
	use frame_support::traits::TryDecodeEntireStorage;
	Pallet::<T>::try_decode_entire_state().map(|_| ()).map_err(|errors| {
		// The error carries a static message: this one names the first value that fails (a
		// failing check ends the dry run, so it is made once).
		let message = alloc::format!(
			"{} stored value(s) do not decode as this code reads them (a stored type changed \
			 without a migration?), the first: {}",
			errors.len(),
			errors.first().map(|e| alloc::format!("{e}")).unwrap_or_default(),
		);
		sp_runtime::TryRuntimeError::Other(alloc::boxed::Box::leak(message.into_boxed_str()))
	})
}

pub mod v2 {
	use super::*;
	use frame_support::{
		migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
	};

	/// The storage of version 1 that version 2 drops.
	pub mod old {
		use super::*;

		/// The household each citizen was granted for, by year (version 1).
		#[frame_support::storage_alias]
		pub type GrantedCitizens<T: Config> = StorageDoubleMap<
			Pallet<T>,
			Twox64Concat,
			Year,
			Twox64Concat,
			CitizenId,
			sp_core::H256,
			OptionQuery,
		>;
	}

	/// Clears version 1's `GrantedCitizens` in the upgrade block: a read and a write per
	/// entry, one entry per household granted so far (about 10,000 fit in a quarter of a
	/// block's weight; a city with far more grants before this upgrade would run it as a
	/// multi-block migration). Before, every entry names a grant of its citizen; after, none
	/// is left and the pallet's invariants hold.
	pub struct InnerMigrateV1ToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV1ToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let result = old::GrantedCitizens::<T>::clear(u32::MAX, None);
			T::DbWeight::get().reads_writes(u64::from(result.loops), u64::from(result.unique))
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			use codec::Encode;
			let mut entries = 0u32;
			for (year, citizen, household) in old::GrantedCitizens::<T>::iter() {
				let grant = Grants::<T>::get(year, household)
					.ok_or("a granted citizen without the household grant it names")?;
				ensure!(grant.citizen == citizen, "an index entry names another citizen's grant");
				entries = entries.saturating_add(1);
			}
			Ok(entries.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			ensure!(
				old::GrantedCitizens::<T>::iter_keys().next().is_none(),
				"GrantedCitizens entries left after the migration"
			);
			Pallet::<T>::do_try_state()
		}
	}

	/// Storage version 1 → 2, run once: the version guard skips it on any other version.
	pub type MigrateV1ToV2<T> = VersionedMigration<
		1,
		2,
		InnerMigrateV1ToV2<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
