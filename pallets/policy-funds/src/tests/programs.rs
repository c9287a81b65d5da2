//! The city creates, staffs, funds and closes programs.

use super::*;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::{traits::AccountIdConversion, DispatchError};

#[test]
fn city_creates_a_program_with_its_own_account() {
	run(|| {
		setup_merchants();
		assert_ok!(Funds::create_program(root(), terms(ApprovalMode::Automatic), officers()));
		let p = Programs::<Test>::get(0).unwrap();
		let expected: u64 = FundsPalletId::get().into_sub_account_truncating(0u32);
		assert_eq!(p.account, expected);
		assert_eq!(p.status, ProgramStatus::Open);
		assert_eq!(p.owner, ProgramOwner::City);
		assert_eq!(p.terms, terms(ApprovalMode::Automatic));
		assert_eq!(
			last_event(),
			Event::ProgramCreated { program: 0, owner: ProgramOwner::City, account: expected }
		);
		assert_eq!(ExpiryQueue::<Test>::get().to_vec(), vec![(START + 223 * DAY, 0)]);
		assert_eq!(NextProgramId::<Test>::get(), 1);
	});
}

#[test]
fn program_terms_are_checked() {
	run(|| {
		setup_merchants();
		let bad = |change: fn(&mut ProgramTermsOf<Test>)| {
			let mut t = terms(ApprovalMode::Automatic);
			change(&mut t);
			t
		};
		assert_noop!(
			Funds::create_program(root(), bad(|t| t.amount_per_grant = 0), officers()),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Funds::create_program(root(), bad(|t| t.apply_until = t.apply_from), officers()),
			Error::<Test>::InvalidTerms
		);
		assert_noop!(
			Funds::create_program(root(), bad(|t| t.spend_until = t.apply_until - 1), officers()),
			Error::<Test>::InvalidTerms
		);
		assert_noop!(
			Funds::create_program(root(), bad(|t| t.scope = GrantScope::PerHousehold), officers()),
			Error::<Test>::InvalidTerms
		);
		assert_noop!(
			Funds::create_program(
				root(),
				bad(|t| {
					t.apply_from = START - 3 * DAY;
					t.apply_until = START - 2 * DAY;
					t.spend_until = START;
				}),
				officers()
			),
			Error::<Test>::InvalidTerms
		);
		assert_noop!(
			Funds::create_program(
				root(),
				bad(|t| t.allowed_categories = set([BOOKS, 42])),
				officers()
			),
			Error::<Test>::UnknownCategory
		);
		assert_noop!(
			Funds::create_program(root(), bad(|t| t.excluded_categories = set([42])), officers()),
			Error::<Test>::UnknownCategory
		);
		assert_noop!(
			Funds::create_program(signed(TREASURY), terms(ApprovalMode::Automatic), officers()),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn live_programs_are_bounded() {
	run(|| {
		setup_merchants();
		for _ in 0..3 {
			assert_ok!(Funds::create_program(root(), terms(ApprovalMode::Automatic), officers()));
		}
		assert_noop!(
			Funds::create_program(root(), terms(ApprovalMode::Automatic), officers()),
			Error::<Test>::TooManyLivePrograms
		);
	});
}

#[test]
fn anyone_funds_a_program_from_their_own_money() {
	run(|| {
		let program = automatic_program(0);
		let account = Funds::program_account(program);
		assert_ok!(Funds::fund(signed(TREASURY), program, 1_000_000));
		assert_eq!(
			last_event(),
			Event::ProgramFunded { program, from: TREASURY, amount: 1_000_000 }
		);
		assert_eq!(balance(account), 1_000_000);
		assert_eq!(balance(TREASURY), 9_000_000);
		// Top-up.
		assert_ok!(Funds::fund(signed(TREASURY), program, 500));
		assert_eq!(report(program).funded, 1_000_500);
		assert_eq!(report(program).free, 1_000_500);
	});
}

#[test]
fn funding_has_its_rules() {
	run(|| {
		let program = automatic_program(0);
		assert_noop!(Funds::fund(signed(TREASURY), program, 0), Error::<Test>::ZeroAmount);
		assert_noop!(Funds::fund(signed(TREASURY), 9, 10), Error::<Test>::UnknownProgram);
		assert!(Funds::fund(signed(ALICE), program, 1_000).is_err(), "more than Alice has");
		assert_noop!(Funds::fund(root(), program, 10), DispatchError::BadOrigin);
		assert_ok!(Funds::close_program(root(), program, TREASURY));
		assert_noop!(Funds::fund(signed(TREASURY), program, 10), Error::<Test>::ProgramClosed);
	});
}

#[test]
fn closing_returns_the_free_budget_and_keeps_vouchers_spendable() {
	run(|| {
		let program = automatic_program(3);
		assert_ok!(Funds::apply(signed(ALICE), program));
		let before = balance(TREASURY);
		assert_ok!(Funds::close_program(root(), program, TREASURY));
		assert_eq!(balance(TREASURY), before + 2 * GRANT);
		assert_eq!(
			last_event(),
			Event::ProgramClosed { program, returned_to: TREASURY, amount: 2 * GRANT }
		);
		let r = report(program);
		assert_eq!((r.free, r.withdrawn, r.outstanding), (0, 2 * GRANT, GRANT));
		assert_noop!(Funds::apply(signed(BOB), program), Error::<Test>::ProgramClosed);
		// Alice still spends what she was granted.
		assert_ok!(Funds::spend(signed(ALICE), program, BOOKSHOP, 1_000));
		assert_noop!(
			Funds::close_program(signed(OFFICER), program, TREASURY),
			DispatchError::BadOrigin
		);
		assert_noop!(Funds::close_program(root(), 9, TREASURY), Error::<Test>::UnknownProgram);
	});
}

#[test]
fn closing_again_after_expiry_sweeps_what_returned() {
	run(|| {
		let program = automatic_program(1);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_ok!(Funds::close_program(root(), program, TREASURY));
		advance(223 * DAY);
		let before = balance(TREASURY);
		assert_ok!(Funds::close_program(root(), program, TREASURY));
		assert_eq!(balance(TREASURY), before + GRANT);
		assert_eq!(balance(Funds::program_account(program)), 0);
	});
}

#[test]
fn city_appoints_officers() {
	run(|| {
		let program = automatic_program(0);
		let new: BoundedVec<u64, ConstU32<2>> = BoundedVec::truncate_from(vec![5, 6]);
		assert_ok!(Funds::set_officers(root(), program, new.clone()));
		assert_eq!(Programs::<Test>::get(program).unwrap().officers, new);
		assert_eq!(last_event(), Event::OfficersSet { program, officers: new.clone() });
		assert_noop!(
			Funds::set_officers(signed(OFFICER), program, new.clone()),
			DispatchError::BadOrigin
		);
		assert_noop!(Funds::set_officers(root(), 9, new), Error::<Test>::UnknownProgram);
	});
}

#[test]
fn a_program_may_not_run_longer_than_the_maximum() {
	run(|| {
		setup_merchants();
		let mut t = terms(ApprovalMode::Automatic);
		t.spend_until = START + MaxProgramDuration::get() + 1;
		assert_noop!(
			Funds::create_program(root(), t.clone(), officers()),
			Error::<Test>::ProgramTooLong
		);
		t.spend_until = START + MaxProgramDuration::get();
		assert_ok!(Funds::create_program(root(), t, officers()));
	});
}

#[test]
fn closing_with_nothing_outstanding_frees_the_slot() {
	run(|| {
		setup_merchants();
		for _ in 0..3 {
			assert_ok!(Funds::create_program(root(), terms(ApprovalMode::Automatic), officers()));
		}
		assert_ok!(Funds::fund(signed(TREASURY), 1, GRANT));
		assert_noop!(
			Funds::create_program(root(), terms(ApprovalMode::Automatic), officers()),
			Error::<Test>::TooManyLivePrograms
		);
		let before = balance(TREASURY);
		assert_ok!(Funds::close_program(root(), 1, TREASURY));
		assert_eq!(balance(TREASURY), before + GRANT);
		let p = Programs::<Test>::get(1).unwrap();
		assert_eq!((p.status, p.expired), (ProgramStatus::Closed, true));
		let queue: Vec<ProgramId> = ExpiryQueue::<Test>::get().iter().map(|(_, id)| *id).collect();
		assert_eq!(queue, vec![0, 2]);
		assert_ok!(Funds::create_program(root(), terms(ApprovalMode::Automatic), officers()));
		// A finished program stays closed to everything.
		assert_noop!(Funds::fund(signed(TREASURY), 1, 10), Error::<Test>::ProgramClosed);
		assert_noop!(Funds::apply(signed(ALICE), 1), Error::<Test>::ProgramClosed);
		// Closing it again moves nothing and changes nothing else.
		assert_ok!(Funds::close_program(root(), 1, TREASURY));
		assert_eq!(
			last_event(),
			Event::ProgramClosed { program: 1, returned_to: TREASURY, amount: 0 }
		);
	});
}

#[test]
fn closing_again_once_the_vouchers_are_spent_frees_the_slot() {
	run(|| {
		let program = automatic_program(2);
		for _ in 0..2 {
			assert_ok!(Funds::create_program(root(), terms(ApprovalMode::Automatic), officers()));
		}
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_ok!(Funds::close_program(root(), program, TREASURY));
		// Alice's voucher is outstanding: the program still runs and holds its slot.
		assert!(!Programs::<Test>::get(program).unwrap().expired);
		assert_eq!(ExpiryQueue::<Test>::get().len(), 3);
		assert_ok!(Funds::spend(signed(ALICE), program, BOOKSHOP, GRANT));
		assert_ok!(Funds::close_program(root(), program, TREASURY));
		assert!(Programs::<Test>::get(program).unwrap().expired);
		assert_eq!(ExpiryQueue::<Test>::get().len(), 2);
		assert_ok!(Funds::create_program(root(), terms(ApprovalMode::Automatic), officers()));
		assert_eq!(balance(Funds::program_account(program)), 0);
	});
}

#[test]
fn the_city_ends_a_program_early() {
	run(|| {
		let program = automatic_program(3);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_ok!(Funds::apply(signed(BOB), program));
		assert_ok!(Funds::spend(signed(ALICE), program, BOOKSHOP, 100_000));
		let before = balance(TREASURY);
		assert_ok!(Funds::end_program(root(), program, TREASURY));
		// Everything not paid to merchants goes back: Alice's and Bob's rest and the free budget.
		let amount = 3 * GRANT - 100_000;
		assert_eq!(last_event(), Event::ProgramEnded { program, returned_to: TREASURY, amount });
		assert_eq!(balance(TREASURY), before + amount);
		assert_eq!(balance(Funds::program_account(program)), 0);
		let r = report(program);
		assert_eq!(
			(r.outstanding, r.returned, r.free, r.withdrawn, r.spent),
			(0, 2 * GRANT - 100_000, 0, amount, 100_000)
		);
		assert_eq!(r.spent + r.withdrawn, r.funded);
		let p = Programs::<Test>::get(program).unwrap();
		assert_eq!((p.status, p.expired), (ProgramStatus::Closed, true));
		assert!(ExpiryQueue::<Test>::get().is_empty(), "the slot is free");
		assert_eq!(Funds::spendable(program, BOB_ID), 0);
		assert_noop!(
			Funds::spend(signed(BOB), program, BOOKSHOP, 1),
			Error::<Test>::ProgramExpired
		);
		assert_noop!(Funds::apply(signed(CAROL), program), Error::<Test>::ProgramClosed);
		// Ending again moves nothing.
		assert_ok!(Funds::end_program(root(), program, TREASURY));
		assert_eq!(last_event(), Event::ProgramEnded { program, returned_to: TREASURY, amount: 0 });
	});
}

#[test]
fn ending_a_program_is_for_the_city() {
	run(|| {
		let program = automatic_program(1);
		assert_noop!(
			Funds::end_program(signed(OFFICER), program, TREASURY),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Funds::end_program(signed(TREASURY), program, TREASURY),
			DispatchError::BadOrigin
		);
		assert_noop!(Funds::end_program(root(), 9, TREASURY), Error::<Test>::UnknownProgram);
	});
}

#[test]
fn ending_a_program_past_its_window_expires_it_first() {
	run(|| {
		let program = automatic_program(2);
		assert_ok!(Funds::apply(signed(ALICE), program));
		advance(223 * DAY);
		assert_ok!(Funds::end_program(root(), program, TREASURY));
		let tail: Vec<_> = events().into_iter().rev().take(2).collect();
		assert_eq!(
			tail,
			vec![
				Event::ProgramEnded { program, returned_to: TREASURY, amount: 2 * GRANT },
				Event::ProgramExpired { program, returned: GRANT },
			]
		);
		assert_eq!(balance(Funds::program_account(program)), 0);
	});
}
