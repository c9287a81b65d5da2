//! Map-screen and kiosk JSON-RPC methods of facility booking.
//!
//! - `facility_near(latMicro, lonMicro, radiusM, category?, limit?, at?)`: active facilities
//!   within `radiusM` metres of a point (micro-degrees, WGS84), of `category` if given,
//!   nearest first, at most `limit` (default 20, and the runtime's `MaxNearResults`):
//!   `[{id, zone, category, name, location, distanceM}]`. The runtime reads only the point's
//!   zone and its neighbours, never every facility.
//! - `facility_zoneOf(latMicro, lonMicro, at?)`: the living zone a point lies in (nearest
//!   reference point).
//! - `facility_freePlaces(facilityId, day?, at?)`: the slots of a facility on a local day
//!   (days since 1970-01-01 in local time; today when absent): start, capacity, taken, free.
//! - `facility_citizenBookings(account, at?)`: the bookings of the citizen bound to `account`:
//!   upcoming, past, no-shows, and per category the month's count and any suspension.
//! - `facility_coursesNear(latMicro, lonMicro, radiusM, category?, limit?, at?)`: courses open
//!   for enrolment now near a point, nearest first (as `facility_near`): `[{id, facility,
//!   zone, category, name, location, distanceM, seats, free, waiting, fee, firstStart,
//!   residentsFrom, publicFrom, enrolUntil}]`.
//! - `facility_course(courseId, at?)`: a course: sessions, seats (`enrolled`, `offered`,
//!   `expiredOffers`, `free`), `waiting` (the waitlist's length), fee, window, policy, status.
//! - `facility_citizenCourses(account, at?)`: the courses of the citizen bound to `account`
//!   (standing `Enrolled`, `{Offered: {until, expired}}` or `{Waiting: {position}}`, 1 being
//!   next in line) and the events they registered for.
//! - `facility_eventsNear(latMicro, lonMicro, radiusM, fromDay?, toDay?, limit?, at?)`: listed
//!   events near a point taking place (in part) on local days `fromDay ..= toDay` (today and
//!   the 30 days after when absent; at most 366 days), nearest first.
//! - `facility_event(eventId, at?)`: an event: place, times, capacity, registrations, status.
//!
//! `at` is a block hash; without it, the best block answers. Each request is one runtime
//! call.
//!
//! Errors (JSON-RPC error objects; the node keeps serving):
//!
//! | code | when |
//! |---|---|
//! | `7400` | the runtime could not answer |
//! | `7401` | `facility_zoneOf`: no zone is registered |
//! | `7402` | `facility_freePlaces`: no such facility |
//! | `7403` | `facility_citizenBookings`, `facility_citizenCourses`: the account is bound to no active citizen |
//! | `7404` | `facility_course`: no such course (never published, or removed) |
//! | `7405` | `facility_event`: no such event (never listed, or removed) |
//! | `7406` | the node's runtime predates courses and events (`FacilityBookingApi` below version 2) |
//! | `-32602` | malformed input: a latitude outside ±90°, a longitude outside ±180°, a radius over 100 km, `toDay` before `fromDay` or more than 366 days after it, a bad account, number or hash, or more parameters than the method takes |

// `facility_near` takes a point, a radius, two optional filters, `at` and the refusal of one
// parameter too many: eight, in the method and in what the `rpc` macro generates from it.
#![allow(clippy::too_many_arguments)]

use std::sync::Arc;

use citizen_rpc_common::{error, NoMoreParams, Query, INVALID_PARAMS};
use codec::Codec;
use jsonrpsee::{core::RpcResult, proc_macros::rpc, types::error::ErrorObjectOwned};
use pallet_facility_booking_runtime_api::{
	CategoryId, CitizenBookingsView, CitizenCoursesView, CourseId, CourseView, DayNumber, EventId,
	EventView, FacilityId, GeoPoint, NearCourse, NearEvent, NearFacility, SlotView, ZoneId,
};
use sp_api::{ApiExt, ProvideRuntimeApi};
use sp_blockchain::HeaderBackend;
use sp_runtime::traits::Block as BlockT;

pub use pallet_facility_booking_runtime_api::FacilityBookingApi as FacilityBookingRuntimeApi;

