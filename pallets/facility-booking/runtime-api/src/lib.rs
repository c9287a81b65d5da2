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
	CategoryView, CitizenBookingsView, CitizenId, DayHours, DayNumber, FacilityId, FacilityStatus,
	FacilityView, GeoPoint, Moment, NameView, NearFacility, RefundTier, SlotIndex, SlotView,
	ZoneId, ZoneView,
};

sp_api::decl_runtime_apis! {
	/// Zones, facilities near a point, free places, a citizen's bookings, answered at the
	/// queried block.
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
	}
}
