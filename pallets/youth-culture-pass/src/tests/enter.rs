//! Lottery entries: the co-payment to the keeping account, the entry appended to the
//! commitment.

use super::*;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn entering_keeps_the_co_payment_and_extends_the_commitment() {
	run(|| {
		let id = open_lottery();
		assert_ok!(YouthPass::enter(signed(ALICE), id, 0));
		assert_ok!(YouthPass::enter(signed(BOB), id, 1));
		assert_ok!(YouthPass::enter(signed(CAROL), id, 0));
		assert_eq!(
			last_event(),
			Event::Entered { round: id, tier: 0, index: 1, citizen: CAROL_ID }
		);
		assert_eq!(balance(ALICE), WALLET - CO);
		assert_eq!(balance(BOB), WALLET - CO1);
		assert_eq!(keeping(id), ExistentialDeposit::get() + 2 * CO + CO1);
		assert_eq!(
			Entries::<Test>::get(id, (0, 1)),
			Some(Entry { citizen: CAROL_ID, payer: CAROL })
		);
		assert_eq!(EntryOf::<Test>::get(id, BOB_ID), Some((1, 0)));
		assert_eq!(YearSlot::<Test>::get(YEAR, BOB_ID), Some(id));
		assert_eq!((tier_tally(id, 0).entries, tier_tally(id, 1).entries), (2, 1));
		// Each tier's commitment, byte by byte, and the round's over them.
		let mut c = [[0u8; 32]; 2];
		for (tier, index, citizen) in [(0u8, 0u32, ALICE_ID), (1, 0, BOB_ID), (0, 1, CAROL_ID)] {
			let t = usize::from(tier);
			let mut bytes = c[t].to_vec();
			bytes.extend_from_slice(&id.to_le_bytes());
			bytes.push(tier);
			bytes.extend_from_slice(&index.to_le_bytes());
			bytes.extend_from_slice(&citizen.to_le_bytes());
			c[t] = sp_io::hashing::sha2_256(&bytes);
		}
		assert_eq!((tier_tally(id, 0).commitment, tier_tally(id, 1).commitment), (c[0], c[1]));
		assert_eq!(tally(id).commitment(), sp_io::hashing::sha2_256(&[c[0], c[1]].concat()));
		// No pass yet.
		assert_eq!(voucher(program(id), ALICE_ID), 0);
	});
}

#[test]
fn enter_refusals() {
	run(|| {
		let first_come = open_with(first_come_terms());
		let id = open_with(lottery_terms());
		assert_noop!(YouthPass::enter(signed(ALICE), first_come, 0), Error::<Test>::NotLottery);
		assert_noop!(YouthPass::enter(signed(ALICE), id, 0), Error::<Test>::NotOpenYet);
		set_now(OPENS);
		assert_noop!(YouthPass::enter(signed(ALICE), id, 4), Error::<Test>::UnknownTier);
		assert_noop!(YouthPass::enter(signed(ERIN), id, 0), Error::<Test>::MissingYouthClaim);
		assert_noop!(YouthPass::enter(signed(FRANK), id, 0), Error::<Test>::MissingResidentClaim);
		assert_noop!(YouthPass::enter(signed(STRANGER), id, 0), Error::<Test>::NotCitizen);
		assert_noop!(YouthPass::enter(root(), id, 0), DispatchError::BadOrigin);
		assert_ok!(YouthPass::enter(signed(ALICE), id, 0));
		assert_noop!(YouthPass::enter(signed(ALICE), id, 1), Error::<Test>::AlreadyHasPassThisYear);
		assert_noop!(
			YouthPass::buy(signed(ALICE), first_come, 0),
			Error::<Test>::AlreadyHasPassThisYear
		);
		close();
		assert_noop!(YouthPass::enter(signed(BOB), id, 0), Error::<Test>::WindowClosed);
	});
}

#[test]
fn a_youth_who_cannot_pay_does_not_enter() {
	run(|| {
		let id = open_lottery();
		let (poor, poor_id) = many(1);
		MockCitizenRegistryExt::young(poor_id, poor);
		assert!(YouthPass::enter(signed(poor), id, 0).is_err());
		assert!(EntryOf::<Test>::get(id, poor_id).is_none());
		assert_eq!(tier_tally(id, 0).entries, 0);
	});
}

/// A young resident with no money.
struct MockCitizenRegistryExt;
impl MockCitizenRegistryExt {
	fn young(citizen: CitizenId, account: u64) {
		use citizen_primitives::{testing::MockCitizenRegistry, ClaimValue};
		MockCitizenRegistry::add_citizen(citizen, account);
		MockCitizenRegistry::add_claim(citizen, ClaimValue::YouthAgeBand, CLAIMS_UNTIL);
		MockCitizenRegistry::add_claim(
			citizen,
			ClaimValue::Resident { zone: 1, since: 0 },
			CLAIMS_UNTIL,
		);
	}
}

#[test]
fn entries_per_round_are_bounded() {
	run(|| {
		MaxEntries::set(3);
		let id = open_lottery();
		enter_many(id, 0, 0, 2);
		enter_many(id, 1, 2, 1);
		let (account, citizen) = many(9);
		add_youth(citizen, account);
		assert_noop!(YouthPass::enter(signed(account), id, 0), Error::<Test>::TooManyEntries);
	});
}
