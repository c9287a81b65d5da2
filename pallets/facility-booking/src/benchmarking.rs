//! Benchmarks: each call on its most expensive path, each asserting its outcome.

use super::*;
use alloc::vec::Vec;
use citizen_primitives::{ClaimKind, ClaimValue, DAY};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Inspect, EnsureOrigin, Get},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_runtime::traits::{Saturating, StaticLookup, Zero};

/// The benchmarks' clock: 2026-05-22 00:00 UTC.
const NOW: Moment = 1_779_408_000_000;
/// The benchmarks' zone and category.
const ZONE: ZoneId = 1;
const CATEGORY: CategoryId = 1;

fn admin<T: Config>() -> T::RuntimeOrigin {
	T::AdminOrigin::try_successful_origin().expect("admin origin for benchmarks")
}

fn set_now<T: Config>(now: Moment) {
	<T::BenchmarkClock as citizen_primitives::BenchmarkClock>::set_now(now);
}

fn today<T: Config>() -> DayNumber {
	Pallet::<T>::today()
}

/// The longest name, in both languages.
fn longest_name<T: Config>() -> NameOf<T> {
	let bytes = alloc::vec![b'x'; T::MaxNameLength::get() as usize];
	LocalizedName::truncate_from(bytes.clone(), bytes)
}

/// A fee well above the currency's minimum.
fn fee<T: Config>() -> T::Balance {
	T::Currency::minimum_balance().max(1u32.into()).saturating_mul(1_000u32.into())
}

/// Zones `1 ..= n`, each at its own point, no neighbours.
fn zones<T: Config>(n: u32) {
	for id in 1..=n {
		let zone = Zone {
			name: longest_name::<T>(),
			point: GeoPoint::new(35_000_000 + id as i32 * 1_000, 129_000_000),
			neighbours: BoundedVec::new(),
		};
		Pallet::<T>::do_register_zone(id as ZoneId, zone, false).expect("a zone");
	}
}

/// The benchmarks' category: a quota, and a penalty whose no-shows are remembered long
/// (spaced a day apart they never reach the limit within its one-hour window).
fn category<T: Config>() {
	let rules = CategoryRules {
		monthly_quota: u8::MAX,
		no_show_limit: T::MaxNoShowsRemembered::get().clamp(1, 255) as u8,
		no_show_window: 3_600_000,
		suspension: 365 * DAY,
	};
	Pallet::<T>::do_set_category(CATEGORY, Category { name: longest_name::<T>(), rules })
		.expect("a category");
}

/// Worst-case spec: the longest name, the most refund tiers, a fee, open all day in hourly
/// slots with as many places as `MaxBookingsPerDay` allows, booked up to `MaxHorizonDays`
/// ahead (residents), public one day less.
fn spec<T: Config>(manager: T::AccountId) -> FacilitySpecOf<T> {
	let horizon = T::MaxHorizonDays::get();
	let tiers: Vec<RefundTier> = (0..T::MaxRefundTiers::get())
		.map(|i| RefundTier {
			min_days_before: (T::MaxRefundTiers::get() - i) as u16,
			percent: (100u32.saturating_sub(i * 10)) as u8,
		})
		.collect();
	FacilitySpec {
		zone: ZONE,
		category: CATEGORY,
		name: longest_name::<T>(),
		location: GeoPoint::new(35_001_000, 129_000_100),
		capacity: places::<T>(),
		max_party: places::<T>(),
		hours: [Some((0, 1440)); 7],
		slot_minutes: 60,
		resident_horizon_days: horizon,
		public_horizon_days: horizon.saturating_sub(1).max(1),
		fee: Some(fee::<T>()),
		refund_tiers: BoundedVec::truncate_from(tiers),
		manager,
	}
}

/// Places per slot of the benchmarks' facility: open 24 hourly slots a day, within
/// `MaxBookingsPerDay`.
fn places<T: Config>() -> u16 {
	(T::MaxBookingsPerDay::get() / 24).clamp(1, u32::from(u16::MAX)) as u16
}

/// The clock, the zone (its index emptied of what a genesis put there) and the category.
fn world<T: Config>() {
	set_now::<T>(NOW);
	zones::<T>(1);
	ZoneFacilities::<T>::remove(ZONE);
	category::<T>();
}

/// The world and a paid facility managed by `manager`.
fn facility<T: Config>() -> (FacilityId, T::AccountId) {
	world::<T>();
	let manager: T::AccountId = account("manager", 0, 0);
	let id = Pallet::<T>::do_register_facility(spec::<T>(manager.clone())).expect("a facility");
	(id, manager)
}

/// The facility's closures and the queue one short of full (far-future days of `far`).
fn full_closures<T: Config>(id: FacilityId, far: DayNumber) {
	let closures: Vec<_> = (1..T::MaxClosuresPerFacility::get())
		.map(|i| ClosureRecord { from_day: far + i, to_day: far + i, declared_at: NOW })
		.collect();
	Closures::<T>::insert(id, BoundedVec::truncate_from(closures));
	let tasks: Vec<_> = (1..T::MaxPendingClosures::get())
		.map(|i| ClosureTask {
			facility: id.saturating_add(i),
			next_day: far,
			next_index: 0,
			to_day: far,
			declared_at: NOW,
		})
		.collect();
	ClosureQueue::<T>::put(BoundedVec::truncate_from(tasks));
}

/// A bookable slot for the `i`-th booking of a day (spread over the day's 24 slots, so
/// `MaxCancellationsPerStep` bookings fit whatever the places per slot).
fn slot_for(i: u32) -> SlotIndex {
	((10 + i) % 24) as SlotIndex
}

