//! Residents of a facility's zone book from an earlier day than everyone else.

use super::*;
use frame_support::assert_noop;

#[test]
fn residents_of_the_zone_book_first() {
	run(|| {
		let d = d0();
		// 10 days ahead: within the residents' 14, beyond everyone's 7.
		book(ALICE, LIB, d + 10, 10, 1);
		assert_noop!(
			FacilityBooking::book(signed(BOB), LIB, d + 10, 10, 1, fee_of(LIB)),
			Error::<Test>::ResidentsOnly
		);
		assert_noop!(
			FacilityBooking::book(signed(CAROL), LIB, d + 10, 10, 1, fee_of(LIB)),
			Error::<Test>::ResidentsOnly
		);
		// At local midnight three days later the day opens to everyone.
		set_local(d + 2, 23, 59);
		assert_noop!(
			FacilityBooking::book(signed(BOB), LIB, d + 10, 10, 1, fee_of(LIB)),
			Error::<Test>::ResidentsOnly
		);
		set_local(d + 3, 0, 0);
		book(BOB, LIB, d + 10, 10, 1);
		book(CAROL, LIB, d + 10, 10, 1);
	});
}

#[test]
fn the_horizons_are_inclusive() {
	run(|| {
		let d = d0();
		book(ALICE, LIB, d + 14, 10, 1);
		assert_noop!(
			FacilityBooking::book(signed(ALICE), LIB, d + 15, 10, 1, fee_of(LIB)),
			Error::<Test>::BeyondBookingHorizon
		);
		book(CAROL, LIB, d + 7, 10, 1);
		assert_noop!(
			FacilityBooking::book(signed(CAROL), LIB, d + 8, 10, 1, fee_of(LIB)),
			Error::<Test>::ResidentsOnly
		);
	});
}

#[test]
fn a_resident_of_another_zone_or_with_an_expired_claim_waits() {
	run(|| {
		let d = d0();
		// Bob lives in Jeonpo; a Jeonpo facility lets him in early, not Alice.
		let jeonpo = register(spec(JEONPO, LIBRARY, JEONPO_POINT));
		book(BOB, jeonpo, d + 10, 10, 1);
		assert_noop!(
			FacilityBooking::book(signed(ALICE), jeonpo, d + 10, 10, 1, fee_of(jeonpo)),
			Error::<Test>::ResidentsOnly
		);
		// A claim that has expired no longer counts.
		citizen_primitives::testing::MockCitizenRegistry::remove_claim(BOB_ID, ClaimKind::Resident);
		assert_noop!(
			FacilityBooking::book(signed(BOB), jeonpo, d + 11, 10, 1, fee_of(jeonpo)),
			Error::<Test>::ResidentsOnly
		);
	});
}
