//! Issuers register citizens in bulk, each with a Resident claim: every rule of a single
//! registration, per citizen, all or nothing per citizen.

use super::*;
use codec::{Decode, Encode};
use frame_support::{assert_noop, assert_ok, dispatch::GetDispatchInfo, traits::Get};
use sp_runtime::DispatchError;

const SINCE: Moment = START - 100 * DAY;
const UNTIL: Moment = START + 365 * DAY;
const CAROL: u64 = 13;
const DAVE: u64 = 14;
const EVE: u64 = 15;

/// A citizen to register: `account`, the commitment of resident number `n`, living in `zone`.
fn new(account: u64, n: u8, zone: ZoneId) -> NewCitizenOf<Test> {
	NewCitizen { account, commitment: commitment(n), zone, since: SINCE }
}

fn batch(citizens: Vec<NewCitizenOf<Test>>) -> NewCitizensOf<Test> {
	citizens.try_into().expect("within MaxRegistrationBatch")
}

/// The office registers `citizens`, their residence valid for a year from now.
fn register_all(citizens: Vec<NewCitizenOf<Test>>) -> sp_runtime::DispatchResult {
	CitizenIds::register_citizens(signed(OFFICE), batch(citizens), START, UNTIL)
}

/// This pallet's events, oldest first.
fn events() -> Vec<Event> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::CitizenIds(e) = r.event { Some(e) } else { None })
		.collect()
}

fn registered(citizen: CitizenId, account: u64, home_zone: ZoneId) -> Event {
	Event::CitizenRegistered { citizen, account, home_zone, issuer: OFFICE }
}

fn refused(index: u32, account: u64, error: Error<Test>) -> Event {
	Event::RegistrationRefused { index, account, error: error.into() }
}

fn done(registered: u32, refused: u32) -> Event {
	Event::BatchRegistered {
		issuer: OFFICE,
		registered,
		refused,
		valid_from: START,
		valid_until: UNTIL,
	}
}

/// The citizen behind `account`, which must hold an active Resident claim in `zone` from the
/// office, read exactly as one attested by `issue_claim`.
fn assert_resident(account: u64, zone: ZoneId) -> CitizenId {
	let citizen = CitizenOf::<Test>::get(account).expect("registered");
	let record = Citizens::<Test>::get(citizen).unwrap();
	assert_eq!(
		(record.account, record.home_zone, record.status),
		(account, zone, CitizenStatus::Active)
	);
	assert_eq!(Commitments::<Test>::get(record.commitment), Some(citizen));
	assert_eq!(System::providers(&account), 1, "the ID keeps the account alive");
	let verdict = CitizenIds::claim_verdict(citizen, ClaimKind::Resident).expect("a claim");
	assert_eq!(
		verdict,
		ClaimVerdict {
			status: ClaimStatus::Active,
			issuer: OFFICE,
			valid_from: START,
			valid_until: UNTIL,
			value: ClaimValue::Resident { zone, since: SINCE },
		}
	);
	assert_eq!(CitizenIds::citizen_of(&account), Some(citizen));
	assert!(CitizenIds::has_valid_claim(citizen, ClaimKind::Resident));
	citizen
}

/// Nothing of `account` or of commitment `n` is stored.
fn assert_untouched(account: u64, n: u8) {
	assert_eq!(CitizenOf::<Test>::get(account), None);
	assert_eq!(Commitments::<Test>::get(commitment(n)), None);
	assert_eq!(System::providers(&account), 0);
}

#[test]
fn an_issuer_registers_citizens_in_bulk_each_with_a_resident_claim() {
	run(|| {
		assert_ok!(register_all(vec![new(ALICE, 1, 7), new(BOB, 2, 3), new(CAROL, 3, 7)]));
		// Ids in order, each citizen whole: record, indexes, provider, Resident claim.
		assert_eq!(assert_resident(ALICE, 7), 0);
		assert_eq!(assert_resident(BOB, 3), 1);
		assert_eq!(assert_resident(CAROL, 7), 2);
		assert_eq!(NextCitizenId::<Test>::get(), 3);
		// The claim lives in the record, not in `Claims`.
		assert_eq!(Claims::<Test>::iter().count(), 0);
		let record = Citizens::<Test>::get(1).unwrap();
		assert_eq!(record.registered_by, OFFICE);
		assert_eq!(record.registered_at, START);
		assert_eq!(record.registrar_epoch, Issuers::<Test>::get(OFFICE).unwrap().epoch);
		assert_eq!(
			events(),
			vec![
				registered(0, ALICE, 7),
				registered(1, BOB, 3),
				registered(2, CAROL, 7),
				done(3, 0)
			]
		);
		// Single registrations go on from there.
		assert_eq!(register(DAVE, 4), 3);
	});
}

