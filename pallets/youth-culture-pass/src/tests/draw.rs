//! The draw: bounded steps; exactly `places` winners per tier, ranks from the public
//! permutation; losers refunded to the citizen's current account; winners' co-payments into
//! the program.

use super::*;
use citizen_primitives::testing::MockCitizenRegistry;
use frame_support::assert_noop;

/// `n` youths enter tier 0 and `m` tier 1; the entries close.
fn lottery_with(n: u32, m: u32) -> (RoundId, Entrants, Entrants) {
	let id = open_lottery();
	let a = enter_many(id, 0, 0, n);
	let b = enter_many(id, 1, n, m);
	close();
	(id, a, b)
}

/// The winners of `tier` by the permutation: entries whose rank is below the places.
fn expected_winners(
	id: RoundId,
	tier: TierIndex,
	entrants: &[(u64, CitizenId)],
	places: u32,
) -> Vec<CitizenId> {
	let seed = draw_of(id).seed;
	let n = entrants.len() as u32;
	let mut w: Vec<_> = entrants
		.iter()
		.enumerate()
		.filter(|(i, _)| {
			YouthPass::rank_of(seed.as_ref(), tier, n, places, *i as u32).unwrap() < places
		})
		.map(|(_, (_, c))| *c)
		.collect();
	w.sort();
	w
}

#[test]
fn exactly_the_places_win_and_everyone_else_is_refunded() {
	run(|| {
		let (id, a, b) = lottery_with(20, 7);
		let program = program(id);
		feed(id);
		draw_all(id);
		assert_eq!(draw_of(id).phase, DrawPhase::Drawn);
		let w0 = holders(id, 0);
		let w1 = holders(id, 1);
		assert_eq!((w0.len() as u32, w1.len() as u32), (PLACES, PLACES1));
		assert_eq!(w0, expected_winners(id, 0, &a, PLACES));
		assert_eq!(w1, expected_winners(id, 1, &b, PLACES1));
		// Independently of the pallet's helper: rank = position_of(sha256(seed ++ tier), n, i).
		let seed = draw_of(id).seed.unwrap();
		let mut ts = seed.to_vec();
		ts.push(0);
		let ts = sp_io::hashing::sha2_256(&ts);
		for (i, (_, c)) in a.iter().enumerate() {
			let rank = citizen_drand::draw::position_of(&ts, 20, i as u32).unwrap();
			assert_eq!(rank < PLACES, w0.contains(c));
		}
		for (tier, list, co, face) in [(0u8, &a, CO, FACE), (1, &b, CO1, FACE1)] {
			for (account, citizen) in list.iter() {
				let won = holders(id, tier).contains(citizen);
				assert_eq!(balance(*account), WALLET - if won { co } else { 0 });
				assert_eq!(voucher(program, *citizen), if won { face } else { 0 });
			}
		}
		// The keeping account is empty, its deposit back with the treasury.
		assert_eq!(keeping(id), 0);
		assert_eq!(round_of(id).keeping_deposit, 0);
		assert_eq!(balance(TREASURY), TREASURY_FUNDS - BUDGET);
		// The winners' co-payments are in the program; the passes came out of the budget.
		assert_eq!(free(program), 3 * CO + 2 * CO1);
		assert_eq!(balance(program_account(program)), BUDGET + 3 * CO + 2 * CO1);
		let t0 = tier_tally(id, 0);
		assert_eq!(
			(t0.entries, t0.winners, t0.issued, t0.collected, t0.refunded),
			(20, 3, 3, 20 * CO, 17 * CO)
		);
		assert_eq!(last_event(), Event::DrawCompleted { round: id, winners: vec![3, 2] });
		assert_noop!(YouthPass::draw(signed(STRANGER), id, 10), Error::<Test>::NothingToDraw);
	});
}

/// The winners of a 30-entry tier under beacon key `key`, with the clock of the entries
/// shifted by `shift`.
fn winners_with(key: u8, shift: Moment) -> Vec<CitizenId> {
	let mut out = vec![];
	new_test_ext().execute_with(|| {
		let id = open_with(lottery_terms());
		for i in 0..30 {
			set_now(OPENS + shift + u64::from(i) * 1000);
			enter_many(id, 0, i, 1);
		}
		close();
		MockBeacon::set_key(key);
		feed(id);
		draw_all(id);
		out = holders(id, 0);
		check_invariants();
	});
	out
}

