//! The pallet's logic: dispatchables check the origin and call the `do_*` functions here.
//!
//! Every `do_*` checks its rules before it writes, and dispatchables run in a storage
//! transaction, so a refused call changes nothing. Money moves only between a citizen's
//! local-currency account and a facility's own account: the fee when booking, refunds when
//! cancelling.

use super::*;
use citizen_primitives::ClaimValue;
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
		let from = Self::facility_account(b.facility);
		let paid = with_storage_layer::<_, DispatchError, _>(|| {
			let left = T::Currency::balance(&from)
				.checked_sub(&amount)
				.ok_or(DispatchError::Token(sp_runtime::TokenError::FundsUnavailable))?;
			let preservation = if left < T::Currency::minimum_balance() {
				Preservation::Expendable
			} else {
				Preservation::Preserve
			};
			T::Currency::transfer(&from, to, amount, preservation)
		});
		match paid {
			Ok(_) => amount,
			Err(_) => {
				Self::deposit_event(Event::RefundWithheld { booking, citizen: b.citizen, amount });
				Zero::zero()
			}
		}
	}

	/// Remember a no-show (the end of the slot missed), forgetting those that can no longer
	/// matter, and the oldest when the list is full.
	fn record_no_show(citizen: CitizenId, category: CategoryId, at: Moment, now: Moment) {
		let rules = Categories::<T>::get(category).map(|c| c.rules).unwrap_or_default();
		let mut list = NoShows::<T>::get(citizen, category);
		list.retain(|t| !rules.forgotten(*t, now));
		if rules.no_show_limit > 0 && !rules.forgotten(at, now) {
			if list.is_full() {
				if let Some(oldest) =
					list.iter().enumerate().min_by_key(|(_, t)| **t).map(|(i, _)| i)
				{
					list.remove(oldest);
				}
			}
			let _ = list.try_push(at);
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

	/// `on_idle`: a step of the first queued closure, then a step of the reaping sweep over
	/// [`DayBookings`] (visiting at most [`REAP_SCAN_PER_BLOCK`] entries). Both bounded by
	/// the weight left.
	pub(crate) fn idle(remaining: Weight) -> Weight {
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
	/// - Money: a facility's account holds at least what its live bookings paid (refunds
	///   never exceed what a booking paid, and nothing else leaves the account).
	/// - Closure tasks belong to facilities with a closure on record covering their days,
	///   declared when the task says.
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
}
