//! What wallets and the city's dashboards read: schemes, a household's standing, quotes
//! (which agree with `apply`), reports.

use super::*;
use citizen_primitives::{testing::MockCitizenRegistry, ClaimValue};
use frame_support::{assert_noop, assert_ok};

fn ledger_spend(program: ProgramId, citizen: CitizenId, amount: Balance) {
	assert_ok!(<MockVoucherLedger as VoucherLedger<u64, Balance>>::spend(
		program, citizen, &BOOKSHOP, amount
	));
}

#[test]
fn schemes_are_served_by_year_with_their_phase() {
	run(|| {
		assert!(MultiChildPoints::schemes().is_empty());
		assert_eq!(MultiChildPoints::scheme(YEAR), None);
		let mut later = terms();
		later.apply_from = START + DAY;
		assert_ok!(MultiChildPoints::open_scheme(root(), YEAR + 1, later));
		let program = open();
		let view = MultiChildPoints::scheme(YEAR).unwrap();
		assert_eq!(
			view,
			SchemeView {
				year: YEAR,
				name: NameView {
					ko: "다자녀 교육포인트".as_bytes().to_vec(),
					en: b"Multi-child points".to_vec()
				},
				tiers: vec![
					Tier { min_children: 2, amount: TWO },
					Tier { min_children: 3, amount: THREE }
				],
				min_residence: 90 * DAY,
				apply_from: START,
				apply_until: APPLY_UNTIL,
				spend_until: SPEND_UNTIL,
				allowed_categories: vec![BOOKS, SPORTS],
				excluded_categories: vec![CRAM],
				budget: BUDGET,
				program,
				phase: SchemePhase::Open,
			}
		);
		let phases = || -> Vec<_> {
			MultiChildPoints::schemes().into_iter().map(|s| (s.year, s.phase)).collect()
		};
		assert_eq!(phases(), vec![(YEAR, SchemePhase::Open), (YEAR + 1, SchemePhase::Upcoming)]);
		assert_ok!(MultiChildPoints::close_applications(root(), YEAR));
		advance(DAY);
		assert_eq!(phases(), vec![(YEAR, SchemePhase::Closed), (YEAR + 1, SchemePhase::Open)]);
		set_now(APPLY_UNTIL);
		assert_eq!(phases(), vec![(YEAR, SchemePhase::Closed), (YEAR + 1, SchemePhase::Closed)]);
		set_now(SPEND_UNTIL);
		assert_eq!(phases(), vec![(YEAR, SchemePhase::Expired), (YEAR + 1, SchemePhase::Expired)]);
	});
}

#[test]
fn a_households_status_shows_its_grant_and_what_is_left() {
	run(|| {
		assert_eq!(MultiChildPoints::household_status(YEAR, household(7)), None);
		let program = open();
		assert_eq!(
			MultiChildPoints::household_status(YEAR, household(7)),
			Some(HouseholdStatus::NotGranted)
		);
		assert_ok!(MultiChildPoints::apply(signed(BOB), YEAR));
		let granted = |balance| {
			Some(HouseholdStatus::Granted(GrantView {
				citizen: BOB_ID,
				tier: 1,
				min_children: 3,
				children: 3,
				amount: THREE,
				granted_at: START,
				balance,
				spend_until: SPEND_UNTIL,
			}))
		};
		assert_eq!(MultiChildPoints::household_status(YEAR, household(7)), granted(THREE));
		// Bob spends part of it at the bookshop with policy funds' `spend`.
		advance(DAY);
		ledger_spend(program, BOB_ID, 120_000);
		assert_eq!(MultiChildPoints::household_status(YEAR, household(7)), granted(380_000));
		assert_eq!(MockVoucherLedger::paid(BOOKSHOP), 120_000);
		// At the forfeit date what is left is gone, with no transaction from Bob.
		set_now(SPEND_UNTIL);
		assert_eq!(MultiChildPoints::household_status(YEAR, household(7)), granted(0));
		assert!(<MockVoucherLedger as VoucherLedger<u64, Balance>>::spend(
			program, BOB_ID, &BOOKSHOP, 1
		)
		.is_err());
		// Another household of the year is still not granted.
		assert_eq!(
			MultiChildPoints::household_status(YEAR, household(9)),
			Some(HouseholdStatus::NotGranted)
		);
	});
}

/// `quote` names the refusal `apply` fails with, for the citizen `who` acts for.
fn assert_refused(who: u64, refusal: Refusal) {
	assert_eq!(MultiChildPoints::quote_for(&who, YEAR), Err(refusal));
	assert_noop!(MultiChildPoints::apply(signed(who), YEAR), Error::<Test>::from(refusal));
}

