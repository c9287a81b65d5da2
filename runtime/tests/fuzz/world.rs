//! The world every fuzz case starts from: the development preset plus a fixture with something
//! in every service (an issuer, citizens with claims, one suspended and one whose issuer was
//! removed, merchants, running city programs with vouchers and a pending application, a
//! multi-child scheme with a grant, a first-come and a lottery youth-pass round with offers
//! and a booking, facilities with a manager and bookings, a full course with a seat offered
//! and a waitlist, an event with places). Built once, snapshotted, and restored for each case.

use citizen_primitives::{ClaimKind, ClaimValue, LocalizedName};
use citizen_runtime::{
	test_helpers::preset_config, AccountId, Assets, Balance, BuildStorage, CitizenId,
	FacilityBooking, MultiChildPoints, PolicyFunds, Runtime, RuntimeOrigin, YouthCulturePass,
	DAY_MS, LOCAL_CURRENCY_ID, UNIT,
};
use frame_support::{assert_ok, BoundedBTreeSet, BoundedVec};
use sp_core::{crypto::Pair as _, ed25519, H256};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{MultiSignature, StateVersion};

pub const DAY: u64 = DAY_MS;
pub const SLOT: u64 = citizen_runtime::SLOT_DURATION;
/// 2026-06-17 00:00 UTC: the world's clock. The youth lottery's entries open two weeks later
/// (2026-07-01) and close 2026-07-11, before the dev beacon's round `BEACON_ROUND` (2026-07-23).
pub const T0: u64 = citizen_primitives::testing::epochs::JAN_1_2026 + 167 * DAY;
/// The dev beacon's round and its genuine signature (`tests/vectors/drand-dev.json`).
pub const BEACON_ROUND: u64 = 30_662_982;
pub const BEACON_SIGNATURE: [u8; 48] = sp_core::hex2array!(
	"89b783e2c74aa93ba7d79e8ab65fbd4cf698df6a2c691fa85bec2e059f24651b649817956eaa49802d2bf66de0671a20"
);
/// When the dev beacon publishes `BEACON_ROUND`: 2026-07-23 07:38:30 UTC.
pub const BEACON_TIME: u64 = 1_784_792_310_000;
/// A genuine dev-beacon signature of another round (1000).
pub const OTHER_ROUND_SIGNATURE: [u8; 48] = sp_core::hex2array!(
	"b0dd35be8cfafd6fba4e190f335131a1ec7ee5530c344464d75bacadd0dccaeddb5702fc26dcb7111264503307b9cb11"
);

/// The fixture's course's first session: 2026-06-24 10:00 local (01:00 UTC).
pub const COURSE_FIRST_SESSION: u64 = T0 + 7 * DAY + 3_600_000;
/// The fixture's event starts: 2026-06-20 09:00 local.
pub const EVENT_START: u64 = T0 + 3 * DAY;

/// Merchant categories of policy funds.
pub const BOOKS: u32 = 1;
pub const CRAM: u32 = 2;
pub const CULTURE: u32 = 3;
/// Household commitments of the multi-child claims.
pub const H1: H256 = H256::repeat_byte(0xA1);
pub const H2: H256 = H256::repeat_byte(0xA2);

/// How an actor signs.
#[derive(Clone, Copy, Debug)]
pub enum Key {
	Sr(Sr25519Keyring),
	Ed(u8),
}

impl Key {
	pub fn account(self) -> AccountId {
		match self {
			Key::Sr(k) => k.to_account_id(),
			Key::Ed(seed) => AccountId::from(ed25519::Pair::from_seed(&[seed; 32]).public().0),
		}
	}
	pub fn sign(self, payload: &[u8]) -> MultiSignature {
		match self {
			Key::Sr(k) => k.sign(payload).into(),
			Key::Ed(seed) => ed25519::Pair::from_seed(&[seed; 32]).sign(payload).into(),
		}
	}
}

