//! Unit tests, one file per group of operations. Every test ends with the invariant check of
//! `mock::run`.

mod applications;
mod clawback;
mod expiry;
mod ledger;
mod merchants;
mod minimum_balance;
mod programs;
mod spending;
mod views;

use crate::{mock::*, *};
use frame_support::{assert_ok, traits::fungible::Inspect, BoundedVec};

pub(crate) type Event = crate::Event<Test>;

pub(crate) fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

pub(crate) fn root() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

pub(crate) const GRANT: u64 = 300_000;

/// Terms like the multi-child points: residents of ≥ 90 days, bookshops and sports schools.
pub(crate) fn terms(approval: ApprovalMode) -> ProgramTermsOf<Test> {
	ProgramTerms {
		name: BoundedVec::truncate_from(b"Education points".to_vec()),
		amount_per_grant: GRANT,
		required_claims: BoundedVec::truncate_from(vec![ClaimKind::Resident]),
		min_residence: 90 * DAY,
		apply_from: START,
		apply_until: START + 200 * DAY,
		spend_until: START + 223 * DAY,
		approval,
		scope: GrantScope::PerCitizen,
		allowed_categories: BoundedVec::truncate_from(vec![BOOKS, SPORTS]),
		excluded_categories: BoundedVec::new(),
	}
}

pub(crate) fn officers() -> BoundedVec<u64, ConstU32<2>> {
	BoundedVec::truncate_from(vec![OFFICER])
}

use frame_support::traits::ConstU32;

/// Categories and merchants: a bookshop, a cram school, a swimming school.
pub(crate) fn setup_merchants() {
	for (id, name) in
		[(BOOKS, &b"Bookstores"[..]), (CRAM, b"Cram schools"), (SPORTS, b"Sports schools")]
	{
		assert_ok!(Funds::add_category(root(), id, BoundedVec::truncate_from(name.to_vec())));
	}
	assert_ok!(Funds::register_merchant(root(), BOOKSHOP, BOOKS, 3));
	assert_ok!(Funds::register_merchant(root(), CRAM_SCHOOL, CRAM, 3));
	assert_ok!(Funds::register_merchant(root(), SWIMMING, SPORTS, 4));
}

/// Merchants, and a program created with `terms` and funded with `budget`. Returns its id.
pub(crate) fn setup_program(terms: ProgramTermsOf<Test>, budget: u64) -> ProgramId {
	setup_merchants();
	let program = NextProgramId::<Test>::get();
	assert_ok!(Funds::create_program(root(), terms, officers()));
	if budget > 0 {
		assert_ok!(Funds::fund(signed(TREASURY), program, budget));
	}
	program
}

/// An automatic program with room for `grants` grants.
pub(crate) fn automatic_program(grants: u64) -> ProgramId {
	setup_program(terms(ApprovalMode::Automatic), grants * GRANT)
}

pub(crate) fn report(program: ProgramId) -> ProgramReportOf<Test> {
	Reports::<Test>::get(program)
}

pub(crate) fn balance(who: u64) -> u64 {
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
