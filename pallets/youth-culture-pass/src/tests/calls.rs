//! Which calls are a citizen's own public-service calls (fee-free under the allowance).

use super::*;
use citizen_primitives::{PublicService, PublicServiceCall};

#[test]
fn a_youths_own_calls_are_public_service_calls() {
	let citizen = [
		Call::<Test>::buy { round: 0, tier: 0 },
		Call::enter { round: 0, tier: 0 },
		Call::book { offer: 0 },
		Call::cancel_booking { offer: 0 },
		Call::give_up { round: 0 },
		Call::claim_place { round: 0 },
	];
	for call in citizen {
		assert_eq!(call.public_service(), Some(PublicService::Citizen));
	}
	let others = [
		Call::<Test>::open_round { terms: lottery_terms() },
		Call::cancel_round { round: 0 },
		Call::set_treasury { account: 1 },
		Call::designate_offer {
			round: 0,
			terms: OfferTerms {
				organiser: ORGANISER,
				kind: OfferKind::Package,
				name: name("a", "a"),
				price: 1,
				seats: 1,
				date: 2,
				cancel_until: 1,
			},
		},
		Call::withdraw_offer { offer: 0 },
		Call::feed_beacon { round: 0, signature: [0u8; 48] },
		Call::draw { round: 0, max_steps: 1 },
		Call::abandon { round: 0 },
		Call::lapse_offer { round: 0, tier: 0, position: 0 },
		Call::settle_offer { offer: 0, max: 1 },
		Call::reclaim { round: 0, max: 1 },
	];
	for call in others {
		assert_eq!(call.public_service(), None);
	}
}
