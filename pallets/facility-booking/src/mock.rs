//! A minimal runtime for the facility booking unit tests: balances stand in for the local
//! currency; the citizen registry and the clock are the test doubles of
//! `citizen_primitives::testing`.

use crate as pallet_facility_booking;
use crate::*;
pub use citizen_primitives::DAY;
use citizen_primitives::{
	testing::{MockCitizenRegistry, MockTime},
	ClaimValue, EnsureCitizen,
};
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU16, ConstU32, ConstU64},
	PalletId,
};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		FacilityBooking: pallet_facility_booking,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

/// The local currency's balance: `u128`, as in the runtime.
pub type Balance = u128;

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type AccountStore = System;
	type ExistentialDeposit = ExistentialDeposit;
}

parameter_types! {
	pub const BookingPalletId: PalletId = PalletId(*b"cty/fclt");
	/// The currency's minimum balance; a test may raise it (`ExistentialDeposit::set(100)`).
	pub static ExistentialDeposit: Balance = 1;
	/// Korea: UTC+9.
	pub const UtcOffset: i32 = 540;
	/// Zone bounds, small for the unit tests; the scale test raises them to Busan's size.
	pub static ZoneBound: u32 = 8;
	pub static NeighbourBound: u32 = 4;
	pub static ZoneFacilityBound: u32 = 6;
	/// Bookings of a facility a day: the library's 10 places × 9 slots fit.
	pub static DayBookingBound: u32 = 96;
	/// Citizens on a course's waitlist: small for the unit tests; the scale test raises it to
	/// the runtime's 1,000.
	pub static WaitlistBound: u32 = 4;
	/// Seats of a course.
	pub static SeatBound: u32 = 10;
	/// Courses a citizen is in.
	pub static CitizenCourseBound: u32 = 3;
}

impl pallet_facility_booking::Config for Test {
	type AdminOrigin = EnsureRoot<u64>;
	type CitizenOrigin = EnsureCitizen<MockCitizenRegistry, u64>;
	type Citizens = MockCitizenRegistry;
	type Balance = Balance;
	type Currency = Balances;
	type Time = MockTime;
	type PalletId = BookingPalletId;
	type UtcOffsetMinutes = UtcOffset;
	type MaxZones = ZoneBound;
	type MaxNeighbours = NeighbourBound;
	type MaxFacilitiesPerZone = ZoneFacilityBound;
	type MaxNameLength = ConstU32<32>;
	type MaxSlotsPerDay = ConstU32<96>;
	type MaxBookingsPerDay = DayBookingBound;
	type MaxLiveBookingsPerCitizen = ConstU32<4>;
	type MaxRefundTiers = ConstU32<4>;
	type MaxNoShowsRemembered = ConstU32<4>;
	type MaxNearResults = ConstU32<5>;
	type MaxCancellationsPerStep = ConstU32<3>;
	type MaxClosureDays = ConstU32<7>;
	type MaxClosuresPerFacility = ConstU32<3>;
	type MaxPendingClosures = ConstU32<2>;
	type MaxHorizonDays = ConstU16<60>;
	type CheckInOpensBefore = ConstU64<{ 30 * 60_000 }>;
	type MaxSelfCheckInWindow = ConstU64<{ 12 * 3_600_000 }>;
	type ReapAfterDays = ConstU32<1>;
	type MaxSessions = ConstU32<8>;
	type MaxCourseSeats = SeatBound;
	type MaxWaitlist = WaitlistBound;
	type MaxCoursesPerFacility = ConstU32<3>;
	type MaxCoursesPerZone = ConstU32<4>;
	type MaxCoursesPerCitizen = CitizenCourseBound;
	type MaxRequiredClaims = ConstU32<3>;
	type MaxOfferMinutes = ConstU32<{ 2 * 1440 }>;
	type MaxScheduleDays = ConstU32<120>;
	type MaxEventsPerZone = ConstU32<4>;
	type MaxEventCapacity = ConstU32<3>;
	type MaxEventsPerCitizen = ConstU32<3>;
	type MaxPendingCancellations = ConstU32<2>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkClock = MockTime;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Funder;
}

/// Funds benchmark accounts in the mock's currency.
#[cfg(feature = "runtime-benchmarks")]
pub struct Funder;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64, Balance> for Funder {
	fn fund_account(who: &u64, amount: Balance) {
		use frame_support::traits::fungible::Mutate;
		let _ = Balances::set_balance(who, amount);
	}
}

/// Friday 22 May 2026, 09:00 in Busan (00:00 UTC).
pub const START: Moment = citizen_primitives::testing::epochs::MAY_22_2026;

/// Facility managers.
pub const MANAGER: u64 = 2;
pub const OTHER_MANAGER: u64 = 3;
/// Alice lives in zone 1, Bob in zone 2; Carol holds no resident claim. Dave is no citizen.
pub const ALICE: u64 = 10;
pub const BOB: u64 = 11;
pub const CAROL: u64 = 12;
pub const DAVE: u64 = 40;
pub const ALICE_ID: CitizenId = 100;
pub const BOB_ID: CitizenId = 101;
pub const CAROL_ID: CitizenId = 102;
/// What every citizen holds of the local currency at genesis.
pub const ENDOWMENT: Balance = 1_000_000;

/// Zones: Seomyeon (1), Jeonpo (2, a neighbour), Haeundae (3, far, a neighbour of 2 only).
pub const SEOMYEON: ZoneId = 1;
pub const JEONPO: ZoneId = 2;
pub const HAEUNDAE: ZoneId = 3;
pub const SEOMYEON_POINT: GeoPoint = GeoPoint::new(35_157_900, 129_059_400);
pub const JEONPO_POINT: GeoPoint = GeoPoint::new(35_154_000, 129_066_000);
pub const HAEUNDAE_POINT: GeoPoint = GeoPoint::new(35_163_100, 129_163_600);

