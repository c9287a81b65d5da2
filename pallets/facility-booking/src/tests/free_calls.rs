//! A citizen's book, cancel and self check-in are fee-free public-service calls; nobody
//! else's are.

use super::*;
use citizen_primitives::{PublicService, PublicServiceCall};

#[test]
fn citizens_own_calls_are_public_service_calls() {
	let citizen = [
		Call::<Test>::book { facility: 0, day: 0, slot: 0, party: 1, max_fee: 0 },
		Call::<Test>::cancel { booking: 0 },
		Call::<Test>::self_check_in { booking: 0 },
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
	];
	for call in others {
		assert_eq!(call.public_service(), None);
	}
}
