//! The pallet's logic: dispatchables check the origin and call the `do_*` functions here.
//!
//! Every `do_*` checks its rules before it writes, and dispatchables run in a storage
//! transaction, so a refused call changes nothing. Money moves only between a citizen's
//! local-currency account and a facility's own account: the fee when booking, refunds when
//! cancelling.

use super::*;
use citizen_primitives::{ClaimValue, DAY};
use frame_support::{
	ensure,
	pallet_prelude::*,
	storage::with_storage_layer,
	traits::{
		fungible::{Inspect, Mutate},
		tokens::Preservation,
		EnsureOrigin, Get, Time,
	},
	BoundedVec,
};
use frame_system::pallet_prelude::OriginFor;
use sp_runtime::{
	traits::{AccountIdConversion, CheckedSub, Zero},
	ArithmeticError, DispatchError, Percent,
};

/// How many [`DayBookings`] entries `on_idle`'s reaping sweep visits per block at most.
pub(crate) const REAP_SCAN_PER_BLOCK: u32 = 8;

/// How many courses (and, in their own sweep, events) `on_idle` visits per block at most.
pub(crate) const LISTING_SCAN_PER_BLOCK: u32 = 4;

/// How many expired offers a call touching a course passes on before its own work (the rest
/// by `advance_waitlist` and `on_idle`; an expired offer only holds its seat meanwhile, so
/// nobody gets ahead of the waitlist).
pub(crate) const LAPSES_PER_CALL: u32 = 2;

impl<T: Config> Pallet<T> {
	/// The account and citizen behind a citizen's own call. An unsigned origin is a
	/// `BadOrigin`; a signed account that is not bound to an active citizen gets the clear
	/// `NotCitizen`.
	pub(crate) fn ensure_citizen(
		origin: OriginFor<T>,
	) -> Result<(T::AccountId, CitizenId), DispatchError> {
		T::CitizenOrigin::try_origin(origin).or_else(|origin| {
			frame_system::ensure_signed(origin)?;
			Err(Error::<T>::NotCitizen.into())
		})
	}

	/// A facility's own account: fees in, refunds out.
	pub fn facility_account(facility: FacilityId) -> T::AccountId {
		T::PalletId::get().into_sub_account_truncating((*b"fac", facility))
	}

	/// The local day now.
	pub fn today() -> DayNumber {
		local_day(T::Time::now(), T::UtcOffsetMinutes::get())
	}

	/// A step's size is 1 ..= `MaxCancellationsPerStep`.
	pub(crate) fn ensure_step(max: u32) -> DispatchResult {
		ensure!((1..=T::MaxCancellationsPerStep::get()).contains(&max), Error::<T>::InvalidStep);
		Ok(())
	}

	fn existing_facility(facility: FacilityId) -> Result<FacilityOf<T>, DispatchError> {
		Facilities::<T>::get(facility).ok_or_else(|| Error::<T>::UnknownFacility.into())
	}

	/// The facility, if `who` manages it.
	fn managed_facility(
		who: &T::AccountId,
		facility: FacilityId,
	) -> Result<FacilityOf<T>, DispatchError> {
		let f = Self::existing_facility(facility)?;
		ensure!(f.spec.manager == *who, Error::<T>::NotManager);
		Ok(f)
	}

	/// The facility, if `who` manages it and it is active.
	fn active_managed_facility(
		who: &T::AccountId,
		facility: FacilityId,
	) -> Result<FacilityOf<T>, DispatchError> {
		let f = Self::managed_facility(who, facility)?;
		ensure!(f.status == FacilityStatus::Active, Error::<T>::FacilityRetired);
		Ok(f)
	}

	/// Whether a closure of the facility covers a slot of `day` starting at `start` (one
	/// declared before the slot started). A slot that starts after now is covered by any
	/// closure of its day.
	pub(crate) fn closed_for(facility: FacilityId, day: DayNumber, start: Moment) -> bool {
		Closures::<T>::get(facility).iter().any(|c| c.covers(day, start))
	}

	/// Whether a closure covers the booking's slot: it is (being) cancelled with a full
	/// refund, and never a no-show.
	pub(crate) fn closure_covers(b: &BookingOf<T>) -> bool {
		Self::closed_for(b.facility, b.day, b.start)
	}

	/// Whether a closure of the facility still has `day` to work through.
	pub(crate) fn closure_pending(facility: FacilityId, day: DayNumber) -> bool {
		ClosureQueue::<T>::get()
			.iter()
			.any(|t| t.facility == facility && t.next_day <= day && day <= t.to_day)
	}

	/// Whether `citizen` holds a valid `Resident` claim naming `zone`.
	pub(crate) fn is_resident_of(citizen: CitizenId, zone: ZoneId) -> bool {
		matches!(
			T::Citizens::valid_claim(citizen, ClaimKind::Resident).map(|c| c.value),
			Some(ClaimValue::Resident { zone: z, .. }) if z == zone
		)
	}

	/// A booking counts as a no-show: missed, its slot not covered by a closure, at a
	/// facility not retired (the citizen could not be served there).
	pub(crate) fn is_no_show(b: &BookingOf<T>, now: Moment) -> bool {
		b.missed(now) && !Self::closure_covers(b) && !Self::retired(b.facility)
	}

	/// Whether the facility is retired (or gone).
	pub(crate) fn retired(facility: FacilityId) -> bool {
		Facilities::<T>::get(facility).is_none_or(|f| f.status == FacilityStatus::Retired)
	}

	// ---- The city ----

	/// Register or update a zone, keeping neighbours symmetric: each listed zone lists `id`
	/// too, and a zone `id` listed before but not now drops it. At genesis
	/// (`check_neighbours` false) neighbours are checked and made symmetric once all zones
	/// are in ([`Self::symmetric_neighbours`]).
	pub(crate) fn do_register_zone(
		id: ZoneId,
		zone: ZoneOf<T>,
		check_neighbours: bool,
	) -> DispatchResult {
		ensure!(zone.point.is_valid(), Error::<T>::InvalidPoint);
		for (i, n) in zone.neighbours.iter().enumerate() {
			ensure!(
				*n != id && !zone.neighbours.iter().take(i).any(|m| m == n),
				Error::<T>::InvalidNeighbours
			);
			if check_neighbours {
				ensure!(Zones::<T>::contains_key(n), Error::<T>::UnknownZone);
			}
		}
		if check_neighbours {
			let before = Zones::<T>::get(id).map(|z| z.neighbours).unwrap_or_default();
			for n in before.iter().filter(|n| !zone.neighbours.contains(n)) {
				Zones::<T>::mutate_exists(n, |z| {
					if let Some(z) = z {
						z.neighbours.retain(|m| *m != id);
					}
				});
			}
			for n in zone.neighbours.iter() {
				Self::add_neighbour(*n, id)?;
			}
		}
		let mut index = ZoneIndex::<T>::get();
		match index.iter_mut().find(|(z, _)| *z == id) {
			Some(entry) => entry.1 = zone.point,
			None => index.try_push((id, zone.point)).map_err(|_| Error::<T>::TooManyZones)?,
		}
		ZoneIndex::<T>::put(index);
		Zones::<T>::insert(id, zone);
		Self::deposit_event(Event::ZoneRegistered { zone: id });
		Ok(())
	}

	/// Make `zone` list `neighbour` (if it does not yet).
	fn add_neighbour(zone: ZoneId, neighbour: ZoneId) -> DispatchResult {
		let mut z = Zones::<T>::get(zone).ok_or(Error::<T>::UnknownZone)?;
		if !z.neighbours.contains(&neighbour) {
			z.neighbours.try_push(neighbour).map_err(|_| Error::<T>::TooManyNeighbours)?;
			Zones::<T>::insert(zone, z);
		}
		Ok(())
	}

	/// At genesis, once every zone is in: each neighbour is a registered zone and lists the
	/// zone that names it.
	pub(crate) fn symmetric_neighbours() -> DispatchResult {
		let all: alloc::vec::Vec<(ZoneId, ZoneOf<T>)> = Zones::<T>::iter().collect();
		for (id, zone) in all {
			for n in zone.neighbours.iter() {
				Self::add_neighbour(*n, id)?;
			}
		}
		Ok(())
	}

	pub(crate) fn do_set_category(id: CategoryId, category: CategoryOf<T>) -> DispatchResult {
		ensure!(
			category.rules.is_valid(T::MaxNoShowsRemembered::get()),
			Error::<T>::InvalidCategoryRules
		);
		let rules = category.rules;
		Categories::<T>::insert(id, category);
		Self::deposit_event(Event::CategorySet { category: id, rules });
		Ok(())
	}

	/// A fee is `None`, or at least the currency's minimum balance (and above zero): a fee
	/// can always open the facility's account, and a refund never leaves dust of another
	/// booking's money behind.
	fn check_fee(fee: Option<T::Balance>) -> DispatchResult {
		if let Some(fee) = fee {
			ensure!(
				!fee.is_zero() && fee >= T::Currency::minimum_balance(),
				Error::<T>::FeeBelowMinimum
			);
		}
		Ok(())
	}

	pub(crate) fn do_register_facility(
		spec: FacilitySpecOf<T>,
	) -> Result<FacilityId, DispatchError> {
		spec.check(T::MaxSlotsPerDay::get(), T::MaxHorizonDays::get(), T::MaxBookingsPerDay::get())
			.map_err(Error::<T>::from)?;
		ensure!(Zones::<T>::contains_key(spec.zone), Error::<T>::UnknownZone);
		ensure!(Self::zone_of(spec.location) == Some(spec.zone), Error::<T>::LocationOutsideZone);
		ensure!(Categories::<T>::contains_key(spec.category), Error::<T>::UnknownCategory);
		Self::check_fee(spec.fee)?;
		let id = NextFacilityId::<T>::get();
		let next = id.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		let mut entries = ZoneFacilities::<T>::get(spec.zone);
		entries
			.try_push(ZoneEntry { facility: id, category: spec.category, location: spec.location })
			.map_err(|_| Error::<T>::TooManyFacilitiesInZone)?;
		ZoneFacilities::<T>::insert(spec.zone, entries);
		NextFacilityId::<T>::put(next);
		Self::deposit_event(Event::FacilityRegistered {
			facility: id,
			zone: spec.zone,
			category: spec.category,
			manager: spec.manager.clone(),
			account: Self::facility_account(id),
		});
		Facilities::<T>::insert(id, Facility { spec, status: FacilityStatus::Active });
		Ok(id)
	}

	pub(crate) fn do_retire_facility(facility: FacilityId) -> DispatchResult {
		let mut f = Self::existing_facility(facility)?;
		ensure!(f.status == FacilityStatus::Active, Error::<T>::FacilityRetired);
		ZoneFacilities::<T>::mutate(f.spec.zone, |entries| {
			entries.retain(|e| e.facility != facility)
		});
		// Its courses are no longer found near anyone (they take no enrolments).
		ZoneCourses::<T>::mutate(f.spec.zone, |entries| entries.retain(|e| e.facility != facility));
		SelfCheckIn::<T>::remove(facility);
		f.status = FacilityStatus::Retired;
		Facilities::<T>::insert(facility, f);
		Self::deposit_event(Event::FacilityRetired { facility });
		Ok(())
	}

	pub(crate) fn do_appoint_manager(
		facility: FacilityId,
		manager: T::AccountId,
	) -> DispatchResult {
		let mut f = Self::existing_facility(facility)?;
		f.spec.manager = manager.clone();
		Facilities::<T>::insert(facility, f);
		// The former manager's self check-in window does not outlive their appointment.
		SelfCheckIn::<T>::remove(facility);
		Self::deposit_event(Event::ManagerAppointed { facility, manager });
		Ok(())
	}

	// ---- Managers ----

	pub(crate) fn do_set_hours(
		who: &T::AccountId,
		facility: FacilityId,
		hours: WeekHours,
	) -> DispatchResult {
		let mut f = Self::active_managed_facility(who, facility)?;
		ensure!(hours_valid(&hours, f.spec.slot_minutes), Error::<T>::InvalidHours);
		Self::check_places(f.spec.capacity, &hours, f.spec.slot_minutes)?;
		f.spec.hours = hours;
		Facilities::<T>::insert(facility, f);
		Self::deposit_event(Event::HoursChanged { facility, hours });
		Ok(())
	}

	pub(crate) fn do_set_capacity(
		who: &T::AccountId,
		facility: FacilityId,
		capacity: u16,
	) -> DispatchResult {
		let mut f = Self::active_managed_facility(who, facility)?;
		ensure!(capacity > 0, Error::<T>::InvalidCapacity);
		Self::check_places(capacity, &f.spec.hours, f.spec.slot_minutes)?;
		f.spec.capacity = capacity;
		f.spec.max_party = f.spec.max_party.min(capacity);
		Facilities::<T>::insert(facility, f);
		Self::deposit_event(Event::CapacityChanged { facility, capacity });
		Ok(())
	}

