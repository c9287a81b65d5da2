//! Key recovery: the points are keyed by the citizen ID, so they follow the citizen to a new
//! account with no step in this pallet.

use super::*;
use citizen_primitives::testing::MockCitizenRegistry;
use frame_support::{assert_noop, assert_ok};

const NEW_KEY: u64 = 50;

#[test]
fn points_follow_the_citizen_to_a_new_key() {
	run(|| {
		let program = open();
		assert_ok!(MultiChildPoints::apply(signed(ALICE), YEAR));
		// Alice loses her phone; an issuer rebinds her ID to a new account.
		MockCitizenRegistry::rebind(ALICE_ID, NEW_KEY);
		assert_eq!(points(program, ALICE_ID), THREE);
		match MultiChildPoints::household_status(YEAR, household(7)) {
			Some(HouseholdStatus::Granted(g)) => {
				assert_eq!((g.citizen, g.balance), (ALICE_ID, THREE))
			}
			other => panic!("expected a grant, got {other:?}"),
		}
		// The new key is Alice: granted already. The old key is nobody.
		assert_eq!(MultiChildPoints::quote_for(&NEW_KEY, YEAR), Err(Refusal::AlreadyGranted));
		assert_noop!(MultiChildPoints::apply(signed(NEW_KEY), YEAR), Error::<Test>::AlreadyGranted);
		assert_eq!(MultiChildPoints::quote_for(&ALICE, YEAR), Err(Refusal::NotCitizen));
		assert_noop!(MultiChildPoints::apply(signed(ALICE), YEAR), Error::<Test>::NotCitizen);
		// She spends from the new key: the ledger pays by citizen ID.
		assert_ok!(<MockVoucherLedger as VoucherLedger<u64, Balance>>::spend(
			program, ALICE_ID, &BOOKSHOP, 100_000
		));
		assert_eq!(points(program, ALICE_ID), THREE - 100_000);
		assert_eq!(MockVoucherLedger::paid(BOOKSHOP), 100_000);
	});
}

#[test]
fn a_recovered_guardian_applies_from_the_new_key() {
	run(|| {
		let program = open();
		MockCitizenRegistry::rebind(ALICE_ID, NEW_KEY);
		assert_eq!(MultiChildPoints::quote_for(&NEW_KEY, YEAR), Ok(THREE));
		assert_ok!(MultiChildPoints::apply(signed(NEW_KEY), YEAR));
		assert_eq!(Grants::<Test>::get(YEAR, household(7)).unwrap().citizen, ALICE_ID);
		assert_eq!(points(program, ALICE_ID), THREE);
		assert_eq!(
			last_event(),
			Event::PointsGranted {
				year: YEAR,
				citizen: ALICE_ID,
				household: household(7),
				children: 3,
				amount: THREE,
			}
		);
	});
}

#[test]
fn a_suspended_guardian_keeps_the_points_but_cannot_apply() {
	run(|| {
		let program = open();
		assert_ok!(MultiChildPoints::apply(signed(ALICE), YEAR));
		// Suspended while the lost phone is recovered.
		MockCitizenRegistry::set_active(ALICE_ID, false);
		MockCitizenRegistry::set_active(BOB_ID, false);
		assert_noop!(MultiChildPoints::apply(signed(BOB), YEAR), Error::<Test>::NotCitizen);
		assert_eq!(points(program, ALICE_ID), THREE);
		MockCitizenRegistry::rebind(ALICE_ID, NEW_KEY);
		MockCitizenRegistry::set_active(ALICE_ID, true);
		assert_eq!(points(program, ALICE_ID), THREE);
		assert_eq!(MultiChildPoints::quote_for(&NEW_KEY, YEAR), Err(Refusal::AlreadyGranted));
	});
}