#[test]
fn a_bulk_resident_claim_is_managed_like_any_other() {
	run(|| {
		assert_ok!(register_all(vec![new(ALICE, 1, 7)]));
		let alice = assert_resident(ALICE, 7);
		// The bank may manage residence: it suspends, resumes and re-attests it.
		assert_ok!(CitizenIds::suspend_claim(signed(BANK), alice, ClaimKind::Resident));
		assert_eq!(status_of(alice, ClaimKind::Resident), ClaimStatus::Suspended);
		assert_ok!(CitizenIds::resume_claim(signed(BANK), alice, ClaimKind::Resident));
		assert_ok!(CitizenIds::issue_claim(signed(BANK), alice, resident(9), START, START + DAY));
		assert!(matches!(last_event(), Event::ClaimIssued { replaced: true, issuer: BANK, .. }));
		assert_eq!(Citizens::<Test>::get(alice).unwrap().home_zone, 9);
		assert_ok!(CitizenIds::revoke_claim(signed(OFFICE), alice, ClaimKind::Resident));
		assert_eq!(status_of(alice, ClaimKind::Resident), ClaimStatus::Revoked);
		// Expiry needs no transaction.
		assert_ok!(CitizenIds::issue_claim(signed(BANK), alice, resident(9), START, START + DAY));
		advance(DAY);
		assert_eq!(status_of(alice, ClaimKind::Resident), ClaimStatus::Expired);
		// Deregistering drops it.
		assert_ok!(CitizenIds::deregister(signed(ALICE)));
		assert_eq!(CitizenIds::claim_verdict(alice, ClaimKind::Resident), None);
		assert_eq!(Citizens::<Test>::get(alice).unwrap().resident, None);
	});
}

#[test]
fn one_refusal_does_not_stop_the_others_and_stores_nothing() {
	run(|| {
		let bob = register(BOB, 2);
		let providers = System::providers(&BOB);
		assert_ok!(register_all(vec![
			new(ALICE, 1, 7),
			// Bob's resident number again: one person, one ID.
			new(CAROL, 2, 7),
			new(DAVE, 4, 5),
			// Bob's account again, with a new resident number.
			new(BOB, 5, 7),
			new(EVE, 6, 7),
		]));
		assert_eq!(assert_resident(ALICE, 7), 1);
		assert_eq!(assert_resident(DAVE, 5), 2);
		assert_eq!(assert_resident(EVE, 7), 3, "a refusal takes no id");
		assert_eq!(NextCitizenId::<Test>::get(), 4);
		// Nothing of the refused citizens was stored; Bob is as he was.
		assert_untouched(CAROL, 3);
		assert_eq!(Commitments::<Test>::get(commitment(2)), Some(bob));
		assert_eq!(Commitments::<Test>::get(commitment(5)), None);
		assert_eq!(CitizenOf::<Test>::get(BOB), Some(bob));
		assert_eq!(System::providers(&BOB), providers);
		assert_eq!(Citizens::<Test>::get(bob).unwrap().resident, None);
		assert_eq!(Citizens::<Test>::iter().count(), 4);
		let batch_events: Vec<Event> = events().into_iter().skip(1).collect();
		assert_eq!(
			batch_events,
			vec![
				registered(1, ALICE, 7),
				refused(1, CAROL, Error::<Test>::AlreadyRegistered),
				registered(2, DAVE, 5),
				refused(3, BOB, Error::<Test>::AccountAlreadyCitizen),
				registered(3, EVE, 7),
				done(3, 2),
			]
		);
	});
}

