//! Configuration of every pallet in the runtime.

use super::*;
use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{
		AsEnsureOriginWithArg, ConstBool, ConstI32, ConstU128, ConstU16, ConstU32, ConstU64,
		ConstU8, EitherOfDiverse, NeverEnsureOrigin, VariantCountOf,
	},
	weights::{constants::ParityDbWeight, IdentityFee, Weight},
};
use frame_system::{
	limits::{BlockLength, BlockWeights},
	EnsureRoot,
};
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::{traits::One, Perbill};

const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);
const MAX_BLOCK_LENGTH: u32 = 5 * 1024 * 1024;

parameter_types! {
	pub const BlockHashCount: BlockNumber = 2400;
	pub const Version: RuntimeVersion = VERSION;
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::with_sensible_defaults(
		MAXIMUM_BLOCK_WEIGHT,
		NORMAL_DISPATCH_RATIO,
	);
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(MAX_BLOCK_LENGTH)
		.modify_max_length_for_class(DispatchClass::Normal, |max| *max = NORMAL_DISPATCH_RATIO * *max)
		.build();
	pub const SS58Prefix: u8 = 42;
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	// The node stores state in ParityDB.
	type DbWeight = ParityDbWeight;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
	type SystemWeightInfo = crate::weights::frame_system::WeightInfo<Runtime>;
	type ExtensionsWeightInfo = crate::weights::frame_system_extensions::WeightInfo<Runtime>;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<32>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<32>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

impl pallet_timestamp::Config for Runtime {
	/// Milliseconds since the Unix epoch: the unit of every date and window on chain.
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = ();
}

impl pallet_balances::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type WeightInfo = crate::weights::pallet_balances::WeightInfo<Runtime>;
	type Balance = Balance;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type ReserveIdentifier = [u8; 8];
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ConstU32<50>;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type DoneSlashHandler = ();
}

parameter_types! {
	pub FeeMultiplier: Multiplier = Multiplier::one();
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnChargeTransaction = FungibleAdapter<Balances, ()>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightToFee = IdentityFee<Balance>;
	type LengthToFee = IdentityFee<Balance>;
	type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
	type WeightInfo = crate::weights::pallet_transaction_payment::WeightInfo<Runtime>;
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}

/// The asset id of the local currency, the won-pegged "Dongbaek won".
pub const LOCAL_CURRENCY_ID: AssetId = 1;

parameter_types! {
	pub const AssetDeposit: Balance = 10 * UNIT;
	pub const AssetAccountDeposit: Balance = MILLI_UNIT;
	pub const MetadataDepositBase: Balance = MILLI_UNIT;
	pub const MetadataDepositPerByte: Balance = MILLI_UNIT / 100;
	pub const ApprovalDeposit: Balance = MILLI_UNIT;
}

impl pallet_assets::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = AssetId;
	type AssetIdParameter = codec::Compact<AssetId>;
	type ReserveData = ();
	type Currency = Balances;
	/// Nobody creates assets with a signed call: a local currency is not a permissionless
	/// token. The city uses `force_create` through `ForceOrigin`.
	type CreateOrigin = AsEnsureOriginWithArg<NeverEnsureOrigin<AccountId>>;
	type ForceOrigin = CityOrigin;
	type AssetDeposit = AssetDeposit;
	type AssetAccountDeposit = AssetAccountDeposit;
	type MetadataDepositBase = MetadataDepositBase;
	type MetadataDepositPerByte = MetadataDepositPerByte;
	type ApprovalDeposit = ApprovalDeposit;
	type StringLimit = ConstU32<50>;
	type Freezer = ();
	type Holder = ();
	type Extra = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	type WeightInfo = crate::weights::pallet_assets::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

parameter_types! {
	pub const CouncilMotionDuration: BlockNumber = 3 * DAYS;
	pub const CouncilMaxProposals: u32 = 100;
	pub const CouncilMaxMembers: u32 = 32;
	pub MaxProposalWeight: Weight = Perbill::from_percent(50) * RuntimeBlockWeights::get().max_block;
}

