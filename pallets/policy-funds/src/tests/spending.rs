//! Citizens spend vouchers at merchants; the merchant is paid in the same call.

use super::*;
use citizen_primitives::testing::MockCitizenRegistry;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

#[test]
fn a_partial_spend_pays_the_merchant_at_once() {
	run(|| {
		let program = automatic_program(1);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_ok!(Funds::spend(signed(ALICE), program, BOOKSHOP, 12_000));
		assert_eq!(balance(BOOKSHOP), 12_000);
		assert_eq!(voucher(program, ALICE_ID).unwrap().balance, GRANT - 12_000);
		assert_eq!(
			last_event(),
			Event::VoucherSpent {
				program,
				citizen: ALICE_ID,
				merchant: BOOKSHOP,
				category: BOOKS,
				amount: 12_000
			}
		);
		assert_ok!(Funds::spend(signed(ALICE), program, SWIMMING, 8_000));
		let r = report(program);
		assert_eq!((r.spent, r.outstanding), (20_000, GRANT - 20_000));
		assert_eq!(Funds::spent_in(program, BOOKS), 12_000);
		assert_eq!(Funds::spent_in(program, SPORTS), 8_000);
	});
}

#[test]
fn the_whole_voucher_can_be_spent_but_not_more() {
	run(|| {
		let program = automatic_program(2);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_noop!(
			Funds::spend(signed(ALICE), program, BOOKSHOP, GRANT + 1),
			Error::<Test>::InsufficientVoucher
		);
		assert_ok!(Funds::spend(signed(ALICE), program, BOOKSHOP, GRANT));
		assert_noop!(
			Funds::spend(signed(ALICE), program, BOOKSHOP, 1),
			Error::<Test>::InsufficientVoucher
		);
	});
}

#[test]
fn each_refusal_has_its_own_error_and_changes_nothing() {
	run(|| {
		let program = automatic_program(2);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_noop!(
			Funds::spend(signed(ALICE), program, CRAM_SCHOOL, 1_000),
			Error::<Test>::CategoryNotAllowed
		);
		assert_noop!(
			Funds::spend(signed(ALICE), program, 77, 1_000),
			Error::<Test>::UnknownMerchant
		);
		assert_noop!(Funds::spend(signed(ALICE), program, BOOKSHOP, 0), Error::<Test>::ZeroAmount);
		assert_noop!(Funds::spend(signed(BOB), program, BOOKSHOP, 1_000), Error::<Test>::NoVoucher);
		assert_noop!(Funds::spend(signed(77), program, BOOKSHOP, 1_000), Error::<Test>::NotCitizen);
		assert_noop!(
			Funds::spend(signed(ALICE), 9, BOOKSHOP, 1_000),
			Error::<Test>::UnknownProgram
		);
		assert_noop!(Funds::spend(root(), program, BOOKSHOP, 1_000), DispatchError::BadOrigin);
		assert_ok!(Funds::set_merchant_active(root(), BOOKSHOP, false));
		assert_noop!(
			Funds::spend(signed(ALICE), program, BOOKSHOP, 1_000),
			Error::<Test>::MerchantSuspended
		);
		advance(223 * DAY);
		assert_noop!(
			Funds::spend(signed(ALICE), program, SWIMMING, 1_000),
			Error::<Test>::ProgramExpired
		);
	});
}

#[test]
fn excluded_categories_win_over_allowed_ones() {
	run(|| {
		let mut t = terms(ApprovalMode::Automatic);
		t.allowed_categories = BoundedBTreeSet::new();
		t.excluded_categories = set([CRAM]);
		let program = setup_program(t, GRANT);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_ok!(Funds::spend(signed(ALICE), program, BOOKSHOP, 1));
		assert_ok!(Funds::spend(signed(ALICE), program, SWIMMING, 1));
		assert_noop!(
			Funds::spend(signed(ALICE), program, CRAM_SCHOOL, 1),
			Error::<Test>::CategoryNotAllowed
		);
	});
}

#[test]
fn a_voucher_follows_the_citizen_to_a_new_key() {
	run(|| {
		let program = automatic_program(1);
		assert_ok!(Funds::apply(signed(ALICE), program));
		MockCitizenRegistry::rebind(ALICE_ID, 55);
		assert_noop!(Funds::spend(signed(ALICE), program, BOOKSHOP, 1), Error::<Test>::NotCitizen);
		assert_ok!(Funds::spend(signed(55), program, BOOKSHOP, 1));
	});
}

