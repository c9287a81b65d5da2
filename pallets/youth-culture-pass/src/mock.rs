//! A minimal runtime for the youth culture pass unit tests: balances stand in for the local
//! currency; the citizen registry and the clock are the test doubles of
//! `citizen_primitives::testing`; the ledger is the double too, wrapped so that funding and
//! withdrawing move real balances (so the keeping account's money can be checked); the beacon
//! accepts the tests' fake signatures and, for anything else, checks a real one
//! ([`DrandBeacon`]).

use crate as pallet_youth_culture_pass;
use crate::*;
pub use citizen_primitives::DAY;
use citizen_primitives::{
	testing::{MockCitizenRegistry, MockTime, MockVoucherLedger},
	ClaimValue, EnsureCitizen, ProgramSpec,
};
use core::cell::RefCell;
use frame_support::{
	derive_impl, parameter_types,
	traits::{
		fungible::{Inspect, Mutate},
		tokens::Preservation,
		ConstU32,
	},
	PalletId,
};
use frame_system::EnsureRoot;
use sp_runtime::{BuildStorage, DispatchError, DispatchResult};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		YouthPass: pallet_youth_culture_pass,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type DbWeight = frame_support::weights::constants::ParityDbWeight;
	type AccountData = pallet_balances::AccountData<Balance>;
}

/// The local currency's balance: `u128`, as in the runtime and the ledger double.
pub type Balance = u128;

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type AccountStore = System;
	type ExistentialDeposit = ExistentialDeposit;
}

parameter_types! {
	pub const PassPalletId: PalletId = PalletId(*b"cty/ycps");
	pub static ExistentialDeposit: Balance = 10;
	/// No notice by default; a test may require some.
	pub static MinNotice: Moment = 0;
	pub const MinBeaconDelay: Moment = 10 * 60 * 1000;
	pub const BeaconGrace: Moment = DAY;
	pub const WaitlistClaimWindow: Moment = 2 * DAY;
	/// Most entries per round; a test may lower it.
	pub static MaxEntries: u32 = 2_000;
}

