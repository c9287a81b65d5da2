//! Removing an issuer has a defined, bounded consequence for the IDs it registered: they read
//! as suspended — no benefits, no fee-free calls — until another issuer re-confirms them.

use super::*;
use frame_support::{assert_noop, assert_ok};

#[test]
fn ids_of_a_removed_issuer_read_as_suspended_until_reconfirmed() {
	run(|| {
		register_temp_issuer();
		let alice = register_via(TEMP_ISSUER, ALICE, 1);
		// The office (still registered) attests her residence.
		attest_resident(alice);
		assert_eq!(CitizenIds::citizen_of(&ALICE), Some(alice));
		assert!(CitizenIds::is_active(alice));

		assert_ok!(CitizenIds::remove_issuer(RuntimeOrigin::root(), 5));
		// No benefits: the registry says "not an active citizen", and claims read suspended,
		// even those attested by an issuer that is still registered.
		assert_eq!(CitizenIds::citizen_of(&ALICE), None);
		assert!(!CitizenIds::is_active(alice));
		// A merchant's view tells her from a stranger: still bound, not active.
		assert_eq!(CitizenIds::standing(alice), Some((ALICE, false)));
		assert_eq!(status_of(alice, ClaimKind::Resident), ClaimStatus::Suspended);
		assert!(!CitizenIds::has_valid_claim(alice, ClaimKind::Resident));
		let view = CitizenIds::citizen_view(alice).unwrap();
		assert!(!view.active);
		assert!(view.awaiting_reconfirmation);
		// The stored status is unchanged: nothing was looped over.
		assert_eq!(Citizens::<Test>::get(alice).unwrap().status, CitizenStatus::Active);

		// Another issuer re-confirms the ID: everything the still-registered issuers attested
		// is valid again.
		assert_noop!(CitizenIds::confirm_citizen(signed(ALICE), alice), Error::<Test>::NotIssuer);
		assert_ok!(CitizenIds::confirm_citizen(signed(BANK), alice));
		assert_eq!(last_event(), Event::CitizenReconfirmed { citizen: alice, by: BANK });
		assert_eq!(CitizenIds::citizen_of(&ALICE), Some(alice));
		assert_eq!(CitizenIds::standing(alice), Some((ALICE, true)));
		assert_eq!(status_of(alice, ClaimKind::Resident), ClaimStatus::Active);
		assert_eq!(Citizens::<Test>::get(alice).unwrap().registered_by, BANK);
		assert_noop!(
			CitizenIds::confirm_citizen(signed(OFFICE), alice),
			Error::<Test>::RegistrarStillActive
		);
	});
}

#[test]
fn re_registering_the_removed_issuer_does_not_revive_its_ids() {
	run(|| {
		register_temp_issuer();
		let alice = register_via(TEMP_ISSUER, ALICE, 1);
		assert_ok!(CitizenIds::remove_issuer(RuntimeOrigin::root(), 5));
		register_temp_issuer();
		assert_eq!(CitizenIds::citizen_of(&ALICE), None);
		// It may re-confirm them, as any registered issuer may.
		assert_ok!(CitizenIds::confirm_citizen(signed(5), alice));
		assert_eq!(CitizenIds::citizen_of(&ALICE), Some(alice));
	});
}

#[test]
fn a_suspended_id_stays_suspended_after_reconfirmation() {
	run(|| {
		register_temp_issuer();
		let alice = register_via(TEMP_ISSUER, ALICE, 1);
		assert_ok!(CitizenIds::suspend_citizen(signed(OFFICE), alice));
		assert_ok!(CitizenIds::remove_issuer(RuntimeOrigin::root(), 5));
		assert_ok!(CitizenIds::confirm_citizen(signed(OFFICE), alice));
		assert_eq!(CitizenIds::citizen_of(&ALICE), None);
		assert_ok!(CitizenIds::resume_citizen(signed(OFFICE), alice));
		assert_eq!(CitizenIds::citizen_of(&ALICE), Some(alice));
	});
}
