//! # Citizen Chain runtime
//!
//! FRAME system pallets (accounts, fees, Aura + GRANDPA consensus, sudo, a council) composed
//! with the city's citizen-service pallets. The local currency, the won-pegged "Dongbaek won",
//! is an asset of `pallet-assets` created at genesis with the city as its admin.
//!
//! Every service pallet's admin origin is [`CityOrigin`]: root (sudo on dev chains) or a
//! majority of the council.
#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime` and `impl_runtime_apis` expand to large recursive types.
#![recursion_limit = "512"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

use alloc::vec::Vec;

// Declared first: its `list_benchmarks!`/`add_benchmarks!` are used by `apis`.
#[cfg(feature = "runtime-benchmarks")]
#[macro_use]
mod benchmarks;

pub mod apis;
pub mod busan;
pub mod citizen_fees;
pub mod configs;
pub mod genesis_config_presets;
/// Test support shared by the unit tests and `runtime/tests` (the fuzzer).
#[cfg(feature = "std")]
#[doc(hidden)]
pub mod test_helpers;
#[cfg(test)]
mod tests;
pub mod weights;

use frame_support::weights::Weight;
use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::{runtime_version, RuntimeVersion};

pub use configs::{CityOrigin, CouncilCollective, LOCAL_CURRENCY_ID};
pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

/// A block number.
pub type BlockNumber = u32;
/// A transaction signature.
pub type Signature = MultiSignature;
/// An account: the public key of the signature scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// A balance, of the native token or of an asset.
pub type Balance = u128;
/// A transaction counter.
pub type Nonce = u32;
/// A hash.
pub type Hash = sp_core::H256;
/// An asset id.
pub type AssetId = u32;
/// The terms of a policy-funds program in this runtime.
pub type ProgramTerms = pallet_policy_funds::ProgramTermsOf<Runtime>;

/// The native token has 12 decimals; one unit.
pub const UNIT: Balance = 1_000_000_000_000;
pub const MILLI_UNIT: Balance = UNIT / 1_000;
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// One won: the local currency has no minor unit.
pub const WON: Balance = 1;

/// Block time of the Aura + GRANDPA networks. The dev node seals on demand instead.
pub const MILLI_SECS_PER_BLOCK: u64 = 6000;
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
pub const HOURS: BlockNumber = MINUTES * 60;
pub const DAYS: BlockNumber = HOURS * 24;
/// A day in milliseconds (on-chain time is in milliseconds).
pub const DAY_MS: u64 = citizen_primitives::DAY;

/// Types the node needs without knowing the runtime's extrinsic format.
pub mod opaque {
	use super::*;
	use alloc::vec::Vec;
	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	pub type BlockId = generic::BlockId<Block>;

	impl_opaque_keys! {
		pub struct SessionKeys {
			pub aura: Aura,
			pub grandpa: Grandpa,
		}
	}
}

#[runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("citizen-chain"),
	impl_name: alloc::borrow::Cow::Borrowed("citizen-chain"),
	authoring_version: 1,
	spec_version: 102,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// The address format of extrinsics.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// The checks every transaction passes.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	// `CheckNonce`, `CheckWeight` and `ChargeTransactionPayment` in one: the fee-free decision
	// for citizens needs the nonce. Encoded and described exactly like those three.
	citizen_fees::NonceWeightAndFee,
	frame_system::WeightReclaim<Runtime>,
);
/// An extrinsic as this runtime checks it.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// What a transaction's signer signs.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Migrations run on the next runtime upgrade. Each is guarded by its pallet's storage version,
/// so it runs once and is a no-op on a chain created with the new code.
type Migrations = (
	pallet_citizen_id::migrations::v2::MigrateV1ToV2<Runtime>,
	pallet_citizen_id::migrations::v3::MigrateV2ToV3<Runtime>,
	pallet_policy_funds::migrations::v2::MigrateV1ToV2<Runtime>,
	pallet_policy_funds::migrations::v3::MigrateV2ToV3<Runtime>,
	pallet_facility_booking::migrations::v2::MigrateV1ToV2<Runtime>,
	pallet_multi_child_points::migrations::v2::MigrateV1ToV2<Runtime>,
);

/// Dispatches blocks and extrinsics to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;
	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;
	#[runtime::pallet_index(6)]
	pub type Sudo = pallet_sudo;
	#[runtime::pallet_index(7)]
	pub type Assets = pallet_assets;
	#[runtime::pallet_index(8)]
	pub type Council = pallet_collective<Instance1>;
	#[runtime::pallet_index(9)]
	pub type Utility = pallet_utility;

	// Citizen services.
	#[runtime::pallet_index(20)]
	pub type CitizenId = pallet_citizen_id;
	#[runtime::pallet_index(21)]
	pub type PolicyFunds = pallet_policy_funds;
	#[runtime::pallet_index(22)]
	pub type MultiChildPoints = pallet_multi_child_points;
	#[runtime::pallet_index(23)]
	pub type YouthCulturePass = pallet_youth_culture_pass;
	#[runtime::pallet_index(24)]
	pub type FacilityBooking = pallet_facility_booking;
}

/// Block weights: 2 s of compute in a 6 s block.
pub(crate) const MAXIMUM_BLOCK_WEIGHT: Weight = Weight::from_parts(
	frame_support::weights::constants::WEIGHT_REF_TIME_PER_SECOND.saturating_mul(2),
	u64::MAX,
);
