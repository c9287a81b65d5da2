//! The city puts more from the treasury into a scheme while it takes applications.

use super::*;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

#[test]
fn the_city_tops_a_scheme_up_from_the_treasury() {
	run(|| {
		let program = open();
		assert_ok!(MultiChildPoints::top_up(root(), YEAR, 400_000));
		assert_eq!(last_event(), Event::SchemeToppedUp { year: YEAR, amount: 400_000 });
		assert_eq!(free(program), BUDGET + 400_000);
		assert_eq!(report().funded, BUDGET + 400_000);
		// Before the window opens too.
		let mut t = terms();
		t.apply_from = START + DAY;
		assert_ok!(MultiChildPoints::open_scheme(root(), YEAR + 1, t));
		assert_ok!(MultiChildPoints::top_up(root(), YEAR + 1, 1));
		assert_eq!(Reports::<Test>::get(YEAR + 1).unwrap().funded, BUDGET + 1);
	});
}

#[test]
fn a_top_up_lets_a_refused_household_in() {
	run(|| {
		let mut t = terms();
		t.budget = THREE + 100_000;
		let program = open_with(t);
		assert_ok!(MultiChildPoints::apply(signed(ALICE), YEAR));
		assert_eq!(free(program), 100_000);
		assert_noop!(MultiChildPoints::apply(signed(CAROL), YEAR), Error::<Test>::BudgetExhausted);
		assert_ok!(MultiChildPoints::top_up(root(), YEAR, 200_000));
		assert_ok!(MultiChildPoints::apply(signed(CAROL), YEAR));
		assert_eq!((free(program), points(program, CAROL_ID)), (0, TWO));
		assert_eq!(report().funded, THREE + 300_000);
	});
}

#[test]
fn topping_up_fails_clearly_and_changes_nothing() {
	run(|| {
		let program = open();
		assert_noop!(MultiChildPoints::top_up(root(), YEAR, 0), Error::<Test>::ZeroAmount);
		assert_noop!(MultiChildPoints::top_up(root(), YEAR + 1, 1), Error::<Test>::UnknownScheme);
		Treasury::<Test>::kill();
		assert_noop!(MultiChildPoints::top_up(root(), YEAR, 1), Error::<Test>::NoTreasury);
		Treasury::<Test>::put(TREASURY);
		assert_eq!(free(program), BUDGET);
	});
}

#[test]
fn a_closed_scheme_takes_no_top_up() {
	run(|| {
		let program = open();
		assert_ok!(MultiChildPoints::close_applications(root(), YEAR));
		assert_noop!(MultiChildPoints::top_up(root(), YEAR, 1), Error::<Test>::SchemeClosed);
		let mut t = terms();
		t.apply_until = START + DAY;
		assert_ok!(MultiChildPoints::open_scheme(root(), YEAR + 1, t));
		advance(DAY);
		assert_noop!(MultiChildPoints::top_up(root(), YEAR + 1, 1), Error::<Test>::SchemeClosed);
		assert_eq!(free(program), BUDGET);
	});
}

#[test]
fn only_the_city_tops_up() {
	run(|| {
		open();
		for origin in [signed(TREASURY), signed(ALICE), RuntimeOrigin::none()] {
			assert_noop!(MultiChildPoints::top_up(origin, YEAR, 1), DispatchError::BadOrigin);
		}
	});
}