/// Error codes of this module (application range), and the JSON-RPC one it uses.
pub mod error_code {
	/// The runtime could not answer.
	pub const RUNTIME: i32 = 7400;
	/// No zone is registered.
	pub const NO_ZONE: i32 = 7401;
	/// No such facility.
	pub const UNKNOWN_FACILITY: i32 = 7402;
	/// The account is bound to no active citizen.
	pub const NOT_A_CITIZEN: i32 = 7403;
	/// No such course.
	pub const UNKNOWN_COURSE: i32 = 7404;
	/// No such event.
	pub const UNKNOWN_EVENT: i32 = 7405;
	/// The runtime does not serve courses and events yet.
	pub const NO_COURSES: i32 = 7406;
	/// Malformed input or too many parameters (JSON-RPC's `INVALID_PARAMS`).
	pub const INVALID_PARAMS: i32 = citizen_rpc_common::INVALID_PARAMS;
}

/// The widest "near me" radius: beyond it the neighbouring zones no longer cover the circle.
pub const MAX_RADIUS_M: u32 = 100_000;
/// Results when the caller names no limit.
pub const DEFAULT_LIMIT: u32 = 20;
/// Days after `fromDay` that `facility_eventsNear` covers when the caller names no `toDay`.
pub const DEFAULT_EVENT_DAYS: u32 = 30;
/// The widest date range `facility_eventsNear` takes, in days after `fromDay`.
pub const MAX_EVENT_DAYS: u32 = 366;

#[rpc(client, server)]
pub trait FacilityBookingRpc<BlockHash, AccountId, Balance> {
	/// Active facilities near a point, nearest first. `too_many` must be absent.
	#[method(name = "facility_near")]
	fn near(
		&self,
		lat_micro: i32,
		lon_micro: i32,
		radius_m: u32,
		category: Option<CategoryId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
		too_many: Option<NoMoreParams>,
	) -> RpcResult<Vec<NearFacility>>;

	/// The zone a point lies in. `too_many` must be absent.
	#[method(name = "facility_zoneOf")]
	fn zone_of(
		&self,
		lat_micro: i32,
		lon_micro: i32,
		at: Option<BlockHash>,
		too_many: Option<NoMoreParams>,
	) -> RpcResult<ZoneId>;

	/// A facility's slots on a local day (today when absent). `too_many` must be absent.
	#[method(name = "facility_freePlaces")]
	fn free_places(
		&self,
		facility_id: FacilityId,
		day: Option<DayNumber>,
		at: Option<BlockHash>,
		too_many: Option<NoMoreParams>,
	) -> RpcResult<Vec<SlotView>>;

	/// The bookings of the citizen bound to `account`. `too_many` must be absent.
	#[method(name = "facility_citizenBookings")]
	fn citizen_bookings(
		&self,
		account: AccountId,
		at: Option<BlockHash>,
		too_many: Option<NoMoreParams>,
	) -> RpcResult<CitizenBookingsView<Balance>>;

	/// Courses open for enrolment near a point, nearest first. `too_many` must be absent.
	#[method(name = "facility_coursesNear")]
	fn courses_near(
		&self,
		lat_micro: i32,
		lon_micro: i32,
		radius_m: u32,
		category: Option<CategoryId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
		too_many: Option<NoMoreParams>,
	) -> RpcResult<Vec<NearCourse<Balance>>>;

	/// A course's schedule, seats and waitlist length. `too_many` must be absent.
	#[method(name = "facility_course")]
	fn course(
		&self,
		course_id: CourseId,
		at: Option<BlockHash>,
		too_many: Option<NoMoreParams>,
	) -> RpcResult<CourseView<Balance>>;

	/// The courses (with waitlist positions) and events of the citizen bound to `account`.
	/// `too_many` must be absent.
	#[method(name = "facility_citizenCourses")]
	fn citizen_courses(
		&self,
		account: AccountId,
		at: Option<BlockHash>,
		too_many: Option<NoMoreParams>,
	) -> RpcResult<CitizenCoursesView<Balance>>;

	/// Events near a point in a date range, nearest first. `too_many` must be absent.
	#[method(name = "facility_eventsNear")]
	fn events_near(
		&self,
		lat_micro: i32,
		lon_micro: i32,
		radius_m: u32,
		from_day: Option<DayNumber>,
		to_day: Option<DayNumber>,
		limit: Option<u32>,
		at: Option<BlockHash>,
		too_many: Option<NoMoreParams>,
	) -> RpcResult<Vec<NearEvent>>;

