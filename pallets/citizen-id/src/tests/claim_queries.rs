//! What merchants ask through the runtime API: one account's claim, or many accounts' at once,
//! with the reason when there is no answer.

use super::*;
use frame_support::assert_ok;

fn verdict(account: u64) -> Result<ClaimStatus, ClaimRefusal> {
	CitizenIds::account_claim(&account, ClaimKind::Resident).map(|v| v.status)
}

#[test]
fn an_account_claim_says_why_there_is_no_answer() {
	run(|| {
		assert_eq!(verdict(ALICE), Err(ClaimRefusal::NotACitizen));
		let alice = register(ALICE, 1);
		assert_eq!(verdict(ALICE), Err(ClaimRefusal::NoSuchClaim));
		attest_resident(alice);
		let answer = CitizenIds::account_claim(&ALICE, ClaimKind::Resident).unwrap();
		assert_eq!(answer.status, ClaimStatus::Active);
		assert_eq!(Some(answer), CitizenIds::claim_verdict(alice, ClaimKind::Resident));
		assert_eq!(
			CitizenIds::account_claim(&ALICE, ClaimKind::YouthAgeBand),
			Err(ClaimRefusal::NoSuchClaim)
		);
		// A suspended citizen is answered: its claims read as suspended.
		assert_ok!(CitizenIds::suspend_citizen(signed(OFFICE), alice));
		assert_eq!(verdict(ALICE), Ok(ClaimStatus::Suspended));
		// After a rebind the old account is nobody's.
		assert_ok!(CitizenIds::request_rebind(signed(OFFICE), alice, ALICE_NEW_PHONE));
		advance(RECOVERY_DELAY);
		assert_ok!(CitizenIds::enact_rebind(signed(MALLORY), alice));
		assert_eq!(verdict(ALICE), Err(ClaimRefusal::NotACitizen));
		assert_eq!(verdict(ALICE_NEW_PHONE), Ok(ClaimStatus::Active));
		// And a deregistered citizen is nobody.
		assert_ok!(CitizenIds::deregister(signed(ALICE_NEW_PHONE)));
		assert_eq!(verdict(ALICE_NEW_PHONE), Err(ClaimRefusal::NotACitizen));
	});
}

#[test]
fn many_accounts_are_answered_in_order_as_one_by_one() {
	run(|| {
		register_temp_issuer();
		let alice = register(ALICE, 1);
		attest_resident(alice);
		let bob = register_via(TEMP_ISSUER, BOB, 2);
		attest_resident(bob);
		register(13, 3);
		// Bob's registering issuer is removed: he reads as suspended.
		assert_ok!(CitizenIds::remove_issuer(RuntimeOrigin::root(), TEMP_ISSUER));
		let accounts = vec![ALICE, MALLORY, BOB, 13, ALICE];
		let answers = CitizenIds::account_claims(accounts.clone(), ClaimKind::Resident);
		let one_by_one: Vec<_> =
			accounts.iter().map(|a| CitizenIds::account_claim(a, ClaimKind::Resident)).collect();
		assert_eq!(answers, one_by_one);
		let statuses: Vec<_> = answers.into_iter().map(|a| a.map(|v| v.status)).collect();
		assert_eq!(
			statuses,
			vec![
				Ok(ClaimStatus::Active),
				Err(ClaimRefusal::NotACitizen),
				Ok(ClaimStatus::Suspended),
				Err(ClaimRefusal::NoSuchClaim),
				Ok(ClaimStatus::Active),
			]
		);
		assert!(CitizenIds::account_claims(vec![], ClaimKind::Resident).is_empty());
	});
}

#[test]
fn a_batch_query_answers_at_most_its_bound() {
	run(|| {
		let accounts: Vec<u64> = (0..u64::from(MAX_CLAIM_QUERIES) + 5).collect();
		let answers = CitizenIds::account_claims(accounts, ClaimKind::Resident);
		assert_eq!(answers.len(), MAX_CLAIM_QUERIES as usize);
	});
}
