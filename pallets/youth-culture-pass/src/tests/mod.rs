//! Unit tests, one file per operation. Every test ends with the invariant check of
//! `mock::run`: `do_try_state` (the keeping accounts' money included) and the program
//! accounts covering their free budgets.

mod abandon;
mod book;
mod buy;
mod calls;
mod cancel_booking;
mod cancel_round;
mod claim_place;
mod designate_offer;
mod draw;
mod enter;
mod feed_beacon;
mod genesis;
mod give_up;
mod lapse_offer;
mod migration;
mod open_round;
mod reclaim;
mod retry_refund;
mod set_treasury;
mod settle_offer;
mod views;
mod withdraw_offer;

use crate::{mock::*, *};
use citizen_primitives::testing::MockVoucherLedger;
use frame_support::{
	assert_ok,
	traits::{fungible::Inspect, Hooks},
	weights::Weight,
	BoundedVec,
};

pub(crate) type Event = crate::Event<Test>;

pub(crate) fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

pub(crate) fn root() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

/// Tier 0: 100,000 for 10,000, three places. Tier 1: 50,000 for 5,000, two places.
pub(crate) const FACE: Balance = 100_000;
pub(crate) const CO: Balance = 10_000;
pub(crate) const FACE1: Balance = 50_000;
pub(crate) const CO1: Balance = 5_000;
pub(crate) const PLACES: u32 = 3;
pub(crate) const PLACES1: u32 = 2;
/// Σ places × face.
pub(crate) const BUDGET: Balance = 3 * FACE + 2 * FACE1;
pub(crate) const OPENS: Moment = START + DAY;
pub(crate) const CLOSES: Moment = START + 8 * DAY;
pub(crate) const SPEND_UNTIL: Moment = START + 200 * DAY;

/// The dev beacon round first published at least `MinBeaconDelay` after the entries close.
pub(crate) fn beacon_round() -> u64 {
	BeaconInfo::DEV.round_at(CLOSES + MinBeaconDelay::get()) + 1
}

/// When [`beacon_round`] is published.
pub(crate) fn beacon_time() -> Moment {
	BeaconInfo::DEV.round_time_ms(beacon_round()).unwrap()
}

pub(crate) fn name(ko: &str, en: &str) -> NameOf<Test> {
	LocalizedName::new(ko.as_bytes(), en.as_bytes()).expect("fits MaxNameLength")
}

pub(crate) fn tiers(list: &[(Balance, Balance, u32)]) -> BoundedVec<Tier<Balance>, ConstU32<4>> {
	BoundedVec::truncate_from(
		list.iter().map(|&(face, co_payment, places)| Tier { face, co_payment, places }).collect(),
	)
}

use frame_support::traits::{ConstU32, Get};

/// The tests' terms in `mode`: two tiers; entries in a week from tomorrow; spendable for 200
/// days.
pub(crate) fn terms_with(mode: Mode) -> RoundTermsOf<Test> {
	RoundTerms {
		year: YEAR,
		name: name("청년문화패스", "Youth culture pass"),
		tiers: tiers(&[(FACE, CO, PLACES), (FACE1, CO1, PLACES1)]),
		mode,
		excluded_round: None,
		entry_opens: OPENS,
		entry_closes: CLOSES,
		spend_until: SPEND_UNTIL,
	}
}

pub(crate) fn lottery_terms() -> RoundTermsOf<Test> {
	terms_with(Mode::Lottery { beacon_round: beacon_round() })
}

pub(crate) fn first_come_terms() -> RoundTermsOf<Test> {
	terms_with(Mode::FirstCome)
}

/// Open a round with `terms`; its id.
pub(crate) fn open_with(terms: RoundTermsOf<Test>) -> RoundId {
	let id = NextRoundId::<Test>::get();
	assert_ok!(YouthPass::open_round(root(), terms));
	id
}

/// A lottery round, its entries open now.
pub(crate) fn open_lottery() -> RoundId {
	let id = open_with(lottery_terms());
	set_now(OPENS);
	id
}

/// A first-come round, open now.
pub(crate) fn open_first_come() -> RoundId {
	let id = open_with(first_come_terms());
	set_now(OPENS);
	id
}

pub(crate) fn round_of(id: RoundId) -> RoundOf<Test> {
	Rounds::<Test>::get(id).expect("a round")
}

pub(crate) fn program(id: RoundId) -> ProgramId {
	round_of(id).program
}

pub(crate) fn tally(id: RoundId) -> RoundTallyOf<Test> {
	Tallies::<Test>::get(id).expect("a tally")
}

pub(crate) fn tier_tally(id: RoundId, tier: TierIndex) -> TierTally<Balance> {
	tally(id).tiers[usize::from(tier)]
}

pub(crate) fn draw_of(id: RoundId) -> Draw {
	Draws::<Test>::get(id).expect("a draw")
}

/// What `citizen` can spend under `program`.
pub(crate) fn voucher(program: ProgramId, citizen: CitizenId) -> Balance {
	<MockVoucherLedger as VoucherLedger<u64, Balance>>::balance(program, citizen)
}

pub(crate) fn free(program: ProgramId) -> Balance {
	MockVoucherLedger::free(program)
}

pub(crate) fn balance(who: u64) -> Balance {
	Balances::balance(&who)
}

pub(crate) fn keeping(id: RoundId) -> Balance {
	Balances::balance(&YouthPass::keeping_account(id))
}

