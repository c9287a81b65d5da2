//! Unit tests, one file per operation. Every test ends with `do_try_state` (`mock::run`):
//! slot counts equal the live bookings' parties, every list entry is a live booking, and
//! every facility account holds at least what its live bookings paid.

mod book;
mod cancel;
mod categories;
mod check_in;
mod closures;
mod facilities;
mod free_calls;
mod genesis;
mod managers;
mod no_shows;
mod quota;
mod reap;
mod residents_first;
mod scale;
mod views;
mod zones;

use crate::{mock::*, *};
use citizen_primitives::testing::MockTime;
use frame_support::{assert_ok, traits::fungible::Inspect, BoundedVec};

pub(crate) type Event = crate::Event<Test>;

pub(crate) fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

pub(crate) fn root() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

/// The local day now.
pub(crate) fn today() -> DayNumber {
	FacilityBooking::today()
}

/// Friday 22 May 2026, the tests' first day.
pub(crate) fn d0() -> DayNumber {
	local_day(START, 540)
}

/// The moment of `hour:minute` local time on `day`.
pub(crate) fn at(day: DayNumber, hour: u32, minute: u32) -> Moment {
	moment_of(day, hour * 60 + minute, 540)
}

/// Set the clock to `hour:minute` local time on `day`.
pub(crate) fn set_local(day: DayNumber, hour: u32, minute: u32) {
	MockTime::set(at(day, hour, minute));
}

/// The facility's fee now (0 when free or unknown): the `max_fee` a wallet showing it
/// would send with `book`.
pub(crate) fn fee_of(facility: FacilityId) -> Balance {
	Facilities::<Test>::get(facility).and_then(|f| f.spec.fee).unwrap_or(0)
}

/// `who` books; returns the booking's id.
pub(crate) fn book(
	who: u64,
	facility: FacilityId,
	day: DayNumber,
	slot: SlotIndex,
	party: u16,
) -> BookingId {
	assert_ok!(FacilityBooking::book(signed(who), facility, day, slot, party, fee_of(facility)));
	NextBookingId::<Test>::get() - 1
}

/// What `who` holds of the local currency.
pub(crate) fn balance(who: u64) -> Balance {
	Balances::balance(&who)
}

/// What a facility's account holds (in the mock, `u64` accounts truncate the sub-account,
/// so every facility shares one account: tests check one paid facility at a time).
pub(crate) fn facility_balance(facility: FacilityId) -> Balance {
	Balances::balance(&FacilityBooking::facility_account(facility))
}

/// A name in Korean and English.
pub(crate) fn name(ko: &str, en: &str) -> NameOf<Test> {
	LocalizedName::new(ko.as_bytes(), en.as_bytes()).expect("fits MaxNameLength")
}

/// A facility like the library, in `zone` at `location`, of `category`.
pub(crate) fn spec(zone: ZoneId, category: CategoryId, location: GeoPoint) -> FacilitySpecOf<Test> {
	FacilitySpec {
		zone,
		category,
		name: name("시설", "Facility"),
		location,
		capacity: 10,
		max_party: 10,
		hours: library_hours(),
		slot_minutes: 60,
		resident_horizon_days: 14,
		public_horizon_days: 7,
		fee: None,
		refund_tiers: BoundedVec::truncate_from(tiers()),
		manager: MANAGER,
	}
}

/// Register `spec`; returns the facility's id.
pub(crate) fn register(spec: FacilitySpecOf<Test>) -> FacilityId {
	assert_ok!(FacilityBooking::register_facility(root(), spec));
	NextFacilityId::<Test>::get() - 1
}

/// Add a citizen with no claims, holding `ENDOWMENT`.
pub(crate) fn add_citizen(id: CitizenId, account: u64) {
	citizen_primitives::testing::MockCitizenRegistry::add_citizen(id, account);
	use frame_support::traits::fungible::Mutate;
	assert_ok!(Balances::mint_into(&account, ENDOWMENT));
}

pub(crate) fn events() -> Vec<Event> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::FacilityBooking(e) = r.event { Some(e) } else { None })
		.collect()
}

pub(crate) fn last_event() -> Event {
	events().pop().expect("an event")
}

/// Cancellation events, as `(booking, refund, reason)`.
pub(crate) fn cancellations() -> Vec<(BookingId, Balance, CancelReason)> {
	events()
		.into_iter()
		.filter_map(|e| match e {
			Event::Cancelled { booking, refund, reason, .. } => Some((booking, refund, reason)),
			_ => None,
		})
		.collect()
}

/// The places taken in `slot` of `facility` on `day`.
pub(crate) fn taken(facility: FacilityId, day: DayNumber, slot: SlotIndex) -> u16 {
	SlotUse::<Test>::get(facility, day).get(usize::from(slot)).copied().unwrap_or(0)
}
