//! The city opens a round: checked terms, a program funded with Σ places × face.

use super::*;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn a_lottery_round_opens_with_its_program_and_keeping_deposit() {
	run(|| {
		let id = open_with(lottery_terms());
		let round = round_of(id);
		assert_eq!(id, 0);
		assert_eq!(round.status, RoundStatus::Active);
		assert_eq!(free(round.program), BUDGET);
		assert_eq!(balance(program_account(round.program)), BUDGET);
		assert_eq!(keeping(id), ExistentialDeposit::get());
		assert_eq!(round.keeping_deposit, ExistentialDeposit::get());
		assert_eq!(balance(TREASURY), TREASURY_FUNDS - BUDGET - ExistentialDeposit::get());
		assert_eq!(draw_of(id), Draw::new());
		assert!(tally(id).tiers.iter().all(|t| t.commitment == [0u8; 32]));
		assert_eq!(LiveRounds::<Test>::get().to_vec(), vec![id]);
		assert_eq!(
			last_event(),
			Event::RoundOpened { round: id, year: YEAR, program: round.program, budget: BUDGET }
		);
		assert_eq!(NextRoundId::<Test>::get(), 1);
	});
}

#[test]
fn a_first_come_round_needs_no_keeping_account() {
	run(|| {
		let id = open_with(first_come_terms());
		assert_eq!(round_of(id).keeping_deposit, 0);
		assert_eq!(keeping(id), 0);
		assert!(Draws::<Test>::get(id).is_none());
	});
}

#[test]
fn only_the_city_opens_rounds() {
	run(|| {
		assert_noop!(
			YouthPass::open_round(signed(ALICE), lottery_terms()),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn a_treasury_must_be_named() {
	run_without_treasury(|| {
		assert_noop!(YouthPass::open_round(root(), lottery_terms()), Error::<Test>::NoTreasury);
	});
}

#[test]
fn tiers_are_checked() {
	run(|| {
		for bad in [
			tiers(&[]),
			tiers(&[(FACE, CO, 0)]),
			tiers(&[(0, 0, 1)]),
			tiers(&[(FACE, FACE, 1)]),
			tiers(&[(FACE, 5, 1)]), // a co-payment below the minimum balance
		] {
			let mut t = lottery_terms();
			t.tiers = bad;
			assert_noop!(YouthPass::open_round(root(), t), Error::<Test>::InvalidTiers);
		}
		// A free pass is fine.
		let mut t = first_come_terms();
		t.tiers = tiers(&[(FACE, 0, 1)]);
		assert_ok!(YouthPass::open_round(root(), t));
	});
}

#[test]
fn windows_are_checked() {
	run(|| {
		for (opens, closes, until) in [
			(START - 1, CLOSES, SPEND_UNTIL),
			(CLOSES, CLOSES, SPEND_UNTIL),
			(OPENS, CLOSES, CLOSES),
		] {
			let mut t = first_come_terms();
			(t.entry_opens, t.entry_closes, t.spend_until) = (opens, closes, until);
			assert_noop!(YouthPass::open_round(root(), t), Error::<Test>::InvalidWindow);
		}
	});
}

#[test]
fn the_beacon_round_comes_after_the_entries_close() {
	run(|| {
		// Published before entries close + MinBeaconDelay: someone could know it in time.
		let early = BeaconInfo::DEV.round_at(CLOSES + MinBeaconDelay::get()) - 1;
		for round in [0, 1, early] {
			assert_noop!(
				YouthPass::open_round(root(), terms_with(Mode::Lottery { beacon_round: round })),
				Error::<Test>::BeaconTooEarly
			);
		}
		// Published so late that the grace would run past the spending window.
		let late = BeaconInfo::DEV.round_at(SPEND_UNTIL);
		assert_noop!(
			YouthPass::open_round(root(), terms_with(Mode::Lottery { beacon_round: late })),
			Error::<Test>::BeaconTooLate
		);
		assert!(beacon_time() >= CLOSES + MinBeaconDelay::get());
	});
}

#[test]
fn the_excluded_round_must_exist_and_be_of_an_earlier_year() {
	run(|| {
		let mut t = first_come_terms();
		t.excluded_round = Some(7);
		assert_noop!(YouthPass::open_round(root(), t.clone()), Error::<Test>::InvalidExcludedRound);
		let first = open_with(first_come_terms());
		t.excluded_round = Some(first);
		assert_noop!(YouthPass::open_round(root(), t.clone()), Error::<Test>::InvalidExcludedRound);
		t.year = YEAR + 1;
		assert_ok!(YouthPass::open_round(root(), t));
	});
}

#[test]
fn live_rounds_are_bounded() {
	run(|| {
		for _ in 0..4 {
			open_with(first_come_terms());
		}
		assert_noop!(
			YouthPass::open_round(root(), first_come_terms()),
			Error::<Test>::TooManyLiveRounds
		);
	});
}

#[test]
fn entries_open_only_after_the_minimum_notice() {
	run(|| {
		MinNotice::set(60_000);
		let mut t = first_come_terms();
		t.entry_opens = now() + 59_999;
		assert_noop!(YouthPass::open_round(root(), t.clone()), Error::<Test>::InvalidWindow);
		t.entry_opens = now() + 60_000;
		assert_ok!(YouthPass::open_round(root(), t));
	});
}