/// The city council: the institutions that run the chain.
pub type CouncilCollective = pallet_collective::Instance1;

impl pallet_collective::Config<CouncilCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = CouncilMotionDuration;
	type MaxProposals = CouncilMaxProposals;
	type MaxMembers = CouncilMaxMembers;
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	type SetMembersOrigin = EnsureRoot<AccountId>;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = EnsureRoot<AccountId>;
	type KillOrigin = EnsureRoot<AccountId>;
	type Consideration = ();
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = OriginCaller;
	type WeightInfo = pallet_utility::weights::SubstrateWeight<Runtime>;
}

/// The city acting: root (sudo on dev chains, a runtime upgrade's governance) or more than
/// half of the council.
pub type CityOrigin = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureProportionMoreThan<AccountId, CouncilCollective, 1, 2>,
>;

parameter_types! {
	pub const MaxRecoveryDelay: u64 = 30 * DAY_MS;
	/// Twenty fee-free public-service calls per citizen per day.
	pub const FreeCallPeriod: u64 = DAY_MS;
}

impl pallet_citizen_id::Config for Runtime {
	type AdminOrigin = CityOrigin;
	type Time = Timestamp;
	type MaxCredentialsPerCitizen = ConstU32<64>;
	type MaxRecoveryDelay = MaxRecoveryDelay;
	type FreeCallsPerPeriod = ConstU32<20>;
	type FreeCallPeriod = FreeCallPeriod;
	/// A full batch weighs about 8 % of the normal class (see the pallet's README): twelve
	/// fit a block.
	type MaxRegistrationBatch = ConstU32<500>;
	type WeightInfo = pallet_citizen_id::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	pub const PolicyFundsPalletId: frame_support::PalletId = frame_support::PalletId(*b"cty/fund");
	pub const LocalCurrency: AssetId = LOCAL_CURRENCY_ID;
}

/// The local currency seen as one fungible: what every citizen service pays in.
pub type LocalCurrencyFungible =
	frame_support::traits::fungible::ItemOf<Assets, LocalCurrency, AccountId>;

impl pallet_policy_funds::Config for Runtime {
	type AdminOrigin = CityOrigin;
	type CitizenOrigin = citizen_primitives::EnsureCitizen<CitizenId, AccountId>;
	type Currency = LocalCurrencyFungible;
	type Citizens = CitizenId;
	type Time = Timestamp;
	type PalletId = PolicyFundsPalletId;
	type MaxNameLength = ConstU32<64>;
	type MaxRequiredClaims = ConstU32<3>;
	type MaxCategoriesPerProgram = ConstU32<16>;
	type MaxOfficers = ConstU32<8>;
	type MaxLivePrograms = ConstU32<256>;
	type MaxExpiriesPerBlock = ConstU32<8>;
	type MaxProgramDuration = ConstU64<{ 2 * 365 * DAY_MS }>;
	type DirectSpend = DirectSpend;
	type WeightInfo = pallet_policy_funds::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkClock = BenchmarkClock;
}

parameter_types! {
	pub const YouthCulturePassPalletId: frame_support::PalletId =
		frame_support::PalletId(*b"cty/ycps");
}

/// Whose vouchers a citizen may spend at a merchant's counter: the city's programs and every
/// service's, except the youth culture pass, which pays only for city-designated offers
/// through its own bookings.
pub struct DirectSpend;
impl frame_support::traits::Contains<citizen_primitives::ProgramOwner> for DirectSpend {
	fn contains(owner: &citizen_primitives::ProgramOwner) -> bool {
		*owner != citizen_primitives::ProgramOwner::service(YouthCulturePassPalletId::get())
	}
}

/// Sets `pallet-timestamp`'s clock in benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkClock;
#[cfg(feature = "runtime-benchmarks")]
impl citizen_primitives::BenchmarkClock for BenchmarkClock {
	fn set_now(now: u64) {
		pallet_timestamp::Now::<Runtime>::put(now);
	}
}

parameter_types! {
	pub const MultiChildPointsPalletId: frame_support::PalletId =
		frame_support::PalletId(*b"cty/mcpt");
}