	/// `capacity ×` the open slots of the longest day fits `MaxBookingsPerDay`.
	fn check_places(capacity: u16, hours: &WeekHours, slot_minutes: u16) -> DispatchResult {
		ensure!(
			places_on_longest_day(capacity, hours, slot_minutes) <= T::MaxBookingsPerDay::get(),
			Error::<T>::TooManyPlacesPerDay
		);
		Ok(())
	}

	pub(crate) fn do_set_fee(
		who: &T::AccountId,
		facility: FacilityId,
		fee: Option<T::Balance>,
	) -> DispatchResult {
		let mut f = Self::active_managed_facility(who, facility)?;
		Self::check_fee(fee)?;
		f.spec.fee = fee;
		Facilities::<T>::insert(facility, f);
		Self::deposit_event(Event::FeeChanged { facility, fee });
		Ok(())
	}

	/// Check a booking in: by its facility's manager (`manager`), or by its citizen
	/// (`citizen`) while the facility's self check-in window is open.
	pub(crate) fn do_check_in(
		manager: Option<&T::AccountId>,
		citizen: Option<CitizenId>,
		booking: BookingId,
	) -> DispatchResult {
		let mut b = Bookings::<T>::get(booking).ok_or(Error::<T>::UnknownBooking)?;
		if let Some(who) = manager {
			Self::managed_facility(who, b.facility)?;
			ensure!(T::Citizens::citizen_of(who) != Some(b.citizen), Error::<T>::OwnBooking);
		}
		if let Some(citizen) = citizen {
			ensure!(b.citizen == citizen, Error::<T>::NotYourBooking);
		}
		ensure!(b.status == BookingStatus::Booked, Error::<T>::AlreadyCheckedIn);
		let now = T::Time::now();
		ensure!(
			now >= b.start.saturating_sub(T::CheckInOpensBefore::get()) && now < b.end,
			Error::<T>::OutsideCheckInWindow
		);
		ensure!(!Self::closure_covers(&b), Error::<T>::ClosedOnDay);
		if citizen.is_some() {
			ensure!(
				SelfCheckIn::<T>::get(b.facility).is_some_and(|until| now < until),
				Error::<T>::SelfCheckInClosed
			);
		}
		b.status = BookingStatus::CheckedIn;
		let (facility, citizen) = (b.facility, b.citizen);
		Bookings::<T>::insert(booking, b);
		Self::deposit_event(Event::CheckedIn {
			booking,
			facility,
			citizen,
			by_manager: manager.is_some(),
		});
		Ok(())
	}

	pub(crate) fn do_open_self_check_in(
		who: &T::AccountId,
		facility: FacilityId,
		until: Moment,
	) -> DispatchResult {
		Self::managed_facility(who, facility)?;
		let now = T::Time::now();
		if until <= now {
			SelfCheckIn::<T>::remove(facility);
		} else {
			ensure!(
				until - now <= T::MaxSelfCheckInWindow::get(),
				Error::<T>::CheckInWindowTooLong
			);
			SelfCheckIn::<T>::insert(facility, until);
		}
		Self::deposit_event(Event::SelfCheckInOpened { facility, until });
		Ok(())
	}

	/// Record the closure (declared now: it covers the slots starting after now) and queue
	/// the cancellation of its bookings. Closures whose days are past and whose bookings have
	/// all been cancelled are dropped first. Nothing can be booked beyond
	/// `MaxHorizonDays`, so a closure starts no later.
	pub(crate) fn do_close(
		who: &T::AccountId,
		facility: FacilityId,
		from_day: DayNumber,
		to_day: DayNumber,
	) -> DispatchResult {
		Self::managed_facility(who, facility)?;
		let now = T::Time::now();
		let today = local_day(now, T::UtcOffsetMinutes::get());
		ensure!(
			from_day <= to_day
				&& from_day >= today
				&& from_day - today <= u32::from(T::MaxHorizonDays::get())
				&& to_day < DayNumber::MAX
				&& to_day - from_day < T::MaxClosureDays::get(),
			Error::<T>::InvalidClosure
		);
		let mut queue = ClosureQueue::<T>::get();
		let mut closures = Closures::<T>::get(facility);
		if !queue.iter().any(|t| t.facility == facility) {
			closures.retain(|c| c.to_day >= today);
		}
		closures
			.try_push(ClosureRecord { from_day, to_day, declared_at: now })
			.map_err(|_| Error::<T>::TooManyClosures)?;
		queue
			.try_push(ClosureTask {
				facility,
				next_day: from_day,
				next_index: 0,
				to_day,
				declared_at: now,
			})
			.map_err(|_| Error::<T>::TooManyPendingClosures)?;
		Closures::<T>::insert(facility, closures);
		ClosureQueue::<T>::put(queue);
		Self::deposit_event(Event::ClosureDeclared { facility, from_day, to_day });
		Ok(())
	}

	/// Lift a closure on record (the first of that range): drop it and any work left on it.
	/// Bookings it cancelled stay cancelled; those it has not reached are kept.
	pub(crate) fn do_lift_closure(
		facility: FacilityId,
		from_day: DayNumber,
		to_day: DayNumber,
	) -> DispatchResult {
		Self::existing_facility(facility)?;
		let mut closures = Closures::<T>::get(facility);
		let pos = closures
			.iter()
			.position(|c| c.from_day == from_day && c.to_day == to_day)
			.ok_or(Error::<T>::UnknownClosure)?;
		let record = closures.remove(pos);
		let mut queue = ClosureQueue::<T>::get();
		if let Some(i) = queue.iter().position(|t| {
			t.facility == facility && t.to_day == to_day && t.declared_at == record.declared_at
		}) {
			queue.remove(i);
			ClosureQueue::<T>::put(queue);
		}
		if closures.is_empty() {
			Closures::<T>::remove(facility);
		} else {
			Closures::<T>::insert(facility, closures);
		}
		Self::deposit_event(Event::ClosureLifted { facility, from_day, to_day });
		Ok(())
	}

	// ---- Citizens ----

	/// When `citizen` is suspended from booking in `category` until (maybe in the past):
	/// their recorded no-shows and the missed bookings in `list` not yet reaped.
	pub(crate) fn suspension_of(
		citizen: CitizenId,
		category: CategoryId,
		rules: &CategoryRules,
		list: &[BookingId],
		now: Moment,
	) -> Option<Moment> {
		if rules.no_show_limit == 0 {
			return None;
		}
		let mut times = NoShows::<T>::get(citizen, category).into_inner();
		for id in list {
			if let Some(b) = Bookings::<T>::get(id) {
				if b.category == category && Self::is_no_show(&b, now) {
					times.push(b.end);
				}
			}
		}
		times.extend(Self::course_no_shows(citizen, category, now));
		rules.suspended_until(&mut times)
	}

	/// The bookings `citizen` made in `category` in the local month of `day`.
	pub(crate) fn booked_in_month(citizen: CitizenId, category: CategoryId, day: DayNumber) -> u8 {
		match MonthlyUse::<T>::get(citizen, category) {
			Some((month, count)) if month == month_of(day) => count,
			_ => 0,
		}
	}

	/// Book a slot; returns the booking's id.
	pub(crate) fn do_book(
		who: &T::AccountId,
		citizen: CitizenId,
		facility: FacilityId,
		day: DayNumber,
		slot: SlotIndex,
		party: u16,
		max_fee: T::Balance,
	) -> Result<BookingId, DispatchError> {
		let f = Self::existing_facility(facility)?;
		ensure!(f.status == FacilityStatus::Active, Error::<T>::FacilityRetired);
		// The fee now, not the one the citizen saw: a manager's `set_fee` may come first.
		let paid = f.spec.fee.unwrap_or_else(Zero::zero);
		ensure!(paid <= max_fee, Error::<T>::FeeAboveLimit);
		ensure!(party > 0, Error::<T>::InvalidPartySize);
		ensure!(party <= f.spec.max_party, Error::<T>::PartyTooLarge);
		let (start_minute, end_minute) =
			f.spec.slot_minutes_on(day, slot).ok_or(Error::<T>::OutsideOpeningHours)?;
		let now = T::Time::now();
		let offset = T::UtcOffsetMinutes::get();
		let start = moment_of(day, start_minute, offset);
		let end = moment_of(day, end_minute, offset);
		ensure!(start > now, Error::<T>::SlotInPast);
		let today = local_day(now, offset);
		let ahead = day.saturating_sub(today);
		ensure!(ahead <= u32::from(f.spec.resident_horizon_days), Error::<T>::BeyondBookingHorizon);
		if ahead > u32::from(f.spec.public_horizon_days) {
			ensure!(Self::is_resident_of(citizen, f.spec.zone), Error::<T>::ResidentsOnly);
		}
		ensure!(!Self::closed_for(facility, day, start), Error::<T>::ClosedOnDay);

		// A full list first loses the citizen's own ended bookings.
		let mut list = CitizenBookings::<T>::get(citizen);
		if list.is_full() {
			Self::reap_citizen(&mut list, now);
		}

		let mut uses = SlotUse::<T>::get(facility, day);
		let slots = usize::from(f.spec.slots_per_day());
		if uses.len() < slots {
			let mut v = uses.into_inner();
			v.resize(slots, 0);
			uses = BoundedVec::try_from(v).map_err(|_| DispatchError::Corruption)?;
		}
		let taken = uses.get_mut(usize::from(slot)).ok_or(DispatchError::Corruption)?;
		*taken = taken
			.checked_add(party)
			.filter(|t| *t <= f.spec.capacity)
			.ok_or(Error::<T>::SlotFull)?;

		let category = f.spec.category;
		let rules = Categories::<T>::get(category).map(|c| c.rules).unwrap_or_default();
		ensure!(
			Self::suspension_of(citizen, category, &rules, &list, now)
				.is_none_or(|until| until <= now),
			Error::<T>::SuspendedForNoShows
		);
		let used = Self::booked_in_month(citizen, category, today);
		ensure!(
			rules.monthly_quota == 0 || used < rules.monthly_quota,
			Error::<T>::MonthlyQuotaReached
		);

		let id = NextBookingId::<T>::get();
		let next = id.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		list.try_push(id).map_err(|_| Error::<T>::TooManyBookings)?;
		let mut day_list = DayBookings::<T>::get(facility, day);
		day_list.try_push(id).map_err(|_| Error::<T>::DayFullyBooked)?;

		if !paid.is_zero() {
			T::Currency::transfer(
				who,
				&Self::facility_account(facility),
				paid,
				Preservation::Expendable,
			)?;
		}
		NextBookingId::<T>::put(next);
		CitizenBookings::<T>::insert(citizen, list);
		DayBookings::<T>::insert(facility, day, day_list);
		SlotUse::<T>::insert(facility, day, uses);
		MonthlyUse::<T>::insert(citizen, category, (month_of(today), used.saturating_add(1)));
		Bookings::<T>::insert(
			id,
			Booking {
				kind: BookingKind::Slot,
				facility,
				category,
				day,
				slot,
				start,
				end,
				citizen,
				payer: who.clone(),
				party,
				paid,
				booked_at: now,
				status: BookingStatus::Booked,
			},
		);
		Self::deposit_event(Event::Booked {
			booking: id,
			facility,
			citizen,
			day,
			slot,
			party,
			paid,
		});
		Ok(id)
	}

	/// Cancel the citizen's booking before its slot: the refund tier for the local days left
	/// (in full at a retired facility or on a closed day).
	pub(crate) fn do_cancel(
		who: &T::AccountId,
		citizen: CitizenId,
		booking: BookingId,
	) -> DispatchResult {
		let b = Bookings::<T>::get(booking).ok_or(Error::<T>::UnknownBooking)?;
		ensure!(b.citizen == citizen, Error::<T>::NotYourBooking);
		ensure!(b.status == BookingStatus::Booked, Error::<T>::AlreadyCheckedIn);
		let now = T::Time::now();
		ensure!(now < b.start, Error::<T>::TooLateToCancel);
		let f = Facilities::<T>::get(b.facility).ok_or(DispatchError::Corruption)?;
		let percent = if f.status == FacilityStatus::Retired || Self::closure_covers(&b) {
			100
		} else {
			f.spec.refund_percent(b.day.saturating_sub(local_day(now, T::UtcOffsetMinutes::get())))
		};
		let refund = Percent::from_percent(percent).mul_floor(b.paid);
		Self::unbook(booking, &b);
		let refund = Self::refund(booking, &b, refund, who);
		Self::deposit_event(Event::Cancelled {
			booking,
			facility: b.facility,
			citizen,
			refund,
			reason: CancelReason::Citizen,
		});
		Ok(())
	}

