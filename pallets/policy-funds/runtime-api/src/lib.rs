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
	ProgramTerms, Refusal, ReportAndSpending, VoucherLookupError, VoucherView,
};

/// The most queries [`PolicyFundsApi::can_accept_many`] answers in one call (the runtime
/// answers no more; the RPC refuses a longer batch with `-32602`).
pub const MAX_ACCEPT_BATCH: u32 = 1_000;

sp_api::decl_runtime_apis! {
	/// Programs, vouchers and reports, answered at the queried block.
	///
	/// Version 2: `voucher_balance` answers a [`VoucherView`] (also for a suspended citizen,
	/// and for a program where the citizen holds no voucher) instead of a bare balance;
	/// `VoucherView` gained `citizen_suspended`; [`Refusal`] gained variants (appended) and
	/// `NoUsableVoucher` became `NoVoucher`.
	///
	/// Version 3 (storage version 2 of the pallet): [`ProgramReport`] gained `held` (appended:
	/// what is set aside for bookings); in [`ProgramTerms`] the name is `{ko, en}` and the
	/// required claims and categories are sets (encoded like sorted lists); service programs
	/// (opened by another pallet) have a zero grant and an empty application window.
	///
	/// Version 4 (storage version 3 of the pallet): each merchant or wallet question in one
	/// call — [`Self::voucher_of`] (the voucher view, or why there is none),
	/// [`Self::report_with_categories`] (the report with its spending by category) and
	/// [`Self::can_accept_many`] (a batch of `can_accept`, at most [`MAX_ACCEPT_BATCH`]). The
	/// methods of version 3 are unchanged.
	#[api_version(4)]
	pub trait PolicyFundsApi<AccountId, Balance, Terms> where
		AccountId: Codec,
		Balance: Codec,
		Terms: Codec,
	{
		/// Programs `[start, start + limit)` (at most 100): id, terms, status, whether finished
		/// (expired, ended, or closed with nothing outstanding).
		fn programs(start: ProgramId, limit: u32) -> Vec<(ProgramId, Terms, ProgramStatus, bool)>;
		/// The vouchers of the citizen bound to `account` (suspended or not, marked
		/// `citizen_suspended`), in programs `[start, start + limit)` (at most 100); empty when
		/// the account is bound to no citizen.
		fn vouchers_of(account: AccountId, start: ProgramId, limit: u32) -> Vec<VoucherView<Balance>>;
		/// The voucher under `program` of the citizen bound to `account`, as the wallet shows
		/// it: balance (zero after the spending window, or when the citizen holds no voucher
		/// there), frozen, expiry, and whether the citizen is suspended. `None` only when the
		/// account is bound to no citizen (never registered or deregistered) or there is no
		/// such program.
		fn voucher_balance(account: AccountId, program: ProgramId) -> Option<VoucherView<Balance>>;
		/// Can `merchant` take `amount` from the vouchers of the citizen `account` acts for?
		/// When not, [`Refusal`] says why.
		fn can_accept(merchant: AccountId, account: AccountId, amount: Balance) -> AcceptVerdict<Balance>;
		/// A program's counters, as of now (`free + outstanding + held` is in its account).
		fn program_report(program: ProgramId) -> Option<ProgramReport<Balance>>;
		/// A program's spending by merchant category, by category.
		fn spend_by_category(program: ProgramId) -> Vec<(MerchantCategory, Balance)>;
		/// As [`Self::voucher_balance`], saying why there is no view: `UnknownProgram`
		/// (judged first) or `NotACitizen`.
		#[api_version(4)]
		fn voucher_of(account: AccountId, program: ProgramId) -> Result<VoucherView<Balance>, VoucherLookupError>;
		/// [`Self::program_report`] and [`Self::spend_by_category`] together; `None` for an
		/// unknown program.
		#[api_version(4)]
		fn report_with_categories(program: ProgramId) -> Option<ReportAndSpending<Balance>>;
		/// [`Self::can_accept`] for each `(merchant, account, amount)`, in order; at most
		/// [`MAX_ACCEPT_BATCH`] are answered.
		#[api_version(4)]
		fn can_accept_many(queries: Vec<(AccountId, AccountId, Balance)>) -> Vec<AcceptVerdict<Balance>>;
	}
}
