//! Block production of the dev chain: a block as soon as a transaction arrives, or when the
//! `engine_createBlock` RPC asks for one, finalised right after.
//!
//! A block sealed for a transaction is finalised by [`finalize_sealed_blocks`] once the
//! transaction pool has processed it, not inside the seal: finalised in the same instant, the
//! pool reports a watched transaction `Finalized` without `InBlock` first, and a wallet that
//! waits for `InBlock` (the usual `signAndSend` pattern) would wait forever.
//!
//! Each block's timestamp is the wall clock, or the parent's timestamp plus one slot if that is
//! later: Aura's slot must grow with every block, even when several blocks are sealed within
//! one slot. Under load the chain's clock therefore runs ahead of the wall clock, one slot per
//! extra block; tests use that to let time-based rules (expiry, recovery delays) pass quickly.

use crate::types::{FullBackend, FullClient, FullPool};
use citizen_runtime::opaque::Block;
use codec::Decode;
use futures::{future::BoxFuture, FutureExt, StreamExt};
use sc_client_api::{BlockchainEvents, Finalizer, StorageProvider};
use sc_consensus_manual_seal::{
	consensus::aura::AuraConsensusDataProvider, rpc::EngineCommand, ManualSealParams,
};
use sc_service::error::Error as ServiceError;
use sc_transaction_pool_api::TransactionPool;
use sp_blockchain::HeaderBackend;
use sp_core::storage::StorageKey;
use std::{
	sync::Arc,
	time::{Duration, SystemTime},
};

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
	select_chain: sc_consensus::LongestChain<FullBackend, Block>,
	rpc_commands: futures::channel::mpsc::Receiver<EngineCommand<Hash>>,
) -> Result<BoxFuture<'static, ()>, ServiceError> {
	let slot_ms = sc_consensus_aura::slot_duration(&*client)?.as_millis();

	// Seal a block for every transaction that enters the pool; `finalize_sealed_blocks`
	// finalises it.
	let on_transaction = pool.import_notification_stream().map(|_| EngineCommand::SealNewBlock {
		create_empty: false,
		finalize: false,
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

/// The longest the finaliser waits for the pool to catch up with a block.
const POOL_CATCH_UP: Duration = Duration::from_secs(2);
/// Time for the pool's per-transaction watchers to pass `InBlock` on: the pool queues it when it
/// processes the block, but a watcher handed `Finalized` before it ran would drop it.
const WATCHERS_CATCH_UP: Duration = Duration::from_millis(150);

/// Finalises every new best block once the transaction pool has processed it and its watchers
/// have had time to send `InBlock`. Waiting is asynchronous: no thread sleeps.
pub async fn finalize_sealed_blocks(client: Arc<FullClient>, pool: Arc<FullPool>) {
	let mut imported = client.import_notification_stream();
	while let Some(block) = imported.next().await {
		// Blocks sealed by `engine_createBlock(_, true)` are final already.
		let already_final = client.info().finalized_number >= block.header.number;
		if !block.is_new_best || already_final {
			continue;
		}
		let _ready = pool.ready_at_with_timeout(block.hash, POOL_CATCH_UP).await;
		futures_timer::Delay::new(WATCHERS_CATCH_UP).await;
		if let Err(e) = client.finalize_block(block.hash, None, true) {
			log::debug!(target: "dev-seal", "finalising {}: {e}", block.hash);
		}
	}
}
