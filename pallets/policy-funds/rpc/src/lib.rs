//! Merchant-facing JSON-RPC methods of the policy funds.
//!
//! - `funds_voucherBalance(account, programId, at?)`: the voucher of the citizen bound to
//!   `account` under a program, as the wallet shows it:
//!   `{program, balance, frozen, expiresAt, citizenSuspended}`. A suspended citizen (e.g. a lost
//!   phone being recovered) still reads it, with `citizenSuspended: true`; a program where the
//!   citizen holds no voucher reads as balance `0`, not frozen.
//! - `funds_canAccept(merchant, citizenAccount, amount, at?)`: may this merchant take `amount`
//!   from the citizen's vouchers, and from which program?
//!   `{accepted, program, usable, refusal}`, where `refusal` is `null` when accepted, else one
//!   of `NotAMerchant`, `MerchantSuspended`, `NotACitizen`, `CitizenSuspended`, `SelfPayment`,
//!   `InsufficientBalance`, `VoucherFrozen`, `MerchantPaused`, `CategoryNotAllowed`,
//!   `ProgramExpired`, `NoVoucher` (in the order they are judged: the first that holds is
//!   named, see `pallet_policy_funds::Refusal`).
//! - `funds_programReport(programId, at?)`: budget, allocated, spent, returned, citizens served,
//!   with spending by category.
//!
//! `at` is a block hash; without it, the best block answers.
//!
//! Errors (JSON-RPC error objects; the node keeps serving):
//!
//! | code | when |
//! |---|---|
//! | `7100` | the runtime could not answer |
//! | `7101` | `funds_voucherBalance`: the account is bound to no citizen (never registered, or deregistered) |
//! | `7102` | `funds_voucherBalance`, `funds_programReport`: no such program |
//! | `-32602` | malformed input (a bad account, number or hash), or more parameters than the method takes |
//!
//! Parameters are positional or named. Each method takes a trailing `too_many` parameter that
//! must be absent ([`NoMoreParams`]): a value in that position (one parameter too many) is
//! refused with `-32602` rather than silently ignored. (JSON-RPC reads a trailing `null` as
//! absent.)

use std::sync::Arc;

use citizen_rpc_common::{error, NoMoreParams, Query};
use codec::Codec;
use jsonrpsee::{core::RpcResult, proc_macros::rpc, types::error::ErrorObjectOwned};
use pallet_policy_funds_runtime_api::{
	AcceptVerdict, MerchantCategory, ProgramId, ProgramReport, VoucherView,
};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_runtime::traits::Block as BlockT;

pub use pallet_policy_funds_runtime_api::PolicyFundsApi as PolicyFundsRuntimeApi;

/// Error codes of this module (application range), and the JSON-RPC one it uses.
pub mod error_code {
	/// The runtime could not answer.
	pub const RUNTIME: i32 = 7100;
	/// The account is bound to no citizen (never registered, or deregistered).
	pub const NOT_A_CITIZEN: i32 = 7101;
	/// No such program.
	pub const UNKNOWN_PROGRAM: i32 = 7102;
	/// Malformed input or too many parameters (JSON-RPC's `INVALID_PARAMS`).
	pub const INVALID_PARAMS: i32 = citizen_rpc_common::INVALID_PARAMS;
}

/// A program report with its spending by category.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportWithCategories<Balance> {
	#[serde(flatten)]
	pub report: ProgramReport<Balance>,
	pub spend_by_category: Vec<(MerchantCategory, Balance)>,
}

#[rpc(client, server)]
pub trait PolicyFundsRpc<BlockHash, AccountId, Balance> {
	/// The voucher of the citizen bound to `account` under `program_id`, as the wallet shows
	/// it. `too_many` must be absent.
	#[method(name = "funds_voucherBalance")]
	fn voucher_balance(
		&self,
		account: AccountId,
		program_id: ProgramId,
		at: Option<BlockHash>,
		too_many: Option<NoMoreParams>,
	) -> RpcResult<VoucherView<Balance>>;

