//! Benchmarks: each call on its most expensive path, each asserting its outcome.

use super::*;
use alloc::vec::Vec;
use citizen_primitives::{ClaimValue, DAY};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Inspect, EnsureOrigin, Get},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_runtime::traits::{Saturating, StaticLookup};

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

	/// Worst case: the zone's index full, the facility last in it.
	#[benchmark]
	fn retire_facility() {
		let (_, manager) = facility::<T>();
		for _ in 1..T::MaxFacilitiesPerZone::get() {
			Pallet::<T>::do_register_facility(spec::<T>(manager.clone())).expect("a facility");
		}
		let id = NextFacilityId::<T>::get() - 1;
		#[extrinsic_call]
		_(admin::<T>() as T::RuntimeOrigin, id);
		assert_eq!(Facilities::<T>::get(id).map(|f| f.status), Some(FacilityStatus::Retired));
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

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
