//! After the spending window, unspent value returns to the free budget with no transaction
//! from citizens: lazily, by anyone's call, and by the bounded `on_idle` sweep.

use super::*;
use frame_support::{assert_noop, assert_ok, traits::Hooks, weights::Weight};

#[test]
fn the_idle_sweep_returns_unspent_value() {
	run(|| {
		let program = automatic_program(2);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_ok!(Funds::apply(signed(BOB), program));
		assert_ok!(Funds::spend(signed(ALICE), program, BOOKSHOP, 100_000));
		advance(222 * DAY);
		Funds::on_idle(1, Weight::MAX);
		assert!(!Programs::<Test>::get(program).unwrap().expired, "not yet");
		advance(DAY);
		let used = Funds::on_idle(1, Weight::MAX);
		assert!(used.all_gt(Weight::zero()));
		assert!(Programs::<Test>::get(program).unwrap().expired);
		assert_eq!(last_event(), Event::ProgramExpired { program, returned: 2 * GRANT - 100_000 });
		let r = report(program);
		assert_eq!(
			(r.outstanding, r.returned, r.free, r.spent),
			(0, 2 * GRANT - 100_000, 2 * GRANT - 100_000, 100_000)
		);
		// budget used + returned adds up to what was funded
		assert_eq!(r.spent + r.free + r.outstanding, r.funded - r.withdrawn);
		assert!(ExpiryQueue::<Test>::get().is_empty());
		assert_eq!(Funds::spendable(program, BOB_ID), 0);
		assert_noop!(
			Funds::spend(signed(BOB), program, BOOKSHOP, 1),
			Error::<Test>::ProgramExpired
		);
	});
}

#[test]
fn the_sweep_is_bounded_per_block_and_by_weight() {
	run(|| {
		setup_merchants();
		for _ in 0..3 {
			assert_ok!(Funds::create_program(root(), terms(ApprovalMode::Automatic), officers()));
		}
		advance(223 * DAY);
		// No room: nothing done.
		assert_eq!(Funds::on_idle(1, Weight::zero()), Weight::zero());
		assert_eq!(ExpiryQueue::<Test>::get().len(), 3);
		// MaxExpiriesPerBlock is 2.
		Funds::on_idle(1, Weight::MAX);
		assert_eq!(ExpiryQueue::<Test>::get().len(), 1);
		Funds::on_idle(2, Weight::MAX);
		assert!(ExpiryQueue::<Test>::get().is_empty());
	});
}

#[test]
fn anyone_can_expire_a_program_that_is_due() {
	run(|| {
		let program = automatic_program(1);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_noop!(Funds::expire_program(signed(BOB), program), Error::<Test>::ProgramNotExpired);
		advance(223 * DAY);
		assert_ok!(Funds::expire_program(signed(BOB), program));
		assert_eq!(report(program).free, GRANT);
		// Idempotent.
		assert_ok!(Funds::expire_program(signed(BOB), program));
		assert_noop!(Funds::expire_program(signed(BOB), 9), Error::<Test>::UnknownProgram);
	});
}

#[test]
fn reports_read_expired_before_any_transaction() {
	run(|| {
		let program = automatic_program(1);
		assert_ok!(Funds::apply(signed(ALICE), program));
		advance(223 * DAY);
		let r = Funds::report(program).unwrap();
		assert_eq!((r.outstanding, r.free, r.returned), (0, GRANT, GRANT));
		assert_eq!(Funds::voucher_view(program, ALICE_ID, false).unwrap().balance, 0);
	});
}

#[test]
fn expiry_queue_is_ordered_by_spend_until() {
	run(|| {
		setup_merchants();
		let mut late = terms(ApprovalMode::Automatic);
		late.spend_until += 10 * DAY;
		assert_ok!(Funds::create_program(root(), late, officers()));
		assert_ok!(Funds::create_program(root(), terms(ApprovalMode::Automatic), officers()));
		let queue: Vec<ProgramId> = ExpiryQueue::<Test>::get().iter().map(|(_, id)| *id).collect();
		assert_eq!(queue, vec![1, 0]);
	});
}

#[test]
fn expiry_returns_exactly_the_rest_of_a_partly_used_budget() {
	run(|| {
		// Funded for two and a half grants: two citizens served, half a grant never allocated.
		let budget = 5 * GRANT / 2;
		let program = setup_program(terms(ApprovalMode::Automatic), budget);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_ok!(Funds::apply(signed(BOB), program));
		// Not enough left for a third grant.
		assert_eq!(report(program).free, GRANT / 2);
		assert_ok!(Funds::spend(signed(ALICE), program, BOOKSHOP, 100_000));
		assert_ok!(Funds::spend(signed(BOB), program, SWIMMING, 30_000));
		assert_ok!(Funds::spend(signed(BOB), program, BOOKSHOP, 5_000));
		let spent = 135_000;
		let unspent = 2 * GRANT - spent;
		advance(223 * DAY);
		assert_ok!(Funds::expire_program(signed(CAROL), program));
		assert_eq!(last_event(), Event::ProgramExpired { program, returned: unspent });
		let r = report(program);
		assert_eq!(
			(r.funded, r.allocated, r.spent, r.returned, r.outstanding, r.free),
			(budget, 2 * GRANT, spent, unspent, 0, GRANT / 2 + unspent)
		);
		assert_eq!(r.free, budget - spent, "the rest is exactly what was not paid out");
		assert_eq!(r.spent + r.free + r.outstanding, r.funded - r.withdrawn);
		assert_eq!(Funds::spent_in(program, BOOKS), 105_000);
		assert_eq!(Funds::spent_in(program, SPORTS), 30_000);
		assert_eq!(balance(Funds::program_account(program)), budget - spent);
		// The city takes the rest back: the account is empty, the report still adds up.
		let before = balance(TREASURY);
		assert_ok!(Funds::close_program(root(), program, TREASURY));
		assert_eq!(balance(TREASURY), before + budget - spent);
		assert_eq!(balance(Funds::program_account(program)), 0);
		let r = report(program);
		assert_eq!((r.free, r.withdrawn), (0, budget - spent));
		assert_eq!(r.spent + r.withdrawn, r.funded);
	});
}
