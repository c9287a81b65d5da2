//! Citizens apply; automatic programs credit at once, officers decide manual ones.

use super::*;
use citizen_primitives::testing::MockCitizenRegistry;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

#[test]
fn an_eligible_resident_is_credited_at_once() {
	run(|| {
		let program = automatic_program(2);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_eq!(
			Vouchers::<Test>::get(program, ALICE_ID),
			Some(Voucher { balance: GRANT, frozen: false })
		);
		assert_eq!(
			Applications::<Test>::get(program, ALICE_ID).unwrap().status,
			ApplicationStatus::Approved
		);
		let r = report(program);
		assert_eq!(
			(r.free, r.allocated, r.outstanding, r.citizens_served),
			(GRANT, GRANT, GRANT, 1)
		);
		let tail: Vec<_> = events().into_iter().rev().take(3).collect();
		assert_eq!(
			tail,
			vec![
				Event::Approved { program, citizen: ALICE_ID, officer: None },
				Event::VoucherCredited { program, citizen: ALICE_ID, amount: GRANT },
				Event::Applied { program, citizen: ALICE_ID },
			]
		);
	});
}

#[test]
fn applying_fails_clearly_and_changes_nothing() {
	run(|| {
		let program = automatic_program(1);
		assert_noop!(Funds::apply(signed(77), program), Error::<Test>::NotCitizen);
		assert_noop!(Funds::apply(signed(CAROL), program), Error::<Test>::ResidenceTooShort);
		MockCitizenRegistry::remove_claim(BOB_ID, ClaimKind::Resident);
		assert_noop!(Funds::apply(signed(BOB), program), Error::<Test>::NotEligible);
		assert_noop!(Funds::apply(signed(ALICE), 9), Error::<Test>::UnknownProgram);
		assert_noop!(Funds::apply(root(), program), DispatchError::BadOrigin);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_noop!(Funds::apply(signed(ALICE), program), Error::<Test>::AlreadyApplied);
	});
}

#[test]
fn a_suspended_citizen_cannot_apply() {
	run(|| {
		let program = automatic_program(1);
		MockCitizenRegistry::set_active(ALICE_ID, false);
		assert_noop!(Funds::apply(signed(ALICE), program), Error::<Test>::NotCitizen);
	});
}

#[test]
fn applications_are_taken_only_in_the_window() {
	run(|| {
		let mut t = terms(ApprovalMode::Automatic);
		t.apply_from = START + DAY;
		let program = setup_program(t, 2 * GRANT);
		assert_noop!(Funds::apply(signed(ALICE), program), Error::<Test>::OutsideApplicationWindow);
		advance(DAY);
		assert_ok!(Funds::apply(signed(ALICE), program));
		advance(200 * DAY);
		assert_noop!(Funds::apply(signed(BOB), program), Error::<Test>::OutsideApplicationWindow);
	});
}

#[test]
fn an_exhausted_budget_is_a_clear_error() {
	run(|| {
		let program = automatic_program(1);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_noop!(Funds::apply(signed(BOB), program), Error::<Test>::BudgetExhausted);
	});
}

#[test]
fn one_grant_per_household() {
	run(|| {
		let mut t = terms(ApprovalMode::Automatic);
		t.scope = GrantScope::PerHousehold;
		t.required_claims =
			BoundedVec::truncate_from(vec![ClaimKind::Resident, ClaimKind::MultiChildHousehold]);
		let program = setup_program(t, 3 * GRANT);
		assert_ok!(Funds::apply(signed(ALICE), program));
		// Bob is the other guardian of the same household.
		assert_noop!(Funds::apply(signed(BOB), program), Error::<Test>::HouseholdAlreadyGranted);
		// Carol has no household claim.
		assert_noop!(Funds::apply(signed(CAROL), program), Error::<Test>::ResidenceTooShort);
	});
}

#[test]
fn an_officer_approves_a_manual_application() {
	run(|| {
		let program = setup_program(terms(ApprovalMode::Manual), 2 * GRANT);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_eq!(last_event(), Event::Applied { program, citizen: ALICE_ID });
		assert_eq!(Vouchers::<Test>::get(program, ALICE_ID), None);
		assert_eq!(report(program).pending, 1);
		assert_ok!(Funds::approve(signed(OFFICER), program, ALICE_ID));
		assert_eq!(
			last_event(),
			Event::Approved { program, citizen: ALICE_ID, officer: Some(OFFICER) }
		);
		assert_eq!(Vouchers::<Test>::get(program, ALICE_ID).unwrap().balance, GRANT);
		assert_eq!(report(program).pending, 0);
		assert_eq!(report(program).citizens_served, 1);
		assert_noop!(Funds::approve(signed(OFFICER), program, ALICE_ID), Error::<Test>::NotPending);
	});
}

#[test]
fn an_officer_rejects_with_a_reason() {
	run(|| {
		let program = setup_program(terms(ApprovalMode::Manual), 2 * GRANT);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_ok!(Funds::reject(signed(OFFICER), program, ALICE_ID, 4));
		assert_eq!(
			last_event(),
			Event::Rejected { program, citizen: ALICE_ID, officer: OFFICER, reason: 4 }
		);
		assert_eq!(
			Applications::<Test>::get(program, ALICE_ID).unwrap().status,
			ApplicationStatus::Rejected(4)
		);
		assert_eq!(report(program).pending, 0);
		assert_noop!(
			Funds::reject(signed(OFFICER), program, ALICE_ID, 4),
			Error::<Test>::NotPending
		);
		assert_noop!(Funds::approve(signed(OFFICER), program, ALICE_ID), Error::<Test>::NotPending);
		// Rejected is final for this citizen.
		assert_noop!(Funds::apply(signed(ALICE), program), Error::<Test>::AlreadyApplied);
	});
}

#[test]
fn a_rejected_household_may_apply_through_the_other_guardian() {
	run(|| {
		let mut t = terms(ApprovalMode::Manual);
		t.scope = GrantScope::PerHousehold;
		t.required_claims = BoundedVec::truncate_from(vec![ClaimKind::MultiChildHousehold]);
		let program = setup_program(t, 2 * GRANT);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_noop!(Funds::apply(signed(BOB), program), Error::<Test>::HouseholdAlreadyGranted);
		assert_ok!(Funds::reject(signed(OFFICER), program, ALICE_ID, 1));
		assert_ok!(Funds::apply(signed(BOB), program));
	});
}

#[test]
fn only_officers_decide_and_only_within_budget() {
	run(|| {
		let program = setup_program(terms(ApprovalMode::Manual), GRANT);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_ok!(Funds::apply(signed(BOB), program));
		assert_noop!(Funds::approve(signed(ALICE), program, ALICE_ID), Error::<Test>::NotOfficer);
		assert_noop!(
			Funds::reject(signed(TREASURY), program, ALICE_ID, 1),
			Error::<Test>::NotOfficer
		);
		assert_noop!(Funds::approve(root(), program, ALICE_ID), DispatchError::BadOrigin);
		assert_noop!(
			Funds::approve(signed(OFFICER), program, CAROL_ID),
			Error::<Test>::UnknownApplication
		);
		assert_noop!(Funds::approve(signed(OFFICER), 9, ALICE_ID), Error::<Test>::UnknownProgram);
		assert_ok!(Funds::approve(signed(OFFICER), program, ALICE_ID));
		// Approving more than the free budget fails.
		assert_noop!(
			Funds::approve(signed(OFFICER), program, BOB_ID),
			Error::<Test>::BudgetExhausted
		);
	});
}
