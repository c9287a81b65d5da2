//! # Facility booking pallet: the 15-minute city
//!
//! Busan is divided into living zones, each meant to hold what a resident needs within 15
//! minutes. The city registers the zones and the public facilities in them (libraries, sports
//! halls, children's culture spaces, community centres, ...); citizens find facilities near
//! them and book slots, residents of a facility's zone first.
//!
//! ## Overview
//!
//! The city (the [`Config::AdminOrigin`]) **registers living zones** (names, a reference
//! point, neighbouring zones), **sets categories** (names, a monthly quota, no-show
//! penalties) and **registers facilities** (zone, category, names, location, places per
//! slot, opening hours per weekday, slot length, booking horizons for residents and for
//! everyone, an optional fee, refund tiers, and a **manager**). It appoints managers and
//! retires facilities.
//!
//! A facility's **manager** changes its hours, capacity and fee (for bookings made from then
//! on: an existing booking keeps its price and its place), **checks citizens in** (never
//! their own booking), opens a **self check-in** window (closed when the city appoints another
//! manager), and **closes** the facility for a day or a range of days up to
//! [`Config::MaxHorizonDays`] ahead: every booking whose slot starts after the closure was
//! declared is cancelled with a full refund, in bounded steps (in `on_idle`, or by anyone
//! through [`process_closures`](Pallet::process_closures)); slots already started or ended
//! that day are untouched (a same-day typhoon closure cancels only what is still to come).
//! The city may [`lift`](Pallet::lift_closure) a closure.
//!
//! A facility's places are bounded so that a day never refuses a booking while places are
//! free: `capacity ×` the open slots of its longest day is at most
//! [`Config::MaxBookingsPerDay`]. A booking takes at most `max_party` people.
//!
//! A **citizen** (the [`Config::CitizenOrigin`]) **books** a slot of a facility on a day for a
//! party, **cancels** (refund by tier), and **checks in** at the facility while a self
//! check-in window is open. The fee moves from the citizen's local-currency account to the
//! facility's own account (a sub-account of [`Config::PalletId`]) in the same call. These
//! three calls are the citizen's own public-service calls
//! ([`citizen_primitives::PublicServiceCall`]), fee-free under the daily allowance.
//!
//! A booking not checked in by the end of its slot is a **no-show**, judged when read; no sweep
//! is needed. A booking whose slot a closure covers, or at a retired facility, is never one. No-shows within a category's window suspend the citizen's booking in the
//! category. Past bookings are **reaped** (by anyone with [`reap`](Pallet::reap), in
//! `on_idle`, and a citizen's own when their list is full and they book), so per-facility,
//! per-day and per-citizen records stay within constant bounds.
//!
//! ## Terminology
//!
//! - **Local day**: days since 1970-01-01 in local time ([`Config::UtcOffsetMinutes`]; Korea
//!   is +540). Weekdays Monday (0) to Sunday (6).
//! - **Slot**: slot `s` of a facility starts `s × slot_minutes` after local midnight; a slot
//!   is bookable on a day when it lies within that weekday's opening hours.
//! - **Horizon**: residents of the facility's zone (a valid `Resident` claim naming it) book
//!   from `resident_horizon_days` before the slot's day, everyone else from
//!   `public_horizon_days`.
//! - **No-show**: a booking still `Booked` when its slot has ended (a slot not covered by a
//!   closure, at a facility not retired).
//! - **Reaping**: removing bookings whose day (plus [`Config::ReapAfterDays`]) has passed,
//!   recording no-shows in [`NoShows`].
//!
//! ## Courses, waitlists and events
//!
//! A facility's manager **publishes a course** ([`publish_course`](Pallet::publish_course)):
//! names, a bounded list of sessions (local day, start and end minute), seats, an optional
//! fee, an enrolment window (residents of the facility's zone from `residents_from`, everyone
//! from `public_from`, until `enrol_until`), how long an offered seat is held
//! (`offer_minutes`), the claims a citizen must hold (e.g. `YouthAgeBand`) and refund tiers
//! (by days before the first session).
//!
//! A citizen **enrols** ([`enroll`](Pallet::enroll)): a free seat is taken and paid for at
//! once; when none is free (or anyone already waits) they join the course's **waitlist**,
//! first come first served, and see their exact position. When a seat frees (a withdrawal, a
//! declined or lapsed offer, a participant the manager removes) it is **offered** to the head
//! of the waitlist until `offer_minutes` from then (never past the first session); they
//! [`confirm`](Pallet::confirm_offer) and pay in time, or the offer **lapses** and the seat
//! passes to the next in line — judged lazily by every call that touches the course, by
//! anyone's [`advance_waitlist`](Pallet::advance_waitlist) and in `on_idle`, one offer per
//! step. The waitlist and the offers are doubly linked lists through the participants, headed
//! in the course: joining, leaving from anywhere and promoting the head are O(1) whatever the
//! length ([`Config::MaxWaitlist`], 1,000 in the runtime). A citizen
//! [`withdraws`](Pallet::withdraw) a seat before the first session (refund by the course's
//! tiers), an offer, or a waitlist place. The manager checks enrolled citizens in at each
//! session ([`check_in_session`](Pallet::check_in_session)).
//!
//! Where the city says so per category ([`set_course_policy`](Pallet::set_course_policy)),
//! a seat counts towards the category's **monthly quota**, and a session an enrolled citizen
//! missed counts as a **no-show** (judged when read; remembered when the course is reaped):
//! no-shows suspend slot bookings and course enrolments in the category alike.
//!
//! The city or a manager **lists events** ([`list_event`](Pallet::list_event)) in a zone at a
//! place, from a start to an end, with an optional capacity for free
//! [`registration`](Pallet::register_for_event).
//!
//! **Cancelling** a course or an event ([`cancel_course`](Pallet::cancel_course),
//! [`cancel_event`](Pallet::cancel_event)) removes every participant — seats refunded in
//! full — in bounded steps (`on_idle`, anyone's
//! [`process_cancellation`](Pallet::process_cancellation)), an event each. Ended courses and
//! events are reaped `ReapAfterDays` after their last day ([`reap_course`](Pallet::reap_course),
//! [`reap_event`](Pallet::reap_event), `on_idle`).
//!
//! Courses and events have records of their own ([`Courses`], [`Participants`], [`Events`],
//! [`EventRegistrations`], with per-facility, per-zone and per-citizen indexes); slot bookings
//! are untouched (storage version 2, [`migrations::v2`]).
//!
//! ## Interface
//!
//! ### The city (`AdminOrigin`)
//! - [`register_zone`](Pallet::register_zone), [`set_category`](Pallet::set_category),
//!   [`register_facility`](Pallet::register_facility),
//!   [`retire_facility`](Pallet::retire_facility),
//!   [`appoint_manager`](Pallet::appoint_manager), [`lift_closure`](Pallet::lift_closure);
//!   zones, categories and facilities also at genesis.
//! - [`set_course_policy`](Pallet::set_course_policy); and, as a manager may,
//!   [`cancel_course`](Pallet::cancel_course), [`list_event`](Pallet::list_event) (anywhere),
//!   [`cancel_event`](Pallet::cancel_event).
//!
//! ### A facility's manager (signed, the facility's `manager`)
//! - [`set_hours`](Pallet::set_hours), [`set_capacity`](Pallet::set_capacity),
//!   [`set_fee`](Pallet::set_fee), [`check_in`](Pallet::check_in),
//!   [`open_self_check_in`](Pallet::open_self_check_in), [`close`](Pallet::close)
//! - [`publish_course`](Pallet::publish_course), [`cancel_course`](Pallet::cancel_course),
//!   [`remove_participant`](Pallet::remove_participant),
//!   [`check_in_session`](Pallet::check_in_session), [`list_event`](Pallet::list_event) (at
//!   their facility), [`cancel_event`](Pallet::cancel_event)
//!
//! ### Citizens (`CitizenOrigin`, fee-free)
//! - [`book`](Pallet::book) (with `max_fee`, the most the citizen agrees to pay: a fee
//!   raised by the manager in between fails the booking), [`cancel`](Pallet::cancel),
//!   [`self_check_in`](Pallet::self_check_in)
//! - [`enroll`](Pallet::enroll), [`withdraw`](Pallet::withdraw),
//!   [`confirm_offer`](Pallet::confirm_offer), [`register_for_event`](Pallet::register_for_event),
//!   [`unregister_from_event`](Pallet::unregister_from_event)
//!
//! ### Anyone (signed)
//! - [`process_closures`](Pallet::process_closures), [`reap`](Pallet::reap)
//! - [`advance_waitlist`](Pallet::advance_waitlist),
//!   [`process_cancellation`](Pallet::process_cancellation),
//!   [`reap_course`](Pallet::reap_course), [`reap_event`](Pallet::reap_event)
//!
//! ### Map screens and kiosks (read-only, `views.rs`, served by the runtime API)
//! - [`zone_of`](Pallet::zone_of), [`zones`](Pallet::zones),
//!   [`facility`](Pallet::facility), [`facilities_near`](Pallet::facilities_near) (reads the
//!   point's zone and its neighbours only), [`free_places`](Pallet::free_places),
//!   [`citizen_bookings`](Pallet::citizen_bookings).
//! - [`course`](Pallet::course), [`courses_near`](Pallet::courses_near),
//!   [`citizen_courses`](Pallet::citizen_courses) (with exact waitlist positions),
//!   [`event`](Pallet::event), [`events_near`](Pallet::events_near) (in a date range).
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod functions;
mod impl_keeps_others_money;
pub mod migrations;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
mod views;
pub mod weights;