#[test]
fn a_commitment_twice_in_one_batch_registers_once() {
	run(|| {
		assert_ok!(register_all(vec![new(ALICE, 1, 7), new(BOB, 1, 3)]));
		assert_eq!(assert_resident(ALICE, 7), 0);
		assert_untouched(BOB, 2);
		assert_eq!(Commitments::<Test>::get(commitment(1)), Some(0));
		assert_eq!(
			events(),
			vec![
				registered(0, ALICE, 7),
				refused(1, BOB, Error::<Test>::AlreadyRegistered),
				done(1, 1)
			]
		);
	});
}

#[test]
fn an_account_twice_in_one_batch_registers_once() {
	run(|| {
		assert_ok!(register_all(vec![new(ALICE, 1, 7), new(ALICE, 2, 3)]));
		assert_eq!(assert_resident(ALICE, 7), 0);
		assert_eq!(Commitments::<Test>::get(commitment(2)), None);
		assert_eq!(System::providers(&ALICE), 1, "one reference, for the one ID");
		assert_eq!(
			events(),
			vec![
				registered(0, ALICE, 7),
				refused(1, ALICE, Error::<Test>::AccountAlreadyCitizen),
				done(1, 1)
			]
		);
	});
}

#[test]
fn an_account_already_a_citizen_is_refused() {
	run(|| {
		let alice = register(ALICE, 1);
		assert_ok!(register_all(vec![new(ALICE, 2, 3)]));
		assert_eq!(CitizenOf::<Test>::get(ALICE), Some(alice));
		assert_eq!(Commitments::<Test>::get(commitment(2)), None);
		assert_eq!(Citizens::<Test>::get(alice).unwrap().resident, None, "no claim slipped in");
		assert_eq!(NextCitizenId::<Test>::get(), 1);
		assert_eq!(last_event(), done(0, 1));
	});
}

#[test]
fn a_commitment_of_a_deregistered_citizen_stays_reserved() {
	run(|| {
		register(ALICE, 1);
		assert_ok!(CitizenIds::deregister(signed(ALICE)));
		assert_ok!(register_all(vec![new(ALICE, 1, 7)]));
		assert_eq!(CitizenOf::<Test>::get(ALICE), None);
		assert_eq!(
			events().into_iter().rev().take(2).collect::<Vec<_>>(),
			vec![done(0, 1), refused(0, ALICE, Error::<Test>::AlreadyRegistered)]
		);
	});
}

#[test]
fn a_batch_where_every_citizen_is_refused_still_succeeds() {
	run(|| {
		register(ALICE, 1);
		assert_ok!(register_all(vec![new(ALICE, 2, 7), new(BOB, 1, 7)]));
		assert_eq!(NextCitizenId::<Test>::get(), 1);
		assert_untouched(BOB, 2);
		assert_eq!(last_event(), done(0, 2));
	});
}

#[test]
fn the_batch_is_refused_whole_when_empty() {
	run(|| {
		assert_noop!(register_all(vec![]), Error::<Test>::EmptyBatch);
	});
}

#[test]
fn a_batch_larger_than_the_bound_cannot_even_be_submitted() {
	run(|| {
		let max = <Test as Config>::MaxRegistrationBatch::get();
		let citizens: Vec<_> = (0..=max).map(|n| new(100 + u64::from(n), n as u8, 7)).collect();
		assert!(NewCitizensOf::<Test>::try_from(citizens.clone()).is_err());
		// Encoded by hand, the call does not decode: it never reaches the pallet.
		let mut encoded = vec![28u8];
		citizens.encode_to(&mut encoded);
		START.encode_to(&mut encoded);
		UNTIL.encode_to(&mut encoded);
		assert!(crate::Call::<Test>::decode(&mut &encoded[..]).is_err());
		// One fewer does.
		let mut encoded = vec![28u8];
		citizens[..max as usize].to_vec().encode_to(&mut encoded);
		START.encode_to(&mut encoded);
		UNTIL.encode_to(&mut encoded);
		let call = crate::Call::<Test>::decode(&mut &encoded[..]).expect("within the bound");
		assert!(matches!(call, crate::Call::register_citizens { .. }));
	});
}

