//! Storage migrations of the facility booking pallet.
//!
//! Storage version 1 was the first: zones, categories, facilities and slot bookings. A chain
//! that starts with the pallet gets the in-code version at genesis (FRAME writes it for a
//! pallet with no storage yet), so only a chain upgraded from version 1 runs a migration.
//!
//! A change of a stored type ([`crate::Facility`], [`crate::Booking`], [`crate::Zone`], ...)
//! comes with a `vN` module here, as in policy funds: the old shapes, an
//! `UncheckedOnRuntimeUpgrade` that translates them, try-runtime pre/post checks ending in
//! `do_try_state`, the `VersionedMigration` guard from `N - 1` to `N`, and a unit test that
//! writes old-format values and reads them back; the runtime adds it to its `Migrations`.

use super::*;

/// Storage version 1 → 2: courses, waitlists and events.
///
/// Every item version 2 adds is new and starts empty ([`CoursePolicies`], [`NextCourseId`],
/// [`Courses`], [`FacilityCourses`], [`ZoneCourses`], [`Participants`], [`CitizenCourses`],
/// [`NextEventId`], [`Events`], [`ZoneEvents`], [`EventRegistrations`], [`CitizenEvents`],
/// [`CancelQueue`], [`CourseCursor`], [`EventCursor`]); no stored type of version 1 changed
/// (courses and events have records of their own rather than new [`BookingKind`]s, so slot
/// bookings decode as before). The migration only moves the version on; its try-runtime
/// checks make sure of exactly that: what version 1 stored is all there, and nothing of
/// version 2 exists yet before the upgrade.
pub mod v2 {
	use super::*;
	use frame_support::{
		migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
	};

	/// How many zones, facilities and bookings are stored (the version 1 items read back).
	#[cfg(feature = "try-runtime")]
	fn counts<T: Config>() -> (u64, u64, u64) {
		(
			Zones::<T>::iter_keys().count() as u64,
			Facilities::<T>::iter_keys().count() as u64,
			Bookings::<T>::iter_keys().count() as u64,
		)
	}

	/// Whether any course or event is stored.
	#[cfg(feature = "try-runtime")]
	fn any_listing<T: Config>() -> bool {
		Courses::<T>::iter_keys().next().is_some()
			|| Events::<T>::iter_keys().next().is_some()
			|| Participants::<T>::iter_keys().next().is_some()
			|| EventRegistrations::<T>::iter_keys().next().is_some()
	}

	/// The migration itself, without the version guard: nothing to translate.
	pub struct InnerMigrateV1ToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV1ToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			Weight::zero()
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			use codec::Encode;
			ensure!(!any_listing::<T>(), "courses or events stored before version 2");
			Ok(counts::<T>().encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use codec::Decode;
			let before = <(u64, u64, u64)>::decode(&mut &state[..])
				.map_err(|_| "cannot decode the pre-upgrade state")?;
			ensure!(counts::<T>() == before, "a version 1 record vanished in the upgrade");
			// Every version 1 record still decodes (a `None` here would be a decoding failure).
			for key in Facilities::<T>::iter_keys() {
				ensure!(Facilities::<T>::get(key).is_some(), "a facility does not decode");
			}
			for key in Bookings::<T>::iter_keys() {
				ensure!(Bookings::<T>::get(key).is_some(), "a booking does not decode");
			}
			ensure!(!any_listing::<T>(), "the upgrade created courses or events");
			ensure!(
				Pallet::<T>::on_chain_storage_version() == StorageVersion::new(2),
				"the storage version did not move to 2"
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
