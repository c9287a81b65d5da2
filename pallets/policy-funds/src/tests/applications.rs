//! Citizens apply; automatic programs credit at once, officers decide manual ones.

use super::*;
use citizen_primitives::{testing::MockCitizenRegistry, ClaimValue};
use frame_support::{assert_noop, assert_ok};
use sp_core::H256;
use sp_runtime::DispatchError;

#[test]
fn an_eligible_resident_is_credited_at_once() {
	run(|| {
		let program = automatic_program(2);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_eq!(voucher(program, ALICE_ID), Some(Voucher { balance: GRANT, frozen: false }));
		assert_eq!(application(program, ALICE_ID).unwrap().status, ApplicationStatus::Approved);
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
		t.required_claims = set([ClaimKind::Resident, ClaimKind::MultiChildHousehold]);
		let program = setup_program(t, 3 * GRANT);
		assert_ok!(Funds::apply(signed(ALICE), program));
		// Bob is the other guardian of the same household.
		assert_noop!(Funds::apply(signed(BOB), program), Error::<Test>::HouseholdAlreadyGranted);
		// Carol has no household claim: make her otherwise eligible (a long-time resident), so
		// only the household requirement stands between her and a grant.
		MockCitizenRegistry::add_claim(
			CAROL_ID,
			ClaimValue::Resident { zone: 3, since: START - 365 * DAY },
			START + 365 * DAY,
		);
		assert_noop!(Funds::apply(signed(CAROL), program), Error::<Test>::NotEligible);
		// With a household of her own, she would be granted.
		MockCitizenRegistry::add_claim(
			CAROL_ID,
			ClaimValue::MultiChildHousehold { household: H256::repeat_byte(9), children: 2 },
			START + 365 * DAY,
		);
		assert_ok!(Funds::apply(signed(CAROL), program));
	});
}

#[test]
fn an_officer_approves_a_manual_application() {
	run(|| {
		let program = setup_program(terms(ApprovalMode::Manual), 2 * GRANT);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_eq!(last_event(), Event::Applied { program, citizen: ALICE_ID });
		assert_eq!(voucher(program, ALICE_ID), None);
		assert_eq!(report(program).pending, 1);
		assert_ok!(Funds::approve(signed(OFFICER), program, ALICE_ID));
		assert_eq!(
			last_event(),
			Event::Approved { program, citizen: ALICE_ID, officer: Some(OFFICER) }
		);
		assert_eq!(voucher(program, ALICE_ID).unwrap().balance, GRANT);
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
		assert_eq!(application(program, ALICE_ID).unwrap().status, ApplicationStatus::Rejected(4));
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
		t.required_claims = set([ClaimKind::MultiChildHousehold]);
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

/// A manual program per household, like the multi-child points: Alice and Bob are the two
/// guardians of household 7.
fn household_program() -> ProgramId {
	let mut t = terms(ApprovalMode::Manual);
	t.scope = GrantScope::PerHousehold;
	t.required_claims = set([ClaimKind::Resident, ClaimKind::MultiChildHousehold]);
	setup_program(t, 2 * GRANT)
}

#[test]
fn approval_refuses_an_applicant_suspended_since_applying() {
	run(|| {
		let program = household_program();
		assert_ok!(Funds::apply(signed(ALICE), program));
		MockCitizenRegistry::set_active(ALICE_ID, false);
		assert_noop!(
			Funds::approve(signed(OFFICER), program, ALICE_ID),
			Error::<Test>::ApplicantNotActive
		);
		assert_eq!(voucher(program, ALICE_ID), None);
		// The officer rejects instead; the household's single grant is free again for the
		// other guardian.
		assert_ok!(Funds::reject(signed(OFFICER), program, ALICE_ID, 2));
		assert_ok!(Funds::apply(signed(BOB), program));
		assert_ok!(Funds::approve(signed(OFFICER), program, BOB_ID));
		let r = report(program);
		assert_eq!((r.citizens_served, r.allocated, r.pending), (1, GRANT, 0));
	});
}

#[test]
fn approval_refuses_an_applicant_who_lost_a_required_claim() {
	run(|| {
		let program = setup_program(terms(ApprovalMode::Manual), 2 * GRANT);
		assert_ok!(Funds::apply(signed(ALICE), program));
		MockCitizenRegistry::remove_claim(ALICE_ID, ClaimKind::Resident);
		assert_noop!(
			Funds::approve(signed(OFFICER), program, ALICE_ID),
			Error::<Test>::NotEligible
		);
		assert_ok!(Funds::reject(signed(OFFICER), program, ALICE_ID, 3));
		assert_eq!(report(program).citizens_served, 0);
	});
}

#[test]
fn approval_checks_residence_again() {
	run(|| {
		let program = setup_program(terms(ApprovalMode::Manual), 2 * GRANT);
		assert_ok!(Funds::apply(signed(ALICE), program));
		// Re-attested after a move out and back: resident for ten days only.
		MockCitizenRegistry::add_claim(
			ALICE_ID,
			ClaimValue::Resident { zone: 3, since: START - 10 * DAY },
			START + 365 * DAY,
		);
		assert_noop!(
			Funds::approve(signed(OFFICER), program, ALICE_ID),
			Error::<Test>::ResidenceTooShort
		);
	});
}

#[test]
fn approval_refuses_an_applicant_whose_household_changed() {
	run(|| {
		let program = household_program();
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_eq!(application(program, ALICE_ID).unwrap().household, Some(H256::repeat_byte(7)));
		// Alice's claim now names another household: the grant recorded for household 7
		// cannot go to it.
		MockCitizenRegistry::add_claim(
			ALICE_ID,
			ClaimValue::MultiChildHousehold { household: H256::repeat_byte(8), children: 3 },
			START + 365 * DAY,
		);
		assert_noop!(
			Funds::approve(signed(OFFICER), program, ALICE_ID),
			Error::<Test>::NotEligible
		);
		// Losing the household claim altogether is refused the same way.
		MockCitizenRegistry::remove_claim(ALICE_ID, ClaimKind::MultiChildHousehold);
		assert_noop!(
			Funds::approve(signed(OFFICER), program, ALICE_ID),
			Error::<Test>::NotEligible
		);
		assert_ok!(Funds::reject(signed(OFFICER), program, ALICE_ID, 1));
		assert!(!HouseholdGrants::<Test>::contains_key(program, H256::repeat_byte(7)));
	});
}
