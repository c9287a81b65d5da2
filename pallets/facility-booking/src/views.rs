//! What map screens and kiosks read: zones, facilities near a point, free places on a day, a
//! citizen's bookings. Nothing here writes. Every answer is bounded: "near me" reads the
//! point's zone and its neighbours' compact indexes (1 + `MaxNeighbours` reads, plus one read
//! per facility returned), never all facilities.

use super::*;
use alloc::{collections::BTreeSet, vec::Vec};
use frame_support::traits::{Get, Time};

impl<T: Config> Pallet<T> {
	/// The zone `point` lies in: the one whose reference point is nearest (ties: the zone
	/// registered first). One read. `None` for an invalid point or when no zone exists.
	pub fn zone_of(point: GeoPoint) -> Option<ZoneId> {
		if !point.is_valid() {
			return None;
		}
		ZoneIndex::<T>::get().iter().min_by_key(|(_, p)| point.distance_m(p)).map(|(id, _)| *id)
	}

	/// Every zone, in the order registered.
	pub fn zones() -> Vec<ZoneView> {
		ZoneIndex::<T>::get()
			.iter()
			.filter_map(|(id, _)| {
				let z = Zones::<T>::get(id)?;
				Some(ZoneView {
					id: *id,
					name: z.name.into(),
					point: z.point,
					neighbours: z.neighbours.into_inner(),
					facilities: ZoneFacilities::<T>::decode_len(id).unwrap_or(0) as u32,
				})
			})
			.collect()
	}

	/// Every category and its rules, by id.
	pub fn categories() -> Vec<CategoryView> {
		let mut all: Vec<CategoryView> = Categories::<T>::iter()
			.map(|(id, c)| CategoryView { id, name: c.name.into(), rules: c.rules })
			.collect();
		all.sort_by_key(|c| c.id);
		all
	}

	/// A facility as served, with its account, closures and self check-in window.
	pub fn facility(id: FacilityId) -> Option<FacilityView<T::AccountId, T::Balance>> {
		let f = Facilities::<T>::get(id)?;
		let now = T::Time::now();
		let s = f.spec;
		Some(FacilityView {
			id,
			zone: s.zone,
			category: s.category,
			name: s.name.into(),
			location: s.location,
			capacity: s.capacity,
			max_party: s.max_party,
			hours: s.hours.to_vec(),
			slot_minutes: s.slot_minutes,
			resident_horizon_days: s.resident_horizon_days,
			public_horizon_days: s.public_horizon_days,
			fee: s.fee,
			refund_tiers: s.refund_tiers.into_inner(),
			manager: s.manager,
			account: Self::facility_account(id),
			status: f.status,
			closures: Closures::<T>::get(id).iter().map(|c| (c.from_day, c.to_day)).collect(),
			self_check_in_until: SelfCheckIn::<T>::get(id).filter(|until| now < *until),
		})
	}

	/// Active facilities within `radius_m` metres of `point`, of `category` if given, nearest
	/// first (ties by id), at most `limit` and at most `MaxNearResults`. Reads the zone the
	/// point lies in and its neighbours only: a facility in a zone further away is not found
	/// even within the radius (zones are meant to hold what is within 15 minutes).
	pub fn facilities_near(
		point: GeoPoint,
		radius_m: u32,
		category: Option<CategoryId>,
		limit: u32,
	) -> Vec<NearFacility> {
		let limit = limit.min(T::MaxNearResults::get()) as usize;
		if limit == 0 {
			return Vec::new();
		}
		let Some(zone) = Self::zone_of(point) else { return Vec::new() };
		let Some(z) = Zones::<T>::get(zone) else { return Vec::new() };
		let mut found: Vec<(u32, FacilityId, ZoneId)> = Vec::new();
		for zone in core::iter::once(zone).chain(z.neighbours.iter().copied()) {
			for e in ZoneFacilities::<T>::get(zone).iter() {
				if category.is_some_and(|c| c != e.category) {
					continue;
				}
				let d = point.distance_m(&e.location);
				if d <= radius_m {
					found.push((d, e.facility, zone));
				}
			}
		}
		found.sort_unstable();
		found.truncate(limit);
		found
			.into_iter()
			.filter_map(|(distance_m, id, zone)| {
				let f = Facilities::<T>::get(id)?;
				Some(NearFacility {
					id,
					zone,
					category: f.spec.category,
					name: f.spec.name.into(),
					location: f.spec.location,
					distance_m,
				})
			})
			.collect()
	}