/// Everyone who acts in the world, by index (`ACTORS[i]`).
pub const ACTORS: &[(&str, Key)] = &[
	("city(alice)", Key::Sr(Sr25519Keyring::Alice)),
	("bob", Key::Sr(Sr25519Keyring::Bob)),
	("charlie", Key::Sr(Sr25519Keyring::Charlie)),
	("issuer", Key::Ed(0x10)),
	("issuer2", Key::Ed(0x11)),
	("removed_issuer", Key::Ed(0x12)),
	("officer", Key::Ed(0x13)),
	("manager", Key::Ed(0x14)),
	("organiser", Key::Ed(0x15)),
	("bookshop", Key::Ed(0x16)),
	("cram_school", Key::Ed(0x17)),
	("stranger", Key::Ed(0x18)),
	("penniless", Key::Ed(0x19)),
	("c0", Key::Ed(0x20)),
	("c1", Key::Ed(0x21)),
	("c2", Key::Ed(0x22)),
	("c3", Key::Ed(0x23)),
	("c4_suspended", Key::Ed(0x24)),
	("c5_orphan", Key::Ed(0x25)),
	("c6_penniless", Key::Ed(0x26)),
	("newphone", Key::Ed(0x30)),
	("spare", Key::Ed(0x31)),
];

pub const CITY: usize = 0;
pub const BOB: usize = 1;
pub const CHARLIE: usize = 2;
pub const ISSUER: usize = 3;
pub const ISSUER2: usize = 4;
pub const REMOVED_ISSUER: usize = 5;
pub const OFFICER: usize = 6;
pub const MANAGER: usize = 7;
pub const ORGANISER: usize = 8;
pub const BOOKSHOP: usize = 9;
pub const CRAM_SCHOOL: usize = 10;
pub const STRANGER: usize = 11;
/// Citizens `c0..c6`: their citizen ids are `0..7` in this order.
pub const C0: usize = 13;
pub const C_SUSPENDED: usize = 17;
pub const C_ORPHAN: usize = 18;
pub const C_PENNILESS: usize = 19;
pub const NEWPHONE: usize = 20;
pub const SPARE: usize = 21;

pub fn account(actor: usize) -> AccountId {
	ACTORS[actor].1.account()
}

pub fn name_of(actor: usize) -> &'static str {
	ACTORS[actor].0
}

pub fn signed(actor: usize) -> RuntimeOrigin {
	RuntimeOrigin::signed(account(actor))
}

fn root() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

pub fn name<S: frame_support::traits::Get<u32>>(ko: &str, en: &str) -> LocalizedName<S> {
	LocalizedName::truncate_from(ko.as_bytes().to_vec(), en.as_bytes().to_vec())
}

pub fn set<V: Ord, S: frame_support::traits::Get<u32>>(
	items: impl IntoIterator<Item = V>,
) -> BoundedBTreeSet<V, S> {
	let mut set = BoundedBTreeSet::new();
	for item in items {
		let _ = set.try_insert(item);
	}
	set
}

/// The moments where something changes in the fixture's world (windows opening and closing,
/// offers' dates, expiries): the clock jumps to them.
pub fn boundaries() -> Vec<u64> {
	let beacon = BEACON_TIME;
	let mut all = vec![
		T0 + 2 * 60_000,
		T0 + 3 * 60_000 + DAY,
		EVENT_START,
		T0 + 5 * DAY,
		COURSE_FIRST_SESSION,
		COURSE_FIRST_SESSION + 7 * DAY,
		T0 + 10 * DAY,
		T0 + 14 * DAY,
		T0 + 20 * DAY,
		T0 + 24 * DAY,
		T0 + 25 * DAY,
		T0 + 30 * DAY,
		beacon,
		beacon + 2 * DAY,
		T0 + 55 * DAY,
		T0 + 60 * DAY,
		T0 + 90 * DAY,
		T0 + 120 * DAY,
		T0 + 134 * DAY,
		T0 + 200 * DAY,
		T0 + 365 * DAY,
	];
	all.sort();
	all
}

/// A world's storage, raw, and its root: restored for every case.
pub type Snapshot = (Vec<(Vec<u8>, (Vec<u8>, i32))>, H256);

/// Build the world: the development genesis plus the fixture, at block 0 with the clock at
/// `T0 + 3 min`. Returns the raw snapshot to restore cases from.
pub fn build() -> Snapshot {
	let storage = preset_config("development").build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new_with_state_version(storage, StateVersion::V1);
	ext.execute_with(fixture);
	ext.commit_all().unwrap();
	ext.into_raw_snapshot()
}

/// Restore a world from `build`'s snapshot.
pub fn restore(snapshot: &Snapshot) -> sp_io::TestExternalities {
	sp_io::TestExternalities::from_raw_snapshot(snapshot.0.clone(), snapshot.1, StateVersion::V1)
}

fn dbw_transfer(to: usize, amount: Balance) {
	assert_ok!(Assets::transfer(
		signed(CITY),
		LOCAL_CURRENCY_ID.into(),
		account(to).into(),
		amount
	));
}