impl pallet_youth_culture_pass::Config for Test {
	type AdminOrigin = EnsureRoot<u64>;
	type CitizenOrigin = EnsureCitizen<MockCitizenRegistry, u64>;
	type Citizens = MockCitizenRegistry;
	type Balance = Balance;
	type Currency = Balances;
	type Ledger = TestLedger;
	type OthersMoney = (citizen_primitives::testing::MockOthersMoney, YouthPass);
	type Time = MockTime;
	type PalletId = PassPalletId;
	type Beacon = MockBeacon;
	type MinNotice = MinNotice;
	type MinBeaconDelay = MinBeaconDelay;
	type BeaconGrace = BeaconGrace;
	type WaitlistClaimWindow = WaitlistClaimWindow;
	type MaxTiers = ConstU32<4>;
	type MaxNameLength = ConstU32<32>;
	type MaxEntriesPerRound = MaxEntries;
	type MaxSeatsPerOffer = ConstU32<100>;
	type MaxBookingsPerPass = ConstU32<3>;
	type MaxDrawStepsPerCall = ConstU32<100>;
	type MaxReclaimsPerBlock = ConstU32<10>;
	type MaxSettlementsPerCall = ConstU32<10>;
	type MaxLiveRounds = ConstU32<4>;
	type MaxLiveOffers = ConstU32<4>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkClock = MockTime;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

/// The account a ledger-double program keeps its money in (the double's own).
pub fn program_account(program: ProgramId) -> u64 {
	MockVoucherLedger::program_account(program)
}

/// The ledger double, with money: funding moves the funder's balance into the program's
/// account and withdrawing moves it out, as policy funds does (the funder kept alive).
/// Settlements can be made to fail for a while ([`TestLedger::refuse_settlements`]), as policy
/// funds does for a suspended merchant.
pub struct TestLedger;

thread_local! {
	static SETTLEMENTS_REFUSED: RefCell<bool> = const { RefCell::new(false) };
}

impl TestLedger {
	/// Refuse (`true`) or accept every settlement from now on.
	pub fn refuse_settlements(refuse: bool) {
		SETTLEMENTS_REFUSED.with(|r| *r.borrow_mut() = refuse);
	}
}

impl VoucherLedger<u64, Balance> for TestLedger {
	fn credit(o: ProgramOwner, p: ProgramId, c: CitizenId, a: Balance) -> DispatchResult {
		MockVoucherLedger::credit(o, p, c, a)
	}
	fn spend(p: ProgramId, c: CitizenId, m: &u64, a: Balance) -> DispatchResult {
		MockVoucherLedger::spend(p, c, m, a)
	}
	fn hold(
		o: ProgramOwner,
		p: ProgramId,
		c: CitizenId,
		m: &u64,
		a: Balance,
	) -> Result<HoldId, DispatchError> {
		MockVoucherLedger::hold(o, p, c, m, a)
	}
	fn release(o: ProgramOwner, p: ProgramId, h: HoldId) -> DispatchResult {
		MockVoucherLedger::release(o, p, h)
	}
	fn settle(o: ProgramOwner, p: ProgramId, h: HoldId) -> DispatchResult {
		if SETTLEMENTS_REFUSED.with(|r| *r.borrow()) {
			return Err(DispatchError::Other("merchant suspended"));
		}
		MockVoucherLedger::settle(o, p, h)
	}
	fn expire(o: ProgramOwner, p: ProgramId, c: CitizenId) -> Result<Balance, DispatchError> {
		MockVoucherLedger::expire(o, p, c)
	}
	fn balance(p: ProgramId, c: CitizenId) -> Balance {
		MockVoucherLedger::balance(p, c)
	}
	fn has_voucher(p: ProgramId, c: CitizenId) -> bool {
		MockVoucherLedger::has_voucher(p, c)
	}
	fn held(p: ProgramId, h: HoldId) -> Option<(CitizenId, u64, Balance)> {
		MockVoucherLedger::held(p, h)
	}
}

impl ServicePrograms<u64, Balance> for TestLedger {
	fn open_program(
		owner: ProgramOwner,
		spec: ProgramSpec,
		funder: &u64,
		budget: Balance,
	) -> Result<ProgramId, DispatchError> {
		let next = MockVoucherLedger::open_program(owner, spec, funder, budget)?;
		Balances::transfer(funder, &program_account(next), budget, Preservation::Preserve)?;
		Ok(next)
	}
	fn fund_program(o: ProgramOwner, p: ProgramId, funder: &u64, a: Balance) -> DispatchResult {
		Balances::transfer(funder, &program_account(p), a, Preservation::Preserve)?;
		MockVoucherLedger::fund_program(o, p, funder, a)
	}
	fn withdraw(o: ProgramOwner, p: ProgramId, to: &u64, a: Balance) -> DispatchResult {
		if MockVoucherLedger::free(p) < a {
			return Err(DispatchError::Other("free budget too small"));
		}
		Balances::transfer(&program_account(p), to, a, Preservation::Expendable)?;
		MockVoucherLedger::withdraw(o, p, to, a)
	}
	fn free_budget(p: ProgramId) -> Balance {
		MockVoucherLedger::free(p)
	}
	fn is_program_account(who: &u64) -> bool {
		MockVoucherLedger::is_program_account(who)
	}
}

thread_local! {
	static BEACON_KEY: RefCell<u8> = const { RefCell::new(1) };
}

/// The tests' fake beacon: the signature of round `r` under key `k` is `sha256(k ++ r LE)`
/// followed by 16 bytes of `k`. Anything else is checked as a real drand signature.
pub struct MockBeacon;

impl MockBeacon {
	/// Use another key: every round's signature changes (a different beacon).
	pub fn set_key(key: u8) {
		BEACON_KEY.with(|k| *k.borrow_mut() = key);
	}
	/// The valid fake signature of `round` under the current key.
	pub fn sign(round: u64) -> BeaconSignature {
		let key = BEACON_KEY.with(|k| *k.borrow());
		let mut bytes = alloc::vec![key];
		bytes.extend_from_slice(&round.to_le_bytes());
		let digest = sp_io::hashing::sha2_256(&bytes);
		let mut sig = [key; 48];
		sig[..32].copy_from_slice(&digest);
		sig
	}
}

impl BeaconVerifier for MockBeacon {
	fn verify(info: &BeaconInfo, round: u64, signature: &BeaconSignature) -> Option<Seed> {
		if *signature == Self::sign(round) {
			return Some(citizen_drand::randomness(signature));
		}
		DrandBeacon::verify(info, round, signature)
	}
}

/// A real round of the dev beacon (`tests/vectors/drand-dev.json`): round 30662982, published
/// 2026-07-23.
pub const DEV_ROUND: u64 = 30_662_982;
pub const DEV_SIGNATURE: &str = "89b783e2c74aa93ba7d79e8ab65fbd4cf698df6a2c691fa85bec2e059f24651b649817956eaa49802d2bf66de0671a20";

/// [`DEV_SIGNATURE`] as bytes.
pub fn dev_signature() -> BeaconSignature {
	let mut sig = [0u8; 48];
	for (i, byte) in sig.iter_mut().enumerate() {
		*byte = u8::from_str_radix(&DEV_SIGNATURE[2 * i..2 * i + 2], 16).expect("hex");
	}
	sig
}

#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64, Balance> for MockBenchmarkHelper {
	fn fund_account(who: &u64, amount: Balance) {
		let _ = Balances::mint_into(who, amount);
	}
	fn register_merchant(_: &u64) {}
	fn beacon() -> (u64, BeaconSignature) {
		let beacon = crate::dev_beacon_round();
		assert_eq!(beacon, (DEV_ROUND, dev_signature()));
		beacon
	}
}

