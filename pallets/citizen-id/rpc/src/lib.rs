//! Merchant-facing JSON-RPC methods of the digital citizen ID.
//!
//! - `citizen_verifyClaim(account, claimKind, at?)`: is the claim of kind `claimKind`
//!   (`"Resident"`, `"YouthAgeBand"`, `"MultiChildHousehold"`) held by the citizen behind
//!   `account` (SS58) valid now? Answers status, issuer, validity window and public value.
//! - `citizen_credentialStatus(digest, at?)`: the status of an anchored credential.
//!
//! Parameters are positional (or named): `account` an SS58 address, `claimKind` the variant
//! name, `digest` 32 bytes as `0x`-hex, `at` an optional block hash (default: the best block).
//!
//! Errors, each with a message a person can read (the node keeps serving):
//!
//! | code | meaning |
//! |---|---|
//! | `7000` | the runtime could not answer (e.g. `at` is an unknown or pruned block) |
//! | `7001` | the account is bound to no citizen ID (never registered, deregistered, or rebound away) |
//! | `7002` | the citizen holds no claim of that kind |
//! | `7003` | nothing is anchored under the digest |
//! | `-32602` | malformed or missing parameters, or more parameters than the method takes |
//!
//! A suspended citizen is not an error: the verdict's `status` says `Suspended`.

use std::sync::Arc;

use citizen_rpc_common::{error, NoMoreParams, Query};
use codec::Codec;
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use pallet_citizen_id_runtime_api::{ClaimKind, ClaimVerdict, CredentialVerdict};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::H256;
use sp_runtime::traits::Block as BlockT;

pub use pallet_citizen_id_runtime_api::CitizenIdApi as CitizenIdRuntimeApi;

/// Error codes of this module (application range).
pub mod error_code {
	/// The runtime could not answer.
	pub const RUNTIME: i32 = 7000;
	/// The account is not bound to a citizen ID.
	pub const NOT_A_CITIZEN: i32 = 7001;
	/// The citizen holds no claim of the asked kind.
	pub const NO_SUCH_CLAIM: i32 = 7002;
	/// Nothing is anchored under the digest.
	pub const UNKNOWN_CREDENTIAL: i32 = 7003;
}

#[rpc(client, server)]
pub trait CitizenIdRpc<BlockHash, AccountId> {
	/// Is the claim of `claim_kind` held by the citizen behind `account` valid now?
	/// `too_many` must be absent.
	#[method(name = "citizen_verifyClaim")]
	fn verify_claim(
		&self,
		account: AccountId,
		claim_kind: ClaimKind,
		at: Option<BlockHash>,
		too_many: Option<NoMoreParams>,
	) -> RpcResult<ClaimVerdict<AccountId>>;

	/// Is the credential anchored under `digest` valid now? `too_many` must be absent.
	#[method(name = "citizen_credentialStatus")]
	fn credential_status(
		&self,
		digest: H256,
		at: Option<BlockHash>,
		too_many: Option<NoMoreParams>,
	) -> RpcResult<CredentialVerdict<AccountId>>;
}

/// The RPC handler, over a client that serves `CitizenIdApi`.
pub struct CitizenIdRpcHandler<C, Block> {
	client: Arc<C>,
	_marker: std::marker::PhantomData<Block>,
}

impl<C, Block> CitizenIdRpcHandler<C, Block> {
	pub fn new(client: Arc<C>) -> Self {
		Self { client, _marker: Default::default() }
	}
}

impl<C, Block> Query<Block, C> for CitizenIdRpcHandler<C, Block>
where
	Block: BlockT,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block>,
{
	const RUNTIME_ERROR: i32 = error_code::RUNTIME;
	fn client(&self) -> &Arc<C> {
		&self.client
	}
}

impl<C, Block, AccountId> CitizenIdRpcServer<<Block as BlockT>::Hash, AccountId>
	for CitizenIdRpcHandler<C, Block>
where
	Block: BlockT,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: CitizenIdRuntimeApi<Block, AccountId>,
	AccountId:
		Codec + Clone + Send + Sync + 'static + serde::Serialize + serde::de::DeserializeOwned,
{
	fn verify_claim(
		&self,
		account: AccountId,
		claim_kind: ClaimKind,
		at: Option<Block::Hash>,
		_too_many: Option<NoMoreParams>,
	) -> RpcResult<ClaimVerdict<AccountId>> {
		let (citizen, verdict) = self.query(at, |api, at| {
			let citizen = api.citizen_of(at, account.clone())?;
			let verdict = if citizen.is_some() {
				api.verify_account_claim(at, account, claim_kind)?
			} else {
				None
			};
			Ok((citizen, verdict))
		})?;
		if citizen.is_none() {
			return Err(error(error_code::NOT_A_CITIZEN, "account is not a registered citizen"));
		}
		verdict.ok_or_else(|| {
			error(error_code::NO_SUCH_CLAIM, format!("citizen holds no {claim_kind:?} claim"))
		})
	}

	fn credential_status(
		&self,
		digest: H256,
		at: Option<Block::Hash>,
		_too_many: Option<NoMoreParams>,
	) -> RpcResult<CredentialVerdict<AccountId>> {
		self.query(at, |api, at| api.credential_status(at, digest))?.ok_or_else(|| {
			error(error_code::UNKNOWN_CREDENTIAL, "no credential is anchored under this digest")
		})
	}
}
