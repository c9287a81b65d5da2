//! A minimal runtime for the multi-child points unit tests: the citizen registry, the ledger
//! (policy funds) and the clock are the test doubles of `citizen_primitives::testing`.

use crate as pallet_multi_child_points;
use crate::*;
pub use citizen_primitives::DAY;
use citizen_primitives::{
	testing::{MockCitizenRegistry, MockTime, MockVoucherLedger},
	ClaimValue, EnsureCitizen,
};
use frame_support::{derive_impl, parameter_types, traits::ConstU32, PalletId};
use frame_system::EnsureRoot;
use sp_core::H256;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		MultiChildPoints: pallet_multi_child_points,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

/// The local currency's balance: `u128`, as in the runtime and the ledger double.
pub type Balance = u128;

parameter_types! {
	pub const PointsPalletId: PalletId = PalletId(*b"cty/mcpt");
}

impl pallet_multi_child_points::Config for Test {
	type AdminOrigin = EnsureRoot<u64>;
	type CitizenOrigin = EnsureCitizen<MockCitizenRegistry, u64>;
	type Citizens = MockCitizenRegistry;
	type Balance = Balance;
	type Ledger = MockVoucherLedger;
	type OthersMoney = citizen_primitives::testing::MockOthersMoney;
	type Time = MockTime;
	type PalletId = PointsPalletId;
	type MaxTiers = ConstU32<4>;
	type MaxNameLength = ConstU32<32>;
	type MaxCategories = ConstU32<4>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkClock = MockTime;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

/// 2026-05-22, when applications open.
pub const START: Moment = citizen_primitives::testing::epochs::MAY_22_2026;
/// The year of the tests' scheme.
pub const YEAR: Year = 2026;

/// The city's treasury.
pub const TREASURY: u64 = 1;
pub const BOOKSHOP: u64 = 20;
pub const CRAM_SCHOOL: u64 = 21;
/// Alice and Bob: residents for a year, the two guardians of household 7 (three children).
pub const ALICE: u64 = 10;
pub const BOB: u64 = 11;
/// Carol: a resident for a year, guardian of household 9 (two children).
pub const CAROL: u64 = 12;
/// Dave: a resident of one month, guardian of household 10 (two children).
pub const DAVE: u64 = 13;
/// Erin: a resident for a year with no household claim.
pub const ERIN: u64 = 14;
pub const ALICE_ID: CitizenId = 100;
pub const BOB_ID: CitizenId = 101;
pub const CAROL_ID: CitizenId = 102;
pub const DAVE_ID: CitizenId = 103;
pub const ERIN_ID: CitizenId = 104;

pub const BOOKS: MerchantCategory = 1;
pub const CRAM: MerchantCategory = 2;
pub const SPORTS: MerchantCategory = 3;

/// Household commitments.
pub fn household(n: u8) -> H256 {
	H256::repeat_byte(n)
}

/// When every claim of the tests ends.
pub const CLAIMS_UNTIL: Moment = START + 365 * DAY;

/// A chain whose genesis names `treasury`, with the tests' citizens and clock.
pub fn new_test_ext_with(treasury: Option<u64>) -> sp_io::TestExternalities {
	let storage = RuntimeGenesisConfig {
		system: Default::default(),
		multi_child_points: pallet_multi_child_points::GenesisConfig { treasury },
	}
	.build_storage()
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		MockTime::set(START);
		for (id, account, since) in [
			(ALICE_ID, ALICE, START - 365 * DAY),
			(BOB_ID, BOB, START - 365 * DAY),
			(CAROL_ID, CAROL, START - 365 * DAY),
			(DAVE_ID, DAVE, START - 30 * DAY),
			(ERIN_ID, ERIN, START - 365 * DAY),
		] {
			MockCitizenRegistry::add_citizen(id, account);
			MockCitizenRegistry::add_claim(
				id,
				ClaimValue::Resident { zone: 3, since },
				CLAIMS_UNTIL,
			);
		}
		for (id, h, children) in
			[(ALICE_ID, 7, 3), (BOB_ID, 7, 3), (CAROL_ID, 9, 2), (DAVE_ID, 10, 2)]
		{
			MockCitizenRegistry::add_claim(
				id,
				ClaimValue::MultiChildHousehold { household: household(h), children },
				CLAIMS_UNTIL,
			);
		}
	});
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

/// Run `test` in a fresh chain with no treasury named at genesis, then check the invariants.
pub fn run_without_treasury(test: impl FnOnce()) {
	new_test_ext_with(None).execute_with(|| {
		test();
		check_invariants();
	});
}

/// The pallet's invariants (`do_try_state`), and the money in the ledger double: while every
/// scheme's program is spendable, the free budgets, the households' vouchers and what the
/// merchants were paid add up to what the treasury put in.
pub fn check_invariants() {
	MultiChildPoints::do_try_state().expect("invariants hold");
	let now = <MockTime as frame_support::traits::Time>::now();
	let schemes: Vec<_> = Schemes::<Test>::iter().collect();
	if schemes.iter().any(|(_, s)| now >= s.terms.spend_until) {
		return; // forfeited value is the ledger's business (policy funds' expiry)
	}
	let mut funded = 0u128;
	let mut held = 0u128;
	for (year, s) in schemes {
		funded += Reports::<Test>::get(year).expect("a report").funded;
		held += MockVoucherLedger::free(s.program);
		// Each guardian's voucher once (a citizen whose grant was recovered may be named by
		// two grants).
		let guardians: std::collections::BTreeSet<_> =
			Grants::<Test>::iter_prefix_values(year).map(|g| g.citizen).collect();
		for citizen in guardians {
			held += <MockVoucherLedger as VoucherLedger<u64, Balance>>::balance(s.program, citizen);
		}
	}
	let paid = MockVoucherLedger::paid(BOOKSHOP) + MockVoucherLedger::paid(CRAM_SCHOOL);
	assert_eq!(held + paid, funded, "free budgets + vouchers + paid = funded");
}