/// A funded citizen resident in the benchmarks' zone.
fn citizen<T: Config>(index: u32) -> (T::AccountId, CitizenId) {
	let who: T::AccountId = account("citizen", index, 0);
	let id = <T::Citizens as BenchmarkCitizens<T::AccountId>>::benchmark_citizen(
		&who,
		&[ClaimValue::Resident { zone: ZONE, since: NOW - 365 * DAY }],
		NOW + 3_650 * DAY,
	)
	.expect("a citizen");
	T::BenchmarkHelper::fund_account(&who, fee::<T>().saturating_mul(10_000u32.into()));
	(who, id)
}

// ---- Courses and events ----

/// A second category, for courses a citizen is in besides the one benchmarked.
const OTHER_CATEGORY: CategoryId = 2;

/// Both course rules on, for both categories.
fn course_policies<T: Config>() {
	let policy = CoursePolicy { counts_towards_quota: true, no_shows_count: true };
	CoursePolicies::<T>::insert(CATEGORY, policy);
	CoursePolicies::<T>::insert(OTHER_CATEGORY, policy);
}

/// The claims a course requires: as many kinds as `MaxRequiredClaims` allows.
fn required_claims<T: Config>() -> frame_support::BoundedBTreeSet<ClaimKind, T::MaxRequiredClaims> {
	let mut set = frame_support::BoundedBTreeSet::new();
	for kind in ClaimKind::ALL.into_iter().take(T::MaxRequiredClaims::get() as usize) {
		let _ = set.try_insert(kind);
	}
	set
}

/// A citizen resident in the zone holding every kind of claim, funded.
fn full_citizen<T: Config>(index: u32) -> (T::AccountId, CitizenId) {
	let who: T::AccountId = account("learner", index, 0);
	let id = <T::Citizens as BenchmarkCitizens<T::AccountId>>::benchmark_citizen(
		&who,
		&[
			ClaimValue::Resident { zone: ZONE, since: NOW - 365 * DAY },
			ClaimValue::YouthAgeBand,
			ClaimValue::MultiChildHousehold {
				household: sp_core::H256::repeat_byte(index as u8),
				children: 2,
			},
		],
		NOW + 3_650 * DAY,
	)
	.expect("a citizen");
	T::BenchmarkHelper::fund_account(&who, fee::<T>().saturating_mul(10_000u32.into()));
	(who, id)
}

/// Worst-case course: the longest name, `MaxSessions` sessions from 10 days ahead, `seats`
/// seats, a fee, every claim kind required, the most refund tiers; enrolment open now.
fn course_spec<T: Config>(seats: u16) -> CourseSpecOf<T> {
	let today = today::<T>();
	let sessions: Vec<Session> = (0..T::MaxSessions::get())
		.map(|i| Session { day: today + 10 + i, start_minute: 600, end_minute: 660 })
		.collect();
	CourseSpec {
		name: longest_name::<T>(),
		sessions: BoundedVec::truncate_from(sessions),
		seats,
		fee: Some(fee::<T>()),
		residents_from: NOW,
		public_from: NOW,
		enrol_until: moment_of(today + 9, 0, T::UtcOffsetMinutes::get()),
		offer_minutes: 60,
		required_claims: required_claims::<T>(),
		refund_tiers: spec::<T>(account("manager", 0, 0)).refund_tiers,
	}
}

/// The world, a paid facility and a published course of `seats` seats.
fn course<T: Config>(seats: u16) -> (CourseId, FacilityId, T::AccountId) {
	let (facility, manager) = facility::<T>();
	let id = Pallet::<T>::do_publish_course(&manager, facility, course_spec::<T>(seats))
		.expect("a course");
	(id, facility, manager)
}

/// Synthetic citizen ids for queues built straight into storage (far above the registry's).
const QUEUED: CitizenId = 1_000_000_000;

/// Put `n` citizens (ids `base ..`) at the tail of a queue of `course` (`waitlist`, or the
/// offers with `until`), each with the course on their list.
fn put_queue<T: Config>(course: CourseId, base: CitizenId, n: u32, waitlist: bool, until: Moment) {
	let mut c = Courses::<T>::get(course).expect("the course");
	for i in 0..n {
		let citizen = base + u64::from(i);
		let standing = if waitlist {
			let seq = c.state.next_seq;
			c.state.next_seq += 1;
			c.state.waiting += 1;
			Standing::Waiting { seq }
		} else {
			c.state.offered += 1;
			Standing::Offered { until }
		};
		let (head, tail) = if waitlist {
			(&mut c.state.wait_head, &mut c.state.wait_tail)
		} else {
			(&mut c.state.offer_head, &mut c.state.offer_tail)
		};
		let prev = *tail;
		match prev {
			Some(last) => Participants::<T>::mutate(course, last, |p| {
				if let Some(p) = p {
					p.next = Some(citizen);
				}
			}),
			None => *head = Some(citizen),
		}
		*tail = Some(citizen);
		Participants::<T>::insert(
			course,
			citizen,
			Participant {
				standing,
				prev,
				next: None,
				payer: account("queued", i, 0),
				paid: Zero::zero(),
				since: NOW,
				counted: false,
				attended: 0,
			},
		);
		CitizenCourses::<T>::mutate(citizen, |list| {
			let _ = list.try_push(course);
		});
	}
	Courses::<T>::insert(course, c);
}

