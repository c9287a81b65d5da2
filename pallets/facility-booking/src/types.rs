//! Records kept by the facility booking pallet, the geometry and the local calendar it judges
//! with, and the views served to map screens and kiosks. The stored types' methods own the
//! rules (opening hours, horizons, refund tiers, no-show suspensions), so the dispatchables
//! and the views judge alike.
//!
//! ## Geometry
//!
//! Points are WGS84 latitude and longitude in micro-degrees ([`GeoPoint`]). Distances are in
//! metres with integer maths only (no floats in the runtime), by the equirectangular
//! approximation: `dy = Δlat × 0.111195 m/µdeg`, `dx = Δlon × 0.111195 × cos(mean latitude)`,
//! with the cosine from a table of whole degrees (six decimals) interpolated linearly, and
//! `distance = √(dx² + dy²)` by an integer square root. At city scale (tens of kilometres)
//! this is within 0.5 % of the great-circle distance; it is not meant for distances across
//! continents (longitude differences wrap at 180°).
//!
//! ## Local days
//!
//! Days and opening hours are local: a day is the number of local days since 1970-01-01
//! (`(now + UtcOffsetMinutes) / DAY`), weekdays run Monday (0) to Sunday (6), and slot `s` of
//! a facility starts `s × slot_minutes` after local midnight (the slot grid is fixed by the
//! slot length, so changing opening hours never moves an existing booking).

use citizen_primitives::{CitizenId, ClaimKind, LocalizedName, Moment, ZoneId, DAY};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::Get, BoundedBTreeSet, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound,
	PartialEqNoBound,
};
use scale_info::TypeInfo;

/// A facility category (library, sports hall, ...): data the city manages.
pub type CategoryId = u16;
/// A facility, numbered in order of registration.
pub type FacilityId = u32;
/// A slot booking, numbered in order. (Courses and events have records of their own: see
/// [`Participant`] and [`EventRecord`].)
pub type BookingId = u64;
/// A local day: local days since 1970-01-01.
pub type DayNumber = u32;
/// A slot of a day: slot `s` starts `s × slot_minutes` after local midnight.
pub type SlotIndex = u16;
/// A local month: `year × 12 + (month − 1)`.
pub type MonthKey = u32;

/// Minutes in a day.
pub const MINUTES_PER_DAY: u16 = 1440;
/// One minute (ms).
pub const MINUTE: Moment = 60_000;

/// A point on the map: WGS84 latitude and longitude in micro-degrees (`35_179_800` is
/// 35.1798° N).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	Default,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct GeoPoint {
	/// Latitude, micro-degrees, −90e6 ..= 90e6.
	pub lat_micro: i32,
	/// Longitude, micro-degrees, −180e6 ..= 180e6.
	pub lon_micro: i32,
}

/// cos(d°) × 10⁶ for d = 0 ..= 90.
const COS_TABLE: [i64; 91] = [
	1000000, 999848, 999391, 998630, 997564, 996195, 994522, 992546, 990268, 987688, 984808,
	981627, 978148, 974370, 970296, 965926, 961262, 956305, 951057, 945519, 939693, 933580, 927184,
	920505, 913545, 906308, 898794, 891007, 882948, 874620, 866025, 857167, 848048, 838671, 829038,
	819152, 809017, 798636, 788011, 777146, 766044, 754710, 743145, 731354, 719340, 707107, 694658,
	681998, 669131, 656059, 642788, 629320, 615661, 601815, 587785, 573576, 559193, 544639, 529919,
	515038, 500000, 484810, 469472, 453990, 438371, 422618, 406737, 390731, 374607, 358368, 342020,
	325568, 309017, 292372, 275637, 258819, 241922, 224951, 207912, 190809, 173648, 156434, 139173,
	121869, 104528, 87156, 69756, 52336, 34899, 17452, 0,
];

/// Metres per degree of latitude (mean Earth radius 6,371,008.8 m).
const METRES_PER_DEGREE: i128 = 111_195;

/// cos(lat) × 10⁶ for a latitude in micro-degrees, interpolated between whole degrees.
pub fn cos_micro(lat_micro: i32) -> i64 {
	let lat = i64::from(lat_micro).unsigned_abs().min(90_000_000);
	let degree = (lat / 1_000_000) as usize;
	let frac = (lat % 1_000_000) as i64;
	let a = COS_TABLE.get(degree).copied().unwrap_or(0);
	let b = COS_TABLE.get(degree.saturating_add(1)).copied().unwrap_or(0);
	a - (a - b) * frac / 1_000_000
}

/// ⌊√n⌋.
pub fn isqrt(n: u128) -> u128 {
	if n < 2 {
		return n;
	}
	// Newton's method from a power of two above the root.
	let mut x = 1u128 << (128 - n.leading_zeros()).div_ceil(2);
	loop {
		let y = (x + n / x) / 2;
		if y >= x {
			return x;
		}
		x = y;
	}
}

impl GeoPoint {
	/// A point from micro-degrees.
	pub const fn new(lat_micro: i32, lon_micro: i32) -> Self {
		Self { lat_micro, lon_micro }
	}

	/// Latitude within ±90°, longitude within ±180°.
	pub fn is_valid(&self) -> bool {
		self.lat_micro.unsigned_abs() <= 90_000_000 && self.lon_micro.unsigned_abs() <= 180_000_000
	}

	/// The distance to `other` in metres (equirectangular, see the module docs), saturating
	/// at `u32::MAX`.
	pub fn distance_m(&self, other: &GeoPoint) -> u32 {
		let dlat = i128::from(other.lat_micro) - i128::from(self.lat_micro);
		let mut dlon = i128::from(other.lon_micro) - i128::from(self.lon_micro);
		if dlon > 180_000_000 {
			dlon -= 360_000_000;
		} else if dlon < -180_000_000 {
			dlon += 360_000_000;
		}
		let mean_lat = (i64::from(self.lat_micro) + i64::from(other.lat_micro)) / 2;
		let cos = i128::from(cos_micro(mean_lat as i32));
		// Millimetres, so the rounding of the square root stays far below a metre.
		let dy = dlat * METRES_PER_DEGREE / 1_000;
		let dx = dlon * METRES_PER_DEGREE / 1_000 * cos / 1_000_000;
		let mm = isqrt((dx * dx + dy * dy) as u128);
		u32::try_from(mm / 1_000).unwrap_or(u32::MAX)
	}
}