#[test]
fn only_an_issuer_allowed_residence_registers_in_bulk() {
	run(|| {
		let citizens = || batch(vec![new(ALICE, 1, 7)]);
		assert_noop!(
			CitizenIds::register_citizens(signed(MALLORY), citizens(), START, UNTIL),
			Error::<Test>::NotIssuer
		);
		assert_noop!(
			CitizenIds::register_citizens(RuntimeOrigin::root(), citizens(), START, UNTIL),
			DispatchError::BadOrigin
		);
		assert_noop!(
			CitizenIds::register_citizens(RuntimeOrigin::none(), citizens(), START, UNTIL),
			DispatchError::BadOrigin
		);
		// A registered issuer that may not attest residence.
		assert_ok!(CitizenIds::register_issuer(
			RuntimeOrigin::root(),
			TEMP_ISSUER,
			claim_kinds([ClaimKind::YouthAgeBand])
		));
		assert_noop!(
			CitizenIds::register_citizens(signed(TEMP_ISSUER), citizens(), START, UNTIL),
			Error::<Test>::ClaimKindNotAllowed
		);
	});
}

#[test]
fn a_removed_issuer_registers_nobody() {
	run(|| {
		register_temp_issuer();
		assert_ok!(CitizenIds::remove_issuer(RuntimeOrigin::root(), TEMP_ISSUER));
		assert_noop!(
			CitizenIds::register_citizens(
				signed(TEMP_ISSUER),
				batch(vec![new(ALICE, 1, 7)]),
				START,
				UNTIL
			),
			Error::<Test>::NotIssuer
		);
	});
}

#[test]
fn citizens_of_a_bulk_registration_follow_their_issuer() {
	run(|| {
		register_temp_issuer();
		assert_ok!(CitizenIds::register_citizens(
			signed(TEMP_ISSUER),
			batch(vec![new(ALICE, 1, 7)]),
			START,
			UNTIL
		));
		let alice = CitizenOf::<Test>::get(ALICE).unwrap();
		assert_eq!(status_of(alice, ClaimKind::Resident), ClaimStatus::Active);
		// The city removes the issuer: the IDs it registered and the claims it attested read
		// as suspended, as for a single registration.
		assert_ok!(CitizenIds::remove_issuer(RuntimeOrigin::root(), TEMP_ISSUER));
		assert_eq!(CitizenIds::citizen_of(&ALICE), None);
		assert_eq!(status_of(alice, ClaimKind::Resident), ClaimStatus::Suspended);
		// Re-confirmed by another issuer, the ID is active again; the claim waits for a
		// re-attestation.
		assert_ok!(CitizenIds::confirm_citizen(signed(OFFICE), alice));
		assert_eq!(CitizenIds::citizen_of(&ALICE), Some(alice));
		assert_eq!(status_of(alice, ClaimKind::Resident), ClaimStatus::Suspended);
		attest_resident(alice);
		assert_eq!(status_of(alice, ClaimKind::Resident), ClaimStatus::Active);
	});
}

#[test]
fn the_residence_window_must_make_sense() {
	run(|| {
		let citizens = || batch(vec![new(ALICE, 1, 7)]);
		// Empty window.
		assert_noop!(
			CitizenIds::register_citizens(signed(OFFICE), citizens(), START, START),
			Error::<Test>::InvalidValidity
		);
		// Already over.
		assert_noop!(
			CitizenIds::register_citizens(signed(OFFICE), citizens(), 0, START),
			Error::<Test>::InvalidValidity
		);
		// Starting later is fine: the claim reads as not yet valid until then.
		assert_ok!(CitizenIds::register_citizens(signed(OFFICE), citizens(), START + DAY, UNTIL));
		assert_eq!(status_of(0, ClaimKind::Resident), ClaimStatus::NotYetValid);
	});
}

#[test]
fn a_batch_weighs_by_its_size() {
	run(|| {
		let weight = |n: u64| {
			let citizens = (0..n).map(|i| new(100 + i, i as u8, 7)).collect();
			crate::Call::<Test>::register_citizens {
				citizens: batch(citizens),
				valid_from: START,
				valid_until: UNTIL,
			}
			.get_dispatch_info()
			.call_weight
		};
		assert_eq!(weight(1), <() as WeightInfo>::register_citizens(1));
		assert_eq!(weight(8), <() as WeightInfo>::register_citizens(8));
		assert!(weight(8).ref_time() > 7 * weight(1).ref_time() / 2);
	});
}
