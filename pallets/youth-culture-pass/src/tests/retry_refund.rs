//! A refund nobody can receive at the draw waits in the keeping account; anyone retries it.

use super::*;
use citizen_primitives::testing::MockCitizenRegistry;
use frame_support::{
	assert_noop,
	traits::{
		fungible::Mutate,
		tokens::{Fortitude, Precision, Preservation},
	},
};

#[test]
fn a_refund_that_failed_is_kept_and_paid_later() {
	run(|| {
		let id = open_lottery();
		let entrants = enter_many(id, 0, 0, 4);
		close();
		// Nobody can receive 10,000 any more: the minimum balance rises above it, every entrant
		// moved to a fresh (empty) account and the old accounts were emptied.
		ExistentialDeposit::set(CO + 1);
		for (account, citizen) in entrants.iter() {
			MockCitizenRegistry::rebind(*citizen, account + 700_000);
			let all = balance(*account);
			assert_ok!(Balances::burn_from(
				account,
				all,
				Preservation::Expendable,
				Precision::Exact,
				Fortitude::Force
			));
		}
		feed(id);
		draw_all(id);
		assert_eq!(draw_of(id).phase, DrawPhase::Drawn);
		let winners = holders(id, 0);
		let (loser_account, loser) =
			*entrants.iter().find(|(_, c)| !winners.contains(c)).expect("one loser");
		assert!(has_event(Event::RefundFailed { round: id, citizen: loser, amount: CO }));
		assert_eq!(Unrefunded::<Test>::get(id, loser), Some(CO));
		// The money waits in the keeping account, with the deposit (not returned yet).
		assert_eq!(keeping(id), ExistentialDeposit::get() - CO - 1 + 10 + CO);
		assert_noop!(
			YouthPass::retry_refund(signed(STRANGER), id, loser),
			Error::<Test>::RefundStillFailing
		);
		assert_noop!(
			YouthPass::retry_refund(signed(STRANGER), id, winners[0]),
			Error::<Test>::NothingToRefund
		);
		ExistentialDeposit::set(10);
		assert_ok!(YouthPass::retry_refund(signed(STRANGER), id, loser));
		assert_eq!(
			last_event(),
			Event::Refunded { round: id, citizen: loser, to: loser_account + 700_000, amount: CO }
		);
		assert_eq!(balance(loser_account + 700_000), CO);
		assert_eq!(keeping(id), 0, "the deposit went back to the treasury");
		assert_eq!(tier_tally(id, 0).refunded, CO);
		assert_noop!(
			YouthPass::retry_refund(signed(STRANGER), id, loser),
			Error::<Test>::NothingToRefund
		);
	});
}

#[test]
fn retrying_needs_a_signed_origin() {
	run(|| {
		assert_noop!(
			YouthPass::retry_refund(RuntimeOrigin::none(), 0, ALICE_ID),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}
