//! Unit tests, one file per operation. Every test ends with the invariant check of
//! `mock::run`: `do_try_state`, and the ledger double's money adding up.

mod apply;
mod close_applications;
mod genesis;
mod migration;
mod open_scheme;
mod recovery;
mod set_treasury;
mod top_up;
mod views;

use crate::{mock::*, *};
use citizen_primitives::testing::MockVoucherLedger;
use frame_support::{assert_ok, traits::Get, BoundedBTreeSet, BoundedVec};

pub(crate) type Event = crate::Event<Test>;

pub(crate) fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

pub(crate) fn root() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

/// Points for two children and for three or more, as Busan's 2025 rules.
pub(crate) const TWO: Balance = 300_000;
pub(crate) const THREE: Balance = 500_000;
/// The budget the tests' scheme opens with.
pub(crate) const BUDGET: Balance = 1_000_000;
/// 12 December and 31 December 2026, counted from 22 May.
pub(crate) const APPLY_UNTIL: Moment = START + 204 * DAY;
pub(crate) const SPEND_UNTIL: Moment = START + 223 * DAY;

/// A name in Korean and English.
pub(crate) fn name(ko: &str, en: &str) -> NameOf<Test> {
	LocalizedName::new(ko.as_bytes(), en.as_bytes()).expect("fits MaxNameLength")
}

/// A set of categories.
pub(crate) fn set<S: Get<u32>>(
	items: impl IntoIterator<Item = MerchantCategory>,
) -> BoundedBTreeSet<MerchantCategory, S> {
	BoundedBTreeSet::try_from(items.into_iter().collect::<std::collections::BTreeSet<_>>())
		.expect("within the bound")
}

/// Tiers from `(min_children, amount)` pairs.
pub(crate) fn tiers(pairs: &[(u8, Balance)]) -> BoundedVec<Tier<Balance>, ConstU32<4>> {
	BoundedVec::truncate_from(
		pairs.iter().map(|&(min_children, amount)| Tier { min_children, amount }).collect(),
	)
}

use frame_support::traits::ConstU32;

/// The tests' terms: two children → 300,000, three or more → 500,000; residents of ≥ 90
/// days; applications 22 May – 12 December, forfeit on 31 December; bookshops and sports
/// schools, never cram schools; a budget of 1,000,000.
pub(crate) fn terms() -> SchemeTermsOf<Test> {
	SchemeTerms {
		name: name("다자녀 교육포인트", "Multi-child points"),
		tiers: tiers(&[(2, TWO), (3, THREE)]),
		min_residence: 90 * DAY,
		apply_from: START,
		apply_until: APPLY_UNTIL,
		spend_until: SPEND_UNTIL,
		allowed_categories: set([BOOKS, SPORTS]),
		excluded_categories: set([CRAM]),
		budget: BUDGET,
	}
}

/// Open `YEAR`'s scheme with `terms`; returns its program.
pub(crate) fn open_with(terms: SchemeTermsOf<Test>) -> ProgramId {
	assert_ok!(MultiChildPoints::open_scheme(root(), YEAR, terms));
	program()
}

/// Open `YEAR`'s scheme with the tests' terms; returns its program.
pub(crate) fn open() -> ProgramId {
	open_with(terms())
}

/// The program of `YEAR`'s scheme.
pub(crate) fn program() -> ProgramId {
	Schemes::<Test>::get(YEAR).expect("a scheme").program
}

/// The free budget of `program` in the ledger double.
pub(crate) fn free(program: ProgramId) -> Balance {
	MockVoucherLedger::free(program)
}

/// What `citizen` can spend under `program`.
pub(crate) fn points(program: ProgramId, citizen: CitizenId) -> Balance {
	<MockVoucherLedger as VoucherLedger<u64, Balance>>::balance(program, citizen)
}

/// `YEAR`'s counters.
pub(crate) fn report() -> SchemeReportOf<Test> {
	Reports::<Test>::get(YEAR).expect("a report")
}

pub(crate) fn events() -> Vec<Event> {
	System::events()
		.into_iter()
		.filter_map(
			|r| if let RuntimeEvent::MultiChildPoints(e) = r.event { Some(e) } else { None },
		)
		.collect()
}

pub(crate) fn last_event() -> Event {
	events().pop().expect("an event")
}

pub(crate) fn advance(ms: Moment) {
	citizen_primitives::testing::MockTime::advance(ms);
}

pub(crate) fn set_now(now: Moment) {
	citizen_primitives::testing::MockTime::set(now);
}