	// ---- Removing bookings ----

	/// Give a place back in a day's slot counts.
	fn release_place(uses: &mut BoundedVec<u16, T::MaxSlotsPerDay>, b: &BookingOf<T>) {
		if let Some(taken) = uses.get_mut(usize::from(b.slot)) {
			*taken = taken.saturating_sub(b.party);
		}
	}

	/// Store a day's bookings and slot counts, or remove both when no booking is left.
	fn write_day(
		facility: FacilityId,
		day: DayNumber,
		ids: BoundedVec<BookingId, T::MaxBookingsPerDay>,
		uses: BoundedVec<u16, T::MaxSlotsPerDay>,
	) {
		if ids.is_empty() {
			DayBookings::<T>::remove(facility, day);
			SlotUse::<T>::remove(facility, day);
		} else {
			DayBookings::<T>::insert(facility, day, ids);
			SlotUse::<T>::insert(facility, day, uses);
		}
	}

	/// Take `booking` off its day (bookings and slot counts).
	fn off_day(booking: BookingId, b: &BookingOf<T>) {
		let mut ids = DayBookings::<T>::get(b.facility, b.day);
		let mut uses = SlotUse::<T>::get(b.facility, b.day);
		ids.retain(|id| *id != booking);
		Self::release_place(&mut uses, b);
		Self::write_day(b.facility, b.day, ids, uses);
	}

	/// Take `booking` off its citizen's list.
	fn off_citizen(citizen: CitizenId, booking: BookingId) {
		let mut list = CitizenBookings::<T>::get(citizen);
		list.retain(|id| *id != booking);
		if list.is_empty() {
			CitizenBookings::<T>::remove(citizen);
		} else {
			CitizenBookings::<T>::insert(citizen, list);
		}
	}

	/// A cancelled booking no longer counts towards its month's quota.
	fn give_back_quota(b: &BookingOf<T>) {
		let month = month_of(local_day(b.booked_at, T::UtcOffsetMinutes::get()));
		if let Some((m, count)) = MonthlyUse::<T>::get(b.citizen, b.category) {
			if m == month {
				MonthlyUse::<T>::insert(b.citizen, b.category, (m, count.saturating_sub(1)));
			}
		}
	}

	/// Remove a cancelled booking everywhere.
	fn unbook(booking: BookingId, b: &BookingOf<T>) {
		Self::off_day(booking, b);
		Self::off_citizen(b.citizen, booking);
		Self::give_back_quota(b);
		Bookings::<T>::remove(booking);
	}

	/// Pay `amount` back from the booking's facility account to `to`. The facility account
	/// keeps at least the currency's minimum unless what would be left is below it (dust, as
	/// fees are at least the minimum). A refund that cannot be paid (the recipient cannot
	/// receive it) stays with the facility, with a `RefundWithheld` event: a cancellation
	/// never fails on it. Returns what was paid.
	fn refund(
		booking: BookingId,
		b: &BookingOf<T>,
		amount: T::Balance,
		to: &T::AccountId,
	) -> T::Balance {
		if amount.is_zero() {
			return amount;
		}
		match Self::pay_back(b.facility, amount, to) {
			Ok(()) => amount,
			Err(_) => {
				Self::deposit_event(Event::RefundWithheld { booking, citizen: b.citizen, amount });
				Zero::zero()
			}
		}
	}

	/// Move `amount` from the facility's account to `to`, in a storage layer of its own (a
	/// refund that cannot be paid changes nothing). The facility's account keeps at least the
	/// currency's minimum unless what would be left is below it.
	fn pay_back(facility: FacilityId, amount: T::Balance, to: &T::AccountId) -> DispatchResult {
		let from = Self::facility_account(facility);
		with_storage_layer::<_, DispatchError, _>(|| {
			let left = T::Currency::balance(&from)
				.checked_sub(&amount)
				.ok_or(DispatchError::Token(sp_runtime::TokenError::FundsUnavailable))?;
			let preservation = if left < T::Currency::minimum_balance() {
				Preservation::Expendable
			} else {
				Preservation::Preserve
			};
			T::Currency::transfer(&from, to, amount, preservation)
		})
		.map(|_| ())
	}

	/// Remember a no-show (the end of the slot missed), forgetting those that can no longer
	/// matter, and the oldest when the list is full.
	fn record_no_show(citizen: CitizenId, category: CategoryId, at: Moment, now: Moment) {
		Self::record_no_shows(citizen, category, &[at], now)
	}

	/// Remember no-shows (the ends of what was missed) in one read and write of the list.
	fn record_no_shows(citizen: CitizenId, category: CategoryId, ats: &[Moment], now: Moment) {
		let rules = Categories::<T>::get(category).map(|c| c.rules).unwrap_or_default();
		let mut list = NoShows::<T>::get(citizen, category);
		list.retain(|t| !rules.forgotten(*t, now));
		for at in ats {
			if rules.no_show_limit == 0 || rules.forgotten(*at, now) {
				continue;
			}
			if list.is_full() {
				if let Some(oldest) =
					list.iter().enumerate().min_by_key(|(_, t)| **t).map(|(i, _)| i)
				{
					list.remove(oldest);
				}
			}
			let _ = list.try_push(*at);
		}
		if list.is_empty() {
			NoShows::<T>::remove(citizen, category);
		} else {
			NoShows::<T>::insert(citizen, category, list);
		}
	}

	/// Reap the ended bookings of a citizen's list (not those a closure covers: the closure
	/// cancels them).
	fn reap_citizen(list: &mut BoundedVec<BookingId, T::MaxLiveBookingsPerCitizen>, now: Moment) {
		list.retain(|id| match Bookings::<T>::get(id) {
			None => false,
			Some(b) if b.end > now || Self::closure_covers(&b) => true,
			Some(b) => {
				Self::off_day(*id, &b);
				let no_show = Self::is_no_show(&b, now);
				if no_show {
					Self::record_no_show(b.citizen, b.category, b.end, now);
				}
				Bookings::<T>::remove(id);
				Self::deposit_event(Event::Reaped { booking: *id, citizen: b.citizen, no_show });
				false
			}
		});
	}

	/// Work through a closure: the facility's (`Some`) or the first queued (`None`). Visits
	/// up to `max` bookings of the closed days (and at most `MaxClosureDays` days): those
	/// booked whose slot starts after the closure was declared are cancelled with a full
	/// refund; checked-in ones, and those whose slot had started, stay. Returns how many were
	/// cancelled.
	pub(crate) fn do_process_closure(
		facility: Option<FacilityId>,
		max: u32,
	) -> Result<u32, DispatchError> {
		let mut queue = ClosureQueue::<T>::get();
		let pos = match facility {
			Some(f) => {
				queue.iter().position(|t| t.facility == f).ok_or(Error::<T>::NoClosurePending)?
			}
			None if queue.is_empty() => return Ok(0),
			None => 0,
		};
		let mut task = queue.get(pos).copied().ok_or(DispatchError::Corruption)?;
		// Every booking visited counts towards `max`, cancelled or (checked in) kept.
		let mut cancelled = 0u32;
		let mut visited = 0u32;
		while task.next_day <= task.to_day && visited < max {
			let mut ids = DayBookings::<T>::get(task.facility, task.next_day);
			let mut uses = SlotUse::<T>::get(task.facility, task.next_day);
			let mut changed = false;
			while visited < max {
				let index = task.next_index as usize;
				let Some(id) = ids.get(index).copied() else { break };
				visited = visited.saturating_add(1);
				match Bookings::<T>::get(id) {
					Some(b) if b.status == BookingStatus::Booked && b.start > task.declared_at => {
						ids.remove(index);
						Self::release_place(&mut uses, &b);
						Self::off_citizen(b.citizen, id);
						Self::give_back_quota(&b);
						Bookings::<T>::remove(id);
						let to =
							T::Citizens::account_of(b.citizen).unwrap_or_else(|| b.payer.clone());
						let refund = Self::refund(id, &b, b.paid, &to);
						Self::deposit_event(Event::Cancelled {
							booking: id,
							facility: b.facility,
							citizen: b.citizen,
							refund,
							reason: CancelReason::Closure,
						});
						cancelled = cancelled.saturating_add(1);
						changed = true;
					}
					// Checked in, or started before the closure: it stays.
					_ => task.next_index = task.next_index.saturating_add(1),
				}
			}
			let day_done = task.next_index as usize >= ids.len();
			if changed {
				Self::write_day(task.facility, task.next_day, ids, uses);
			}
			if !day_done {
				break;
			}
			// `to_day < DayNumber::MAX` (checked by `close`), so this passes it.
			task.next_day = task.next_day.saturating_add(1);
			task.next_index = 0;
		}
		if task.next_day > task.to_day {
			queue.remove(pos);
			Self::deposit_event(Event::ClosureProcessed {
				facility: task.facility,
				to_day: task.to_day,
			});
		} else if let Some(t) = queue.get_mut(pos) {
			*t = task;
		}
		ClosureQueue::<T>::put(queue);
		Ok(cancelled)
	}

	/// Remove up to `max` bookings of the facility on a past `day`, recording no-shows.
	/// Returns how many were removed.
	pub(crate) fn do_reap(
		facility: FacilityId,
		day: DayNumber,
		max: u32,
	) -> Result<u32, DispatchError> {
		let today = Self::today();
		ensure!(day.saturating_add(T::ReapAfterDays::get()) < today, Error::<T>::TooEarlyToReap);
		ensure!(!Self::closure_pending(facility, day), Error::<T>::ClosurePending);
		let mut ids = DayBookings::<T>::get(facility, day);
		ensure!(!ids.is_empty(), Error::<T>::NothingToReap);
		let mut uses = SlotUse::<T>::get(facility, day);
		let now = T::Time::now();
		let mut reaped = 0u32;
		while reaped < max {
			let Some(id) = ids.pop() else { break };
			if let Some(b) = Bookings::<T>::take(id) {
				Self::release_place(&mut uses, &b);
				Self::off_citizen(b.citizen, id);
				let no_show = Self::is_no_show(&b, now);
				if no_show {
					Self::record_no_show(b.citizen, b.category, b.end, now);
				}
				Self::deposit_event(Event::Reaped { booking: id, citizen: b.citizen, no_show });
			}
			reaped = reaped.saturating_add(1);
		}
		Self::write_day(facility, day, ids, uses);
		Ok(reaped)
	}

	// ---- Courses: helpers ----

	/// `None` for the city ([`Config::AdminOrigin`]), the account for any other signed
	/// origin (the caller then checks it manages the facility).
	pub(crate) fn city_or_signed(
		origin: OriginFor<T>,
	) -> Result<Option<T::AccountId>, DispatchError> {
		match T::AdminOrigin::try_origin(origin) {
			Ok(_) => Ok(None),
			Err(origin) => Ok(Some(frame_system::ensure_signed(origin)?)),
		}
	}

	fn existing_course(course: CourseId) -> Result<CourseOf<T>, DispatchError> {
		Courses::<T>::get(course).ok_or_else(|| Error::<T>::UnknownCourse.into())
	}

	/// The city's course policy for a category (absent: neither quota nor no-shows count).
	pub(crate) fn course_policy(category: CategoryId) -> CoursePolicy {
		CoursePolicies::<T>::get(category).unwrap_or_default()
	}

	/// Whether `citizen` holds a valid claim of every kind in `claims`.
	fn holds_claims(
		citizen: CitizenId,
		claims: &frame_support::BoundedBTreeSet<ClaimKind, T::MaxRequiredClaims>,
	) -> bool {
		claims.iter().all(|kind| T::Citizens::has_valid_claim(citizen, *kind))
	}

	/// Pay a fee from `who` to the facility (nothing when it is zero).
	fn pay_fee(who: &T::AccountId, facility: FacilityId, fee: T::Balance) -> DispatchResult {
		if !fee.is_zero() {
			T::Currency::transfer(
				who,
				&Self::facility_account(facility),
				fee,
				Preservation::Expendable,
			)?;
		}
		Ok(())
	}

	/// Refund a course seat: `amount` from the facility's account to `to`; one that cannot be
	/// paid stays with the facility (`CourseRefundWithheld`). Returns what was paid.
	fn course_refund(
		course: CourseId,
		facility: FacilityId,
		citizen: CitizenId,
		amount: T::Balance,
		to: &T::AccountId,
	) -> T::Balance {
		if amount.is_zero() {
			return amount;
		}
		match Self::pay_back(facility, amount, to) {
			Ok(()) => amount,
			Err(_) => {
				Self::deposit_event(Event::CourseRefundWithheld { course, citizen, amount });
				Zero::zero()
			}
		}
	}