/// The local day `now` falls on, for a UTC offset in minutes.
pub fn local_day(now: Moment, offset_minutes: i32) -> DayNumber {
	let local = i128::from(now) + i128::from(offset_minutes) * i128::from(MINUTE);
	if local <= 0 {
		return 0;
	}
	u32::try_from(local / i128::from(DAY)).unwrap_or(u32::MAX)
}

/// The moment (UTC ms) of `minute` after local midnight of `day`.
pub fn moment_of(day: DayNumber, minute: u32, offset_minutes: i32) -> Moment {
	let local = i128::from(day) * i128::from(DAY) + i128::from(minute) * i128::from(MINUTE);
	let utc = local - i128::from(offset_minutes) * i128::from(MINUTE);
	u64::try_from(utc.max(0)).unwrap_or(u64::MAX)
}

/// The weekday of a local day: Monday 0 ... Sunday 6 (1970-01-01 was a Thursday).
pub fn weekday(day: DayNumber) -> usize {
	((u64::from(day) + 3) % 7) as usize
}

/// The local month of a local day, `year × 12 + (month − 1)` (proleptic Gregorian, the
/// "days from civil" inverse of Howard Hinnant).
pub fn month_of(day: DayNumber) -> MonthKey {
	let z = i64::from(day) + 719_468;
	let era = z.div_euclid(146_097);
	let doe = z.rem_euclid(146_097);
	let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
	let y = yoe + era * 400;
	let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	let mp = (5 * doy + 2) / 153;
	let m = if mp < 10 { mp + 3 } else { mp - 9 };
	let y = if m <= 2 { y + 1 } else { y };
	u32::try_from(y * 12 + (m - 1)).unwrap_or(0)
}

/// A living zone: its names, its reference point, and the zones around it ("near me" reads a
/// point's zone and these).
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxName, MaxNeighbours))]
pub struct Zone<MaxName: Get<u32>, MaxNeighbours: Get<u32>> {
	/// The name citizens read.
	pub name: LocalizedName<MaxName>,
	/// The reference point (a zone's centre or its community centre): a point belongs to the
	/// zone whose reference point is nearest.
	pub point: GeoPoint,
	/// Neighbouring zones, each registered, none twice, not the zone itself.
	pub neighbours: BoundedVec<ZoneId, MaxNeighbours>,
}

/// A category's rules, set by the city (Gangnam: 3 bookings a month; Incheon: 3 no-shows in
/// 90 days → 30 days without booking).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	Default,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct CategoryRules {
	/// Most bookings a citizen makes per local calendar month in the category (counted when
	/// booked; a cancellation gives the place back); 0: no quota.
	pub monthly_quota: u8,
	/// No-shows within `no_show_window` that suspend the citizen; 0: no penalty.
	pub no_show_limit: u8,
	/// The window (ms) the no-shows are counted in.
	pub no_show_window: Moment,
	/// How long (ms) a suspension lasts, from the end of the slot of the no-show that reached
	/// the limit.
	pub suspension: Moment,
}

/// A facility category.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxName))]
pub struct Category<MaxName: Get<u32>> {
	/// The name citizens read.
	pub name: LocalizedName<MaxName>,
	/// Its quota and no-show rules.
	pub rules: CategoryRules,
}

impl CategoryRules {
	/// When `no_shows` (slot ends, any order) suspend a citizen until, if ever: for each run
	/// of `no_show_limit` no-shows within `no_show_window`, until the last one + `suspension`;
	/// the latest such moment.
	pub fn suspended_until(&self, no_shows: &mut [Moment]) -> Option<Moment> {
		let limit = usize::from(self.no_show_limit);
		if limit == 0 || no_shows.len() < limit {
			return None;
		}
		no_shows.sort_unstable();
		no_shows
			.windows(limit)
			.filter_map(|w| match (w.first(), w.last()) {
				(Some(first), Some(last)) if last.saturating_sub(*first) < self.no_show_window => {
					Some(last.saturating_add(self.suspension))
				}
				_ => None,
			})
			.max()
	}

	/// Whether a no-show at `at` can no longer matter at `now` (any suspension it is part of
	/// is over).
	pub fn forgotten(&self, at: Moment, now: Moment) -> bool {
		at.saturating_add(self.no_show_window).saturating_add(self.suspension) <= now
	}

	/// Usable rules: a penalty needs a window; at most `max_remembered` no-shows are counted.
	pub fn is_valid(&self, max_remembered: u32) -> bool {
		self.no_show_limit == 0
			|| (u32::from(self.no_show_limit) <= max_remembered && self.no_show_window > 0)
	}
}

/// Opening hours of one weekday: `(open, close)` in minutes after local midnight, or closed.
pub type DayHours = Option<(u16, u16)>;
/// Opening hours Monday ... Sunday.
pub type WeekHours = [DayHours; 7];

/// A refund tier: cancelling at least `min_days_before` local days before the slot's day
/// refunds `percent` of the fee (0 days: on the day itself).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct RefundTier {
	/// Local days between the day of cancelling and the slot's day, at least.
	pub min_days_before: u16,
	/// Percent of the fee refunded, 0 ..= 100.
	pub percent: u8,
}

/// Whether a facility takes bookings.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub enum FacilityStatus {
	/// Takes bookings.
	Active,
	/// Retired by the city: no new bookings; existing ones may be cancelled with a full refund
	/// at any time before their slot, and closures still cancel them.
	Retired,
}

/// What the city registers: a facility's place, rules and manager. The manager later changes
/// hours, capacity and fee; the rest is the city's.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxName, MaxTiers))]
#[allow(clippy::multiple_bound_locations)]
pub struct FacilitySpec<
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxName: Get<u32>,
	MaxTiers: Get<u32>,
