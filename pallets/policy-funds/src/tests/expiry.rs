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
		assert_eq!(Funds::voucher_view(program, ALICE_ID).unwrap().balance, 0);
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
