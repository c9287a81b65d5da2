//! After `spend_until` what is left of every pass returns to the program's budget, in bounded
//! sweeps.

use super::*;
use frame_support::assert_noop;

fn bought() -> RoundId {
	let id = open_first_come();
	for who in [ALICE, BOB, CAROL, DAVE] {
		assert_ok!(YouthPass::buy(signed(who), id, if who == DAVE { 1 } else { 0 }));
	}
	id
}

#[test]
fn passes_are_taken_back_in_bounded_sweeps() {
	run(|| {
		let id = bought();
		let program = program(id);
		assert_noop!(YouthPass::reclaim(signed(STRANGER), id, 2), Error::<Test>::NotYetReclaimable);
		set_now(SPEND_UNTIL);
		assert_noop!(YouthPass::reclaim(signed(STRANGER), id, 0), Error::<Test>::InvalidSteps);
		assert_noop!(YouthPass::reclaim(signed(STRANGER), id, 11), Error::<Test>::InvalidSteps);
		assert_ok!(YouthPass::reclaim(signed(STRANGER), id, 2));
		assert_eq!(
			last_event(),
			Event::Reclaimed { round: id, passes: 2, amount: 2 * FACE, complete: false }
		);
		assert_eq!(tally(id).reclaim_cursor, 2);
		assert_ok!(YouthPass::reclaim(signed(STRANGER), id, 10));
		assert_eq!(
			last_event(),
			Event::Reclaimed { round: id, passes: 2, amount: FACE + FACE1, complete: true }
		);
		assert_eq!(free(program), BUDGET + 3 * CO + CO1);
		assert_eq!(tier_tally(id, 0).reclaimed, 3 * FACE);
		assert_eq!(tier_tally(id, 1).reclaimed, FACE1);
		assert!(LiveRounds::<Test>::get().is_empty());
		assert_noop!(YouthPass::reclaim(signed(STRANGER), id, 2), Error::<Test>::NothingToSettle);
	});
}

#[test]
fn on_idle_takes_back_at_most_its_bound_per_block() {
	run(|| {
		let id = open_first_come();
		let mut t = first_come_terms();
		t.tiers = tiers(&[(FACE, CO, 30)]);
		t.year = YEAR + 1;
		let big = open_with(t);
		let _ = id;
		let list: Vec<_> = (0..15)
			.map(|i| {
				let (account, citizen) = many(i);
				add_youth(citizen, account);
				assert_ok!(YouthPass::buy(signed(account), big, 0));
				citizen
			})
			.collect();
		set_now(SPEND_UNTIL);
		idle(lots());
		assert_eq!(tally(big).reclaim_cursor, 10);
		idle(lots());
		assert_eq!(tally(big).reclaim_cursor, 15);
		assert_eq!(tier_tally(big, 0).reclaimed, 15 * FACE);
		for c in list {
			assert_eq!(voucher(program(big), c), 0);
		}
		assert!(LiveRounds::<Test>::get().is_empty());
	});
}

#[test]
fn a_partly_used_pass_returns_what_is_left() {
	run(|| {
		let id = bought();
		assert_ok!(designate_offer(
			root(),
			id,
			ORGANISER,
			OfferKind::Festival,
			name("f", "f"),
			40_000,
			5,
			START + 40 * DAY,
			START + 30 * DAY,
		));
		assert_ok!(YouthPass::book(signed(ALICE), 0));
		set_now(START + 40 * DAY);
		assert_ok!(YouthPass::settle_offer(signed(STRANGER), 0, 5));
		set_now(SPEND_UNTIL);
		assert_ok!(YouthPass::reclaim(signed(STRANGER), id, 10));
		assert_eq!(tier_tally(id, 0).reclaimed, 3 * FACE - 40_000);
	});
}

#[test]
fn a_lottery_is_swept_only_once_drawn() {
	run(|| {
		let id = open_lottery();
		enter_many(id, 0, 0, 5);
		close();
		set_now(SPEND_UNTIL);
		assert_noop!(YouthPass::reclaim(signed(STRANGER), id, 2), Error::<Test>::DrawNotOver);
	});
}

#[test]
fn reclaiming_needs_a_signed_origin() {
	run(|| {
		let id = bought();
		set_now(SPEND_UNTIL);
		assert_noop!(
			YouthPass::reclaim(RuntimeOrigin::none(), id, 1),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(YouthPass::reclaim(signed(STRANGER), 9, 1), Error::<Test>::UnknownRound);
	});
}