	/// Refuse a citizen suspended for no-shows in the category, where the city's policy says
	/// no-shows count for its courses.
	fn ensure_not_suspended_for_course(
		citizen: CitizenId,
		category: CategoryId,
		policy: &CoursePolicy,
		now: Moment,
	) -> DispatchResult {
		if !policy.no_shows_count {
			return Ok(());
		}
		let rules = Categories::<T>::get(category).map(|c| c.rules).unwrap_or_default();
		let list = CitizenBookings::<T>::get(citizen);
		ensure!(
			Self::suspension_of(citizen, category, &rules, &list, now)
				.is_none_or(|until| until <= now),
			Error::<T>::SuspendedForNoShows
		);
		Ok(())
	}

	/// Count a seat towards the category's monthly quota where the city's policy says so:
	/// refused when the quota is reached. Returns whether it was counted.
	fn take_course_quota(
		citizen: CitizenId,
		category: CategoryId,
		policy: &CoursePolicy,
		now: Moment,
	) -> Result<bool, DispatchError> {
		if !policy.counts_towards_quota {
			return Ok(false);
		}
		let rules = Categories::<T>::get(category).map(|c| c.rules).unwrap_or_default();
		let today = local_day(now, T::UtcOffsetMinutes::get());
		let used = Self::booked_in_month(citizen, category, today);
		ensure!(
			rules.monthly_quota == 0 || used < rules.monthly_quota,
			Error::<T>::MonthlyQuotaReached
		);
		MonthlyUse::<T>::insert(citizen, category, (month_of(today), used.saturating_add(1)));
		Ok(true)
	}

	/// A seat given up (or cancelled) in the month it was taken gives its quota place back.
	fn give_back_course_quota(citizen: CitizenId, category: CategoryId, p: &ParticipantOf<T>) {
		if p.standing != Standing::Enrolled || !p.counted {
			return;
		}
		let month = month_of(local_day(p.since, T::UtcOffsetMinutes::get()));
		if let Some((m, count)) = MonthlyUse::<T>::get(citizen, category) {
			if m == month {
				MonthlyUse::<T>::insert(citizen, category, (m, count.saturating_sub(1)));
			}
		}
	}

	/// The ends of the sessions an enrolled participant missed by `now`: ended, not checked
	/// in, not covered by a closure of the facility, at a facility not retired. Empty for a
	/// participant not enrolled, or a cancelled course.
	pub(crate) fn missed_sessions(
		c: &CourseOf<T>,
		p: &ParticipantOf<T>,
		now: Moment,
	) -> alloc::vec::Vec<Moment> {
		if p.standing != Standing::Enrolled
			|| c.status == CourseStatus::Cancelled
			|| Self::retired(c.facility)
		{
			return alloc::vec::Vec::new();
		}
		let offset = T::UtcOffsetMinutes::get();
		let closures = Closures::<T>::get(c.facility);
		c.spec
			.sessions
			.iter()
			.enumerate()
			.filter(|(i, s)| {
				let (start, end) = (s.start(offset), s.end(offset));
				end <= now
					&& p.attended & (1u64 << (*i as u32 % 64)) == 0
					&& !closures.iter().any(|cl| cl.covers(s.day, start))
			})
			.map(|(_, s)| s.end(offset))
			.collect()
	}

	/// The sessions `citizen` missed in the courses of `category` they are still in, where the
	/// city's policy says no-shows count for its courses (judged when read, as bookings' are).
	pub(crate) fn course_no_shows(
		citizen: CitizenId,
		category: CategoryId,
		now: Moment,
	) -> alloc::vec::Vec<Moment> {
		let mut times = alloc::vec::Vec::new();
		if !Self::course_policy(category).no_shows_count {
			return times;
		}
		for id in CitizenCourses::<T>::get(citizen).iter() {
			let Some(c) = Courses::<T>::get(id) else { continue };
			if c.category != category {
				continue;
			}
			if let Some(p) = Participants::<T>::get(id, citizen) {
				times.extend(Self::missed_sessions(&c, &p, now));
			}
		}
		times
	}

	/// The head and tail of a course's waitlist (`waitlist`) or offer queue.
	fn queue_ends(
		state: &mut CourseState,
		waitlist: bool,
	) -> (&mut Option<CitizenId>, &mut Option<CitizenId>) {
		if waitlist {
			(&mut state.wait_head, &mut state.wait_tail)
		} else {
			(&mut state.offer_head, &mut state.offer_tail)
		}
	}

	/// Append `citizen` (record `p`, written by the caller) to the tail of a queue: O(1).
	fn push_back(
		course: CourseId,
		state: &mut CourseState,
		waitlist: bool,
		citizen: CitizenId,
		p: &mut ParticipantOf<T>,
	) {
		let (head, tail) = Self::queue_ends(state, waitlist);
		p.prev = *tail;
		p.next = None;
		match *tail {
			Some(last) => Participants::<T>::mutate(course, last, |x| {
				if let Some(x) = x {
					x.next = Some(citizen);
				}
			}),
			None => *head = Some(citizen),
		}
		*tail = Some(citizen);
	}

	/// Take `citizen` (record `p`, written or removed by the caller) out of a queue, wherever
	/// they are in it: O(1), the neighbours are linked to each other.
	fn unlink(
		course: CourseId,
		state: &mut CourseState,
		waitlist: bool,
		citizen: CitizenId,
		p: &mut ParticipantOf<T>,
	) {
		let (head, tail) = Self::queue_ends(state, waitlist);
		match p.prev {
			Some(prev) => Participants::<T>::mutate(course, prev, |x| {
				if let Some(x) = x {
					x.next = p.next;
				}
			}),
			None if *head == Some(citizen) => *head = p.next,
			None => {}
		}
		match p.next {
			Some(next) => Participants::<T>::mutate(course, next, |x| {
				if let Some(x) = x {
					x.prev = p.prev;
				}
			}),
			None if *tail == Some(citizen) => *tail = p.prev,
			None => {}
		}
		p.prev = None;
		p.next = None;
	}

	/// Take `citizen` (record `p`) out of a course: off its queue (while the course is open),
	/// off the counts, out of [`Participants`]. The caller takes the course off the citizen's
	/// list and writes the course.
	fn drop_participant(
		course: CourseId,
		c: &mut CourseOf<T>,
		citizen: CitizenId,
		p: &mut ParticipantOf<T>,
	) {
		let open = c.status == CourseStatus::Open;
		match p.standing {
			Standing::Enrolled => c.state.enrolled = c.state.enrolled.saturating_sub(1),
			Standing::Offered { .. } => {
				if open {
					Self::unlink(course, &mut c.state, false, citizen, p);
				}
				c.state.offered = c.state.offered.saturating_sub(1);
			}
			Standing::Waiting { .. } => {
				if open {
					Self::unlink(course, &mut c.state, true, citizen, p);
				}
				c.state.waiting = c.state.waiting.saturating_sub(1);
			}
		}
		Participants::<T>::remove(course, citizen);
	}

	/// Take a course off a citizen's list.
	fn off_course_list(citizen: CitizenId, course: CourseId) {
		let mut list = CitizenCourses::<T>::get(citizen);
		list.retain(|id| *id != course);
		if list.is_empty() {
			CitizenCourses::<T>::remove(citizen);
		} else {
			CitizenCourses::<T>::insert(citizen, list);
		}
	}

	/// Offer a free seat to the head of the waitlist, held until `offer_minutes` from now
	/// (never past the first session's start): O(1) whatever the waitlist's length. Nothing
	/// once the first session has started, with no free seat, or nobody waiting.
	fn offer_seat(course: CourseId, c: &mut CourseOf<T>, now: Moment) {
		let first = c.spec.first_start(T::UtcOffsetMinutes::get());
		if c.status != CourseStatus::Open || now >= first || c.state.free_seats(c.spec.seats) == 0 {
			return;
		}
		let Some(head) = c.state.wait_head else { return };
		let Some(mut p) = Participants::<T>::get(course, head) else { return };
		Self::unlink(course, &mut c.state, true, head, &mut p);
		c.state.waiting = c.state.waiting.saturating_sub(1);
		let until =
			now.saturating_add(u64::from(c.spec.offer_minutes).saturating_mul(MINUTE)).min(first);
		p.standing = Standing::Offered { until };
		p.since = now;
		Self::push_back(course, &mut c.state, false, head, &mut p);
		c.state.offered = c.state.offered.saturating_add(1);
		Participants::<T>::insert(course, head, p);
		Self::deposit_event(Event::SeatOffered { course, citizen: head, until });
	}

	/// Pass on up to `max` offers past their deadline, earliest first (the offer queue is in
	/// deadline order, so each step reads its head only): the citizen leaves the course and
	/// the seat is offered to the next in line. Returns how many lapsed. The caller writes
	/// the course.
	fn lapse_offers(course: CourseId, c: &mut CourseOf<T>, now: Moment, max: u32) -> u32 {
		let mut lapsed = 0u32;
		while lapsed < max && c.status == CourseStatus::Open {
			let Some(head) = c.state.offer_head else { break };
			let Some(mut p) = Participants::<T>::get(course, head) else { break };
			let Standing::Offered { until } = p.standing else { break };
			if until > now {
				break;
			}
			Self::drop_participant(course, c, head, &mut p);
			Self::off_course_list(head, course);
			Self::deposit_event(Event::OfferLapsed { course, citizen: head });
			Self::offer_seat(course, c, now);
			lapsed = lapsed.saturating_add(1);
		}
		lapsed
	}

	/// Whether the course's earliest offer is past its deadline.
	pub(crate) fn offer_expired(course: CourseId, c: &CourseOf<T>, now: Moment) -> bool {
		c.status == CourseStatus::Open
			&& c.state
				.offer_head
				.and_then(|head| Participants::<T>::get(course, head))
				.is_some_and(|p| matches!(p.standing, Standing::Offered { until } if until <= now))
	}

	/// Whether a course may be reaped: its last session's day is `ReapAfterDays` behind.
	pub(crate) fn course_reapable(c: &CourseOf<T>, today: DayNumber) -> bool {
		c.status != CourseStatus::Cancelled
			&& c.spec.last_day().saturating_add(T::ReapAfterDays::get()) < today
	}

	/// Take a course out of its zone's index (if there).
	fn off_zone_courses(zone: ZoneId, course: CourseId) {
		ZoneCourses::<T>::mutate(zone, |entries| entries.retain(|e| e.course != course));
	}

	/// Remove a course with no participant left.
	fn remove_course(course: CourseId, c: &CourseOf<T>) {
		Self::off_zone_courses(c.zone, course);
		FacilityCourses::<T>::mutate(c.facility, |list| list.retain(|id| *id != course));
		Courses::<T>::remove(course);
		Self::deposit_event(Event::CourseRemoved { course });
	}

	/// When a citizen's course list is full: take them out of the courses that have ended
	/// (missed sessions recorded as no-shows where they count), making room.
	fn reap_own_courses(
		citizen: CitizenId,
		list: &mut BoundedVec<CourseId, T::MaxCoursesPerCitizen>,
		now: Moment,
	) {
		let offset = T::UtcOffsetMinutes::get();
		list.retain(|id| {
			let Some(mut c) = Courses::<T>::get(id) else { return false };
			if c.status == CourseStatus::Cancelled || c.spec.last_end(offset) > now {
				return true;
			}
			let Some(mut p) = Participants::<T>::get(id, citizen) else { return false };
			let missed = Self::reap_participant(*id, &mut c, citizen, &mut p, now);
			Courses::<T>::insert(id, c);
			Self::deposit_event(Event::CourseParticipantReaped { course: *id, citizen, missed });
			false
		});
	}

	/// Take a participant out of an ended course, recording the sessions they missed as
	/// no-shows where the city's policy says they count. Returns how many were missed.
	fn reap_participant(
		course: CourseId,
		c: &mut CourseOf<T>,
		citizen: CitizenId,
		p: &mut ParticipantOf<T>,
		now: Moment,
	) -> u32 {
		let missed = if Self::course_policy(c.category).no_shows_count {
			Self::missed_sessions(c, p, now)
		} else {
			alloc::vec::Vec::new()
		};
		if !missed.is_empty() {
			Self::record_no_shows(citizen, c.category, &missed, now);
		}
		Self::drop_participant(course, c, citizen, p);
		missed.len() as u32
	}

	// ---- Courses: the city and managers ----

	pub(crate) fn do_set_course_policy(
		category: CategoryId,
		policy: CoursePolicy,
	) -> DispatchResult {
		ensure!(Categories::<T>::contains_key(category), Error::<T>::UnknownCategory);
		CoursePolicies::<T>::insert(category, policy);
		Self::deposit_event(Event::CoursePolicySet { category, policy });
		Ok(())
	}