#[test]
fn the_same_beacon_gives_the_same_winners_whenever_they_entered() {
	let first = winners_with(1, 0);
	assert_eq!(first.len(), 3);
	assert_eq!(first, winners_with(1, 3 * DAY));
}

#[test]
fn another_beacon_gives_other_winners() {
	assert_ne!(winners_with(1, 0), winners_with(2, 0));
}

#[test]
fn the_draw_runs_in_bounded_steps_across_blocks() {
	run(|| {
		let (id, _, _) = lottery_with(25, 4);
		feed(id);
		let mut blocks = 0;
		while draw_of(id).phase == DrawPhase::Drawing {
			let before = draw_of(id).processed;
			assert_ok!(YouthPass::draw(signed(STRANGER), id, 4));
			let after = draw_of(id).processed;
			assert!(after - before <= 4);
			assert_eq!(last_event_progress(id), Some(after));
			check_invariants(); // mid-draw: the keeping account holds what is not yet drawn
			blocks += 1;
		}
		assert_eq!(draw_of(id).processed, 29);
		assert!(blocks >= 8);
		assert_eq!(holders(id, 0).len(), 3);
	});
}

fn last_event_progress(id: RoundId) -> Option<u32> {
	events().into_iter().rev().find_map(|e| match e {
		Event::DrawProgressed { round, processed } if round == id => Some(processed),
		_ => None,
	})
}

#[test]
fn on_idle_draws_as_far_as_the_weight_allows() {
	run(|| {
		let (id, _, _) = lottery_with(12, 0);
		feed(id);
		let step = <() as WeightInfo>::draw(1) - <() as WeightInfo>::draw(0);
		// Room for the reads, the base and five entries.
		let db = <<Test as frame_system::Config>::DbWeight as Get<
			frame_support::weights::RuntimeDbWeight,
		>>::get();
		let weight = db.reads(4) + <() as WeightInfo>::draw(0) + step * 5;
		let used = idle(weight);
		assert!(used.all_lte(weight));
		assert_eq!(draw_of(id).processed, 5);
		idle(Weight::zero());
		assert_eq!(draw_of(id).processed, 5);
		idle(lots());
		assert_eq!(draw_of(id).phase, DrawPhase::Drawn);
		assert_eq!(holders(id, 0).len(), 3);
	});
}

#[test]
fn fewer_entries_than_places_all_win_without_a_beacon() {
	run(|| {
		let (id, a, b) = lottery_with(2, 1);
		// No beacon: the first draw freezes and draws at once.
		assert_ok!(YouthPass::draw(signed(STRANGER), id, 100));
		assert_eq!(draw_of(id).phase, DrawPhase::Drawn);
		assert_eq!(draw_of(id).seed, None);
		assert_eq!(holders(id, 0).len(), 2);
		assert_eq!(holders(id, 1).len(), 1);
		for (account, _) in a.iter().chain(b.iter()) {
			assert!(balance(*account) < WALLET);
		}
		assert_eq!(keeping(id), 0);
	});
}

#[test]
fn a_refund_goes_to_the_citizens_current_account_after_a_stolen_key() {
	run(|| {
		let (id, a, _) = lottery_with(10, 0);
		// Every entrant's key is "stolen" and recovered to a new account before the draw.
		for (account, citizen) in a.iter() {
			MockCitizenRegistry::rebind(*citizen, account + 500_000);
		}
		feed(id);
		draw_all(id);
		let winners = holders(id, 0);
		for (account, citizen) in a.iter() {
			assert_eq!(balance(*account), WALLET - CO, "the old key gets nothing back");
			let refunded = if winners.contains(citizen) { 0 } else { CO };
			assert_eq!(balance(account + 500_000), refunded);
		}
	});
}

#[test]
fn a_deregistered_entrant_is_refunded_to_the_payer_and_the_place_stays_vacant() {
	run(|| {
		let (id, a, _) = lottery_with(4, 0);
		for (_, citizen) in a.iter() {
			MockCitizenRegistry::deregister(*citizen);
		}
		feed(id);
		draw_all(id);
		// No citizen ID exists any more: every winner is declined, everyone refunded to the
		// payer; the declined places stay vacant (nothing is offered down the waitlist).
		assert!(holders(id, 0).is_empty());
		for (account, citizen) in a.iter() {
			assert_eq!(balance(*account), WALLET);
			assert_eq!(YearSlot::<Test>::get(YEAR, citizen), None);
		}
		let t = tier_tally(id, 0);
		assert_eq!((t.winners, t.declined, t.open_offers, t.vacant), (0, 3, 0, 3));
		assert_eq!(PlaceOffers::<Test>::iter_prefix(id).count(), 0);
		assert!(!events().iter().any(|e| matches!(e, Event::PlaceOffered { .. })));
		assert!(has_event(Event::PlaceVacant { round: id, tier: 0 }));
		assert_eq!(t.refunded, 4 * CO);
	});
}

