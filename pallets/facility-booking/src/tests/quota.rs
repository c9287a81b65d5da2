//! At most the category's quota of bookings per citizen per local month.

use super::*;
use frame_support::assert_noop;

#[test]
fn the_monthly_quota_is_kept_per_category() {
	run(|| {
		let d = d0() + 1;
		for slot in 10..13 {
			book(ALICE, HALL, d, slot, 1);
		}
		assert_eq!(MonthlyUse::<Test>::get(ALICE_ID, SPORTS), Some((month_of(d0()), 3)));
		assert_noop!(
			FacilityBooking::book(signed(ALICE), HALL, d, 13, 1, fee_of(HALL)),
			Error::<Test>::MonthlyQuotaReached
		);
		// Libraries have no quota; other citizens have their own.
		book(ALICE, LIB, d, 10, 1);
		book(BOB, HALL, d, 13, 1);
	});
}

#[test]
fn a_cancellation_gives_the_quota_back() {
	run(|| {
		let d = d0() + 7;
		let first = book(ALICE, HALL, d, 10, 1);
		book(ALICE, HALL, d, 11, 1);
		book(ALICE, HALL, d, 12, 1);
		assert_ok!(FacilityBooking::cancel(signed(ALICE), first));
		assert_eq!(MonthlyUse::<Test>::get(ALICE_ID, SPORTS), Some((month_of(d0()), 2)));
		book(ALICE, HALL, d, 13, 1);
	});
}

#[test]
fn the_quota_rolls_over_at_local_midnight_of_the_first() {
	run(|| {
		let d = d0() + 1;
		let ids: Vec<_> = (10..13).map(|slot| book(ALICE, HALL, d, slot, 1)).collect();
		// Attended, so no no-shows.
		for (slot, id) in (10..13).zip(ids) {
			set_local(d, slot, 0);
			assert_ok!(FacilityBooking::check_in(signed(MANAGER), id));
		}
		// 1 June 2026 is 10 days after 22 May.
		let june_1 = d0() + 10;
		assert_eq!(month_of(june_1), month_of(d0()) + 1);
		citizen_primitives::testing::MockTime::set(at(june_1, 0, 0) - 1);
		assert_noop!(
			FacilityBooking::book(signed(ALICE), HALL, june_1 + 1, 10, 1, fee_of(HALL)),
			Error::<Test>::MonthlyQuotaReached
		);
		set_local(june_1, 0, 0);
		book(ALICE, HALL, june_1 + 1, 10, 1);
		assert_eq!(MonthlyUse::<Test>::get(ALICE_ID, SPORTS), Some((month_of(june_1), 1)));
		// A May booking cancelled in June gives nothing back to June.
	});
}