/// `n` extra youths (from `from`) enter `tier` of `round`, in order; their (account,
/// citizen).
pub(crate) fn enter_many(
	round: RoundId,
	tier: TierIndex,
	from: u32,
	n: u32,
) -> Vec<(u64, CitizenId)> {
	(from..from + n)
		.map(|i| {
			let (account, citizen) = many(i);
			add_youth(citizen, account);
			assert_ok!(YouthPass::enter(signed(account), round, tier));
			(account, citizen)
		})
		.collect()
}

/// Close the entries.
pub(crate) fn close() {
	set_now(CLOSES);
}

/// Feed the fake beacon's signature of the round's beacon round, at its publication.
pub(crate) fn feed(round: RoundId) {
	let beacon = round_of(round).terms.beacon_round().expect("a lottery");
	set_now(BeaconInfo::DEV.round_time_ms(beacon).unwrap().max(now()));
	assert_ok!(YouthPass::feed_beacon(signed(STRANGER), round, MockBeacon::sign(beacon)));
}

/// Run the draw to its end with `draw` calls.
pub(crate) fn draw_all(round: RoundId) {
	while matches!(draw_of(round).phase, DrawPhase::Drawing | DrawPhase::Abandoning) {
		assert_ok!(YouthPass::draw(signed(STRANGER), round, 100));
	}
}

/// The citizens holding a pass in `round`'s `tier`, sorted.
pub(crate) fn holders(round: RoundId, tier: TierIndex) -> Vec<CitizenId> {
	let mut v: Vec<_> = Passes::<Test>::iter_prefix(round)
		.filter(|(_, p)| p.tier == tier && !p.given_up)
		.map(|(c, _)| c)
		.collect();
	v.sort();
	v
}

pub(crate) fn events() -> Vec<Event> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::YouthPass(e) = r.event { Some(e) } else { None })
		.collect()
}

pub(crate) fn last_event() -> Event {
	events().pop().expect("an event")
}

pub(crate) fn has_event(e: Event) -> bool {
	events().contains(&e)
}

pub(crate) fn now() -> Moment {
	<citizen_primitives::testing::MockTime as frame_support::traits::Time>::now()
}

pub(crate) fn set_now(t: Moment) {
	citizen_primitives::testing::MockTime::set(t);
}

pub(crate) fn advance(ms: Moment) {
	citizen_primitives::testing::MockTime::advance(ms);
}

/// Run `on_idle` with `weight`.
pub(crate) fn idle(weight: Weight) -> Weight {
	YouthPass::on_idle(System::block_number(), weight)
}

/// Plenty of weight.
pub(crate) fn lots() -> Weight {
	Weight::from_parts(u64::MAX / 4, u64::MAX / 4)
}

/// `designate_offer` with the terms spelled out.
#[allow(clippy::too_many_arguments)]
pub(crate) fn designate_offer(
	origin: RuntimeOrigin,
	round: RoundId,
	organiser: u64,
	kind: OfferKind,
	name: NameOf<Test>,
	price: Balance,
	seats: u32,
	date: Moment,
	cancel_until: Moment,
) -> sp_runtime::DispatchResult {
	YouthPass::designate_offer(
		origin,
		round,
		OfferTerms { organiser, kind, name, price, seats, date, cancel_until },
	)
}

/// Entrants: (account, citizen).
pub(crate) type Entrants = Vec<(u64, CitizenId)>;

// ---- Offers ----

pub(crate) const PRICE: Balance = 30_000;
pub(crate) const DATE: Moment = START + 40 * DAY;
pub(crate) const CANCEL_UNTIL: Moment = START + 35 * DAY;

/// A first-come round where Alice, Bob and Carol hold tier-0 passes and Dave a tier-1 pass;
/// an offer of `seats` seats.
pub(crate) fn offer_setup(seats: u32) -> (RoundId, OfferId) {
	let id = open_first_come();
	for who in [ALICE, BOB, CAROL] {
		assert_ok!(YouthPass::buy(signed(who), id, 0));
	}
	assert_ok!(YouthPass::buy(signed(DAVE), id, 1));
	let offer = NextOfferId::<Test>::get();
	assert_ok!(designate_offer(
		root(),
		id,
		ORGANISER,
		OfferKind::Performance,
		name("부산국제영화제", "BIFF"),
		PRICE,
		seats,
		DATE,
		CANCEL_UNTIL,
	));
	(id, offer)
}

// ---- The waitlist ----

/// A drawn lottery: six entries in tier 0 (three places, three on the waitlist).
pub(crate) fn drawn() -> (RoundId, Vec<(u64, CitizenId)>) {
	let id = open_lottery();
	let a = enter_many(id, 0, 0, 6);
	close();
	feed(id);
	draw_all(id);
	(id, a)
}

/// The entrant at waitlist position `p` of tier 0 (of six entries, three places).
pub(crate) fn at_position(id: RoundId, a: &[(u64, CitizenId)], p: u32) -> (u64, CitizenId) {
	let seed = YouthPass::tier_seed(&draw_of(id).seed.unwrap(), 0);
	let index = citizen_drand::draw::entry_at(&seed, 6, PLACES + p).unwrap();
	a[index as usize]
}

pub(crate) fn a_winner(id: RoundId) -> (u64, CitizenId) {
	let c = holders(id, 0)[0];
	(citizen_primitives::testing::MockCitizenRegistry::account_of_test(c), c)
}

pub(crate) trait AccountOf {
	fn account_of_test(c: CitizenId) -> u64;
}
impl AccountOf for citizen_primitives::testing::MockCitizenRegistry {
	fn account_of_test(c: CitizenId) -> u64 {
		<Self as CitizenRegistry<u64>>::account_of(c).unwrap()
	}
}
