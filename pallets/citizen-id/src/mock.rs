//! A minimal runtime for the citizen ID pallet's unit tests.

use crate as pallet_citizen_id;
use citizen_primitives::{testing::MockTime, ClaimKind, Moment};
use frame_support::{derive_impl, parameter_types, traits::ConstU32};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		CitizenIds: pallet_citizen_id,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

parameter_types! {
	pub const MaxRecoveryDelay: Moment = 30 * DAY;
	pub const FreeCallPeriod: Moment = DAY;
}

impl pallet_citizen_id::Config for Test {
	type AdminOrigin = EnsureRoot<u64>;
	type Time = MockTime;
	type MaxCredentialsPerCitizen = ConstU32<3>;
	type MaxRecoveryDelay = MaxRecoveryDelay;
	type FreeCallsPerPeriod = ConstU32<2>;
	type FreeCallPeriod = FreeCallPeriod;
	type MaxRegistrationBatch = ConstU32<8>;
	type WeightInfo = ();
}

pub use citizen_primitives::DAY;
/// Genesis time of the test chain: 2026-01-01.
pub const START: Moment = citizen_primitives::testing::epochs::JAN_1_2026;
pub const RECOVERY_DELAY: Moment = DAY;

/// The city's district office: may attest every kind.
pub const OFFICE: u64 = 1;
/// The partner bank: may attest residence only.
pub const BANK: u64 = 2;
pub const ALICE: u64 = 10;
pub const BOB: u64 = 11;
pub const ALICE_NEW_PHONE: u64 = 12;
pub const MALLORY: u64 = 99;

pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_citizen_id::GenesisConfig::<Test> {
		issuers: vec![(OFFICE, ClaimKind::ALL.to_vec()), (BANK, vec![ClaimKind::Resident])],
		recovery_delay: RECOVERY_DELAY,
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		MockTime::set(START);
	});
	ext
}

/// Run `test` in a fresh chain and check the pallet's invariants afterwards.
pub fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		CitizenIds::do_try_state().expect("invariants hold");
	});
}
