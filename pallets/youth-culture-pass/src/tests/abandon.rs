//! A beacon not fed within the grace: anyone abandons the draw, everyone is refunded.

use super::*;
use frame_support::assert_noop;

#[test]
fn an_unfed_beacon_lets_anyone_abandon_and_everyone_is_refunded() {
	run(|| {
		let id = open_lottery();
		let entrants = enter_many(id, 0, 0, 6);
		close();
		assert_noop!(YouthPass::abandon(signed(STRANGER), id), Error::<Test>::GraceNotOver);
		set_now(beacon_time() + BeaconGrace::get() - 1);
		assert_noop!(YouthPass::abandon(signed(STRANGER), id), Error::<Test>::GraceNotOver);
		set_now(beacon_time() + BeaconGrace::get());
		assert_ok!(YouthPass::abandon(signed(STRANGER), id));
		assert_eq!(last_event(), Event::DrawAbandoned { round: id });
		assert_eq!(draw_of(id).phase, DrawPhase::Abandoning);
		// Refunds in bounded steps.
		assert_ok!(YouthPass::draw(signed(STRANGER), id, 4));
		check_invariants();
		idle(lots());
		assert_eq!(draw_of(id).phase, DrawPhase::Abandoned);
		assert!(has_event(Event::AbandonCompleted { round: id }));
		for (account, citizen) in entrants {
			assert_eq!(balance(account), WALLET);
			// Refunded: the year is free for another round.
			assert_eq!(YearSlot::<Test>::get(YEAR, citizen), None);
		}
		assert!(holders(id, 0).is_empty());
		assert_eq!(keeping(id), 0);
		assert_eq!(tier_tally(id, 0).refunded, 6 * CO);
		// Too late to feed now.
		assert_noop!(
			YouthPass::feed_beacon(signed(STRANGER), id, MockBeacon::sign(beacon_round())),
			Error::<Test>::NotAwaitingBeacon
		);
	});
}

#[test]
fn a_fed_or_unneeded_beacon_cannot_be_abandoned() {
	run(|| {
		let id = open_lottery();
		enter_many(id, 0, 0, 5);
		assert_noop!(YouthPass::abandon(signed(STRANGER), id), Error::<Test>::EntriesNotClosed);
		close();
		feed(id);
		set_now(beacon_time() + BeaconGrace::get());
		assert_noop!(YouthPass::abandon(signed(STRANGER), id), Error::<Test>::NotAwaitingBeacon);
		let undersubscribed = open_with({
			let mut t = lottery_terms();
			t.year = YEAR + 1;
			t.entry_opens = now();
			t.entry_closes = now() + DAY;
			t.mode = Mode::Lottery { beacon_round: BeaconInfo::DEV.round_at(now() + 2 * DAY) };
			t
		});
		set_now(now() + 10 * DAY);
		assert_noop!(
			YouthPass::abandon(signed(STRANGER), undersubscribed),
			Error::<Test>::NotAwaitingBeacon
		);
	});
}

#[test]
fn abandoning_needs_a_signed_origin() {
	run(|| {
		let id = open_lottery();
		enter_many(id, 0, 0, 5);
		set_now(beacon_time() + BeaconGrace::get());
		assert_noop!(
			YouthPass::abandon(RuntimeOrigin::none(), id),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(YouthPass::abandon(signed(STRANGER), 9), Error::<Test>::UnknownRound);
		let fc = open_with({
			let mut t = first_come_terms();
			t.year = YEAR + 1;
			t.entry_opens = now();
			t.entry_closes = now() + DAY;
			t
		});
		assert_noop!(YouthPass::abandon(signed(STRANGER), fc), Error::<Test>::NotLottery);
	});
}