> {
	/// The living zone it belongs to.
	pub zone: ZoneId,
	/// Its category.
	pub category: CategoryId,
	/// The name citizens read.
	pub name: LocalizedName<MaxName>,
	/// Where it is.
	pub location: GeoPoint,
	/// Places per slot (people), at least 1; `capacity ×` the open slots of the longest day
	/// is at most `MaxBookingsPerDay`.
	pub capacity: u16,
	/// The largest party one booking takes (people), 1 ..= `capacity` (lowered with it).
	pub max_party: u16,
	/// Opening hours per weekday (Monday first), aligned to `slot_minutes`.
	pub hours: WeekHours,
	/// Slot length in minutes; divides a day, and a day has at most `MaxSlotsPerDay` slots.
	pub slot_minutes: u16,
	/// Residents of the zone book from this many days before the slot's day ...
	pub resident_horizon_days: u16,
	/// ... everyone else from this many (at most the residents').
	pub public_horizon_days: u16,
	/// The fee per booking in the local currency (`None`: free), at least the currency's
	/// minimum balance.
	pub fee: Option<Balance>,
	/// Refund tiers, `min_days_before` strictly descending, percents never increasing.
	pub refund_tiers: BoundedVec<RefundTier, MaxTiers>,
	/// The facility's manager, appointed by the city.
	pub manager: AccountId,
}

/// A registered facility: its spec and status.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxName, MaxTiers))]
#[allow(clippy::multiple_bound_locations)]
pub struct Facility<
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxName: Get<u32>,
	MaxTiers: Get<u32>,
> {
	/// What the city registered, with the manager's later changes.
	pub spec: FacilitySpec<AccountId, Balance, MaxName, MaxTiers>,
	/// Active or retired.
	pub status: FacilityStatus,
}

/// Why a spec is refused (each an error of the same name).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SpecError {
	InvalidPoint,
	InvalidSlotLength,
	InvalidHours,
	InvalidCapacity,
	TooManyPlacesPerDay,
	InvalidMaxParty,
	InvalidHorizon,
	InvalidRefundTiers,
}

/// Places a facility offers on its longest day: `capacity ×` the open slots of the weekday
/// with the most (every booking takes at least one place, so a facility whose places fit
/// `MaxBookingsPerDay` never refuses a booking for the day's list while places are free).
pub fn places_on_longest_day(capacity: u16, hours: &WeekHours, slot_minutes: u16) -> u32 {
	let slots = hours
		.iter()
		.flatten()
		.map(|(open, close)| close.saturating_sub(*open).checked_div(slot_minutes).unwrap_or(0))
		.max()
		.unwrap_or(0);
	u32::from(capacity).saturating_mul(u32::from(slots))
}

/// Hours usable with slots of `slot_minutes`: each open day `open < close <= 1440`, both on
/// the slot grid; at least one day open.
pub fn hours_valid(hours: &WeekHours, slot_minutes: u16) -> bool {
	if slot_minutes == 0 {
		return false;
	}
	hours.iter().any(Option::is_some)
		&& hours.iter().flatten().all(|(open, close)| {
			open < close
				&& *close <= MINUTES_PER_DAY
				&& open.is_multiple_of(slot_minutes)
				&& close.is_multiple_of(slot_minutes)
		})
}

impl<AccountId, Balance, MaxName, MaxTiers> FacilitySpec<AccountId, Balance, MaxName, MaxTiers>
where
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxName: Get<u32>,
	MaxTiers: Get<u32>,
{
	/// Slots in a day (`1440 / slot_minutes`).
	pub fn slots_per_day(&self) -> u16 {
		MINUTES_PER_DAY.checked_div(self.slot_minutes).unwrap_or(0)
	}

	/// Check everything but the zone, category, location's zone and fee (the pallet checks
	/// those against storage and the currency).
	pub fn check(
		&self,
		max_slots: u32,
		max_horizon: u16,
		max_bookings_per_day: u32,
	) -> Result<(), SpecError> {
		if !self.location.is_valid() {
			return Err(SpecError::InvalidPoint);
		}
		if self.slot_minutes == 0
			|| !MINUTES_PER_DAY.is_multiple_of(self.slot_minutes)
			|| u32::from(self.slots_per_day()) > max_slots
		{
			return Err(SpecError::InvalidSlotLength);
		}
		if !hours_valid(&self.hours, self.slot_minutes) {
			return Err(SpecError::InvalidHours);
		}
		if self.capacity == 0 {
			return Err(SpecError::InvalidCapacity);
		}
		if places_on_longest_day(self.capacity, &self.hours, self.slot_minutes)
			> max_bookings_per_day
		{
			return Err(SpecError::TooManyPlacesPerDay);
		}
		if self.max_party == 0 || self.max_party > self.capacity {
			return Err(SpecError::InvalidMaxParty);
		}
		if self.resident_horizon_days == 0
			|| self.public_horizon_days > self.resident_horizon_days
			|| self.resident_horizon_days > max_horizon
		{
			return Err(SpecError::InvalidHorizon);
		}
		if !refund_tiers_valid(&self.refund_tiers) {
			return Err(SpecError::InvalidRefundTiers);
		}
		Ok(())
	}

	/// Minutes after local midnight that `slot` starts and ends on `day`, if the slot lies
	/// within that weekday's opening hours.
	pub fn slot_minutes_on(&self, day: DayNumber, slot: SlotIndex) -> Option<(u32, u32)> {
		let (open, close) = self.hours.get(weekday(day)).copied().flatten()?;
		if slot >= self.slots_per_day() {
			return None;
		}
		let start = u32::from(slot) * u32::from(self.slot_minutes);
		let end = start + u32::from(self.slot_minutes);
		(start >= u32::from(open) && end <= u32::from(close)).then_some((start, end))
	}

	/// The slots open on `day`, in order.
	pub fn open_slots(&self, day: DayNumber) -> impl Iterator<Item = SlotIndex> + '_ {
		let (first, last) = match self.hours.get(weekday(day)).copied().flatten() {
			Some((open, close)) if self.slot_minutes > 0 => {
				(open / self.slot_minutes, close / self.slot_minutes)
			}
			_ => (0, 0),
		};
		first..last
	}

	/// The refund percent for cancelling `days_before` local days before the slot's day: the
	/// first tier whose `min_days_before` it reaches; 0 when none.
	pub fn refund_percent(&self, days_before: u32) -> u8 {
		self.refund_tiers
			.iter()
			.find(|t| days_before >= u32::from(t.min_days_before))
			.map_or(0, |t| t.percent)
	}
}