fn native_transfer(to: usize, amount: Balance) {
	assert_ok!(pallet_balances::Pallet::<Runtime>::transfer_keep_alive(
		signed(CITY),
		account(to).into(),
		amount
	));
}

fn claim(citizen: u64, by: usize, value: ClaimValue) {
	assert_ok!(CitizenId::issue_claim(signed(by), citizen, value, T0 - DAY, T0 + 365 * DAY));
}

fn fixture() {
	pallet_timestamp::Now::<Runtime>::put(T0);
	// Issuers: one of everything, one of residence only, one that will be removed.
	let all = pallet_citizen_id::claim_kinds(ClaimKind::ALL);
	assert_ok!(CitizenId::register_issuer(root(), account(ISSUER).into(), all.clone()));
	assert_ok!(CitizenId::register_issuer(
		root(),
		account(ISSUER2).into(),
		pallet_citizen_id::claim_kinds([ClaimKind::Resident])
	));
	assert_ok!(CitizenId::register_issuer(root(), account(REMOVED_ISSUER).into(), all));

	// Citizens c0..c6 (ids 0..6): zone, youth, household.
	/// A citizen of the fixture: home zone, youth, household (commitment, children).
	type Fixture = (u16, bool, Option<(H256, u8)>);
	let citizens: [Fixture; 7] = [
		(5, true, Some((H1, 3))),
		(5, false, Some((H1, 3))),
		(9, true, None),
		(6, true, Some((H2, 2))),
		(5, true, None),
		(5, true, None),
		(6, true, None),
	];
	for (i, (zone, youth, household)) in citizens.into_iter().enumerate() {
		let by = if C0 + i == C_ORPHAN { REMOVED_ISSUER } else { ISSUER };
		assert_ok!(CitizenId::register_citizen(
			signed(by),
			account(C0 + i).into(),
			H256::repeat_byte(0x40 + i as u8),
			zone
		));
		let id = i as u64;
		claim(id, by, ClaimValue::Resident { zone, since: T0 - 400 * DAY });
		if youth {
			claim(id, by, ClaimValue::YouthAgeBand);
		}
		if let Some((household, children)) = household {
			claim(id, by, ClaimValue::MultiChildHousehold { household, children });
		}
	}

	// Money: local currency for citizens (not the penniless one) and the stranger; native
	// token for the officials, one citizen (c1) and the stranger, none for other citizens.
	for actor in [C0, C0 + 1, C0 + 2, C0 + 3, C_SUSPENDED, C_ORPHAN] {
		dbw_transfer(actor, 200_000);
	}
	dbw_transfer(STRANGER, 1_000_000);
	for actor in [ISSUER, ISSUER2, REMOVED_ISSUER, OFFICER, MANAGER, ORGANISER, STRANGER, C0 + 1] {
		native_transfer(actor, 100 * UNIT);
	}

	// Policy funds: categories and merchants.
	assert_ok!(PolicyFunds::add_category(root(), BOOKS, name("서점", "Books")));
	assert_ok!(PolicyFunds::add_category(root(), CRAM, name("학원", "Cram schools")));
	assert_ok!(PolicyFunds::add_category(root(), CULTURE, name("공연", "Culture")));
	assert_ok!(PolicyFunds::register_merchant(root(), account(BOOKSHOP).into(), BOOKS, 5));
	assert_ok!(PolicyFunds::register_merchant(root(), account(CRAM_SCHOOL).into(), CRAM, 5));
	assert_ok!(PolicyFunds::register_merchant(root(), account(ORGANISER).into(), CULTURE, 5));
	let officers: BoundedVec<AccountId, _> = BoundedVec::truncate_from(vec![account(OFFICER)]);
	// Program 0: automatic, per citizen, residents of 90 days, books and culture.
	assert_ok!(PolicyFunds::create_program(
		root(),
		pallet_policy_funds::ProgramTerms {
			name: name("교육 포인트", "Education points"),
			amount_per_grant: 300_000,
			required_claims: set([ClaimKind::Resident]),
			min_residence: 90 * DAY,
			apply_from: T0 - DAY,
			apply_until: T0 + 30 * DAY,
			spend_until: T0 + 90 * DAY,
			approval: pallet_policy_funds::ApprovalMode::Automatic,
			scope: pallet_policy_funds::GrantScope::PerCitizen,
			allowed_categories: set([BOOKS, CULTURE]),
			excluded_categories: set([]),
		},
		officers.clone()
	));
	assert_ok!(PolicyFunds::fund(signed(CITY), 0, 3_000_000));
	// Program 1: by an officer, per household, anywhere but cram schools.
	assert_ok!(PolicyFunds::create_program(
		root(),
		pallet_policy_funds::ProgramTerms {
			name: name("가구 지원", "Household grant"),
			amount_per_grant: 100_000,
			required_claims: set([ClaimKind::Resident, ClaimKind::MultiChildHousehold]),
			min_residence: 0,
			apply_from: T0 - DAY,
			apply_until: T0 + 20 * DAY,
			spend_until: T0 + 60 * DAY,
			approval: pallet_policy_funds::ApprovalMode::Manual,
			scope: pallet_policy_funds::GrantScope::PerHousehold,
			allowed_categories: set([]),
			excluded_categories: set([CRAM]),
		},
		officers
	));
	assert_ok!(PolicyFunds::fund(signed(CITY), 1, 1_000_000));
	assert_ok!(PolicyFunds::apply(signed(C0), 0));
	assert_ok!(PolicyFunds::apply(signed(C0 + 2), 0));
	assert_ok!(PolicyFunds::spend(signed(C0), 0, account(BOOKSHOP).into(), 45_000));
	assert_ok!(PolicyFunds::apply(signed(C0 + 1), 1));
	assert_ok!(PolicyFunds::apply(signed(C0 + 3), 1));
	assert_ok!(PolicyFunds::approve(signed(OFFICER), 1, 3));

	// Multi-child points 2026 (program 2): c0's household is granted.
	assert_ok!(MultiChildPoints::open_scheme(
		root(),
		2026,
		pallet_multi_child_points::SchemeTerms {
			name: name("다자녀 포인트", "Multi-child points"),
			tiers: BoundedVec::truncate_from(vec![
				pallet_multi_child_points::Tier { min_children: 2, amount: 300_000 },
				pallet_multi_child_points::Tier { min_children: 3, amount: 500_000 },
			]),
			min_residence: 90 * DAY,
			apply_from: T0 - DAY,
			apply_until: T0 + 60 * DAY,
			spend_until: T0 + 200 * DAY,
			allowed_categories: set([BOOKS]),
			excluded_categories: set([CRAM]),
			budget: 2_000_000,
		}
	));
	assert_ok!(MultiChildPoints::apply(signed(C0), 2026));

	// Youth culture pass: a first-come round 0 (program 3) and a lottery round 1 (program 4)
	// seeded by the dev beacon's round; an offer for each.
	use pallet_youth_culture_pass::{Mode, OfferKind, OfferTerms, RoundTerms, Tier};
	assert_ok!(YouthCulturePass::open_round(
		root(),
		RoundTerms {
			year: 2026,
			name: name("청년문화패스", "Youth culture pass"),
			tiers: BoundedVec::truncate_from(vec![
				Tier { face: 100_000, co_payment: 10_000, places: 3 },
				Tier { face: 50_000, co_payment: 0, places: 2 },
			]),
			mode: Mode::FirstCome,
			excluded_round: None,
			entry_opens: T0 + 2 * 60_000,
			entry_closes: T0 + 10 * DAY,
			spend_until: T0 + 120 * DAY,
		}
	));
	assert_ok!(YouthCulturePass::open_round(
		root(),
		RoundTerms {
			year: 2026,
			name: name("청년문화패스 추첨", "Youth pass lottery"),
			tiers: BoundedVec::truncate_from(vec![Tier {
				face: 100_000,
				co_payment: 10_000,
				places: 2
			}]),
			mode: Mode::Lottery { beacon_round: BEACON_ROUND },
			excluded_round: None,
			entry_opens: T0 + 14 * DAY,
			entry_closes: T0 + 24 * DAY,
			spend_until: T0 + 134 * DAY,
		}
	));
	assert_eq!(YouthCulturePass::beacon_time(BEACON_ROUND), Some(BEACON_TIME));
	for (round, price, seats, date, cancel_until) in
		[(0, 30_000, 5, T0 + 30 * DAY, T0 + 25 * DAY), (1, 20_000, 3, T0 + 60 * DAY, T0 + 55 * DAY)]
	{
		assert_ok!(YouthCulturePass::designate_offer(
			root(),
			round,
			OfferTerms {
				organiser: account(ORGANISER),
				kind: OfferKind::Performance,
				name: name("공연", "Concert"),
				price,
				seats,
				date,
				cancel_until,
			}
		));
	}
	pallet_timestamp::Now::<Runtime>::put(T0 + 3 * 60_000);
	assert_ok!(YouthCulturePass::buy(signed(C0 + 2), 0, 0));
	assert_ok!(YouthCulturePass::book(signed(C0 + 2), 0));

	// Facilities: the manager runs the Simin library (0), Sajik (3, paid) and a new paid
	// sports centre (8) in zone 5; c0 and c1 hold bookings.
	assert_ok!(FacilityBooking::appoint_manager(root(), 0, account(MANAGER).into()));
	assert_ok!(FacilityBooking::appoint_manager(root(), 3, account(MANAGER).into()));
	let mut spec = pallet_facility_booking::Facilities::<Runtime>::get(3).unwrap().spec;
	spec.zone = 5;
	spec.name = name("부산진 체육센터", "Busanjin Sports Centre");
	spec.location =
		pallet_facility_booking::GeoPoint { lat_micro: 35_165_000, lon_micro: 129_050_000 };
	spec.fee = Some(8_000);
	spec.manager = account(MANAGER);
	assert_ok!(FacilityBooking::register_facility(root(), spec));
	let today = FacilityBooking::today();
	let weekday =
		|d: u32| (today + d..today + d + 7).find(|d| pallet_facility_booking::weekday(*d) < 5);
	let day = weekday(3).unwrap();
	assert_ok!(FacilityBooking::book(signed(C0), 8, day, 10, 2, 8_000));
	assert_ok!(FacilityBooking::book(signed(C0 + 1), 0, day, 11, 1, 0));
	assert_ok!(FacilityBooking::book(signed(C0), 3, weekday(1).unwrap(), 12, 1, 20_000));

	// A paid course at the sports centre (course 0): two seats, c0's and one offered to c3
	// (until T0 + 1 day), c2 on the waitlist; enrolment until T0 + 5 days, sessions a week and
	// two weeks on (10:00 local, `COURSE_FIRST_SESSION`). An event there (event 0) with two
	// places, c0 registered.
	use pallet_facility_booking::{CourseSpec, EventSpec, RefundTier, Session};
	let session = |day: u32| Session { day, start_minute: 600, end_minute: 660 };
	assert_ok!(FacilityBooking::publish_course(
		signed(MANAGER),
		8,
		CourseSpec {
			name: name("수영 강좌", "Swimming course"),
			sessions: BoundedVec::truncate_from(vec![session(today + 7), session(today + 14)]),
			seats: 2,
			fee: Some(20_000),
			residents_from: T0,
			public_from: T0,
			enrol_until: T0 + 5 * DAY,
			offer_minutes: 24 * 60,
			required_claims: set([ClaimKind::Resident]),
			refund_tiers: BoundedVec::truncate_from(vec![RefundTier {
				min_days_before: 3,
				percent: 100
			}]),
		}
	));
	assert_eq!(
		pallet_facility_booking::Courses::<Runtime>::get(0).unwrap().spec.first_start(540),
		COURSE_FIRST_SESSION
	);
	for citizen in [C0, C0 + 1, C0 + 3, C0 + 2] {
		assert_ok!(FacilityBooking::enroll(signed(citizen), 0, 20_000));
	}
	// c1 gives the seat up (refunded in full): it is offered to c3 for a day; c2 waits.
	assert_ok!(FacilityBooking::withdraw(signed(C0 + 1), 0));
	assert_ok!(FacilityBooking::list_event(
		signed(MANAGER),
		EventSpec {
			name: name("생활체육 대회", "Sports day"),
			zone: 5,
			place: pallet_facility_booking::GeoPoint {
				lat_micro: 35_165_000,
				lon_micro: 129_050_000
			},
			facility: Some(8),
			start: EVENT_START,
			end: EVENT_START + 2 * 3_600_000,
			capacity: Some(2),
		}
	));
	assert_ok!(FacilityBooking::register_for_event(signed(C0), 0));

	// c4 is suspended; the removed issuer leaves c5 an orphan.
	assert_ok!(CitizenId::suspend_citizen(signed(ISSUER), 4));
	assert_ok!(CitizenId::remove_issuer(root(), account(REMOVED_ISSUER).into()));

	for check in crate::engine::TRY_STATE {
		check.1().unwrap_or_else(|e| panic!("fixture: {} try_state: {e:?}", check.0));
	}
}
