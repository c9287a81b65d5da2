//! The pallet's logic: dispatchables check the origin and call the `do_*` functions here; the
//! service interfaces (`impl_voucher_ledger.rs`, `impl_service_programs.rs`) call them too.
//!
//! Money moves only through [`Pallet::pay_out`] and [`Pallet::do_fund`]. A program's counters
//! live in one record ([`Ledgers`]) whose `free` and `outstanding` are derived, so the
//! invariant "program account balance = free + outstanding + held" cannot drift between
//! counters; every change to it goes through [`Pallet::mutate_ledger`] (or, where the record
//! is already in hand, [`Pallet::checked_ledger`] before it is stored). Each `do_*` checks
//! everything before it writes.

use super::*;
use citizen_primitives::ClaimValue;
use frame_support::{
	ensure,
	pallet_prelude::{DispatchResult, Weight},
	traits::{
		fungible::{Inspect, Mutate},
		tokens::{DepositConsequence, Preservation, Provenance},
		Contains, EnsureOrigin, Get, Time,
	},
	BoundedVec,
};
use frame_system::pallet_prelude::OriginFor;
use sp_runtime::{
	traits::{AccountIdConversion, CheckedAdd, CheckedSub, Zero},
	ArithmeticError, DispatchError,
};

impl<T: Config> Pallet<T> {
	/// The account that holds `program`'s money.
	pub fn program_account(program: ProgramId) -> T::AccountId {
		T::PalletId::get().into_sub_account_truncating(program)
	}

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

	/// The signer of `origin`, if it is an officer of `program`.
	pub(crate) fn ensure_officer(
		origin: OriginFor<T>,
		program: ProgramId,
	) -> Result<T::AccountId, DispatchError> {
		let who = frame_system::ensure_signed(origin)?;
		let p = Self::program(program)?;
		ensure!(p.officers.contains(&who), Error::<T>::NotOfficer);
		Ok(who)
	}

	/// The program `program`, or `UnknownProgram`.
	fn program(program: ProgramId) -> Result<ProgramOf<T>, DispatchError> {
		Programs::<T>::get(program).ok_or_else(|| Error::<T>::UnknownProgram.into())
	}

	/// `program` as of `now`: expired on the way if its time has come (read once).
	pub(crate) fn current_program(
		program: ProgramId,
		now: Moment,
	) -> Result<ProgramOf<T>, DispatchError> {
		let mut p = Self::program(program)?;
		if p.is_due(now) {
			Self::expire(program, &mut p)?;
		}
		Ok(p)
	}

	/// `program`, expired on the way if its time has come, if `owner` owns it.
	pub(crate) fn owned_program(
		owner: ProgramOwner,
		program: ProgramId,
	) -> Result<ProgramOf<T>, DispatchError> {
		let p = Self::current_program(program, T::Time::now())?;
		ensure!(p.owner == owner, Error::<T>::NotProgramOwner);
		Ok(p)
	}

	/// `p` takes funding, applications and credits at `now`: not closed, spending window
	/// open. A closed program reads as closed even once it has finished.
	pub(crate) fn ensure_open_at(p: &ProgramOf<T>, now: Moment) -> DispatchResult {
		ensure!(!p.is_closed(), Error::<T>::ProgramClosed);
		ensure!(p.spendable_at(now), Error::<T>::ProgramExpired);
		Ok(())
	}

	/// As [`Self::ensure_open_at`], now.
	pub(crate) fn ensure_open(p: &ProgramOf<T>) -> DispatchResult {
		Self::ensure_open_at(p, T::Time::now())
	}

	/// A program that is neither closed nor expired at `now`, expiring it on the way if its
	/// time has come.
	pub(crate) fn program_if_open(
		program: ProgramId,
		now: Moment,
	) -> Result<ProgramOf<T>, DispatchError> {
		let p = Self::current_program(program, now)?;
		Self::ensure_open_at(&p, now)?;
		Ok(p)
	}

	/// Hand out the id in `next` and move it on: program ids (`NextProgramId`) and each
	/// program's hold ids (`NextHoldId`), through `try_mutate`.
	pub(crate) fn take_next_id(next: &mut u32) -> Result<u32, DispatchError> {
		let id = *next;
		*next = id.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		Ok(id)
	}

	/// `ledger`, if its derived counters are in step (neither `free` nor `outstanding` below
	/// zero); an arithmetic error otherwise. Every ledger is checked so before it is stored.
	pub(crate) fn checked_ledger(ledger: &ProgramLedgerOf<T>) -> DispatchResult {
		ensure!(
			ledger.free().is_some() && ledger.outstanding().is_some(),
			ArithmeticError::Overflow
		);
		Ok(())
	}

	/// Change `program`'s counters with `f`, all or nothing; `None` from `f` is an overflow,
	/// and so is a change that would take the derived `free` or `outstanding` below zero.
	pub(crate) fn mutate_ledger<R>(
		program: ProgramId,
		f: impl FnOnce(&mut ProgramLedgerOf<T>) -> Option<R>,
	) -> Result<R, DispatchError> {
		Ledgers::<T>::try_mutate(program, |ledger| {
			let r = f(ledger).ok_or(ArithmeticError::Overflow)?;
			Self::checked_ledger(ledger)?;
			Ok(r)
		})
	}

	/// The free budget of a stored ledger.
	pub(crate) fn free_of(ledger: &ProgramLedgerOf<T>) -> Result<BalanceOf<T>, DispatchError> {
		ledger.free().ok_or_else(|| ArithmeticError::Overflow.into())
	}

	/// What the vouchers of a stored ledger hold.
	pub(crate) fn outstanding_of(
		ledger: &ProgramLedgerOf<T>,
	) -> Result<BalanceOf<T>, DispatchError> {
		ledger.outstanding().ok_or_else(|| ArithmeticError::Overflow.into())
	}