pub use citizen_primitives::{
	BenchmarkCitizens, CitizenId, CitizenRegistry, ClaimKind, LocalizedName, Moment, ZoneId,
};
pub use types::*;
pub use weights::WeightInfo;

/// A name citizens read, in Korean and English.
pub type NameOf<T> = LocalizedName<<T as Config>::MaxNameLength>;
/// A zone in this runtime.
pub type ZoneOf<T> = Zone<<T as Config>::MaxNameLength, <T as Config>::MaxNeighbours>;
/// A category in this runtime.
pub type CategoryOf<T> = Category<<T as Config>::MaxNameLength>;
/// A facility's spec in this runtime.
pub type FacilitySpecOf<T> = FacilitySpec<
	<T as frame_system::Config>::AccountId,
	<T as Config>::Balance,
	<T as Config>::MaxNameLength,
	<T as Config>::MaxRefundTiers,
>;
/// A facility in this runtime.
pub type FacilityOf<T> = Facility<
	<T as frame_system::Config>::AccountId,
	<T as Config>::Balance,
	<T as Config>::MaxNameLength,
	<T as Config>::MaxRefundTiers,
>;
/// A booking in this runtime.
pub type BookingOf<T> = Booking<<T as frame_system::Config>::AccountId, <T as Config>::Balance>;
/// What a manager publishes for a course in this runtime.
pub type CourseSpecOf<T> = CourseSpec<
	<T as Config>::Balance,
	<T as Config>::MaxNameLength,
	<T as Config>::MaxSessions,
	<T as Config>::MaxRequiredClaims,
	<T as Config>::MaxRefundTiers,
>;
/// A course in this runtime.
pub type CourseOf<T> = Course<
	<T as Config>::Balance,
	<T as Config>::MaxNameLength,
	<T as Config>::MaxSessions,
	<T as Config>::MaxRequiredClaims,
	<T as Config>::MaxRefundTiers,
>;
/// A citizen in a course in this runtime.
pub type ParticipantOf<T> =
	Participant<<T as frame_system::Config>::AccountId, <T as Config>::Balance>;
/// What the city or a manager lists for an event in this runtime.
pub type EventSpecOf<T> = EventSpec<<T as Config>::MaxNameLength>;
/// An event in this runtime.
pub type EventOf<T> = EventRecord<<T as Config>::MaxNameLength>;
/// An account in the lookup form extrinsics take.
pub type AccountIdLookupOf<T> =
	<<T as frame_system::Config>::Lookup as sp_runtime::traits::StaticLookup>::Source;

/// What the benchmarks need from the runtime besides citizens and the clock: local currency
/// for citizens who pay fees. The unit tests fund accounts themselves: `()` does nothing.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, Balance> {
	/// Give `who` `amount` of the local currency.
	fn fund_account(who: &AccountId, amount: Balance);
}

#[cfg(feature = "runtime-benchmarks")]
impl<AccountId, Balance> BenchmarkHelper<AccountId, Balance> for () {
	fn fund_account(_: &AccountId, _: Balance) {}
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{fungible, Time},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::{AtLeast32BitUnsigned, StaticLookup};

	/// The in-code storage version: 2 adds courses, waitlists and events
	/// ([`migrations::v2`]).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The city: registers zones, categories and facilities, appoints managers, retires
		/// facilities.
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// A citizen's own calls (`book`, `cancel`, `self_check_in`): a signed account bound
		/// to an active citizen, as `(account, citizen)`. A signed account it refuses fails
		/// with `NotCitizen`.
		type CitizenOrigin: EnsureOrigin<
			Self::RuntimeOrigin,
			Success = (Self::AccountId, CitizenId),
		>;

		/// Who is a citizen and which claims they hold (`Resident` names the zone);
		/// benchmarks make citizens through it.
		type Citizens: CitizenRegistry<Self::AccountId> + BenchmarkCitizens<Self::AccountId>;

		/// The local currency's balance (`u128` in the runtime).
		type Balance: Parameter
			+ Member
			+ AtLeast32BitUnsigned
			+ Default
			+ Copy
			+ MaxEncodedLen
			+ serde::Serialize
			+ serde::de::DeserializeOwned;

		/// The local currency: fees are paid in it, refunds returned in it.
		type Currency: fungible::Mutate<Self::AccountId, Balance = Self::Balance>;

		/// The clock (ms since the Unix epoch).
		type Time: Time<Moment = Moment>;

		/// Derives each facility's account: the sub-account `(b"fac", facility)`.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Local time's offset from UTC in minutes (Korea: +540): days, weekdays and opening
		/// hours are local.
		#[pallet::constant]
		type UtcOffsetMinutes: Get<i32>;

		/// Most living zones (Busan has 62).
		#[pallet::constant]
		type MaxZones: Get<u32>;

		/// Most neighbours a zone lists.
		#[pallet::constant]
		type MaxNeighbours: Get<u32>;

		/// Most active facilities in one zone.
		#[pallet::constant]
		type MaxFacilitiesPerZone: Get<u32>;

