//! Runtime API of facility booking: what map screens and kiosks ask.
//!
//! Callable from polkadot.js as `api.call.facilityBookingApi.<method>`, with every type
//! described in the runtime metadata; the served types also derive serde, so an RPC can
//! return them as JSON.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
pub use pallet_facility_booking::{
	BookingId, BookingState, BookingView, CategoryId, CategoryRules, CategoryStanding,
	CategoryView, CitizenBookingsView, CitizenCourseView, CitizenCoursesView, CitizenEventView,
	CitizenId, CourseId, CoursePolicy, CourseStatus, CourseView, DayHours, DayNumber, EventId,
	EventStatus, EventView, FacilityId, FacilityStatus, FacilityView, GeoPoint, Moment, NameView,
	NearCourse, NearEvent, NearFacility, RefundTier, SessionView, SlotIndex, SlotView,
	StandingView, ZoneId, ZoneView,
};

sp_api::decl_runtime_apis! {
	/// Zones, facilities near a point, free places, a citizen's bookings, answered at the
	/// queried block.
	///
	/// Version 2 (storage version 2 of the pallet): courses and events — `course`,
	/// `courses_near`, `citizen_courses`, `event`, `events_near`.
	#[api_version(2)]
	pub trait FacilityBookingApi<AccountId, Balance> where
		AccountId: Codec,
		Balance: Codec,
	{
		/// The local day now (days since 1970-01-01 in local time): what `book` and
		/// `free_places` take as `day`.
		fn today() -> DayNumber;
		/// Every living zone: names, reference point, neighbours, active facilities.
		fn zones() -> Vec<ZoneView>;
		/// Every facility category and its rules (monthly quota, no-show penalty).
		fn categories() -> Vec<CategoryView>;
		/// The zone `point` lies in (nearest reference point); `None` for an invalid point
		/// or no zones.
		fn zone_of(point: GeoPoint) -> Option<ZoneId>;
		/// A facility: place, hours, slots, horizons, fee, refund tiers, manager, account,
		/// status, closures, self check-in window.
		fn facility(id: FacilityId) -> Option<FacilityView<AccountId, Balance>>;
		/// Active facilities within `radius_m` metres of `point`, of `category` if given,
		/// nearest first, at most `limit` (and the runtime's `MaxNearResults`). Reads only
		/// the point's zone and its neighbours.
		fn facilities_near(
			point: GeoPoint,
			radius_m: u32,
			category: Option<CategoryId>,
			limit: u32,
		) -> Vec<NearFacility>;
		/// The facility's slots open on local `day`: start, capacity, taken, free to book
		/// now. `None` for an unknown facility.
		fn free_places(facility: FacilityId, day: DayNumber) -> Option<Vec<SlotView>>;
		/// The bookings of the citizen `account` acts for (upcoming, past, no-shows) and per
		/// category the month's bookings, no-shows and any suspension. `None` when the
		/// account acts for no active citizen.
		fn citizen_bookings(account: AccountId) -> Option<CitizenBookingsView<Balance>>;
		/// A course: facility, names, sessions, seats (enrolled, offered, free), waitlist
		/// length, fee, enrolment window, offer period, required claims, refund tiers, the
		/// city's policy for it, status. `None` for an unknown (or removed) course.
		fn course(id: CourseId) -> Option<CourseView<Balance>>;
		/// Courses open for enrolment now within `radius_m` metres of `point`, of `category`
		/// if given, nearest first, at most `limit` (and `MaxNearResults`). Reads only the
		/// point's zone and its neighbours.
		fn courses_near(
			point: GeoPoint,
			radius_m: u32,
			category: Option<CategoryId>,
			limit: u32,
		) -> Vec<NearCourse<Balance>>;
		/// The courses of the citizen `account` acts for (enrolled; offered a seat until when;
		/// waiting at which exact position) and the events they registered for. `None` when
		/// the account acts for no active citizen.
		fn citizen_courses(account: AccountId) -> Option<CitizenCoursesView<Balance>>;
		/// An event: names, zone, place, facility, times, capacity, registrations, status.
		fn event(id: EventId) -> Option<EventView>;
		/// Listed events within `radius_m` metres of `point` taking place (in part) on local
		/// days `from_day ..= to_day`, nearest first, at most `limit` (and `MaxNearResults`).
		/// Reads only the point's zone and its neighbours.
		fn events_near(
			point: GeoPoint,
			radius_m: u32,
			from_day: DayNumber,
			to_day: DayNumber,
			limit: u32,
		) -> Vec<NearEvent>;
	}
}
