//! A citizen's own calls: who may make them, and that they are the fee-free public-service
//! calls.

use super::*;
use citizen_primitives::{testing::MockCitizenRegistry, PublicService, PublicServiceCall};
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn only_an_active_citizen_applies_and_spends() {
	run(|| {
		let program = automatic_program(1);
		for origin in [RuntimeOrigin::none(), root()] {
			assert_noop!(Funds::apply(origin.clone(), program), DispatchError::BadOrigin);
			assert_noop!(Funds::spend(origin, program, BOOKSHOP, 1), DispatchError::BadOrigin);
		}
		// A signed account is told clearly that it acts for no (active) citizen.
		assert_noop!(Funds::apply(signed(77), program), Error::<Test>::NotCitizen);
		assert_noop!(Funds::spend(signed(77), program, BOOKSHOP, 1), Error::<Test>::NotCitizen);
		MockCitizenRegistry::set_active(ALICE_ID, false);
		assert_noop!(Funds::apply(signed(ALICE), program), Error::<Test>::NotCitizen);
		assert_noop!(Funds::spend(signed(ALICE), program, BOOKSHOP, 1), Error::<Test>::NotCitizen);
		MockCitizenRegistry::deregister(BOB_ID);
		assert_noop!(Funds::apply(signed(BOB), program), Error::<Test>::NotCitizen);
	});
}

#[test]
fn apply_and_spend_are_a_citizens_public_service_calls() {
	let citizen = [
		Call::<Test>::apply { program: 0 },
		Call::<Test>::spend { program: 0, merchant: BOOKSHOP, amount: 1 },
	];
	for call in citizen {
		assert_eq!(call.public_service(), Some(PublicService::Citizen));
	}
	let others = [
		Call::<Test>::fund { program: 0, amount: 1 },
		Call::<Test>::expire_program { program: 0 },
		Call::<Test>::approve { program: 0, citizen: ALICE_ID },
		Call::<Test>::remove_category { category: BOOKS },
		Call::<Test>::freeze_voucher { program: 0, citizen: ALICE_ID },
	];
	for call in others {
		assert_eq!(call.public_service(), None);
	}
}