/// 2026-03-02, the tests' "now" at genesis.
pub const START: Moment = citizen_primitives::testing::epochs::JAN_1_2026 + 60 * DAY;
/// The year of the tests' rounds.
pub const YEAR: Year = 2026;

pub const TREASURY: u64 = 1;
pub const ORGANISER: u64 = 20;
pub const STRANGER: u64 = 30;
/// Alice, Bob, Carol, Dave: young residents. Erin: a resident, not young. Frank: young, not
/// a resident.
pub const ALICE: u64 = 10;
pub const BOB: u64 = 11;
pub const CAROL: u64 = 12;
pub const DAVE: u64 = 13;
pub const ERIN: u64 = 14;
pub const FRANK: u64 = 15;
pub const ALICE_ID: CitizenId = 100;
pub const BOB_ID: CitizenId = 101;
pub const CAROL_ID: CitizenId = 102;
pub const DAVE_ID: CitizenId = 103;
pub const ERIN_ID: CitizenId = 104;
pub const FRANK_ID: CitizenId = 105;

/// What each youth and the treasury start with.
pub const WALLET: Balance = 1_000_000;
pub const TREASURY_FUNDS: Balance = 1_000_000_000_000;
/// When every claim of the tests ends.
pub const CLAIMS_UNTIL: Moment = START + 2 * 365 * DAY;

/// Make `citizen` at `account` a young resident with [`WALLET`] of money.
pub fn add_youth(citizen: CitizenId, account: u64) {
	MockCitizenRegistry::add_citizen(citizen, account);
	MockCitizenRegistry::add_claim(citizen, ClaimValue::YouthAgeBand, CLAIMS_UNTIL);
	MockCitizenRegistry::add_claim(
		citizen,
		ClaimValue::Resident { zone: 3, since: START - 365 * DAY },
		CLAIMS_UNTIL,
	);
	let _ = Balances::mint_into(&account, WALLET);
}

/// The `i`-th of many extra youths: (account, citizen).
pub fn many(i: u32) -> (u64, CitizenId) {
	(10_000 + u64::from(i), 50_000 + u64::from(i))
}

/// A chain whose genesis names `treasury` and the dev beacon, with the tests' citizens.
pub fn new_test_ext_with(treasury: Option<u64>) -> sp_io::TestExternalities {
	let storage = RuntimeGenesisConfig {
		system: Default::default(),
		balances: pallet_balances::GenesisConfig {
			balances: vec![(TREASURY, TREASURY_FUNDS)],
			..Default::default()
		},
		youth_pass: pallet_youth_culture_pass::GenesisConfig {
			treasury,
			beacon: Some(BeaconInfo::DEV),
		},
	}
	.build_storage()
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		MockTime::set(START);
		for (id, account) in [(ALICE_ID, ALICE), (BOB_ID, BOB), (CAROL_ID, CAROL), (DAVE_ID, DAVE)]
		{
			add_youth(id, account);
		}
		add_youth(ERIN_ID, ERIN);
		MockCitizenRegistry::remove_claim(ERIN_ID, ClaimKind::YouthAgeBand);
		add_youth(FRANK_ID, FRANK);
		MockCitizenRegistry::remove_claim(FRANK_ID, ClaimKind::Resident);
		let _ = Balances::mint_into(&STRANGER, WALLET);
	});
	ext
}

/// The benchmarks' chain: the treasury and the dev beacon, no citizens (benchmarks make their
/// own).
#[cfg(feature = "runtime-benchmarks")]
pub fn new_bench_ext() -> sp_io::TestExternalities {
	let storage = RuntimeGenesisConfig {
		system: Default::default(),
		balances: pallet_balances::GenesisConfig {
			balances: vec![(TREASURY, TREASURY_FUNDS)],
			..Default::default()
		},
		youth_pass: pallet_youth_culture_pass::GenesisConfig {
			treasury: Some(TREASURY),
			beacon: Some(BeaconInfo::DEV),
		},
	}
	.build_storage()
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// A chain whose genesis names the treasury.
pub fn new_test_ext() -> sp_io::TestExternalities {
	new_test_ext_with(Some(TREASURY))
}

/// Run `test` in a fresh chain, then check the invariants.
pub fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		check_invariants();
	});
}

/// Run `test` in a fresh chain with no treasury, then check the invariants.
pub fn run_without_treasury(test: impl FnOnce()) {
	new_test_ext_with(None).execute_with(|| {
		test();
		check_invariants();
	});
}

/// The pallet's invariants, and the money: the keeping accounts (checked by `do_try_state`)
/// and, for every round, the program's account holds at least its free budget plus what
/// its passes still hold.
pub fn check_invariants() {
	YouthPass::do_try_state().expect("invariants hold");
	for (_, round) in Rounds::<Test>::iter() {
		let free = MockVoucherLedger::free(round.program);
		assert!(
			Balances::balance(&program_account(round.program)) >= free,
			"a program's account holds less than its free budget"
		);
	}
}
