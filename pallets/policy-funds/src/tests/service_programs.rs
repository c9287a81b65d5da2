//! `ServicePrograms`: a service pallet opens and funds programs of its own; citizens do not
//! apply to them.

use super::*;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::TokenError;

#[test]
fn a_service_opens_and_funds_a_program_of_its_own() {
	run(|| {
		let program = service_program(GRANT);
		let p = Programs::<Test>::get(program).unwrap();
		assert_eq!(p.owner, SERVICE);
		assert_eq!(p.status, ProgramStatus::Open);
		assert!(p.officers.is_empty());
		assert_eq!(p.terms.name, name("다자녀 포인트", "Multi-child points"));
		assert_eq!(p.terms.amount_per_grant, 0);
		assert!(p.terms.required_claims.is_empty());
		assert_eq!((p.terms.apply_from, p.terms.apply_until), (START, START), "no window");
		assert_eq!(p.terms.spend_until, START + 30 * DAY);
		assert_eq!(p.terms.allowed_categories, set::<_, ConstU32<4>>([BOOKS, SPORTS]));
		let tail: Vec<_> = events().into_iter().rev().take(2).collect();
		assert_eq!(
			tail,
			vec![
				Event::ProgramFunded { program, from: TREASURY, amount: GRANT },
				Event::ProgramCreated { program, owner: SERVICE, account: p.account },
			]
		);
		assert_eq!(Funds::free_budget(program), GRANT);
		assert_eq!(report(program).funded, GRANT);
		assert_eq!(ExpiryQueue::<Test>::get().to_vec(), vec![(START + 30 * DAY, program)]);
	});
}

#[test]
fn a_service_program_may_open_unfunded_and_lists_a_category_once() {
	run(|| {
		setup_merchants();
		let mut s = spec(30);
		s.allowed_categories = vec![BOOKS, BOOKS, SPORTS];
		let program = Funds::open_program(SERVICE, s, &TREASURY, 0).expect("valid");
		assert_eq!(Funds::free_budget(program), 0);
		assert_eq!(
			Programs::<Test>::get(program).unwrap().terms.allowed_categories,
			set::<_, ConstU32<4>>([BOOKS, SPORTS])
		);
		assert_eq!(balance(Funds::program_account(program)), 0);
	});
}

#[test]
fn opening_checks_the_spec() {
	run(|| {
		setup_merchants();
		let open = |change: fn(&mut citizen_primitives::ProgramSpec)| {
			let mut s = spec(30);
			change(&mut s);
			Funds::open_program(SERVICE, s, &TREASURY, GRANT)
		};
		assert_noop!(
			Funds::open_program(ProgramOwner::City, spec(30), &TREASURY, GRANT),
			Error::<Test>::NotAServiceOwner
		);
		assert_noop!(open(|s| s.name.1 = vec![b'x'; 33]), Error::<Test>::NameTooLong);
		assert_noop!(open(|s| s.name.0 = vec![b'x'; 33]), Error::<Test>::NameTooLong);
		assert_noop!(
			open(|s| s.excluded_categories = vec![1, 2, 3, 4, 5]),
			Error::<Test>::TooManyCategories
		);
		assert_noop!(open(|s| s.allowed_categories = vec![42]), Error::<Test>::UnknownCategory);
		assert_noop!(open(|s| s.spend_until = START), Error::<Test>::InvalidTerms);
		assert_noop!(
			open(|s| s.spend_until = START + MaxProgramDuration::get() + 1),
			Error::<Test>::ProgramTooLong
		);
		// The funder must have the money; a new program account needs the minimum.
		assert_noop!(
			Funds::open_program(SERVICE, spec(30), &ALICE, 1_000),
			TokenError::FundsUnavailable
		);
		ExistentialDeposit::set(100);
		assert_noop!(
			Funds::open_program(SERVICE, spec(30), &TREASURY, 99),
			Error::<Test>::RecipientBelowMinimum
		);
		ExistentialDeposit::set(1);
		// Service programs take live slots like any other.
		for _ in 0..3 {
			assert_ok!(open(|_| {}));
		}
		assert_noop!(open(|_| {}), Error::<Test>::TooManyLivePrograms);
	});
}