/// The entrant of tier 0 (of `n` entries) whose rank is `rank`.
fn ranked(id: RoundId, a: &[(u64, CitizenId)], rank: u32) -> (u64, CitizenId) {
	let seed = draw_of(id).seed;
	let n = a.len() as u32;
	let index =
		(0..n).find(|i| YouthPass::rank_of(seed.as_ref(), 0, n, PLACES, *i) == Some(rank)).unwrap();
	a[index as usize]
}

#[test]
fn suspending_or_revoking_a_chosen_winner_before_the_draw_reaches_them_changes_nothing() {
	run(|| {
		let (id, a, _) = lottery_with(6, 0);
		feed(id);
		// The ranks are public as soon as the seed is: an official suspends the first-ranked
		// winner and takes the second's youth claim away before the cursor reaches them.
		let (_, suspended) = ranked(id, &a, 0);
		let (_, revoked) = ranked(id, &a, 1);
		MockCitizenRegistry::set_active(suspended, false);
		MockCitizenRegistry::remove_claim(revoked, ClaimKind::YouthAgeBand);
		draw_all(id);
		// Eligibility was judged at `enter`: both still win; nobody on the waitlist moves up.
		assert!(holders(id, 0).contains(&suspended));
		assert!(holders(id, 0).contains(&revoked));
		assert_eq!(voucher(program(id), suspended), FACE);
		assert_eq!(holders(id, 0).len() as u32, PLACES);
		let t = tier_tally(id, 0);
		assert_eq!((t.winners, t.declined, t.open_offers, t.vacant), (PLACES, 0, 0, 0));
		assert!(!events().iter().any(|e| matches!(e, Event::WinnerDeclined { .. })));
		assert_eq!(PlaceOffers::<Test>::iter_prefix(id).count(), 0);
	});
}

#[test]
fn a_deregistered_winner_is_declined_and_the_place_is_not_offered_down_the_waitlist() {
	run(|| {
		let (id, a, _) = lottery_with(6, 0);
		feed(id);
		let (account, citizen) = ranked(id, &a, 0);
		MockCitizenRegistry::deregister(citizen);
		draw_all(id);
		assert!(!holders(id, 0).contains(&citizen));
		assert_eq!(holders(id, 0).len(), 2);
		assert_eq!(balance(account), WALLET, "refunded to the payer");
		assert!(has_event(Event::WinnerDeclined { round: id, tier: 0, citizen }));
		assert!(has_event(Event::PlaceVacant { round: id, tier: 0 }));
		assert!(!has_event(Event::PlaceOffered { round: id, tier: 0, position: 0 }));
		assert_eq!(PlaceOffers::<Test>::get(id, (0, 0)), None);
		let t = tier_tally(id, 0);
		assert_eq!((t.winners, t.declined, t.open_offers, t.vacant, t.next_offer), (2, 1, 0, 1, 0));
		// The first waitlist position has nothing to claim.
		let (first, _) = at_position(id, &a, 0);
		assert_noop!(YouthPass::claim_place(signed(first), id), Error::<Test>::NoPlaceOffer);
	});
}

#[test]
fn refunded_entrants_get_their_year_back_and_winners_keep_it() {
	run(|| {
		let (id, a, _) = lottery_with(6, 0);
		for (_, citizen) in a.iter() {
			assert_eq!(YearSlot::<Test>::get(YEAR, citizen), Some(id));
		}
		feed(id);
		draw_all(id);
		let winners = holders(id, 0);
		for (_, citizen) in a.iter() {
			let slot = YearSlot::<Test>::get(YEAR, citizen);
			assert_eq!(slot, winners.contains(citizen).then_some(id));
		}
		// A loser takes part in another round of the same year.
		let (loser, loser_id) = at_position(id, &a, 0);
		let other = open_with({
			let mut t = first_come_terms();
			t.entry_opens = now();
			t.entry_closes = now() + DAY;
			t
		});
		assert_ok!(YouthPass::buy(signed(loser), other, 0));
		assert_eq!(YearSlot::<Test>::get(YEAR, loser_id), Some(other));
		// ... and can then no longer claim a place offered from this round's waitlist.
		let (winner, _) = a_winner(id);
		assert_ok!(YouthPass::give_up(signed(winner), id));
		assert_eq!(PlaceOffers::<Test>::get(id, (0, 0)), Some(now()));
		assert_noop!(
			YouthPass::claim_place(signed(loser), id),
			Error::<Test>::AlreadyHasPassThisYear
		);
	});
}