	/// The voucher of `citizen` under `program`, if any.
	pub fn voucher(program: ProgramId, citizen: CitizenId) -> Option<VoucherOf<T>> {
		Participants::<T>::get(citizen, program).and_then(|p| p.voucher)
	}

	/// The application of `citizen` to `program`, if any.
	pub fn application(program: ProgramId, citizen: CitizenId) -> Option<Application> {
		Participants::<T>::get(citizen, program).and_then(|p| p.application)
	}

	/// Store `citizen`'s place in `program`, or remove it once it holds nothing.
	pub(crate) fn put_participant(
		program: ProgramId,
		citizen: CitizenId,
		participant: ParticipantOf<T>,
	) {
		if participant.is_empty() {
			Participants::<T>::remove(citizen, program);
		} else {
			Participants::<T>::insert(citizen, program, participant);
		}
	}

	// ---- Categories and merchants (the city) ----

	pub(crate) fn do_add_category(category: MerchantCategory, name: NameOf<T>) -> DispatchResult {
		Categories::<T>::insert(category, name.clone());
		Self::deposit_event(Event::CategoryAdded { category, name });
		Ok(())
	}

	pub(crate) fn do_remove_category(category: MerchantCategory) -> DispatchResult {
		ensure!(Categories::<T>::contains_key(category), Error::<T>::UnknownCategory);
		ensure!(CategoryUse::<T>::get(category) == 0, Error::<T>::CategoryInUse);
		Categories::<T>::remove(category);
		Self::deposit_event(Event::CategoryRemoved { category });
		Ok(())
	}

	pub(crate) fn do_register_merchant(
		merchant: T::AccountId,
		category: MerchantCategory,
		zone: ZoneId,
	) -> DispatchResult {
		ensure!(Categories::<T>::contains_key(category), Error::<T>::UnknownCategory);
		ensure!(!Merchants::<T>::contains_key(&merchant), Error::<T>::MerchantAlreadyRegistered);
		let uses =
			CategoryUse::<T>::get(category).checked_add(1).ok_or(ArithmeticError::Overflow)?;
		CategoryUse::<T>::insert(category, uses);
		Merchants::<T>::insert(&merchant, MerchantInfo { category, zone, active: true });
		Self::deposit_event(Event::MerchantRegistered { merchant, category, zone });
		Ok(())
	}

	pub(crate) fn do_set_merchant_active(merchant: T::AccountId, active: bool) -> DispatchResult {
		Merchants::<T>::try_mutate(&merchant, |info| {
			info.as_mut().ok_or(Error::<T>::UnknownMerchant)?.active = active;
			Ok::<(), DispatchError>(())
		})?;
		Self::deposit_event(Event::MerchantActiveSet { merchant, active });
		Ok(())
	}

	pub(crate) fn do_remove_merchant(merchant: T::AccountId) -> DispatchResult {
		let info = Merchants::<T>::take(&merchant).ok_or(Error::<T>::UnknownMerchant)?;
		CategoryUse::<T>::mutate(info.category, |n| *n = n.saturating_sub(1));
		Self::deposit_event(Event::MerchantRemoved { merchant });
		Ok(())
	}

	// ---- Programs ----

	/// Check `terms` for a program owned by `owner`, created at `now`.
	///
	/// Every program: `spend_until` in the future (`InvalidTerms`) and at most
	/// `MaxProgramDuration` away (`ProgramTooLong`); every listed category exists
	/// (`UnknownCategory`). A city program also needs a grant above zero (`ZeroAmount`),
	/// `apply_from < apply_until <= spend_until`, and `MultiChildHousehold` among the required
	/// claims when it grants per household (`InvalidTerms`). A service program takes no
	/// applications, so its grant amount, claims and application window are not checked.
	fn validate_terms(
		owner: ProgramOwner,
		terms: &ProgramTermsOf<T>,
		now: Moment,
	) -> DispatchResult {
		let city = owner == ProgramOwner::City;
		if city {
			ensure!(!terms.amount_per_grant.is_zero(), Error::<T>::ZeroAmount);
			ensure!(
				terms.apply_from < terms.apply_until && terms.apply_until <= terms.spend_until,
				Error::<T>::InvalidTerms
			);
		}
		ensure!(terms.spend_until > now, Error::<T>::InvalidTerms);
		ensure!(
			terms.spend_until <= now.saturating_add(T::MaxProgramDuration::get()),
			Error::<T>::ProgramTooLong
		);
		if city {
			ensure!(
				terms.scope == GrantScope::PerCitizen
					|| terms.required_claims.contains(&ClaimKind::MultiChildHousehold),
				Error::<T>::InvalidTerms
			);
		}
		for category in terms.allowed_categories.iter().chain(terms.excluded_categories.iter()) {
			ensure!(Categories::<T>::contains_key(category), Error::<T>::UnknownCategory);
		}
		Ok(())
	}

	/// Create a program owned by `owner` (the city's through `create_program`, a service's
	/// through `ServicePrograms::open_program`).
	pub(crate) fn do_create_program(
		owner: ProgramOwner,
		terms: ProgramTermsOf<T>,
		officers: BoundedVec<T::AccountId, T::MaxOfficers>,
	) -> Result<ProgramId, DispatchError> {
		Self::validate_terms(owner, &terms, T::Time::now())?;
		let mut queue = ExpiryQueue::<T>::get();
		ensure!((queue.len() as u32) < T::MaxLivePrograms::get(), Error::<T>::TooManyLivePrograms);
		let spend_until = terms.spend_until;
		let program = NextProgramId::<T>::try_mutate(Self::take_next_id)?;
		let at = queue.partition_point(|(moment, _)| *moment <= spend_until);
		queue
			.try_insert(at, (spend_until, program))
			.map_err(|_| Error::<T>::TooManyLivePrograms)?;
		ExpiryQueue::<T>::put(queue);
		let account = Self::program_account(program);
		Programs::<T>::insert(
			program,
			Program {
				terms,
				owner,
				account: account.clone(),
				officers,
				status: ProgramStatus::Open,
				expired: false,
			},
		);
		// No ledger is written: a program without one has every counter at zero.
		Self::deposit_event(Event::ProgramCreated { program, owner, account });
		Ok(program)
	}

