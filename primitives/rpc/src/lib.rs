//! What every Citizen Chain RPC module shares, so each pallet's RPC crate is only its methods:
//!
//! - [`NoMoreParams`]: the trailing parameter that refuses one parameter too many with
//!   `-32602` instead of ignoring it;
//! - [`Query::query`]: run a runtime-API query at `at`, or at the best block when `at` is
//!   absent, mapping a runtime failure to the module's own error code;
//! - [`error`]: an error object with a message a person can read.
//!
//! Error codes are per module: `70xx` the citizen ID, `71xx` the policy funds, and so on;
//! `xx00` is always "the runtime could not answer".

use std::sync::Arc;

use jsonrpsee::types::error::{ErrorObject, ErrorObjectOwned};
use sp_api::{ApiRef, ProvideRuntimeApi};
use sp_blockchain::HeaderBackend;
use sp_runtime::traits::Block as BlockT;

/// JSON-RPC's "invalid params": malformed, missing, or one parameter too many.
pub const INVALID_PARAMS: i32 = jsonrpsee::types::error::INVALID_PARAMS_CODE;

/// A JSON-RPC error object with `code` and a readable `message`.
pub fn error(code: i32, message: impl Into<String>) -> ErrorObjectOwned {
	ErrorObject::owned(code, message.into(), None::<()>)
}

/// A parameter position that must stay empty. JSON-RPC servers commonly ignore parameters past
/// the last one a method takes; ours refuse them with `-32602` ("too many parameters"), so a
/// caller that passes a wrong argument list learns it at once. Declare it as the last
/// parameter, `too_many: Option<NoMoreParams>`: any value other than `null` there fails to
/// decode (JSON-RPC reads a trailing `null` as absent).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoMoreParams;

/// A client sends it as `null`, i.e. nothing.
impl serde::Serialize for NoMoreParams {
	fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
		serializer.serialize_unit()
	}
}

impl<'de> serde::Deserialize<'de> for NoMoreParams {
	fn deserialize<D: serde::Deserializer<'de>>(_: D) -> Result<Self, D::Error> {
		Err(serde::de::Error::custom("too many parameters"))
	}
}

/// Runtime-API queries at a block, for an RPC handler that holds a client.
pub trait Query<Block: BlockT, C: ProvideRuntimeApi<Block> + HeaderBackend<Block>> {
	/// The handler's client.
	fn client(&self) -> &Arc<C>;

	/// The code of "the runtime could not answer" in this module.
	const RUNTIME_ERROR: i32;

	/// Run `query` against the runtime API at `at` (the best block when `None`), mapping a
	/// runtime failure to [`Self::RUNTIME_ERROR`]. One runtime call per closure call.
	fn query<R>(
		&self,
		at: Option<Block::Hash>,
		query: impl FnOnce(&ApiRef<'_, C::Api>, Block::Hash) -> Result<R, sp_api::ApiError>,
	) -> Result<R, ErrorObjectOwned> {
		let client = self.client();
		let at = at.unwrap_or_else(|| client.info().best_hash);
		query(&client.runtime_api(), at)
			.map_err(|e| error(Self::RUNTIME_ERROR, format!("the runtime could not answer: {e}")))
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn no_more_params_refuses_any_value_and_takes_null_as_absent() {
		let absent: Option<NoMoreParams> = serde_json::from_str("null").unwrap();
		assert_eq!(absent, None);
		let extra: Result<Option<NoMoreParams>, _> = serde_json::from_str("\"surplus\"");
		assert!(extra.unwrap_err().to_string().contains("too many parameters"));
		assert_eq!(serde_json::to_string(&NoMoreParams).unwrap(), "null");
	}
}
