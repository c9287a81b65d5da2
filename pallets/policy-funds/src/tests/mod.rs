//! Unit tests, one file per group of operations. Every test ends with the invariant check of
//! `mock::run`.

mod applications;
mod clawback;
mod expiry;
mod holds;
mod ledger;
mod merchants;
mod migration;
mod minimum_balance;
mod origins;
mod programs;
mod service_programs;
mod spending;
mod views;

use crate::{mock::*, *};
use frame_support::{
	assert_ok,
	traits::{fungible::Inspect, Get},
	BoundedBTreeSet, BoundedVec,
};

pub(crate) type Event = crate::Event<Test>;

pub(crate) fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

pub(crate) fn root() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

pub(crate) const GRANT: Balance = 300_000;

/// A name in Korean and English.
pub(crate) fn name(ko: &str, en: &str) -> NameOf<Test> {
	LocalizedName::new(ko.as_bytes(), en.as_bytes()).expect("fits MaxNameLength")
}

/// A set of claim kinds or categories.
pub(crate) fn set<V: Ord, S: Get<u32>>(
	items: impl IntoIterator<Item = V>,
) -> BoundedBTreeSet<V, S> {
	BoundedBTreeSet::try_from(items.into_iter().collect::<std::collections::BTreeSet<_>>())
		.expect("within the bound")
}

/// Terms like the multi-child points: residents of ≥ 90 days, bookshops and sports schools.
pub(crate) fn terms(approval: ApprovalMode) -> ProgramTermsOf<Test> {
	ProgramTerms {
		name: name("교육 포인트", "Education points"),
		amount_per_grant: GRANT,
		required_claims: set([ClaimKind::Resident]),
		min_residence: 90 * DAY,
		apply_from: START,
		apply_until: START + 200 * DAY,
		spend_until: START + 223 * DAY,
		approval,
		scope: GrantScope::PerCitizen,
		allowed_categories: set([BOOKS, SPORTS]),
		excluded_categories: BoundedBTreeSet::new(),
	}
}

pub(crate) fn officers() -> BoundedVec<u64, ConstU32<2>> {
	BoundedVec::truncate_from(vec![OFFICER])
}

use frame_support::traits::ConstU32;

/// Categories and merchants: a bookshop, a cram school, a swimming school.
pub(crate) fn setup_merchants() {
	for (id, ko, en) in [
		(BOOKS, "서점", "Bookstores"),
		(CRAM, "학원", "Cram schools"),
		(SPORTS, "체육시설", "Sports schools"),
	] {
		assert_ok!(Funds::add_category(root(), id, name(ko, en)));
	}
	assert_ok!(Funds::register_merchant(root(), BOOKSHOP, BOOKS, 3));
	assert_ok!(Funds::register_merchant(root(), CRAM_SCHOOL, CRAM, 3));
	assert_ok!(Funds::register_merchant(root(), SWIMMING, SPORTS, 4));
}

/// Merchants, and a program created with `terms` and funded with `budget`. Returns its id.
pub(crate) fn setup_program(terms: ProgramTermsOf<Test>, budget: Balance) -> ProgramId {
	setup_merchants();
	let program = NextProgramId::<Test>::get();
	assert_ok!(Funds::create_program(root(), terms, officers()));
	if budget > 0 {
		assert_ok!(Funds::fund(signed(TREASURY), program, budget));
	}
	program
}

/// An automatic program with room for `grants` grants.
pub(crate) fn automatic_program(grants: Balance) -> ProgramId {
	setup_program(terms(ApprovalMode::Automatic), grants * GRANT)
}

/// The program's counters as stored (no expiry applied), `free` and `outstanding` derived.
pub(crate) fn report(program: ProgramId) -> ProgramReportOf<Test> {
	Ledgers::<Test>::get(program).report().expect("counters in step")
}

/// The voucher of `citizen` under `program`.
pub(crate) fn voucher(program: ProgramId, citizen: CitizenId) -> Option<VoucherOf<Test>> {
	Funds::voucher(program, citizen)
}

/// The application of `citizen` to `program`.
pub(crate) fn application(program: ProgramId, citizen: CitizenId) -> Option<Application> {
	Funds::application(program, citizen)
}

pub(crate) fn balance(who: u64) -> Balance {
	Balances::balance(&who)
}

pub(crate) fn events() -> Vec<Event> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Funds(e) = r.event { Some(e) } else { None })
		.collect()
}

pub(crate) fn last_event() -> Event {
	events().pop().expect("an event")
}

pub(crate) fn advance(ms: Moment) {
	citizen_primitives::testing::MockTime::advance(ms);
}

/// A service pallet (the multi-child points, say) and another one.
pub(crate) const SERVICE: ProgramOwner = ProgramOwner::Service(*b"py/multi");
pub(crate) const OTHER_SERVICE: ProgramOwner = ProgramOwner::Service(*b"py/youth");

/// What a service asks for: bookshops and sports schools, spendable for `days` days.
pub(crate) fn spec(days: u64) -> citizen_primitives::ProgramSpec {
	citizen_primitives::ProgramSpec {
		name: ("다자녀 포인트".as_bytes().to_vec(), b"Multi-child points".to_vec()),
		spend_until: START + days * DAY,
		allowed_categories: vec![BOOKS, SPORTS],
		excluded_categories: vec![],
	}
}

/// Merchants, and a program of `SERVICE` spendable for 30 days, funded with `budget` from the
/// treasury.
pub(crate) fn service_program(budget: Balance) -> ProgramId {
	setup_merchants();
	Funds::open_program(SERVICE, spec(30), &TREASURY, budget).expect("a valid spec")
}

/// Alice's voucher in a fresh program of `SERVICE` funded with `budget`: `credit` of it.
pub(crate) fn service_voucher(budget: Balance, credit: Balance) -> ProgramId {
	let program = service_program(budget);
	assert_ok!(Funds::credit(SERVICE, program, ALICE_ID, credit));
	program
}

/// `VoucherLedger::spend`, which the `spend` call hides.
pub(crate) fn ledger_spend(
	program: ProgramId,
	citizen: CitizenId,
	merchant: u64,
	amount: Balance,
) -> sp_runtime::DispatchResult {
	<Funds as VoucherLedger<u64, Balance>>::spend(program, citizen, &merchant, amount)
}
