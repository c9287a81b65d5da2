//! What wallets and merchants read: vouchers, "can I accept this?", reports.

use super::*;
use citizen_primitives::testing::MockCitizenRegistry;
use frame_support::{assert_noop, assert_ok};

#[test]
fn can_accept_agrees_with_spend() {
	run(|| {
		let program = automatic_program(2);
		assert_ok!(Funds::apply(signed(ALICE), program));
		let yes = Funds::can_accept(&BOOKSHOP, &ALICE, 1_000, None);
		assert!(yes.accepted);
		assert_eq!(yes.program, Some(program));
		assert_eq!(yes.usable, vec![(program, GRANT)]);
		assert_ok!(Funds::spend(signed(ALICE), program, BOOKSHOP, 1_000));

		let too_much = Funds::can_accept(&BOOKSHOP, &ALICE, GRANT, None);
		assert_eq!(
			(too_much.accepted, too_much.refusal),
			(false, Some(Refusal::InsufficientBalance))
		);
		assert!(Funds::spend(signed(ALICE), program, BOOKSHOP, GRANT).is_err());

		let cram = Funds::can_accept(&CRAM_SCHOOL, &ALICE, 1, None);
		assert_eq!((cram.accepted, cram.refusal), (false, Some(Refusal::CategoryNotAllowed)));
		assert_noop!(
			Funds::spend(signed(ALICE), program, CRAM_SCHOOL, 1),
			Error::<Test>::CategoryNotAllowed
		);

		assert_eq!(Funds::can_accept(&77, &ALICE, 1, None).refusal, Some(Refusal::NotAMerchant));
		assert_eq!(Funds::can_accept(&BOOKSHOP, &77, 1, None).refusal, Some(Refusal::NotACitizen));
		assert_ok!(Funds::set_merchant_active(root(), BOOKSHOP, false));
		assert_eq!(
			Funds::can_accept(&BOOKSHOP, &ALICE, 1, None).refusal,
			Some(Refusal::MerchantSuspended)
		);
	});
}

#[test]
fn a_wallet_lists_its_vouchers() {
	run(|| {
		let program = automatic_program(2);
		assert_ok!(Funds::apply(signed(ALICE), program));
		let vouchers = Funds::vouchers_of(ALICE_ID, false, 0, 10);
		assert_eq!(
			vouchers,
			vec![VoucherView {
				program,
				balance: GRANT,
				frozen: false,
				expires_at: START + 223 * DAY,
				citizen_suspended: false,
			}]
		);
		assert_eq!(Funds::wallet_vouchers(&ALICE, None, 0, 10), vouchers);
		assert!(Funds::vouchers_of(BOB_ID, false, 0, 10).is_empty());
	});
}

#[test]
fn the_report_adds_up() {
	run(|| {
		let program = automatic_program(3);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_ok!(Funds::apply(signed(BOB), program));
		assert_ok!(Funds::spend(signed(ALICE), program, BOOKSHOP, 10_000));
		assert_ok!(Funds::spend(signed(BOB), program, SWIMMING, 20_000));
		let r = Funds::report(program).unwrap();
		assert_eq!(r.funded, 3 * GRANT);
		assert_eq!(r.allocated, 2 * GRANT);
		assert_eq!(r.spent, 30_000);
		assert_eq!(r.citizens_served, 2);
		assert_eq!(r.free + r.outstanding + r.spent, r.funded);
		assert!(Funds::report(9).is_none());
	});
}

/// A second program Alice holds a voucher in: all categories, automatic. Merchants exist.
fn second_program() -> ProgramId {
	let mut t = terms(ApprovalMode::Automatic);
	t.allowed_categories = BoundedBTreeSet::new();
	let program = NextProgramId::<Test>::get();
	assert_ok!(Funds::create_program(root(), t, officers()));
	assert_ok!(Funds::fund(signed(TREASURY), program, GRANT));
	assert_ok!(Funds::apply(signed(ALICE), program));
	program
}

fn refusal(merchant: u64, account: u64, amount: Balance) -> Option<Refusal> {
	Funds::can_accept(&merchant, &account, amount, None).refusal
}