	/// Publish a course at an active facility `who` manages. The zone's index first drops
	/// courses whose enrolment has closed.
	pub(crate) fn do_publish_course(
		who: &T::AccountId,
		facility: FacilityId,
		spec: CourseSpecOf<T>,
	) -> Result<CourseId, DispatchError> {
		let f = Self::active_managed_facility(who, facility)?;
		let now = T::Time::now();
		spec.check(
			now,
			T::UtcOffsetMinutes::get(),
			T::MaxScheduleDays::get(),
			T::MaxCourseSeats::get(),
			T::MaxOfferMinutes::get(),
		)
		.map_err(Error::<T>::from)?;
		Self::check_fee(spec.fee)?;
		let id = NextCourseId::<T>::get();
		let next = id.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		let mut list = FacilityCourses::<T>::get(facility);
		list.try_push(id).map_err(|_| Error::<T>::TooManyCourses)?;
		let zone = f.spec.zone;
		let mut entries = ZoneCourses::<T>::get(zone);
		entries.retain(|e| e.closes > now);
		entries
			.try_push(CourseEntry {
				course: id,
				facility,
				category: f.spec.category,
				location: f.spec.location,
				opens: spec.residents_from,
				closes: spec.enrol_until,
			})
			.map_err(|_| Error::<T>::TooManyCoursesInZone)?;
		NextCourseId::<T>::put(next);
		FacilityCourses::<T>::insert(facility, list);
		ZoneCourses::<T>::insert(zone, entries);
		Self::deposit_event(Event::CoursePublished {
			course: id,
			facility,
			seats: spec.seats,
			fee: spec.fee,
		});
		Courses::<T>::insert(
			id,
			Course {
				facility,
				zone,
				category: f.spec.category,
				location: f.spec.location,
				spec,
				status: CourseStatus::Open,
				state: CourseState::default(),
			},
		);
		Ok(id)
	}

	/// Cancel a course before its last session ends (the city: `who` is `None`; else its
	/// facility's manager). Its participants are removed in bounded steps, seats refunded in
	/// full; a course nobody is in goes at once.
	pub(crate) fn do_cancel_course(who: Option<&T::AccountId>, course: CourseId) -> DispatchResult {
		let mut c = Self::existing_course(course)?;
		if let Some(who) = who {
			Self::managed_facility(who, c.facility)?;
		}
		ensure!(c.status != CourseStatus::Cancelled, Error::<T>::CourseCancelled);
		let now = T::Time::now();
		ensure!(
			c.status == CourseStatus::Open && now < c.spec.last_end(T::UtcOffsetMinutes::get()),
			Error::<T>::CourseEnded
		);
		c.status = CourseStatus::Cancelled;
		c.state.wait_head = None;
		c.state.wait_tail = None;
		c.state.offer_head = None;
		c.state.offer_tail = None;
		Self::deposit_event(Event::CourseCancelled { course });
		if c.state.enrolled == 0 && c.state.offered == 0 && c.state.waiting == 0 {
			Self::remove_course(course, &c);
			return Ok(());
		}
		let mut queue = CancelQueue::<T>::get();
		queue
			.try_push(Listing::Course(course))
			.map_err(|_| Error::<T>::TooManyPendingCancellations)?;
		CancelQueue::<T>::put(queue);
		Self::off_zone_courses(c.zone, course);
		Courses::<T>::insert(course, c);
		Ok(())
	}

	/// Check an enrolled citizen in at a session (the facility's manager, not for themselves).
	pub(crate) fn do_check_in_session(
		who: &T::AccountId,
		course: CourseId,
		session: u32,
		citizen: CitizenId,
	) -> DispatchResult {
		let c = Self::existing_course(course)?;
		Self::managed_facility(who, c.facility)?;
		ensure!(c.status != CourseStatus::Cancelled, Error::<T>::CourseCancelled);
		let s = c.spec.sessions.get(session as usize).copied().ok_or(Error::<T>::UnknownSession)?;
		let mut p = Participants::<T>::get(course, citizen).ok_or(Error::<T>::NotEnrolled)?;
		ensure!(p.standing == Standing::Enrolled, Error::<T>::NotEnrolled);
		ensure!(T::Citizens::citizen_of(who) != Some(citizen), Error::<T>::OwnBooking);
		let bit = 1u64 << (session % 64);
		ensure!(p.attended & bit == 0, Error::<T>::AlreadyCheckedIn);
		let now = T::Time::now();
		let offset = T::UtcOffsetMinutes::get();
		let (start, end) = (s.start(offset), s.end(offset));
		ensure!(
			now >= start.saturating_sub(T::CheckInOpensBefore::get()) && now < end,
			Error::<T>::OutsideCheckInWindow
		);
		ensure!(!Self::closed_for(c.facility, s.day, start), Error::<T>::ClosedOnDay);
		p.attended |= bit;
		Participants::<T>::insert(course, citizen, p);
		Self::deposit_event(Event::SessionCheckedIn { course, session, citizen });
		Ok(())
	}

	// ---- Courses: citizens ----

	/// Enrol: a free seat (nobody waiting) is taken and paid for now; otherwise the citizen
	/// joins the tail of the waitlist. Expired offers are passed on first.
	pub(crate) fn do_enroll(
		who: &T::AccountId,
		citizen: CitizenId,
		course: CourseId,
		max_fee: T::Balance,
	) -> DispatchResult {
		let mut c = Self::existing_course(course)?;
		match c.status {
			CourseStatus::Open => {}
			CourseStatus::Cancelled => return Err(Error::<T>::CourseCancelled.into()),
			CourseStatus::Ended => return Err(Error::<T>::EnrolmentClosed.into()),
		}
		let f = Self::existing_facility(c.facility)?;
		ensure!(f.status == FacilityStatus::Active, Error::<T>::FacilityRetired);
		ensure!(
			f.spec.manager != *who && T::Citizens::citizen_of(&f.spec.manager) != Some(citizen),
			Error::<T>::OwnCourse
		);
		let fee = c.spec.fee.unwrap_or_else(Zero::zero);
		ensure!(fee <= max_fee, Error::<T>::FeeAboveLimit);
		let now = T::Time::now();
		ensure!(now >= c.spec.residents_from, Error::<T>::EnrolmentNotOpen);
		ensure!(now < c.spec.enrol_until, Error::<T>::EnrolmentClosed);
		if now < c.spec.public_from {
			ensure!(Self::is_resident_of(citizen, c.zone), Error::<T>::ResidentsOnly);
		}
		ensure!(Self::holds_claims(citizen, &c.spec.required_claims), Error::<T>::NotEligible);
		ensure!(!Participants::<T>::contains_key(course, citizen), Error::<T>::AlreadyEnrolled);
		let policy = Self::course_policy(c.category);
		Self::ensure_not_suspended_for_course(citizen, c.category, &policy, now)?;

		let mut list = CitizenCourses::<T>::get(citizen);
		if list.is_full() {
			Self::reap_own_courses(citizen, &mut list, now);
		}
		list.try_push(course).map_err(|_| Error::<T>::TooManyEnrolments)?;
		Self::lapse_offers(course, &mut c, now, LAPSES_PER_CALL);

		let mut p = Participant {
			standing: Standing::Enrolled,
			prev: None,
			next: None,
			payer: who.clone(),
			paid: Zero::zero(),
			since: now,
			counted: false,
			attended: 0,
		};
		if c.state.waiting == 0 && c.state.free_seats(c.spec.seats) > 0 {
			p.counted = Self::take_course_quota(citizen, c.category, &policy, now)?;
			Self::pay_fee(who, c.facility, fee)?;
			p.paid = fee;
			c.state.enrolled = c.state.enrolled.saturating_add(1);
			Participants::<T>::insert(course, citizen, p);
			Self::deposit_event(Event::Enrolled { course, citizen, paid: fee, from_offer: false });
		} else {
			ensure!(c.state.waiting < T::MaxWaitlist::get(), Error::<T>::WaitlistFull);
			let seq = c.state.next_seq;
			c.state.next_seq = seq.checked_add(1).ok_or(ArithmeticError::Overflow)?;
			p.standing = Standing::Waiting { seq };
			Self::push_back(course, &mut c.state, true, citizen, &mut p);
			c.state.waiting = c.state.waiting.saturating_add(1);
			Participants::<T>::insert(course, citizen, p);
			Self::deposit_event(Event::Waitlisted { course, citizen, position: c.state.waiting });
		}
		CitizenCourses::<T>::insert(citizen, list);
		Courses::<T>::insert(course, c);
		Ok(())
	}

	/// Confirm an offered seat before its deadline, paying the fee. A citizen still waiting
	/// whose turn has come (the offers ahead lapsed) gets the offer and confirms in the same
	/// call.
	pub(crate) fn do_confirm_offer(
		who: &T::AccountId,
		citizen: CitizenId,
		course: CourseId,
		max_fee: T::Balance,
	) -> DispatchResult {
		let mut c = Self::existing_course(course)?;
		ensure!(c.status != CourseStatus::Cancelled, Error::<T>::CourseCancelled);
		let f = Self::existing_facility(c.facility)?;
		ensure!(f.status == FacilityStatus::Active, Error::<T>::FacilityRetired);
		let fee = c.spec.fee.unwrap_or_else(Zero::zero);
		ensure!(fee <= max_fee, Error::<T>::FeeAboveLimit);
		let now = T::Time::now();
		let p = Participants::<T>::get(course, citizen).ok_or(Error::<T>::NotEnrolled)?;
		match p.standing {
			Standing::Enrolled => return Err(Error::<T>::NoOffer.into()),
			Standing::Offered { until } => ensure!(until > now, Error::<T>::OfferExpired),
			Standing::Waiting { .. } => {}
		}
		ensure!(Self::holds_claims(citizen, &c.spec.required_claims), Error::<T>::NotEligible);
		let policy = Self::course_policy(c.category);
		Self::ensure_not_suspended_for_course(citizen, c.category, &policy, now)?;
		Self::lapse_offers(course, &mut c, now, LAPSES_PER_CALL);
		let mut p = Participants::<T>::get(course, citizen).ok_or(Error::<T>::NotEnrolled)?;
		ensure!(
			matches!(p.standing, Standing::Offered { until } if until > now),
			Error::<T>::NoOffer
		);
		p.counted = Self::take_course_quota(citizen, c.category, &policy, now)?;
		Self::pay_fee(who, c.facility, fee)?;
		Self::unlink(course, &mut c.state, false, citizen, &mut p);
		c.state.offered = c.state.offered.saturating_sub(1);
		c.state.enrolled = c.state.enrolled.saturating_add(1);
		p.standing = Standing::Enrolled;
		p.paid = fee;
		p.since = now;
		p.payer = who.clone();
		Participants::<T>::insert(course, citizen, p);
		Courses::<T>::insert(course, c);
		Self::deposit_event(Event::Enrolled { course, citizen, paid: fee, from_offer: true });
		Ok(())
	}

	/// A citizen leaves a course (`caller`: the account they act from), or its facility's
	/// manager removes them (`manager`). A seat is given up before the first session starts
	/// (refund by the course's tiers; in full when the manager removes it or the facility is
	/// retired) and offered to the head of the waitlist; an offer is declined (the seat passes
	/// on); a waitlist place is left, before the course ends. O(1): the queues are linked.
	pub(crate) fn do_leave(
		manager: Option<&T::AccountId>,
		caller: Option<&T::AccountId>,
		citizen: CitizenId,
		course: CourseId,
	) -> DispatchResult {
		let mut c = Self::existing_course(course)?;
		if let Some(who) = manager {
			Self::managed_facility(who, c.facility)?;
		}
		ensure!(c.status != CourseStatus::Cancelled, Error::<T>::CourseCancelled);
		let mut p = Participants::<T>::get(course, citizen).ok_or(Error::<T>::NotEnrolled)?;
		let now = T::Time::now();
		let offset = T::UtcOffsetMinutes::get();
		match p.standing {
			Standing::Enrolled => {
				ensure!(now < c.spec.first_start(offset), Error::<T>::TooLateToWithdraw)
			}
			_ => ensure!(
				c.status == CourseStatus::Open && now < c.spec.last_end(offset),
				Error::<T>::CourseEnded
			),
		}
		let standing = p.standing.kind();
		let refund = if standing == StandingKind::Enrolled {
			let percent = if manager.is_some() || Self::retired(c.facility) {
				100
			} else {
				c.spec.refund_percent(c.spec.first_day().saturating_sub(local_day(now, offset)))
			};
			Percent::from_percent(percent).mul_floor(p.paid)
		} else {
			Zero::zero()
		};
		Self::give_back_course_quota(citizen, c.category, &p);
		Self::drop_participant(course, &mut c, citizen, &mut p);
		Self::off_course_list(citizen, course);
		if standing != StandingKind::Waiting {
			Self::offer_seat(course, &mut c, now);
		}
		Self::lapse_offers(course, &mut c, now, LAPSES_PER_CALL);
		let to = match caller {
			Some(who) => who.clone(),
			None => T::Citizens::account_of(citizen).unwrap_or_else(|| p.payer.clone()),
		};
		let refund = Self::course_refund(course, c.facility, citizen, refund, &to);
		Courses::<T>::insert(course, c);
		Self::deposit_event(if manager.is_some() {
			Event::ParticipantRemoved { course, citizen, standing, refund }
		} else {
			Event::Withdrew { course, citizen, standing, refund }
		});
		Ok(())
	}