	pub(crate) fn do_set_officers(
		program: ProgramId,
		officers: BoundedVec<T::AccountId, T::MaxOfficers>,
	) -> DispatchResult {
		Programs::<T>::try_mutate(program, |p| {
			p.as_mut().ok_or(Error::<T>::UnknownProgram)?.officers = officers.clone();
			Ok::<(), DispatchError>(())
		})?;
		Self::deposit_event(Event::OfficersSet { program, officers });
		Ok(())
	}

	pub(crate) fn do_fund(
		from: T::AccountId,
		program: ProgramId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let p = Self::program_if_open(program, T::Time::now())?;
		Self::ensure_receivable(&p.account, amount)?;
		T::Currency::transfer(&from, &p.account, amount, Preservation::Preserve)?;
		Self::mutate_ledger(program, |l| {
			l.funded = l.funded.checked_add(&amount)?;
			Some(())
		})?;
		Self::deposit_event(Event::ProgramFunded { program, from, amount });
		Ok(())
	}

	/// The city may close or end a service's program only once its spending window is over:
	/// until then the service (the youth pass, the multi-child points) owns its life, and a
	/// city that could end it early could void passes already paid for, or veto a lottery
	/// after seeing its outcome.
	fn ensure_city_may_close(p: &ProgramOf<T>) -> DispatchResult {
		ensure!(
			p.owner == ProgramOwner::City || !p.spendable_at(T::Time::now()),
			Error::<T>::ServiceProgramRunning
		);
		Ok(())
	}

	pub(crate) fn do_close_program(program: ProgramId, return_to: T::AccountId) -> DispatchResult {
		let mut p = Self::current_program(program, T::Time::now())?;
		Self::ensure_city_may_close(&p)?;
		let mut ledger = Ledgers::<T>::get(program);
		// The whole free budget goes: `withdrawn` grows by it, so `free` is zero after.
		let amount = Self::free_of(&ledger)?;
		let outstanding = Self::outstanding_of(&ledger)?;
		if !amount.is_zero() {
			Self::pay_out(&p.account, &return_to, amount)?;
		}
		ledger.withdrawn =
			ledger.withdrawn.checked_add(&amount).ok_or(ArithmeticError::Overflow)?;
		Self::checked_ledger(&ledger)?;
		p.status = ProgramStatus::Closed;
		// Nothing can come back any more: the program is finished and frees its slot.
		if outstanding.is_zero() && ledger.held.is_zero() && !p.expired {
			Self::finish(program, &mut p);
		}
		Ledgers::<T>::insert(program, ledger);
		Programs::<T>::insert(program, p);
		Self::deposit_event(Event::ProgramClosed { program, returned_to: return_to, amount });
		Ok(())
	}

	pub(crate) fn do_end_program(program: ProgramId, return_to: T::AccountId) -> DispatchResult {
		// A program already due expires as usual first (and says so).
		let mut p = Self::current_program(program, T::Time::now())?;
		Self::ensure_city_may_close(&p)?;
		let mut ledger = Ledgers::<T>::get(program);
		// What the vouchers had left returns in one step, as at expiry; all of it goes:
		// `outstanding` and `free` are both zero after.
		let returned = Self::outstanding_of(&ledger)?;
		let amount =
			Self::free_of(&ledger)?.checked_add(&returned).ok_or(ArithmeticError::Overflow)?;
		if !amount.is_zero() {
			Self::pay_out(&p.account, &return_to, amount)?;
		}
		ledger.returned =
			ledger.returned.checked_add(&returned).ok_or(ArithmeticError::Overflow)?;
		ledger.withdrawn =
			ledger.withdrawn.checked_add(&amount).ok_or(ArithmeticError::Overflow)?;
		Self::checked_ledger(&ledger)?;
		Ledgers::<T>::insert(program, ledger);
		p.status = ProgramStatus::Closed;
		Self::finish(program, &mut p);
		Programs::<T>::insert(program, p);
		Self::deposit_event(Event::ProgramEnded { program, returned_to: return_to, amount });
		Ok(())
	}

	/// Mark `p` finished: no voucher of it can be spent any more and it leaves the expiry queue,
	/// freeing its slot. The caller has already returned what the vouchers had left, and stores
	/// `p`.
	fn finish(program: ProgramId, p: &mut ProgramOf<T>) {
		p.expired = true;
		ExpiryQueue::<T>::mutate(|queue| queue.retain(|(_, id)| *id != program));
	}

	/// `to` can receive `amount`: a new account must receive at least the minimum balance.
	fn ensure_receivable(to: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(
			T::Currency::can_deposit(to, amount, Provenance::Extant)
				!= DepositConsequence::BelowMinimum,
			Error::<T>::RecipientBelowMinimum
		);
		Ok(())
	}

	/// Move `amount` out of a program account, exactly, whatever the currency's minimum
	/// balance: the account keeps at least the minimum (`Preserve`) unless it is emptied
	/// exactly (`Expendable`: nothing is lost). A payment that would leave a positive remainder
	/// below the minimum is refused, as that dust would go with the account.
	pub(crate) fn pay_out(
		program_account: &T::AccountId,
		to: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		let balance = T::Currency::balance(program_account);
		let preservation = match balance.checked_sub(&amount) {
			Some(rest) if rest.is_zero() => Preservation::Expendable,
			Some(rest) if rest < T::Currency::minimum_balance() => {
				return Err(Error::<T>::ProgramAccountBelowMinimum.into())
			}
			// Enough stays; or too little is there, and the transfer says so.
			_ => Preservation::Preserve,
		};
		Self::ensure_receivable(to, amount)?;
		T::Currency::transfer(program_account, to, amount, preservation).map(|_| ())
	}