/// Refund tiers: `min_days_before` strictly descending, percents ≤ 100 and never increasing
/// as the slot nears.
pub fn refund_tiers_valid(tiers: &[RefundTier]) -> bool {
	tiers.iter().all(|t| t.percent <= 100)
		&& tiers.windows(2).all(|w| match w {
			[a, b] => a.min_days_before > b.min_days_before && a.percent >= b.percent,
			_ => true,
		})
}

/// An entry of a zone's compact facility index: what "near me" filters and sorts on, so it
/// reads no facility it will not return.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct ZoneEntry {
	/// The facility.
	pub facility: FacilityId,
	/// Its category.
	pub category: CategoryId,
	/// Where it is.
	pub location: GeoPoint,
}

/// What a booking is for: a slot. (Course seats and event registrations have records of
/// their own, with the per-course queues they need; a new kind of booking would be a variant
/// added at the end, so existing bookings decode unchanged.)
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub enum BookingKind {
	/// A slot of a facility on a day.
	Slot,
}

/// Where a booking stands.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub enum BookingStatus {
	/// Booked; once its slot has ended without a check-in it is a no-show (judged when read).
	Booked,
	/// Checked in (by the manager, or by the citizen in a self check-in window).
	CheckedIn,
}

/// A booking. Cancelled and reaped bookings are removed (the events tell their story).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Booking<AccountId, Balance> {
	/// What it is for.
	pub kind: BookingKind,
	/// The facility.
	pub facility: FacilityId,
	/// The facility's category when booked (quota and no-shows count per category).
	pub category: CategoryId,
	/// The local day.
	pub day: DayNumber,
	/// The slot of the day.
	pub slot: SlotIndex,
	/// When the slot starts and ends (UTC ms), fixed when booked.
	pub start: Moment,
	/// ...
	pub end: Moment,
	/// Who booked: the citizen ...
	pub citizen: CitizenId,
	/// ... and the account that paid (refunds go to the citizen's account now, this one if
	/// the citizen has none).
	pub payer: AccountId,
	/// People.
	pub party: u16,
	/// The fee paid (kept with the booking: a later fee change does not touch it).
	pub paid: Balance,
	/// When it was made (its quota month).
	pub booked_at: Moment,
	/// Booked or checked in.
	pub status: BookingStatus,
}

impl<AccountId, Balance> Booking<AccountId, Balance> {
	/// Its slot has ended without a check-in (on a day not closed: the caller knows).
	pub fn missed(&self, now: Moment) -> bool {
		self.status == BookingStatus::Booked && self.end <= now
	}
}

/// Why a booking was cancelled.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub enum CancelReason {
	/// The citizen cancelled (refund by tier, or in full at a retired facility).
	Citizen,
	/// The facility is closed that day (refund in full).
	Closure,
}

/// A closure on record: the facility is closed on `from_day ..= to_day` for every slot that
/// starts after `declared_at`. A slot that had started (or ended) when the closure was
/// declared is not touched: its booking is neither refunded nor excused from a no-show.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct ClosureRecord {
	/// The first closed day.
	pub from_day: DayNumber,
	/// The last closed day.
	pub to_day: DayNumber,
	/// When the manager declared it (UTC ms).
	pub declared_at: Moment,
}

impl ClosureRecord {
	/// Whether the closure covers a slot of `day` starting at `start`.
	pub fn covers(&self, day: DayNumber, start: Moment) -> bool {
		self.from_day <= day && day <= self.to_day && start > self.declared_at
	}
}

/// A closure being worked through: bookings on `next_day ..= to_day` whose slot starts after
/// `declared_at` are cancelled in bounded steps; `next_index` skips bookings of `next_day`
/// that stay (checked in, or started before the closure was declared).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct ClosureTask {
	/// The facility.
	pub facility: FacilityId,
	/// The day being worked on.
	pub next_day: DayNumber,
	/// Bookings of `next_day` before this index stay.
	pub next_index: u32,
	/// The last closed day.
	pub to_day: DayNumber,
	/// When the closure was declared: only slots starting after it are cancelled.
	pub declared_at: Moment,
}

// ---- Courses and events ----

/// A course, numbered in order of publication.
pub type CourseId = u32;
/// An event, numbered in order of listing.
pub type EventId = u32;

/// One session of a course: a local day and the minutes after local midnight it starts and
/// ends.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct Session {
	/// The local day.
	pub day: DayNumber,
	/// Minutes after local midnight it starts ...
	pub start_minute: u16,
	/// ... and ends (`start_minute < end_minute <= 1440`).
	pub end_minute: u16,
}

impl Session {
	/// When it starts (UTC ms).
	pub fn start(&self, offset_minutes: i32) -> Moment {
		moment_of(self.day, u32::from(self.start_minute), offset_minutes)
	}

	/// When it ends (UTC ms).
	pub fn end(&self, offset_minutes: i32) -> Moment {
		moment_of(self.day, u32::from(self.end_minute), offset_minutes)
	}
}

/// The city's word, per category, on whether the slot rules apply to its courses.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	Default,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct CoursePolicy {
	/// Taking a seat counts as a booking towards the category's monthly quota (in the month
	/// the seat is taken; a withdrawal or cancellation that month gives it back).
	pub counts_towards_quota: bool,
	/// A session an enrolled citizen was not checked in at counts as a no-show in the
	/// category, and a suspension in the category refuses enrolling, joining the waitlist
	/// and confirming an offer.
	pub no_shows_count: bool,
}

/// What a facility's manager publishes: the course's names, schedule, seats, fee, enrolment
/// window, offer period, eligibility and refund tiers. Fixed once published (a change is a
/// cancellation and a new course).
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxName, MaxSessions, MaxClaims, MaxTiers))]
#[allow(clippy::multiple_bound_locations)]
pub struct CourseSpec<
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxName: Get<u32>,
	MaxSessions: Get<u32>,
	MaxClaims: Get<u32>,
	MaxTiers: Get<u32>,