		/// Longest name, in bytes, in each language.
		#[pallet::constant]
		type MaxNameLength: Get<u32>;

		/// Most slots in a day (`1440 / slot_minutes` of every facility is at most this: 96
		/// allows 15-minute slots).
		#[pallet::constant]
		type MaxSlotsPerDay: Get<u32>;

		/// Most bookings of one facility on one day; a facility's `capacity ×` open slots of
		/// its longest day is at most this.
		#[pallet::constant]
		type MaxBookingsPerDay: Get<u32>;

		/// Most bookings a citizen holds at once (upcoming and not yet reaped).
		#[pallet::constant]
		type MaxLiveBookingsPerCitizen: Get<u32>;

		/// Most refund tiers of a facility.
		#[pallet::constant]
		type MaxRefundTiers: Get<u32>;

		/// Most no-shows remembered per citizen and category (at least any category's
		/// `no_show_limit`).
		#[pallet::constant]
		type MaxNoShowsRemembered: Get<u32>;

		/// Most facilities "near me" returns.
		#[pallet::constant]
		type MaxNearResults: Get<u32>;

		/// Most bookings one closure or reaping step cancels or removes.
		#[pallet::constant]
		type MaxCancellationsPerStep: Get<u32>;

		/// Most days one closure covers.
		#[pallet::constant]
		type MaxClosureDays: Get<u32>;

		/// Most closures on record per facility (past ones are dropped when done).
		#[pallet::constant]
		type MaxClosuresPerFacility: Get<u32>;

		/// Most closures being worked through at once, over all facilities.
		#[pallet::constant]
		type MaxPendingClosures: Get<u32>;

		/// Longest booking horizon, in days.
		#[pallet::constant]
		type MaxHorizonDays: Get<u16>;

		/// How long before a slot starts check-in opens (ms; e.g. 30 minutes).
		#[pallet::constant]
		type CheckInOpensBefore: Get<Moment>;

		/// Longest self check-in window a manager opens at once (ms).
		#[pallet::constant]
		type MaxSelfCheckInWindow: Get<Moment>;

		/// Days after a slot's day that its bookings may be reaped (citizens see them as past
		/// until then).
		#[pallet::constant]
		type ReapAfterDays: Get<u32>;

		/// Most sessions of a course (at most 64: attendance is kept as a bitmask).
		#[pallet::constant]
		type MaxSessions: Get<u32>;

		/// Most seats of a course.
		#[pallet::constant]
		type MaxCourseSeats: Get<u32>;

		/// Most citizens on a course's waitlist (1,000 in the runtime; promotion is O(1)
		/// whatever the length).
		#[pallet::constant]
		type MaxWaitlist: Get<u32>;

		/// Most courses a facility holds (published and not yet removed).
		#[pallet::constant]
		type MaxCoursesPerFacility: Get<u32>;

		/// Most open courses in one zone's index ("courses near me" reads it).
		#[pallet::constant]
		type MaxCoursesPerZone: Get<u32>;

		/// Most courses a citizen is in at once (enrolled, offered a seat, or waiting).
		#[pallet::constant]
		type MaxCoursesPerCitizen: Get<u32>;

		/// Most claims a course requires.
		#[pallet::constant]
		type MaxRequiredClaims: Get<u32>;

		/// Longest time a freed seat is held for the next in line, in minutes.
		#[pallet::constant]
		type MaxOfferMinutes: Get<u32>;

		/// How many days ahead a course's last session, or an event's end, may lie.
		#[pallet::constant]
		type MaxScheduleDays: Get<u32>;

		/// Most listed events in one zone's index ("events near me" reads it).
		#[pallet::constant]
		type MaxEventsPerZone: Get<u32>;

		/// Largest capacity of an event with registration.
		#[pallet::constant]
		type MaxEventCapacity: Get<u32>;

		/// Most events a citizen is registered for at once.
		#[pallet::constant]
		type MaxEventsPerCitizen: Get<u32>;

		/// Most cancelled courses and events being worked through at once.
		#[pallet::constant]
		type MaxPendingCancellations: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Moves the clock in benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkClock: citizen_primitives::BenchmarkClock;

