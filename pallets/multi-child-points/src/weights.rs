//! Weights for `pallet_multi_child_points`: PLACEHOLDERS, not measured.
//!
//! Until `scripts/benchmark.sh` regenerates this file on the reference machine, every number
//! here is copied from `pallet_policy_funds`' generated weights for the nearest calls, with
//! this pallet's own storage reads and writes added:
//!
//! - `open_scheme` ← `create_program` + `fund` (+ `Schemes` r:1 w:1, `Treasury` r:1,
//!   `Reports` w:1)
//! - `top_up` ← `fund` (+ `Schemes` r:1, `Treasury` r:1, `Reports` r:1 w:1, and the owner
//!   check's `Programs` r:1)
//! - `close_applications` ← `set_officers` (+ `Timestamp::Now` r:1)
//! - `set_treasury` ← `add_category`
//! - `apply` ← `apply` (+ `Schemes` r:1, `GrantedCitizens` r:1 w:1, `Grants` r:1 w:1,
//!   `Reports` r:1 w:1, less the `Applications` and `HouseholdGrants` policy funds reads here)
//!
//! Regenerate with `scripts/benchmark.sh multi-child-points`; then do not edit by hand.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_multi_child_points`.
pub trait WeightInfo {
	fn open_scheme() -> Weight;
	fn top_up() -> Weight;
	fn close_applications() -> Weight;
	fn set_treasury() -> Weight;
	fn apply() -> Weight;
}

/// Weights for `pallet_multi_child_points` (placeholders, see above), with the runtime's
/// database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `MultiChildPoints::Schemes` (r:1 w:1)
	/// Storage: `MultiChildPoints::Treasury` (r:1 w:0)
	/// Storage: `MultiChildPoints::Reports` (r:0 w:1)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Storage: `PolicyFunds::Categories` (r:16 w:0)
	/// Storage: `PolicyFunds::ExpiryQueue` (r:1 w:1)
	/// Storage: `PolicyFunds::NextProgramId` (r:1 w:1)
	/// Storage: `PolicyFunds::Programs` (r:1 w:1)
	/// Storage: `PolicyFunds::Reports` (r:1 w:2)
	/// Storage: `Assets::Asset` (r:1 w:1)
	/// Storage: `Assets::Account` (r:2 w:2)
	/// Storage: `System::Account` (r:1 w:1)
	fn open_scheme() -> Weight {
		// Proof size summary in bytes:
		//  Measured:  `placeholder`
		//  Estimated: `42894`
		// Placeholder: policy funds' `create_program` (112_117_000) + `fund` (90_575_000).
		Weight::from_parts(202_692_000, 42894)
			.saturating_add(T::DbWeight::get().reads(28_u64))
			.saturating_add(T::DbWeight::get().writes(11_u64))
	}
	/// Storage: `MultiChildPoints::Schemes` (r:1 w:0)
	/// Storage: `MultiChildPoints::Treasury` (r:1 w:0)
	/// Storage: `MultiChildPoints::Reports` (r:1 w:1)
	/// Storage: `PolicyFunds::Programs` (r:2 w:0)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Storage: `Assets::Asset` (r:1 w:1)
	/// Storage: `Assets::Account` (r:2 w:2)
	/// Storage: `System::Account` (r:1 w:1)
	/// Storage: `PolicyFunds::Reports` (r:1 w:1)
	fn top_up() -> Weight {
		// Proof size summary in bytes:
		//  Measured:  `placeholder`
		//  Estimated: `6208`
		// Placeholder: policy funds' `fund` (90_575_000).
		Weight::from_parts(90_575_000, 6208)
			.saturating_add(T::DbWeight::get().reads(11_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	/// Storage: `MultiChildPoints::Schemes` (r:1 w:1)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	fn close_applications() -> Weight {
		// Proof size summary in bytes:
		//  Measured:  `placeholder`
		//  Estimated: `4093`
		// Placeholder: policy funds' `set_officers` (20_490_000).
		Weight::from_parts(20_490_000, 4093)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `MultiChildPoints::Treasury` (r:0 w:1)
	fn set_treasury() -> Weight {
		// Proof size summary in bytes:
		//  Measured:  `placeholder`
		//  Estimated: `0`
		// Placeholder: policy funds' `add_category` (8_783_000).
		Weight::from_parts(8_783_000, 0)
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `CitizenId::CitizenOf` (r:1 w:0)
	/// Storage: `CitizenId::Citizens` (r:1 w:0)
	/// Storage: `CitizenId::Issuers` (r:2 w:0)
	/// Storage: `CitizenId::Claims` (r:2 w:0)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Storage: `MultiChildPoints::Schemes` (r:1 w:0)
	/// Storage: `MultiChildPoints::GrantedCitizens` (r:1 w:1)
	/// Storage: `MultiChildPoints::Grants` (r:1 w:1)
	/// Storage: `MultiChildPoints::Reports` (r:1 w:1)
	/// Storage: `PolicyFunds::Programs` (r:1 w:0)
	/// Storage: `PolicyFunds::Reports` (r:1 w:1)
	/// Storage: `PolicyFunds::Vouchers` (r:1 w:1)
	fn apply() -> Weight {
		// Proof size summary in bytes:
		//  Measured:  `placeholder`
		//  Estimated: `8751`
		// Placeholder: policy funds' `apply` (123_694_000).
		Weight::from_parts(123_694_000, 8751)
			.saturating_add(T::DbWeight::get().reads(16_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
}

/// The same weights with ParityDB's database weights, for tests and mocks.
impl WeightInfo for () {
	fn open_scheme() -> Weight {
		Weight::from_parts(202_692_000, 42894)
			.saturating_add(ParityDbWeight::get().reads(28_u64))
			.saturating_add(ParityDbWeight::get().writes(11_u64))
	}
	fn top_up() -> Weight {
		Weight::from_parts(90_575_000, 6208)
			.saturating_add(ParityDbWeight::get().reads(11_u64))
			.saturating_add(ParityDbWeight::get().writes(6_u64))
	}
	fn close_applications() -> Weight {
		Weight::from_parts(20_490_000, 4093)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn set_treasury() -> Weight {
		Weight::from_parts(8_783_000, 0)
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn apply() -> Weight {
		Weight::from_parts(123_694_000, 8751)
			.saturating_add(ParityDbWeight::get().reads(16_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
	}
}
