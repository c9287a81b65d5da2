//! Runtime API of the policy funds: what wallets, merchants and the city's dashboards ask.
//!
//! Callable from polkadot.js as `api.call.policyFundsApi.<method>`, with every type described
//! in the runtime metadata.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
pub use pallet_policy_funds::{
	AcceptVerdict, CitizenId, MerchantCategory, ProgramId, ProgramReport, ProgramStatus,
	ProgramTerms, Refusal, VoucherView,
};

sp_api::decl_runtime_apis! {
	/// Programs, vouchers and reports, answered at the queried block.
	pub trait PolicyFundsApi<AccountId, Balance, Terms> where
		AccountId: Codec,
		Balance: Codec,
		Terms: Codec,
	{
		/// Programs `[start, start + limit)` (at most 100): id, terms, status, whether expired.
		fn programs(start: ProgramId, limit: u32) -> Vec<(ProgramId, Terms, ProgramStatus, bool)>;
		/// The vouchers of the citizen `account` acts for, in programs `[start, start + limit)`.
		fn vouchers_of(account: AccountId, start: ProgramId, limit: u32) -> Vec<VoucherView<Balance>>;
		/// What the citizen `account` acts for can spend under `program` now.
		fn voucher_balance(account: AccountId, program: ProgramId) -> Option<Balance>;
		/// Can `merchant` take `amount` from the vouchers of the citizen `account` acts for?
		fn can_accept(merchant: AccountId, account: AccountId, amount: Balance) -> AcceptVerdict<Balance>;
		/// A program's counters, as of now.
		fn program_report(program: ProgramId) -> Option<ProgramReport<Balance>>;
		/// A program's spending by merchant category.
		fn spend_by_category(program: ProgramId) -> Vec<(MerchantCategory, Balance)>;
	}
}
