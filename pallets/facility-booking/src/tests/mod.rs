//! Unit tests, one file per operation. Every test ends with `do_try_state` (`mock::run`):
//! slot counts equal the live bookings' parties, every list entry is a live booking, and
//! every facility account holds at least what its live bookings paid.

mod book;
mod cancel;
mod categories;
mod check_in;
mod closures;
mod course_cancel;
mod course_policy;
mod course_reap;
mod course_scale;
mod course_sessions;
mod courses;
mod enroll;
mod event_cancel;
mod event_registration;
mod events;
mod facilities;
mod free_calls;
mod genesis;
mod listing_views;
mod managers;
mod migration;
mod no_shows;
mod offers;
mod quota;
mod reap;
mod residents_first;
mod scale;
mod views;
mod waitlist;
mod withdraw;
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

// ---- Courses and events ----

/// The paid course's fee.
pub(crate) const COURSE_FEE: Balance = 30_000;

/// The first session's day of the tests' courses: Monday 1 June 2026 (d0 + 10).
pub(crate) fn first_day() -> DayNumber {
	d0() + 10
}

/// A course (published at the hall by its manager, `publish`): `seats` seats, sessions
/// 10:00–11:00 on d0 + 10, + 12 and + 14; enrolment open to everyone from now until 18:00 the
/// day before the first session; offers held an hour; refunds 100 % ≥ 5 days, 90 % ≥ 1 day,
/// 0 % on the day.
pub(crate) fn course_spec(seats: u16, fee: Option<Balance>) -> CourseSpecOf<Test> {
	let first = first_day();
	CourseSpec {
		name: name("수영 강습", "Swimming lessons"),
		sessions: BoundedVec::truncate_from(vec![
			Session { day: first, start_minute: 600, end_minute: 660 },
			Session { day: first + 2, start_minute: 600, end_minute: 660 },
			Session { day: first + 4, start_minute: 600, end_minute: 660 },
		]),
		seats,
		fee,
		residents_from: START,
		public_from: START,
		enrol_until: at(first - 1, 18, 0),
		offer_minutes: 60,
		required_claims: Default::default(),
		refund_tiers: BoundedVec::truncate_from(tiers()),
	}
}

/// Publish `spec` at the hall (its manager); returns the course's id.
pub(crate) fn publish(spec: CourseSpecOf<Test>) -> CourseId {
	publish_at(HALL, spec)
}

/// Publish `spec` at `facility` (its manager); returns the course's id.
pub(crate) fn publish_at(facility: FacilityId, spec: CourseSpecOf<Test>) -> CourseId {
	assert_ok!(FacilityBooking::publish_course(signed(MANAGER), facility, spec));
	NextCourseId::<Test>::get() - 1
}

/// The course's fee (0 when free): the `max_fee` a wallet showing it sends.
pub(crate) fn course_fee(course: CourseId) -> Balance {
	Courses::<Test>::get(course).and_then(|c| c.spec.fee).unwrap_or(0)
}

/// `who` enrols (a seat, or the waitlist).
pub(crate) fn enroll(who: u64, course: CourseId) {
	assert_ok!(FacilityBooking::enroll(signed(who), course, course_fee(course)));
}

/// `who` confirms their offer.
pub(crate) fn confirm(who: u64, course: CourseId) {
	assert_ok!(FacilityBooking::confirm_offer(signed(who), course, course_fee(course)));
}

/// Citizen `n` of a crowd: id `1_000 + n`, account `5_000 + n`, resident of Seomyeon, holding
/// `ENDOWMENT`. Returns the account.
pub(crate) fn crowd(n: u64) -> u64 {
	let (id, account) = (1_000 + n, 5_000 + n);
	add_citizen(id, account);
	citizen_primitives::testing::MockCitizenRegistry::add_claim(
		id,
		citizen_primitives::ClaimValue::Resident { zone: SEOMYEON, since: START - 365 * DAY },
		START + 365 * DAY,
	);
	account
}

/// The citizen ID of crowd account `account`.
pub(crate) fn crowd_id(account: u64) -> CitizenId {
	account - 4_000
}

/// A citizen's standing in a course, if in it.
pub(crate) fn standing(course: CourseId, citizen: CitizenId) -> Option<Standing> {
	Participants::<Test>::get(course, citizen).map(|p| p.standing)
}

/// The waitlist, head first, walked through its links.
pub(crate) fn waitlist(course: CourseId) -> Vec<CitizenId> {
	let mut out = vec![];
	let mut at = Courses::<Test>::get(course).unwrap().state.wait_head;
	while let Some(c) = at {
		out.push(c);
		at = Participants::<Test>::get(course, c).unwrap().next;
	}
	out
}

/// The offers, earliest deadline first.
pub(crate) fn offers(course: CourseId) -> Vec<CitizenId> {
	let mut out = vec![];
	let mut at = Courses::<Test>::get(course).unwrap().state.offer_head;
	while let Some(c) = at {
		out.push(c);
		at = Participants::<Test>::get(course, c).unwrap().next;
	}
	out
}

/// A citizen's standing as the wallet reads it.
pub(crate) fn standing_view(course: CourseId, citizen: CitizenId) -> Option<StandingView> {
	FacilityBooking::citizen_courses_of(citizen)
		.courses
		.into_iter()
		.find(|c| c.course == course)
		.map(|c| c.standing)
}

/// `(enrolled, offered, waiting)` of a course.
pub(crate) fn counts(course: CourseId) -> (u16, u16, u32) {
	let s = Courses::<Test>::get(course).unwrap().state;
	(s.enrolled, s.offered, s.waiting)
}

/// The seat offers made, as `(citizen, until)`.
pub(crate) fn seat_offers() -> Vec<(CitizenId, Moment)> {
	events()
		.into_iter()
		.filter_map(|e| match e {
			Event::SeatOffered { citizen, until, .. } => Some((citizen, until)),
			_ => None,
		})
		.collect()
}

/// An event in Seomyeon by the city: `capacity` places, from `start` for two hours, at a
/// point `east_m` metres east of Seomyeon's reference point.
pub(crate) fn event_spec(start: Moment, capacity: Option<u32>, east_m: i32) -> EventSpecOf<Test> {
	EventSpec {
		name: name("축제", "Festival"),
		zone: SEOMYEON,
		// ~0.0911 m per micro-degree of longitude at 35°N.
		place: GeoPoint::new(SEOMYEON_POINT.lat_micro, SEOMYEON_POINT.lon_micro + east_m * 11),
		facility: None,
		start,
		end: start + 2 * 3_600_000,
		capacity,
	}
}

/// The city lists `spec`; returns the event's id.
pub(crate) fn list(spec: EventSpecOf<Test>) -> EventId {
	assert_ok!(FacilityBooking::list_event(root(), spec));
	NextEventId::<Test>::get() - 1
}
