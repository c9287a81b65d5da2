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
//! - `funds_canAcceptMany(queries, at?)`: `funds_canAccept` for a back office's or a kiosk's
//!   batch: `queries` is an array of `{merchant, citizenAccount, amount}` (`account` is
//!   accepted for `citizenAccount`) or of `[merchant, citizenAccount, amount]`, at most
//!   [`MAX_ACCEPT_BATCH`] (1,000) of them; the answer is the array of verdicts, in order.
//! - `funds_programReport(programId, at?)`: budget, allocated, spent, returned, citizens served,
//!   with spending by category.
//!
//! `at` is a block hash; without it, the best block answers. Each request is one runtime call
//! (`PolicyFundsApi` version 4: `voucher_of`, `can_accept`, `can_accept_many`,
//! `report_with_categories`); against a runtime from before version 4 (a node upgraded before
//! its chain's runtime) the methods fall back to the version 3 calls.
//!
//! Errors (JSON-RPC error objects; the node keeps serving):
//!
//! | code | when |
//! |---|---|
//! | `7100` | the runtime could not answer |
//! | `7101` | `funds_voucherBalance`: the account is bound to no citizen (never registered, or deregistered) |
//! | `7102` | `funds_voucherBalance`, `funds_programReport`: no such program |
//! | `-32602` | malformed input (a bad account, number or hash), a batch of more than 1,000 queries, or more parameters than the method takes |
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
	AcceptVerdict, MerchantCategory, ProgramId, ProgramReport, VoucherLookupError, VoucherView,
};
use sp_api::{ApiExt, ProvideRuntimeApi};
use sp_blockchain::HeaderBackend;
use sp_runtime::traits::Block as BlockT;

pub use pallet_policy_funds_runtime_api::{
	PolicyFundsApi as PolicyFundsRuntimeApi, MAX_ACCEPT_BATCH,
};

/// Error codes of this module (application range), and the JSON-RPC one it uses.
pub mod error_code {
	/// The runtime could not answer.
	pub const RUNTIME: i32 = 7100;
	/// The account is bound to no citizen (never registered, or deregistered).
	pub const NOT_A_CITIZEN: i32 = 7101;
	/// No such program.
	pub const UNKNOWN_PROGRAM: i32 = 7102;
	/// Malformed input, a batch too long, or too many parameters (JSON-RPC's
	/// `INVALID_PARAMS`).
	pub const INVALID_PARAMS: i32 = citizen_rpc_common::INVALID_PARAMS;
}

/// The version of `PolicyFundsApi` that answers each request in one call.
const ONE_CALL_API: u32 = 4;

/// A program report with its spending by category.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportWithCategories<Balance> {
	#[serde(flatten)]
	pub report: ProgramReport<Balance>,
	pub spend_by_category: Vec<(MerchantCategory, Balance)>,
}

/// One question of `funds_canAcceptMany`: the parameters of `funds_canAccept`, named
/// (`{merchant, citizenAccount, amount}`; `account` for `citizenAccount` too) or in their
/// order (`[merchant, citizenAccount, amount]`). Serialized named.
///
/// (Deserialized by hand: serde's untagged enums cannot carry a `u128` balance.)
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AcceptQuery<AccountId, Balance> {
	pub merchant: AccountId,
	pub citizen_account: AccountId,
	pub amount: Balance,
}

impl<AccountId, Balance> AcceptQuery<AccountId, Balance> {
	/// `(merchant, citizen account, amount)`.
	pub fn into_parts(self) -> (AccountId, AccountId, Balance) {
		(self.merchant, self.citizen_account, self.amount)
	}
}

