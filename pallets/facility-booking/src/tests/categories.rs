//! The city sets categories: names, monthly quota, no-show penalty.

use super::*;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn the_city_sets_a_category_and_its_rules() {
	run(|| {
		let rules = CategoryRules {
			monthly_quota: 4,
			no_show_limit: 2,
			no_show_window: 30 * DAY,
			suspension: 7 * DAY,
		};
		assert_ok!(FacilityBooking::set_category(
			root(),
			3,
			name("문화공간", "Culture space"),
			rules
		));
		assert_eq!(last_event(), Event::CategorySet { category: 3, rules });
		assert_eq!(Categories::<Test>::get(3).unwrap().rules, rules);
		// And changes it.
		assert_ok!(FacilityBooking::set_category(
			root(),
			3,
			name("문화공간", "Culture space"),
			CategoryRules::default()
		));
		assert_eq!(Categories::<Test>::get(3).unwrap().rules, CategoryRules::default());
	});
}

#[test]
fn penalties_need_a_window_and_a_limit_that_is_remembered() {
	run(|| {
		let n = name("문화공간", "Culture space");
		let no_window = CategoryRules { no_show_limit: 2, ..Default::default() };
		assert_noop!(
			FacilityBooking::set_category(root(), 3, n.clone(), no_window),
			Error::<Test>::InvalidCategoryRules
		);
		// MaxNoShowsRemembered is 4 in the mock.
		let too_many =
			CategoryRules { no_show_limit: 5, no_show_window: DAY, ..Default::default() };
		assert_noop!(
			FacilityBooking::set_category(root(), 3, n.clone(), too_many),
			Error::<Test>::InvalidCategoryRules
		);
		let most = CategoryRules { no_show_limit: 4, no_show_window: DAY, ..Default::default() };
		assert_ok!(FacilityBooking::set_category(root(), 3, n, most));
	});
}

#[test]
fn only_the_city_sets_categories() {
	run(|| {
		for origin in [signed(MANAGER), signed(ALICE), RuntimeOrigin::none()] {
			assert_noop!(
				FacilityBooking::set_category(origin, 3, name("a", "a"), CategoryRules::default()),
				DispatchError::BadOrigin
			);
		}
	});
}

#[test]
fn suspensions_count_runs_of_no_shows_within_the_window() {
	let rules = SPORTS_RULES; // 3 in 90 days → 30 days
						   // Two are not enough.
	assert_eq!(rules.suspended_until(&mut [DAY, 2 * DAY]), None);
	// Three within 90 days: until the third + 30 days, whatever the order given.
	assert_eq!(rules.suspended_until(&mut [50 * DAY, DAY, 2 * DAY]), Some(80 * DAY));
	// Three spread over 90 days or more do not count.
	assert_eq!(rules.suspended_until(&mut [DAY, 50 * DAY, 91 * DAY]), None);
	// The latest run wins.
	assert_eq!(
		rules.suspended_until(&mut [DAY, 2 * DAY, 3 * DAY, 200 * DAY, 201 * DAY, 202 * DAY]),
		Some(232 * DAY)
	);
	// No penalty at all.
	assert_eq!(CategoryRules::default().suspended_until(&mut [1, 2, 3, 4]), None);
	assert!(rules.forgotten(DAY, 121 * DAY));
	assert!(!rules.forgotten(DAY, 121 * DAY - 1));
}