> {
	/// The name citizens read.
	pub name: LocalizedName<MaxName>,
	/// The sessions, in order, none overlapping the next; the first after now.
	pub sessions: BoundedVec<Session, MaxSessions>,
	/// Seats, 1 ..= `MaxCourseSeats`.
	pub seats: u16,
	/// The fee for a seat in the local currency (`None`: free), at least the currency's
	/// minimum balance; paid when the seat is taken (never for a waitlist place).
	pub fee: Option<Balance>,
	/// Residents of the facility's zone enrol from this moment (UTC ms) ...
	pub residents_from: Moment,
	/// ... everyone else from this one ...
	pub public_from: Moment,
	/// ... until this one (at most the first session's start). Offers of seats freed later
	/// are still made, until the first session starts.
	pub enrol_until: Moment,
	/// How long an offered seat is held for the citizen at the head of the waitlist to
	/// confirm (and pay), in minutes: 1 ..= `MaxOfferMinutes` (never past the first
	/// session's start).
	pub offer_minutes: u32,
	/// Claims a citizen must hold to enrol (e.g. `YouthAgeBand` for a youth class).
	pub required_claims: BoundedBTreeSet<ClaimKind, MaxClaims>,
	/// Refund tiers for a withdrawal, by local days before the first session's day.
	pub refund_tiers: BoundedVec<RefundTier, MaxTiers>,
}

/// Why a course spec is refused (each an error of the same name).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CourseSpecError {
	InvalidSessions,
	TooFarAhead,
	InvalidSeats,
	InvalidEnrolmentWindow,
	InvalidOfferPeriod,
	InvalidRefundTiers,
}

impl<Balance, MaxName, MaxSessions, MaxClaims, MaxTiers>
	CourseSpec<Balance, MaxName, MaxSessions, MaxClaims, MaxTiers>
where
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxName: Get<u32>,
	MaxSessions: Get<u32>,
	MaxClaims: Get<u32>,
	MaxTiers: Get<u32>,
{
	/// When the first session starts (UTC ms); 0 without sessions.
	pub fn first_start(&self, offset: i32) -> Moment {
		self.sessions.first().map_or(0, |s| s.start(offset))
	}

	/// When the last session ends (UTC ms); 0 without sessions.
	pub fn last_end(&self, offset: i32) -> Moment {
		self.sessions.last().map_or(0, |s| s.end(offset))
	}

	/// The local day of the first session.
	pub fn first_day(&self) -> DayNumber {
		self.sessions.first().map_or(0, |s| s.day)
	}

	/// The local day of the last session.
	pub fn last_day(&self) -> DayNumber {
		self.sessions.last().map_or(0, |s| s.day)
	}

	/// Check the spec at `now` (the pallet checks the fee against the currency).
	pub fn check(
		&self,
		now: Moment,
		offset: i32,
		max_schedule_days: u32,
		max_seats: u32,
		max_offer_minutes: u32,
	) -> Result<(), CourseSpecError> {
		let ordered = self.sessions.windows(2).all(|w| match w {
			[a, b] => a.end(offset) <= b.start(offset),
			_ => true,
		});
		if self.sessions.is_empty()
			|| !ordered
			|| !self
				.sessions
				.iter()
				.all(|s| s.start_minute < s.end_minute && s.end_minute <= MINUTES_PER_DAY)
			|| self.first_start(offset) <= now
		{
			return Err(CourseSpecError::InvalidSessions);
		}
		let horizon = now.saturating_add(u64::from(max_schedule_days).saturating_mul(DAY));
		if self.last_end(offset) > horizon {
			return Err(CourseSpecError::TooFarAhead);
		}
		if self.seats == 0 || u32::from(self.seats) > max_seats {
			return Err(CourseSpecError::InvalidSeats);
		}
		if !(self.residents_from <= self.public_from
			&& self.public_from <= self.enrol_until
			&& self.enrol_until > now
			&& self.enrol_until <= self.first_start(offset))
		{
			return Err(CourseSpecError::InvalidEnrolmentWindow);
		}
		if self.offer_minutes == 0 || self.offer_minutes > max_offer_minutes {
			return Err(CourseSpecError::InvalidOfferPeriod);
		}
		if !refund_tiers_valid(&self.refund_tiers) {
			return Err(CourseSpecError::InvalidRefundTiers);
		}
		Ok(())
	}

	/// The refund percent for withdrawing `days_before` local days before the first
	/// session's day: the first tier it reaches; 0 when none.
	pub fn refund_percent(&self, days_before: u32) -> u8 {
		self.refund_tiers
			.iter()
			.find(|t| days_before >= u32::from(t.min_days_before))
			.map_or(0, |t| t.percent)
	}
}

/// Where a course stands.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub enum CourseStatus {
	/// Published: enrolment by its window, then its sessions.
	Open,
	/// Cancelled: its participants are being removed (seats refunded in full) in bounded
	/// steps; then it is removed.
	Cancelled,
	/// Over and being reaped (missed sessions recorded as no-shows where they count); then
	/// it is removed.
	Ended,
}

/// A course's seats and queues. Two queues are kept as doubly linked lists through the
/// participants (O(1) to append, to take the head and to leave from anywhere): the
/// **waitlist** in order of joining, and the **offers** in order of their deadlines (every
/// offer of a course lasts as long, so the first made ends first).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	Default,
)]
pub struct CourseState {
	/// Seats held by enrolled citizens.
	pub enrolled: u16,
	/// Seats held for offers not yet confirmed (expired ones too, until lapsed).
	pub offered: u16,
	/// Citizens on the waitlist.
	pub waiting: u32,
	/// The sequence number the next citizen joining the waitlist gets (join order).
	pub next_seq: u32,
	/// The waitlist's first and last citizen.
	pub wait_head: Option<CitizenId>,
	pub wait_tail: Option<CitizenId>,
	/// The offer queue's first (earliest deadline) and last citizen.
	pub offer_head: Option<CitizenId>,
	pub offer_tail: Option<CitizenId>,
}

