//! Guardians apply: the household's tier is credited to the guardian's voucher at once, once
//! per household and once per citizen a year.

use super::*;
use citizen_primitives::{
	testing::MockCitizenRegistry, ClaimValue, PublicService, PublicServiceCall, VoucherLedger,
};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

/// Give `citizen` a household claim (valid as long as the others).
fn household_claim(citizen: CitizenId, h: u8, children: u8) {
	MockCitizenRegistry::add_claim(
		citizen,
		ClaimValue::MultiChildHousehold { household: household(h), children },
		CLAIMS_UNTIL,
	);
}

#[test]
fn a_three_child_household_receives_the_top_tier() {
	run(|| {
		let program = open();
		assert_ok!(MultiChildPoints::apply(signed(ALICE), YEAR));
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
		assert_eq!(
			Grants::<Test>::get(YEAR, household(7)),
			Some(Grant {
				citizen: ALICE_ID,
				tier: 1,
				children: 3,
				amount: THREE,
				granted_at: START
			})
		);
		assert!(MockVoucherLedger::has_voucher(program, ALICE_ID));
		assert_eq!((points(program, ALICE_ID), free(program)), (THREE, BUDGET - THREE));
		let r = report();
		assert_eq!((r.households.to_vec(), r.granted), (vec![0, 1], THREE));
	});
}

#[test]
fn a_two_child_household_receives_the_first_tier() {
	run(|| {
		let program = open();
		assert_ok!(MultiChildPoints::apply(signed(CAROL), YEAR));
		assert_eq!((points(program, CAROL_ID), free(program)), (TWO, BUDGET - TWO));
		assert_ok!(MultiChildPoints::apply(signed(ALICE), YEAR));
		assert_eq!((points(program, ALICE_ID), free(program)), (THREE, BUDGET - TWO - THREE));
		let r = report();
		assert_eq!((r.households.to_vec(), r.granted), (vec![1, 1], TWO + THREE));
	});
}

#[test]
fn a_household_receives_the_highest_tier_its_children_reach() {
	run(|| {
		let mut t = terms();
		t.tiers = tiers(&[(2, 100_000), (3, 200_000), (5, 400_000)]);
		let program = open_with(t);
		household_claim(ALICE_ID, 7, 4); // between the second and the third tier
		household_claim(CAROL_ID, 9, 9); // above the last
		household_claim(ERIN_ID, 11, 5); // exactly the last
		for (who, id, amount, tier) in [
			(ALICE, ALICE_ID, 200_000, 1),
			(CAROL, CAROL_ID, 400_000, 2),
			(ERIN, ERIN_ID, 400_000, 2),
		] {
			assert_ok!(MultiChildPoints::apply(signed(who), YEAR));
			assert_eq!(points(program, id), amount);
			let grant = Grants::<Test>::iter_prefix_values(YEAR).find(|g| g.citizen == id);
			assert_eq!(grant.unwrap().tier, tier);
		}
		assert_eq!(report().households.to_vec(), vec![0, 1, 2]);
		assert_eq!(free(program), 0);
	});
}

#[test]
fn the_other_guardian_is_refused() {
	run(|| {
		let program = open();
		assert_ok!(MultiChildPoints::apply(signed(ALICE), YEAR));
		assert_noop!(
			MultiChildPoints::apply(signed(BOB), YEAR),
			Error::<Test>::HouseholdAlreadyGranted
		);
		assert_eq!((points(program, BOB_ID), free(program)), (0, BUDGET - THREE));
	});
}

#[test]
fn a_household_whose_claim_changes_is_not_paid_twice() {
	run(|| {
		let program = open();
		assert_ok!(MultiChildPoints::apply(signed(CAROL), YEAR));
		// A third child: the same household commitment, re-attested.
		household_claim(CAROL_ID, 9, 3);
		assert_noop!(MultiChildPoints::apply(signed(CAROL), YEAR), Error::<Test>::AlreadyGranted);
		// A new commitment for the same guardian (re-salted, or a new household).
		household_claim(CAROL_ID, 12, 3);
		assert_noop!(MultiChildPoints::apply(signed(CAROL), YEAR), Error::<Test>::AlreadyGranted);
		// The other guardian, with the new child count.
		household_claim(ERIN_ID, 9, 3);
		assert_noop!(
			MultiChildPoints::apply(signed(ERIN), YEAR),
			Error::<Test>::HouseholdAlreadyGranted
		);
		assert_eq!((points(program, CAROL_ID), free(program)), (TWO, BUDGET - TWO));
		assert_eq!(report().households.to_vec(), vec![1, 0]);
	});
}

