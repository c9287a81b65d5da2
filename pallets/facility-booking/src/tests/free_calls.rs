//! A citizen's own calls (book, cancel, self check-in, enrol, withdraw, confirm an offer,
//! register and unregister for an event) are fee-free public-service calls; nobody else's are.

use super::*;
use citizen_primitives::{PublicService, PublicServiceCall};

#[test]
fn citizens_own_calls_are_public_service_calls() {
	let citizen = [
		Call::<Test>::book { facility: 0, day: 0, slot: 0, party: 1, max_fee: 0 },
		Call::<Test>::cancel { booking: 0 },
		Call::<Test>::self_check_in { booking: 0 },
		Call::<Test>::enroll { course: 0, max_fee: 0 },
		Call::<Test>::withdraw { course: 0 },
		Call::<Test>::confirm_offer { course: 0, max_fee: 0 },
		Call::<Test>::register_for_event { event: 0 },
		Call::<Test>::unregister_from_event { event: 0 },
	];
	for call in citizen {
		assert_eq!(call.public_service(), Some(PublicService::Citizen));
	}
	let others = [
		Call::<Test>::check_in { booking: 0 },
		Call::<Test>::close { facility: 0, from_day: 0, to_day: 0 },
		Call::<Test>::set_capacity { facility: 0, capacity: 1 },
		Call::<Test>::retire_facility { facility: 0 },
		Call::<Test>::reap { facility: 0, day: 0, max: 1 },
		Call::<Test>::process_closures { facility: 0, max: 1 },
		Call::<Test>::set_course_policy { category: 0, policy: Default::default() },
		Call::<Test>::cancel_course { course: 0 },
		Call::<Test>::remove_participant { course: 0, citizen: 0 },
		Call::<Test>::check_in_session { course: 0, session: 0, citizen: 0 },
		Call::<Test>::cancel_event { event: 0 },
		Call::<Test>::advance_waitlist { course: 0, max: 1 },
		Call::<Test>::process_cancellation { listing: Listing::Course(0), max: 1 },
		Call::<Test>::reap_course { course: 0, max: 1 },
		Call::<Test>::reap_event { event: 0, max: 1 },
	];
	for call in others {
		assert_eq!(call.public_service(), None);
	}
}