	/// The facility's slots open on local `day`: start, places per slot, taken, and free to
	/// book now (0 once started, on a closed day, or at a retired facility). `None` for an
	/// unknown facility.
	pub fn free_places(facility: FacilityId, day: DayNumber) -> Option<Vec<SlotView>> {
		let f = Facilities::<T>::get(facility)?;
		let uses = SlotUse::<T>::get(facility, day);
		let now = T::Time::now();
		let offset = T::UtcOffsetMinutes::get();
		let active = f.status == FacilityStatus::Active;
		let closures = Closures::<T>::get(facility);
		Some(
			f.spec
				.open_slots(day)
				.map(|slot| {
					let start_ms =
						moment_of(day, u32::from(slot) * u32::from(f.spec.slot_minutes), offset);
					let taken = uses.get(usize::from(slot)).copied().unwrap_or(0);
					let closed = closures.iter().any(|c| c.covers(day, start_ms));
					let free = if active && !closed && start_ms > now {
						f.spec.capacity.saturating_sub(taken)
					} else {
						0
					};
					SlotView { slot, start_ms, capacity: f.spec.capacity, taken, free }
				})
				.collect(),
		)
	}

	/// The bookings of the citizen `account` acts for: upcoming, past, no-shows, and per
	/// category the month's bookings, the no-shows that count and any suspension. `None`
	/// when the account acts for no active citizen.
	pub fn citizen_bookings(account: &T::AccountId) -> Option<CitizenBookingsView<T::Balance>> {
		T::Citizens::citizen_of(account).map(Self::citizen_bookings_of)
	}

	/// [`Self::citizen_bookings`] by citizen ID.
	pub fn citizen_bookings_of(citizen: CitizenId) -> CitizenBookingsView<T::Balance> {
		let now = T::Time::now();
		let today = Self::today();
		let list = CitizenBookings::<T>::get(citizen);
		let mut view = CitizenBookingsView {
			citizen,
			upcoming: Vec::new(),
			past: Vec::new(),
			no_shows: Vec::new(),
			categories: Vec::new(),
		};
		let mut categories = BTreeSet::new();
		for id in list.iter() {
			let Some(b) = Bookings::<T>::get(id) else { continue };
			categories.insert(b.category);
			let closed = b.status == BookingStatus::Booked && Self::closure_covers(&b);
			let state = match b.status {
				BookingStatus::CheckedIn => BookingState::CheckedIn,
				BookingStatus::Booked if closed => BookingState::ClosurePending,
				BookingStatus::Booked if b.end <= now && Self::retired(b.facility) => {
					BookingState::Excused
				}
				BookingStatus::Booked if b.end <= now => BookingState::NoShow,
				BookingStatus::Booked => BookingState::Upcoming,
			};
			let v = BookingView {
				id: *id,
				facility: b.facility,
				category: b.category,
				day: b.day,
				slot: b.slot,
				start: b.start,
				end: b.end,
				party: b.party,
				paid: b.paid,
				state,
			};
			match state {
				BookingState::NoShow => view.no_shows.push(v),
				_ if b.end > now => view.upcoming.push(v),
				_ => view.past.push(v),
			}
		}
		view.upcoming.sort_by_key(|v| (v.start, v.id));
		view.past.sort_by_key(|v| core::cmp::Reverse((v.start, v.id)));
		view.no_shows.sort_by_key(|v| core::cmp::Reverse((v.start, v.id)));
		categories.extend(NoShows::<T>::iter_key_prefix(citizen));
		categories.extend(MonthlyUse::<T>::iter_key_prefix(citizen));
		for category in categories {
			let rules = Categories::<T>::get(category).map(|c| c.rules).unwrap_or_default();
			let recorded = NoShows::<T>::get(citizen, category)
				.iter()
				.filter(|t| !rules.forgotten(**t, now))
				.count() as u32;
			let unreaped = view.no_shows.iter().filter(|v| v.category == category).count() as u32;
			let sessions = Self::course_no_shows(citizen, category, now).len() as u32;
			view.categories.push(CategoryStanding {
				category,
				booked_this_month: Self::booked_in_month(citizen, category, today),
				monthly_quota: rules.monthly_quota,
				no_shows: recorded.saturating_add(unreaped).saturating_add(sessions),
				suspended_until: Self::suspension_of(citizen, category, &rules, &list, now)
					.filter(|until| *until > now),
			});
		}
		view
	}
}

// ---- Courses and events ----

impl<T: Config> Pallet<T> {
	/// The point's zone and its neighbours: the zones "near me" reads (`None` for an invalid
	/// point or no zones).
	fn zones_around(point: GeoPoint) -> Option<Vec<ZoneId>> {
		let zone = Self::zone_of(point)?;
		let z = Zones::<T>::get(zone)?;
		Some(core::iter::once(zone).chain(z.neighbours.iter().copied()).collect())
	}