	/// Expire `p`, whose spending window has ended: all outstanding value returns to the free
	/// budget in one step (`returned += outstanding`; holds stay held); `p` is finished and
	/// stored.
	fn expire(program: ProgramId, p: &mut ProgramOf<T>) -> DispatchResult {
		let returned = Self::mutate_ledger(program, |l| {
			let returned = l.outstanding()?;
			l.returned = l.returned.checked_add(&returned)?;
			Some(returned)
		})?;
		Self::finish(program, p);
		Programs::<T>::insert(program, &*p);
		Self::deposit_event(Event::ProgramExpired { program, returned });
		Ok(())
	}

	/// Expire `program` if its spending window has ended. Returns whether the program is
	/// (now) expired.
	pub(crate) fn try_expire(program: ProgramId) -> Result<bool, DispatchError> {
		Ok(Self::current_program(program, T::Time::now())?.expired)
	}

	pub(crate) fn do_expire_program(program: ProgramId) -> DispatchResult {
		ensure!(Self::try_expire(program)?, Error::<T>::ProgramNotExpired);
		Ok(())
	}

	/// The `on_idle` sweep: expire due programs, soonest first, within `remaining` weight.
	pub(crate) fn sweep_expired(remaining: Weight) -> Weight {
		let per_program = T::WeightInfo::expire_program();
		let queue_read = T::DbWeight::get().reads(1);
		let mut used = queue_read;
		if remaining.any_lt(used) {
			return Weight::zero();
		}
		let now = T::Time::now();
		let due: alloc::vec::Vec<ProgramId> = ExpiryQueue::<T>::get()
			.iter()
			.take_while(|(moment, _)| *moment <= now)
			.take(T::MaxExpiriesPerBlock::get() as usize)
			.map(|(_, id)| *id)
			.collect();
		for program in due {
			let next = used.saturating_add(per_program);
			if remaining.any_lt(next) {
				break;
			}
			if let Err(e) = Self::try_expire(program) {
				log::warn!(target: "runtime::policy-funds", "expiring program {program}: {e:?}");
			}
			used = next;
		}
		used
	}

	// ---- Applications (city programs) ----

	/// The citizen's household if the program grants per household.
	fn household_of(p: &ProgramOf<T>, citizen: CitizenId) -> Option<sp_core::H256> {
		if p.terms.scope != GrantScope::PerHousehold {
			return None;
		}
		match T::Citizens::valid_claim(citizen, ClaimKind::MultiChildHousehold)?.value {
			ClaimValue::MultiChildHousehold { household, .. } => Some(household),
			_ => None,
		}
	}

	/// Whether `citizen` meets `p`'s requirements now.
	fn ensure_eligible(p: &ProgramOf<T>, citizen: CitizenId, now: Moment) -> DispatchResult {
		for kind in p.terms.required_claims.iter() {
			let claim = T::Citizens::valid_claim(citizen, *kind).ok_or(Error::<T>::NotEligible)?;
			if let ClaimValue::Resident { since, .. } = claim.value {
				ensure!(
					now.saturating_sub(since) >= p.terms.min_residence,
					Error::<T>::ResidenceTooShort
				);
			}
		}
		Ok(())
	}

	/// Apply as `citizen`. Reads and writes the citizen's record in the program once: the
	/// application and, in an automatic program, the voucher.
	pub(crate) fn do_apply(citizen: CitizenId, program: ProgramId) -> DispatchResult {
		let now = T::Time::now();
		let p = Self::program_if_open(program, now)?;
		ensure!(p.takes_applications(), Error::<T>::NotOpenToApplications);
		ensure!(p.in_application_window(now), Error::<T>::OutsideApplicationWindow);
		let mut participant = Participants::<T>::get(citizen, program).unwrap_or_default();
		ensure!(participant.application.is_none(), Error::<T>::AlreadyApplied);
		Self::ensure_eligible(&p, citizen, now)?;
		let household = Self::household_of(&p, citizen);
		if let Some(household) = household {
			ensure!(
				!HouseholdGrants::<T>::contains_key(program, household),
				Error::<T>::HouseholdAlreadyGranted
			);
		}
		let mut ledger = Ledgers::<T>::get(program);
		ensure!(Self::free_of(&ledger)? >= p.terms.amount_per_grant, Error::<T>::BudgetExhausted);

		Self::deposit_event(Event::Applied { program, citizen });
		let status = match p.terms.approval {
			ApprovalMode::Automatic => {
				Self::credit_into(
					program,
					citizen,
					&mut participant,
					&mut ledger,
					p.terms.amount_per_grant,
				)?;
				Self::deposit_event(Event::Approved { program, citizen, officer: None });
				ApplicationStatus::Approved
			}
			ApprovalMode::Manual => {
				ledger.pending = ledger.pending.checked_add(1).ok_or(ArithmeticError::Overflow)?;
				ApplicationStatus::Pending
			}
		};
		Self::checked_ledger(&ledger)?;
		Ledgers::<T>::insert(program, ledger);
		if let Some(household) = household {
			HouseholdGrants::<T>::insert(program, household, citizen);
		}
		participant.application = Some(Application { status, applied_at: now, household });
		Participants::<T>::insert(citizen, program, participant);
		Ok(())
	}