#[test]
fn a_merchant_cannot_pay_itself() {
	run(|| {
		let program = automatic_program(1);
		assert_ok!(Funds::apply(signed(ALICE), program));
		// Alice also runs a bookshop from her own account.
		assert_ok!(Funds::register_merchant(root(), ALICE, BOOKS, 3));
		assert_noop!(
			Funds::spend(signed(ALICE), program, ALICE, 1_000),
			Error::<Test>::SelfPayment
		);
		assert_noop!(
			<Funds as VoucherLedger<u64, Balance>>::spend(program, ALICE_ID, &ALICE, 1_000),
			Error::<Test>::SelfPayment
		);
		// Her voucher still pays other shops; after a move to a new key, the old account is a
		// shop like any other.
		assert_ok!(Funds::spend(signed(ALICE), program, BOOKSHOP, 1_000));
		MockCitizenRegistry::rebind(ALICE_ID, 55);
		assert_ok!(Funds::spend(signed(55), program, ALICE, 1_000));
		assert_eq!(balance(ALICE), 10 + 1_000);
	});
}

#[test]
fn a_spend_writes_one_record_for_the_program() {
	run(|| {
		let program = automatic_program(1);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_ok!(Funds::spend(signed(ALICE), program, SWIMMING, 5_000));
		assert_ok!(Funds::spend(signed(ALICE), program, BOOKSHOP, 7_000));
		// Counters and spending by category in the one ledger record, by category.
		let ledger = Ledgers::<Test>::get(program);
		assert_eq!(ledger.by_category.into_inner(), vec![(BOOKS, 7_000), (SPORTS, 5_000)]);
		assert_eq!(ledger.spent, 12_000);
		assert_eq!(SpendByCategory::<Test>::iter().count(), 0);
		// The citizen's application and voucher are one record too.
		let record = Participants::<Test>::get(ALICE_ID, program).expect("a record");
		assert_eq!(record.voucher.map(|v| v.balance), Some(GRANT - 12_000));
		assert_eq!(record.application.map(|a| a.status), Some(ApplicationStatus::Approved));
	});
}

#[test]
fn a_program_open_to_every_category_counts_the_further_ones_outside_its_ledger() {
	run(|| {
		let mut t = terms(ApprovalMode::Automatic);
		t.allowed_categories = BoundedBTreeSet::new();
		let program = setup_program(t, GRANT);
		assert_ok!(Funds::apply(signed(ALICE), program));
		// Six categories, two more than the ledger holds (`MaxCategoriesPerProgram` = 4).
		for (category, merchant) in [(9, 90), (8, 80), (7, 70)] {
			assert_ok!(Funds::add_category(root(), category, name("기타", "Other")));
			assert_ok!(Funds::register_merchant(root(), merchant, category, 1));
		}
		for merchant in [90, BOOKSHOP, SWIMMING, CRAM_SCHOOL] {
			assert_ok!(Funds::spend(signed(ALICE), program, merchant, 1_000));
		}
		assert_eq!(SpendByCategory::<Test>::iter().count(), 0);
		// The fifth category paid: counted outside the full ledger, and its read and write
		// are added to the block's weight.
		let before = System::block_weight().total();
		assert_ok!(ledger_spend(program, ALICE_ID, 80, 2_000));
		assert_eq!(
			System::block_weight().total().saturating_sub(before),
			<<Test as frame_system::Config>::DbWeight as Get<
				frame_support::weights::RuntimeDbWeight,
			>>::get()
			.reads_writes(1, 1)
		);
		assert_ok!(Funds::spend(signed(ALICE), program, 80, 500));
		assert_ok!(Funds::spend(signed(ALICE), program, 70, 3_000));
		// A category in the ledger stays there.
		assert_ok!(Funds::spend(signed(ALICE), program, BOOKSHOP, 1_000));
		assert_eq!(
			Ledgers::<Test>::get(program).by_category.into_inner(),
			vec![(BOOKS, 2_000), (CRAM, 1_000), (SPORTS, 1_000), (9, 1_000)]
		);
		assert_eq!(SpendByCategory::<Test>::get(program, 8), 2_500);
		assert_eq!(SpendByCategory::<Test>::get(program, 7), 3_000);
		// Read together, by category; `spent` counts everything.
		assert_eq!(
			Funds::spend_by_category(program),
			vec![
				(BOOKS, 2_000),
				(CRAM, 1_000),
				(SPORTS, 1_000),
				(7, 3_000),
				(8, 2_500),
				(9, 1_000)
			]
		);
		assert_eq!(Funds::spent_in(program, 8), 2_500);
		assert_eq!(report(program).spent, 10_500);
	});
}
