//! The manager checks citizens in; citizens check themselves in while the manager's self
//! check-in window is open.

use super::*;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn the_manager_checks_in_from_half_an_hour_before_to_the_end() {
	run(|| {
		let d = d0() + 1;
		let id = book(ALICE, LIB, d, 10, 1);
		set_local(d, 9, 29);
		assert_noop!(
			FacilityBooking::check_in(signed(MANAGER), id),
			Error::<Test>::OutsideCheckInWindow
		);
		set_local(d, 9, 30);
		assert_ok!(FacilityBooking::check_in(signed(MANAGER), id));
		assert_eq!(
			last_event(),
			Event::CheckedIn { booking: id, facility: LIB, citizen: ALICE_ID, by_manager: true }
		);
		assert_eq!(Bookings::<Test>::get(id).unwrap().status, BookingStatus::CheckedIn);
		assert_noop!(
			FacilityBooking::check_in(signed(MANAGER), id),
			Error::<Test>::AlreadyCheckedIn
		);
		// The end of the slot closes check-in.
		let late = book(BOB, LIB, d, 11, 1);
		set_local(d, 12, 0);
		assert_noop!(
			FacilityBooking::check_in(signed(MANAGER), late),
			Error::<Test>::OutsideCheckInWindow
		);
		set_local(d, 11, 59);
		assert_ok!(FacilityBooking::check_in(signed(MANAGER), late));
	});
}

#[test]
fn only_the_facilitys_manager_checks_in() {
	run(|| {
		let d = d0() + 1;
		let id = book(ALICE, LIB, d, 10, 1);
		set_local(d, 10, 0);
		assert_noop!(
			FacilityBooking::check_in(signed(OTHER_MANAGER), id),
			Error::<Test>::NotManager
		);
		assert_noop!(FacilityBooking::check_in(signed(ALICE), id), Error::<Test>::NotManager);
		assert_noop!(FacilityBooking::check_in(signed(MANAGER), 99), Error::<Test>::UnknownBooking);
		assert_noop!(
			FacilityBooking::check_in(RuntimeOrigin::none(), id),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn citizens_check_in_while_the_window_is_open() {
	run(|| {
		let d = d0() + 1;
		let id = book(ALICE, LIB, d, 10, 1);
		let other = book(BOB, LIB, d, 10, 1);
		set_local(d, 9, 45);
		assert_noop!(
			FacilityBooking::self_check_in(signed(ALICE), id),
			Error::<Test>::SelfCheckInClosed
		);
		let until = at(d, 12, 0);
		assert_ok!(FacilityBooking::open_self_check_in(signed(MANAGER), LIB, until));
		assert_eq!(last_event(), Event::SelfCheckInOpened { facility: LIB, until });
		assert_noop!(
			FacilityBooking::self_check_in(signed(ALICE), other),
			Error::<Test>::NotYourBooking
		);
		assert_noop!(FacilityBooking::self_check_in(signed(DAVE), id), Error::<Test>::NotCitizen);
		assert_ok!(FacilityBooking::self_check_in(signed(ALICE), id));
		assert_eq!(
			last_event(),
			Event::CheckedIn { booking: id, facility: LIB, citizen: ALICE_ID, by_manager: false }
		);
		// The window ends at `until`.
		let later = book(CAROL, LIB, d, 13, 1);
		set_local(d, 12, 30);
		assert_noop!(
			FacilityBooking::self_check_in(signed(CAROL), later),
			Error::<Test>::SelfCheckInClosed
		);
		// Still the slot's own check-in window.
		set_local(d, 13, 0);
		assert_ok!(FacilityBooking::open_self_check_in(signed(MANAGER), LIB, at(d, 14, 0)));
		set_local(d, 11, 0);
		assert_noop!(
			FacilityBooking::self_check_in(signed(CAROL), later),
			Error::<Test>::OutsideCheckInWindow
		);
	});
}

#[test]
fn the_self_check_in_window_is_bounded_and_the_managers_to_open() {
	run(|| {
		let now = START;
		assert_noop!(
			FacilityBooking::open_self_check_in(signed(MANAGER), LIB, now + 12 * 3_600_000 + 1),
			Error::<Test>::CheckInWindowTooLong
		);
		assert_ok!(FacilityBooking::open_self_check_in(signed(MANAGER), LIB, now + 12 * 3_600_000));
		assert_noop!(
			FacilityBooking::open_self_check_in(signed(OTHER_MANAGER), LIB, now + 1),
			Error::<Test>::NotManager
		);
		assert_noop!(
			FacilityBooking::open_self_check_in(signed(MANAGER), 9, now + 1),
			Error::<Test>::UnknownFacility
		);
		// A past `until` closes it.
		assert_ok!(FacilityBooking::open_self_check_in(signed(MANAGER), LIB, now));
		assert_eq!(SelfCheckIn::<Test>::get(LIB), None);
	});
}

#[test]
fn a_manager_does_not_check_in_their_own_booking() {
	run(|| {
		let d = d0() + 1;
		// The library's manager is also a citizen, and books there.
		add_citizen(300, MANAGER);
		let own = book(MANAGER, LIB, d, 10, 1);
		let alices = book(ALICE, LIB, d, 10, 1);
		set_local(d, 9, 45);
		assert_noop!(FacilityBooking::check_in(signed(MANAGER), own), Error::<Test>::OwnBooking);
		assert_ok!(FacilityBooking::check_in(signed(MANAGER), alices));
		// Another manager of the facility may.
		assert_ok!(FacilityBooking::appoint_manager(root(), LIB, OTHER_MANAGER));
		assert_ok!(FacilityBooking::check_in(signed(OTHER_MANAGER), own));
		assert_eq!(Bookings::<Test>::get(own).unwrap().status, BookingStatus::CheckedIn);
	});
}
