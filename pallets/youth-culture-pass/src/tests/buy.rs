//! First come: the co-payment and the pass together, while places last.

use super::*;
use citizen_primitives::testing::MockCitizenRegistry;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn buying_pays_the_co_payment_into_the_program_and_credits_the_pass() {
	run(|| {
		let id = open_first_come();
		let program = program(id);
		assert_ok!(YouthPass::buy(signed(ALICE), id, 0));
		assert_eq!(last_event(), Event::PassBought { round: id, tier: 0, citizen: ALICE_ID });
		assert_eq!(voucher(program, ALICE_ID), FACE);
		assert_eq!(balance(ALICE), WALLET - CO);
		assert_eq!(free(program), BUDGET - FACE + CO);
		assert_eq!(balance(program_account(program)), BUDGET + CO);
		assert_eq!(
			Passes::<Test>::get(id, ALICE_ID),
			Some(Pass { tier: 0, seq: 0, source: PassSource::Bought, given_up: false })
		);
		assert_eq!(PassIndex::<Test>::get(id, 0), Some(ALICE_ID));
		assert_eq!(YearSlot::<Test>::get(YEAR, ALICE_ID), Some(id));
		let t = tier_tally(id, 0);
		assert_eq!((t.issued, t.collected), (1, CO));
	});
}

#[test]
fn a_tier_sells_out_and_a_given_up_pass_goes_back_on_sale() {
	run(|| {
		let id = open_first_come();
		assert_ok!(YouthPass::buy(signed(ALICE), id, 1));
		assert_ok!(YouthPass::buy(signed(BOB), id, 1));
		assert_noop!(YouthPass::buy(signed(CAROL), id, 1), Error::<Test>::SoldOut);
		assert_eq!(YouthPass::quote(CAROL_ID, id, 1), Err(Refusal::SoldOut));
		assert_ok!(YouthPass::buy(signed(CAROL), id, 0));
		assert_ok!(YouthPass::give_up(signed(BOB), id));
		assert_eq!(balance(BOB), WALLET);
		assert_ok!(YouthPass::buy(signed(DAVE), id, 1));
		assert_eq!(tier_tally(id, 1).live(), 2);
	});
}

#[test]
fn buy_refusals_in_order() {
	run(|| {
		assert_noop!(YouthPass::buy(signed(ALICE), 0, 0), Error::<Test>::UnknownRound);
		let lottery = open_with(lottery_terms());
		let id = open_with(first_come_terms());
		assert_noop!(YouthPass::buy(signed(ALICE), lottery, 0), Error::<Test>::NotFirstCome);
		assert_noop!(YouthPass::buy(signed(ALICE), id, 2), Error::<Test>::UnknownTier);
		assert_noop!(YouthPass::buy(signed(ALICE), id, 0), Error::<Test>::NotOpenYet);
		set_now(OPENS);
		assert_noop!(YouthPass::buy(signed(ERIN), id, 0), Error::<Test>::MissingYouthClaim);
		assert_noop!(YouthPass::buy(signed(FRANK), id, 0), Error::<Test>::MissingResidentClaim);
		assert_ok!(YouthPass::buy(signed(ALICE), id, 0));
		assert_noop!(YouthPass::buy(signed(ALICE), id, 1), Error::<Test>::AlreadyHasPassThisYear);
		assert_noop!(
			YouthPass::enter(signed(ALICE), lottery, 0),
			Error::<Test>::AlreadyHasPassThisYear
		);
		set_now(CLOSES);
		assert_noop!(YouthPass::buy(signed(BOB), id, 0), Error::<Test>::WindowClosed);
	});
}

#[test]
fn only_citizens_buy() {
	run(|| {
		let id = open_first_come();
		assert_noop!(YouthPass::buy(signed(STRANGER), id, 0), Error::<Test>::NotCitizen);
		assert_noop!(YouthPass::buy(root(), id, 0), DispatchError::BadOrigin);
		MockCitizenRegistry::set_active(ALICE_ID, false);
		assert_noop!(YouthPass::buy(signed(ALICE), id, 0), Error::<Test>::NotCitizen);
	});
}

#[test]
fn last_years_recipients_are_excluded() {
	run(|| {
		let mut last = first_come_terms();
		last.year = YEAR - 1;
		let last_year = open_with(last);
		set_now(OPENS);
		assert_ok!(YouthPass::buy(signed(ALICE), last_year, 0));
		assert_ok!(YouthPass::buy(signed(BOB), last_year, 0));
		assert_ok!(YouthPass::give_up(signed(BOB), last_year));
		set_now(START);
		let mut t = first_come_terms();
		t.excluded_round = Some(last_year);
		let id = open_with(t);
		set_now(OPENS);
		assert_noop!(YouthPass::buy(signed(ALICE), id, 0), Error::<Test>::RecipientLastRound);
		// Bob gave his pass back: he was no recipient.
		assert_ok!(YouthPass::buy(signed(BOB), id, 0));
	});
}

#[test]
fn a_youth_who_cannot_pay_gets_nothing() {
	run(|| {
		let id = open_first_come();
		let program = program(id);
		let (poor, poor_id) = many(1);
		add_youth(poor_id, poor);
		assert_ok!(<Balances as frame_support::traits::fungible::Mutate<u64>>::burn_from(
			&poor,
			WALLET - 5,
			frame_support::traits::tokens::Preservation::Expendable,
			frame_support::traits::tokens::Precision::Exact,
			frame_support::traits::tokens::Fortitude::Polite,
		));
		assert!(YouthPass::buy(signed(poor), id, 0).is_err());
		assert_eq!(voucher(program, poor_id), 0);
		assert!(Passes::<Test>::get(id, poor_id).is_none());
		assert_eq!(free(program), BUDGET);
	});
}
