//! Box-office JSON-RPC methods of the youth culture pass.
//!
//! - `youthPass_passStatus(account, roundId, at?)`: the pass of the citizen bound to `account`
//!   in a round, as the box office checks it before a show: face, balance left, bookings.
//! - `youthPass_entryStatus(roundId, account, at?)`: a lottery entry: tier, index, counts, and
//!   once the draw has its seed the rank and waitlist position; the pass; a live offer.
//! - `youthPass_round(roundId, at?)`: a round's terms, phase, counts and places left.
//!
//! `at` is a block hash; without it, the best block answers. Each request is one runtime call
//! (a second one only to name the error when the first finds nothing).
//!
//! Errors (JSON-RPC error objects; the node keeps serving):
//!
//! | code | when |
//! |---|---|
//! | `7300` | the runtime could not answer |
//! | `7301` | `youthPass_passStatus`: the citizen holds no pass in this round (or the account is bound to no citizen) |
//! | `7302` | no such round |
//! | `7303` | `youthPass_entryStatus`: no entry of this citizen in the round |
//! | `-32602` | malformed input (a bad account, number or hash), or more parameters than the method takes |

use std::sync::Arc;

use citizen_rpc_common::{error, NoMoreParams, Query};
use codec::Codec;
use jsonrpsee::{core::RpcResult, proc_macros::rpc, types::error::ErrorObjectOwned};
use pallet_youth_culture_pass_runtime_api::{EntryStatus, PassStatus, RoundId, RoundView};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_runtime::traits::Block as BlockT;

pub use pallet_youth_culture_pass_runtime_api::YouthCulturePassApi as YouthCulturePassRuntimeApi;

/// Error codes of this module (application range), and the JSON-RPC one it uses.
pub mod error_code {
	/// The runtime could not answer.
	pub const RUNTIME: i32 = 7300;
	/// No pass of this citizen in the round.
	pub const NO_PASS: i32 = 7301;
	/// No such round.
	pub const UNKNOWN_ROUND: i32 = 7302;
	/// No entry of this citizen in the round.
	pub const NO_ENTRY: i32 = 7303;
	/// Malformed input or too many parameters (JSON-RPC's `INVALID_PARAMS`).
	pub const INVALID_PARAMS: i32 = citizen_rpc_common::INVALID_PARAMS;
}

#[rpc(client, server)]
pub trait YouthCulturePassRpc<BlockHash, AccountId, Balance> {
	/// The pass of the citizen bound to `account` in `round_id`. `too_many` must be absent.
	#[method(name = "youthPass_passStatus")]
	fn pass_status(
		&self,
		account: AccountId,
		round_id: RoundId,
		at: Option<BlockHash>,
		too_many: Option<NoMoreParams>,
	) -> RpcResult<PassStatus<Balance>>;

	/// The lottery entry of the citizen bound to `account` in `round_id`. `too_many` must be
	/// absent.
	#[method(name = "youthPass_entryStatus")]
	fn entry_status(
		&self,
		round_id: RoundId,
		account: AccountId,
		at: Option<BlockHash>,
		too_many: Option<NoMoreParams>,
	) -> RpcResult<EntryStatus<Balance>>;

	/// A round's terms, phase, counts and places left. `too_many` must be absent.
	#[method(name = "youthPass_round")]
	fn round(
		&self,
		round_id: RoundId,
		at: Option<BlockHash>,
		too_many: Option<NoMoreParams>,
	) -> RpcResult<RoundView<Balance>>;
}

/// The RPC handler, over a client that serves `YouthCulturePassApi`.
pub struct YouthCulturePassRpcHandler<C, Block> {
	client: Arc<C>,
	_marker: std::marker::PhantomData<Block>,
}

impl<C, Block> YouthCulturePassRpcHandler<C, Block> {
	pub fn new(client: Arc<C>) -> Self {
		Self { client, _marker: Default::default() }
	}
}

fn unknown_round(round_id: RoundId) -> ErrorObjectOwned {
	error(error_code::UNKNOWN_ROUND, format!("no round {round_id}"))
}

impl<C, Block> Query<Block, C> for YouthCulturePassRpcHandler<C, Block>
where
	Block: BlockT,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block>,
{
	const RUNTIME_ERROR: i32 = error_code::RUNTIME;
	fn client(&self) -> &Arc<C> {
		&self.client
	}
}

impl<C, Block, AccountId, Balance>
	YouthCulturePassRpcServer<<Block as BlockT>::Hash, AccountId, Balance>
	for YouthCulturePassRpcHandler<C, Block>
where
	Block: BlockT,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: YouthCulturePassRuntimeApi<Block, AccountId, Balance>,
	AccountId: Codec + Clone + Send + Sync + 'static + serde::de::DeserializeOwned,
	Balance: Codec + Clone + Send + Sync + 'static + serde::Serialize,
{
	fn pass_status(
		&self,
		account: AccountId,
		round_id: RoundId,
		at: Option<Block::Hash>,
		_too_many: Option<NoMoreParams>,
	) -> RpcResult<PassStatus<Balance>> {
		if let Some(status) = self.query(at, |api, at| api.pass_status(at, account, round_id))? {
			return Ok(status);
		}
		// Only on the error path: which error.
		if self.query(at, |api, at| api.round(at, round_id))?.is_none() {
			return Err(unknown_round(round_id));
		}
		Err(error(error_code::NO_PASS, format!("no pass of this citizen in round {round_id}")))
	}

	fn entry_status(
		&self,
		round_id: RoundId,
		account: AccountId,
		at: Option<Block::Hash>,
		_too_many: Option<NoMoreParams>,
	) -> RpcResult<EntryStatus<Balance>> {
		if let Some(status) = self.query(at, |api, at| api.entry_status(at, round_id, account))? {
			return Ok(status);
		}
		if self.query(at, |api, at| api.round(at, round_id))?.is_none() {
			return Err(unknown_round(round_id));
		}
		Err(error(error_code::NO_ENTRY, format!("no entry of this citizen in round {round_id}")))
	}

	fn round(
		&self,
		round_id: RoundId,
		at: Option<Block::Hash>,
		_too_many: Option<NoMoreParams>,
	) -> RpcResult<RoundView<Balance>> {
		self.query(at, |api, at| api.round(at, round_id))?.ok_or_else(|| unknown_round(round_id))
	}
}
