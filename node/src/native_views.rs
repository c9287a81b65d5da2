//! Merchant, wallet and dashboard queries answered by the node's own build of the runtime.
//!
//! Every runtime call in wasm pays for a fresh instance: on this kind of machine about 190 µs of
//! a trivial `state_call`, most of it the kernel resetting the instance's memory. The citizen
//! services' read-only runtime APIs (`CitizenIdApi`, `PolicyFundsApi`, `MultiChildPointsApi`,
//! `YouthCulturePassApi`, `FacilityBookingApi`) are plain storage reads and arithmetic, so the
//! node can run the same code natively, against the same state, without an instance.
//!
//! It does so only when that is provably the same code: the node was built together with a
//! runtime whose wasm it embeds (`citizen_runtime::WASM_BINARY`), and the chain's `:code` at
//! the queried block is exactly those bytes (same hash). After any runtime upgrade, on a chain
//! started from another build, or when a proof is being recorded, the call goes to the wasm
//! runtime as before. A native call that panics also falls back to wasm (which then gives the
//! runtime's own error). Nothing here writes: the native call runs on an overlay of its own
//! that is dropped.
//!
//! Consensus never goes through this: block import and authoring use the client directly.
//! Only the RPC handlers of the citizen services hold a [`NativeViews`].

use std::sync::{Arc, Mutex};

use citizen_runtime::{apis::RuntimeApi, opaque::Block};
use sp_api::{
	ApiError, ApiRef, CallApiAt, CallApiAtParams, CallContext, ConstructRuntimeApi,
	ProvideRuntimeApi,
};
use sp_blockchain::{BlockStatus, HeaderBackend, Info};
use sp_externalities::Extensions;
use sp_runtime::traits::{BlakeTwo256, Block as BlockT, Hash as HashT, NumberFor};
use sp_state_machine::{Backend as _, OverlayedChanges};
use sp_version::RuntimeVersion;

type BlockHash = <Block as BlockT>::Hash;

/// The runtime APIs answered natively: the citizen services' views, all read-only.
const VIEW_APIS: [&str; 5] = [
	"CitizenIdApi_",
	"PolicyFundsApi_",
	"MultiChildPointsApi_",
	"YouthCulturePassApi_",
	"FacilityBookingApi_",
];

/// Whether `function` (a runtime API function, `Trait_method`) is one of the views.
pub fn is_view(function: &str) -> bool {
	VIEW_APIS.iter().any(|prefix| function.starts_with(prefix))
}

/// A client whose citizen-service views run natively when the chain runs this node's runtime
/// build; everything else is the client's own. Hand it to RPC handlers as their client.
pub struct NativeViews<C> {
	client: Arc<C>,
	/// The hash of the wasm this node was built with; `None` in a build without one.
	native_code: Option<BlockHash>,
	/// The last block looked at, and whether its code is the native build.
	last: Mutex<Option<(BlockHash, bool)>>,
}

impl<C> NativeViews<C> {
	/// Wrap `client`.
	pub fn new(client: Arc<C>) -> Self {
		let native_code = citizen_runtime::WASM_BINARY.map(BlakeTwo256::hash);
		Self { client, native_code, last: Mutex::new(None) }
	}
}

impl<C: CallApiAt<Block>> NativeViews<C> {
	/// Whether the chain's `:code` at `at` is this node's runtime build.
	fn runs_native_build(&self, at: BlockHash) -> bool {
		let Some(native) = self.native_code else { return false };
		if let Ok(last) = self.last.lock() {
			if let Some((hash, same)) = *last {
				if hash == at {
					return same;
				}
			}
		}
		let same = self
			.client
			.state_at(at)
			.ok()
			.and_then(|state| state.storage_hash(sp_storage::well_known_keys::CODE).ok().flatten())
			.is_some_and(|code| code == native);
		if let Ok(mut last) = self.last.lock() {
			*last = Some((at, same));
		}
		same
	}

	/// `function` run natively on the state at `at`; `None` if the runtime does not know it or
	/// the call panicked.
	fn native_call(&self, at: BlockHash, function: &str, arguments: &[u8]) -> Option<Vec<u8>> {
		let state = self.client.state_at(at).ok()?;
		let mut overlay = OverlayedChanges::default();
		let mut ext = sp_state_machine::Ext::new(&mut overlay, &state, None);
		// The node's panic handler ends the process on a panic unless told to unwind: a panic
		// in a view must only send the call to wasm.
		let _unwind = sp_panic_handler::AbortGuard::force_unwind();
		std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
			sp_externalities::set_and_run_with_externalities(&mut ext, || {
				citizen_runtime::apis::api::dispatch(function, arguments)
			})
		}))
		.ok()
		.flatten()
	}
}

impl<C: CallApiAt<Block>> CallApiAt<Block> for NativeViews<C> {
	type StateBackend = C::StateBackend;

	fn call_api_at(&self, params: CallApiAtParams<Block>) -> Result<Vec<u8>, ApiError> {
		if params.recorder.is_none()
			&& is_view(params.function)
			&& self.runs_native_build(params.at)
		{
			if let Some(answer) = self.native_call(params.at, params.function, &params.arguments) {
				return Ok(answer);
			}
		}
		self.client.call_api_at(params)
	}

	fn runtime_version_at(
		&self,
		at_hash: BlockHash,
		call_context: CallContext,
	) -> Result<RuntimeVersion, ApiError> {
		self.client.runtime_version_at(at_hash, call_context)
	}

	fn state_at(&self, at: BlockHash) -> Result<Self::StateBackend, ApiError> {
		self.client.state_at(at)
	}

	fn initialize_extensions(
		&self,
		at: BlockHash,
		extensions: &mut Extensions,
	) -> Result<(), ApiError> {
		self.client.initialize_extensions(at, extensions)
	}
}

impl<C: CallApiAt<Block> + Send + Sync + 'static> ProvideRuntimeApi<Block> for NativeViews<C> {
	type Api = <RuntimeApi as ConstructRuntimeApi<Block, Self>>::RuntimeApi;

	fn runtime_api(&self) -> ApiRef<'_, Self::Api> {
		RuntimeApi::construct_runtime_api(self)
	}
}

impl<C: HeaderBackend<Block>> HeaderBackend<Block> for NativeViews<C> {
	fn header(&self, hash: BlockHash) -> sp_blockchain::Result<Option<<Block as BlockT>::Header>> {
		self.client.header(hash)
	}

	fn info(&self) -> Info<Block> {
		self.client.info()
	}

	fn status(&self, hash: BlockHash) -> sp_blockchain::Result<BlockStatus> {
		self.client.status(hash)
	}

	fn number(&self, hash: BlockHash) -> sp_blockchain::Result<Option<NumberFor<Block>>> {
		self.client.number(hash)
	}

	fn hash(&self, number: NumberFor<Block>) -> sp_blockchain::Result<Option<BlockHash>> {
		self.client.hash(number)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn only_the_citizen_services_views_run_natively() {
		assert!(is_view("PolicyFundsApi_can_accept"));
		assert!(is_view("CitizenIdApi_account_claim"));
		assert!(is_view("FacilityBookingApi_near"));
		assert!(!is_view("Core_version"));
		assert!(!is_view("BlockBuilder_apply_extrinsic"));
		assert!(!is_view("TaggedTransactionQueue_validate_transaction"));
		assert!(!is_view("AccountNonceApi_account_nonce"));
	}
}
