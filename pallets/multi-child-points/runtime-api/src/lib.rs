//! Runtime API of the multi-child education points: what guardians' wallets and the city's
//! dashboards ask.
//!
//! Callable from polkadot.js as `api.call.multiChildPointsApi.<method>`, with every type
//! described in the runtime metadata.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
pub use pallet_multi_child_points::{
	CitizenId, GrantView, HouseholdStatus, NameView, ProgramId, Refusal, SchemePhase,
	SchemeReportView, SchemeView, Tier, TierReport, Year,
};
pub use sp_core::H256;

sp_api::decl_runtime_apis! {
	/// Schemes, households, quotes and reports, answered at the queried block.
	pub trait MultiChildPointsApi<AccountId, Balance> where
		AccountId: Codec,
		Balance: Codec,
	{
		/// Every scheme, by year, with its phase now (upcoming, open, closed, expired).
		fn schemes() -> Vec<SchemeView<Balance>>;
		/// `household`'s standing in `year`'s scheme: not granted, or granted to which
		/// guardian (citizen ID), which tier, how much, and the balance left now (zero once
		/// forfeited at `spend_until`). `None` when the year has no scheme.
		fn household_status(year: Year, household: H256) -> Option<HouseholdStatus<Balance>>;
		/// What the citizen `account` acts for would receive by applying for `year` now, or
		/// the [`Refusal`] `apply` would fail with (the error of the same name).
		fn quote(account: AccountId, year: Year) -> Result<Balance, Refusal>;
		/// `year`'s report: households per tier, points granted, what the treasury put in,
		/// the free budget now, and the policy-funds program (join `PolicyFundsApi`'s
		/// `program_report` and `spend_by_category` for spending by category and forfeits).
		fn report(year: Year) -> Option<SchemeReportView<Balance>>;
	}
}