	// ---- Courses: anyone ----

	/// Pass up to `max` expired offers on. Returns how many lapsed.
	pub(crate) fn do_advance_waitlist(course: CourseId, max: u32) -> Result<u32, DispatchError> {
		let mut c = Self::existing_course(course)?;
		ensure!(c.status != CourseStatus::Cancelled, Error::<T>::CourseCancelled);
		let lapsed = Self::lapse_offers(course, &mut c, T::Time::now(), max);
		ensure!(lapsed > 0, Error::<T>::NoExpiredOffer);
		Courses::<T>::insert(course, c);
		Ok(lapsed)
	}

	/// Remove up to `max` participants of a course that ended `ReapAfterDays` ago (it leaves
	/// the zone's index and its queues are dropped at the first step); the course goes with
	/// the last. Returns how many were removed.
	pub(crate) fn do_reap_course(course: CourseId, max: u32) -> Result<u32, DispatchError> {
		let mut c = Self::existing_course(course)?;
		ensure!(c.status != CourseStatus::Cancelled, Error::<T>::CourseCancelled);
		ensure!(Self::course_reapable(&c, Self::today()), Error::<T>::TooEarlyToReap);
		if c.status == CourseStatus::Open {
			c.status = CourseStatus::Ended;
			c.state.wait_head = None;
			c.state.wait_tail = None;
			c.state.offer_head = None;
			c.state.offer_tail = None;
			Self::off_zone_courses(c.zone, course);
		}
		let now = T::Time::now();
		let batch: alloc::vec::Vec<(CitizenId, ParticipantOf<T>)> =
			Participants::<T>::iter_prefix(course).take(max as usize).collect();
		let removed = batch.len() as u32;
		for (citizen, mut p) in batch {
			let missed = Self::reap_participant(course, &mut c, citizen, &mut p, now);
			Self::off_course_list(citizen, course);
			Self::deposit_event(Event::CourseParticipantReaped { course, citizen, missed });
		}
		if c.state.enrolled == 0 && c.state.offered == 0 && c.state.waiting == 0 {
			Self::remove_course(course, &c);
		} else {
			Courses::<T>::insert(course, c);
		}
		Ok(removed)
	}

	/// Work through a cancellation: up to `max` participants removed, seats refunded in full
	/// to the citizen's account now (the paying one if the citizen has none). Returns how
	/// many were removed; the listing leaves the queue when done.
	pub(crate) fn do_process_cancellation(
		listing: Listing,
		max: u32,
	) -> Result<u32, DispatchError> {
		let mut queue = CancelQueue::<T>::get();
		let pos =
			queue.iter().position(|l| *l == listing).ok_or(Error::<T>::NoCancellationPending)?;
		let (removed, done) = match listing {
			Listing::Course(id) => Self::cancel_course_step(id, max),
			Listing::Event(id) => Self::cancel_event_step(id, max),
		};
		if done {
			queue.remove(pos);
			CancelQueue::<T>::put(queue);
		}
		Ok(removed)
	}

	fn cancel_course_step(course: CourseId, max: u32) -> (u32, bool) {
		let Some(mut c) = Courses::<T>::get(course) else { return (0, true) };
		let batch: alloc::vec::Vec<(CitizenId, ParticipantOf<T>)> =
			Participants::<T>::iter_prefix(course).take(max as usize).collect();
		let removed = batch.len() as u32;
		for (citizen, mut p) in batch {
			let standing = p.standing.kind();
			Self::give_back_course_quota(citizen, c.category, &p);
			Self::drop_participant(course, &mut c, citizen, &mut p);
			Self::off_course_list(citizen, course);
			let to = T::Citizens::account_of(citizen).unwrap_or_else(|| p.payer.clone());
			let refund = Self::course_refund(course, c.facility, citizen, p.paid, &to);
			Self::deposit_event(Event::EnrolmentCancelled { course, citizen, standing, refund });
		}
		if c.state.enrolled == 0 && c.state.offered == 0 && c.state.waiting == 0 {
			Self::remove_course(course, &c);
			(removed, true)
		} else {
			Courses::<T>::insert(course, c);
			(removed, false)
		}
	}

	// ---- Events ----

	/// List an event: the city (`who` is `None`) anywhere, a manager at an active facility
	/// they manage. The zone's index first drops events that have ended.
	pub(crate) fn do_list_event(
		who: Option<&T::AccountId>,
		spec: EventSpecOf<T>,
	) -> Result<EventId, DispatchError> {
		if let Some(who) = who {
			let facility = spec.facility.ok_or(Error::<T>::NotManager)?;
			Self::active_managed_facility(who, facility)?;
		}
		ensure!(spec.place.is_valid(), Error::<T>::InvalidPoint);
		ensure!(Zones::<T>::contains_key(spec.zone), Error::<T>::UnknownZone);
		ensure!(Self::zone_of(spec.place) == Some(spec.zone), Error::<T>::LocationOutsideZone);
		if let Some(facility) = spec.facility {
			let f = Self::existing_facility(facility)?;
			ensure!(f.status == FacilityStatus::Active, Error::<T>::FacilityRetired);
			ensure!(f.spec.zone == spec.zone, Error::<T>::LocationOutsideZone);
		}
		let now = T::Time::now();
		ensure!(now < spec.start && spec.start < spec.end, Error::<T>::InvalidEventTime);
		ensure!(
			spec.end
				<= now.saturating_add(u64::from(T::MaxScheduleDays::get()).saturating_mul(DAY)),
			Error::<T>::TooFarAhead
		);
		if let Some(capacity) = spec.capacity {
			ensure!(
				(1..=T::MaxEventCapacity::get()).contains(&capacity),
				Error::<T>::InvalidEventCapacity
			);
		}
		let id = NextEventId::<T>::get();
		let next = id.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		let mut entries = ZoneEvents::<T>::get(spec.zone);
		entries.retain(|e| e.end > now);
		entries
			.try_push(EventEntry { event: id, place: spec.place, start: spec.start, end: spec.end })
			.map_err(|_| Error::<T>::TooManyEventsInZone)?;
		ZoneEvents::<T>::insert(spec.zone, entries);
		NextEventId::<T>::put(next);
		Self::deposit_event(Event::EventListed {
			event: id,
			zone: spec.zone,
			facility: spec.facility,
			start: spec.start,
			end: spec.end,
			capacity: spec.capacity,
		});
		Events::<T>::insert(id, EventRecord { spec, registered: 0, status: EventStatus::Listed });
		Ok(id)
	}

	/// Cancel an event before it ends (the city: `who` is `None`; else the manager of its
	/// facility). An event nobody registered for goes at once.
	pub(crate) fn do_cancel_event(who: Option<&T::AccountId>, event: EventId) -> DispatchResult {
		let mut e = Events::<T>::get(event).ok_or(Error::<T>::UnknownEvent)?;
		if let Some(who) = who {
			let facility = e.spec.facility.ok_or(Error::<T>::NotManager)?;
			Self::managed_facility(who, facility)?;
		}
		ensure!(e.status == EventStatus::Listed, Error::<T>::EventCancelled);
		ensure!(T::Time::now() < e.spec.end, Error::<T>::EventEnded);
		ZoneEvents::<T>::mutate(e.spec.zone, |entries| entries.retain(|x| x.event != event));
		Self::deposit_event(Event::EventCancelled { event });
		if e.registered == 0 {
			Events::<T>::remove(event);
			Self::deposit_event(Event::EventRemoved { event });
			return Ok(());
		}
		let mut queue = CancelQueue::<T>::get();
		queue
			.try_push(Listing::Event(event))
			.map_err(|_| Error::<T>::TooManyPendingCancellations)?;
		CancelQueue::<T>::put(queue);
		e.status = EventStatus::Cancelled;
		Events::<T>::insert(event, e);
		Ok(())
	}

	/// When a citizen's event list is full: drop their registrations for events that have
	/// ended, making room.
	fn reap_own_events(
		citizen: CitizenId,
		list: &mut BoundedVec<EventId, T::MaxEventsPerCitizen>,
		now: Moment,
	) {
		list.retain(|id| {
			let Some(mut e) = Events::<T>::get(id) else { return false };
			if e.status == EventStatus::Cancelled || e.spec.end > now {
				return true;
			}
			if EventRegistrations::<T>::take(id, citizen).is_some() {
				e.registered = e.registered.saturating_sub(1);
				Events::<T>::insert(id, e);
			}
			false
		});
	}

	pub(crate) fn do_register_for_event(citizen: CitizenId, event: EventId) -> DispatchResult {
		let mut e = Events::<T>::get(event).ok_or(Error::<T>::UnknownEvent)?;
		ensure!(e.status == EventStatus::Listed, Error::<T>::EventCancelled);
		let capacity = e.spec.capacity.ok_or(Error::<T>::NoRegistration)?;
		let now = T::Time::now();
		ensure!(now < e.spec.start, Error::<T>::EventStarted);
		ensure!(
			!EventRegistrations::<T>::contains_key(event, citizen),
			Error::<T>::AlreadyRegistered
		);
		ensure!(e.registered < capacity, Error::<T>::EventFull);
		let mut list = CitizenEvents::<T>::get(citizen);
		if list.is_full() {
			Self::reap_own_events(citizen, &mut list, now);
		}
		list.try_push(event).map_err(|_| Error::<T>::TooManyEventRegistrations)?;
		e.registered = e.registered.saturating_add(1);
		CitizenEvents::<T>::insert(citizen, list);
		EventRegistrations::<T>::insert(event, citizen, now);
		Events::<T>::insert(event, e);
		Self::deposit_event(Event::RegisteredForEvent { event, citizen });
		Ok(())
	}

	pub(crate) fn do_unregister_from_event(citizen: CitizenId, event: EventId) -> DispatchResult {
		let mut e = Events::<T>::get(event).ok_or(Error::<T>::UnknownEvent)?;
		ensure!(e.status == EventStatus::Listed, Error::<T>::EventCancelled);
		ensure!(EventRegistrations::<T>::contains_key(event, citizen), Error::<T>::NotRegistered);
		ensure!(T::Time::now() < e.spec.start, Error::<T>::EventStarted);
		EventRegistrations::<T>::remove(event, citizen);
		Self::off_event_list(citizen, event);
		e.registered = e.registered.saturating_sub(1);
		Events::<T>::insert(event, e);
		Self::deposit_event(Event::UnregisteredFromEvent { event, citizen });
		Ok(())
	}

	/// Take an event off a citizen's list.
	fn off_event_list(citizen: CitizenId, event: EventId) {
		let mut list = CitizenEvents::<T>::get(citizen);
		list.retain(|id| *id != event);
		if list.is_empty() {
			CitizenEvents::<T>::remove(citizen);
		} else {
			CitizenEvents::<T>::insert(citizen, list);
		}
	}

	/// Whether an event may be reaped: listed, its end's day `ReapAfterDays` behind.
	pub(crate) fn event_reapable(e: &EventOf<T>, today: DayNumber) -> bool {
		e.status == EventStatus::Listed
			&& local_day(e.spec.end.saturating_sub(1), T::UtcOffsetMinutes::get())
				.saturating_add(T::ReapAfterDays::get())
				< today
	}

	/// Remove up to `max` registrations of `event` (`cancelled`: with an event each); the
	/// event goes with the last. Returns how many were removed and whether it is gone.
	fn drop_registrations(
		event: EventId,
		e: &mut EventOf<T>,
		max: u32,
		cancelled: bool,
	) -> (u32, bool) {
		let batch: alloc::vec::Vec<CitizenId> =
			EventRegistrations::<T>::iter_key_prefix(event).take(max as usize).collect();
		let removed = batch.len() as u32;
		for citizen in batch {
			EventRegistrations::<T>::remove(event, citizen);
			Self::off_event_list(citizen, event);
			e.registered = e.registered.saturating_sub(1);
			if cancelled {
				Self::deposit_event(Event::EventRegistrationCancelled { event, citizen });
			}
		}
		if e.registered == 0 {
			Events::<T>::remove(event);
			Self::deposit_event(Event::EventRemoved { event });
			(removed, true)
		} else {
			Events::<T>::insert(event, e.clone());
			(removed, false)
		}
	}