#[test]
fn only_the_owner_funds_through_the_service_interface() {
	run(|| {
		let program = service_program(GRANT);
		assert_ok!(Funds::fund_program(SERVICE, program, &TREASURY, 500));
		assert_eq!(last_event(), Event::ProgramFunded { program, from: TREASURY, amount: 500 });
		assert_eq!(Funds::free_budget(program), GRANT + 500);
		for stranger in [OTHER_SERVICE, ProgramOwner::City] {
			assert_noop!(
				Funds::fund_program(stranger, program, &TREASURY, 500),
				Error::<Test>::NotProgramOwner
			);
		}
		assert_noop!(
			Funds::fund_program(SERVICE, 9, &TREASURY, 500),
			Error::<Test>::UnknownProgram
		);
		assert_noop!(
			Funds::fund_program(SERVICE, program, &TREASURY, 0),
			Error::<Test>::ZeroAmount
		);
		// A city program is not the service's.
		let city = NextProgramId::<Test>::get();
		assert_ok!(Funds::create_program(root(), terms(ApprovalMode::Automatic), officers()));
		assert_noop!(
			Funds::fund_program(SERVICE, city, &TREASURY, 500),
			Error::<Test>::NotProgramOwner
		);
		assert_eq!(Funds::free_budget(9), 0);
	});
}

#[test]
fn a_service_program_is_funded_only_while_open() {
	run(|| {
		let program = service_voucher(2 * GRANT, GRANT);
		advance(30 * DAY);
		// The free budget reads as of now: Alice's voucher is back in it.
		assert_eq!(Funds::free_budget(program), 2 * GRANT);
		assert_noop!(
			Funds::fund_program(SERVICE, program, &TREASURY, 500),
			Error::<Test>::ProgramExpired
		);
		let other = Funds::open_program(SERVICE, spec(60), &TREASURY, GRANT).expect("valid");
		assert_noop!(
			Funds::close_program(root(), other, TREASURY),
			Error::<Test>::ServiceProgramRunning
		);
	});
}

#[test]
fn citizens_do_not_apply_to_a_service_program() {
	run(|| {
		let program = service_program(GRANT);
		assert_noop!(Funds::apply(signed(ALICE), program), Error::<Test>::NotOpenToApplications);
	});
}

/// A program of `BOOKINGS_ONLY` (the youth pass) with Alice's voucher of `credit`.
fn bookings_only_voucher(credit: Balance) -> ProgramId {
	setup_merchants();
	let program = Funds::open_program(BOOKINGS_ONLY, spec(30), &TREASURY, GRANT).expect("valid");
	assert_ok!(Funds::credit(BOOKINGS_ONLY, program, ALICE_ID, credit));
	program
}

#[test]
fn a_bookings_only_voucher_cannot_be_spent_at_a_counter_but_pays_through_holds() {
	run(|| {
		let program = bookings_only_voucher(50_000);
		assert_noop!(
			Funds::spend(signed(ALICE), program, BOOKSHOP, 10_000),
			Error::<Test>::BookingsOnly
		);
		assert_noop!(
			ledger_spend(program, ALICE_ID, BOOKSHOP, 10_000),
			Error::<Test>::BookingsOnly
		);
		// The merchant's counter does not offer it either.
		let verdict = Funds::can_accept(&BOOKSHOP, &ALICE, 10_000, Some(ALICE_ID));
		assert!(!verdict.accepted);
		assert!(verdict.usable.is_empty());
		// The service's booking pays the merchant.
		let before = balance(BOOKSHOP);
		let hold = Funds::hold(BOOKINGS_ONLY, program, ALICE_ID, &BOOKSHOP, 10_000).expect("held");
		assert_ok!(Funds::settle(BOOKINGS_ONLY, program, hold));
		assert_eq!(balance(BOOKSHOP), before + 10_000);
		assert_eq!(Funds::balance(program, ALICE_ID), 40_000);
	});
}