	/// Move `amount` of the free budget onto `citizen`'s voucher, creating it if need be. A
	/// citizen's first voucher in the program counts them as served (a grant's, or a
	/// service's first credit).
	pub(crate) fn credit_voucher(
		program: ProgramId,
		citizen: CitizenId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		let mut participant = Participants::<T>::get(citizen, program).unwrap_or_default();
		let mut ledger = Ledgers::<T>::get(program);
		Self::credit_into(program, citizen, &mut participant, &mut ledger, amount)?;
		Self::checked_ledger(&ledger)?;
		Ledgers::<T>::insert(program, ledger);
		Participants::<T>::insert(citizen, program, participant);
		Ok(())
	}

	/// [`Self::credit_voucher`] on records in hand; the caller checks and stores them.
	fn credit_into(
		program: ProgramId,
		citizen: CitizenId,
		participant: &mut ParticipantOf<T>,
		ledger: &mut ProgramLedgerOf<T>,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		ensure!(Self::free_of(ledger)? >= amount, Error::<T>::BudgetExhausted);
		let first = participant.voucher.is_none();
		let mut voucher =
			participant.voucher.clone().unwrap_or(Voucher { balance: Zero::zero(), frozen: false });
		voucher.balance = voucher.balance.checked_add(&amount).ok_or(ArithmeticError::Overflow)?;
		ledger.allocated =
			ledger.allocated.checked_add(&amount).ok_or(ArithmeticError::Overflow)?;
		if first {
			ledger.citizens_served =
				ledger.citizens_served.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		}
		participant.voucher = Some(voucher);
		Self::deposit_event(Event::VoucherCredited { program, citizen, amount });
		Ok(())
	}

	pub(crate) fn do_approve(
		program: ProgramId,
		citizen: CitizenId,
		officer: T::AccountId,
	) -> DispatchResult {
		let now = T::Time::now();
		let p = Self::program_if_open(program, now)?;
		let mut participant = Participants::<T>::get(citizen, program).unwrap_or_default();
		let mut application =
			participant.application.clone().ok_or(Error::<T>::UnknownApplication)?;
		ensure!(application.status == ApplicationStatus::Pending, Error::<T>::NotPending);
		// Things may have changed since the application: check again what `apply` checked.
		ensure!(T::Citizens::is_active(citizen), Error::<T>::ApplicantNotActive);
		Self::ensure_eligible(&p, citizen, now)?;
		ensure!(Self::household_of(&p, citizen) == application.household, Error::<T>::NotEligible);
		let mut ledger = Ledgers::<T>::get(program);
		Self::credit_into(
			program,
			citizen,
			&mut participant,
			&mut ledger,
			p.terms.amount_per_grant,
		)?;
		ledger.pending = ledger.pending.checked_sub(1).ok_or(ArithmeticError::Overflow)?;
		Self::checked_ledger(&ledger)?;
		Ledgers::<T>::insert(program, ledger);
		application.status = ApplicationStatus::Approved;
		participant.application = Some(application);
		Participants::<T>::insert(citizen, program, participant);
		Self::deposit_event(Event::Approved { program, citizen, officer: Some(officer) });
		Ok(())
	}

	pub(crate) fn do_reject(
		program: ProgramId,
		citizen: CitizenId,
		officer: T::AccountId,
		reason: u16,
	) -> DispatchResult {
		let mut participant = Participants::<T>::get(citizen, program).unwrap_or_default();
		let mut application =
			participant.application.clone().ok_or(Error::<T>::UnknownApplication)?;
		ensure!(application.status == ApplicationStatus::Pending, Error::<T>::NotPending);
		Self::mutate_ledger(program, |l| {
			l.pending = l.pending.checked_sub(1)?;
			Some(())
		})?;
		// The household may apply again through the other guardian.
		if let Some(household) = application.household {
			HouseholdGrants::<T>::remove(program, household);
		}
		application.status = ApplicationStatus::Rejected(reason);
		participant.application = Some(application);
		Participants::<T>::insert(citizen, program, participant);
		Self::deposit_event(Event::Rejected { program, citizen, officer, reason });
		Ok(())
	}

	// ---- Spending and holds ----

	/// Everything that must hold for `merchant` to take `program`'s vouchers from `citizen`
	/// at `now`, without the voucher itself, in the order `can_accept` ranks them. Returns
	/// the program and the merchant's category.
	///
	/// `payer` is the citizen's account when the caller already knows it (the `spend` call:
	/// `CitizenOrigin` resolved it); otherwise the registry is asked (`account_of`).
	fn ensure_merchant_accepts(
		program: ProgramId,
		merchant: &T::AccountId,
		citizen: CitizenId,
		payer: Option<&T::AccountId>,
		now: Moment,
	) -> Result<(ProgramOf<T>, MerchantCategory), DispatchError> {
		let p = Self::current_program(program, now)?;
		ensure!(p.spendable_at(now), Error::<T>::ProgramExpired);
		let info = Self::active_merchant(merchant)?;
		let own = match payer {
			Some(payer) => payer == merchant,
			None => T::Citizens::account_of(citizen).as_ref() == Some(merchant),
		};
		ensure!(!own, Error::<T>::SelfPayment);
		ensure!(!PausedMerchants::<T>::contains_key(program, merchant), Error::<T>::MerchantPaused);
		ensure!(p.accepts_category(info.category), Error::<T>::CategoryNotAllowed);
		Ok((p, info.category))
	}

	/// `merchant` is registered and not suspended by the city.
	fn active_merchant(merchant: &T::AccountId) -> Result<MerchantInfo, DispatchError> {
		let info = Merchants::<T>::get(merchant).ok_or(Error::<T>::UnknownMerchant)?;
		ensure!(info.active, Error::<T>::MerchantSuspended);
		Ok(info)
	}

