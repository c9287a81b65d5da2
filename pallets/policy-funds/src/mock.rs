//! A minimal runtime for the policy funds unit tests: balances stand in for the local
//! currency, the citizen registry and the clock are test doubles.

use crate as pallet_policy_funds;
use crate::*;
pub use citizen_primitives::DAY;
use citizen_primitives::{
	testing::{MockCitizenRegistry, MockTime},
	ClaimValue, EnsureCitizen,
};
use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::Inspect, ConstU32},
	PalletId,
};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Funds: pallet_policy_funds,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

/// The local currency's balance: `u128`, as in the runtime (and as the ledger's conformance
/// suite expects).
pub type Balance = u128;

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type AccountStore = System;
	type ExistentialDeposit = ExistentialDeposit;
}

parameter_types! {
	pub const FundsPalletId: PalletId = PalletId(*b"cty/fund");
	/// The currency's minimum balance; a test may raise it (`ExistentialDeposit::set(100)`).
	pub static ExistentialDeposit: Balance = 1;
	pub const MaxProgramDuration: Moment = 400 * DAY;
}

impl pallet_policy_funds::Config for Test {
	type AdminOrigin = EnsureRoot<u64>;
	type CitizenOrigin = EnsureCitizen<MockCitizenRegistry, u64>;
	type Currency = Balances;
	type Citizens = MockCitizenRegistry;
	type Time = MockTime;
	type PalletId = FundsPalletId;
	type MaxNameLength = ConstU32<32>;
	type MaxRequiredClaims = ConstU32<3>;
	type MaxCategoriesPerProgram = ConstU32<4>;
	type MaxOfficers = ConstU32<2>;
	type MaxLivePrograms = ConstU32<3>;
	type MaxExpiriesPerBlock = ConstU32<2>;
	type MaxProgramDuration = MaxProgramDuration;
	type DirectSpend = DirectSpend;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkClock = MockTime;
}

/// The service whose vouchers pay only through its bookings (as the youth culture pass's).
pub const BOOKINGS_ONLY: ProgramOwner = ProgramOwner::Service(*b"bookonly");

/// Every owner's vouchers can be spent directly except [`BOOKINGS_ONLY`]'s.
pub struct DirectSpend;
impl frame_support::traits::Contains<ProgramOwner> for DirectSpend {
	fn contains(owner: &ProgramOwner) -> bool {
		*owner != BOOKINGS_ONLY
	}
}

/// 2026-05-22, when applications open.
pub const START: Moment = citizen_primitives::testing::epochs::MAY_22_2026;

/// The city's treasury.
pub const TREASURY: u64 = 1;
pub const OFFICER: u64 = 2;
pub const BOOKSHOP: u64 = 20;
pub const CRAM_SCHOOL: u64 = 21;
pub const SWIMMING: u64 = 22;
pub const ALICE: u64 = 10;
pub const BOB: u64 = 11;
pub const CAROL: u64 = 12;
pub const ALICE_ID: CitizenId = 100;
pub const BOB_ID: CitizenId = 101;
pub const CAROL_ID: CitizenId = 102;

pub const BOOKS: MerchantCategory = 1;
pub const CRAM: MerchantCategory = 2;
pub const SPORTS: MerchantCategory = 3;

pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(TREASURY, 10_000_000), (ALICE, 10), (BOB, 10)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		MockTime::set(START);
		// Alice and Bob: residents for a year, guardians of the same three-child household.
		// Carol: a resident of one month, no household.
		let household = sp_core::H256::repeat_byte(7);
		for (id, account, since) in [
			(ALICE_ID, ALICE, START - 365 * DAY),
			(BOB_ID, BOB, START - 365 * DAY),
			(CAROL_ID, CAROL, START - 30 * DAY),
		] {
			MockCitizenRegistry::add_citizen(id, account);
			MockCitizenRegistry::add_claim(
				id,
				ClaimValue::Resident { zone: 3, since },
				START + 365 * DAY,
			);
		}
		for id in [ALICE_ID, BOB_ID] {
			MockCitizenRegistry::add_claim(
				id,
				ClaimValue::MultiChildHousehold { household, children: 3 },
				START + 365 * DAY,
			);
		}
	});
	ext
}

/// Run `test` in a fresh chain, then check the invariants: counters agree, and every program
/// account holds exactly its free budget plus its outstanding vouchers plus its holds.
pub fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		check_invariants();
	});
}

/// Every program account holds exactly its free budget, outstanding vouchers and holds. With
/// `u64` accounts the derived program accounts are truncated to the pallet id's prefix, so
/// here all programs share one account: it must hold exactly the sum over its programs.
pub fn check_invariants() {
	Funds::do_try_state().expect("invariants hold");
	let mut accounted = std::collections::BTreeMap::<u64, u128>::new();
	for (program, p) in Programs::<Test>::iter() {
		let r = Ledgers::<Test>::get(program).report().expect("counters in step");
		*accounted.entry(p.account).or_default() += r.free + r.outstanding + r.held;
	}
	for (account, sum) in accounted {
		assert_eq!(
			Balances::balance(&account),
			sum,
			"program account {account}: balance = free + outstanding + held of its programs"
		);
	}
}
