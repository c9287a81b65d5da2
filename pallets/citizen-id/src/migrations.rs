//! Storage migrations of the citizen ID pallet. The runtime runs them in order (`v2`, then
//! `v3`); each is guarded by the storage version, so it runs once.

use super::*;

/// Storage version 1 → 2.
///
/// - A citizen record remembers its registering issuer's epoch (`registrar_epoch`): an ID whose
///   registering issuer was removed reads as suspended until another issuer re-confirms it.
///   Records of issuers still registered take their current epoch; records of issuers already
///   removed get an epoch no issuer has, so they read as awaiting re-confirmation.
/// - A pending rebind remembers its requester's epoch (dead with its requester, as above), the
///   owner's objection (none yet), and that enacting it lifts no suspension (version 1 did not
///   record whether the suspension came before or after the request, so the safe reading).
/// - `CredentialCount` counts live (not revoked) credentials only.
///
/// Every map visited is bounded by what the city testnet holds today (a few citizens); a city
/// with millions of records would run this as a multi-block migration instead.
pub mod v2 {
	use super::*;
	use codec::{Decode, Encode};
	use frame_support::{
		migrations::VersionedMigration, pallet_prelude::*, storage::unhashed,
		traits::UncheckedOnRuntimeUpgrade,
	};

	/// A citizen record as version 1 stored it.
	#[derive(Encode, Decode)]
	pub struct CitizenRecordV1<AccountId> {
		pub account: AccountId,
		pub commitment: Commitment,
		pub home_zone: ZoneId,
		pub status: CitizenStatus,
		pub registered_by: AccountId,
		pub registered_at: Moment,
	}

	/// A pending rebind as version 1 stored it.
	#[derive(Encode, Decode)]
	pub struct PendingRebindV1<AccountId> {
		pub new_account: AccountId,
		pub requested_by: AccountId,
		pub effective_at: Moment,
	}

	/// The epoch of `issuer` if it is registered, else one no registration ever gets.
	fn epoch_of<T: Config>(issuer: &T::AccountId) -> IssuerEpoch {
		Issuers::<T>::get(issuer).map_or(IssuerEpoch::MAX, |info| info.epoch)
	}

