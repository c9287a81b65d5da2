//! Merchant-facing JSON-RPC methods of the digital citizen ID.
//!
//! - `citizen_verifyClaim(account, claimKind, at?)`: is the claim of kind `claimKind`
//!   (`"Resident"`, `"YouthAgeBand"`, `"MultiChildHousehold"`) held by the citizen behind
//!   `account` (SS58) valid now? Answers status, issuer, validity window and public value.
//! - `citizen_verifyClaims(accounts, claimKind, at?)`: the same for up to
//!   [`MAX_CLAIM_QUERIES`] (1,000) accounts at once, for back offices and kiosks: an array in
//!   the order of `accounts`, each element the verdict `citizen_verifyClaim` would answer or,
//!   where it would answer an error, `{"error": {"code", "message"}}` with that error's code
//!   (`7001`, `7002`). A longer list is refused with `-32602`; an empty one answers `[]`.
//! - `citizen_credentialStatus(digest, at?)`: the status of an anchored credential.
//!
//! Parameters are positional (or named): `account` an SS58 address, `accounts` a JSON array of
//! them, `claimKind` the variant name, `digest` 32 bytes as `0x`-hex, `at` an optional block
//! hash (default: the best block).
//!
//! Every method answers with one runtime call (runtime API `CitizenIdApi` version 2:
//! `account_claim`, `verify_claims`, `credential_status`), so a request costs what the wasm
//! call costs. Against a runtime that only has version 1 (before its upgrade) the claim methods
//! fall back to version 1's methods, two runtime calls an account.
//!
//! Errors, each with a message a person can read (the node keeps serving):
//!
//! | code | meaning |
//! |---|---|
//! | `7000` | the runtime could not answer (e.g. `at` is an unknown or pruned block) |
//! | `7001` | the account is bound to no citizen ID (never registered, deregistered, or rebound away) |
//! | `7002` | the citizen holds no claim of that kind |
//! | `7003` | nothing is anchored under the digest |
//! | `-32602` | malformed or missing parameters, more parameters than the method takes, or more than 1,000 accounts |
//!
//! A suspended citizen is not an error: the verdict's `status` says `Suspended`.

use std::sync::Arc;

use citizen_rpc_common::{error, NoMoreParams, Query};
use codec::Codec;
use jsonrpsee::{core::RpcResult, proc_macros::rpc, types::error::ErrorObjectOwned};
use pallet_citizen_id_runtime_api::{ClaimKind, ClaimRefusal, ClaimVerdict, CredentialVerdict};
use sp_api::{ApiExt, ApiRef, ProvideRuntimeApi};
use sp_blockchain::HeaderBackend;
use sp_core::H256;
use sp_runtime::traits::Block as BlockT;

pub use pallet_citizen_id_runtime_api::{CitizenIdApi as CitizenIdRuntimeApi, MAX_CLAIM_QUERIES};

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
	/// Malformed input, too many parameters, or too many accounts (JSON-RPC's
	/// `INVALID_PARAMS`).
	pub const INVALID_PARAMS: i32 = citizen_rpc_common::INVALID_PARAMS;
}

/// The error of `citizen_verifyClaim` for `refusal`: its code and message.
fn refusal_error(refusal: ClaimRefusal, kind: ClaimKind) -> RefusalError {
	match refusal {
		ClaimRefusal::NotACitizen => RefusalError {
			code: error_code::NOT_A_CITIZEN,
			message: "account is not a registered citizen".into(),
		},
		ClaimRefusal::NoSuchClaim => RefusalError {
			code: error_code::NO_SUCH_CLAIM,
			message: format!("citizen holds no {kind:?} claim"),
		},
	}
}

/// Why one account of `citizen_verifyClaims` has no verdict: what `citizen_verifyClaim` would
/// answer as its error object.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RefusalError {
	/// `7001` or `7002`.
	pub code: i32,
	/// A message a person can read.
	pub message: String,
}

impl From<RefusalError> for ErrorObjectOwned {
	fn from(refusal: RefusalError) -> Self {
		error(refusal.code, refusal.message)
	}
}

/// One account's answer in `citizen_verifyClaims`: the verdict, or `{"error": {code, message}}`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum ClaimAnswer<AccountId> {
	/// The verdict `citizen_verifyClaim` would answer.
	Verdict(ClaimVerdict<AccountId>),
	/// The error `citizen_verifyClaim` would answer.
	Refused {
		/// Its code and message.
		error: RefusalError,
	},
}

impl<AccountId> ClaimAnswer<AccountId> {
	/// The answer to the runtime's `result` for a claim of `kind`.
	pub fn new(result: Result<ClaimVerdict<AccountId>, ClaimRefusal>, kind: ClaimKind) -> Self {
		match result {
			Ok(verdict) => Self::Verdict(verdict),
			Err(refusal) => Self::Refused { error: refusal_error(refusal, kind) },
		}
	}
}