#[test]
fn a_grant_spent_to_nothing_still_counts() {
	run(|| {
		let program = open();
		assert_ok!(MultiChildPoints::apply(signed(CAROL), YEAR));
		assert_ok!(<MockVoucherLedger as VoucherLedger<u64, Balance>>::spend(
			program, CAROL_ID, &BOOKSHOP, TWO
		));
		assert_eq!(points(program, CAROL_ID), 0);
		household_claim(CAROL_ID, 12, 3);
		assert_noop!(MultiChildPoints::apply(signed(CAROL), YEAR), Error::<Test>::AlreadyGranted);
		assert_eq!(MultiChildPoints::quote_for(&CAROL, YEAR), Err(Refusal::AlreadyGranted));
	});
}

/// An officer's clawback (policy funds' `recover_voucher`) undoes the citizen's grant: they
/// may apply again, but only for a household not granted this year; the household whose
/// grant was recovered is never paid again.
#[test]
fn after_a_clawback_only_another_household_is_granted() {
	run(|| {
		let program = open();
		assert_ok!(MultiChildPoints::apply(signed(CAROL), YEAR));
		assert_eq!(MockVoucherLedger::recover(program, CAROL_ID), TWO);
		assert_noop!(
			MultiChildPoints::apply(signed(CAROL), YEAR),
			Error::<Test>::HouseholdAlreadyGranted
		);
		// The issuer corrects the claim: another household, three children.
		household_claim(CAROL_ID, 12, 3);
		assert_ok!(MultiChildPoints::apply(signed(CAROL), YEAR));
		assert_eq!((points(program, CAROL_ID), free(program)), (THREE, BUDGET - THREE));
		assert_noop!(MultiChildPoints::apply(signed(CAROL), YEAR), Error::<Test>::AlreadyGranted);
		assert_eq!(report().households.to_vec(), vec![1, 1]);
	});
}

#[test]
fn each_year_grants_anew() {
	run(|| {
		let first = open();
		assert_ok!(MultiChildPoints::open_scheme(root(), YEAR + 1, terms()));
		let second = Schemes::<Test>::get(YEAR + 1).unwrap().program;
		assert_ok!(MultiChildPoints::apply(signed(ALICE), YEAR));
		assert_ok!(MultiChildPoints::apply(signed(BOB), YEAR + 1));
		assert_eq!((points(first, ALICE_ID), points(second, BOB_ID)), (THREE, THREE));
		assert_noop!(
			MultiChildPoints::apply(signed(ALICE), YEAR + 1),
			Error::<Test>::HouseholdAlreadyGranted
		);
	});
}

#[test]
fn only_an_active_citizen_applies() {
	run(|| {
		let program = open();
		for origin in [RuntimeOrigin::none(), root()] {
			assert_noop!(MultiChildPoints::apply(origin, YEAR), DispatchError::BadOrigin);
		}
		// A signed account is told clearly that it acts for no (active) citizen.
		assert_noop!(MultiChildPoints::apply(signed(77), YEAR), Error::<Test>::NotCitizen);
		MockCitizenRegistry::set_active(ALICE_ID, false);
		assert_noop!(MultiChildPoints::apply(signed(ALICE), YEAR), Error::<Test>::NotCitizen);
		MockCitizenRegistry::deregister(BOB_ID);
		assert_noop!(MultiChildPoints::apply(signed(BOB), YEAR), Error::<Test>::NotCitizen);
		assert_eq!(free(program), BUDGET);
	});
}