	/// The migration itself, without the version guard.
	pub struct InnerMigrateV1ToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV1ToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut reads: u64 = 0;
			let mut writes: u64 = 0;
			// Records are written in version 2's layout, which is no longer `CitizenRecord`
			// (version 3 adds the Resident claim, see `v3`): rewritten in place, key by key.
			// A record that does not decode is left as it is, as `translate` would.
			for id in Citizens::<T>::iter_keys() {
				let key = Citizens::<T>::hashed_key_for(id);
				reads = reads.saturating_add(2);
				let Some(old) = unhashed::get::<CitizenRecordV1<T::AccountId>>(&key) else {
					continue;
				};
				writes = writes.saturating_add(1);
				let record = super::v3::CitizenRecordV2 {
					registrar_epoch: epoch_of::<T>(&old.registered_by),
					account: old.account,
					commitment: old.commitment,
					home_zone: old.home_zone,
					status: old.status,
					registered_by: old.registered_by,
					registered_at: old.registered_at,
				};
				unhashed::put(&key, &record);
			}
			PendingRebinds::<T>::translate::<PendingRebindV1<T::AccountId>, _>(|_, old| {
				reads = reads.saturating_add(2);
				writes = writes.saturating_add(1);
				Some(PendingRebind {
					issuer_epoch: epoch_of::<T>(&old.requested_by),
					new_account: old.new_account,
					requested_by: old.requested_by,
					effective_at: old.effective_at,
					// Version 1 did not record whether the suspension came before or after the
					// request: the safe reading is that enacting lifts none.
					lifts_suspension: false,
					objection: RebindObjection::None,
				})
			});
			let mut live = alloc::collections::BTreeMap::<CitizenId, u32>::new();
			for credential in Credentials::<T>::iter_values() {
				reads = reads.saturating_add(1);
				if !credential.revoked {
					let n = live.entry(credential.citizen).or_default();
					*n = n.saturating_add(1);
				}
			}
			let old_counts: alloc::vec::Vec<CitizenId> =
				CredentialCount::<T>::iter_keys().collect();
			for citizen in old_counts {
				reads = reads.saturating_add(1);
				writes = writes.saturating_add(1);
				CredentialCount::<T>::remove(citizen);
			}
			for (citizen, n) in live {
				writes = writes.saturating_add(1);
				CredentialCount::<T>::insert(citizen, n);
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			let citizens = Citizens::<T>::iter_keys().count() as u64;
			let rebinds = PendingRebinds::<T>::iter_keys().count() as u64;
			Ok((citizens, rebinds).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let (citizens, rebinds) = <(u64, u64)>::decode(&mut &state[..])
				.map_err(|_| "cannot decode the pre-upgrade state")?;
			// Records are in version 2's layout until `v3` runs: decode them as such.
			let decoded = Citizens::<T>::iter_keys()
				.filter(|id| {
					unhashed::get::<super::v3::CitizenRecordV2<T::AccountId>>(
						&Citizens::<T>::hashed_key_for(id),
					)
					.is_some()
				})
				.count() as u64;
			ensure!(decoded == citizens, "a citizen record did not decode after the migration");
			ensure!(
				PendingRebinds::<T>::iter_values().count() as u64 == rebinds,
				"a pending rebind did not decode after the migration"
			);
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

/// Storage version 2 → 3: a citizen's Resident claim moves from `Claims` into its record.
///
/// Every citizen holds a Resident claim, so keeping it in the record saves one storage entry
/// per citizen: a write at registration (what bulk registration needs), a read at every
/// verification of residence. The record's `home_zone` already equals the claim's zone (an
/// attested residence moves the home zone); should they differ, the claim's zone wins, as a
/// fresh attestation would have it. Claims of other kinds stay in `Claims`.
///
/// Like `v2`, this visits every citizen in one block: bounded by what the city testnet holds
/// today; a city with millions of records would run it as a multi-block migration.
pub mod v3 {
	use super::*;
	use codec::{Decode, Encode};
	use frame_support::{
		migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
	};

	/// A citizen record as version 2 stored it: no Resident claim.
	#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
	pub struct CitizenRecordV2<AccountId> {
		pub account: AccountId,
		pub commitment: Commitment,
		pub home_zone: ZoneId,
		pub status: CitizenStatus,
		pub registered_by: AccountId,
		pub registered_at: Moment,
		pub registrar_epoch: IssuerEpoch,
	}

	/// The migration itself, without the version guard.
	pub struct InnerMigrateV2ToV3<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV2ToV3<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut reads: u64 = 0;
			let mut writes: u64 = 0;
			Citizens::<T>::translate::<CitizenRecordV2<T::AccountId>, _>(|id, old| {
				reads = reads.saturating_add(2);
				writes = writes.saturating_add(1);
				let claim = Claims::<T>::take(id, ClaimKind::Resident);
				let (home_zone, resident) = match claim.map(ResidentClaim::from_claim) {
					Some(Ok((zone, resident))) => {
						writes = writes.saturating_add(1);
						(zone, Some(resident))
					}
					Some(Err(_)) => {
						// A Resident key holding another kind's value cannot have been written
						// by any version of the pallet; it is dropped rather than kept unread.
						writes = writes.saturating_add(1);
						log::warn!(
							target: "runtime::citizen-id",
							"citizen {id}: a claim of another kind stored as Resident, dropped"
						);
						(old.home_zone, None)
					}
					None => (old.home_zone, None),
				};
				Some(CitizenRecord {
					account: old.account,
					commitment: old.commitment,
					home_zone,
					status: old.status,
					registered_by: old.registered_by,
					registered_at: old.registered_at,
					registrar_epoch: old.registrar_epoch,
					resident,
				})
			});
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			let citizens = Citizens::<T>::iter_keys().count() as u64;
			let residents = Claims::<T>::iter_keys()
				.filter(|(_, kind)| *kind == ClaimKind::Resident)
				.count() as u64;
			let others = Claims::<T>::iter_keys()
				.filter(|(_, kind)| *kind != ClaimKind::Resident)
				.count() as u64;
			Ok((citizens, residents, others).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let (citizens, residents, others) = <(u64, u64, u64)>::decode(&mut &state[..])
				.map_err(|_| "cannot decode the pre-upgrade state")?;
			let records: alloc::vec::Vec<CitizenRecordOf<T>> =
				Citizens::<T>::iter_values().collect();
			ensure!(
				records.len() as u64 == citizens,
				"a citizen record did not decode after the migration"
			);
			ensure!(
				records.iter().filter(|r| r.resident.is_some()).count() as u64 == residents,
				"a Resident claim was lost or made up"
			);
			ensure!(
				Claims::<T>::iter_keys().count() as u64 == others,
				"a claim of another kind was moved, or a Resident claim stayed behind"
			);
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