		/// Funds citizens' local-currency accounts in benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: crate::BenchmarkHelper<Self::AccountId, Self::Balance>;
	}

	/// Living zones.
	#[pallet::storage]
	pub type Zones<T: Config> = StorageMap<_, Twox64Concat, ZoneId, ZoneOf<T>>;

	/// Every zone's reference point, in one value: "which zone is this point in" is one read.
	#[pallet::storage]
	pub type ZoneIndex<T: Config> =
		StorageValue<_, BoundedVec<(ZoneId, GeoPoint), T::MaxZones>, ValueQuery>;

	/// Facility categories and their rules.
	#[pallet::storage]
	pub type Categories<T: Config> = StorageMap<_, Twox64Concat, CategoryId, CategoryOf<T>>;

	/// The id the next facility gets.
	#[pallet::storage]
	pub type NextFacilityId<T: Config> = StorageValue<_, FacilityId, ValueQuery>;

	/// Facilities, active and retired.
	#[pallet::storage]
	pub type Facilities<T: Config> = StorageMap<_, Twox64Concat, FacilityId, FacilityOf<T>>;

	/// Each zone's active facilities, compactly: "near me" reads these for the point's zone
	/// and its neighbours, never all facilities.
	#[pallet::storage]
	pub type ZoneFacilities<T: Config> = StorageMap<
		_,
		Twox64Concat,
		ZoneId,
		BoundedVec<ZoneEntry, T::MaxFacilitiesPerZone>,
		ValueQuery,
	>;

	/// The id the next booking gets (every kind of booking).
	#[pallet::storage]
	pub type NextBookingId<T: Config> = StorageValue<_, BookingId, ValueQuery>;

	/// Live bookings (upcoming, and past ones not yet reaped).
	#[pallet::storage]
	pub type Bookings<T: Config> = StorageMap<_, Twox64Concat, BookingId, BookingOf<T>>;

	/// Places taken per slot of a facility on a day (index: slot; absent: none taken): "free
	/// places on a day" is one read.
	#[pallet::storage]
	pub type SlotUse<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		FacilityId,
		Twox64Concat,
		DayNumber,
		BoundedVec<u16, T::MaxSlotsPerDay>,
		ValueQuery,
	>;

	/// The bookings of a facility on a day, in the order made.
	#[pallet::storage]
	pub type DayBookings<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		FacilityId,
		Twox64Concat,
		DayNumber,
		BoundedVec<BookingId, T::MaxBookingsPerDay>,
		ValueQuery,
	>;

	/// Each citizen's live bookings (keyed by citizen ID: they follow a key recovery).
	#[pallet::storage]
	pub type CitizenBookings<T: Config> = StorageMap<
		_,
		Twox64Concat,
		CitizenId,
		BoundedVec<BookingId, T::MaxLiveBookingsPerCitizen>,
		ValueQuery,
	>;

	/// Bookings a citizen made in a category this month: `(month, count)`, overwritten when
	/// the month changes.
	#[pallet::storage]
	pub type MonthlyUse<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		CitizenId,
		Twox64Concat,
		CategoryId,
		(MonthKey, u8),
		OptionQuery,
	>;

	/// Reaped no-shows per citizen and category: the end of each slot missed, oldest first;
	/// those that can no longer matter are dropped.
	#[pallet::storage]
	pub type NoShows<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		CitizenId,
		Twox64Concat,
		CategoryId,
		BoundedVec<Moment, T::MaxNoShowsRemembered>,
		ValueQuery,
	>;

	/// A facility's self check-in window: open until this moment.
	#[pallet::storage]
	pub type SelfCheckIn<T: Config> = StorageMap<_, Twox64Concat, FacilityId, Moment>;

	/// Closures of a facility: day ranges and when each was declared (it covers the slots
	/// starting after that); dropped once their bookings are cancelled and the days are past.
	#[pallet::storage]
	pub type Closures<T: Config> = StorageMap<
		_,
		Twox64Concat,
		FacilityId,
		BoundedVec<ClosureRecord, T::MaxClosuresPerFacility>,
		ValueQuery,
	>;

	/// Closures whose bookings are being cancelled, first declared first.
	#[pallet::storage]
	pub type ClosureQueue<T: Config> =
		StorageValue<_, BoundedVec<ClosureTask, T::MaxPendingClosures>, ValueQuery>;

	/// Where `on_idle`'s reaping sweep over [`DayBookings`] continues: the last entry visited.
	#[pallet::storage]
	pub type ReapCursor<T: Config> = StorageValue<_, (FacilityId, DayNumber)>;

	/// The city's policy per category: whether the quota and no-shows count for its courses
	/// (absent: neither).
	#[pallet::storage]
	pub type CoursePolicies<T: Config> = StorageMap<_, Twox64Concat, CategoryId, CoursePolicy>;

	/// The id the next course gets.
	#[pallet::storage]
	pub type NextCourseId<T: Config> = StorageValue<_, CourseId, ValueQuery>;

	/// Courses: published, being cancelled, or ended and being reaped.
	#[pallet::storage]
	pub type Courses<T: Config> = StorageMap<_, Twox64Concat, CourseId, CourseOf<T>>;

	/// Each facility's courses (until removed).
	#[pallet::storage]
	pub type FacilityCourses<T: Config> = StorageMap<
		_,
		Twox64Concat,
		FacilityId,
		BoundedVec<CourseId, T::MaxCoursesPerFacility>,
		ValueQuery,
	>;

	/// Each zone's courses not cancelled nor ended, compactly: "courses near me" reads these
	/// for the point's zone and its neighbours.
	#[pallet::storage]
	pub type ZoneCourses<T: Config> = StorageMap<
		_,
		Twox64Concat,
		ZoneId,
		BoundedVec<CourseEntry, T::MaxCoursesPerZone>,
		ValueQuery,
	>;

	/// The citizens in each course: enrolled, offered a seat, or waiting (the waitlist and the
	/// offers are linked lists through these entries, headed in the course's state).
	#[pallet::storage]
	pub type Participants<T: Config> =
		StorageDoubleMap<_, Twox64Concat, CourseId, Twox64Concat, CitizenId, ParticipantOf<T>>;

	/// The courses each citizen is in (keyed by citizen ID: they follow a key recovery).
	#[pallet::storage]
	pub type CitizenCourses<T: Config> = StorageMap<
		_,
		Twox64Concat,
		CitizenId,
		BoundedVec<CourseId, T::MaxCoursesPerCitizen>,
		ValueQuery,
	>;

	/// The id the next event gets.
	#[pallet::storage]
	pub type NextEventId<T: Config> = StorageValue<_, EventId, ValueQuery>;

	/// Events: listed, or cancelled and being worked through.
	#[pallet::storage]
	pub type Events<T: Config> = StorageMap<_, Twox64Concat, EventId, EventOf<T>>;

	/// Each zone's listed events, compactly: "events near me" reads these for the point's
	/// zone and its neighbours.
	#[pallet::storage]
	pub type ZoneEvents<T: Config> = StorageMap<
		_,
		Twox64Concat,
		ZoneId,
		BoundedVec<EventEntry, T::MaxEventsPerZone>,
		ValueQuery,
	>;

	/// Registrations for events: when each citizen registered.
	#[pallet::storage]
	pub type EventRegistrations<T: Config> =
		StorageDoubleMap<_, Twox64Concat, EventId, Twox64Concat, CitizenId, Moment>;

	/// The events each citizen is registered for.
	#[pallet::storage]
	pub type CitizenEvents<T: Config> = StorageMap<
		_,
		Twox64Concat,
		CitizenId,
		BoundedVec<EventId, T::MaxEventsPerCitizen>,
		ValueQuery,
	>;

	/// Cancelled courses and events whose participants are being removed, first cancelled
	/// first.
	#[pallet::storage]
	pub type CancelQueue<T: Config> =
		StorageValue<_, BoundedVec<Listing, T::MaxPendingCancellations>, ValueQuery>;

	/// Where `on_idle`'s sweep over [`Courses`] (lapsing expired offers, reaping ended
	/// courses) continues: the last course visited.
	#[pallet::storage]
	pub type CourseCursor<T: Config> = StorageValue<_, CourseId>;

	/// Where `on_idle`'s sweep over [`Events`] (reaping ended events) continues.
	#[pallet::storage]
	pub type EventCursor<T: Config> = StorageValue<_, EventId>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Living zones; neighbours may name zones listed later.
		pub zones: alloc::vec::Vec<GenesisZone>,
		/// Categories and their rules.
		pub categories: alloc::vec::Vec<GenesisCategory>,
		/// Facilities, numbered 0, 1, ... in this order.
		pub facilities: alloc::vec::Vec<GenesisFacility<T::AccountId, T::Balance>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			Pallet::<T>::build_genesis(self).expect("a valid facility booking genesis");
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The city registered (or updated) a living zone.
		ZoneRegistered { zone: ZoneId },
		/// The city set a category's name and rules.
		CategorySet { category: CategoryId, rules: CategoryRules },
		/// The city registered a facility; fees go to `account`.
		FacilityRegistered {
			facility: FacilityId,
			zone: ZoneId,
			category: CategoryId,
			manager: T::AccountId,
			account: T::AccountId,
		},
		/// The city retired a facility: no new bookings.
		FacilityRetired { facility: FacilityId },
		/// The city appointed a facility's manager.
		ManagerAppointed { facility: FacilityId, manager: T::AccountId },
		/// The manager changed the opening hours (for bookings made from now on).
		HoursChanged { facility: FacilityId, hours: WeekHours },
		/// The manager changed the places per slot (existing bookings keep theirs).
		CapacityChanged { facility: FacilityId, capacity: u16 },
		/// The manager changed the fee (existing bookings keep their price).
		FeeChanged { facility: FacilityId, fee: Option<T::Balance> },
		/// A citizen booked a slot, paying `paid` to the facility.
		Booked {
			booking: BookingId,
			facility: FacilityId,
			citizen: CitizenId,
			day: DayNumber,
			slot: SlotIndex,
			party: u16,
			paid: T::Balance,
		},
		/// A booking was cancelled; `refund` went back to the citizen.
		Cancelled {
			booking: BookingId,
			facility: FacilityId,
			citizen: CitizenId,
			refund: T::Balance,
			reason: CancelReason,
		},
		/// A refund could not be paid (the citizen's account cannot receive it); it stays in
		/// the facility's account for the city to settle.
		RefundWithheld { booking: BookingId, citizen: CitizenId, amount: T::Balance },
		/// A citizen was checked in, by the manager (`by_manager`) or themselves.
		CheckedIn { booking: BookingId, facility: FacilityId, citizen: CitizenId, by_manager: bool },
		/// The manager opened self check-in until `until` (closed if `until` is past).
		SelfCheckInOpened { facility: FacilityId, until: Moment },
		/// The manager closed the facility on `from_day ..= to_day`; clashing bookings are
		/// being cancelled.
		ClosureDeclared { facility: FacilityId, from_day: DayNumber, to_day: DayNumber },
		/// Every booking clashing with a closure has been cancelled.
		ClosureProcessed { facility: FacilityId, to_day: DayNumber },
		/// The city lifted a closure: its days take bookings again (bookings it already
		/// cancelled stay cancelled).
		ClosureLifted { facility: FacilityId, from_day: DayNumber, to_day: DayNumber },
		/// A past booking was removed; `no_show` when it was missed.
		Reaped { booking: BookingId, citizen: CitizenId, no_show: bool },
		/// The city set whether the quota and no-shows count for a category's courses.
		CoursePolicySet { category: CategoryId, policy: CoursePolicy },
		/// A manager published a course at their facility.
		CoursePublished {
			course: CourseId,
			facility: FacilityId,
			seats: u16,
			fee: Option<T::Balance>,
		},
		/// A citizen took a seat, paying `paid` to the facility: at once, or by confirming an
		/// offer (`from_offer`).
		Enrolled { course: CourseId, citizen: CitizenId, paid: T::Balance, from_offer: bool },
		/// The course was full: the citizen joined the waitlist at `position` (1: next).
		Waitlisted { course: CourseId, citizen: CitizenId, position: u32 },
		/// A freed seat is held for the citizen at the head of the waitlist until `until`.
		SeatOffered { course: CourseId, citizen: CitizenId, until: Moment },
		/// An offer was not confirmed in time: the citizen left the course and the seat passed
		/// on.
		OfferLapsed { course: CourseId, citizen: CitizenId },
		/// A citizen left a course (a seat, refunded `refund` by the course's tiers; an offer,
		/// declined; a waitlist place).
		Withdrew {
			course: CourseId,
			citizen: CitizenId,
			standing: StandingKind,
			refund: T::Balance,
		},
		/// The manager removed a citizen from a course (a seat refunded in full).
		ParticipantRemoved {
			course: CourseId,
			citizen: CitizenId,
			standing: StandingKind,
			refund: T::Balance,
		},
		/// The manager checked an enrolled citizen in at a session.
		SessionCheckedIn { course: CourseId, session: u32, citizen: CitizenId },
		/// A course was cancelled: its participants are being removed, seats refunded in full.
		CourseCancelled { course: CourseId },
		/// A cancellation removed a citizen from a course (`refund`: what the seat paid).
		EnrolmentCancelled {
			course: CourseId,
			citizen: CitizenId,
			standing: StandingKind,
			refund: T::Balance,
		},
		/// A course refund could not be paid (the citizen's account cannot receive it); it
		/// stays in the facility's account for the city to settle.
		CourseRefundWithheld { course: CourseId, citizen: CitizenId, amount: T::Balance },
		/// An ended course's participant was removed; `missed` sessions counted as no-shows.
		CourseParticipantReaped { course: CourseId, citizen: CitizenId, missed: u32 },
		/// A cancelled or ended course was removed, with every participant.
		CourseRemoved { course: CourseId },
		/// The city or a manager listed an event.
		EventListed {
			event: EventId,
			zone: ZoneId,
			facility: Option<FacilityId>,
			start: Moment,
			end: Moment,
			capacity: Option<u32>,
		},
		/// An event was cancelled: its registrations are being removed.
		EventCancelled { event: EventId },
		/// A citizen registered for an event.
		RegisteredForEvent { event: EventId, citizen: CitizenId },
		/// A citizen gave up their registration.
		UnregisteredFromEvent { event: EventId, citizen: CitizenId },
		/// A cancellation removed a citizen's registration.
		EventRegistrationCancelled { event: EventId, citizen: CitizenId },
		/// A cancelled or ended event was removed, with every registration.
		EventRemoved { event: EventId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The caller does not act for an active citizen.
		NotCitizen,
		/// The caller is not the facility's manager.
		NotManager,
		/// No such zone.
		UnknownZone,
		/// No such category.
		UnknownCategory,
		/// No such facility.
		UnknownFacility,
		/// No such booking (never made, cancelled or reaped).
		UnknownBooking,
		/// Latitude beyond ±90° or longitude beyond ±180°.
		InvalidPoint,
		/// A zone listed as its own neighbour, or a neighbour listed twice.
		InvalidNeighbours,
		/// `MaxZones` zones are registered.
		TooManyZones,
		/// The zone holds `MaxFacilitiesPerZone` active facilities.
		TooManyFacilitiesInZone,
		/// A no-show limit needs a window and at most `MaxNoShowsRemembered`.
		InvalidCategoryRules,
		/// Slot length must divide a day into at most `MaxSlotsPerDay` slots.
		InvalidSlotLength,
		/// Hours: `open < close <= 1440`, on the slot grid, at least one day open.
		InvalidHours,
		/// Places per slot must be at least 1.
		InvalidCapacity,
		/// `capacity ×` the open slots of the longest day exceeds `MaxBookingsPerDay`.
		TooManyPlacesPerDay,
		/// The largest party is 1 ..= `capacity`.
		InvalidMaxParty,
		/// The facility's location lies in another zone (`zone_of(location)`).
		LocationOutsideZone,
		/// A listed neighbour already lists `MaxNeighbours` zones.
		TooManyNeighbours,
		/// Horizons: residents' at least 1 day, at most `MaxHorizonDays`, and at least the
		/// public one.
		InvalidHorizon,
		/// Refund tiers: days strictly descending, percents at most 100, never increasing.
		InvalidRefundTiers,
		/// A fee must be at least the currency's minimum balance.
		FeeBelowMinimum,
		/// The facility is retired: no new bookings, no changes.
		FacilityRetired,
		/// A party is at least one person.
		InvalidPartySize,
		/// The party is larger than the facility's `max_party`.
		PartyTooLarge,
		/// The slot is not within the opening hours of that weekday.
		OutsideOpeningHours,
		/// The slot has already started.
		SlotInPast,
		/// The day is beyond the booking horizon, even for residents.
		BeyondBookingHorizon,
		/// The day is open to residents of the facility's zone only, for now.
		ResidentsOnly,
		/// The facility is closed that day.
		ClosedOnDay,
		/// Not enough free places in the slot.
		SlotFull,
		/// The citizen's booking in this category is suspended for no-shows.
		SuspendedForNoShows,
		/// The citizen has made the category's monthly quota of bookings this month.
		MonthlyQuotaReached,
		/// The citizen holds `MaxLiveBookingsPerCitizen` bookings that have not ended.
		TooManyBookings,
		/// The facility holds `MaxBookingsPerDay` bookings that day.
		DayFullyBooked,
		/// The booking is someone else's.
		NotYourBooking,
		/// A manager does not check in a booking of the citizen they are.
		OwnBooking,
		/// The booking's slot has started: too late to cancel.
		TooLateToCancel,
		/// The booking is already checked in.
		AlreadyCheckedIn,
		/// Check-in runs from `CheckInOpensBefore` before the slot to its end.
		OutsideCheckInWindow,
		/// The facility's self check-in window is not open.
		SelfCheckInClosed,
		/// A self check-in window is at most `MaxSelfCheckInWindow` long.
		CheckInWindowTooLong,
		/// Closures: `from <= to`, not before today, not after today + `MaxHorizonDays`, at
		/// most `MaxClosureDays` days.
		InvalidClosure,
		/// No such closure on record.
		UnknownClosure,
		/// The facility has `MaxClosuresPerFacility` closures on record.
		TooManyClosures,
		/// `MaxPendingClosures` closures are being worked through; try again shortly.
		TooManyPendingClosures,
		/// The facility has no closure being worked through.
		NoClosurePending,
		/// The day's bookings may be reaped only `ReapAfterDays` after it.
		TooEarlyToReap,
		/// A closure of that day is still being worked through.
		ClosurePending,
		/// No bookings on that day.
		NothingToReap,
		/// A step handles 1 ..= `MaxCancellationsPerStep` bookings.
		InvalidStep,
		/// The facility's fee is above the `max_fee` the citizen agreed to pay.
		FeeAboveLimit,
		/// No such course (never published, or removed).
		UnknownCourse,
		/// Sessions: at least one, each `start < end <= 1440` minutes, in order without
		/// overlap, the first starting after now.
		InvalidSessions,
		/// The course's last session, or the event's end, lies more than `MaxScheduleDays`
		/// ahead.
		TooFarAhead,
		/// Seats are 1 ..= `MaxCourseSeats`.
		InvalidSeats,
		/// Enrolment window: residents from ≤ everyone from ≤ until, until after now and at
		/// most the first session's start.
		InvalidEnrolmentWindow,
		/// An offer lasts 1 ..= `MaxOfferMinutes` minutes.
		InvalidOfferPeriod,
		/// The facility holds `MaxCoursesPerFacility` courses.
		TooManyCourses,
		/// The zone's index holds `MaxCoursesPerZone` open courses.
		TooManyCoursesInZone,
		/// The course is cancelled.
		CourseCancelled,
		/// The course has ended (for a seat: it has started; see `TooLateToWithdraw`).
		CourseEnded,
		/// A manager does not enrol in a course of their own facility.
		OwnCourse,
		/// Enrolment has not opened yet.
		EnrolmentNotOpen,
		/// Enrolment has closed.
		EnrolmentClosed,
		/// The citizen lacks a claim the course requires.
		NotEligible,
		/// The citizen is already in the course (enrolled, offered a seat, or waiting).
		AlreadyEnrolled,
		/// The citizen is in `MaxCoursesPerCitizen` courses.
		TooManyEnrolments,
		/// The course's waitlist holds `MaxWaitlist` citizens.
		WaitlistFull,
		/// The citizen is not in the course.
		NotEnrolled,
		/// The citizen holds no offer of a seat in the course.
		NoOffer,
		/// The offer's time to confirm has passed.
		OfferExpired,
		/// The course's first session has started: a seat can no longer be given up.
		TooLateToWithdraw,
		/// The course has no such session.
		UnknownSession,
		/// No offer of the course is past its deadline.
		NoExpiredOffer,
		/// `MaxPendingCancellations` cancellations are being worked through; try again
		/// shortly.
		TooManyPendingCancellations,
		/// The course or event is not being cancelled.
		NoCancellationPending,
		/// No such event (never listed, or removed).
		UnknownEvent,
		/// An event starts after now and ends after it starts.
		InvalidEventTime,
		/// An event's capacity is 1 ..= `MaxEventCapacity` (or none: no registration).
		InvalidEventCapacity,
		/// The zone's index holds `MaxEventsPerZone` listed events.
		TooManyEventsInZone,
		/// The event is cancelled.
		EventCancelled,
		/// The event has ended.
		EventEnded,
		/// The event takes no registration (it has no capacity: open to all).
		NoRegistration,
		/// The event has started.
		EventStarted,
		/// The citizen is already registered for the event.
		AlreadyRegistered,
		/// Every place of the event is taken.
		EventFull,
		/// The citizen is registered for `MaxEventsPerCitizen` events.
		TooManyEventRegistrations,
		/// The citizen is not registered for the event.
		NotRegistered,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxSlotsPerDay::get() >= 1, "MaxSlotsPerDay must be at least 1");
			assert!(
				T::MaxCancellationsPerStep::get() >= 1,
				"MaxCancellationsPerStep must be at least 1"
			);
			assert!(T::MaxClosureDays::get() >= 1, "MaxClosureDays must be at least 1");
			assert!(T::MaxNearResults::get() >= 1, "MaxNearResults must be at least 1");
			assert!(
				(1..=64).contains(&T::MaxSessions::get()),
				"MaxSessions must be 1 ..= 64 (attendance is a bitmask)"
			);
			assert!(T::MaxWaitlist::get() >= 1, "MaxWaitlist must be at least 1");
			assert!(
				T::MaxCourseSeats::get() <= u32::from(u16::MAX),
				"MaxCourseSeats must fit a course's u16 seats"
			);
		}

		fn on_idle(_n: BlockNumberFor<T>, remaining: Weight) -> Weight {
			Self::idle(remaining)
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register living zone `zone` (or update it): names, reference point, neighbours
		/// (each registered, none twice, not itself). Neighbours are kept symmetric: each
		/// listed zone lists `zone` too, and zones no longer listed drop it.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_zone())]
		pub fn register_zone(
			origin: OriginFor<T>,
			zone: ZoneId,
			name: NameOf<T>,
			point: GeoPoint,
			neighbours: BoundedVec<ZoneId, T::MaxNeighbours>,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_register_zone(zone, Zone { name, point, neighbours }, true)
		}

		/// Set category `category`'s name and rules (quota, no-show penalty); the new rules
		/// apply from now on.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::set_category())]
		pub fn set_category(
			origin: OriginFor<T>,
			category: CategoryId,
			name: NameOf<T>,
			rules: CategoryRules,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_set_category(category, Category { name, rules })
		}

		/// Register a facility (its location in its zone); it gets the next id and its own
		/// account.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::register_facility())]
		pub fn register_facility(origin: OriginFor<T>, spec: FacilitySpecOf<T>) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_register_facility(spec).map(|_| ())
		}

		/// Retire a facility: no new bookings; existing ones can be cancelled with a full
		/// refund, and closures still work.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::retire_facility())]
		pub fn retire_facility(origin: OriginFor<T>, facility: FacilityId) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_retire_facility(facility)
		}

		/// Appoint `manager` as the facility's manager; any self check-in window the former
		/// manager opened is closed.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::appoint_manager())]
		pub fn appoint_manager(
			origin: OriginFor<T>,
			facility: FacilityId,
			manager: AccountIdLookupOf<T>,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			let manager = T::Lookup::lookup(manager)?;
			Self::do_appoint_manager(facility, manager)
		}

		/// Lift the facility's closure of `from_day ..= to_day` (the range as declared): its
		/// days take bookings again, and bookings it has not cancelled yet are kept (those it
		/// cancelled stay cancelled).
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::lift_closure())]
		pub fn lift_closure(
			origin: OriginFor<T>,
			facility: FacilityId,
			from_day: DayNumber,
			to_day: DayNumber,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_lift_closure(facility, from_day, to_day)
		}

		/// Change the opening hours (the manager): for bookings made from now on; `capacity ×`
		/// the open slots of the longest day stays within `MaxBookingsPerDay`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::set_hours())]
		pub fn set_hours(
			origin: OriginFor<T>,
			facility: FacilityId,
			hours: WeekHours,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_hours(&who, facility, hours)
		}

		/// Change the places per slot (the manager): existing bookings keep their places;
		/// `capacity ×` the open slots of the longest day stays within `MaxBookingsPerDay`, and
		/// a largest party above the new capacity is lowered to it.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::set_capacity())]
		pub fn set_capacity(
			origin: OriginFor<T>,
			facility: FacilityId,
			capacity: u16,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_capacity(&who, facility, capacity)
		}

		/// Change the fee (the manager): existing bookings keep their price.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::set_fee())]
		pub fn set_fee(
			origin: OriginFor<T>,
			facility: FacilityId,
			fee: Option<T::Balance>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_fee(&who, facility, fee)
		}

		/// Check a citizen in (the manager), from `CheckInOpensBefore` before the slot to its
		/// end.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::check_in())]
		pub fn check_in(origin: OriginFor<T>, booking: BookingId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_check_in(Some(&who), None, booking)
		}

		/// Open self check-in at the facility until `until` (the manager; at most
		/// `MaxSelfCheckInWindow` from now; a past `until` closes it).
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::open_self_check_in())]
		pub fn open_self_check_in(
			origin: OriginFor<T>,
			facility: FacilityId,
			until: Moment,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_open_self_check_in(&who, facility, until)
		}

		/// Close the facility on local days `from_day ..= to_day` (the manager; `from_day` at
		/// most `MaxHorizonDays` ahead): no booking is taken for them, and every booking whose
		/// slot starts after now is cancelled with a full refund, in bounded steps (`on_idle`,
		/// `process_closures`). A slot already started or ended today is not touched.
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::close())]
		pub fn close(
			origin: OriginFor<T>,
			facility: FacilityId,
			from_day: DayNumber,
			to_day: DayNumber,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_close(&who, facility, from_day, to_day)
		}

		/// Book `slot` of `facility` on local day `day` for `party` people (at most the
		/// facility's `max_party`); the fee (if any, one per booking) is paid to the facility
		/// now. `max_fee` is the most the citizen agrees to pay (the fee their wallet showed;
		/// 0 for a free facility): if the manager has since raised the fee above it, the
		/// booking fails with `FeeAboveLimit` and nothing changes.
		#[pallet::call_index(20)]
		#[pallet::weight(T::WeightInfo::book())]
		pub fn book(
			origin: OriginFor<T>,
			facility: FacilityId,
			day: DayNumber,
			slot: SlotIndex,
			party: u16,
			max_fee: T::Balance,
		) -> DispatchResult {
			let (who, citizen) = Self::ensure_citizen(origin)?;
			Self::do_book(&who, citizen, facility, day, slot, party, max_fee).map(|_| ())
		}

		/// Cancel a booking before its slot starts: the facility's refund tier for the days
		/// left is paid back (in full at a retired facility); the place is free at once.
		#[pallet::call_index(21)]
		#[pallet::weight(T::WeightInfo::cancel())]
		pub fn cancel(origin: OriginFor<T>, booking: BookingId) -> DispatchResult {
			let (who, citizen) = Self::ensure_citizen(origin)?;
			Self::do_cancel(&who, citizen, booking)
		}

		/// Check in at the facility while its self check-in window is open.
		#[pallet::call_index(22)]
		#[pallet::weight(T::WeightInfo::self_check_in())]
		pub fn self_check_in(origin: OriginFor<T>, booking: BookingId) -> DispatchResult {
			let (_, citizen) = Self::ensure_citizen(origin)?;
			Self::do_check_in(None, Some(citizen), booking)
		}

		/// Work through the facility's closure: cancel up to `max` clashing bookings with a
		/// full refund (anyone may call; `on_idle` does it too).
		#[pallet::call_index(30)]
		#[pallet::weight(T::WeightInfo::process_closures((*max).min(T::MaxCancellationsPerStep::get())))]
		pub fn process_closures(
			origin: OriginFor<T>,
			facility: FacilityId,
			max: u32,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::ensure_step(max)?;
			Self::do_process_closure(Some(facility), max).map(|_| ())
		}

		/// Remove up to `max` bookings of the facility on a past `day` (at least
		/// `ReapAfterDays` ago), recording no-shows (anyone may call; `on_idle` does it too).
		#[pallet::call_index(31)]
		#[pallet::weight(T::WeightInfo::reap((*max).min(T::MaxCancellationsPerStep::get())))]
		pub fn reap(
			origin: OriginFor<T>,
			facility: FacilityId,
			day: DayNumber,
			max: u32,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::ensure_step(max)?;
			Self::do_reap(facility, day, max).map(|_| ())
		}

		/// Set whether the quota and no-shows count for the courses of `category` (the city).
		#[pallet::call_index(40)]
		#[pallet::weight(T::WeightInfo::set_course_policy())]
		pub fn set_course_policy(
			origin: OriginFor<T>,
			category: CategoryId,
			policy: CoursePolicy,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_set_course_policy(category, policy)
		}

		/// Publish a course at the facility (its manager): names, sessions, seats, fee,
		/// enrolment window (residents of the zone first), offer period, required claims,
		/// refund tiers. It gets the next id.
		#[pallet::call_index(41)]
		#[pallet::weight(T::WeightInfo::publish_course())]
		pub fn publish_course(
			origin: OriginFor<T>,
			facility: FacilityId,
			spec: CourseSpecOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_publish_course(&who, facility, spec).map(|_| ())
		}

		/// Cancel a course (the city, or its facility's manager) before its last session
		/// ends: every participant is removed and every seat refunded in full, in bounded
		/// steps (`on_idle`, `process_cancellation`).
		#[pallet::call_index(42)]
		#[pallet::weight(T::WeightInfo::cancel_course())]
		pub fn cancel_course(origin: OriginFor<T>, course: CourseId) -> DispatchResult {
			let who = Self::city_or_signed(origin)?;
			Self::do_cancel_course(who.as_ref(), course)
		}

		/// Remove a citizen from a course (its facility's manager): a seat is refunded in full
		/// (before the first session) and offered to the head of the waitlist.
		#[pallet::call_index(43)]
		#[pallet::weight(T::WeightInfo::remove_participant(T::MaxWaitlist::get()))]
		pub fn remove_participant(
			origin: OriginFor<T>,
			course: CourseId,
			citizen: CitizenId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_leave(Some(&who), None, citizen, course)
		}

		/// Check an enrolled citizen in at session `session` of a course (its facility's
		/// manager), from `CheckInOpensBefore` before the session to its end.
		#[pallet::call_index(44)]
		#[pallet::weight(T::WeightInfo::check_in_session())]
		pub fn check_in_session(
			origin: OriginFor<T>,
			course: CourseId,
			session: u32,
			citizen: CitizenId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_check_in_session(&who, course, session, citizen)
		}

		/// Enrol in a course: a free seat is taken and paid for now (at most `max_fee`); when
		/// the course is full (or anyone waits), the citizen joins its waitlist instead and
		/// pays only when a seat is offered and confirmed.
		#[pallet::call_index(50)]
		#[pallet::weight(T::WeightInfo::enroll())]
		pub fn enroll(
			origin: OriginFor<T>,
			course: CourseId,
			max_fee: T::Balance,
		) -> DispatchResult {
			let (who, citizen) = Self::ensure_citizen(origin)?;
			Self::do_enroll(&who, citizen, course, max_fee)
		}

		/// Leave a course: give up a seat before the first session (refund by the course's
		/// tiers; the seat is offered to the head of the waitlist), decline an offer, or leave
		/// the waitlist.
		#[pallet::call_index(51)]
		#[pallet::weight(T::WeightInfo::withdraw(T::MaxWaitlist::get()))]
		pub fn withdraw(origin: OriginFor<T>, course: CourseId) -> DispatchResult {
			let (who, citizen) = Self::ensure_citizen(origin)?;
			Self::do_leave(None, Some(&who), citizen, course)
		}

		/// Confirm the seat offered (and pay, at most `max_fee`) before the offer's deadline.
		#[pallet::call_index(52)]
		#[pallet::weight(T::WeightInfo::confirm_offer())]
		pub fn confirm_offer(
			origin: OriginFor<T>,
			course: CourseId,
			max_fee: T::Balance,
		) -> DispatchResult {
			let (who, citizen) = Self::ensure_citizen(origin)?;
			Self::do_confirm_offer(&who, citizen, course, max_fee)
		}

		/// List an event (the city anywhere; a manager at their facility, in its zone).
		#[pallet::call_index(60)]
		#[pallet::weight(T::WeightInfo::list_event())]
		pub fn list_event(origin: OriginFor<T>, spec: EventSpecOf<T>) -> DispatchResult {
			let who = Self::city_or_signed(origin)?;
			Self::do_list_event(who.as_ref(), spec).map(|_| ())
		}

		/// Cancel an event (the city, or the manager of its facility) before it ends: its
		/// registrations are removed in bounded steps.
		#[pallet::call_index(61)]
		#[pallet::weight(T::WeightInfo::cancel_event())]
		pub fn cancel_event(origin: OriginFor<T>, event: EventId) -> DispatchResult {
			let who = Self::city_or_signed(origin)?;
			Self::do_cancel_event(who.as_ref(), event)
		}

		/// Register for an event with a capacity (free), before it starts.
		#[pallet::call_index(62)]
		#[pallet::weight(T::WeightInfo::register_for_event())]
		pub fn register_for_event(origin: OriginFor<T>, event: EventId) -> DispatchResult {
			let (_, citizen) = Self::ensure_citizen(origin)?;
			Self::do_register_for_event(citizen, event)
		}

		/// Give up a registration, before the event starts.
		#[pallet::call_index(63)]
		#[pallet::weight(T::WeightInfo::unregister_from_event())]
		pub fn unregister_from_event(origin: OriginFor<T>, event: EventId) -> DispatchResult {
			let (_, citizen) = Self::ensure_citizen(origin)?;
			Self::do_unregister_from_event(citizen, event)
		}

		/// Pass up to `max` expired offers of a course on to the next in line (anyone; every
		/// call touching the course and `on_idle` do it too).
		#[pallet::call_index(70)]
		#[pallet::weight(T::WeightInfo::advance_waitlist((*max).min(T::MaxCancellationsPerStep::get())))]
		pub fn advance_waitlist(
			origin: OriginFor<T>,
			course: CourseId,
			max: u32,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::ensure_step(max)?;
			Self::do_advance_waitlist(course, max).map(|_| ())
		}

		/// Work through a cancelled course or event: remove up to `max` participants, seats
		/// refunded in full (anyone; `on_idle` does it too).
		#[pallet::call_index(71)]
		#[pallet::weight(T::WeightInfo::process_cancellation((*max).min(T::MaxCancellationsPerStep::get())))]
		pub fn process_cancellation(
			origin: OriginFor<T>,
			listing: Listing,
			max: u32,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::ensure_step(max)?;
			Self::do_process_cancellation(listing, max).map(|_| ())
		}

		/// Remove up to `max` participants of a course that ended at least `ReapAfterDays`
		/// ago, recording missed sessions as no-shows where they count; the course goes with
		/// the last (anyone; `on_idle` does it too).
		#[pallet::call_index(72)]
		#[pallet::weight(T::WeightInfo::reap_course((*max).min(T::MaxCancellationsPerStep::get())))]
		pub fn reap_course(origin: OriginFor<T>, course: CourseId, max: u32) -> DispatchResult {
			ensure_signed(origin)?;
			Self::ensure_step(max)?;
			Self::do_reap_course(course, max).map(|_| ())
		}

		/// Remove up to `max` registrations of an event that ended at least `ReapAfterDays`
		/// ago; the event goes with the last (anyone; `on_idle` does it too).
		#[pallet::call_index(73)]
		#[pallet::weight(T::WeightInfo::reap_event((*max).min(T::MaxCancellationsPerStep::get())))]
		pub fn reap_event(origin: OriginFor<T>, event: EventId, max: u32) -> DispatchResult {
			ensure_signed(origin)?;
			Self::ensure_step(max)?;
			Self::do_reap_event(event, max).map(|_| ())
		}
	}
}

