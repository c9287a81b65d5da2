//! The waitlist position offered a place claims it (eligibility re-checked).

use super::*;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn claiming_rechecks_eligibility() {
	run(|| {
		let (id, a) = drawn();
		let (winner, _) = a_winner(id);
		assert_ok!(YouthPass::give_up(signed(winner), id));
		let (first, first_id) = at_position(id, &a, 0);
		citizen_primitives::testing::MockCitizenRegistry::remove_claim(
			first_id,
			ClaimKind::Resident,
		);
		assert_noop!(
			YouthPass::claim_place(signed(first), id),
			Error::<Test>::MissingResidentClaim
		);
	});
}

#[test]
fn claim_refusals() {
	run(|| {
		let fc = open_with(first_come_terms());
		let (id, a) = drawn();
		assert_noop!(YouthPass::claim_place(signed(ALICE), fc), Error::<Test>::NotLottery);
		assert_noop!(YouthPass::claim_place(signed(ALICE), id), Error::<Test>::NoEntry);
		let (winner, _) = a_winner(id);
		assert_noop!(YouthPass::claim_place(signed(winner), id), Error::<Test>::NotWaitlisted);
		let (first, _) = at_position(id, &a, 0);
		assert_noop!(YouthPass::claim_place(signed(first), id), Error::<Test>::NoPlaceOffer);
		set_now(SPEND_UNTIL);
		assert_noop!(YouthPass::claim_place(signed(first), id), Error::<Test>::SpendWindowOver);
	});
}

#[test]
fn no_rank_before_the_seed() {
	run(|| {
		let id = open_lottery();
		let a = enter_many(id, 0, 0, 6);
		close();
		assert_noop!(YouthPass::claim_place(signed(a[0].0), id), Error::<Test>::NotWaitlisted);
		assert_eq!(YouthPass::entry_of(id, a[0].1).unwrap().rank, None);
	});
}

#[test]
fn only_citizens_claim() {
	run(|| {
		let (id, _) = drawn();
		assert_noop!(YouthPass::claim_place(root(), id), DispatchError::BadOrigin);
		assert_noop!(YouthPass::claim_place(signed(STRANGER), id), Error::<Test>::NotCitizen);
	});
}