#[test]
fn can_accept_names_a_wrong_shop() {
	run(|| {
		let program = automatic_program(1);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_eq!(refusal(CRAM_SCHOOL, ALICE, 1), Some(Refusal::CategoryNotAllowed));
		assert_noop!(
			Funds::spend(signed(ALICE), program, CRAM_SCHOOL, 1),
			Error::<Test>::CategoryNotAllowed
		);
	});
}

#[test]
fn can_accept_names_no_voucher() {
	run(|| {
		let program = automatic_program(1);
		assert_eq!(refusal(BOOKSHOP, BOB, 1), Some(Refusal::NoVoucher));
		// A voucher spent to the last won is nothing to spend either.
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_ok!(Funds::spend(signed(ALICE), program, BOOKSHOP, GRANT));
		assert_eq!(refusal(BOOKSHOP, ALICE, 1), Some(Refusal::NoVoucher));
	});
}

#[test]
fn can_accept_names_a_paused_merchant() {
	run(|| {
		let program = automatic_program(1);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_ok!(Funds::pause_merchant(signed(OFFICER), program, BOOKSHOP));
		assert_eq!(refusal(BOOKSHOP, ALICE, 1), Some(Refusal::MerchantPaused));
		assert_noop!(
			Funds::spend(signed(ALICE), program, BOOKSHOP, 1),
			Error::<Test>::MerchantPaused
		);
	});
}

#[test]
fn can_accept_names_a_frozen_voucher() {
	run(|| {
		let program = automatic_program(1);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_ok!(Funds::freeze_voucher(signed(OFFICER), program, ALICE_ID));
		assert_eq!(refusal(BOOKSHOP, ALICE, 1), Some(Refusal::VoucherFrozen));
		assert_noop!(
			Funds::spend(signed(ALICE), program, BOOKSHOP, 1),
			Error::<Test>::VoucherFrozen
		);
	});
}

#[test]
fn can_accept_names_an_expired_program() {
	run(|| {
		let program = automatic_program(1);
		assert_ok!(Funds::apply(signed(ALICE), program));
		advance(223 * DAY);
		// Before the sweep (still queued) ...
		assert_eq!(refusal(BOOKSHOP, ALICE, 1), Some(Refusal::ProgramExpired));
		// ... and after it (found among the most recent programs).
		assert_ok!(Funds::expire_program(signed(BOB), program));
		assert!(ExpiryQueue::<Test>::get().is_empty());
		assert_eq!(refusal(BOOKSHOP, ALICE, 1), Some(Refusal::ProgramExpired));
		assert_noop!(
			Funds::spend(signed(ALICE), program, BOOKSHOP, 1),
			Error::<Test>::ProgramExpired
		);
	});
}

#[test]
fn can_accept_names_an_ended_program() {
	run(|| {
		let program = automatic_program(1);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_ok!(Funds::end_program(root(), program, TREASURY));
		assert_eq!(refusal(BOOKSHOP, ALICE, 1), Some(Refusal::ProgramExpired));
	});
}

#[test]
fn can_accept_names_a_self_payment() {
	run(|| {
		let program = automatic_program(1);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_ok!(Funds::register_merchant(root(), ALICE, BOOKS, 3));
		assert_eq!(refusal(ALICE, ALICE, 1), Some(Refusal::SelfPayment));
		assert_noop!(Funds::spend(signed(ALICE), program, ALICE, 1), Error::<Test>::SelfPayment);
	});
}

#[test]
fn can_accept_names_a_suspended_citizen_when_told_the_binding() {
	run(|| {
		let program = automatic_program(1);
		assert_ok!(Funds::apply(signed(ALICE), program));
		MockCitizenRegistry::set_active(ALICE_ID, false);
		assert_eq!(
			Funds::can_accept(&BOOKSHOP, &ALICE, 1, Some(ALICE_ID)).refusal,
			Some(Refusal::CitizenSuspended)
		);
		// Without the raw binding the pallet cannot tell her from a stranger.
		assert_eq!(refusal(BOOKSHOP, ALICE, 1), Some(Refusal::NotACitizen));
		// A binding the registry does not confirm is no citizen.
		assert_eq!(
			Funds::can_accept(&BOOKSHOP, &77, 1, Some(ALICE_ID)).refusal,
			Some(Refusal::NotACitizen)
		);
		assert_noop!(Funds::spend(signed(ALICE), program, BOOKSHOP, 1), Error::<Test>::NotCitizen);
	});
}