	fn cancel_event_step(event: EventId, max: u32) -> (u32, bool) {
		let Some(mut e) = Events::<T>::get(event) else { return (0, true) };
		Self::drop_registrations(event, &mut e, max, true)
	}

	/// Remove up to `max` registrations of an event that ended `ReapAfterDays` ago; the event
	/// goes with the last. Returns how many were removed.
	pub(crate) fn do_reap_event(event: EventId, max: u32) -> Result<u32, DispatchError> {
		let mut e = Events::<T>::get(event).ok_or(Error::<T>::UnknownEvent)?;
		ensure!(e.status == EventStatus::Listed, Error::<T>::EventCancelled);
		ensure!(Self::event_reapable(&e, Self::today()), Error::<T>::TooEarlyToReap);
		ZoneEvents::<T>::mutate(e.spec.zone, |entries| entries.retain(|x| x.event != event));
		Ok(Self::drop_registrations(event, &mut e, max, false).0)
	}

	// ---- Hooks ----

	/// The largest step of at most `MaxCancellationsPerStep` whose weight fits `available`.
	fn fitting(available: Weight, weight: impl Fn(u32) -> Weight) -> Option<u32> {
		let mut n = T::MaxCancellationsPerStep::get();
		while n > 0 {
			if available.all_gte(weight(n)) {
				return Some(n);
			}
			n /= 2;
		}
		None
	}

	/// `on_idle`: slot bookings ([`Self::idle_bookings`]), then courses and events
	/// ([`Self::idle_listings`]), each step bounded by the weight left.
	pub(crate) fn idle(remaining: Weight) -> Weight {
		let used = Self::idle_bookings(remaining);
		Self::idle_listings(remaining, used)
	}

	/// A step of the first queued closure, then a step of the reaping sweep over
	/// [`DayBookings`] (visiting at most [`REAP_SCAN_PER_BLOCK`] entries).
	fn idle_bookings(remaining: Weight) -> Weight {
		let db = T::DbWeight::get();
		let mut used = db.reads(1);
		if !remaining.all_gte(used) {
			return Weight::zero();
		}
		if !ClosureQueue::<T>::get().is_empty() {
			if let Some(n) =
				Self::fitting(remaining.saturating_sub(used), T::WeightInfo::process_closures)
			{
				let _ = Self::do_process_closure(None, n);
				used = used.saturating_add(T::WeightInfo::process_closures(n));
			}
		}
		// The sweep: reads the cursor, up to REAP_SCAN_PER_BLOCK keys, writes the cursor.
		let scan = db.reads_writes(u64::from(REAP_SCAN_PER_BLOCK).saturating_add(1), 1);
		let Some(n) = Self::fitting(remaining.saturating_sub(used).saturating_sub(scan), |n| {
			T::WeightInfo::reap(n)
		}) else {
			return used;
		};
		used = used.saturating_add(scan);
		let start = ReapCursor::<T>::get();
		let mut keys = match start {
			Some((f, d)) => {
				DayBookings::<T>::iter_keys_from(DayBookings::<T>::hashed_key_for(f, d))
			}
			None => DayBookings::<T>::iter_keys(),
		};
		let today = Self::today();
		let mut cursor = start;
		for _ in 0..REAP_SCAN_PER_BLOCK {
			let Some((f, d)) = keys.next() else {
				cursor = None;
				break;
			};
			if d.saturating_add(T::ReapAfterDays::get()) < today && !Self::closure_pending(f, d) {
				let _ = Self::do_reap(f, d, n);
				used = used.saturating_add(T::WeightInfo::reap(n));
				if !DayBookings::<T>::contains_key(f, d) {
					cursor = Some((f, d));
				}
				break;
			}
			cursor = Some((f, d));
		}
		match cursor {
			Some(c) => ReapCursor::<T>::put(c),
			None => ReapCursor::<T>::kill(),
		}
		used
	}

	/// A step of the first queued cancellation, then the sweep over [`Courses`] (lapsing a
	/// course's expired offers, or a step of reaping an ended course) and the sweep over
	/// [`Events`] (a step of reaping an ended event), each visiting at most
	/// [`LISTING_SCAN_PER_BLOCK`] entries.
	fn idle_listings(remaining: Weight, mut used: Weight) -> Weight {
		let read = T::DbWeight::get().reads(1);
		if !remaining.saturating_sub(used).all_gte(read) {
			return used;
		}
		used = used.saturating_add(read);
		if let Some(listing) = CancelQueue::<T>::get().first().copied() {
			if let Some(n) =
				Self::fitting(remaining.saturating_sub(used), T::WeightInfo::process_cancellation)
			{
				let _ = Self::do_process_cancellation(listing, n);
				used = used.saturating_add(T::WeightInfo::process_cancellation(n));
			}
		}
		used = Self::sweep_courses(remaining, used);
		Self::sweep_events(remaining, used)
	}

	/// Visit up to [`LISTING_SCAN_PER_BLOCK`] courses from the cursor: the first with an
	/// expired offer gets a step of `advance_waitlist`, or the first ended long enough a step
	/// of `reap_course`; a course with work left is visited again next block.
	fn sweep_courses(remaining: Weight, mut used: Weight) -> Weight {
		// The cursor, each course and its offer queue's head, the cursor written.
		let scan = T::DbWeight::get()
			.reads_writes(u64::from(LISTING_SCAN_PER_BLOCK).saturating_mul(2).saturating_add(1), 1);
		let Some(n) = Self::fitting(remaining.saturating_sub(used).saturating_sub(scan), |n| {
			T::WeightInfo::advance_waitlist(n).max(T::WeightInfo::reap_course(n))
		}) else {
			return used;
		};
		used = used.saturating_add(scan);
		let start = CourseCursor::<T>::get();
		let mut courses = match start {
			Some(id) => Courses::<T>::iter_from(Courses::<T>::hashed_key_for(id)),
			None => Courses::<T>::iter(),
		};
		let now = T::Time::now();
		let today = Self::today();
		let mut cursor = start;
		for _ in 0..LISTING_SCAN_PER_BLOCK {
			let Some((id, c)) = courses.next() else {
				cursor = None;
				break;
			};
			if Self::offer_expired(id, &c, now) {
				let _ = Self::do_advance_waitlist(id, n);
				used = used.saturating_add(T::WeightInfo::advance_waitlist(n));
				break;
			}
			if Self::course_reapable(&c, today) {
				let _ = Self::do_reap_course(id, n);
				used = used.saturating_add(T::WeightInfo::reap_course(n));
				if !Courses::<T>::contains_key(id) {
					cursor = Some(id);
				}
				break;
			}
			cursor = Some(id);
		}
		match cursor {
			Some(c) => CourseCursor::<T>::put(c),
			None => CourseCursor::<T>::kill(),
		}
		used
	}

	/// Visit up to [`LISTING_SCAN_PER_BLOCK`] events from the cursor: the first ended long
	/// enough gets a step of `reap_event`.
	fn sweep_events(remaining: Weight, mut used: Weight) -> Weight {
		let scan =
			T::DbWeight::get().reads_writes(u64::from(LISTING_SCAN_PER_BLOCK).saturating_add(1), 1);
		let Some(n) = Self::fitting(
			remaining.saturating_sub(used).saturating_sub(scan),
			T::WeightInfo::reap_event,
		) else {
			return used;
		};
		used = used.saturating_add(scan);
		let start = EventCursor::<T>::get();
		let mut events = match start {
			Some(id) => Events::<T>::iter_from(Events::<T>::hashed_key_for(id)),
			None => Events::<T>::iter(),
		};
		let today = Self::today();
		let mut cursor = start;
		for _ in 0..LISTING_SCAN_PER_BLOCK {
			let Some((id, e)) = events.next() else {
				cursor = None;
				break;
			};
			if Self::event_reapable(&e, today) {
				let _ = Self::do_reap_event(id, n);
				used = used.saturating_add(T::WeightInfo::reap_event(n));
				if !Events::<T>::contains_key(id) {
					cursor = Some(id);
				}
				break;
			}
			cursor = Some(id);
		}
		match cursor {
			Some(e) => EventCursor::<T>::put(e),
			None => EventCursor::<T>::kill(),
		}
		used
	}

	// ---- Genesis ----

	/// Zones (neighbours checked once all are in), categories, then facilities.
	pub(crate) fn build_genesis(config: &GenesisConfig<T>) -> DispatchResult {
		let name = |ko: &[u8], en: &[u8]| {
			LocalizedName::new(ko, en).ok_or(DispatchError::Other("name too long"))
		};
		for z in &config.zones {
			let neighbours = BoundedVec::try_from(z.neighbours.clone())
				.map_err(|_| DispatchError::Other("too many neighbours"))?;
			Self::do_register_zone(
				z.id,
				Zone { name: name(&z.name_ko, &z.name_en)?, point: z.point, neighbours },
				false,
			)?;
		}
		for z in &config.zones {
			for n in &z.neighbours {
				ensure!(Zones::<T>::contains_key(n), Error::<T>::UnknownZone);
			}
		}
		Self::symmetric_neighbours()?;
		for c in &config.categories {
			Self::do_set_category(
				c.id,
				Category { name: name(&c.name_ko, &c.name_en)?, rules: c.rules },
			)?;
		}
		for f in &config.facilities {
			let refund_tiers = BoundedVec::try_from(f.refund_tiers.clone())
				.map_err(|_| Error::<T>::InvalidRefundTiers)?;
			Self::do_register_facility(FacilitySpec {
				zone: f.zone,
				category: f.category,
				name: name(&f.name_ko, &f.name_en)?,
				location: f.location,
				capacity: f.capacity,
				max_party: f.max_party.unwrap_or(f.capacity),
				hours: f.hours,
				slot_minutes: f.slot_minutes,
				resident_horizon_days: f.resident_horizon_days,
				public_horizon_days: f.public_horizon_days,
				fee: f.fee,
				refund_tiers,
				manager: f.manager.clone(),
			})?;
		}
		Ok(())
	}

	// ---- Invariants ----