	/// An event. `too_many` must be absent.
	#[method(name = "facility_event")]
	fn event(
		&self,
		event_id: EventId,
		at: Option<BlockHash>,
		too_many: Option<NoMoreParams>,
	) -> RpcResult<EventView>;
}

/// The RPC handler, over a client that serves `FacilityBookingApi`.
pub struct FacilityBookingRpcHandler<C, Block> {
	client: Arc<C>,
	_marker: std::marker::PhantomData<Block>,
}

impl<C, Block> FacilityBookingRpcHandler<C, Block> {
	pub fn new(client: Arc<C>) -> Self {
		Self { client, _marker: Default::default() }
	}
}

impl<C, Block> Query<Block, C> for FacilityBookingRpcHandler<C, Block>
where
	Block: BlockT,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block>,
{
	const RUNTIME_ERROR: i32 = error_code::RUNTIME;
	fn client(&self) -> &Arc<C> {
		&self.client
	}
}

impl<C, Block> FacilityBookingRpcHandler<C, Block>
where
	Block: BlockT,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block>,
{
	/// A query of the courses and events methods: `7406` when the runtime at the block serves
	/// an older `FacilityBookingApi` (before version 2).
	fn courses_query<R, AccountId, Balance>(
		&self,
		at: Option<Block::Hash>,
		call: impl FnOnce(&sp_api::ApiRef<'_, C::Api>, Block::Hash) -> Result<R, sp_api::ApiError>,
	) -> RpcResult<R>
	where
		C::Api: FacilityBookingRuntimeApi<Block, AccountId, Balance>,
		AccountId: Codec,
		Balance: Codec,
	{
		let hash = at.unwrap_or_else(|| self.client.info().best_hash);
		let version = self
			.client
			.runtime_api()
			.api_version::<dyn FacilityBookingRuntimeApi<Block, AccountId, Balance>>(hash)
			.map_err(|e| error(error_code::RUNTIME, format!("runtime API version: {e}")))?;
		if version.is_none_or(|v| v < 2) {
			return Err(error(
				error_code::NO_COURSES,
				"the runtime at this block serves no courses and events",
			));
		}
		self.query(Some(hash), call)
	}
}

/// A "near me" radius, or `-32602`.
fn radius(radius_m: u32) -> Result<u32, ErrorObjectOwned> {
	if radius_m > MAX_RADIUS_M {
		return Err(error(
			INVALID_PARAMS,
			format!("radius {radius_m} m is over the {MAX_RADIUS_M} m a near-me query covers"),
		));
	}
	Ok(radius_m)
}

/// A point on Earth, or `-32602`.
fn point(lat_micro: i32, lon_micro: i32) -> Result<GeoPoint, ErrorObjectOwned> {
	if !(-90_000_000..=90_000_000).contains(&lat_micro) {
		return Err(error(INVALID_PARAMS, format!("latitude {lat_micro} µ° is outside ±90°")));
	}
	if !(-180_000_000..=180_000_000).contains(&lon_micro) {
		return Err(error(INVALID_PARAMS, format!("longitude {lon_micro} µ° is outside ±180°")));
	}
	Ok(GeoPoint { lat_micro, lon_micro })
}

impl<C, Block, AccountId, Balance>
	FacilityBookingRpcServer<<Block as BlockT>::Hash, AccountId, Balance>
	for FacilityBookingRpcHandler<C, Block>
where
	Block: BlockT,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: FacilityBookingRuntimeApi<Block, AccountId, Balance>,
	AccountId: Codec + Clone + Send + Sync + 'static + serde::de::DeserializeOwned,
	Balance: Codec + Clone + Send + Sync + 'static + serde::Serialize,
{
	fn near(
		&self,
		lat_micro: i32,
		lon_micro: i32,
		radius_m: u32,
		category: Option<CategoryId>,
		limit: Option<u32>,
		at: Option<Block::Hash>,
		_too_many: Option<NoMoreParams>,
	) -> RpcResult<Vec<NearFacility>> {
		let point = point(lat_micro, lon_micro)?;
		let radius_m = radius(radius_m)?;
		let limit = limit.unwrap_or(DEFAULT_LIMIT);
		self.query(at, |api, at| api.facilities_near(at, point, radius_m, category, limit))
	}

	fn zone_of(
		&self,
		lat_micro: i32,
		lon_micro: i32,
		at: Option<Block::Hash>,
		_too_many: Option<NoMoreParams>,
	) -> RpcResult<ZoneId> {
		let point = point(lat_micro, lon_micro)?;
		self.query(at, |api, at| api.zone_of(at, point))?
			.ok_or_else(|| error(error_code::NO_ZONE, "no living zone is registered"))
	}

	fn free_places(
		&self,
		facility_id: FacilityId,
		day: Option<DayNumber>,
		at: Option<Block::Hash>,
		_too_many: Option<NoMoreParams>,
	) -> RpcResult<Vec<SlotView>> {
		self.query(at, |api, at| {
			let day = match day {
				Some(day) => day,
				None => api.today(at)?,
			};
			api.free_places(at, facility_id, day)
		})?
		.ok_or_else(|| error(error_code::UNKNOWN_FACILITY, format!("no facility {facility_id}")))
	}

	fn citizen_bookings(
		&self,
		account: AccountId,
		at: Option<Block::Hash>,
		_too_many: Option<NoMoreParams>,
	) -> RpcResult<CitizenBookingsView<Balance>> {
		self.query(at, |api, at| api.citizen_bookings(at, account))?.ok_or_else(|| {
			error(error_code::NOT_A_CITIZEN, "the account is bound to no active citizen")
		})
	}

	fn courses_near(
		&self,
		lat_micro: i32,
		lon_micro: i32,
		radius_m: u32,
		category: Option<CategoryId>,
		limit: Option<u32>,
		at: Option<Block::Hash>,
		_too_many: Option<NoMoreParams>,
	) -> RpcResult<Vec<NearCourse<Balance>>> {
		let point = point(lat_micro, lon_micro)?;
		let radius_m = radius(radius_m)?;
		let limit = limit.unwrap_or(DEFAULT_LIMIT);
		self.courses_query(at, |api, at| api.courses_near(at, point, radius_m, category, limit))
	}

	fn course(
		&self,
		course_id: CourseId,
		at: Option<Block::Hash>,
		_too_many: Option<NoMoreParams>,
	) -> RpcResult<CourseView<Balance>> {
		self.courses_query(at, |api, at| api.course(at, course_id))?
			.ok_or_else(|| error(error_code::UNKNOWN_COURSE, format!("no course {course_id}")))
	}

	fn citizen_courses(
		&self,
		account: AccountId,
		at: Option<Block::Hash>,
		_too_many: Option<NoMoreParams>,
	) -> RpcResult<CitizenCoursesView<Balance>> {
		self.courses_query(at, |api, at| api.citizen_courses(at, account))?.ok_or_else(|| {
			error(error_code::NOT_A_CITIZEN, "the account is bound to no active citizen")
		})
	}

	fn events_near(
		&self,
		lat_micro: i32,
		lon_micro: i32,
		radius_m: u32,
		from_day: Option<DayNumber>,
		to_day: Option<DayNumber>,
		limit: Option<u32>,
		at: Option<Block::Hash>,
		_too_many: Option<NoMoreParams>,
	) -> RpcResult<Vec<NearEvent>> {
		let point = point(lat_micro, lon_micro)?;
		let radius_m = radius(radius_m)?;
		if let (Some(from), Some(to)) = (from_day, to_day) {
			if to < from || to - from > MAX_EVENT_DAYS {
				return Err(error(
					INVALID_PARAMS,
					format!(
						"days {from} ..= {to}: toDay must be fromDay up to {MAX_EVENT_DAYS} days after"
					),
				));
			}
		}
		let limit = limit.unwrap_or(DEFAULT_LIMIT);
		self.courses_query(at, |api, at| {
			let from = match from_day {
				Some(day) => day,
				None => api.today(at)?,
			};
			let to = to_day.unwrap_or_else(|| from.saturating_add(DEFAULT_EVENT_DAYS));
			if to < from || to - from > MAX_EVENT_DAYS {
				// Only when `fromDay` was left to today and `toDay` lies before it or too far.
				return Ok(Vec::new());
			}
			api.events_near(at, point, radius_m, from, to, limit)
		})
	}

	fn event(
		&self,
		event_id: EventId,
		at: Option<Block::Hash>,
		_too_many: Option<NoMoreParams>,
	) -> RpcResult<EventView> {
		self.courses_query(at, |api, at| api.event(at, event_id))?
			.ok_or_else(|| error(error_code::UNKNOWN_EVENT, format!("no event {event_id}")))
	}
}