impl CourseState {
	/// Seats neither enrolled nor held for an offer.
	pub fn free_seats(&self, seats: u16) -> u16 {
		seats.saturating_sub(self.enrolled.saturating_add(self.offered))
	}
}

/// A published course: where it is (copied from its facility when published, for the
/// indexes), what the manager published, and its seats and queues.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxName, MaxSessions, MaxClaims, MaxTiers))]
#[allow(clippy::multiple_bound_locations)]
pub struct Course<
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxName: Get<u32>,
	MaxSessions: Get<u32>,
	MaxClaims: Get<u32>,
	MaxTiers: Get<u32>,
> {
	/// The facility it is held at.
	pub facility: FacilityId,
	/// The facility's zone ...
	pub zone: ZoneId,
	/// ... category (the quota and no-shows count in it, as the city's policy says) ...
	pub category: CategoryId,
	/// ... and location, when published.
	pub location: GeoPoint,
	/// What the manager published.
	pub spec: CourseSpec<Balance, MaxName, MaxSessions, MaxClaims, MaxTiers>,
	/// Open, cancelled or ended.
	pub status: CourseStatus,
	/// Seats and queues.
	pub state: CourseState,
}

/// A citizen's standing in a course.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum Standing {
	/// Holds a seat.
	Enrolled,
	/// A freed seat is held for them until `until` (UTC ms): confirm (and pay) before then,
	/// or it passes to the next in line.
	Offered { until: Moment },
	/// On the waitlist; `seq` is the order of joining (FIFO).
	Waiting { seq: u32 },
}

/// What kind of standing (for events).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub enum StandingKind {
	Enrolled,
	Offered,
	Waiting,
}

impl Standing {
	/// Its kind.
	pub fn kind(&self) -> StandingKind {
		match self {
			Standing::Enrolled => StandingKind::Enrolled,
			Standing::Offered { .. } => StandingKind::Offered,
			Standing::Waiting { .. } => StandingKind::Waiting,
		}
	}
}

/// A citizen in a course: enrolled, offered a seat, or waiting. One per course and citizen,
/// so nobody is both enrolled and waiting, or waiting twice.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Participant<AccountId, Balance> {
	/// Enrolled, offered or waiting.
	pub standing: Standing,
	/// The citizen before and after this one in its queue (the offers for `Offered`, the
	/// waitlist for `Waiting`; none for `Enrolled`).
	pub prev: Option<CitizenId>,
	pub next: Option<CitizenId>,
	/// The account the citizen acted from (refunds go to the citizen's account now, this one
	/// if the citizen has none).
	pub payer: AccountId,
	/// The fee paid for the seat (0 until enrolled, and for a free course).
	pub paid: Balance,
	/// When the standing began (the seat taken, the offer made, the waitlist joined).
	pub since: Moment,
	/// Whether taking the seat counted towards the category's monthly quota.
	pub counted: bool,
	/// Sessions checked in at: bit `i` for session `i`.
	pub attended: u64,
}

/// An entry of a zone's compact course index: what "courses near me" filters and sorts on.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct CourseEntry {
	pub course: CourseId,
	pub facility: FacilityId,
	pub category: CategoryId,
	pub location: GeoPoint,
	/// Enrolment opens (for residents) ...
	pub opens: Moment,
	/// ... and closes.
	pub closes: Moment,
}

/// What the city or a facility's manager lists: an event in a zone, at a place, from `start`
/// to `end`, with registration (free) when it has a capacity.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxName))]
pub struct EventSpec<MaxName: Get<u32>> {
	/// The name citizens read.
	pub name: LocalizedName<MaxName>,
	/// The living zone it is held in ...
	pub zone: ZoneId,
	/// ... at this place (which lies in the zone).
	pub place: GeoPoint,
	/// The facility it is held at, if any (a manager lists events only at their facility).
	pub facility: Option<FacilityId>,
	/// When it starts and ends (UTC ms).
	pub start: Moment,
	pub end: Moment,
	/// Places for free registration (1 ..= `MaxEventCapacity`); `None`: open to all, no
	/// registration.
	pub capacity: Option<u32>,
}

/// Whether an event takes place.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub enum EventStatus {
	/// Listed.
	Listed,
	/// Cancelled: its registrations are being removed in bounded steps; then it is removed.
	Cancelled,
}

/// A listed event (named so as not to clash with the pallet's `Event`).
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxName))]
pub struct EventRecord<MaxName: Get<u32>> {
	/// What was listed.
	pub spec: EventSpec<MaxName>,
	/// Registrations held.
	pub registered: u32,
	/// Listed or cancelled.
	pub status: EventStatus,
}

/// An entry of a zone's compact event index: what "events near me" filters and sorts on.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct EventEntry {
	pub event: EventId,
	pub place: GeoPoint,
	pub start: Moment,
	pub end: Moment,
}

/// A course or an event whose cancellation is being worked through.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub enum Listing {
	Course(CourseId),
	Event(EventId),
}

// ---- Genesis ----

/// A zone at genesis (names as UTF-8 bytes).
#[derive(Clone, PartialEq, Eq, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GenesisZone {
	pub id: ZoneId,
	pub name_ko: alloc::vec::Vec<u8>,
	pub name_en: alloc::vec::Vec<u8>,
	pub point: GeoPoint,
	/// May name zones listed later.
	pub neighbours: alloc::vec::Vec<ZoneId>,
}

/// A category at genesis.
#[derive(Clone, PartialEq, Eq, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GenesisCategory {
	pub id: CategoryId,
	pub name_ko: alloc::vec::Vec<u8>,
	pub name_en: alloc::vec::Vec<u8>,
	pub rules: CategoryRules,
}