#[test]
fn a_quote_is_what_applying_now_would_give() {
	run(|| {
		assert_refused(ALICE, Refusal::UnknownScheme);
		let mut t = terms();
		t.budget = THREE + TWO + 200_000;
		let program = open_with(t);
		assert_eq!(MultiChildPoints::quote_for(&ALICE, YEAR), Ok(THREE));
		assert_eq!(MultiChildPoints::quote_for(&BOB, YEAR), Ok(THREE));
		assert_eq!(MultiChildPoints::quote_for(&CAROL, YEAR), Ok(TWO));
		assert_eq!(MultiChildPoints::quote(CAROL_ID, YEAR), Ok(TWO));
		assert_eq!(MultiChildPoints::quote(CAROL_ID, YEAR + 1), Err(Refusal::UnknownScheme));
		assert_refused(77, Refusal::NotCitizen);
		assert_refused(DAVE, Refusal::ResidenceTooShort);
		assert_refused(ERIN, Refusal::NotMultiChildHousehold);
		MockCitizenRegistry::add_claim(
			ERIN_ID,
			ClaimValue::MultiChildHousehold { household: household(11), children: 1 },
			CLAIMS_UNTIL,
		);
		assert_refused(ERIN, Refusal::TooFewChildren);
		MockCitizenRegistry::remove_claim(CAROL_ID, ClaimKind::Resident);
		assert_refused(CAROL, Refusal::NotResident);
		MockCitizenRegistry::add_claim(
			CAROL_ID,
			ClaimValue::Resident { zone: 3, since: START - 365 * DAY },
			CLAIMS_UNTIL,
		);
		// Quoting changed nothing: Alice is granted what she was quoted.
		assert_ok!(MultiChildPoints::apply(signed(ALICE), YEAR));
		assert_eq!(points(program, ALICE_ID), THREE);
		assert_refused(ALICE, Refusal::AlreadyGranted);
		assert_refused(BOB, Refusal::HouseholdAlreadyGranted);
		assert_ok!(MultiChildPoints::apply(signed(CAROL), YEAR));
		assert_eq!(free(program), 200_000);
		MockCitizenRegistry::add_claim(
			ERIN_ID,
			ClaimValue::MultiChildHousehold { household: household(11), children: 2 },
			CLAIMS_UNTIL,
		);
		assert_refused(ERIN, Refusal::BudgetExhausted);
		MockCitizenRegistry::set_active(ERIN_ID, false);
		assert_refused(ERIN, Refusal::NotCitizen);
		MockCitizenRegistry::set_active(ERIN_ID, true);
		assert_ok!(MultiChildPoints::top_up(root(), YEAR, 100_000));
		assert_eq!(MultiChildPoints::quote_for(&ERIN, YEAR), Ok(TWO));
		assert_ok!(MultiChildPoints::close_applications(root(), YEAR));
		assert_refused(ERIN, Refusal::SchemeClosed);
		// A granted citizen reads as granted whatever the scheme's state.
		assert_eq!(MultiChildPoints::quote_for(&ALICE, YEAR), Err(Refusal::AlreadyGranted));
	});
}

#[test]
fn a_quote_outside_the_window_says_so() {
	run(|| {
		let mut t = terms();
		t.apply_from = START + DAY;
		open_with(t);
		assert_refused(ALICE, Refusal::OutsideApplicationWindow);
		advance(DAY);
		assert_eq!(MultiChildPoints::quote_for(&ALICE, YEAR), Ok(THREE));
		set_now(APPLY_UNTIL);
		assert_refused(ALICE, Refusal::OutsideApplicationWindow);
	});
}

#[test]
fn the_report_counts_households_per_tier_and_points() {
	run(|| {
		assert_eq!(MultiChildPoints::report(YEAR), None);
		let program = open();
		assert_ok!(MultiChildPoints::apply(signed(ALICE), YEAR));
		assert_ok!(MultiChildPoints::apply(signed(CAROL), YEAR));
		assert_ok!(MultiChildPoints::top_up(root(), YEAR, 50_000));
		assert_eq!(
			MultiChildPoints::report(YEAR),
			Some(SchemeReportView {
				year: YEAR,
				program,
				tiers: vec![
					TierReport { min_children: 2, amount: TWO, households: 1 },
					TierReport { min_children: 3, amount: THREE, households: 1 },
				],
				households: 2,
				points_granted: TWO + THREE,
				funded: BUDGET + 50_000,
				free_budget: BUDGET + 50_000 - TWO - THREE,
			})
		);
		// Spending shows in the ledger's report, not here.
		ledger_spend(program, ALICE_ID, 10_000);
		assert_eq!(MultiChildPoints::report(YEAR).unwrap().points_granted, TWO + THREE);
	});
}
