//! The city cancels a round, only before its entries open (so a lottery can never be re-rolled
//! by cancelling it).

use super::*;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn a_round_cancelled_before_its_entries_returns_its_money() {
	run(|| {
		let id = open_with(lottery_terms());
		let program = program(id);
		assert_ok!(YouthPass::cancel_round(root(), id));
		assert_eq!(round_of(id).status, RoundStatus::Cancelled);
		assert_eq!(free(program), 0);
		assert_eq!(keeping(id), 0);
		assert_eq!(balance(TREASURY), TREASURY_FUNDS);
		assert!(LiveRounds::<Test>::get().is_empty());
		assert!(Draws::<Test>::get(id).is_none());
		assert_eq!(last_event(), Event::RoundCancelled { round: id, returned: BUDGET });
	});
}

#[test]
fn no_cancel_once_entries_open() {
	run(|| {
		let id = open_lottery();
		assert_noop!(YouthPass::cancel_round(root(), id), Error::<Test>::EntriesAlreadyOpen);
		close();
		assert_noop!(YouthPass::cancel_round(root(), id), Error::<Test>::EntriesAlreadyOpen);
	});
}

#[test]
fn cancel_errors() {
	run(|| {
		assert_noop!(YouthPass::cancel_round(root(), 0), Error::<Test>::UnknownRound);
		let id = open_with(first_come_terms());
		assert_noop!(YouthPass::cancel_round(signed(ALICE), id), DispatchError::BadOrigin);
		assert_ok!(YouthPass::cancel_round(root(), id));
		assert_noop!(YouthPass::cancel_round(root(), id), Error::<Test>::RoundCancelled);
		set_now(OPENS);
		assert_noop!(YouthPass::buy(signed(ALICE), id, 0), Error::<Test>::RoundCancelled);
	});
}
