//! Storage migrations of the policy funds pallet.

use super::*;

/// Storage version 1 → 2: one shape for every citizen service.
///
/// - `Programs`: a program gains its `owner`; every program of version 1 was created by the
///   city (`ProgramOwner::City`). Its name becomes a [`LocalizedName`] with the old name as
///   both the Korean and the English one (the city renames later if it wishes).
/// - `Categories`: each name becomes a [`LocalizedName`] the same way.
/// - `Reports`: a report gains `held`, zero (version 1 had no holds).
///
/// The required claims and the allowed and excluded categories are now `BoundedBTreeSet`s.
/// A set encodes exactly like the sorted list of its elements, and decoding a list builds the
/// set whatever the order, so the lists version 1 stored (whose elements were distinct: it
/// refused duplicates) decode unchanged; the old shapes below read them as sets directly.
///
/// The new maps (`Holds`, `NextHoldId`) start empty. Every map visited is bounded by the
/// programs and categories a city has (`MaxLivePrograms` running at once, a few hundred over
/// the chain's life), so one block suffices.
pub mod v2 {
	use super::*;
	use codec::{Decode, Encode};
	use frame_support::{
		migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
		BoundedBTreeSet,
	};
	use sp_runtime::traits::Zero;

	/// A program's terms as version 1 stored them (one name).
	#[derive(Encode, Decode)]
	#[allow(clippy::multiple_bound_locations)] // the codec derives repeat the bounds
	pub struct ProgramTermsV1<
		Balance,
		MaxName: Get<u32>,
		MaxClaims: Get<u32>,
		MaxCategories: Get<u32>,
	> {
		pub name: BoundedVec<u8, MaxName>,
		pub amount_per_grant: Balance,
		pub required_claims: BoundedBTreeSet<ClaimKind, MaxClaims>,
		pub min_residence: Moment,
		pub apply_from: Moment,
		pub apply_until: Moment,
		pub spend_until: Moment,
		pub approval: ApprovalMode,
		pub scope: GrantScope,
		pub allowed_categories: BoundedBTreeSet<MerchantCategory, MaxCategories>,
		pub excluded_categories: BoundedBTreeSet<MerchantCategory, MaxCategories>,
	}

	/// A program as version 1 stored it (no owner).
	#[derive(Encode, Decode)]
	#[allow(clippy::multiple_bound_locations)] // the codec derives repeat the bounds
	pub struct ProgramV1<
		AccountId,
		Balance,
		MaxName: Get<u32>,
		MaxClaims: Get<u32>,
		MaxCategories: Get<u32>,
		MaxOfficers: Get<u32>,
	> {
		pub terms: ProgramTermsV1<Balance, MaxName, MaxClaims, MaxCategories>,
		pub account: AccountId,
		pub officers: BoundedVec<AccountId, MaxOfficers>,
		pub status: ProgramStatus,
		pub expired: bool,
	}

	/// A program report as version 1 stored it (no `held`).
	#[derive(Encode, Decode)]
	pub struct ProgramReportV1<Balance> {
		pub funded: Balance,
		pub withdrawn: Balance,
		pub allocated: Balance,
		pub spent: Balance,
		pub returned: Balance,
		pub free: Balance,
		pub outstanding: Balance,
		pub citizens_served: u32,
		pub pending: u32,
	}

	/// A version 1 program in this runtime.
	pub type ProgramV1Of<T> = ProgramV1<
		<T as frame_system::Config>::AccountId,
		BalanceOf<T>,
		<T as Config>::MaxNameLength,
		<T as Config>::MaxRequiredClaims,
		<T as Config>::MaxCategoriesPerProgram,
		<T as Config>::MaxOfficers,
	>;

	/// A version 1 name, in both languages.
	fn both<S: Get<u32>>(name: BoundedVec<u8, S>) -> LocalizedName<S> {
		LocalizedName { ko: name.clone(), en: name }
	}

	/// The migration itself, without the version guard.
	pub struct InnerMigrateV1ToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV1ToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut items: u64 = 0;
			Programs::<T>::translate::<ProgramV1Of<T>, _>(|_, old| {
				items = items.saturating_add(1);
				let t = old.terms;
				Some(Program {
					terms: ProgramTerms {
						name: both(t.name),
						amount_per_grant: t.amount_per_grant,
						required_claims: t.required_claims,
						min_residence: t.min_residence,
						apply_from: t.apply_from,
						apply_until: t.apply_until,
						spend_until: t.spend_until,
						approval: t.approval,
						scope: t.scope,
						allowed_categories: t.allowed_categories,
						excluded_categories: t.excluded_categories,
					},
					owner: ProgramOwner::City,
					account: old.account,
					officers: old.officers,
					status: old.status,
					expired: old.expired,
				})
			});
			Categories::<T>::translate::<BoundedVec<u8, T::MaxNameLength>, _>(|_, old| {
				items = items.saturating_add(1);
				Some(both(old))
			});
			Reports::<T>::translate::<ProgramReportV1<BalanceOf<T>>, _>(|_, old| {
				items = items.saturating_add(1);
				Some(ProgramReport {
					funded: old.funded,
					withdrawn: old.withdrawn,
					allocated: old.allocated,
					spent: old.spent,
					returned: old.returned,
					free: old.free,
					outstanding: old.outstanding,
					citizens_served: old.citizens_served,
					pending: old.pending,
					held: Zero::zero(),
				})
			});
			T::DbWeight::get().reads_writes(items, items)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			let programs = Programs::<T>::iter_keys().count() as u64;
			let categories = Categories::<T>::iter_keys().count() as u64;
			let reports = Reports::<T>::iter_keys().count() as u64;
			Ok((programs, categories, reports).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let (programs, categories, reports) = <(u64, u64, u64)>::decode(&mut &state[..])
				.map_err(|_| "cannot decode the pre-upgrade state")?;
			let migrated: alloc::vec::Vec<_> = Programs::<T>::iter_values().collect();
			ensure!(
				migrated.len() as u64 == programs,
				"a program did not decode after the migration"
			);
			ensure!(
				migrated.iter().all(|p| p.owner == ProgramOwner::City),
				"a version 1 program is not the city's"
			);
			ensure!(
				Categories::<T>::iter_values().count() as u64 == categories,
				"a category did not decode after the migration"
			);
			// `Reports` is a `ValueQuery`: read the raw values so one that does not decode is
			// caught rather than read as the default.
			let mut decoded: u64 = 0;
			for key in Reports::<T>::iter_keys() {
				let raw =
					frame_support::storage::unhashed::get_raw(&Reports::<T>::hashed_key_for(key))
						.ok_or("a report vanished")?;
				let report = ProgramReportOf::<T>::decode(&mut &raw[..])
					.map_err(|_| "a report did not decode after the migration")?;
				ensure!(report.held.is_zero(), "a migrated report holds something");
				decoded = decoded.saturating_add(1);
			}
			ensure!(decoded == reports, "a report vanished in the migration");
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