	/// `citizen`'s record in `program` with `amount` taken off the voucher (not yet stored):
	/// the voucher exists, is not frozen and covers the amount.
	fn debited(
		program: ProgramId,
		citizen: CitizenId,
		amount: BalanceOf<T>,
	) -> Result<ParticipantOf<T>, DispatchError> {
		let mut participant = Participants::<T>::get(citizen, program).unwrap_or_default();
		let voucher = participant.voucher.as_mut().ok_or(Error::<T>::NoVoucher)?;
		ensure!(!voucher.frozen, Error::<T>::VoucherFrozen);
		voucher.balance =
			voucher.balance.checked_sub(&amount).ok_or(Error::<T>::InsufficientVoucher)?;
		Ok(participant)
	}

	/// Record in `ledger` (not yet stored) `amount` paid to a merchant of `category`, taken
	/// from `outstanding` (a spend) or from `held` (a settled hold). Returns whether the
	/// category's total is kept outside the record ([`SpendByCategory`]: the record is full),
	/// for [`Self::store_payment`].
	fn record_payment(
		ledger: &mut ProgramLedgerOf<T>,
		category: MerchantCategory,
		amount: BalanceOf<T>,
		from_hold: bool,
	) -> Result<bool, DispatchError> {
		if from_hold {
			ledger.held = ledger.held.checked_sub(&amount).ok_or(ArithmeticError::Overflow)?;
		}
		// `spent` grows: for a spend, `outstanding` shrinks by as much; for a settled hold,
		// `held` already did.
		let in_record = ledger.record_spent(category, amount).ok_or(ArithmeticError::Overflow)?;
		Self::checked_ledger(ledger)?;
		Ok(!in_record)
	}

	/// Store `ledger` after [`Self::record_payment`]; a category kept outside the record
	/// (`overflow`) is counted in [`SpendByCategory`]. That read and write happen only for a
	/// program open to every category that is paid in more than `MaxCategoriesPerProgram`
	/// categories, so they are not in the calls' benchmarked weight: they are added to the
	/// block's weight here.
	fn store_payment(
		program: ProgramId,
		ledger: ProgramLedgerOf<T>,
		category: MerchantCategory,
		amount: BalanceOf<T>,
		overflow: bool,
	) -> DispatchResult {
		Ledgers::<T>::insert(program, ledger);
		if overflow {
			SpendByCategory::<T>::try_mutate(program, category, |total| {
				*total = total.checked_add(&amount).ok_or(ArithmeticError::Overflow)?;
				Ok::<(), DispatchError>(())
			})?;
			frame_system::Pallet::<T>::register_extra_weight_unchecked(
				T::DbWeight::get().reads_writes(1, 1),
				frame_support::dispatch::DispatchClass::Normal,
			);
		}
		Ok(())
	}

	/// Pay `merchant` `amount` from `citizen`'s voucher under `program`. `payer`: the
	/// citizen's account when the caller knows it (see [`Self::ensure_merchant_accepts`]).
	///
	/// Reads the program, the merchant, the pause, the citizen's record and the ledger once
	/// each; writes the citizen's record and the ledger (one record for the counters and the
	/// spending by category), besides the transfer.
	pub(crate) fn do_spend(
		program: ProgramId,
		citizen: CitizenId,
		payer: Option<&T::AccountId>,
		merchant: T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let now = T::Time::now();
		let (p, category) = Self::ensure_merchant_accepts(program, &merchant, citizen, payer, now)?;
		ensure!(T::DirectSpend::contains(&p.owner), Error::<T>::BookingsOnly);
		let participant = Self::debited(program, citizen, amount)?;
		let mut ledger = Ledgers::<T>::get(program);
		let overflow = Self::record_payment(&mut ledger, category, amount, false)?;
		// Every check passed: the money moves (or the payment is refused) before any record.
		Self::pay_out(&p.account, &merchant, amount)?;
		Participants::<T>::insert(citizen, program, participant);
		Self::store_payment(program, ledger, category, amount, overflow)?;
		Self::deposit_event(Event::VoucherSpent { program, citizen, merchant, category, amount });
		Ok(())
	}

	/// Set `amount` of `citizen`'s voucher aside for `merchant`, as `owner` of `program`. The
	/// merchant must be able to take the voucher as for a spend.
	pub(crate) fn do_hold(
		owner: ProgramOwner,
		program: ProgramId,
		citizen: CitizenId,
		merchant: T::AccountId,
		amount: BalanceOf<T>,
	) -> Result<HoldId, DispatchError> {
		Self::owned_program(owner, program)?;
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let now = T::Time::now();
		let (_, category) = Self::ensure_merchant_accepts(program, &merchant, citizen, None, now)?;
		let participant = Self::debited(program, citizen, amount)?;
		let hold = NextHoldId::<T>::try_mutate(program, Self::take_next_id)?;
		// `held` grows: `outstanding` shrinks by as much.
		Self::mutate_ledger(program, |l| {
			l.held = l.held.checked_add(&amount)?;
			Some(())
		})?;
		Participants::<T>::insert(citizen, program, participant);
		Holds::<T>::insert(
			program,
			hold,
			Hold { citizen, merchant: merchant.clone(), category, amount },
		);
		Self::deposit_event(Event::VoucherHeld { program, hold, citizen, merchant, amount });
		Ok(hold)
	}