impl pallet_multi_child_points::Config for Runtime {
	type AdminOrigin = CityOrigin;
	type CitizenOrigin = citizen_primitives::EnsureCitizen<CitizenId, AccountId>;
	type Citizens = CitizenId;
	type Balance = Balance;
	type Ledger = PolicyFunds;
	type OthersMoney = (FacilityBooking, YouthCulturePass);
	type Time = Timestamp;
	type PalletId = MultiChildPointsPalletId;
	type MaxTiers = ConstU32<4>;
	type MaxNameLength = ConstU32<64>;
	type MaxCategories = ConstU32<16>;
	type WeightInfo = pallet_multi_child_points::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkClock = BenchmarkClock;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MultiChildPointsBenchmarks;
}

/// Benchmarks only: `who` receives `amount` more of the local currency (minted).
#[cfg(feature = "runtime-benchmarks")]
fn mint_local_currency(who: &AccountId, amount: Balance) {
	use frame_support::traits::fungible::Mutate;
	let _ = LocalCurrencyFungible::mint_into(who, amount);
}

/// Sets up what the multi-child points benchmarks need in this runtime: merchant categories in
/// policy funds, and local currency for the treasury.
#[cfg(feature = "runtime-benchmarks")]
pub struct MultiChildPointsBenchmarks;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_multi_child_points::BenchmarkHelper<AccountId, Balance> for MultiChildPointsBenchmarks {
	fn create_categories(categories: &[citizen_primitives::MerchantCategory]) {
		for category in categories {
			let name = citizen_primitives::LocalizedName::truncate_from(
				b"benchmark".to_vec(),
				b"benchmark".to_vec(),
			);
			pallet_policy_funds::Categories::<Runtime>::insert(category, name);
		}
	}
	fn fund_account(who: &AccountId, amount: Balance) {
		mint_local_currency(who, amount);
	}
}

impl pallet_youth_culture_pass::Config for Runtime {
	type AdminOrigin = CityOrigin;
	type CitizenOrigin = citizen_primitives::EnsureCitizen<CitizenId, AccountId>;
	type Citizens = CitizenId;
	type Balance = Balance;
	type Currency = LocalCurrencyFungible;
	type Ledger = PolicyFunds;
	type OthersMoney = (FacilityBooking, YouthCulturePass);
	type Time = Timestamp;
	type PalletId = YouthCulturePassPalletId;
	type Beacon = pallet_youth_culture_pass::DrandBeacon;
	// A hundred 6-second slots between the last entry and the beacon round: a block that
	// still took entries once the beacon is out would need every honest validator silent (or
	// a reorganisation of finalised blocks) for ten minutes.
	type MinBeaconDelay = ConstU64<{ 10 * 60_000 }>;
	// A round is announced at least a minute before its entries open: no same-block insiders.
	type MinNotice = ConstU64<60_000>;
	type BeaconGrace = ConstU64<{ 2 * DAY_MS }>;
	type WaitlistClaimWindow = ConstU64<{ 2 * DAY_MS }>;
	type MaxTiers = ConstU32<4>;
	type MaxNameLength = ConstU32<64>;
	type MaxEntriesPerRound = ConstU32<100_000>;
	type MaxSeatsPerOffer = ConstU32<10_000>;
	type MaxBookingsPerPass = ConstU32<20>;
	type MaxDrawStepsPerCall = ConstU32<1_000>;
	type MaxReclaimsPerBlock = ConstU32<500>;
	type MaxSettlementsPerCall = ConstU32<500>;
	type MaxLiveRounds = ConstU32<8>;
	type MaxLiveOffers = ConstU32<256>;
	type WeightInfo = pallet_youth_culture_pass::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkClock = BenchmarkClock;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ServiceBenchmarks;
}

parameter_types! {
	pub const FacilityBookingPalletId: frame_support::PalletId =
		frame_support::PalletId(*b"cty/fclt");
}

