//! The city opens a year's scheme: a program of this pallet in the ledger, funded from the
//! treasury.

use super::*;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

#[test]
fn the_city_opens_a_scheme_funded_from_the_treasury() {
	run(|| {
		let program = open();
		let scheme = Schemes::<Test>::get(YEAR).unwrap();
		assert_eq!(scheme.terms, terms());
		assert_eq!(scheme.status, SchemeStatus::Open);
		assert_eq!(scheme.opened_at, START);
		let r = report();
		assert_eq!(r.households.to_vec(), vec![0, 0]);
		assert_eq!((r.granted, r.funded), (0, BUDGET));
		assert_eq!(free(program), BUDGET);
		assert_eq!(last_event(), Event::SchemeOpened { year: YEAR, program, budget: BUDGET });
	});
}

#[test]
fn the_program_is_this_pallets_own() {
	run(|| {
		let program = open();
		// Nobody else credits it: not the city, not another service.
		for owner in [ProgramOwner::City, ProgramOwner::Service(*b"py/youth")] {
			assert!(<MockVoucherLedger as VoucherLedger<u64, Balance>>::credit(
				owner, program, ALICE_ID, 1
			)
			.is_err());
		}
		assert_eq!(MultiChildPoints::owner(), ProgramOwner::Service(*b"cty/mcpt"));
		assert_ok!(<MockVoucherLedger as VoucherLedger<u64, Balance>>::credit(
			MultiChildPoints::owner(),
			program,
			ALICE_ID,
			1
		));
		// Keep the books of the test's invariant: hand it back.
		assert_ok!(<MockVoucherLedger as VoucherLedger<u64, Balance>>::expire(
			MultiChildPoints::owner(),
			program,
			ALICE_ID
		));
		assert_eq!(free(program), BUDGET);
	});
}

#[test]
fn each_year_has_its_own_scheme_and_program() {
	run(|| {
		let first = open();
		assert_noop!(
			MultiChildPoints::open_scheme(root(), YEAR, terms()),
			Error::<Test>::SchemeExists
		);
		assert_ok!(MultiChildPoints::open_scheme(root(), YEAR + 1, terms()));
		let second = Schemes::<Test>::get(YEAR + 1).unwrap().program;
		assert_ne!(first, second);
		assert_eq!((free(first), free(second)), (BUDGET, BUDGET));
	});
}

#[test]
fn opening_checks_the_tiers() {
	run(|| {
		let bad: [&[(u8, Balance)]; 6] = [
			&[],                     // no tier
			&[(1, TWO), (3, THREE)], // a single child is no multi-child household
			&[(3, THREE), (2, TWO)], // descending
			&[(2, TWO), (2, THREE)], // not strictly ascending
			&[(2, 0), (3, THREE)],   // a zero amount
			&[(2, THREE), (3, TWO)], // more children, fewer points
		];
		for pairs in bad {
			let mut t = terms();
			t.tiers = tiers(pairs);
			assert_noop!(
				MultiChildPoints::open_scheme(root(), YEAR, t),
				Error::<Test>::InvalidTiers
			);
		}
		// Equal amounts, a single tier and the most tiers are fine.
		for (year, pairs) in [
			(YEAR, &[(2, TWO), (3, TWO)][..]),
			(YEAR + 1, &[(2, TWO)][..]),
			(YEAR + 2, &[(2, 1), (3, 2), (4, 3), (255, 4)][..]),
		] {
			let mut t = terms();
			t.tiers = tiers(pairs);
			assert_ok!(MultiChildPoints::open_scheme(root(), year, t));
		}
	});
}

#[test]
fn opening_checks_the_dates() {
	run(|| {
		let bad: [fn(&mut SchemeTermsOf<Test>); 4] = [
			|t| t.apply_until = t.apply_from,      // an empty window
			|t| t.spend_until = t.apply_until - 1, // forfeit before the window ends
			|t| {
				// a window already over
				t.apply_from = START - 10 * DAY;
				t.apply_until = START;
			},
			|t| {
				// everything in the past
				t.apply_from = START - 10 * DAY;
				t.apply_until = START - DAY;
				t.spend_until = START - DAY;
			},
		];
		for change in bad {
			let mut t = terms();
			change(&mut t);
			assert_noop!(
				MultiChildPoints::open_scheme(root(), YEAR, t),
				Error::<Test>::InvalidWindow
			);
		}
		// Forfeit the moment applications end: the last grant could never be spent.
		let mut t = terms();
		t.spend_until = t.apply_until;
		assert_noop!(MultiChildPoints::open_scheme(root(), YEAR, t), Error::<Test>::InvalidWindow);
		// A window that opens later, or that began already.
		let mut t = terms();
		t.apply_from = START + DAY;
		t.spend_until = t.apply_until + 1;
		assert_ok!(MultiChildPoints::open_scheme(root(), YEAR, t));
		let mut t = terms();
		t.apply_from = START - DAY;
		assert_ok!(MultiChildPoints::open_scheme(root(), YEAR + 1, t));
	});
}

#[test]
fn opening_needs_a_budget() {
	run(|| {
		let mut t = terms();
		t.budget = 0;
		assert_noop!(MultiChildPoints::open_scheme(root(), YEAR, t), Error::<Test>::ZeroAmount);
	});
}

#[test]
fn opening_needs_a_treasury() {
	run_without_treasury(|| {
		assert_noop!(
			MultiChildPoints::open_scheme(root(), YEAR, terms()),
			Error::<Test>::NoTreasury
		);
	});
}

#[test]
fn only_the_city_opens_a_scheme() {
	run(|| {
		for origin in [signed(ALICE), signed(TREASURY), RuntimeOrigin::none()] {
			assert_noop!(
				MultiChildPoints::open_scheme(origin, YEAR, terms()),
				DispatchError::BadOrigin
			);
		}
		assert!(!Schemes::<Test>::contains_key(YEAR));
	});
}

#[test]
fn points_must_be_purpose_bound() {
	run(|| {
		// No allowed category would let the points be spent anywhere.
		let mut t = terms();
		t.allowed_categories = set([]);
		assert_noop!(
			MultiChildPoints::open_scheme(root(), YEAR, t),
			Error::<Test>::InvalidCategories
		);
		// A category both allowed and excluded is a contradiction.
		let mut t = terms();
		t.excluded_categories = set([CRAM, BOOKS]);
		assert_noop!(
			MultiChildPoints::open_scheme(root(), YEAR, t),
			Error::<Test>::InvalidCategories
		);
	});
}

#[test]
fn the_budget_covers_at_least_one_grant() {
	run(|| {
		let mut t = terms();
		t.budget = t.tiers[0].amount - 1;
		assert_noop!(
			MultiChildPoints::open_scheme(root(), YEAR, t),
			Error::<Test>::BudgetBelowOneGrant
		);
		let mut t = terms();
		t.budget = t.tiers[0].amount;
		assert_ok!(MultiChildPoints::open_scheme(root(), YEAR, t));
	});
}
