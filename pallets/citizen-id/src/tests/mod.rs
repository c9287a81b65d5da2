//! Unit tests, one file per group of operations.

mod bulk_registration;
mod citizens;
mod claim_queries;
mod claims;
mod credentials;
mod free_calls;
mod issuers;
mod migration;
mod objections;
mod providers;
mod recovery;
mod registrar_removed;
mod registry;

use crate::{mock::*, *};
use citizen_primitives::testing::MockTime;
use frame_support::assert_ok;
use sp_core::H256;

pub(crate) type Event = crate::Event<Test>;

/// The salted commitment of a made-up resident number.
pub(crate) fn commitment(n: u8) -> H256 {
	H256(sp_io::hashing::blake2_256(&[b"salt".as_slice(), &[n]].concat()))
}

pub(crate) fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

/// Register `account` as a citizen through the district office; returns its id.
pub(crate) fn register(account: u64, n: u8) -> CitizenId {
	register_via(OFFICE, account, n)
}

/// Register `account` as a citizen through `issuer`; returns its id.
pub(crate) fn register_via(issuer: u64, account: u64, n: u8) -> CitizenId {
	assert_ok!(CitizenIds::register_citizen(signed(issuer), account, commitment(n), 7));
	CitizenOf::<Test>::get(account).expect("just registered")
}

/// An issuer the tests register, and often remove (a compromised or closed office).
pub(crate) const TEMP_ISSUER: u64 = 5;

/// The city registers [`TEMP_ISSUER`], allowed every kind.
pub(crate) fn register_temp_issuer() {
	assert_ok!(CitizenIds::register_issuer(
		RuntimeOrigin::root(),
		TEMP_ISSUER,
		claim_kinds(ClaimKind::ALL)
	));
}

pub(crate) fn resident(zone: ZoneId) -> ClaimValue {
	ClaimValue::Resident { zone, since: START - 100 * DAY }
}

/// Attest a resident claim valid for a year from now.
pub(crate) fn attest_resident(citizen: CitizenId) {
	assert_ok!(CitizenIds::issue_claim(
		signed(OFFICE),
		citizen,
		resident(7),
		START,
		START + 365 * DAY
	));
}

pub(crate) fn last_event() -> Event {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::CitizenIds(e) = r.event { Some(e) } else { None })
		.next_back()
		.expect("an event")
}

pub(crate) fn status_of(citizen: CitizenId, kind: ClaimKind) -> ClaimStatus {
	CitizenIds::claim_verdict(citizen, kind).expect("claim exists").status
}

pub(crate) fn advance(ms: Moment) {
	MockTime::advance(ms)
}