	/// A course as served: schedule, seats (enrolled, offered, free), waitlist length.
	pub fn course(id: CourseId) -> Option<CourseView<T::Balance>> {
		let c = Courses::<T>::get(id)?;
		let now = T::Time::now();
		let offset = T::UtcOffsetMinutes::get();
		// Expired offers are at the head of the offer queue (it is in deadline order).
		let mut expired_offers = 0u16;
		let mut at = c.state.offer_head.filter(|_| c.status == CourseStatus::Open);
		while let Some(citizen) = at {
			let Some(p) = Participants::<T>::get(id, citizen) else { break };
			match p.standing {
				Standing::Offered { until } if until <= now => {
					expired_offers = expired_offers.saturating_add(1);
					at = p.next;
				}
				_ => break,
			}
		}
		let enrolling = c.status == CourseStatus::Open
			&& c.spec.residents_from <= now
			&& now < c.spec.enrol_until;
		let free =
			if enrolling && c.state.waiting == 0 { c.state.free_seats(c.spec.seats) } else { 0 };
		let s = &c.spec;
		Some(CourseView {
			id,
			facility: c.facility,
			zone: c.zone,
			category: c.category,
			name: s.name.clone().into(),
			location: c.location,
			sessions: s
				.sessions
				.iter()
				.map(|x| SessionView {
					day: x.day,
					start_minute: x.start_minute,
					end_minute: x.end_minute,
					start_ms: x.start(offset),
					end_ms: x.end(offset),
				})
				.collect(),
			seats: s.seats,
			enrolled: c.state.enrolled,
			offered: c.state.offered,
			expired_offers,
			free,
			waiting: c.state.waiting,
			fee: s.fee,
			residents_from: s.residents_from,
			public_from: s.public_from,
			enrol_until: s.enrol_until,
			offer_minutes: s.offer_minutes,
			required_claims: s.required_claims.iter().copied().collect(),
			refund_tiers: s.refund_tiers.to_vec(),
			policy: Self::course_policy(c.category),
			status: c.status,
		})
	}

	/// Courses open for enrolment now (from the residents' opening to the close) within
	/// `radius_m` metres of `point`, of `category` if given, nearest first (ties by id), at
	/// most `limit` and `MaxNearResults`. Reads the point's zone and its neighbours' compact
	/// indexes, then one course per result: never all courses.
	pub fn courses_near(
		point: GeoPoint,
		radius_m: u32,
		category: Option<CategoryId>,
		limit: u32,
	) -> Vec<NearCourse<T::Balance>> {
		let limit = limit.min(T::MaxNearResults::get()) as usize;
		if limit == 0 {
			return Vec::new();
		}
		let Some(zones) = Self::zones_around(point) else { return Vec::new() };
		let now = T::Time::now();
		let mut found: Vec<(u32, CourseId, ZoneId)> = Vec::new();
		for zone in zones {
			for e in ZoneCourses::<T>::get(zone).iter() {
				if category.is_some_and(|c| c != e.category) || now < e.opens || now >= e.closes {
					continue;
				}
				let d = point.distance_m(&e.location);
				if d <= radius_m {
					found.push((d, e.course, zone));
				}
			}
		}
		found.sort_unstable();
		found.truncate(limit);
		let offset = T::UtcOffsetMinutes::get();
		found
			.into_iter()
			.filter_map(|(distance_m, id, zone)| {
				let c = Courses::<T>::get(id)?;
				Some(NearCourse {
					id,
					facility: c.facility,
					zone,
					category: c.category,
					name: c.spec.name.clone().into(),
					location: c.location,
					distance_m,
					seats: c.spec.seats,
					free: c.state.free_seats(c.spec.seats),
					waiting: c.state.waiting,
					fee: c.spec.fee,
					first_start: c.spec.first_start(offset),
					residents_from: c.spec.residents_from,
					public_from: c.spec.public_from,
					enrol_until: c.spec.enrol_until,
				})
			})
			.collect()
	}

	/// A waitlisted participant's position (1: next in line): the citizens still waiting
	/// ahead of them, counted by following the queue's back links (at most `MaxWaitlist`
	/// reads; a view, never a call).
	pub fn waitlist_position(course: CourseId, p: &ParticipantOf<T>) -> u32 {
		let mut position = 1u32;
		let mut at = p.prev;
		while let Some(citizen) = at {
			position = position.saturating_add(1);
			if position > T::MaxWaitlist::get() {
				break;
			}
			at = Participants::<T>::get(course, citizen).and_then(|x| x.prev);
		}
		position
	}