impl<'de, AccountId, Balance> serde::Deserialize<'de> for AcceptQuery<AccountId, Balance>
where
	AccountId: serde::Deserialize<'de>,
	Balance: serde::Deserialize<'de>,
{
	fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
		use serde::de::{Error, IgnoredAny, MapAccess, SeqAccess, Visitor};
		const FIELDS: &[&str] = &["merchant", "citizenAccount", "amount"];
		struct QueryVisitor<A, B>(std::marker::PhantomData<(A, B)>);
		impl<'de, A: serde::Deserialize<'de>, B: serde::Deserialize<'de>> Visitor<'de>
			for QueryVisitor<A, B>
		{
			type Value = AcceptQuery<A, B>;

			fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
				f.write_str(
					"{merchant, citizenAccount, amount} or [merchant, citizenAccount, amount]",
				)
			}

			fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
				let merchant =
					seq.next_element()?.ok_or_else(|| S::Error::invalid_length(0, &self))?;
				let citizen_account =
					seq.next_element()?.ok_or_else(|| S::Error::invalid_length(1, &self))?;
				let amount =
					seq.next_element()?.ok_or_else(|| S::Error::invalid_length(2, &self))?;
				if seq.next_element::<IgnoredAny>()?.is_some() {
					return Err(S::Error::invalid_length(4, &self));
				}
				Ok(AcceptQuery { merchant, citizen_account, amount })
			}

			fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
				let (mut merchant, mut citizen_account, mut amount) = (None, None, None);
				while let Some(key) = map.next_key::<String>()? {
					match key.as_str() {
						"merchant" if merchant.is_none() => merchant = Some(map.next_value()?),
						"citizenAccount" | "account" if citizen_account.is_none() => {
							citizen_account = Some(map.next_value()?)
						}
						"amount" if amount.is_none() => amount = Some(map.next_value()?),
						"merchant" | "citizenAccount" | "account" | "amount" => {
							return Err(M::Error::custom(format!("duplicate field `{key}`")))
						}
						other => return Err(M::Error::unknown_field(other, FIELDS)),
					}
				}
				Ok(AcceptQuery {
					merchant: merchant.ok_or_else(|| M::Error::missing_field("merchant"))?,
					citizen_account: citizen_account
						.ok_or_else(|| M::Error::missing_field("citizenAccount"))?,
					amount: amount.ok_or_else(|| M::Error::missing_field("amount"))?,
				})
			}
		}
		deserializer.deserialize_any(QueryVisitor(std::marker::PhantomData))
	}
}

