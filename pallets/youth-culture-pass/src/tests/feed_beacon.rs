//! Freezing the entries and feeding the beacon: only the round's fixed beacon round, only a
//! valid signature, only after the entries close; anyone may feed it.

use super::*;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

/// A lottery with four entries in tier 0 (three places) and one in tier 1.
fn oversubscribed() -> RoundId {
	let id = open_lottery();
	for who in [ALICE, BOB, CAROL, DAVE] {
		assert_ok!(YouthPass::enter(signed(who), id, 0));
	}
	enter_many(id, 1, 0, 1);
	id
}

#[test]
fn the_first_draw_after_the_close_freezes_the_entries() {
	run(|| {
		let id = oversubscribed();
		assert_noop!(YouthPass::draw(signed(STRANGER), id, 10), Error::<Test>::EntriesNotClosed);
		close();
		let commitment = tally(id).commitment();
		assert_ok!(YouthPass::draw(signed(STRANGER), id, 10));
		assert_eq!(
			last_event(),
			Event::EntriesFrozen { round: id, entries: vec![4, 1], commitment }
		);
		assert_eq!(draw_of(id).phase, DrawPhase::AwaitingBeacon);
		// Waiting for the beacon: nothing to draw.
		assert_noop!(YouthPass::draw(signed(STRANGER), id, 10), Error::<Test>::NothingToDraw);
	});
}

#[test]
fn on_idle_freezes_too() {
	run(|| {
		let id = oversubscribed();
		idle(lots());
		assert_eq!(draw_of(id).phase, DrawPhase::Entering);
		close();
		idle(lots());
		assert_eq!(draw_of(id).phase, DrawPhase::AwaitingBeacon);
	});
}

#[test]
fn anyone_feeds_the_beacon_and_the_seed_binds_the_entries() {
	run(|| {
		let id = oversubscribed();
		close();
		let sig = MockBeacon::sign(beacon_round());
		set_now(beacon_time());
		assert_ok!(YouthPass::feed_beacon(signed(STRANGER), id, sig));
		let randomness = citizen_drand::randomness(&sig);
		let commitment = tally(id).commitment();
		// seed = sha2_256("citizen-chain/ycp/seed/v1" ++ randomness ++ round u32 LE ++ commitment)
		let mut bytes = b"citizen-chain/ycp/seed/v1".to_vec();
		bytes.extend_from_slice(&randomness);
		bytes.extend_from_slice(&id.to_le_bytes());
		bytes.extend_from_slice(&commitment);
		let seed = sp_io::hashing::sha2_256(&bytes);
		assert_eq!(draw_of(id).seed, Some(seed));
		assert_eq!(draw_of(id).signature, Some(sig), "kept for offline verification");
		assert_eq!(draw_of(id).phase, DrawPhase::Drawing);
		assert!(has_event(Event::EntriesFrozen { round: id, entries: vec![4, 1], commitment }));
		assert_eq!(
			last_event(),
			Event::SeedFixed { round: id, beacon_round: beacon_round(), randomness, seed }
		);
		assert_noop!(
			YouthPass::feed_beacon(signed(ALICE), id, sig),
			Error::<Test>::NotAwaitingBeacon
		);
	});
}

