//! `VoucherLedger` as the service pallets use it: credit, spend and take back; only the
//! program's owner; and the trait's contract (`ledger_conformance`) run against the pallet.

use super::*;
use citizen_primitives::{
	testing::{ledger_conformance, LedgerHarness, MockRegistryHarness, MockTime, RegistryHarness},
	ProgramSpec,
};
use frame_support::{assert_noop, assert_ok};

#[test]
fn credit_spend_and_take_back_through_the_ledger() {
	run(|| {
		let program = service_program(2 * GRANT);
		assert_ok!(Funds::credit(SERVICE, program, CAROL_ID, 500_000));
		assert_eq!(
			last_event(),
			Event::VoucherCredited { program, citizen: CAROL_ID, amount: 500_000 }
		);
		assert_eq!(Funds::balance(program, CAROL_ID), 500_000);
		assert_ok!(ledger_spend(program, CAROL_ID, SWIMMING, 200_000));
		assert_eq!(balance(SWIMMING), 200_000);
		assert_eq!(Funds::expire(SERVICE, program, CAROL_ID), Ok(300_000));
		assert_eq!(Funds::balance(program, CAROL_ID), 0);
		assert_eq!(
			last_event(),
			Event::VoucherReturned { program, citizen: CAROL_ID, amount: 300_000 }
		);
		let r = report(program);
		assert_eq!(
			(r.free, r.allocated, r.spent, r.returned, r.outstanding),
			(2 * GRANT - 200_000, 500_000, 200_000, 300_000, 0)
		);
		// The voucher is kept, empty: the citizen was served.
		assert_eq!(voucher(program, CAROL_ID), Some(Voucher { balance: 0, frozen: false }));
		// Taking back an empty voucher returns nothing.
		assert_eq!(Funds::expire(SERVICE, program, CAROL_ID), Ok(0));
	});
}

#[test]
fn a_citizen_is_counted_served_once_at_the_first_credit() {
	run(|| {
		let program = service_program(3 * GRANT);
		assert_ok!(Funds::credit(SERVICE, program, ALICE_ID, 1_000));
		assert_ok!(Funds::credit(SERVICE, program, ALICE_ID, 2_000));
		assert_eq!(report(program).citizens_served, 1);
		assert_eq!(Funds::balance(program, ALICE_ID), 3_000);
		// Taken back and credited again: still one citizen.
		assert_ok!(Funds::expire(SERVICE, program, ALICE_ID));
		assert_ok!(Funds::credit(SERVICE, program, ALICE_ID, 500));
		assert_eq!(report(program).citizens_served, 1);
		assert_ok!(Funds::credit(SERVICE, program, BOB_ID, 500));
		assert_eq!(report(program).citizens_served, 2);
	});
}

#[test]
fn only_the_owner_credits_holds_releases_settles_and_takes_back() {
	run(|| {
		let program = service_voucher(2 * GRANT, GRANT);
		let hold = Funds::hold(SERVICE, program, ALICE_ID, &BOOKSHOP, 1_000).expect("a hold");
		for stranger in [OTHER_SERVICE, ProgramOwner::City] {
			assert_noop!(
				Funds::credit(stranger, program, ALICE_ID, 1),
				Error::<Test>::NotProgramOwner
			);
			assert_noop!(
				Funds::hold(stranger, program, ALICE_ID, &BOOKSHOP, 1),
				Error::<Test>::NotProgramOwner
			);
			assert_noop!(Funds::release(stranger, program, hold), Error::<Test>::NotProgramOwner);
			assert_noop!(Funds::settle(stranger, program, hold), Error::<Test>::NotProgramOwner);
			assert_noop!(
				Funds::expire(stranger, program, ALICE_ID),
				Error::<Test>::NotProgramOwner
			);
		}
		// Spending is the citizen's own act, whoever calls the ledger for them.
		assert_ok!(ledger_spend(program, ALICE_ID, BOOKSHOP, 1));
	});
}

#[test]
fn a_city_program_belongs_to_the_city() {
	run(|| {
		let program = automatic_program(2);
		assert_noop!(Funds::credit(SERVICE, program, CAROL_ID, 1), Error::<Test>::NotProgramOwner);
		// The city's own ledger credit and a grant make one citizen served.
		assert_ok!(Funds::credit(ProgramOwner::City, program, ALICE_ID, 1_000));
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_eq!(Funds::balance(program, ALICE_ID), GRANT + 1_000);
		assert_eq!(report(program).citizens_served, 1);
	});
}

#[test]
fn the_ledger_keeps_the_budget_and_the_windows() {
	run(|| {
		let program = service_program(GRANT);
		assert_noop!(
			Funds::credit(SERVICE, program, CAROL_ID, GRANT + 1),
			Error::<Test>::BudgetExhausted
		);
		assert_noop!(Funds::credit(SERVICE, program, CAROL_ID, 0), Error::<Test>::ZeroAmount);
		assert_noop!(Funds::credit(SERVICE, 9, CAROL_ID, 1), Error::<Test>::UnknownProgram);
		assert_noop!(Funds::expire(SERVICE, program, CAROL_ID), Error::<Test>::NoVoucher);
		// The city cannot pull a running service program from under its service.
		assert_noop!(
			Funds::close_program(root(), program, TREASURY),
			Error::<Test>::ServiceProgramRunning
		);

		let program = Funds::open_program(SERVICE, spec(30), &TREASURY, GRANT).expect("valid");
		advance(30 * DAY);
		// Refused, and the expiry it found due is not kept either: all or nothing.
		assert_noop!(Funds::credit(SERVICE, program, CAROL_ID, 1), Error::<Test>::ProgramExpired);
		assert!(!Programs::<Test>::get(program).unwrap().expired);
	});
}

/// The pallet behind `ledger_conformance`: programs opened through `ServicePrograms` from the
/// treasury, merchants registered as bookshops, citizens in the mock registry.
struct FundsLedger;

impl LedgerHarness for FundsLedger {
	type Ledger = Funds;

	fn program(owner: ProgramOwner, budget: u128, days: u64, merchant: u64) -> ProgramId {
		if !Categories::<Test>::contains_key(BOOKS) {
			assert_ok!(Funds::add_category(root(), BOOKS, name("서점", "Bookstores")));
		}
		if !Merchants::<Test>::contains_key(merchant) {
			assert_ok!(Funds::register_merchant(root(), merchant, BOOKS, 1));
		}
		let spec = ProgramSpec {
			name: (b"test".to_vec(), b"test".to_vec()),
			spend_until: <MockTime as frame_support::traits::Time>::now() + days * DAY,
			allowed_categories: vec![BOOKS],
			excluded_categories: vec![],
		};
		Funds::open_program(owner, spec, &TREASURY, budget).expect("a valid spec")
	}

	fn program_account(program: ProgramId) -> u64 {
		Funds::program_account(program)
	}

	fn citizen(account: u64) -> CitizenId {
		MockRegistryHarness::register(account)
	}

	fn paid(merchant: u64) -> u128 {
		balance(merchant)
	}

	fn advance(by: Moment) {
		MockTime::advance(by)
	}
}

#[test]
fn the_pallet_keeps_the_ledger_contract() {
	run(ledger_conformance::<FundsLedger>);
}
