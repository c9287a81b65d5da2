//! Block production of the dev chain: a block as soon as a transaction arrives, or when the
//! `engine_createBlock` RPC asks for one, finalised at once.
//!
//! Each block's timestamp is the wall clock, or the parent's timestamp plus one slot if that is
//! later: Aura's slot must grow with every block, even when several blocks are sealed within
//! one slot. Under load the chain's clock therefore runs ahead of the wall clock, one slot per
//! extra block; tests use that to let time-based rules (expiry, recovery delays) pass quickly.

use crate::service::{FullClient, FullPool};
use citizen_runtime::opaque::Block;
use codec::Decode;
use futures::{future::BoxFuture, FutureExt, StreamExt};
use sc_client_api::StorageProvider;
use sc_consensus_manual_seal::{
	consensus::aura::AuraConsensusDataProvider, rpc::EngineCommand, ManualSealParams,
};
use sc_service::error::Error as ServiceError;
use sc_transaction_pool_api::TransactionPool;
use sp_core::storage::StorageKey;
use std::{sync::Arc, time::SystemTime};

/// The hash of a block.
type Hash = <Block as sp_runtime::traits::Block>::Hash;

/// `Timestamp::Now` in storage.
fn timestamp_now_key() -> StorageKey {
	let mut key = sp_io::hashing::twox_128(b"Timestamp").to_vec();
	key.extend_from_slice(&sp_io::hashing::twox_128(b"Now"));
	StorageKey(key)
}

/// The timestamp for a block on top of `parent`.
fn next_timestamp(client: &FullClient, parent: Hash, slot_ms: u64) -> u64 {
	let parent_ms = client
		.storage(parent, &timestamp_now_key())
		.ok()
		.flatten()
		.and_then(|data| u64::decode(&mut &data.0[..]).ok())
		.unwrap_or(0);
	let wall_ms = SystemTime::now()
		.duration_since(SystemTime::UNIX_EPOCH)
		.map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
		.unwrap_or(0);
	wall_ms.max(parent_ms.saturating_add(slot_ms))
}

/// The sealing task of the dev chain.
pub fn start(
	client: Arc<FullClient>,
	pool: Arc<FullPool>,
	proposer_factory: sc_basic_authorship::ProposerFactory<FullPool, FullClient>,
	select_chain: sc_consensus::LongestChain<sc_service::TFullBackend<Block>, Block>,
	rpc_commands: futures::channel::mpsc::Receiver<EngineCommand<Hash>>,
) -> Result<BoxFuture<'static, ()>, ServiceError> {
	let slot_ms = sc_consensus_aura::slot_duration(&*client)?.as_millis();

	// Seal a block for every transaction that enters the pool.
	let on_transaction = pool.import_notification_stream().map(|_| EngineCommand::SealNewBlock {
		create_empty: false,
		finalize: true,
		parent_hash: None,
		sender: None,
	});
	let commands_stream = futures::stream::select(on_transaction, rpc_commands);

	let cidp_client = client.clone();
	let create_inherent_data_providers = move |parent: Hash, ()| {
		let client = cidp_client.clone();
		async move {
			let timestamp = next_timestamp(&client, parent, slot_ms);
			Ok(sp_timestamp::InherentDataProvider::new(timestamp.into()))
		}
	};

	Ok(sc_consensus_manual_seal::run_manual_seal(ManualSealParams {
		block_import: client.clone(),
		env: proposer_factory,
		consensus_data_provider: Some(Box::new(AuraConsensusDataProvider::new(client.clone()))),
		client,
		pool,
		commands_stream,
		select_chain,
		create_inherent_data_providers,
	})
	.boxed())
}