/// A citizen's `book`, `cancel`, `self_check_in`, `enroll`, `withdraw`, `confirm_offer`,
/// `register_for_event` and `unregister_from_event` are their own public-service calls:
/// fee-free under the citizen's allowance. The city's, managers' and anyone's calls pay.
impl<T: Config> citizen_primitives::PublicServiceCall for Call<T> {
	fn public_service(&self) -> Option<citizen_primitives::PublicService> {
		match self {
			Call::book { .. }
			| Call::cancel { .. }
			| Call::self_check_in { .. }
			| Call::enroll { .. }
			| Call::withdraw { .. }
			| Call::confirm_offer { .. }
			| Call::register_for_event { .. }
			| Call::unregister_from_event { .. } => Some(citizen_primitives::PublicService::Citizen),
			_ => None,
		}
	}
}

impl<T: Config> From<SpecError> for Error<T> {
	fn from(e: SpecError) -> Self {
		match e {
			SpecError::InvalidPoint => Error::InvalidPoint,
			SpecError::InvalidSlotLength => Error::InvalidSlotLength,
			SpecError::InvalidHours => Error::InvalidHours,
			SpecError::InvalidCapacity => Error::InvalidCapacity,
			SpecError::TooManyPlacesPerDay => Error::TooManyPlacesPerDay,
			SpecError::InvalidMaxParty => Error::InvalidMaxParty,
			SpecError::InvalidHorizon => Error::InvalidHorizon,
			SpecError::InvalidRefundTiers => Error::InvalidRefundTiers,
		}
	}
}

impl<T: Config> From<CourseSpecError> for Error<T> {
	fn from(e: CourseSpecError) -> Self {
		match e {
			CourseSpecError::InvalidSessions => Error::InvalidSessions,
			CourseSpecError::TooFarAhead => Error::TooFarAhead,
			CourseSpecError::InvalidSeats => Error::InvalidSeats,
			CourseSpecError::InvalidEnrolmentWindow => Error::InvalidEnrolmentWindow,
			CourseSpecError::InvalidOfferPeriod => Error::InvalidOfferPeriod,
			CourseSpecError::InvalidRefundTiers => Error::InvalidRefundTiers,
		}
	}
}
