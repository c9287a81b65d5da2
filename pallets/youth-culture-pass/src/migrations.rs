//! Storage migrations of the youth culture pass pallet.
//!
//! Storage version 1 is the first: a chain that starts with the pallet gets it at genesis, and
//! a chain that adds the pallet in an upgrade gets it too (FRAME writes the in-code version of
//! a pallet that has no storage yet), so there is nothing to migrate.
//!
//! A change of a stored type ([`crate::Round`], [`crate::RoundTally`], [`crate::Draw`],
//! [`crate::Pass`], [`crate::CultureOffer`] ...) comes with a `vN` module here, as in policy
//! funds: the old shapes, an `UncheckedOnRuntimeUpgrade` that translates them, try-runtime
//! pre/post checks ending in `do_try_state`, the `VersionedMigration` guard from `N - 1` to
//! `N`, and a unit test that writes old-format values and reads them back; the runtime adds it
//! to its `Migrations`.
//!
//! The beacon ([`crate::Beacon`]) is changed only here: a migration that puts a new
//! `BeaconInfo` is the one way to move to another beacon (a city that could change it by a
//! call could sign its own outcome).