/// Put `n` enrolled citizens (ids `base ..`) in `course`, each having paid the fee (into the
/// facility's account) from its own funded account, counted in the quota.
fn put_enrolled<T: Config>(course: CourseId, base: CitizenId, n: u32) {
	let mut c = Courses::<T>::get(course).expect("the course");
	let month = month_of(today::<T>());
	for i in 0..n {
		let citizen = base + u64::from(i);
		let payer: T::AccountId = account("enrolled", i, 0);
		T::BenchmarkHelper::fund_account(&payer, fee::<T>().saturating_mul(10u32.into()));
		T::BenchmarkHelper::fund_account(
			&Pallet::<T>::facility_account(c.facility),
			fee::<T>().saturating_mul((i + 1).into()),
		);
		Participants::<T>::insert(
			course,
			citizen,
			Participant {
				standing: Standing::Enrolled,
				prev: None,
				next: None,
				payer,
				paid: fee::<T>(),
				since: NOW,
				counted: true,
				attended: 0,
			},
		);
		CitizenCourses::<T>::mutate(citizen, |list| {
			let _ = list.try_push(course);
		});
		MonthlyUse::<T>::insert(citizen, c.category, (month, 1));
		let remembered: Vec<Moment> =
			(0..T::MaxNoShowsRemembered::get()).map(|d| NOW - (10 + d as u64) * DAY).collect();
		NoShows::<T>::insert(citizen, c.category, BoundedVec::truncate_from(remembered));
	}
	c.state.enrolled = c.state.enrolled.saturating_add(n as u16);
	Courses::<T>::insert(course, c);
}

/// Fill `citizen`'s course list with ended courses (straight into storage) of `category`,
/// each with `MaxSessions` sessions over the days before today, in which they are enrolled
/// and checked in at `attended` (a bitmask).
fn ended_courses<T: Config>(
	citizen: CitizenId,
	facility: FacilityId,
	category: CategoryId,
	attended: u64,
) {
	let today = today::<T>();
	let n = T::MaxSessions::get();
	let mut spec = course_spec::<T>(1);
	spec.sessions = BoundedVec::truncate_from(
		(0..n)
			.map(|i| Session { day: today - 1 - n + i, start_minute: 600, end_minute: 660 })
			.collect::<Vec<_>>(),
	);
	let payer: T::AccountId = account("ended", 0, 0);
	let mut list = CitizenCourses::<T>::get(citizen);
	while !list.is_full() {
		let id = NextCourseId::<T>::get();
		NextCourseId::<T>::put(id + 1);
		let f = Facilities::<T>::get(facility).expect("the facility");
		Courses::<T>::insert(
			id,
			Course {
				facility,
				zone: f.spec.zone,
				category,
				location: f.spec.location,
				spec: spec.clone(),
				status: CourseStatus::Open,
				state: CourseState { enrolled: 1, ..Default::default() },
			},
		);
		Participants::<T>::insert(
			id,
			citizen,
			Participant {
				standing: Standing::Enrolled,
				prev: None,
				next: None,
				payer: payer.clone(),
				paid: Zero::zero(),
				since: NOW - 30 * DAY,
				counted: false,
				attended,
			},
		);
		let _ = list.try_push(id);
	}
	CitizenCourses::<T>::insert(citizen, list);
}

/// Fill `citizen`'s booking list with upcoming bookings at `facility` (read by the
/// suspension check).
fn full_bookings<T: Config>(who: &T::AccountId, citizen: CitizenId, facility: FacilityId) {
	let day = today::<T>() + 1;
	for i in 0..T::MaxLiveBookingsPerCitizen::get() {
		Pallet::<T>::do_book(who, citizen, facility, day, slot_for(i), 1, fee::<T>())
			.expect("booked");
	}
}

/// A second facility, in the other category.
fn other_facility<T: Config>(manager: &T::AccountId) -> FacilityId {
	let rules = CategoryRules {
		monthly_quota: u8::MAX,
		no_show_limit: T::MaxNoShowsRemembered::get().clamp(1, 255) as u8,
		no_show_window: 3_600_000,
		suspension: 365 * DAY,
	};
	Pallet::<T>::do_set_category(OTHER_CATEGORY, Category { name: longest_name::<T>(), rules })
		.expect("a category");
	let mut s = spec::<T>(manager.clone());
	s.category = OTHER_CATEGORY;
	Pallet::<T>::do_register_facility(s).expect("a facility")
}

/// The cancellation queue one short of full (other, nonexistent listings).
fn cancel_queue_but_one<T: Config>() {
	let queue: Vec<Listing> =
		(1..T::MaxPendingCancellations::get()).map(|i| Listing::Event(EventId::MAX - i)).collect();
	CancelQueue::<T>::put(BoundedVec::truncate_from(queue));
}

/// The zone's event index one short of full, of events ending tomorrow.
fn zone_events_but_one<T: Config>() {
	let entries: Vec<EventEntry> = (1..T::MaxEventsPerZone::get())
		.map(|i| EventEntry {
			event: EventId::MAX - i,
			place: GeoPoint::new(35_001_000, 129_000_100),
			start: NOW + DAY,
			end: NOW + 2 * DAY,
		})
		.collect();
	ZoneEvents::<T>::insert(ZONE, BoundedVec::truncate_from(entries));
}

/// An event at the facility, tomorrow, with the largest capacity.
fn event_spec<T: Config>(facility: FacilityId) -> EventSpecOf<T> {
	EventSpec {
		name: longest_name::<T>(),
		zone: ZONE,
		place: GeoPoint::new(35_001_000, 129_000_100),
		facility: Some(facility),
		start: NOW + DAY,
		end: NOW + DAY + 2 * 3_600_000,
		capacity: Some(T::MaxEventCapacity::get()),
	}
}