#[test]
fn draw_steps_are_bounded() {
	run(|| {
		let fc = open_with(first_come_terms());
		let (id, _, _) = lottery_with(4, 0);
		assert_noop!(YouthPass::draw(signed(STRANGER), id, 0), Error::<Test>::InvalidSteps);
		assert_noop!(YouthPass::draw(signed(STRANGER), id, 101), Error::<Test>::InvalidSteps);
		assert_noop!(YouthPass::draw(signed(STRANGER), 7, 1), Error::<Test>::UnknownRound);
		assert_noop!(YouthPass::draw(signed(STRANGER), fc, 1), Error::<Test>::NotLottery);
	});
}

#[test]
fn drawing_needs_a_signed_origin() {
	run(|| {
		let (id, _, _) = lottery_with(4, 0);
		assert_noop!(
			YouthPass::draw(RuntimeOrigin::none(), id, 1),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}

#[test]
fn a_large_lottery_is_drawn_by_on_idle_over_several_blocks() {
	run(|| {
		let mut t = lottery_terms();
		t.tiers = tiers(&[(FACE, CO, 500), (FACE1, CO1, 100)]);
		let id = open_with(t);
		set_now(OPENS);
		let a = enter_many(id, 0, 0, 1_200);
		let b = enter_many(id, 1, 1_200, 300);
		close();
		feed(id);
		let step = <() as WeightInfo>::draw(1) - <() as WeightInfo>::draw(0);
		// Weight for 250 entries a block; MaxDrawStepsPerCall (100) bounds the step.
		let per_block = <() as WeightInfo>::draw(0) + step * 250;
		let mut blocks = 0;
		while draw_of(id).phase == DrawPhase::Drawing {
			System::set_block_number(System::block_number() + 1);
			idle(per_block);
			blocks += 1;
			assert!(draw_of(id).processed <= 100 * blocks);
		}
		assert_eq!(blocks, 15, "100 entries a block: 1,500 entries in 15 blocks");
		assert_eq!((holders(id, 0).len(), holders(id, 1).len()), (500, 100));
		let refunded = a.iter().chain(b.iter()).filter(|(acc, _)| balance(*acc) == WALLET).count();
		assert_eq!(refunded, 1_500 - 600);
		assert_eq!(keeping(id), 0);
		assert_eq!(free(program(id)), 500 * CO + 100 * CO1);
	});
}

#[test]
fn on_idle_never_uses_more_than_it_is_given() {
	run(|| {
		let (id, _, _) = lottery_with(30, 5);
		feed(id);
		let step = <() as WeightInfo>::draw(1) - <() as WeightInfo>::draw(0);
		let mut weight = Weight::zero();
		while draw_of(id).phase == DrawPhase::Drawing {
			let used = idle(weight);
			assert!(used.all_lte(weight), "{used:?} > {weight:?}");
			weight += step / 3;
		}
		assert_eq!(holders(id, 0).len() as u32, PLACES);
	});
}

#[test]
fn a_donation_to_the_keeping_account_leaves_with_the_deposit() {
	run(|| {
		let id = open_lottery();
		enter_many(id, 0, 0, 5);
		// Anyone may send money to the keeping account: the invariants still hold (`run`
		// checks them at the end, and mid-draw here).
		assert_ok!(<Balances as frame_support::traits::fungible::Mutate<u64>>::transfer(
			&STRANGER,
			&YouthPass::keeping_account(id),
			777,
			frame_support::traits::tokens::Preservation::Preserve,
		));
		check_invariants();
		close();
		feed(id);
		assert_ok!(YouthPass::draw(signed(STRANGER), id, 2));
		check_invariants();
		draw_all(id);
		// The draw is over and no refund waits: the deposit and the donation went to the
		// treasury; nothing is trapped.
		assert_eq!(keeping(id), 0);
		assert_eq!(round_of(id).keeping_deposit, 0);
		assert_eq!(balance(TREASURY), TREASURY_FUNDS - BUDGET + 777);
	});
}