	/// Release a hold, as `owner` of `program`: back to the citizen's voucher while the
	/// program's vouchers can be spent; to the free budget after the spending window (or once
	/// the program was ended), or when the voucher is gone (recovered by an officer).
	pub(crate) fn do_release(
		owner: ProgramOwner,
		program: ProgramId,
		hold: HoldId,
	) -> DispatchResult {
		let p = Self::owned_program(owner, program)?;
		let h = Holds::<T>::get(program, hold).ok_or(Error::<T>::UnknownHold)?;
		let amount = h.amount;
		let mut participant = Participants::<T>::get(h.citizen, program).unwrap_or_default();
		let back_to_voucher = match participant.voucher.as_mut() {
			Some(v) if p.spendable_at(T::Time::now()) => {
				v.balance = v.balance.checked_add(&amount).ok_or(ArithmeticError::Overflow)?;
				true
			}
			_ => false,
		};
		let to_budget = !back_to_voucher;
		// `held` shrinks: to the voucher, `outstanding` grows by as much; to the budget,
		// `returned` grows, so `free` does.
		Self::mutate_ledger(program, |l| {
			l.held = l.held.checked_sub(&amount)?;
			if to_budget {
				l.returned = l.returned.checked_add(&amount)?;
			}
			Some(())
		})?;
		if back_to_voucher {
			Participants::<T>::insert(h.citizen, program, participant);
		}
		Holds::<T>::remove(program, hold);
		Self::deposit_event(Event::HoldReleased {
			program,
			hold,
			citizen: h.citizen,
			amount,
			to_budget,
		});
		Ok(())
	}

	/// Settle a hold, as `owner` of `program`: the merchant is paid exactly as by a spend (the
	/// same minimum-balance rules, `spent` and the category's spending counted), also after
	/// the spending window. The merchant must still be registered and not suspended; the
	/// program's own rules (paused merchants, categories) were checked when the hold was made.
	pub(crate) fn do_settle(
		owner: ProgramOwner,
		program: ProgramId,
		hold: HoldId,
	) -> DispatchResult {
		let p = Self::owned_program(owner, program)?;
		let h = Holds::<T>::get(program, hold).ok_or(Error::<T>::UnknownHold)?;
		Self::active_merchant(&h.merchant)?;
		let mut ledger = Ledgers::<T>::get(program);
		let overflow = Self::record_payment(&mut ledger, h.category, h.amount, true)?;
		Self::pay_out(&p.account, &h.merchant, h.amount)?;
		Self::store_payment(program, ledger, h.category, h.amount, overflow)?;
		Holds::<T>::remove(program, hold);
		Self::deposit_event(Event::HoldSettled {
			program,
			hold,
			citizen: h.citizen,
			merchant: h.merchant,
			category: h.category,
			amount: h.amount,
		});
		Ok(())
	}

	// ---- Officers ----

	pub(crate) fn do_pause_merchant(program: ProgramId, merchant: T::AccountId) -> DispatchResult {
		ensure!(Merchants::<T>::contains_key(&merchant), Error::<T>::UnknownMerchant);
		ensure!(
			!PausedMerchants::<T>::contains_key(program, &merchant),
			Error::<T>::MerchantPaused
		);
		PausedMerchants::<T>::insert(program, &merchant, ());
		Self::deposit_event(Event::MerchantPaused { program, merchant });
		Ok(())
	}

	pub(crate) fn do_unpause_merchant(
		program: ProgramId,
		merchant: T::AccountId,
	) -> DispatchResult {
		ensure!(
			PausedMerchants::<T>::take(program, &merchant).is_some(),
			Error::<T>::MerchantNotPaused
		);
		Self::deposit_event(Event::MerchantUnpaused { program, merchant });
		Ok(())
	}

	pub(crate) fn do_set_frozen(
		program: ProgramId,
		citizen: CitizenId,
		officer: T::AccountId,
		frozen: bool,
	) -> DispatchResult {
		Participants::<T>::try_mutate(citizen, program, |participant| {
			let voucher = participant
				.as_mut()
				.and_then(|p| p.voucher.as_mut())
				.ok_or(Error::<T>::NoVoucher)?;
			ensure!(
				voucher.frozen != frozen,
				if frozen { Error::<T>::VoucherFrozen } else { Error::<T>::VoucherNotFrozen }
			);
			voucher.frozen = frozen;
			Ok::<(), DispatchError>(())
		})?;
		Self::deposit_event(if frozen {
			Event::VoucherFrozen { program, citizen, officer }
		} else {
			Event::VoucherUnfrozen { program, citizen, officer }
		});
		Ok(())
	}

	pub(crate) fn do_recover(
		program: ProgramId,
		citizen: CitizenId,
		officer: T::AccountId,
	) -> DispatchResult {
		let voucher = Self::voucher(program, citizen).ok_or(Error::<T>::NoVoucher)?;
		ensure!(voucher.frozen, Error::<T>::VoucherNotFrozen);
		let (amount, _) = Self::return_voucher(program, citizen, VoucherAfterReturn::Dropped)?;
		Self::deposit_event(Event::VoucherRecovered { program, citizen, officer, amount });
		Ok(())
	}

	/// Return what is left of `citizen`'s voucher to the free budget; the voucher is then
	/// dropped (a clawback) or kept at zero (a service taking value back: the citizen was
	/// served and stays counted once). After the program has expired the value is already
	/// back, so only the record changes.
	///
	/// Returns what moved to the free budget now, and what the voucher had left (the same,
	/// unless the program's expiry had already moved it).
	pub(crate) fn return_voucher(
		program: ProgramId,
		citizen: CitizenId,
		after: VoucherAfterReturn,
	) -> Result<(BalanceOf<T>, BalanceOf<T>), DispatchError> {
		let expired = Self::try_expire(program)?;
		let mut participant = Participants::<T>::get(citizen, program).unwrap_or_default();
		let mut voucher = participant.voucher.take().ok_or(Error::<T>::NoVoucher)?;
		let left = voucher.balance;
		let amount = if expired { Zero::zero() } else { left };
		if !amount.is_zero() {
			// `returned` grows: `outstanding` shrinks and `free` grows by as much.
			Self::mutate_ledger(program, |l| {
				l.returned = l.returned.checked_add(&amount)?;
				Some(())
			})?;
		}
		match after {
			// The application, if any, stays (the citizen applied: they cannot apply again).
			VoucherAfterReturn::Dropped => {}
			VoucherAfterReturn::KeptEmpty => {
				voucher.balance = Zero::zero();
				participant.voucher = Some(voucher);
			}
		}
		Self::put_participant(program, citizen, participant);
		if !amount.is_zero() {
			Self::deposit_event(Event::VoucherReturned { program, citizen, amount });
		}
		Ok((amount, left))
	}