/// Register `n` synthetic citizens (ids `base ..`) for `event`.
fn put_registrations<T: Config>(event: EventId, base: CitizenId, n: u32) {
	for i in 0..n {
		let citizen = base + u64::from(i);
		EventRegistrations::<T>::insert(event, citizen, NOW);
		CitizenEvents::<T>::mutate(citizen, |list| {
			let _ = list.try_push(event);
		});
	}
	Events::<T>::mutate(event, |e| {
		if let Some(e) = e {
			e.registered += n;
		}
	});
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Worst case: the index full, the longest name, an update replacing the most
	/// neighbours by as many others: each old one drops the zone, each new one lists it.
	#[benchmark]
	fn register_zone() {
		let max = T::MaxZones::get();
		zones::<T>(max.saturating_sub(1));
		let k = T::MaxNeighbours::get().min(max.saturating_sub(1) / 2);
		let id = max as ZoneId;
		let point = GeoPoint::new(35_100_000, 129_100_000);
		let before: Vec<ZoneId> = (1..=k).map(|z| z as ZoneId).collect();
		let zone = Zone {
			name: longest_name::<T>(),
			point,
			neighbours: BoundedVec::truncate_from(before.clone()),
		};
		Pallet::<T>::do_register_zone(id, zone, true).expect("a zone");
		let neighbours: Vec<ZoneId> = (k + 1..=2 * k).map(|z| z as ZoneId).collect();
		#[extrinsic_call]
		_(
			admin::<T>() as T::RuntimeOrigin,
			id,
			longest_name::<T>(),
			point,
			BoundedVec::truncate_from(neighbours.clone()),
		);
		assert_eq!(
			Zones::<T>::get(id).map(|z| z.neighbours.into_inner()),
			Some(neighbours.clone())
		);
		for n in before {
			assert!(Zones::<T>::get(n).is_some_and(|z| !z.neighbours.contains(&id)));
		}
		for n in neighbours {
			assert!(Zones::<T>::get(n).is_some_and(|z| z.neighbours.contains(&id)));
		}
		assert_eq!(ZoneIndex::<T>::get().len() as u32, max);
	}

	#[benchmark]
	fn set_category() {
		let rules = CategoryRules {
			monthly_quota: 3,
			no_show_limit: 1,
			no_show_window: 90 * DAY,
			suspension: 30 * DAY,
		};
		#[extrinsic_call]
		_(admin::<T>() as T::RuntimeOrigin, CATEGORY, longest_name::<T>(), rules);
		assert_eq!(Categories::<T>::get(CATEGORY).map(|c| c.rules), Some(rules));
	}

	/// Worst case: the zone's index one short of full, every part of the spec at its
	/// largest.
	#[benchmark]
	fn register_facility() {
		world::<T>();
		let manager: T::AccountId = account("manager", 0, 0);
		for _ in 1..T::MaxFacilitiesPerZone::get() {
			Pallet::<T>::do_register_facility(spec::<T>(manager.clone())).expect("a facility");
		}
		let id = NextFacilityId::<T>::get();
		#[extrinsic_call]
		_(admin::<T>() as T::RuntimeOrigin, spec::<T>(manager));
		assert!(Facilities::<T>::contains_key(id));
		assert_eq!(ZoneFacilities::<T>::get(ZONE).len() as u32, T::MaxFacilitiesPerZone::get());
	}

	/// Worst case: the zone's index full, the facility last in it; the zone's course index
	/// full (the facility's courses leave it).
	#[benchmark]
	fn retire_facility() {
		let (_, manager) = facility::<T>();
		for _ in 1..T::MaxFacilitiesPerZone::get() {
			Pallet::<T>::do_register_facility(spec::<T>(manager.clone())).expect("a facility");
		}
		let id = NextFacilityId::<T>::get() - 1;
		let entries: Vec<CourseEntry> = (0..T::MaxCoursesPerZone::get())
			.map(|i| CourseEntry {
				course: i,
				facility: id,
				category: CATEGORY,
				location: GeoPoint::new(35_001_000, 129_000_100),
				opens: NOW,
				closes: NOW + DAY,
			})
			.collect();
		ZoneCourses::<T>::insert(ZONE, BoundedVec::truncate_from(entries));
		#[extrinsic_call]
		_(admin::<T>() as T::RuntimeOrigin, id);
		assert_eq!(Facilities::<T>::get(id).map(|f| f.status), Some(FacilityStatus::Retired));
		assert!(ZoneCourses::<T>::get(ZONE).is_empty());
	}

	#[benchmark]
	fn appoint_manager() {
		let (id, _) = facility::<T>();
		let manager: T::AccountId = account("manager", 1, 0);
		#[extrinsic_call]
		_(admin::<T>() as T::RuntimeOrigin, id, T::Lookup::unlookup(manager.clone()));
		assert_eq!(Facilities::<T>::get(id).map(|f| f.spec.manager), Some(manager));
	}

	#[benchmark]
	fn set_hours() {
		let (id, manager) = facility::<T>();
		let hours = [Some((360, 1320)); 7];
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), id, hours);
		assert_eq!(Facilities::<T>::get(id).map(|f| f.spec.hours), Some(hours));
	}

	#[benchmark]
	fn set_capacity() {
		let (id, manager) = facility::<T>();
		let capacity = places::<T>().saturating_sub(1).max(1);
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), id, capacity);
		assert_eq!(Facilities::<T>::get(id).map(|f| f.spec.capacity), Some(capacity));
	}

	#[benchmark]
	fn set_fee() {
		let (id, manager) = facility::<T>();
		let new = fee::<T>().saturating_mul(2u32.into());
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), id, Some(new));
		assert_eq!(Facilities::<T>::get(id).and_then(|f| f.spec.fee), Some(new));
	}

	#[benchmark]
	fn check_in() {
		let (id, manager) = facility::<T>();
		let (who, c) = citizen::<T>(0);
		let day = today::<T>() + 1;
		let booking = Pallet::<T>::do_book(&who, c, id, day, 10, 1, fee::<T>()).expect("booked");
		set_now::<T>(moment_of(day, 600, T::UtcOffsetMinutes::get()));
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), booking);
		assert_eq!(Bookings::<T>::get(booking).map(|b| b.status), Some(BookingStatus::CheckedIn));
	}

	#[benchmark]
	fn self_check_in() {
		let (id, manager) = facility::<T>();
		let (who, c) = citizen::<T>(0);
		let day = today::<T>() + 1;
		let booking = Pallet::<T>::do_book(&who, c, id, day, 10, 1, fee::<T>()).expect("booked");
		let start = moment_of(day, 600, T::UtcOffsetMinutes::get());
		set_now::<T>(start);
		Pallet::<T>::do_open_self_check_in(&manager, id, start + 3_600_000).expect("opened");
		#[extrinsic_call]
		_(RawOrigin::Signed(who), booking);
		assert_eq!(Bookings::<T>::get(booking).map(|b| b.status), Some(BookingStatus::CheckedIn));
	}

	#[benchmark]
	fn open_self_check_in() {
		let (id, manager) = facility::<T>();
		let until = NOW + T::MaxSelfCheckInWindow::get();
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), id, until);
		assert_eq!(SelfCheckIn::<T>::get(id), Some(until));
	}

	/// Worst case: the facility's closures one short of full, the queue one short of full.
	#[benchmark]
	fn close() {
		let (id, manager) = facility::<T>();
		let today = today::<T>();
		let far = today + 1_000;
		full_closures::<T>(id, far);
		let to = today + T::MaxClosureDays::get() - 1;
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), id, today, to);
		assert!(Closures::<T>::get(id).iter().any(|c| (c.from_day, c.to_day) == (today, to)));
		assert_eq!(ClosureQueue::<T>::get().len() as u32, T::MaxPendingClosures::get());
	}

	/// Worst case: the facility's closures full, the queue full, the closure lifted last in
	/// both.
	#[benchmark]
	fn lift_closure() {
		let (id, manager) = facility::<T>();
		let today = today::<T>();
		full_closures::<T>(id, today + 1_000);
		let to = today + T::MaxClosureDays::get() - 1;
		Pallet::<T>::do_close(&manager, id, today, to).expect("closed");
		#[extrinsic_call]
		_(admin::<T>() as T::RuntimeOrigin, id, today, to);
		assert!(!Closures::<T>::get(id).iter().any(|c| (c.from_day, c.to_day) == (today, to)));
		assert_eq!(
			ClosureQueue::<T>::get().len() as u32,
			T::MaxPendingClosures::get().saturating_sub(1)
		);
	}

	/// Worst case: a paid facility; a resident booking beyond the public horizon; the quota
	/// one short; the citizen's list full of ended no-shows on separate days, all reaped
	/// (each taken off its day, each remembered in a full no-show list, dropping the
	/// oldest), each read again for the suspension check.
	#[benchmark]
	fn book() {
		let (id, _) = facility::<T>();
		let (who, c) = citizen::<T>(0);
		let offset = T::UtcOffsetMinutes::get();
		let start_day = today::<T>();
		let live = T::MaxLiveBookingsPerCitizen::get();
		for i in 0..live {
			set_now::<T>(moment_of(start_day + i, 0, offset));
			Pallet::<T>::do_book(&who, c, id, start_day + i + 1, 10, 1, fee::<T>())
				.expect("booked");
		}
		let now = moment_of(start_day + live + 1, 12 * 60, offset);
		set_now::<T>(now);
		let remembered: Vec<Moment> = (0..T::MaxNoShowsRemembered::get())
			.map(|i| now - (live as u64 + 2 + i as u64) * DAY)
			.collect();
		NoShows::<T>::insert(c, CATEGORY, BoundedVec::truncate_from(remembered));
		// Course no-shows count in the category: the suspension check also reads a full list
		// of the citizen's courses there (every session attended: no suspension).
		course_policies::<T>();
		ended_courses::<T>(c, id, CATEGORY, u64::MAX);
		let today = today::<T>();
		MonthlyUse::<T>::insert(c, CATEGORY, (month_of(today), u8::MAX - 1));
		let day = today + u32::from(T::MaxHorizonDays::get());
		let before = T::Currency::balance(&who);
		let booking = NextBookingId::<T>::get();
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), id, day, 10, 1, fee::<T>());
		assert!(Bookings::<T>::contains_key(booking));
		assert_eq!(CitizenBookings::<T>::get(c).into_inner(), alloc::vec![booking]);
		assert_eq!(T::Currency::balance(&who), before - fee::<T>());
		assert_eq!(NoShows::<T>::get(c, CATEGORY).len() as u32, T::MaxNoShowsRemembered::get());
		assert_eq!(MonthlyUse::<T>::get(c, CATEGORY), Some((month_of(today), u8::MAX)));
	}

	/// Worst case: a partial refund by tier (the facility keeps the rest), the citizen's
	/// list full.
	#[benchmark]
	fn cancel() {
		let (id, _) = facility::<T>();
		let (who, c) = citizen::<T>(0);
		let day = today::<T>() + 1;
		let ids: Vec<BookingId> = (0..T::MaxLiveBookingsPerCitizen::get())
			.map(|i| {
				Pallet::<T>::do_book(&who, c, id, day, i as SlotIndex, 1, fee::<T>())
					.expect("booked")
			})
			.collect();
		let booking = *ids.last().expect("a booking");
		let before = T::Currency::balance(&who);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), booking);
		assert!(!Bookings::<T>::contains_key(booking));
		let percent = Facilities::<T>::get(id).map(|f| f.spec.refund_percent(1)).unwrap_or(0);
		let refund = sp_runtime::Percent::from_percent(percent).mul_floor(fee::<T>());
		assert_eq!(T::Currency::balance(&who), before + refund);
	}

	/// Worst case: a closure of `MaxClosureDays` days whose bookings (`n`, each a different
	/// citizen's, each paid) all lie on its last day: every earlier day is read and found
	/// empty, every booking refunded in full.
	#[benchmark]
	fn process_closures(n: Linear<1, { T::MaxCancellationsPerStep::get() }>) {
		let (id, manager) = facility::<T>();
		let from = today::<T>() + 1;
		let to = from + T::MaxClosureDays::get() - 1;
		let mut citizens = Vec::new();
		for i in 0..n {
			let (who, c) = citizen::<T>(i);
			Pallet::<T>::do_book(&who, c, id, to, slot_for(i), 1, fee::<T>()).expect("booked");
			citizens.push(who);
		}
		let before = T::Currency::balance(&citizens[0]);
		Pallet::<T>::do_close(&manager, id, from, to).expect("closed");
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), id, n);
		assert!(!DayBookings::<T>::contains_key(id, to));
		assert!(ClosureQueue::<T>::get().is_empty());
		assert_eq!(T::Currency::balance(&citizens[0]), before + fee::<T>());
	}

	/// Worst case: `n` no-shows of different citizens, each remembered in a full list.
	#[benchmark]
	fn reap(n: Linear<1, { T::MaxCancellationsPerStep::get() }>) {
		let (id, _) = facility::<T>();
		let day = today::<T>() + 1;
		let mut ids = Vec::new();
		for i in 0..n {
			let (who, c) = citizen::<T>(i);
			ids.push((
				c,
				Pallet::<T>::do_book(&who, c, id, day, slot_for(i), 1, fee::<T>()).expect("booked"),
			));
		}
		let now = moment_of(day + T::ReapAfterDays::get() + 1, 12 * 60, T::UtcOffsetMinutes::get());
		set_now::<T>(now);
		for (c, _) in &ids {
			let remembered: Vec<Moment> =
				(0..T::MaxNoShowsRemembered::get()).map(|i| now - (10 + i as u64) * DAY).collect();
			NoShows::<T>::insert(c, CATEGORY, BoundedVec::truncate_from(remembered));
		}
		let caller: T::AccountId = account("caller", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, day, n);
		assert!(!DayBookings::<T>::contains_key(id, day));
		for (c, b) in ids {
			assert!(!Bookings::<T>::contains_key(b));
			assert_eq!(NoShows::<T>::get(c, CATEGORY).len() as u32, T::MaxNoShowsRemembered::get());
		}
	}

	#[benchmark]
	fn set_course_policy() {
		category::<T>();
		let policy = CoursePolicy { counts_towards_quota: true, no_shows_count: true };
		#[extrinsic_call]
		_(admin::<T>() as T::RuntimeOrigin, CATEGORY, policy);
		assert_eq!(CoursePolicies::<T>::get(CATEGORY), Some(policy));
	}

	/// Worst case: every part of the spec at its largest; the facility's list and the zone's
	/// index one short of full (the index's courses still open: none dropped).
	#[benchmark]
	fn publish_course() {
		let (facility, manager) = facility::<T>();
		let others: Vec<CourseId> =
			(1..T::MaxCoursesPerFacility::get()).map(|i| CourseId::MAX - i).collect();
		FacilityCourses::<T>::insert(facility, BoundedVec::truncate_from(others));
		let entries: Vec<CourseEntry> = (1..T::MaxCoursesPerZone::get())
			.map(|i| CourseEntry {
				course: CourseId::MAX - i,
				facility,
				category: CATEGORY,
				location: GeoPoint::new(35_001_000, 129_000_100),
				opens: NOW,
				closes: NOW + DAY,
			})
			.collect();
		ZoneCourses::<T>::insert(ZONE, BoundedVec::truncate_from(entries));
		let id = NextCourseId::<T>::get();
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), facility, course_spec::<T>(1));
		assert!(Courses::<T>::contains_key(id));
		assert_eq!(ZoneCourses::<T>::get(ZONE).len() as u32, T::MaxCoursesPerZone::get());
	}

	/// Worst case: a course with participants (queued), the queue one short of full, the
	/// zone's index full with the course last.
	#[benchmark]
	fn cancel_course() {
		let (id, facility, manager) = course::<T>(1);
		put_enrolled::<T>(id, QUEUED, 1);
		let mut entries: Vec<CourseEntry> = (1..T::MaxCoursesPerZone::get())
			.map(|i| CourseEntry {
				course: CourseId::MAX - i,
				facility,
				category: CATEGORY,
				location: GeoPoint::new(35_001_000, 129_000_100),
				opens: NOW,
				closes: NOW + DAY,
			})
			.collect();
		entries.extend(ZoneCourses::<T>::get(ZONE).into_inner());
		ZoneCourses::<T>::insert(ZONE, BoundedVec::truncate_from(entries));
		cancel_queue_but_one::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), id);
		assert_eq!(Courses::<T>::get(id).map(|c| c.status), Some(CourseStatus::Cancelled));
		assert_eq!(CancelQueue::<T>::get().len() as u32, T::MaxPendingCancellations::get());
	}

	/// Worst case as `withdraw`, the manager removing a paid seat (a full refund).
	#[benchmark]
	fn remove_participant(
		w: Linear<{ crate::functions::LAPSES_PER_CALL + 1 }, { T::MaxWaitlist::get() }>,
	) {
		let lapses = crate::functions::LAPSES_PER_CALL;
		let (id, _, manager) = course::<T>(1 + lapses as u16);
		course_policies::<T>();
		put_enrolled::<T>(id, QUEUED, 1);
		put_queue::<T>(id, QUEUED + 1, lapses, false, NOW);
		put_queue::<T>(id, QUEUED + 1_000, w, true, 0);
		set_now::<T>(NOW + 1);
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), id, QUEUED);
		assert!(!Participants::<T>::contains_key(id, QUEUED));
		assert_eq!(
			Courses::<T>::get(id).map(|c| (c.state.enrolled, c.state.offered, c.state.waiting)),
			Some((0, 1 + lapses as u16, w - 1 - lapses))
		);
	}

	/// Worst case: the last session, the facility's closures full (none covering it).
	#[benchmark]
	fn check_in_session() {
		let (id, facility, manager) = course::<T>(1);
		put_enrolled::<T>(id, QUEUED, 1);
		full_closures::<T>(facility, today::<T>() + 1_000);
		let last = T::MaxSessions::get() - 1;
		let session = Courses::<T>::get(id).expect("the course").spec.sessions[last as usize];
		set_now::<T>(session.start(T::UtcOffsetMinutes::get()));
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), id, last, QUEUED);
		assert_eq!(
			Participants::<T>::get(id, QUEUED).map(|p| p.attended),
			Some(1u64 << (last % 64))
		);
	}

	/// Worst case: every claim kind required; both policies on; the citizen's booking list
	/// full (read for the suspension) and course list full of ended courses of another
	/// category with every session missed (read for the suspension, then reaped to make
	/// room, each remembering its no-shows in a full list); `LAPSES_PER_CALL` expired offers
	/// hold every seat and lapse (nobody waits), then the citizen takes a seat: quota, fee.
	#[benchmark]
	fn enroll() {
		let lapses = crate::functions::LAPSES_PER_CALL;
		let (id, facility, manager) = course::<T>(lapses as u16);
		course_policies::<T>();
		let (who, c) = full_citizen::<T>(0);
		full_bookings::<T>(&who, c, facility);
		let other = other_facility::<T>(&manager);
		ended_courses::<T>(c, other, OTHER_CATEGORY, 0);
		let remembered: Vec<Moment> =
			(0..T::MaxNoShowsRemembered::get()).map(|d| NOW - (10 + d as u64) * DAY).collect();
		NoShows::<T>::insert(c, OTHER_CATEGORY, BoundedVec::truncate_from(remembered));
		put_queue::<T>(id, QUEUED, lapses, false, NOW);
		set_now::<T>(NOW + 1);
		let before = T::Currency::balance(&who);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), id, fee::<T>());
		assert_eq!(Participants::<T>::get(id, c).map(|p| p.standing), Some(Standing::Enrolled));
		assert_eq!(CitizenCourses::<T>::get(c).into_inner(), alloc::vec![id]);
		assert_eq!(T::Currency::balance(&who), before - fee::<T>());
	}

	/// Worst case: a paid seat given up at a partial refund (counted in the quota), offered
	/// to the head of a waitlist of `w`; `LAPSES_PER_CALL` expired offers lapse, each seat
	/// passing to the next in line. The work does not grow with `w`.
	#[benchmark]
	fn withdraw(w: Linear<{ crate::functions::LAPSES_PER_CALL + 1 }, { T::MaxWaitlist::get() }>) {
		let lapses = crate::functions::LAPSES_PER_CALL;
		let (id, facility, _) = course::<T>(1 + lapses as u16);
		course_policies::<T>();
		// An account of its own per run (the test double's registry outlives each run).
		let (who, c) = full_citizen::<T>(w);
		Pallet::<T>::do_enroll(&who, c, id, fee::<T>()).expect("enrolled");
		put_queue::<T>(id, QUEUED, lapses, false, NOW + DAY);
		put_queue::<T>(id, QUEUED + 1_000, w, true, 0);
		// One day before the first session: the second tier.
		let first = Courses::<T>::get(id).expect("the course").spec.first_day();
		set_now::<T>(moment_of(first - 1, 0, T::UtcOffsetMinutes::get()));
		let before = T::Currency::balance(&who);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), id);
		assert!(!Participants::<T>::contains_key(id, c));
		assert_eq!(
			Courses::<T>::get(id).map(|c| (c.state.enrolled, c.state.offered, c.state.waiting)),
			Some((0, 1 + lapses as u16, w - 1 - lapses))
		);
		let percent = Courses::<T>::get(id).map(|c| c.spec.refund_percent(1)).unwrap_or(0);
		let _ = facility;
		assert_eq!(
			T::Currency::balance(&who),
			before + sp_runtime::Percent::from_percent(percent).mul_floor(fee::<T>())
		);
	}

	/// Worst case: the citizen waits at the head behind `LAPSES_PER_CALL` expired offers
	/// holding every seat: the first lapse offers them the seat, which they confirm and pay
	/// (quota counted), after the suspension check over full lists as in `enroll`.
	#[benchmark]
	fn confirm_offer() {
		let lapses = crate::functions::LAPSES_PER_CALL;
		let (id, facility, _) = course::<T>(lapses as u16);
		course_policies::<T>();
		let (who, c) = full_citizen::<T>(0);
		full_bookings::<T>(&who, c, facility);
		put_queue::<T>(id, QUEUED, lapses, false, NOW + 1);
		Pallet::<T>::do_enroll(&who, c, id, fee::<T>()).expect("waitlisted");
		put_queue::<T>(id, QUEUED + 1_000, T::MaxWaitlist::get() - 1, true, 0);
		set_now::<T>(NOW + 1);
		let before = T::Currency::balance(&who);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), id, fee::<T>());
		assert_eq!(Participants::<T>::get(id, c).map(|p| p.standing), Some(Standing::Enrolled));
		assert_eq!(T::Currency::balance(&who), before - fee::<T>());
	}

	/// Worst case: a manager at their facility (its checks), the longest name, the zone's
	/// index one short of full (none ended), the zone index read for the place's zone full.
	#[benchmark]
	fn list_event() {
		let (facility, manager) = facility::<T>();
		zones::<T>(T::MaxZones::get());
		zone_events_but_one::<T>();
		let id = NextEventId::<T>::get();
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), event_spec::<T>(facility));
		assert!(Events::<T>::contains_key(id));
		assert_eq!(ZoneEvents::<T>::get(ZONE).len() as u32, T::MaxEventsPerZone::get());
	}

	/// Worst case: an event with registrations (queued), the queue one short of full, the
	/// zone's index full with the event last.
	#[benchmark]
	fn cancel_event() {
		let (facility, manager) = facility::<T>();
		zone_events_but_one::<T>();
		let id = Pallet::<T>::do_list_event(None, event_spec::<T>(facility)).expect("listed");
		put_registrations::<T>(id, QUEUED, 1);
		cancel_queue_but_one::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), id);
		assert_eq!(Events::<T>::get(id).map(|e| e.status), Some(EventStatus::Cancelled));
		assert_eq!(CancelQueue::<T>::get().len() as u32, T::MaxPendingCancellations::get());
	}

	/// Worst case: the citizen's list full of ended events, each dropped to make room.
	#[benchmark]
	fn register_for_event() {
		let (facility, _) = facility::<T>();
		let (who, c) = citizen::<T>(0);
		for _ in 0..T::MaxEventsPerCitizen::get() {
			let mut spec = event_spec::<T>(facility);
			spec.start = NOW + 1;
			spec.end = NOW + 2;
			let e = Pallet::<T>::do_list_event(None, spec).expect("listed");
			Pallet::<T>::do_register_for_event(c, e).expect("registered");
		}
		set_now::<T>(NOW + 2);
		let id = Pallet::<T>::do_list_event(None, event_spec::<T>(facility)).expect("listed");
		#[extrinsic_call]
		_(RawOrigin::Signed(who), id);
		assert_eq!(CitizenEvents::<T>::get(c).into_inner(), alloc::vec![id]);
	}

	/// Worst case: the citizen's list full, the event last.
	#[benchmark]
	fn unregister_from_event() {
		let (facility, _) = facility::<T>();
		let (who, c) = citizen::<T>(0);
		let mut last = 0;
		for _ in 0..T::MaxEventsPerCitizen::get() {
			last = Pallet::<T>::do_list_event(None, event_spec::<T>(facility)).expect("listed");
			Pallet::<T>::do_register_for_event(c, last).expect("registered");
		}
		#[extrinsic_call]
		_(RawOrigin::Signed(who), last);
		assert!(!EventRegistrations::<T>::contains_key(last, c));
	}

	/// Worst case: `n` expired offers, each seat passing to the next of a full waitlist.
	#[benchmark]
	fn advance_waitlist(n: Linear<1, { T::MaxCancellationsPerStep::get() }>) {
		let (id, _, _) = course::<T>(n as u16);
		put_queue::<T>(id, QUEUED, n, false, NOW);
		put_queue::<T>(id, QUEUED + 1_000, T::MaxWaitlist::get(), true, 0);
		set_now::<T>(NOW + 1);
		let caller: T::AccountId = account("caller", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, n);
		assert_eq!(
			Courses::<T>::get(id).map(|c| (c.state.offered, c.state.waiting)),
			Some((n as u16, T::MaxWaitlist::get().saturating_sub(n)))
		);
	}

	/// Worst case: `n` paid seats (quota given back, refunded in full), the course removed
	/// with the last.
	#[benchmark]
	fn process_cancellation(n: Linear<1, { T::MaxCancellationsPerStep::get() }>) {
		let (id, _, manager) = course::<T>(n as u16);
		course_policies::<T>();
		put_enrolled::<T>(id, QUEUED, n);
		Pallet::<T>::do_cancel_course(Some(&manager), id).expect("cancelled");
		let payer: T::AccountId = account("enrolled", 0, 0);
		let before = T::Currency::balance(&payer);
		let caller: T::AccountId = account("caller", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), Listing::Course(id), n);
		assert!(!Courses::<T>::contains_key(id));
		assert!(CancelQueue::<T>::get().is_empty());
		assert_eq!(T::Currency::balance(&payer), before + fee::<T>());
	}

	/// Worst case: `n` enrolled participants who missed every session (both policies on),
	/// each remembered in a full no-show list; the course removed with the last.
	#[benchmark]
	fn reap_course(n: Linear<1, { T::MaxCancellationsPerStep::get() }>) {
		let (id, _, _) = course::<T>(n as u16);
		course_policies::<T>();
		put_enrolled::<T>(id, QUEUED, n);
		let last = Courses::<T>::get(id).expect("the course").spec.last_day();
		let now =
			moment_of(last + T::ReapAfterDays::get() + 1, 12 * 60, T::UtcOffsetMinutes::get());
		set_now::<T>(now);
		let caller: T::AccountId = account("caller", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, n);
		assert!(!Courses::<T>::contains_key(id));
		assert_eq!(
			NoShows::<T>::get(QUEUED, CATEGORY).len() as u32,
			T::MaxNoShowsRemembered::get()
		);
	}

	/// Worst case: `n` registrations, the event removed with the last.
	#[benchmark]
	fn reap_event(n: Linear<1, { T::MaxCancellationsPerStep::get() }>) {
		let (facility, _) = facility::<T>();
		let id = Pallet::<T>::do_list_event(None, event_spec::<T>(facility)).expect("listed");
		put_registrations::<T>(id, QUEUED, n);
		set_now::<T>(NOW + (2 + u64::from(T::ReapAfterDays::get())) * DAY);
		let caller: T::AccountId = account("caller", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, n);
		assert!(!Events::<T>::contains_key(id));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