#[test]
fn applying_fails_clearly_and_changes_nothing() {
	run(|| {
		assert_noop!(MultiChildPoints::apply(signed(ALICE), YEAR), Error::<Test>::UnknownScheme);
		let program = open();
		// Resident for a month only.
		assert_noop!(MultiChildPoints::apply(signed(DAVE), YEAR), Error::<Test>::ResidenceTooShort);
		// No household claim.
		assert_noop!(
			MultiChildPoints::apply(signed(ERIN), YEAR),
			Error::<Test>::NotMultiChildHousehold
		);
		// One child.
		household_claim(ERIN_ID, 11, 1);
		assert_noop!(MultiChildPoints::apply(signed(ERIN), YEAR), Error::<Test>::TooFewChildren);
		// No residence claim.
		MockCitizenRegistry::remove_claim(CAROL_ID, ClaimKind::Resident);
		assert_noop!(MultiChildPoints::apply(signed(CAROL), YEAR), Error::<Test>::NotResident);
		assert_ok!(MultiChildPoints::apply(signed(ALICE), YEAR));
		assert_noop!(MultiChildPoints::apply(signed(ALICE), YEAR), Error::<Test>::AlreadyGranted);
		assert_eq!(free(program), BUDGET - THREE);
	});
}

#[test]
fn residence_counts_up_to_the_moment_of_applying() {
	run(|| {
		open();
		// Exactly the minimum (90 days) is enough.
		MockCitizenRegistry::add_claim(
			CAROL_ID,
			ClaimValue::Resident { zone: 3, since: START - 90 * DAY },
			CLAIMS_UNTIL,
		);
		assert_ok!(MultiChildPoints::apply(signed(CAROL), YEAR));
		// Dave, resident for 30 days, qualifies 60 days later, not a moment before.
		advance(60 * DAY - 1);
		assert_noop!(MultiChildPoints::apply(signed(DAVE), YEAR), Error::<Test>::ResidenceTooShort);
		advance(1);
		assert_ok!(MultiChildPoints::apply(signed(DAVE), YEAR));
	});
}

#[test]
fn claims_must_be_valid_now() {
	run(|| {
		open();
		// Claims that expire tomorrow.
		MockCitizenRegistry::add_claim(
			CAROL_ID,
			ClaimValue::Resident { zone: 3, since: START - 365 * DAY },
			START + DAY,
		);
		MockCitizenRegistry::add_claim(
			ALICE_ID,
			ClaimValue::MultiChildHousehold { household: household(7), children: 3 },
			START + DAY,
		);
		advance(DAY);
		assert_noop!(MultiChildPoints::apply(signed(CAROL), YEAR), Error::<Test>::NotResident);
		assert_noop!(
			MultiChildPoints::apply(signed(ALICE), YEAR),
			Error::<Test>::NotMultiChildHousehold
		);
		// Bob's claims for the same household are still valid.
		assert_ok!(MultiChildPoints::apply(signed(BOB), YEAR));
	});
}

#[test]
fn applications_are_taken_only_in_the_window() {
	run(|| {
		let mut t = terms();
		t.apply_from = START + DAY;
		let program = open_with(t);
		assert_noop!(
			MultiChildPoints::apply(signed(ALICE), YEAR),
			Error::<Test>::OutsideApplicationWindow
		);
		advance(DAY);
		assert_ok!(MultiChildPoints::apply(signed(ALICE), YEAR));
		set_now(APPLY_UNTIL - 1);
		assert_ok!(MultiChildPoints::apply(signed(CAROL), YEAR));
		set_now(APPLY_UNTIL);
		household_claim(ERIN_ID, 11, 2);
		assert_noop!(
			MultiChildPoints::apply(signed(ERIN), YEAR),
			Error::<Test>::OutsideApplicationWindow
		);
		assert_eq!(free(program), BUDGET - THREE - TWO);
	});
}

#[test]
fn an_exhausted_budget_is_a_clear_error() {
	run(|| {
		let mut t = terms();
		t.budget = THREE + TWO - 1;
		let program = open_with(t);
		assert_ok!(MultiChildPoints::apply(signed(ALICE), YEAR));
		assert_noop!(MultiChildPoints::apply(signed(CAROL), YEAR), Error::<Test>::BudgetExhausted);
		assert_eq!((points(program, CAROL_ID), free(program)), (0, TWO - 1));
		assert_eq!(report().households.to_vec(), vec![0, 1]);
	});
}

#[test]
fn apply_is_a_citizens_public_service_call() {
	assert_eq!(Call::<Test>::apply { year: YEAR }.public_service(), Some(PublicService::Citizen));
	let city = [
		Call::<Test>::open_scheme { year: YEAR, terms: terms() },
		Call::<Test>::top_up { year: YEAR, amount: 1 },
		Call::<Test>::close_applications { year: YEAR },
		Call::<Test>::set_treasury { account: TREASURY },
	];
	for call in city {
		assert_eq!(call.public_service(), None);
	}
}
