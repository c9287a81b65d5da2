//! The city closes a scheme's applications early; points granted stay spendable.

use super::*;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

#[test]
fn the_city_closes_applications_early() {
	run(|| {
		let program = open();
		assert_ok!(MultiChildPoints::apply(signed(ALICE), YEAR));
		assert_ok!(MultiChildPoints::close_applications(root(), YEAR));
		assert_eq!(last_event(), Event::ApplicationsClosed { year: YEAR });
		assert_eq!(Schemes::<Test>::get(YEAR).unwrap().status, SchemeStatus::Closed);
		assert_noop!(MultiChildPoints::apply(signed(CAROL), YEAR), Error::<Test>::SchemeClosed);
		// What was granted stays, and can be spent until the forfeit date.
		assert_eq!(points(program, ALICE_ID), THREE);
		assert_eq!(free(program), BUDGET - THREE);
	});
}

#[test]
fn a_scheme_can_be_closed_before_its_window_opens() {
	run(|| {
		let mut t = terms();
		t.apply_from = START + 10 * DAY;
		open_with(t);
		assert_ok!(MultiChildPoints::close_applications(root(), YEAR));
		advance(10 * DAY);
		assert_noop!(MultiChildPoints::apply(signed(ALICE), YEAR), Error::<Test>::SchemeClosed);
	});
}

#[test]
fn closing_fails_clearly() {
	run(|| {
		assert_noop!(
			MultiChildPoints::close_applications(root(), YEAR),
			Error::<Test>::UnknownScheme
		);
		open();
		assert_ok!(MultiChildPoints::close_applications(root(), YEAR));
		assert_noop!(
			MultiChildPoints::close_applications(root(), YEAR),
			Error::<Test>::SchemeClosed
		);
		// A window that is over is closed already.
		let mut t = terms();
		t.apply_until = START + DAY;
		assert_ok!(MultiChildPoints::open_scheme(root(), YEAR + 1, t));
		advance(DAY);
		assert_noop!(
			MultiChildPoints::close_applications(root(), YEAR + 1),
			Error::<Test>::SchemeClosed
		);
	});
}

#[test]
fn only_the_city_closes_applications() {
	run(|| {
		open();
		for origin in [signed(ALICE), RuntimeOrigin::none()] {
			assert_noop!(
				MultiChildPoints::close_applications(origin, YEAR),
				DispatchError::BadOrigin
			);
		}
		assert_eq!(Schemes::<Test>::get(YEAR).unwrap().status, SchemeStatus::Open);
	});
}