	/// The courses (enrolled, offered a seat, waiting at a position) and event registrations
	/// of the citizen `account` acts for; `None` when it acts for no active citizen.
	pub fn citizen_courses(account: &T::AccountId) -> Option<CitizenCoursesView<T::Balance>> {
		T::Citizens::citizen_of(account).map(Self::citizen_courses_of)
	}

	/// [`Self::citizen_courses`] by citizen ID.
	pub fn citizen_courses_of(citizen: CitizenId) -> CitizenCoursesView<T::Balance> {
		let now = T::Time::now();
		let offset = T::UtcOffsetMinutes::get();
		let mut courses = Vec::new();
		for id in CitizenCourses::<T>::get(citizen).iter() {
			let (Some(c), Some(p)) = (Courses::<T>::get(id), Participants::<T>::get(id, citizen))
			else {
				continue;
			};
			let standing = match p.standing {
				Standing::Enrolled => StandingView::Enrolled,
				Standing::Offered { until } => {
					StandingView::Offered { until, expired: until <= now }
				}
				Standing::Waiting { .. } if c.status == CourseStatus::Open => {
					StandingView::Waiting { position: Self::waitlist_position(*id, &p) }
				}
				// The queue is being dissolved (cancelled or reaped): no position.
				Standing::Waiting { .. } => StandingView::Waiting { position: 0 },
			};
			courses.push(CitizenCourseView {
				course: *id,
				facility: c.facility,
				name: c.spec.name.clone().into(),
				standing,
				paid: p.paid,
				first_start: c.spec.first_start(offset),
				last_end: c.spec.last_end(offset),
				attended: p.attended.count_ones(),
				missed: Self::missed_sessions(&c, &p, now).len() as u32,
				status: c.status,
			});
		}
		courses.sort_by_key(|v| (v.first_start, v.course));
		let mut events: Vec<CitizenEventView> = CitizenEvents::<T>::get(citizen)
			.iter()
			.filter_map(|id| {
				let e = Events::<T>::get(id)?;
				Some(CitizenEventView {
					event: *id,
					name: e.spec.name.into(),
					place: e.spec.place,
					start: e.spec.start,
					end: e.spec.end,
					status: e.status,
				})
			})
			.collect();
		events.sort_by_key(|v| (v.start, v.event));
		CitizenCoursesView { citizen, courses, events }
	}

	/// An event as served.
	pub fn event(id: EventId) -> Option<EventView> {
		let e = Events::<T>::get(id)?;
		Some(EventView {
			id,
			name: e.spec.name.into(),
			zone: e.spec.zone,
			place: e.spec.place,
			facility: e.spec.facility,
			start: e.spec.start,
			end: e.spec.end,
			capacity: e.spec.capacity,
			registered: e.registered,
			status: e.status,
		})
	}

	/// Listed events within `radius_m` metres of `point` taking place (in part) on local days
	/// `from_day ..= to_day`, nearest first (ties: the earlier start, then by id), at most
	/// `limit` and `MaxNearResults`. Reads the point's zone and its neighbours' compact
	/// indexes, then one event per result.
	pub fn events_near(
		point: GeoPoint,
		radius_m: u32,
		from_day: DayNumber,
		to_day: DayNumber,
		limit: u32,
	) -> Vec<NearEvent> {
		let limit = limit.min(T::MaxNearResults::get()) as usize;
		if limit == 0 || from_day > to_day {
			return Vec::new();
		}
		let Some(zones) = Self::zones_around(point) else { return Vec::new() };
		let offset = T::UtcOffsetMinutes::get();
		let mut found: Vec<(u32, Moment, EventId, ZoneId)> = Vec::new();
		for zone in zones {
			for e in ZoneEvents::<T>::get(zone).iter() {
				let first = local_day(e.start, offset);
				let last = local_day(e.end.saturating_sub(1), offset);
				if first > to_day || last < from_day {
					continue;
				}
				let d = point.distance_m(&e.place);
				if d <= radius_m {
					found.push((d, e.start, e.event, zone));
				}
			}
		}
		found.sort_unstable();
		found.truncate(limit);
		found
			.into_iter()
			.filter_map(|(distance_m, _, id, zone)| {
				let e = Events::<T>::get(id)?;
				Some(NearEvent {
					id,
					name: e.spec.name.into(),
					zone,
					place: e.spec.place,
					facility: e.spec.facility,
					start: e.spec.start,
					end: e.spec.end,
					capacity: e.spec.capacity,
					registered: e.registered,
					distance_m,
				})
			})
			.collect()
	}
}