impl pallet_facility_booking::Config for Runtime {
	type AdminOrigin = CityOrigin;
	type CitizenOrigin = citizen_primitives::EnsureCitizen<CitizenId, AccountId>;
	type Citizens = CitizenId;
	type Balance = Balance;
	type Currency = LocalCurrencyFungible;
	type Time = Timestamp;
	type PalletId = FacilityBookingPalletId;
	// Korea Standard Time.
	type UtcOffsetMinutes = ConstI32<540>;
	type MaxZones = ConstU32<128>;
	type MaxNeighbours = ConstU32<12>;
	type MaxFacilitiesPerZone = ConstU32<256>;
	type MaxNameLength = ConstU32<64>;
	type MaxSlotsPerDay = ConstU32<96>;
	// Busan Library: 60 places × 9 one-hour slots = 540 bookings on a busy day.
	type MaxBookingsPerDay = ConstU32<1_024>;
	type MaxLiveBookingsPerCitizen = ConstU32<16>;
	type MaxRefundTiers = ConstU32<4>;
	type MaxNoShowsRemembered = ConstU32<8>;
	type MaxNearResults = ConstU32<50>;
	type MaxCancellationsPerStep = ConstU32<32>;
	type MaxClosureDays = ConstU32<31>;
	type MaxClosuresPerFacility = ConstU32<8>;
	type MaxPendingClosures = ConstU32<64>;
	type MaxHorizonDays = ConstU16<90>;
	type CheckInOpensBefore = ConstU64<{ 30 * 60_000 }>;
	type MaxSelfCheckInWindow = ConstU64<{ 12 * 60 * 60_000 }>;
	type ReapAfterDays = ConstU32<7>;
	// A semester's course meets at most twice a week for 16 weeks.
	type MaxSessions = ConstU32<32>;
	type MaxCourseSeats = ConstU32<300>;
	type MaxWaitlist = ConstU32<1_000>;
	type MaxCoursesPerFacility = ConstU32<32>;
	type MaxCoursesPerZone = ConstU32<256>;
	type MaxCoursesPerCitizen = ConstU32<8>;
	type MaxRequiredClaims = ConstU32<3>;
	// Seongdong-gu holds an unpaid place two days; a week at most.
	type MaxOfferMinutes = ConstU32<{ 7 * 24 * 60 }>;
	type MaxScheduleDays = ConstU32<366>;
	type MaxEventsPerZone = ConstU32<256>;
	type MaxEventCapacity = ConstU32<10_000>;
	type MaxEventsPerCitizen = ConstU32<16>;
	type MaxPendingCancellations = ConstU32<64>;
	type WeightInfo = pallet_facility_booking::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkClock = BenchmarkClock;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ServiceBenchmarks;
}

/// Sets up what the youth pass and facility booking benchmarks need in this runtime: local
/// currency, an organiser registered as a merchant, a dev beacon round.
#[cfg(feature = "runtime-benchmarks")]
pub struct ServiceBenchmarks;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_youth_culture_pass::BenchmarkHelper<AccountId, Balance> for ServiceBenchmarks {
	fn fund_account(who: &AccountId, amount: Balance) {
		mint_local_currency(who, amount);
	}
	fn register_merchant(who: &AccountId) {
		const CULTURE: citizen_primitives::MerchantCategory = 9_999;
		let name = citizen_primitives::LocalizedName::truncate_from(
			b"benchmark".to_vec(),
			b"benchmark".to_vec(),
		);
		pallet_policy_funds::Categories::<Runtime>::insert(CULTURE, name);
		let _ = PolicyFunds::register_merchant(
			RuntimeOrigin::root(),
			sp_runtime::MultiAddress::Id(who.clone()),
			CULTURE,
			1,
		);
	}
	fn beacon() -> (u64, [u8; 48]) {
		pallet_youth_culture_pass::dev_beacon_round()
	}
}
#[cfg(feature = "runtime-benchmarks")]
impl pallet_facility_booking::BenchmarkHelper<AccountId, Balance> for ServiceBenchmarks {
	fn fund_account(who: &AccountId, amount: Balance) {
		mint_local_currency(who, amount);
	}
}