	// ---- Invariants ----

	/// The counters agree with each other, with the vouchers, applications and holds, with
	/// the spending by category, and with the money in each program account.
	#[cfg(any(feature = "try-runtime", feature = "std"))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::BTreeMap;
		// Each citizen's records, summed per program in one pass.
		let mut vouchers = BTreeMap::<ProgramId, BalanceOf<T>>::new();
		let mut pending = BTreeMap::<ProgramId, u32>::new();
		for (_, program, record) in Participants::<T>::iter() {
			ensure!(!record.is_empty(), "an empty participant record is stored");
			ensure!(Programs::<T>::contains_key(program), "a participant in an unknown program");
			if let Some(v) = record.voucher {
				let sum = vouchers.entry(program).or_insert_with(Zero::zero);
				*sum = sum.checked_add(&v.balance).ok_or("vouchers overflow")?;
			}
			if record.application.is_some_and(|a| a.status == ApplicationStatus::Pending) {
				let n = pending.entry(program).or_default();
				*n = n.checked_add(1).ok_or("pending overflows")?;
			}
		}
		// Spending kept outside the ledgers (only past a full record).
		let mut outside = BTreeMap::<ProgramId, BalanceOf<T>>::new();
		for (program, category, amount) in SpendByCategory::<T>::iter() {
			ensure!(!amount.is_zero(), "a zero category total is stored");
			let l = Ledgers::<T>::get(program);
			ensure!(l.by_category.is_full(), "spending kept outside a ledger with room");
			ensure!(l.spent_in(category).is_none(), "a category counted in and outside a ledger");
			let sum = outside.entry(program).or_insert_with(Zero::zero);
			*sum = sum.checked_add(&amount).ok_or("spending by category overflows")?;
		}
		for (program, p) in Programs::<T>::iter() {
			let l = Ledgers::<T>::get(program);
			let free = l.free().ok_or("free budget underflows: counters out of step")?;
			let outstanding =
				l.outstanding().ok_or("outstanding underflows: counters out of step")?;
			ensure!(
				l.by_category.windows(2).all(|w| matches!(w, [a, b] if a.0 < b.0)),
				"spending by category out of order"
			);
			let mut by_category = outside.get(&program).copied().unwrap_or_else(Zero::zero);
			for (_, amount) in l.by_category.iter() {
				ensure!(!amount.is_zero(), "a zero category total is stored");
				by_category =
					by_category.checked_add(amount).ok_or("spending by category overflows")?;
			}
			ensure!(by_category == l.spent, "spending by category does not add up to spent");
			let mut held = BalanceOf::<T>::zero();
			let next_hold = NextHoldId::<T>::get(program);
			for (id, hold) in Holds::<T>::iter_prefix(program) {
				ensure!(!hold.amount.is_zero(), "an empty hold");
				ensure!(id < next_hold, "a hold id not yet handed out");
				held = held.checked_add(&hold.amount).ok_or("holds overflow")?;
			}
			ensure!(held == l.held, "holds do not add up to held");
			// The balance is exactly `free + outstanding + held` unless someone transferred
			// straight into the program account: such a donation is not counted (it is not in
			// `funded`), so on chain the check can only be `>=`. The unit tests, with no
			// donations, check equality after every test (`mock::check_invariants`). Payouts
			// never take more than the counters hold, and never reap the account with dust
			// (`pay_out`), so the balance cannot fall short.
			let balance = <T::Currency as fungible::Inspect<_>>::balance(&p.account);
			let accounted = free
				.checked_add(&outstanding)
				.and_then(|x| x.checked_add(&l.held))
				.ok_or("free + outstanding + held overflows")?;
			ensure!(balance >= accounted, "program account short");
			let queued = ExpiryQueue::<T>::get().iter().any(|(_, id)| *id == program);
			if p.expired {
				// Finished: nothing outstanding (holds may remain), no slot held.
				ensure!(outstanding.is_zero(), "a finished program has outstanding value");
				ensure!(!queued, "a finished program is still in the expiry queue");
			} else {
				let in_vouchers = vouchers.get(&program).copied().unwrap_or_else(Zero::zero);
				ensure!(in_vouchers == outstanding, "vouchers do not add up to outstanding");
				ensure!(queued, "live program missing from the expiry queue");
			}
			ensure!(
				pending.get(&program).copied().unwrap_or_default() == l.pending,
				"pending count out of step"
			);
		}
		for program in Ledgers::<T>::iter_keys() {
			ensure!(Programs::<T>::contains_key(program), "a ledger of an unknown program");
		}
		for (program, _, _) in Holds::<T>::iter() {
			ensure!(Programs::<T>::contains_key(program), "a hold in an unknown program");
		}
		let queue = ExpiryQueue::<T>::get();
		ensure!(queue.windows(2).all(|w| matches!(w, [a, b] if a.0 <= b.0)), "queue out of order");
		for (moment, program) in queue.iter() {
			let p = Programs::<T>::get(program).ok_or("unknown program in the expiry queue")?;
			ensure!(!p.expired && p.terms.spend_until == *moment, "expiry queue entry out of step");
		}
		Ok(())
	}
}

/// What becomes of a voucher whose value [`Pallet::return_voucher`] returned.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum VoucherAfterReturn {
	/// Removed (an officer's recovery).
	Dropped,
	/// Kept at zero (`VoucherLedger::expire`): a later credit is not a first voucher.
	KeptEmpty,
}