	/// - `ZoneIndex` lists every zone once, at its point; neighbours are registered zones,
	///   and list the zone back.
	/// - Every facility's `max_party` is 1 ..= its capacity.
	/// - `ZoneFacilities` lists every active facility once, in its zone, with its category and
	///   location, and nothing else.
	/// - For every facility and day: `DayBookings` holds live bookings of that facility and
	///   day, each once; `SlotUse` counts are the sum of their parties per slot; no
	///   `SlotUse` without `DayBookings`.
	/// - Every live booking is in its day's list and its citizen's list; every citizen list
	///   entry is a live booking of that citizen; ids are below `NextBookingId`.
	/// - Money: a facility's account holds at least what its live bookings and its courses'
	///   enrolled participants paid (refunds never exceed what was paid, and nothing else
	///   leaves the account).
	/// - Closure tasks belong to facilities with a closure on record covering their days,
	///   declared when the task says.
	/// - Courses (`try_state_courses`): indexes, counts, FIFO waitlists and
	///   deadline-ordered offers, participants and citizens' lists agree.
	/// - Events (`try_state_events`): indexes, registrations and citizens' lists
	///   agree; the cancellation queue names what is being cancelled.
	#[cfg(any(feature = "try-runtime", feature = "std"))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::{BTreeMap, BTreeSet};
		use sp_runtime::Saturating;
		let index = ZoneIndex::<T>::get();
		let mut seen = BTreeSet::new();
		for (id, point) in index.iter() {
			ensure!(seen.insert(*id), "a zone listed twice in the index");
			let zone = Zones::<T>::get(id).ok_or("an indexed zone that does not exist")?;
			ensure!(zone.point == *point, "a zone's index point differs from its own");
		}
		for (id, zone) in Zones::<T>::iter() {
			ensure!(seen.contains(&id), "a zone missing from the index");
			for n in zone.neighbours.iter() {
				let other = Zones::<T>::get(n).ok_or("a neighbour that does not exist")?;
				ensure!(other.neighbours.contains(&id), "neighbours that are not symmetric");
			}
		}
		let mut indexed = BTreeSet::new();
		for (zone, entries) in ZoneFacilities::<T>::iter() {
			for e in entries.iter() {
				ensure!(indexed.insert(e.facility), "a facility indexed twice");
				let f = Facilities::<T>::get(e.facility).ok_or("an indexed facility missing")?;
				ensure!(
					f.status == FacilityStatus::Active
						&& f.spec.zone == zone
						&& f.spec.category == e.category
						&& f.spec.location == e.location,
					"a zone index entry out of step with its facility"
				);
			}
		}
		for (id, f) in Facilities::<T>::iter() {
			ensure!(id < NextFacilityId::<T>::get(), "a facility id not yet issued");
			ensure!(
				(1..=f.spec.capacity).contains(&f.spec.max_party),
				"a facility's largest party is not 1 ..= capacity"
			);
			ensure!(
				(f.status == FacilityStatus::Active) == indexed.contains(&id),
				"an active facility missing from its zone's index, or a retired one in it"
			);
		}
		let mut on_days = BTreeSet::new();
		for (facility, day, ids) in DayBookings::<T>::iter() {
			ensure!(!ids.is_empty(), "an empty day list is stored");
			let mut counts: BTreeMap<u16, u32> = BTreeMap::new();
			for id in ids.iter() {
				ensure!(on_days.insert(*id), "a booking listed twice on days");
				let b = Bookings::<T>::get(id).ok_or("a day list names a missing booking")?;
				ensure!(b.facility == facility && b.day == day, "a booking on the wrong day list");
				let c = counts.entry(b.slot).or_default();
				*c = c.saturating_add(u32::from(b.party));
			}
			let uses = SlotUse::<T>::get(facility, day);
			for (slot, taken) in uses.iter().enumerate() {
				let expected = counts.get(&(slot as u16)).copied().unwrap_or(0);
				ensure!(
					u32::from(*taken) == expected,
					"slot use differs from the bookings' parties"
				);
			}
			ensure!(
				counts.keys().all(|s| usize::from(*s) < uses.len()),
				"a booking in a slot without a count"
			);
		}
		for (facility, day, _) in SlotUse::<T>::iter() {
			ensure!(DayBookings::<T>::contains_key(facility, day), "slot use without bookings");
		}
		let mut in_lists = BTreeSet::new();
		for (citizen, list) in CitizenBookings::<T>::iter() {
			ensure!(!list.is_empty(), "an empty citizen list is stored");
			for id in list.iter() {
				ensure!(in_lists.insert(*id), "a booking listed twice for citizens");
				let b = Bookings::<T>::get(id).ok_or("a citizen list names a missing booking")?;
				ensure!(b.citizen == citizen, "a booking on another citizen's list");
			}
		}
		let mut paid: BTreeMap<FacilityId, T::Balance> = BTreeMap::new();
		for (id, b) in Bookings::<T>::iter() {
			ensure!(id < NextBookingId::<T>::get(), "a booking id not yet issued");
			ensure!(on_days.contains(&id), "a booking missing from its day list");
			ensure!(in_lists.contains(&id), "a booking missing from its citizen's list");
			ensure!(b.party > 0 && b.start < b.end, "a malformed booking");
			let p = paid.entry(b.facility).or_default();
			*p = p.saturating_add(b.paid);
		}
		Self::try_state_courses(&mut paid)?;
		Self::try_state_events()?;
		for (facility, total) in paid {
			ensure!(
				T::Currency::balance(&Self::facility_account(facility)) >= total,
				"a facility account holds less than its live bookings paid"
			);
		}
		for task in ClosureQueue::<T>::get().iter() {
			ensure!(Facilities::<T>::contains_key(task.facility), "a closure of no facility");
			ensure!(
				Closures::<T>::get(task.facility)
					.iter()
					.any(|c| c.from_day <= task.next_day.min(task.to_day)
						&& task.to_day == c.to_day
						&& task.declared_at == c.declared_at),
				"a closure task without its closure on record"
			);
		}
		Ok(())
	}

	/// Courses:
	/// - every course is on its facility's list (each once, nothing else there); an open
	///   course whose enrolment has not closed is in its zone's index, and every index entry
	///   is an open course in that zone with its data; a cancelled course is queued;
	/// - the counts are its participants' standings; `enrolled + offered <= seats`,
	///   `waiting <= MaxWaitlist`; before the first session no seat is free while anyone
	///   waits;
	/// - while open, the waitlist runs head to tail through `Waiting` participants in
	///   strictly increasing join order (FIFO), the offers through `Offered` ones in
	///   non-decreasing deadline order, the back links mirror the forward ones, and the
	///   lengths are the counts;
	/// - every participant is on its citizen's list and every list entry is a participant;
	/// - what enrolled participants paid is added to their facility's money to hold.
	#[cfg(any(feature = "try-runtime", feature = "std"))]
	fn try_state_courses(
		paid: &mut alloc::collections::BTreeMap<FacilityId, T::Balance>,
	) -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::BTreeSet;
		use sp_runtime::Saturating;
		let now = T::Time::now();
		let offset = T::UtcOffsetMinutes::get();
		let queue = CancelQueue::<T>::get();
		let mut listed = BTreeSet::new();
		for (facility, list) in FacilityCourses::<T>::iter() {
			for id in list.iter() {
				ensure!(listed.insert(*id), "a course listed twice for facilities");
				let c = Courses::<T>::get(id).ok_or("a facility lists a missing course")?;
				ensure!(c.facility == facility, "a course on another facility's list");
			}
		}
		let mut indexed = BTreeSet::new();
		for (zone, entries) in ZoneCourses::<T>::iter() {
			for e in entries.iter() {
				ensure!(indexed.insert(e.course), "a course indexed twice");
				let c = Courses::<T>::get(e.course).ok_or("an indexed course missing")?;
				ensure!(
					c.status == CourseStatus::Open
						&& !Self::retired(c.facility)
						&& c.zone == zone && c.facility == e.facility
						&& c.category == e.category
						&& c.location == e.location
						&& c.spec.residents_from == e.opens
						&& c.spec.enrol_until == e.closes,
					"a zone course entry out of step with its course"
				);
			}
		}
		let mut in_courses = BTreeSet::new();
		for (id, c) in Courses::<T>::iter() {
			ensure!(id < NextCourseId::<T>::get(), "a course id not yet issued");
			ensure!(listed.contains(&id), "a course missing from its facility's list");
			if c.status == CourseStatus::Open
				&& c.spec.enrol_until > now
				&& !Self::retired(c.facility)
			{
				ensure!(indexed.contains(&id), "an open course missing from its zone's index");
			}
			ensure!(
				(c.status == CourseStatus::Cancelled) == queue.contains(&Listing::Course(id)),
				"a cancelled course not queued, or a queued course not cancelled"
			);
			let (mut enrolled, mut offered, mut waiting) = (0u32, 0u32, 0u32);
			for (citizen, p) in Participants::<T>::iter_prefix(id) {
				ensure!(in_courses.insert((id, citizen)), "a participant seen twice");
				match p.standing {
					Standing::Enrolled => {
						enrolled += 1;
						let total = paid.entry(c.facility).or_default();
						*total = total.saturating_add(p.paid);
					}
					Standing::Offered { .. } => offered += 1,
					Standing::Waiting { .. } => waiting += 1,
				}
				ensure!(
					CitizenCourses::<T>::get(citizen).contains(&id),
					"a participant missing from its citizen's list"
				);
			}
			ensure!(
				enrolled == u32::from(c.state.enrolled)
					&& offered == u32::from(c.state.offered)
					&& waiting == c.state.waiting,
				"a course's counts differ from its participants"
			);
			ensure!(
				enrolled + offered <= u32::from(c.spec.seats),
				"a course holds more seats than it has"
			);
			ensure!(waiting <= T::MaxWaitlist::get(), "a waitlist beyond MaxWaitlist");
			if c.status != CourseStatus::Open {
				continue;
			}
			if now < c.spec.first_start(offset) {
				ensure!(
					waiting == 0 || c.state.free_seats(c.spec.seats) == 0,
					"a seat free while citizens wait"
				);
			}
			// The waitlist: FIFO by join order.
			let mut last_seq: Option<u32> = None;
			let mut prev: Option<CitizenId> = None;
			let mut at = c.state.wait_head;
			let mut length = 0u32;
			while let Some(citizen) = at {
				let p = Participants::<T>::get(id, citizen).ok_or("a waitlist link to nobody")?;
				let Standing::Waiting { seq } = p.standing else {
					return Err("a waitlist entry not waiting".into());
				};
				ensure!(last_seq.is_none_or(|l| l < seq), "a waitlist out of join order");
				ensure!(p.prev == prev, "a waitlist back link out of step");
				ensure!(seq < c.state.next_seq, "a waitlist sequence not yet issued");
				last_seq = Some(seq);
				prev = Some(citizen);
				at = p.next;
				length += 1;
				ensure!(length <= waiting, "a waitlist longer than its count");
			}
			ensure!(
				length == waiting && c.state.wait_tail == prev,
				"a waitlist's ends out of step"
			);
			// The offers: by deadline.
			let mut last_until: Option<Moment> = None;
			let mut prev: Option<CitizenId> = None;
			let mut at = c.state.offer_head;
			let mut length = 0u32;
			while let Some(citizen) = at {
				let p = Participants::<T>::get(id, citizen).ok_or("an offer link to nobody")?;
				let Standing::Offered { until } = p.standing else {
					return Err("an offer entry not offered".into());
				};
				ensure!(last_until.is_none_or(|l| l <= until), "offers out of deadline order");
				ensure!(p.prev == prev, "an offer back link out of step");
				last_until = Some(until);
				prev = Some(citizen);
				at = p.next;
				length += 1;
				ensure!(length <= offered, "an offer queue longer than its count");
			}
			ensure!(
				length == offered && c.state.offer_tail == prev,
				"an offer queue's ends out of step"
			);
		}
		for (course, citizen, _) in Participants::<T>::iter() {
			ensure!(in_courses.contains(&(course, citizen)), "a participant of no course");
		}
		for (citizen, list) in CitizenCourses::<T>::iter() {
			ensure!(!list.is_empty(), "an empty citizen course list is stored");
			let mut seen = BTreeSet::new();
			for id in list.iter() {
				ensure!(seen.insert(*id), "a course listed twice for a citizen");
				ensure!(
					Participants::<T>::contains_key(id, citizen),
					"a citizen lists a course they are not in"
				);
			}
		}
		Ok(())
	}

	/// Events: an event listed and not ended is in its zone's index, and every index entry is
	/// a listed event in that zone with its place and times; a cancelled event is queued; its
	/// `registered` is its registrations, within its capacity; registrations and citizens'
	/// lists match.
	#[cfg(any(feature = "try-runtime", feature = "std"))]
	fn try_state_events() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::BTreeSet;
		let now = T::Time::now();
		let queue = CancelQueue::<T>::get();
		let mut indexed = BTreeSet::new();
		for (zone, entries) in ZoneEvents::<T>::iter() {
			for x in entries.iter() {
				ensure!(indexed.insert(x.event), "an event indexed twice");
				let e = Events::<T>::get(x.event).ok_or("an indexed event missing")?;
				ensure!(
					e.status == EventStatus::Listed
						&& e.spec.zone == zone
						&& e.spec.place == x.place
						&& e.spec.start == x.start
						&& e.spec.end == x.end,
					"a zone event entry out of step with its event"
				);
			}
		}
		let mut registrations = BTreeSet::new();
		for (id, e) in Events::<T>::iter() {
			ensure!(id < NextEventId::<T>::get(), "an event id not yet issued");
			if e.status == EventStatus::Listed && e.spec.end > now {
				ensure!(indexed.contains(&id), "a listed event missing from its zone's index");
			}
			ensure!(
				(e.status == EventStatus::Cancelled) == queue.contains(&Listing::Event(id)),
				"a cancelled event not queued, or a queued event not cancelled"
			);
			let mut count = 0u32;
			for citizen in EventRegistrations::<T>::iter_key_prefix(id) {
				registrations.insert((id, citizen));
				count += 1;
				ensure!(
					CitizenEvents::<T>::get(citizen).contains(&id),
					"a registration missing from its citizen's list"
				);
			}
			ensure!(count == e.registered, "an event's count differs from its registrations");
			ensure!(
				count <= e.spec.capacity.unwrap_or(0),
				"an event holds more registrations than places"
			);
		}
		for (event, citizen, _) in EventRegistrations::<T>::iter() {
			ensure!(registrations.contains(&(event, citizen)), "a registration of no event");
		}
		for (citizen, list) in CitizenEvents::<T>::iter() {
			ensure!(!list.is_empty(), "an empty citizen event list is stored");
			let mut seen = BTreeSet::new();
			for id in list.iter() {
				ensure!(seen.insert(*id), "an event listed twice for a citizen");
				ensure!(
					EventRegistrations::<T>::contains_key(id, citizen),
					"a citizen lists an event they are not registered for"
				);
			}
		}
		for listing in queue.iter() {
			let exists = match listing {
				Listing::Course(id) => Courses::<T>::contains_key(id),
				Listing::Event(id) => Events::<T>::contains_key(id),
			};
			ensure!(exists, "a queued cancellation of nothing");
		}
		Ok(())
	}
}
