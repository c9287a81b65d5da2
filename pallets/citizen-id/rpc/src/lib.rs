//! Merchant-facing JSON-RPC methods of the digital citizen ID.
//!
//! - `citizen_verifyClaim(account, claimKind, at?)`: is the claim of kind `claimKind`
//!   (`"Resident"`, `"YouthAgeBand"`, `"MultiChildHousehold"`) held by the citizen behind
//!   `account` (SS58) valid now? Answers status, issuer, validity window and public value.
//! - `citizen_credentialStatus(digest, at?)`: the status of an anchored credential.
//!
//! An unknown account, an unknown digest or malformed input is a JSON-RPC error with a message
//! a person can read; the node keeps serving.

use std::sync::Arc;

use codec::Codec;
use jsonrpsee::{
	core::RpcResult,
	proc_macros::rpc,
	types::error::{ErrorObject, ErrorObjectOwned},
};
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
	#[method(name = "citizen_verifyClaim")]
	fn verify_claim(
		&self,
		account: AccountId,
		claim_kind: ClaimKind,
		at: Option<BlockHash>,
	) -> RpcResult<ClaimVerdict<AccountId>>;

	/// Is the credential anchored under `digest` valid now?
	#[method(name = "citizen_credentialStatus")]
	fn credential_status(
		&self,
		digest: H256,
		at: Option<BlockHash>,
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

fn error(code: i32, message: impl Into<String>) -> ErrorObjectOwned {
	ErrorObject::owned(code, message.into(), None::<()>)
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
	) -> RpcResult<ClaimVerdict<AccountId>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let api = self.client.runtime_api();
		let runtime_error = |e: sp_api::ApiError| {
			error(error_code::RUNTIME, format!("the runtime could not answer: {e}"))
		};
		if api.citizen_of(at, account.clone()).map_err(runtime_error)?.is_none() {
			return Err(error(error_code::NOT_A_CITIZEN, "account is not a registered citizen"));
		}
		api.verify_account_claim(at, account, claim_kind).map_err(runtime_error)?.ok_or_else(|| {
			error(error_code::NO_SUCH_CLAIM, format!("citizen holds no {claim_kind:?} claim"))
		})
	}

	fn credential_status(
		&self,
		digest: H256,
		at: Option<Block::Hash>,
	) -> RpcResult<CredentialVerdict<AccountId>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		self.client
			.runtime_api()
			.credential_status(at, digest)
			.map_err(|e| error(error_code::RUNTIME, format!("the runtime could not answer: {e}")))?
			.ok_or_else(|| {
				error(error_code::UNKNOWN_CREDENTIAL, "no credential is anchored under this digest")
			})
	}
}
