//! Merchant-facing JSON-RPC methods of the policy funds.
//!
//! - `funds_voucherBalance(account, programId, at?)`: what the citizen behind `account` can
//!   spend under a program now.
//! - `funds_canAccept(merchant, citizenAccount, amount, at?)`: may this merchant take `amount`
//!   from the citizen's vouchers, and from which program?
//! - `funds_programReport(programId, at?)`: budget, allocated, spent, returned, citizens served,
//!   with spending by category.
//!
//! Unknown accounts, programs or malformed input are JSON-RPC errors; the node keeps serving.

use std::sync::Arc;

use codec::Codec;
use jsonrpsee::{
	core::RpcResult,
	proc_macros::rpc,
	types::error::{ErrorObject, ErrorObjectOwned},
};
use pallet_policy_funds_runtime_api::{AcceptVerdict, MerchantCategory, ProgramId, ProgramReport};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_runtime::traits::Block as BlockT;

pub use pallet_policy_funds_runtime_api::PolicyFundsApi as PolicyFundsRuntimeApi;

/// Error codes of this module (application range).
pub mod error_code {
	/// The runtime could not answer.
	pub const RUNTIME: i32 = 7100;
	/// The account is not bound to an active citizen.
	pub const NOT_A_CITIZEN: i32 = 7101;
	/// No such program.
	pub const UNKNOWN_PROGRAM: i32 = 7102;
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
	/// What the citizen behind `account` can spend under `program_id` now.
	#[method(name = "funds_voucherBalance")]
	fn voucher_balance(
		&self,
		account: AccountId,
		program_id: ProgramId,
		at: Option<BlockHash>,
	) -> RpcResult<Balance>;

	/// May `merchant` take `amount` from the vouchers of the citizen behind `citizen_account`?
	#[method(name = "funds_canAccept")]
	fn can_accept(
		&self,
		merchant: AccountId,
		citizen_account: AccountId,
		amount: Balance,
		at: Option<BlockHash>,
	) -> RpcResult<AcceptVerdict<Balance>>;

	/// A program's counters and its spending by category.
	#[method(name = "funds_programReport")]
	fn program_report(
		&self,
		program_id: ProgramId,
		at: Option<BlockHash>,
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

fn error(code: i32, message: impl Into<String>) -> ErrorObjectOwned {
	ErrorObject::owned(code, message.into(), None::<()>)
}

fn runtime_error(e: sp_api::ApiError) -> ErrorObjectOwned {
	error(error_code::RUNTIME, format!("the runtime could not answer: {e}"))
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
	) -> RpcResult<Balance> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let api = self.client.runtime_api();
		if api.program_report(at, program_id).map_err(runtime_error)?.is_none() {
			return Err(error(error_code::UNKNOWN_PROGRAM, format!("no program {program_id}")));
		}
		api.voucher_balance(at, account, program_id)
			.map_err(runtime_error)?
			.ok_or_else(|| error(error_code::NOT_A_CITIZEN, "account is not an active citizen"))
	}

	fn can_accept(
		&self,
		merchant: AccountId,
		citizen_account: AccountId,
		amount: Balance,
		at: Option<Block::Hash>,
	) -> RpcResult<AcceptVerdict<Balance>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		self.client
			.runtime_api()
			.can_accept(at, merchant, citizen_account, amount)
			.map_err(runtime_error)
	}

	fn program_report(
		&self,
		program_id: ProgramId,
		at: Option<Block::Hash>,
	) -> RpcResult<ReportWithCategories<Balance>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let api = self.client.runtime_api();
		let report =
			api.program_report(at, program_id).map_err(runtime_error)?.ok_or_else(|| {
				error(error_code::UNKNOWN_PROGRAM, format!("no program {program_id}"))
			})?;
		let spend_by_category = api.spend_by_category(at, program_id).map_err(runtime_error)?;
		Ok(ReportWithCategories { report, spend_by_category })
	}
}