/// A facility at genesis: a [`FacilitySpec`] with plain vectors.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GenesisFacility<AccountId, Balance> {
	pub zone: ZoneId,
	pub category: CategoryId,
	pub name_ko: alloc::vec::Vec<u8>,
	pub name_en: alloc::vec::Vec<u8>,
	pub location: GeoPoint,
	pub capacity: u16,
	/// The largest party one booking takes; absent (`None`): the capacity.
	#[serde(default)]
	pub max_party: Option<u16>,
	pub hours: WeekHours,
	pub slot_minutes: u16,
	pub resident_horizon_days: u16,
	pub public_horizon_days: u16,
	pub fee: Option<Balance>,
	pub refund_tiers: alloc::vec::Vec<RefundTier>,
	pub manager: AccountId,
}

// ---- Served types ----

/// A name as served: Korean and English, UTF-8.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub struct NameView {
	pub ko: alloc::vec::Vec<u8>,
	pub en: alloc::vec::Vec<u8>,
}

impl<S: Get<u32>> From<LocalizedName<S>> for NameView {
	fn from(name: LocalizedName<S>) -> Self {
		Self { ko: name.ko.into_inner(), en: name.en.into_inner() }
	}
}

/// A zone as served.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct ZoneView {
	pub id: ZoneId,
	pub name: NameView,
	pub point: GeoPoint,
	pub neighbours: alloc::vec::Vec<ZoneId>,
	/// Active facilities in the zone.
	pub facilities: u32,
}

/// A category as served.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct CategoryView {
	pub id: CategoryId,
	pub name: NameView,
	pub rules: CategoryRules,
}

/// A facility as served.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct FacilityView<AccountId, Balance> {
	pub id: FacilityId,
	pub zone: ZoneId,
	pub category: CategoryId,
	pub name: NameView,
	pub location: GeoPoint,
	pub capacity: u16,
	/// The largest party one booking takes.
	pub max_party: u16,
	/// Monday first: `(open, close)` minutes after local midnight.
	pub hours: alloc::vec::Vec<DayHours>,
	pub slot_minutes: u16,
	pub resident_horizon_days: u16,
	pub public_horizon_days: u16,
	pub fee: Option<Balance>,
	pub refund_tiers: alloc::vec::Vec<RefundTier>,
	pub manager: AccountId,
	/// The facility's own account (fees in, refunds out).
	pub account: AccountId,
	pub status: FacilityStatus,
	/// Closed day ranges `(from, to)` still on record.
	pub closures: alloc::vec::Vec<(DayNumber, DayNumber)>,
	/// Self check-in is open until this moment, if it is open now.
	pub self_check_in_until: Option<Moment>,
}

/// A facility near a point.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct NearFacility {
	pub id: FacilityId,
	pub zone: ZoneId,
	pub category: CategoryId,
	pub name: NameView,
	pub location: GeoPoint,
	/// Metres from the point asked about.
	pub distance_m: u32,
}

/// A slot of a facility on a day.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct SlotView {
	pub slot: SlotIndex,
	/// When it starts (UTC ms).
	pub start_ms: Moment,
	/// Places per slot now.
	pub capacity: u16,
	/// Places taken.
	pub taken: u16,
	/// Places that can be booked now: 0 once the slot has started, on a closed day, or at a
	/// retired facility.
	pub free: u16,
}

/// How a booking stands when read.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub enum BookingState {
	/// Its slot has not ended; not checked in yet.
	Upcoming,
	/// Checked in.
	CheckedIn,
	/// Its slot ended without a check-in.
	NoShow,
	/// Its day was closed; the cancellation (full refund) is under way.
	ClosurePending,
	/// Its slot ended without a check-in at a facility since retired: not a no-show.
	Excused,
}

/// A booking as served.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct BookingView<Balance> {
	pub id: BookingId,
	pub facility: FacilityId,
	pub category: CategoryId,
	pub day: DayNumber,
	pub slot: SlotIndex,
	pub start: Moment,
	pub end: Moment,
	pub party: u16,
	pub paid: Balance,
	pub state: BookingState,
}

/// A citizen's standing in a category.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct CategoryStanding {
	pub category: CategoryId,
	/// Bookings made this local month.
	pub booked_this_month: u8,
	/// The category's monthly quota (0: none).
	pub monthly_quota: u8,
	/// No-shows that still count (recorded and not yet reaped).
	pub no_shows: u32,
	/// Booking in the category is suspended until then, if it is now.
	pub suspended_until: Option<Moment>,
}

/// A citizen's bookings as served.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct CitizenBookingsView<Balance> {
	pub citizen: CitizenId,
	/// Not ended yet, soonest first.
	pub upcoming: alloc::vec::Vec<BookingView<Balance>>,
	/// Ended and checked in, excused (a retired facility), or awaiting a closure's
	/// cancellation, latest first.
	pub past: alloc::vec::Vec<BookingView<Balance>>,
	/// Ended without a check-in (not yet reaped), latest first.
	pub no_shows: alloc::vec::Vec<BookingView<Balance>>,
	/// Per category the citizen has booked in or been penalised in.
	pub categories: alloc::vec::Vec<CategoryStanding>,
}

/// A session as served.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct SessionView {
	pub day: DayNumber,
	pub start_minute: u16,
	pub end_minute: u16,
	/// When it starts and ends (UTC ms).
	pub start_ms: Moment,
	pub end_ms: Moment,
}

/// A course as served: its schedule, seats and waitlist length.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct CourseView<Balance> {
	pub id: CourseId,
	pub facility: FacilityId,
	pub zone: ZoneId,
	pub category: CategoryId,
	pub name: NameView,
	pub location: GeoPoint,
	pub sessions: alloc::vec::Vec<SessionView>,
	pub seats: u16,
	/// Seats held by enrolled citizens.
	pub enrolled: u16,
	/// Seats held for offers (`expired_offers` of them past their deadline, passing on at
	/// the next call that touches the course).
	pub offered: u16,
	pub expired_offers: u16,
	/// Seats free to enrol in now (0 outside the enrolment window, or while anyone waits).
	pub free: u16,
	/// Citizens on the waitlist.
	pub waiting: u32,
	pub fee: Option<Balance>,
	pub residents_from: Moment,
	pub public_from: Moment,
	pub enrol_until: Moment,
	pub offer_minutes: u32,
	pub required_claims: alloc::vec::Vec<ClaimKind>,
	pub refund_tiers: alloc::vec::Vec<RefundTier>,
	/// Whether the quota and no-shows count for it (the city's policy for its category).
	pub policy: CoursePolicy,
	pub status: CourseStatus,
}

