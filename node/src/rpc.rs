//! The node's JSON-RPC methods beyond the standard ones: accounts, fees, the citizen services
//! and, on the dev chain, manual sealing.

use std::sync::Arc;

use crate::native_views::NativeViews;

use citizen_runtime::{opaque::Block, AccountId, Balance, Nonce, ProgramTerms};
use jsonrpsee::RpcModule;
use sc_consensus_manual_seal::rpc::{EngineCommand, ManualSeal, ManualSealApiServer};
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};

/// What the RPC methods need.
pub struct FullDeps<C, P> {
	/// The client.
	pub client: Arc<C>,
	/// The same client, answering the citizen services' views natively when it can
	/// ([`NativeViews`]).
	pub views: Arc<NativeViews<C>>,
	/// The transaction pool.
	pub pool: Arc<P>,
	/// Where `engine_createBlock` sends its commands (dev chain only).
	pub manual_seal: Option<
		futures::channel::mpsc::Sender<EngineCommand<<Block as sp_runtime::traits::Block>::Hash>>,
	>,
}

/// All RPC methods of a full node.
pub fn create_full<C, P>(
	deps: FullDeps<C, P>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>
		+ sp_api::CallApiAt<Block>
		+ HeaderBackend<Block>
		+ HeaderMetadata<Block, Error = BlockChainError>
		+ Send
		+ Sync
		+ 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>
		+ pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>
		+ pallet_citizen_id_rpc::CitizenIdRuntimeApi<Block, AccountId>
		+ pallet_policy_funds_rpc::PolicyFundsRuntimeApi<Block, AccountId, Balance, ProgramTerms>
		+ pallet_youth_culture_pass_rpc::YouthCulturePassRuntimeApi<Block, AccountId, Balance>
		+ pallet_facility_booking_rpc::FacilityBookingRuntimeApi<Block, AccountId, Balance>
		+ BlockBuilder<Block>,
	P: TransactionPool + 'static,
{
	use pallet_citizen_id_rpc::{CitizenIdRpcHandler, CitizenIdRpcServer};
	use pallet_facility_booking_rpc::{FacilityBookingRpcHandler, FacilityBookingRpcServer};
	use pallet_policy_funds_rpc::{PolicyFundsRpcHandler, PolicyFundsRpcServer};
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use pallet_youth_culture_pass_rpc::{YouthCulturePassRpcHandler, YouthCulturePassRpcServer};
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let mut module = RpcModule::new(());
	let FullDeps { client, views, pool, manual_seal } = deps;

	module.merge(System::new(client.clone(), pool).into_rpc())?;
	module.merge(TransactionPayment::new(client.clone()).into_rpc())?;
	// The citizen services' methods: their views run natively while the chain runs this
	// node's runtime build (`native_views`), in wasm otherwise.
	module.merge(CitizenIdRpcServer::<_, AccountId>::into_rpc(CitizenIdRpcHandler::new(
		views.clone(),
	)))?;
	module.merge(PolicyFundsRpcServer::<_, AccountId, Balance>::into_rpc(
		PolicyFundsRpcHandler::<_, _, ProgramTerms>::new(views.clone()),
	))?;
	module.merge(YouthCulturePassRpcServer::<_, AccountId, Balance>::into_rpc(
		YouthCulturePassRpcHandler::new(views.clone()),
	))?;
	module.merge(FacilityBookingRpcServer::<_, AccountId, Balance>::into_rpc(
		FacilityBookingRpcHandler::new(views),
	))?;
	if let Some(sink) = manual_seal {
		module.merge(ManualSeal::new(sink).into_rpc())?;
	}

	Ok(module)
}