#[test]
fn can_accept_names_the_reason_closest_to_acceptance() {
	run(|| {
		let first = automatic_program(1);
		assert_ok!(Funds::apply(signed(ALICE), first));
		let second = second_program();
		// At the cram school: the first program's category rule, the second's frozen voucher.
		assert_ok!(Funds::freeze_voucher(signed(OFFICER), second, ALICE_ID));
		assert_eq!(refusal(CRAM_SCHOOL, ALICE, 1), Some(Refusal::VoucherFrozen));
		// Paused by the second program: paused beats a wrong category.
		assert_ok!(Funds::unfreeze_voucher(signed(OFFICER), second, ALICE_ID));
		assert_ok!(Funds::pause_merchant(signed(OFFICER), second, CRAM_SCHOOL));
		assert_eq!(refusal(CRAM_SCHOOL, ALICE, 1), Some(Refusal::MerchantPaused));
		// At the bookshop: the first program's voucher is usable, only too small, while the
		// second's is frozen: too small is closer.
		assert_ok!(Funds::freeze_voucher(signed(OFFICER), second, ALICE_ID));
		assert_eq!(refusal(BOOKSHOP, ALICE, GRANT + 1), Some(Refusal::InsufficientBalance));
		assert_eq!(refusal(BOOKSHOP, ALICE, GRANT), None);
		// The shop's own problems come first: a suspended merchant, whatever the vouchers.
		assert_ok!(Funds::set_merchant_active(root(), CRAM_SCHOOL, false));
		assert_eq!(refusal(CRAM_SCHOOL, ALICE, 1), Some(Refusal::MerchantSuspended));
		// And the person's before the vouchers: a suspended citizen.
		MockCitizenRegistry::set_active(ALICE_ID, false);
		assert_eq!(
			Funds::can_accept(&BOOKSHOP, &ALICE, 1, Some(ALICE_ID)).refusal,
			Some(Refusal::CitizenSuspended)
		);
	});
}

#[test]
fn a_suspended_citizen_still_reads_its_voucher() {
	run(|| {
		let program = automatic_program(1);
		assert_ok!(Funds::apply(signed(ALICE), program));
		MockCitizenRegistry::set_active(ALICE_ID, false);
		let view = VoucherView {
			program,
			balance: GRANT,
			frozen: false,
			expires_at: START + 223 * DAY,
			citizen_suspended: true,
		};
		assert_eq!(Funds::wallet_voucher(&ALICE, program, Some(ALICE_ID)), Some(view.clone()));
		assert_eq!(Funds::wallet_vouchers(&ALICE, Some(ALICE_ID), 0, 10), vec![view]);
		// Without the raw binding, the account is bound to no active citizen.
		assert_eq!(Funds::wallet_voucher(&ALICE, program, None), None);
		MockCitizenRegistry::set_active(ALICE_ID, true);
		assert!(!Funds::wallet_voucher(&ALICE, program, Some(ALICE_ID)).unwrap().citizen_suspended);
	});
}

#[test]
fn a_wallet_without_a_voucher_reads_zero() {
	run(|| {
		let program = automatic_program(1);
		assert_eq!(
			Funds::wallet_voucher(&BOB, program, Some(BOB_ID)),
			Some(VoucherView {
				program,
				balance: 0,
				frozen: false,
				expires_at: START + 223 * DAY,
				citizen_suspended: false,
			})
		);
		assert!(Funds::wallet_vouchers(&BOB, Some(BOB_ID), 0, 10).is_empty());
	});
}

#[test]
fn no_wallet_view_for_a_stranger_or_an_unknown_program() {
	run(|| {
		let program = automatic_program(1);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_eq!(Funds::wallet_voucher(&77, program, None), None);
		assert_eq!(Funds::wallet_voucher(&ALICE, 9, Some(ALICE_ID)), None);
		assert!(Funds::wallet_vouchers(&77, None, 0, 10).is_empty());
		// After a move to a new key, the old account's stale binding reads as no citizen.
		MockCitizenRegistry::rebind(ALICE_ID, 55);
		assert_eq!(Funds::wallet_voucher(&ALICE, program, Some(ALICE_ID)), None);
		assert_eq!(Funds::wallet_voucher(&55, program, None).unwrap().balance, GRANT);
	});
}

