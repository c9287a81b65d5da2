//! The city manages categories and merchants.

use super::*;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

#[test]
fn city_manages_categories() {
	run(|| {
		let cafes = name("스터디카페", "Study cafes");
		assert_ok!(Funds::add_category(root(), 9, cafes.clone()));
		assert_eq!(Categories::<Test>::get(9), Some(cafes.clone()));
		assert_eq!(last_event(), Event::CategoryAdded { category: 9, name: cafes });
		// Renaming keeps the id.
		assert_ok!(Funds::add_category(root(), 9, name("스터디 카페", "Study cafés")));
		assert_eq!(Categories::<Test>::get(9).unwrap().en.to_vec(), "Study cafés".as_bytes());
		assert_ok!(Funds::remove_category(root(), 9));
		assert_eq!(last_event(), Event::CategoryRemoved { category: 9 });
		assert!(!Categories::<Test>::contains_key(9));
		assert_noop!(Funds::remove_category(root(), 9), Error::<Test>::UnknownCategory);
		assert_noop!(
			Funds::add_category(signed(TREASURY), 9, name("", "")),
			DispatchError::BadOrigin
		);
		assert_noop!(Funds::remove_category(signed(TREASURY), 9), DispatchError::BadOrigin);
	});
}

#[test]
fn a_category_in_use_stays() {
	run(|| {
		setup_merchants();
		assert_noop!(Funds::remove_category(root(), BOOKS), Error::<Test>::CategoryInUse);
		assert_ok!(Funds::remove_merchant(root(), BOOKSHOP));
		assert_ok!(Funds::remove_category(root(), BOOKS));
	});
}

#[test]
fn city_registers_suspends_and_removes_merchants() {
	run(|| {
		setup_merchants();
		assert_eq!(
			Merchants::<Test>::get(BOOKSHOP),
			Some(MerchantInfo { category: BOOKS, zone: 3, active: true })
		);
		assert!(events().contains(&Event::MerchantRegistered {
			merchant: BOOKSHOP,
			category: BOOKS,
			zone: 3
		}));
		assert_ok!(Funds::set_merchant_active(root(), BOOKSHOP, false));
		assert_eq!(last_event(), Event::MerchantActiveSet { merchant: BOOKSHOP, active: false });
		assert!(!Merchants::<Test>::get(BOOKSHOP).unwrap().active);
		assert_ok!(Funds::remove_merchant(root(), BOOKSHOP));
		assert_eq!(last_event(), Event::MerchantRemoved { merchant: BOOKSHOP });
		assert_eq!(CategoryUse::<Test>::get(BOOKS), 0);
	});
}

#[test]
fn merchant_registration_has_its_rules() {
	run(|| {
		setup_merchants();
		assert_noop!(
			Funds::register_merchant(root(), BOOKSHOP, BOOKS, 3),
			Error::<Test>::MerchantAlreadyRegistered
		);
		assert_noop!(Funds::register_merchant(root(), 50, 99, 3), Error::<Test>::UnknownCategory);
		assert_noop!(
			Funds::register_merchant(signed(TREASURY), 50, BOOKS, 3),
			DispatchError::BadOrigin
		);
		assert_noop!(Funds::set_merchant_active(root(), 50, false), Error::<Test>::UnknownMerchant);
		assert_noop!(
			Funds::set_merchant_active(signed(50), BOOKSHOP, false),
			DispatchError::BadOrigin
		);
		assert_noop!(Funds::remove_merchant(root(), 50), Error::<Test>::UnknownMerchant);
		assert_noop!(Funds::remove_merchant(signed(50), BOOKSHOP), DispatchError::BadOrigin);
	});
}

#[test]
fn officers_pause_a_merchant_for_their_program() {
	run(|| {
		let program = automatic_program(2);
		assert_ok!(Funds::apply(signed(ALICE), program));
		assert_ok!(Funds::pause_merchant(signed(OFFICER), program, BOOKSHOP));
		assert_eq!(last_event(), Event::MerchantPaused { program, merchant: BOOKSHOP });
		assert_noop!(
			Funds::spend(signed(ALICE), program, BOOKSHOP, 1),
			Error::<Test>::MerchantPaused
		);
		assert_noop!(
			Funds::pause_merchant(signed(OFFICER), program, BOOKSHOP),
			Error::<Test>::MerchantPaused
		);
		assert_noop!(
			Funds::pause_merchant(signed(ALICE), program, SWIMMING),
			Error::<Test>::NotOfficer
		);
		assert_noop!(
			Funds::pause_merchant(signed(OFFICER), program, 77),
			Error::<Test>::UnknownMerchant
		);
		assert_ok!(Funds::unpause_merchant(signed(OFFICER), program, BOOKSHOP));
		assert_eq!(last_event(), Event::MerchantUnpaused { program, merchant: BOOKSHOP });
		assert_noop!(
			Funds::unpause_merchant(signed(OFFICER), program, BOOKSHOP),
			Error::<Test>::MerchantNotPaused
		);
		assert_ok!(Funds::spend(signed(ALICE), program, BOOKSHOP, 1));
	});
}