	/// May `merchant` take `amount` from the vouchers of the citizen behind `citizen_account`?
	/// `too_many` must be absent.
	#[method(name = "funds_canAccept")]
	fn can_accept(
		&self,
		merchant: AccountId,
		citizen_account: AccountId,
		amount: Balance,
		at: Option<BlockHash>,
		too_many: Option<NoMoreParams>,
	) -> RpcResult<AcceptVerdict<Balance>>;

	/// A program's counters and its spending by category. `too_many` must be absent.
	#[method(name = "funds_programReport")]
	fn program_report(
		&self,
		program_id: ProgramId,
		at: Option<BlockHash>,
		too_many: Option<NoMoreParams>,
	) -> RpcResult<ReportWithCategories<Balance>>;
}

/// The RPC handler, over a client that serves `PolicyFundsApi`.
pub struct PolicyFundsRpcHandler<C, Block, Terms> {
	client: Arc<C>,
	_marker: std::marker::PhantomData<(Block, Terms)>,
}

impl<C, Block, Terms> PolicyFundsRpcHandler<C, Block, Terms> {
	pub fn new(client: Arc<C>) -> Self {
		Self { client, _marker: Default::default() }
	}
}

fn unknown_program(program_id: ProgramId) -> ErrorObjectOwned {
	error(error_code::UNKNOWN_PROGRAM, format!("no program {program_id}"))
}

impl<C, Block, Terms> Query<Block, C> for PolicyFundsRpcHandler<C, Block, Terms>
where
	Block: BlockT,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block>,
{
	const RUNTIME_ERROR: i32 = error_code::RUNTIME;
	fn client(&self) -> &Arc<C> {
		&self.client
	}
}

impl<C, Block, AccountId, Balance, Terms>
	PolicyFundsRpcServer<<Block as BlockT>::Hash, AccountId, Balance>
	for PolicyFundsRpcHandler<C, Block, Terms>
where
	Block: BlockT,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: PolicyFundsRuntimeApi<Block, AccountId, Balance, Terms>,
	AccountId:
		Codec + Clone + Send + Sync + 'static + serde::Serialize + serde::de::DeserializeOwned,
	Balance: Codec + Clone + Send + Sync + 'static + serde::Serialize + serde::de::DeserializeOwned,
	Terms: Codec + Send + Sync + 'static,
{
	fn voucher_balance(
		&self,
		account: AccountId,
		program_id: ProgramId,
		at: Option<Block::Hash>,
		_too_many: Option<NoMoreParams>,
	) -> RpcResult<VoucherView<Balance>> {
		let (exists, view) = self.query(at, |api, at| {
			let exists = api.program_report(at, program_id)?.is_some();
			Ok((exists, if exists { api.voucher_balance(at, account, program_id)? } else { None }))
		})?;
		if !exists {
			return Err(unknown_program(program_id));
		}
		view.ok_or_else(|| error(error_code::NOT_A_CITIZEN, "the account is bound to no citizen"))
	}

	fn can_accept(
		&self,
		merchant: AccountId,
		citizen_account: AccountId,
		amount: Balance,
		at: Option<Block::Hash>,
		_too_many: Option<NoMoreParams>,
	) -> RpcResult<AcceptVerdict<Balance>> {
		self.query(at, |api, at| api.can_accept(at, merchant, citizen_account, amount))
	}

	fn program_report(
		&self,
		program_id: ProgramId,
		at: Option<Block::Hash>,
		_too_many: Option<NoMoreParams>,
	) -> RpcResult<ReportWithCategories<Balance>> {
		let (report, spend_by_category) = self.query(at, |api, at| {
			Ok((api.program_report(at, program_id)?, api.spend_by_category(at, program_id)?))
		})?;
		let report = report.ok_or_else(|| unknown_program(program_id))?;
		Ok(ReportWithCategories { report, spend_by_category })
	}
}
