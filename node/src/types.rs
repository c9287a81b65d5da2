//! The node's concrete client, backend, chain selection and pool, named once for every module
//! (the service builds them, the dev sealer and the RPC use them).

use citizen_runtime::{apis::RuntimeApi, opaque::Block};

/// The opaque block the node handles.
pub type OpaqueBlock = Block;
/// Its hash.
pub type OpaqueHash = <Block as sp_runtime::traits::Block>::Hash;

/// The client: the runtime executed by the wasm executor with Substrate's host functions.
pub type FullClient = sc_service::TFullClient<
	Block,
	RuntimeApi,
	sc_executor::WasmExecutor<sp_io::SubstrateHostFunctions>,
>;
/// The database backend (ParityDB).
pub type FullBackend = sc_service::TFullBackend<Block>;
/// The longest chain wins (GRANDPA finalises).
pub type FullSelectChain = sc_consensus::LongestChain<FullBackend, Block>;
/// The transaction pool.
pub type FullPool = sc_transaction_pool::TransactionPoolHandle<Block, FullClient>;

/// Aura's inherent data for a block at `timestamp`: the timestamp and the slot it falls in.
/// One definition for the import queue and the block author, so they cannot disagree.
pub fn aura_inherent_data(
	timestamp: sp_timestamp::InherentDataProvider,
	slot_duration: sp_consensus_aura::SlotDuration,
) -> (sp_consensus_aura::inherents::InherentDataProvider, sp_timestamp::InherentDataProvider) {
	let slot = sp_consensus_aura::inherents::InherentDataProvider::from_timestamp_and_slot_duration(
		*timestamp,
		slot_duration,
	);
	(slot, timestamp)
}