/// Categories: libraries (no quota, no penalty) and sports halls (3 a month; 3 no-shows in
/// 90 days → 30 days).
pub const LIBRARY: CategoryId = 1;
pub const SPORTS: CategoryId = 2;
pub const SPORTS_RULES: CategoryRules = CategoryRules {
	monthly_quota: 3,
	no_show_limit: 3,
	no_show_window: 90 * DAY,
	suspension: 30 * DAY,
};

/// Facility 0: a free library in Seomyeon, 10 places, 09:00–18:00 every day, hourly slots,
/// residents 14 days ahead, everyone 7.
pub const LIB: FacilityId = 0;
/// Facility 1: a sports hall in Seomyeon, 2 places, 06:00–22:00 on weekdays, closed on
/// Sundays, hourly slots, 10,000 won a slot, refunds 100 % ≥ 5 days, 90 % ≥ 1 day, 0 % on
/// the day.
pub const HALL: FacilityId = 1;
/// The hall's fee.
pub const FEE: Balance = 10_000;

/// Every day 09:00–18:00.
pub fn library_hours() -> WeekHours {
	[Some((540, 1080)); 7]
}

/// 06:00–22:00, Sundays closed.
pub fn hall_hours() -> WeekHours {
	let mut h = [Some((360, 1320)); 7];
	h[6] = None;
	h
}

/// The refund tiers of Busan's halls.
pub fn tiers() -> alloc::vec::Vec<RefundTier> {
	alloc::vec![
		RefundTier { min_days_before: 5, percent: 100 },
		RefundTier { min_days_before: 1, percent: 90 },
		RefundTier { min_days_before: 0, percent: 0 },
	]
}

fn genesis_zone(id: ZoneId, en: &str, point: GeoPoint, neighbours: &[ZoneId]) -> GenesisZone {
	GenesisZone {
		id,
		name_ko: "구역".as_bytes().to_vec(),
		name_en: en.as_bytes().to_vec(),
		point,
		neighbours: neighbours.to_vec(),
	}
}

/// The tests' genesis: three zones, two categories, the library and the hall.
pub fn genesis() -> GenesisConfig<Test> {
	GenesisConfig {
		zones: alloc::vec![
			genesis_zone(SEOMYEON, "Seomyeon", SEOMYEON_POINT, &[JEONPO]),
			genesis_zone(JEONPO, "Jeonpo", JEONPO_POINT, &[SEOMYEON, HAEUNDAE]),
			genesis_zone(HAEUNDAE, "Haeundae", HAEUNDAE_POINT, &[JEONPO]),
		],
		categories: alloc::vec![
			GenesisCategory {
				id: LIBRARY,
				name_ko: "도서관".as_bytes().to_vec(),
				name_en: b"Library".to_vec(),
				rules: CategoryRules::default(),
			},
			GenesisCategory {
				id: SPORTS,
				name_ko: "체육시설".as_bytes().to_vec(),
				name_en: b"Sports hall".to_vec(),
				rules: SPORTS_RULES,
			},
		],
		facilities: alloc::vec![
			GenesisFacility {
				zone: SEOMYEON,
				category: LIBRARY,
				name_ko: "서면도서관".as_bytes().to_vec(),
				name_en: b"Seomyeon Library".to_vec(),
				location: GeoPoint::new(35_158_500, 129_060_000),
				capacity: 10,
				max_party: None,
				hours: library_hours(),
				slot_minutes: 60,
				resident_horizon_days: 14,
				public_horizon_days: 7,
				fee: None,
				refund_tiers: alloc::vec![],
				manager: MANAGER,
			},
			GenesisFacility {
				zone: SEOMYEON,
				category: SPORTS,
				name_ko: "서면체육관".as_bytes().to_vec(),
				name_en: b"Seomyeon Sports Hall".to_vec(),
				location: GeoPoint::new(35_156_000, 129_057_000),
				capacity: 2,
				max_party: None,
				hours: hall_hours(),
				slot_minutes: 60,
				resident_horizon_days: 14,
				public_horizon_days: 7,
				fee: Some(FEE),
				refund_tiers: tiers(),
				manager: MANAGER,
			},
		],
	}
}

/// A chain built from `config`, with the tests' citizens, money and clock.
pub fn new_test_ext_with(config: GenesisConfig<Test>) -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: alloc::vec![(ALICE, ENDOWMENT), (BOB, ENDOWMENT), (CAROL, ENDOWMENT)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	config.assimilate_storage(&mut storage).unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		MockTime::set(START);
		for (id, account) in [(ALICE_ID, ALICE), (BOB_ID, BOB), (CAROL_ID, CAROL)] {
			MockCitizenRegistry::add_citizen(id, account);
		}
		for (id, zone) in [(ALICE_ID, SEOMYEON), (BOB_ID, JEONPO)] {
			MockCitizenRegistry::add_claim(
				id,
				ClaimValue::Resident { zone, since: START - 365 * DAY },
				START + 365 * DAY,
			);
		}
	});
	ext
}

/// The tests' chain.
pub fn new_test_ext() -> sp_io::TestExternalities {
	new_test_ext_with(genesis())
}

/// Run `test` in a fresh chain, then check the invariants.
pub fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		FacilityBooking::do_try_state().expect("invariants hold");
	});
}
