//! Merchant, wallet and dashboard queries answered by the node's own build of the runtime.
//!
//! Every runtime call in wasm pays for a fresh instance: on this kind of machine about 190 µs of
//! a trivial `state_call`, most of it the kernel resetting the instance's memory. The citizen
//! services' read-only runtime APIs (`CitizenIdApi`, `PolicyFundsApi`, `MultiChildPointsApi`,
//! `YouthCulturePassApi`, `FacilityBookingApi`) are plain storage reads and arithmetic, so the
//! node can run the same code natively, against the same state, without an instance.
//!
//! It does so only when the chain runs the code this node was built from: the node embeds the
//! wasm of the runtime it links (`citizen_runtime::WASM_BINARY`), the chain's `:code` at the
//! queried block is exactly those bytes (same hash), and no `--wasm-runtime-overrides` or
//! `codeSubstitutes` replace it. Native and wasm are two compilations of one source (native
//! with `std`, 64-bit); the views are storage reads and integer arithmetic with no `std`-only
//! logic, and an end-to-end test compares their answers with `state_call`'s. After a runtime
//! upgrade, on a chain started from another build, when a proof is being recorded, or after
//! something was written on the same API instance, the call goes to the wasm runtime as
//! before. A native call that panics falls back to wasm (which then gives the runtime's own
//! error) and turns the native path off for the rest of the process. Nothing here writes: the
//! native call runs on an overlay of its own that is dropped.
//!
//! Consensus never goes through this: block import and authoring use the client directly.
//! Only the RPC handlers of the citizen services hold a [`NativeViews`].

use std::sync::{
	atomic::{AtomicBool, Ordering},
	Arc, Mutex,
};

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
	/// Whether the log has said that views run natively, and that they run in wasm.
	said_native: AtomicBool,
	said_wasm: AtomicBool,
	/// Set when a native call panicked: native is off from then on.
	broken: AtomicBool,
}

impl<C> NativeViews<C> {
	/// Wrap `client`; with `enabled = false` every call goes to the client (wasm).
	pub fn new(client: Arc<C>, enabled: bool) -> Self {
		let native_code = citizen_runtime::WASM_BINARY.filter(|_| enabled).map(BlakeTwo256::hash);
		Self {
			client,
			native_code,
			last: Mutex::new(None),
			said_native: AtomicBool::new(false),
			said_wasm: AtomicBool::new(false),
			broken: AtomicBool::new(false),
		}
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
		// Said once for each answer (not at every change: a caller alternating blocks before
		// and after an upgrade would flood the log).
		let said = if same { &self.said_native } else { &self.said_wasm };
		if !said.swap(true, Ordering::Relaxed) {
			if same {
				log::info!(target: "citizen-rpc", "citizen-service views run natively: the chain runs this node's runtime build (block {at})");
			} else {
				log::info!(target: "citizen-rpc", "citizen-service views run in wasm: the chain's runtime at block {at} is not this node's build");
			}
		}
		if let Ok(mut last) = self.last.lock() {
			*last = Some((at, same));
		}
		same
	}

	/// `function` run natively on the state at `at`; `None` if the runtime does not know it or
	/// the call panicked. After a panic the native path is off for good: every later call goes
	/// to wasm (a panic hook's report is costly, and a view that panics natively but not in
	/// wasm means the builds differ).
	fn native_call(&self, at: BlockHash, function: &str, arguments: &[u8]) -> Option<Vec<u8>> {
		if self.broken.load(Ordering::Relaxed) {
			return None;
		}
		let state = self.client.state_at(at).ok()?;
		let mut overlay = OverlayedChanges::default();
		let mut ext = sp_state_machine::Ext::new(&mut overlay, &state, None);
		// The node's panic handler ends the process on a panic unless told to unwind: a panic
		// in a view must only send the call to wasm.
		let _unwind = sp_panic_handler::AbortGuard::force_unwind();
		let answer = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
			sp_externalities::set_and_run_with_externalities(&mut ext, || {
				citizen_runtime::apis::api::dispatch(function, arguments)
			})
		}));
		match answer {
			Ok(answer) => answer,
			Err(_) => {
				self.broken.store(true, Ordering::Relaxed);
				log::warn!(target: "citizen-rpc", "{function} panicked in the node's build of the runtime; citizen-service views run in wasm from now on");
				None
			}
		}
	}
}

impl<C: CallApiAt<Block>> CallApiAt<Block> for NativeViews<C> {
	type StateBackend = C::StateBackend;

	fn call_api_at(&self, params: CallApiAtParams<Block>) -> Result<Vec<u8>, ApiError> {
		// Only a fresh call: no proof to record, nothing written before it on this API
		// instance (the native call runs on an overlay of its own).
		if params.recorder.is_none()
			&& params.overlayed_changes.borrow().is_empty()
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