/// A batch of `len` queries is within [`MAX_ACCEPT_BATCH`], or `-32602`.
pub fn check_batch(len: usize) -> Result<(), ErrorObjectOwned> {
	if len > MAX_ACCEPT_BATCH as usize {
		return Err(error(
			error_code::INVALID_PARAMS,
			format!("at most {MAX_ACCEPT_BATCH} queries in one batch, not {len}"),
		));
	}
	Ok(())
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

	/// `funds_canAccept` for each of `queries` (at most [`MAX_ACCEPT_BATCH`]), in order, in one
	/// runtime call. `too_many` must be absent.
	#[method(name = "funds_canAcceptMany")]
	fn can_accept_many(
		&self,
		queries: Vec<AcceptQuery<AccountId, Balance>>,
		at: Option<BlockHash>,
		too_many: Option<NoMoreParams>,
	) -> RpcResult<Vec<AcceptVerdict<Balance>>>;

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

fn not_a_citizen() -> ErrorObjectOwned {
	error(error_code::NOT_A_CITIZEN, "the account is bound to no citizen")
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

impl<C, Block, Terms> PolicyFundsRpcHandler<C, Block, Terms>
where
	Block: BlockT,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block>,
{
	/// Run `one_call` (a version 4 method) at `at`; if it fails against a runtime from before
	/// version 4, run `older` (the version 3 calls) instead. The usual request is one runtime
	/// call; the version is asked only after a failure.
	fn one_call_or_older<R, AccountId, Balance>(
		&self,
		at: Option<Block::Hash>,
		one_call: impl FnOnce(&sp_api::ApiRef<'_, C::Api>, Block::Hash) -> Result<R, sp_api::ApiError>,
		older: impl FnOnce(&sp_api::ApiRef<'_, C::Api>, Block::Hash) -> Result<R, sp_api::ApiError>,
	) -> Result<R, ErrorObjectOwned>
	where
		C::Api: PolicyFundsRuntimeApi<Block, AccountId, Balance, Terms>,
		AccountId: Codec,
		Balance: Codec,
		Terms: Codec,
	{
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		self.query(Some(at), |api, at| match one_call(api, at) {
			Ok(answer) => Ok(answer),
			Err(e) => {
				let version = api
					.api_version::<dyn PolicyFundsRuntimeApi<Block, AccountId, Balance, Terms>>(
						at,
					)?;
				if version.is_some_and(|v| v < ONE_CALL_API) {
					older(&self.client.runtime_api(), at)
				} else {
					Err(e)
				}
			}
		})
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
		let fallback = account.clone();
		let answer = self.one_call_or_older::<_, AccountId, Balance>(
			at,
			|api, at| api.voucher_of(at, account, program_id),
			|api, at| {
				if api.program_report(at, program_id)?.is_none() {
					return Ok(Err(VoucherLookupError::UnknownProgram));
				}
				Ok(api
					.voucher_balance(at, fallback, program_id)?
					.ok_or(VoucherLookupError::NotACitizen))
			},
		)?;
		answer.map_err(|e| match e {
			VoucherLookupError::UnknownProgram => unknown_program(program_id),
			VoucherLookupError::NotACitizen => not_a_citizen(),
		})
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

	fn can_accept_many(
		&self,
		queries: Vec<AcceptQuery<AccountId, Balance>>,
		at: Option<Block::Hash>,
		_too_many: Option<NoMoreParams>,
	) -> RpcResult<Vec<AcceptVerdict<Balance>>> {
		check_batch(queries.len())?;
		if queries.is_empty() {
			return Ok(Vec::new());
		}
		let queries: Vec<_> = queries.into_iter().map(AcceptQuery::into_parts).collect();
		let fallback = queries.clone();
		self.one_call_or_older::<_, AccountId, Balance>(
			at,
			|api, at| api.can_accept_many(at, queries),
			|api, at| {
				fallback
					.into_iter()
					.map(|(merchant, account, amount)| {
						api.can_accept(at, merchant, account, amount)
					})
					.collect()
			},
		)
	}

	fn program_report(
		&self,
		program_id: ProgramId,
		at: Option<Block::Hash>,
		_too_many: Option<NoMoreParams>,
	) -> RpcResult<ReportWithCategories<Balance>> {
		let answer = self.one_call_or_older::<_, AccountId, Balance>(
			at,
			|api, at| api.report_with_categories(at, program_id),
			|api, at| {
				let Some(report) = api.program_report(at, program_id)? else { return Ok(None) };
				Ok(Some((report, api.spend_by_category(at, program_id)?)))
			},
		)?;
		let (report, spend_by_category) = answer.ok_or_else(|| unknown_program(program_id))?;
		Ok(ReportWithCategories { report, spend_by_category })
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	type Q = AcceptQuery<String, u128>;

	#[test]
	fn a_batch_query_is_named_or_in_can_accepts_order() {
		let named: Q =
			serde_json::from_str(r#"{"merchant":"m","citizenAccount":"c","amount":5}"#).unwrap();
		let alias: Q =
			serde_json::from_str(r#"{"merchant":"m","account":"c","amount":5}"#).unwrap();
		let positional: Q = serde_json::from_str(r#"["m","c",5]"#).unwrap();
		for q in [named, alias, positional] {
			assert_eq!(q.into_parts(), ("m".to_string(), "c".to_string(), 5));
		}
		assert!(serde_json::from_str::<Q>(r#"{"merchant":"m","amount":5}"#).is_err());
		assert!(serde_json::from_str::<Q>(r#"{"merchant":"m","account":"c","amount":5,"x":1}"#)
			.is_err());
		assert!(serde_json::from_str::<Q>(r#"["m","c"]"#).is_err());
		assert!(serde_json::from_str::<Q>(r#"["m","c",5,6]"#).is_err());
		// A balance beyond `u64`, as the local currency's `u128` allows.
		let big: Q =
			serde_json::from_str(r#"["m","c",340282366920938463463374607431768211455]"#).unwrap();
		assert_eq!(big.amount, u128::MAX);
		assert_eq!(
			serde_json::to_string(&big).unwrap(),
			r#"{"merchant":"m","citizenAccount":"c","amount":340282366920938463463374607431768211455}"#
		);
	}

	#[test]
	fn a_batch_is_bounded() {
		assert!(check_batch(0).is_ok());
		assert!(check_batch(MAX_ACCEPT_BATCH as usize).is_ok());
		let refused = check_batch(MAX_ACCEPT_BATCH as usize + 1).unwrap_err();
		assert_eq!(refused.code(), error_code::INVALID_PARAMS);
		assert_eq!(refused.code(), -32602);
	}
}