#[test]
fn only_the_rounds_beacon_round_and_a_valid_signature() {
	run(|| {
		let id = oversubscribed();
		let round = beacon_round();
		assert_noop!(
			YouthPass::feed_beacon(signed(STRANGER), id, MockBeacon::sign(round)),
			Error::<Test>::EntriesNotClosed
		);
		close();
		// The signature of another round (the next one, say) is refused.
		assert_noop!(
			YouthPass::feed_beacon(signed(STRANGER), id, MockBeacon::sign(round + 1)),
			Error::<Test>::BadBeacon
		);
		// Garbage, and a real dev-beacon signature of another round, are refused.
		assert_noop!(
			YouthPass::feed_beacon(signed(STRANGER), id, [7u8; 48]),
			Error::<Test>::BadBeacon
		);
		assert_noop!(
			YouthPass::feed_beacon(signed(STRANGER), id, dev_signature()),
			Error::<Test>::BadBeacon
		);
		// Another beacon's signature of the right round is refused.
		MockBeacon::set_key(2);
		let other = MockBeacon::sign(round);
		MockBeacon::set_key(1);
		assert_noop!(YouthPass::feed_beacon(signed(STRANGER), id, other), Error::<Test>::BadBeacon);
		assert_noop!(
			YouthPass::feed_beacon(RuntimeOrigin::none(), id, MockBeacon::sign(round)),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn a_real_dev_beacon_round_is_verified() {
	run(|| {
		let beacon_time = BeaconInfo::DEV.round_time_ms(DEV_ROUND).unwrap();
		let mut t = lottery_terms();
		t.mode = Mode::Lottery { beacon_round: DEV_ROUND };
		t.entry_opens = beacon_time - 20 * DAY;
		t.entry_closes = beacon_time - DAY;
		t.spend_until = beacon_time + 100 * DAY;
		set_now(t.entry_opens);
		let id = open_with(t);
		for who in [ALICE, BOB, CAROL, DAVE] {
			assert_ok!(YouthPass::enter(signed(who), id, 0));
		}
		set_now(beacon_time);
		assert_ok!(YouthPass::feed_beacon(signed(STRANGER), id, dev_signature()));
		assert_eq!(draw_of(id).phase, DrawPhase::Drawing);
		assert!(DrandBeacon::verify(&BeaconInfo::DEV, DEV_ROUND, &dev_signature()).is_some());
		assert!(DrandBeacon::verify(&BeaconInfo::QUICKNET, DEV_ROUND, &dev_signature()).is_none());
		draw_all(id);
		assert_eq!(holders(id, 0).len(), 3);
	});
}

#[test]
fn no_beacon_is_needed_when_nothing_is_oversubscribed() {
	run(|| {
		let id = open_lottery();
		assert_ok!(YouthPass::enter(signed(ALICE), id, 0));
		close();
		assert_noop!(
			YouthPass::feed_beacon(signed(STRANGER), id, MockBeacon::sign(beacon_round())),
			Error::<Test>::NotAwaitingBeacon
		);
	});
}

#[test]
fn feed_beacon_refuses_first_come_and_unknown_rounds() {
	run(|| {
		assert_noop!(
			YouthPass::feed_beacon(signed(STRANGER), 9, [0u8; 48]),
			Error::<Test>::UnknownRound
		);
		let id = open_first_come();
		assert_noop!(
			YouthPass::feed_beacon(signed(STRANGER), id, [0u8; 48]),
			Error::<Test>::NotLottery
		);
	});
}

#[test]
fn after_the_grace_the_beacon_can_no_longer_be_fed_only_abandoned() {
	run(|| {
		let id = oversubscribed();
		close();
		let sig = MockBeacon::sign(beacon_round());
		set_now(beacon_time() + BeaconGrace::get());
		// Whoever acts first after the grace must not choose between the result and "nobody
		// wins": only `abandon` is left.
		assert_noop!(
			YouthPass::feed_beacon(signed(STRANGER), id, sig),
			Error::<Test>::BeaconExpired
		);
		assert_ok!(YouthPass::abandon(signed(STRANGER), id));
		assert_eq!(draw_of(id).phase, DrawPhase::Abandoning);
		assert_eq!(draw_of(id).seed, None);
	});
}

#[test]
fn the_beacon_can_be_fed_until_the_last_moment_of_the_grace() {
	run(|| {
		let id = oversubscribed();
		close();
		set_now(beacon_time() + BeaconGrace::get() - 1);
		assert_ok!(YouthPass::feed_beacon(signed(STRANGER), id, MockBeacon::sign(beacon_round())));
		assert_eq!(draw_of(id).phase, DrawPhase::Drawing);
		assert_noop!(YouthPass::abandon(signed(STRANGER), id), Error::<Test>::NotAwaitingBeacon);
	});
}
