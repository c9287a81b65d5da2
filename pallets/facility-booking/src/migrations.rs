//! Storage migrations of the facility booking pallet.
//!
//! Storage version 1 is the first: a chain that starts with the pallet gets it at genesis,
//! and a chain that adds the pallet in an upgrade gets it too (FRAME writes the in-code
//! version of a pallet that has no storage yet), so there is nothing to migrate.
//!
//! Courses, waitlists and events (the next issue) are meant to need no migration of what is
//! stored here: they add maps of their own, new variants at the end of [`crate::BookingKind`]
//! and share the [`crate::BookingId`] counter and [`crate::CitizenBookings`]. A change of a
//! stored type ([`crate::Facility`], [`crate::Booking`], [`crate::Zone`], ...) comes with a
//! `vN` module here, as in policy funds: the old shapes, an `UncheckedOnRuntimeUpgrade` that
//! translates them, try-runtime pre/post checks ending in `do_try_state`, the
//! `VersionedMigration` guard from `N - 1` to `N`, and a unit test that writes old-format
//! values and reads them back; the runtime adds it to its `Migrations`.