#[test]
fn a_service_withdraws_from_its_free_budget_only() {
	run(|| {
		let program = service_voucher(GRANT, 100_000);
		let account = Funds::program_account(program);
		let (before, program_before) = (balance(CAROL), balance(account));
		assert_ok!(Funds::withdraw(SERVICE, program, &CAROL, 10_000));
		assert_eq!(balance(CAROL), before + 10_000);
		assert_eq!(balance(account), program_before - 10_000);
		assert_eq!(Funds::free_budget(program), GRANT - 100_000 - 10_000);
		assert_eq!(report(program).withdrawn, 10_000);
		assert_eq!(
			events().last(),
			Some(&Event::ServiceWithdrew { program, to: CAROL, amount: 10_000 })
		);
		// Never what vouchers hold, never someone else's program, never nothing.
		assert_noop!(
			Funds::withdraw(SERVICE, program, &CAROL, GRANT - 100_000 - 10_000 + 1),
			Error::<Test>::BudgetExhausted
		);
		assert_noop!(
			Funds::withdraw(OTHER_SERVICE, program, &CAROL, 1),
			Error::<Test>::NotProgramOwner
		);
		assert_noop!(Funds::withdraw(SERVICE, program, &CAROL, 0), Error::<Test>::ZeroAmount);
		assert_noop!(Funds::withdraw(SERVICE, 99, &CAROL, 1), Error::<Test>::UnknownProgram);
	});
}

#[test]
fn the_city_closes_or_ends_a_service_program_only_after_its_spending_window() {
	run(|| {
		let program = service_voucher(GRANT, 100_000);
		assert_noop!(
			Funds::close_program(root(), program, TREASURY),
			Error::<Test>::ServiceProgramRunning
		);
		assert_noop!(
			Funds::end_program(root(), program, TREASURY),
			Error::<Test>::ServiceProgramRunning
		);
		// After spend-until the leftover budget goes back to the city.
		advance(30 * DAY);
		let before = balance(TREASURY);
		assert_ok!(Funds::close_program(root(), program, TREASURY));
		assert_eq!(balance(TREASURY), before + GRANT);
	});
}

#[test]
fn a_program_account_is_known_as_one_without_a_lookup() {
	use crate::impl_service_programs::is_program_account_of;
	use frame_support::PalletId;
	use sp_runtime::{traits::AccountIdConversion, AccountId32};
	run(|| {
		// The mock's `u64` accounts truncate the derivation: every program shares one account.
		let program = service_program(GRANT);
		assert!(Funds::is_program_account(&Funds::program_account(program)));
		assert!(Funds::is_program_account(&Funds::program_account(program + 1)), "not yet created");
		for who in [TREASURY, ALICE, BOOKSHOP, OFFICER, 0, u64::MAX] {
			assert!(!Funds::is_program_account(&who), "{who}");
		}
	});
	// A chain's 32-byte accounts hold the whole derivation: any program id's account, of a
	// program that exists or not, and the pallet's own account (program 0's); nobody else's.
	let funds = PalletId(*b"cty/fund");
	let account = |id: PalletId, program: ProgramId| -> AccountId32 {
		id.into_sub_account_truncating(program)
	};
	for program in [0, 1, 7, ProgramId::MAX] {
		assert!(is_program_account_of(funds, &account(funds, program)), "program {program}");
	}
	let own: AccountId32 = funds.into_account_truncating();
	assert_eq!(own, account(funds, 0), "the pallet's own account is program 0's");
	assert!(is_program_account_of(funds, &own));
	assert!(!is_program_account_of(funds, &account(PalletId(*b"cty/ycps"), 1)), "another pallet's");
	assert!(!is_program_account_of(funds, &AccountId32::new([1; 32])));
	let mut longer: [u8; 32] = account(funds, 3).into();
	longer[20] = 1;
	assert!(!is_program_account_of(funds, &AccountId32::new(longer)), "not a derivation");
	// Accounts too short for the prefix are judged by the truncated derivation.
	assert!(!is_program_account_of(funds, &7u16));
}