/// `-32602` unless `count` accounts are within [`MAX_CLAIM_QUERIES`].
pub fn check_batch_size(count: usize) -> Result<(), ErrorObjectOwned> {
	if count > MAX_CLAIM_QUERIES as usize {
		return Err(error(
			error_code::INVALID_PARAMS,
			format!("{count} accounts: at most {MAX_CLAIM_QUERIES} are verified in one request"),
		));
	}
	Ok(())
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

	/// [`Self::verify_claim`] for each of `accounts` (at most [`MAX_CLAIM_QUERIES`]), in their
	/// order, in one runtime call. `too_many` must be absent.
	#[method(name = "citizen_verifyClaims")]
	fn verify_claims(
		&self,
		accounts: Vec<AccountId>,
		claim_kind: ClaimKind,
		at: Option<BlockHash>,
		too_many: Option<NoMoreParams>,
	) -> RpcResult<Vec<ClaimAnswer<AccountId>>>;

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

/// Whether the runtime at `at` lacks version 2 of `CitizenIdApi` (asked only after a version 2
/// call failed, so the answer costs nothing on the way that works).
fn before_v2<Block, Api, AccountId>(api: &ApiRef<'_, Api>, at: Block::Hash) -> bool
where
	Block: BlockT,
	Api: CitizenIdRuntimeApi<Block, AccountId> + ApiExt<Block>,
	AccountId: Codec + 'static,
{
	matches!(
		api.api_version::<dyn CitizenIdRuntimeApi<Block, AccountId>>(at),
		Ok(Some(version)) if version < 2
	)
}

/// Version 1's way to `account_claim`: two runtime calls.
fn account_claim_v1<Block, Api, AccountId>(
	api: &ApiRef<'_, Api>,
	at: Block::Hash,
	account: AccountId,
	kind: ClaimKind,
) -> Result<Result<ClaimVerdict<AccountId>, ClaimRefusal>, sp_api::ApiError>
where
	Block: BlockT,
	Api: CitizenIdRuntimeApi<Block, AccountId>,
	AccountId: Codec + Clone,
{
	if api.citizen_of(at, account.clone())?.is_none() {
		return Ok(Err(ClaimRefusal::NotACitizen));
	}
	Ok(api.verify_account_claim(at, account, kind)?.ok_or(ClaimRefusal::NoSuchClaim))
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
		let answer =
			self.query(at, |api, at| match api.account_claim(at, account.clone(), claim_kind) {
				Err(_) if before_v2::<Block, _, AccountId>(api, at) => {
					account_claim_v1(api, at, account, claim_kind)
				}
				answer => answer,
			})?;
		answer.map_err(|refusal| refusal_error(refusal, claim_kind).into())
	}

	fn verify_claims(
		&self,
		accounts: Vec<AccountId>,
		claim_kind: ClaimKind,
		at: Option<Block::Hash>,
		_too_many: Option<NoMoreParams>,
	) -> RpcResult<Vec<ClaimAnswer<AccountId>>> {
		check_batch_size(accounts.len())?;
		if accounts.is_empty() {
			return Ok(Vec::new());
		}
		let answers =
			self.query(at, |api, at| match api.verify_claims(at, accounts.clone(), claim_kind) {
				Err(_) if before_v2::<Block, _, AccountId>(api, at) => accounts
					.into_iter()
					.map(|account| account_claim_v1(api, at, account, claim_kind))
					.collect(),
				answers => answers,
			})?;
		Ok(answers.into_iter().map(|answer| ClaimAnswer::new(answer, claim_kind)).collect())
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

#[cfg(test)]
mod tests {
	use super::*;
	use citizen_primitives::{ClaimStatus, ClaimValue};

	fn verdict() -> ClaimVerdict<String> {
		ClaimVerdict {
			status: ClaimStatus::Active,
			issuer: "5Issuer".into(),
			valid_from: 1,
			valid_until: 2,
			value: ClaimValue::Resident { zone: 7, since: 0 },
		}
	}

	#[test]
	fn a_batch_answer_is_the_verdict_or_the_single_forms_error() {
		let answers = vec![
			ClaimAnswer::new(Ok(verdict()), ClaimKind::Resident),
			ClaimAnswer::new(Err(ClaimRefusal::NotACitizen), ClaimKind::Resident),
			ClaimAnswer::new(Err(ClaimRefusal::NoSuchClaim), ClaimKind::YouthAgeBand),
		];
		let json = serde_json::to_value(&answers).unwrap();
		assert_eq!(
			json,
			serde_json::json!([
				{
					"status": "Active",
					"issuer": "5Issuer",
					"validFrom": 1,
					"validUntil": 2,
					"value": { "Resident": { "zone": 7, "since": 0 } }
				},
				{ "error": { "code": 7001, "message": "account is not a registered citizen" } },
				{ "error": { "code": 7002, "message": "citizen holds no YouthAgeBand claim" } },
			])
		);
		// A client reads them back.
		let back: Vec<ClaimAnswer<String>> = serde_json::from_value(json).unwrap();
		assert_eq!(back, answers);
		// The single form's error object carries the same code and message.
		let single: ErrorObjectOwned =
			refusal_error(ClaimRefusal::NotACitizen, ClaimKind::Resident).into();
		assert_eq!(
			(single.code(), single.message()),
			(7001, "account is not a registered citizen")
		);
	}

	#[test]
	fn at_most_a_thousand_accounts_a_request() {
		assert!(check_batch_size(0).is_ok());
		assert!(check_batch_size(1_000).is_ok());
		let refused = check_batch_size(1_001).unwrap_err();
		assert_eq!(refused.code(), -32602);
		assert!(refused.message().contains("at most 1000"));
	}
}
