//! Storage version 1 → 2 adds courses and events: what version 1 stored reads back unchanged,
//! and the version moves on once.

use super::*;
use crate::migrations::v2::MigrateV1ToV2;
use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

#[test]
fn version_1_moves_to_2_and_keeps_everything() {
	run(|| {
		assert_eq!(FacilityBooking::in_code_storage_version(), StorageVersion::new(2));
		let id = book(ALICE, HALL, d0() + 1, 10, 1);
		StorageVersion::new(1).put::<FacilityBooking>();
		let facility = Facilities::<Test>::get(HALL);
		let booking = Bookings::<Test>::get(id);
		#[cfg(feature = "try-runtime")]
		MigrateV1ToV2::<Test>::try_on_runtime_upgrade(true).expect("the upgrade checks pass");
		#[cfg(not(feature = "try-runtime"))]
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(FacilityBooking::on_chain_storage_version(), StorageVersion::new(2));
		assert_eq!(Facilities::<Test>::get(HALL), facility);
		assert_eq!(Bookings::<Test>::get(id), booking);
		// Courses work on the upgraded chain.
		let course = publish(course_spec(2, None));
		enroll(ALICE, course);
		// Run again: the version guard makes it a no-op.
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(FacilityBooking::on_chain_storage_version(), StorageVersion::new(2));
		assert_eq!(counts(course), (1, 0, 0));
	});
}