#[test]
fn can_accept_prefers_the_voucher_expiring_first() {
	run(|| {
		let later = automatic_program(1);
		assert_ok!(Funds::apply(signed(ALICE), later));
		// A second program, all categories, ending ten days before the first.
		let mut t = terms(ApprovalMode::Automatic);
		t.allowed_categories = BoundedBTreeSet::new();
		t.spend_until = START + 213 * DAY;
		let sooner = NextProgramId::<Test>::get();
		assert_ok!(Funds::create_program(root(), t, officers()));
		assert_ok!(Funds::fund(signed(TREASURY), sooner, GRANT));
		assert_ok!(Funds::apply(signed(ALICE), sooner));
		let verdict = Funds::can_accept(&BOOKSHOP, &ALICE, 1_000, None);
		assert_eq!(verdict.program, Some(sooner));
		// Every usable voucher, the one expiring first first.
		assert_eq!(verdict.usable, vec![(sooner, GRANT), (later, GRANT)]);
		// Only the later one covers more than the sooner one holds, after a spend.
		assert_ok!(Funds::spend(signed(ALICE), sooner, BOOKSHOP, 1_000));
		let verdict = Funds::can_accept(&BOOKSHOP, &ALICE, GRANT, None);
		assert_eq!(verdict.program, Some(later));
		assert_eq!(verdict.usable, vec![(sooner, GRANT - 1_000), (later, GRANT)]);
	});
}

#[test]
fn can_accept_many_answers_each_query_in_order_up_to_the_bound() {
	run(|| {
		let program = automatic_program(1);
		assert_ok!(Funds::apply(signed(ALICE), program));
		let queries = vec![
			(BOOKSHOP, ALICE, 1_000, None),
			(CRAM_SCHOOL, ALICE, 1_000, None),
			(BOOKSHOP, 77, 1, None),
			(BOOKSHOP, ALICE, GRANT + 1, None),
		];
		let each: Vec<_> = queries
			.iter()
			.map(|(merchant, account, amount, bound)| {
				Funds::can_accept(merchant, account, *amount, *bound)
			})
			.collect();
		assert_eq!(Funds::can_accept_many(queries.clone(), 10), each);
		assert_eq!(
			each.iter().map(|v| v.refusal).collect::<Vec<_>>(),
			vec![
				None,
				Some(Refusal::CategoryNotAllowed),
				Some(Refusal::NotACitizen),
				Some(Refusal::InsufficientBalance)
			]
		);
		// At most `max` are answered.
		assert_eq!(Funds::can_accept_many(queries, 2), each[..2].to_vec());
		assert!(Funds::can_accept_many(vec![], 10).is_empty());
	});
}

#[test]
fn a_wallet_is_told_why_there_is_no_voucher_view() {
	run(|| {
		let program = automatic_program(1);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_eq!(Funds::voucher_lookup(&ALICE, program, None).map(|v| v.balance), Ok(GRANT));
		assert_eq!(Funds::voucher_lookup(&77, program, None), Err(VoucherLookupError::NotACitizen));
		// An unknown program is judged first.
		assert_eq!(Funds::voucher_lookup(&77, 9, None), Err(VoucherLookupError::UnknownProgram));
		assert_eq!(Funds::voucher_lookup(&BOB, program, Some(BOB_ID)).map(|v| v.balance), Ok(0));
	});
}

#[test]
fn the_report_comes_with_its_spending_by_category() {
	run(|| {
		let program = automatic_program(2);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_ok!(Funds::spend(signed(ALICE), program, SWIMMING, 2_000));
		assert_ok!(Funds::spend(signed(ALICE), program, BOOKSHOP, 1_000));
		let (report, by_category) = Funds::report_with_categories(program).expect("a program");
		assert_eq!(Some(report), Funds::report(program));
		// By category, whatever order they were paid in.
		assert_eq!(by_category, vec![(BOOKS, 1_000), (SPORTS, 2_000)]);
		assert_eq!(by_category, Funds::spend_by_category(program));
		assert!(Funds::report_with_categories(9).is_none());
		// Overdue, the report reads as expired; the spending stays.
		advance(223 * DAY);
		let (report, by_category) = Funds::report_with_categories(program).expect("a program");
		assert_eq!((report.outstanding, report.returned), (0, GRANT - 3_000));
		assert_eq!(by_category.len(), 2);
	});
}
