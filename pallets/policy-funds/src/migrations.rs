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
			v3::old::Reports::<T>::translate::<ProgramReportV1<BalanceOf<T>>, _>(|_, old| {
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
			let reports = v3::old::Reports::<T>::iter_keys().count() as u64;
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
			// Read the raw values so one that does not decode is caught.
			let mut decoded: u64 = 0;
			for key in v3::old::Reports::<T>::iter_keys() {
				let raw = frame_support::storage::unhashed::get_raw(
					&v3::old::Reports::<T>::hashed_key_for(key),
				)
				.ok_or("a report vanished")?;
				let report = ProgramReportOf::<T>::decode(&mut &raw[..])
					.map_err(|_| "a report did not decode after the migration")?;
				ensure!(report.held.is_zero(), "a migrated report holds something");
				decoded = decoded.saturating_add(1);
			}
			ensure!(decoded == reports, "a report vanished in the migration");
			// The pallet's invariants (`do_try_state`) are those of the newest layout: they are
			// checked after the last migration (`v3`), not here.
			Ok(())
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

/// Storage version 2 → 3: fewer records to write per spend, settled hold, credit and
/// application.
///
/// - `Reports` (a program's counters) and `SpendByCategory` (its spending per category) become
///   one record per program, [`Ledgers`]: the counters that no other counter gives (`free` and
///   `outstanding` are derived: see [`ProgramLedger`]) and up to `MaxCategoriesPerProgram`
///   category totals, sorted by category. A program's totals beyond that (only a program open
///   to every category can have more) stay in `SpendByCategory`, which now holds only those.
///   A report whose `free` or `outstanding` disagrees with the other counters cannot be kept
///   (it would change the program's money): the migration logs it and keeps the counters, and
///   `try_state` names it.
/// - `Vouchers` and `Applications`, both by program and citizen, become one record per citizen
///   and program, [`Participants`], by citizen then program.
///
/// Every record moves once, in the upgrade's block. Its weight is about two reads and two
/// writes per voucher or application (≈ 120 µs with ParityDB's weights) plus as much per
/// program and category total: some 15,000 records fit the block's two seconds. A chain that
/// holds more must run this as a multi-block migration (`pallet-migrations`) instead.
pub mod v3 {
	use super::*;
	use codec::{Decode, Encode};
	use frame_support::{
		migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
	};

	/// The storage of version 2 that version 3 replaces.
	pub mod old {
		use super::*;

		/// Each program's counters (version 2).
		#[frame_support::storage_alias]
		pub type Reports<T: Config> =
			StorageMap<Pallet<T>, Twox64Concat, ProgramId, ProgramReportOf<T>, OptionQuery>;

		/// Vouchers, by program and citizen (version 2).
		#[frame_support::storage_alias]
		pub type Vouchers<T: Config> = StorageDoubleMap<
			Pallet<T>,
			Twox64Concat,
			ProgramId,
			Twox64Concat,
			CitizenId,
			VoucherOf<T>,
			OptionQuery,
		>;

		/// Applications, by program and citizen (version 2).
		#[frame_support::storage_alias]
		pub type Applications<T: Config> = StorageDoubleMap<
			Pallet<T>,
			Twox64Concat,
			ProgramId,
			Twox64Concat,
			CitizenId,
			Application,
			OptionQuery,
		>;
	}

	/// What every program had before the migration, for `post_upgrade` to check against.
	#[derive(Encode, Decode)]
	pub struct ProgramBefore<Balance> {
		pub program: ProgramId,
		pub report: ProgramReport<Balance>,
		/// Spending by category, sorted by category.
		pub by_category: alloc::vec::Vec<(MerchantCategory, Balance)>,
	}

	/// Every voucher and application before the migration: `(program, citizen, voucher,
	/// application)`.
	pub type RecordsBefore<Balance> =
		alloc::vec::Vec<(ProgramId, CitizenId, Option<Voucher<Balance>>, Option<Application>)>;

	/// A version 2 report's counters as a version 3 ledger (without the category totals).
	pub fn ledger_of<T: Config>(r: &ProgramReportOf<T>) -> ProgramLedgerOf<T> {
		ProgramLedger {
			funded: r.funded,
			withdrawn: r.withdrawn,
			allocated: r.allocated,
			spent: r.spent,
			returned: r.returned,
			held: r.held,
			citizens_served: r.citizens_served,
			pending: r.pending,
			by_category: Default::default(),
		}
	}

	/// The migration itself, without the version guard.
	pub struct InnerMigrateV2ToV3<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV2ToV3<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut reads: u64 = 0;
			let mut writes: u64 = 0;
			// Counters.
			for (program, report) in old::Reports::<T>::drain() {
				reads = reads.saturating_add(1);
				writes = writes.saturating_add(2);
				let ledger = ledger_of::<T>(&report);
				if ledger.report().as_ref() != Some(&report) {
					log::error!(
						target: "runtime::policy-funds",
						"program {program}: free or outstanding out of step with the counters"
					);
				}
				Ledgers::<T>::insert(program, ledger);
			}
			// Spending by category: into the ledger while it has room, by category.
			let mut all: alloc::vec::Vec<(ProgramId, MerchantCategory, BalanceOf<T>)> =
				SpendByCategory::<T>::iter().collect();
			reads = reads.saturating_add(all.len() as u64);
			all.sort_by_key(|(program, category, _)| (*program, *category));
			for (program, category, amount) in all {
				let kept = Ledgers::<T>::mutate(program, |l| {
					match l.by_category.binary_search_by_key(&category, |(c, _)| *c) {
						Ok(_) => false,
						Err(at) => l.by_category.try_insert(at, (category, amount)).is_ok(),
					}
				});
				if kept {
					SpendByCategory::<T>::remove(program, category);
					writes = writes.saturating_add(2);
				}
			}
			// A citizen's voucher and application: one record.
			for (program, citizen, voucher) in old::Vouchers::<T>::drain() {
				reads = reads.saturating_add(1);
				writes = writes.saturating_add(2);
				Participants::<T>::mutate(citizen, program, |p| {
					p.get_or_insert_with(Default::default).voucher = Some(voucher)
				});
			}
			for (program, citizen, application) in old::Applications::<T>::drain() {
				reads = reads.saturating_add(2);
				writes = writes.saturating_add(2);
				Participants::<T>::mutate(citizen, program, |p| {
					p.get_or_insert_with(Default::default).application = Some(application)
				});
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			let mut programs = alloc::vec::Vec::new();
			for program in Programs::<T>::iter_keys() {
				let report = old::Reports::<T>::get(program).unwrap_or_default();
				let mut by_category: alloc::vec::Vec<_> =
					SpendByCategory::<T>::iter_prefix(program).collect();
				by_category.sort_by_key(|(category, _)| *category);
				programs.push(ProgramBefore { program, report, by_category });
			}
			let mut records = alloc::collections::BTreeMap::<(ProgramId, CitizenId), _>::new();
			for (program, citizen, voucher) in old::Vouchers::<T>::iter() {
				records.entry((program, citizen)).or_insert((None, None)).0 = Some(voucher);
			}
			for (program, citizen, application) in old::Applications::<T>::iter() {
				records.entry((program, citizen)).or_insert((None, None)).1 = Some(application);
			}
			let records: RecordsBefore<BalanceOf<T>> =
				records.into_iter().map(|((p, c), (v, a))| (p, c, v, a)).collect();
			Ok((programs, records).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let (programs, records) = <(
				alloc::vec::Vec<ProgramBefore<BalanceOf<T>>>,
				RecordsBefore<BalanceOf<T>>,
			)>::decode(&mut &state[..])
			.map_err(|_| "cannot decode the pre-upgrade state")?;
			ensure!(old::Reports::<T>::iter_keys().next().is_none(), "a version 2 report is left");
			ensure!(
				old::Vouchers::<T>::iter_keys().next().is_none(),
				"a version 2 voucher is left"
			);
			ensure!(
				old::Applications::<T>::iter_keys().next().is_none(),
				"a version 2 application is left"
			);
			// Every program's report and spending by category survive exactly (as stored: no
			// expiry applied), and nothing was spent outside a ledger with room.
			for before in programs {
				let ledger = Ledgers::<T>::get(before.program);
				ensure!(
					ledger.report().as_ref() == Some(&before.report),
					"a program's report changed in the migration"
				);
				ensure!(
					Pallet::<T>::spend_by_category(before.program) == before.by_category,
					"a program's spending by category changed in the migration"
				);
				let fits = before.by_category.len() as u32 <= T::MaxCategoriesPerProgram::get();
				ensure!(
					!fits || SpendByCategory::<T>::iter_prefix(before.program).next().is_none(),
					"spending kept outside a ledger with room"
				);
			}
			// Every voucher and application survives, and nothing else appeared.
			ensure!(
				Participants::<T>::iter_keys().count() == records.len(),
				"a participant record appeared or vanished in the migration"
			);
			for (program, citizen, voucher, application) in records {
				let record = Participants::<T>::get(citizen, program)
					.ok_or("a voucher or application vanished in the migration")?;
				ensure!(record.voucher == voucher, "a voucher changed in the migration");
				ensure!(
					record.application == application,
					"an application changed in the migration"
				);
			}
			Pallet::<T>::do_try_state()
		}
	}

	/// Storage version 2 → 3, run once: the version guard skips it on any other version.
	pub type MigrateV2ToV3<T> = VersionedMigration<
		2,
		3,
		InnerMigrateV2ToV3<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