/// A course open for enrolment near a point.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct NearCourse<Balance> {
	pub id: CourseId,
	pub facility: FacilityId,
	pub zone: ZoneId,
	pub category: CategoryId,
	pub name: NameView,
	pub location: GeoPoint,
	/// Metres from the point asked about.
	pub distance_m: u32,
	pub seats: u16,
	/// Seats neither enrolled nor held for an offer.
	pub free: u16,
	pub waiting: u32,
	pub fee: Option<Balance>,
	/// When the first session starts (UTC ms).
	pub first_start: Moment,
	pub residents_from: Moment,
	pub public_from: Moment,
	pub enrol_until: Moment,
}

/// A citizen's standing in a course, as served.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub enum StandingView {
	/// Holds a seat.
	Enrolled,
	/// A seat is held for them until `until`; `expired` once that has passed (it passes to
	/// the next in line at the next call that touches the course).
	Offered { until: Moment, expired: bool },
	/// On the waitlist at `position` (1: next in line): exactly the citizens still waiting
	/// ahead of them, plus one.
	Waiting { position: u32 },
}

/// A citizen's course, as served.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct CitizenCourseView<Balance> {
	pub course: CourseId,
	pub facility: FacilityId,
	pub name: NameView,
	pub standing: StandingView,
	pub paid: Balance,
	pub first_start: Moment,
	pub last_end: Moment,
	/// Sessions checked in at.
	pub attended: u32,
	/// Sessions ended without a check-in (not on a closed day, at a facility not retired).
	pub missed: u32,
	pub status: CourseStatus,
}

/// An event a citizen registered for, as served.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct CitizenEventView {
	pub event: EventId,
	pub name: NameView,
	pub place: GeoPoint,
	pub start: Moment,
	pub end: Moment,
	pub status: EventStatus,
}

/// A citizen's courses (enrolments, offers, waitlist places) and event registrations.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct CitizenCoursesView<Balance> {
	pub citizen: CitizenId,
	/// Soonest first.
	pub courses: alloc::vec::Vec<CitizenCourseView<Balance>>,
	/// Soonest first.
	pub events: alloc::vec::Vec<CitizenEventView>,
}

/// An event as served.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct EventView {
	pub id: EventId,
	pub name: NameView,
	pub zone: ZoneId,
	pub place: GeoPoint,
	pub facility: Option<FacilityId>,
	pub start: Moment,
	pub end: Moment,
	/// Places for registration (`None`: open to all, no registration).
	pub capacity: Option<u32>,
	pub registered: u32,
	pub status: EventStatus,
}

/// An event near a point.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct NearEvent {
	pub id: EventId,
	pub name: NameView,
	pub zone: ZoneId,
	pub place: GeoPoint,
	pub facility: Option<FacilityId>,
	pub start: Moment,
	pub end: Moment,
	pub capacity: Option<u32>,
	pub registered: u32,
	/// Metres from the point asked about.
	pub distance_m: u32,
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn distances_are_good_to_a_percent_at_city_scale() {
		// Busan City Hall → Haeundae Beach: 8,109 m by the haversine formula.
		let city_hall = GeoPoint::new(35_179_800, 129_075_000);
		let haeundae = GeoPoint::new(35_158_700, 129_160_400);
		let d = city_hall.distance_m(&haeundae);
		assert!((8_028..=8_190).contains(&d), "{d}");
		// One degree of latitude.
		assert_eq!(GeoPoint::new(0, 0).distance_m(&GeoPoint::new(1_000_000, 0)), 111_195);
		// One degree of longitude at 60°: half of one at the equator.
		let d = GeoPoint::new(60_000_000, 0).distance_m(&GeoPoint::new(60_000_000, 1_000_000));
		assert!((55_590..=55_605).contains(&d), "{d}");
		assert_eq!(city_hall.distance_m(&city_hall), 0);
		// Across the antimeridian.
		let d = GeoPoint::new(0, 179_999_000).distance_m(&GeoPoint::new(0, -179_999_000));
		assert!((220..=224).contains(&d), "{d}");
	}

	#[test]
	fn points_are_validated() {
		assert!(GeoPoint::new(90_000_000, -180_000_000).is_valid());
		assert!(!GeoPoint::new(90_000_001, 0).is_valid());
		assert!(!GeoPoint::new(0, 180_000_001).is_valid());
		assert!(!GeoPoint::new(i32::MIN, 0).is_valid());
	}

	#[test]
	fn square_roots_are_exact_floors() {
		for n in [0u128, 1, 2, 3, 4, 15, 16, 17, 99, 100, 101, u64::MAX as u128, u128::MAX] {
			let r = isqrt(n);
			assert!(r * r <= n, "{n}");
			assert!((r + 1).checked_mul(r + 1).is_none_or(|s| s > n), "{n}");
		}
	}

	#[test]
	fn the_local_calendar() {
		// 2026-01-01 00:00 UTC is 09:00 KST on Thursday 1 January 2026.
		let jan1 = citizen_primitives::testing::epochs::JAN_1_2026;
		let day = local_day(jan1, 540);
		assert_eq!(day, 20_454);
		assert_eq!(weekday(day), 3);
		assert_eq!(month_of(day), 2026 * 12);
		assert_eq!(month_of(day - 1), 2025 * 12 + 11);
		assert_eq!(month_of(day + 31), 2026 * 12 + 1);
		// 15:00 UTC on 31 December 2025 is local midnight.
		assert_eq!(local_day(jan1 - 9 * 3_600_000, 540), day);
		assert_eq!(local_day(jan1 - 9 * 3_600_000 - 1, 540), day - 1);
		assert_eq!(moment_of(day, 9 * 60, 540), jan1);
		assert_eq!(weekday(0), 3);
		assert_eq!(month_of(0), 1970 * 12);
		// Leap day 2028.
		assert_eq!(month_of(local_day(1_835_395_200_000, 0)), 2028 * 12 + 1);
	}
}
