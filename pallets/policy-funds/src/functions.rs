//! The pallet's logic: dispatchables check the origin and call the `do_*` functions here.
//!
//! Money moves only through [`Pallet::pay_out`] and [`Pallet::do_fund`]; every counter change goes
//! through [`Pallet::mutate_report`], so the invariant "program account balance = free +
//! outstanding" is kept in one place.

use super::*;
use citizen_primitives::ClaimValue;
use frame_support::{
	ensure,
	pallet_prelude::{DispatchResult, Weight},
	traits::{fungible::Mutate, tokens::Preservation, Get, Time},
	BoundedVec,
};
use frame_system::pallet_prelude::OriginFor;
use sp_runtime::{
	traits::{AccountIdConversion, CheckedAdd, CheckedSub, Saturating, Zero},
	DispatchError,
};

impl<T: Config> Pallet<T> {
	/// The account that holds `program`'s money.
	pub fn program_account(program: ProgramId) -> T::AccountId {
		T::PalletId::get().into_sub_account_truncating(program)
	}

	/// The signer of `origin`, if it is an officer of `program`.
	pub(crate) fn ensure_officer(
		origin: OriginFor<T>,
		program: ProgramId,
	) -> Result<T::AccountId, DispatchError> {
		let who = frame_system::ensure_signed(origin)?;
		let p = Programs::<T>::get(program).ok_or(Error::<T>::UnknownProgram)?;
		ensure!(p.officers.contains(&who), Error::<T>::NotOfficer);
		Ok(who)
	}

	/// Change `program`'s counters with `f`, all or nothing.
	fn mutate_report<R>(
		program: ProgramId,
		f: impl FnOnce(&mut ProgramReportOf<T>) -> Option<R>,
	) -> Result<R, DispatchError> {
		Reports::<T>::try_mutate(program, |report| f(report).ok_or(Error::<T>::Overflow.into()))
	}

	pub(crate) fn do_register_merchant(
		merchant: T::AccountId,
		category: MerchantCategory,
		zone: ZoneId,
	) -> DispatchResult {
		ensure!(Categories::<T>::contains_key(category), Error::<T>::UnknownCategory);
		ensure!(!Merchants::<T>::contains_key(&merchant), Error::<T>::MerchantAlreadyRegistered);
		CategoryUse::<T>::try_mutate(category, |n| {
			*n = n.checked_add(1).ok_or(Error::<T>::Overflow)?;
			Ok::<(), DispatchError>(())
		})?;
		Merchants::<T>::insert(&merchant, MerchantInfo { category, zone, active: true });
		Self::deposit_event(Event::MerchantRegistered { merchant, category, zone });
		Ok(())
	}

	/// Every element of `items` distinct.
	fn distinct<I: Ord + Clone>(items: &[I]) -> bool {
		let mut sorted = items.to_vec();
		sorted.sort();
		sorted.windows(2).all(|w| matches!(w, [a, b] if a != b))
	}

	pub(crate) fn do_create_program(
		terms: ProgramTermsOf<T>,
		officers: BoundedVec<T::AccountId, T::MaxOfficers>,
	) -> Result<ProgramId, DispatchError> {
		ensure!(!terms.amount_per_grant.is_zero(), Error::<T>::ZeroAmount);
		ensure!(
			terms.apply_from < terms.apply_until
				&& terms.apply_until <= terms.spend_until
				&& terms.spend_until > T::Time::now(),
			Error::<T>::InvalidTerms
		);
		ensure!(
			terms.scope == GrantScope::PerCitizen
				|| terms.required_claims.contains(&ClaimKind::MultiChildHousehold),
			Error::<T>::InvalidTerms
		);
		ensure!(
			Self::distinct(&terms.required_claims)
				&& Self::distinct(&terms.allowed_categories)
				&& Self::distinct(&terms.excluded_categories),
			Error::<T>::Duplicate
		);
		for category in terms.allowed_categories.iter().chain(terms.excluded_categories.iter()) {
			ensure!(Categories::<T>::contains_key(category), Error::<T>::UnknownCategory);
		}

		let program = NextProgramId::<T>::get();
		let next = program.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let spend_until = terms.spend_until;
		ExpiryQueue::<T>::try_mutate(|queue| {
			let at = queue.partition_point(|(moment, _)| *moment <= spend_until);
			queue
				.try_insert(at, (spend_until, program))
				.map_err(|_| Error::<T>::TooManyLivePrograms)
		})?;
		NextProgramId::<T>::put(next);
		let account = Self::program_account(program);
		Programs::<T>::insert(
			program,
			Program {
				terms,
				account: account.clone(),
				officers,
				status: ProgramStatus::Open,
				expired: false,
			},
		);
		Reports::<T>::insert(program, ProgramReport::default());
		Self::deposit_event(Event::ProgramCreated { program, account });
		Ok(program)
	}

	/// A program that is neither closed nor expired, expiring it on the way if its time has come.
	pub(crate) fn open_program(program: ProgramId) -> Result<ProgramOf<T>, DispatchError> {
		Self::try_expire(program)?;
		let p = Programs::<T>::get(program).ok_or(Error::<T>::UnknownProgram)?;
		ensure!(!p.expired, Error::<T>::ProgramExpired);
		ensure!(p.status == ProgramStatus::Open, Error::<T>::ProgramClosed);
		Ok(p)
	}

	pub(crate) fn do_fund(
		from: T::AccountId,
		program: ProgramId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let p = Self::open_program(program)?;
		Self::mutate_report(program, |r| {
			r.funded = r.funded.checked_add(&amount)?;
			r.free = r.free.checked_add(&amount)?;
			Some(())
		})?;
		T::Currency::transfer(&from, &p.account, amount, Preservation::Preserve)?;
		Self::deposit_event(Event::ProgramFunded { program, from, amount });
		Ok(())
	}

	pub(crate) fn do_close_program(program: ProgramId, return_to: T::AccountId) -> DispatchResult {
		Self::try_expire(program)?;
		let mut p = Programs::<T>::get(program).ok_or(Error::<T>::UnknownProgram)?;
		let amount = Self::mutate_report(program, |r| {
			let amount = r.free;
			r.withdrawn = r.withdrawn.checked_add(&amount)?;
			r.free = Zero::zero();
			Some(amount)
		})?;
		if !amount.is_zero() {
			Self::pay_out(&p.account, &return_to, amount)?;
		}
		p.status = ProgramStatus::Closed;
		Programs::<T>::insert(program, p);
		Self::deposit_event(Event::ProgramClosed { program, returned_to: return_to, amount });
		Ok(())
	}

	/// Move `amount` out of a program account.
	fn pay_out(
		program_account: &T::AccountId,
		to: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		T::Currency::transfer(program_account, to, amount, Preservation::Expendable).map(|_| ())
	}

	/// Expire `program` if its spending window has ended: all outstanding value returns to the
	/// free budget in one step. Returns whether the program is (now) expired.
	pub(crate) fn try_expire(program: ProgramId) -> Result<bool, DispatchError> {
		let mut p = Programs::<T>::get(program).ok_or(Error::<T>::UnknownProgram)?;
		if p.expired {
			return Ok(true);
		}
		if T::Time::now() < p.terms.spend_until {
			return Ok(false);
		}
		let returned = Self::mutate_report(program, |r| {
			let returned = r.outstanding;
			r.returned = r.returned.checked_add(&returned)?;
			r.free = r.free.checked_add(&returned)?;
			r.outstanding = Zero::zero();
			Some(returned)
		})?;
		p.expired = true;
		Programs::<T>::insert(program, p);
		ExpiryQueue::<T>::mutate(|queue| queue.retain(|(_, id)| *id != program));
		Self::deposit_event(Event::ProgramExpired { program, returned });
		Ok(true)
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

	pub(crate) fn do_apply(who: T::AccountId, program: ProgramId) -> DispatchResult {
		let p = Self::open_program(program)?;
		let citizen = T::Citizens::citizen_of(&who).ok_or(Error::<T>::NotCitizen)?;
		let now = T::Time::now();
		ensure!(
			p.terms.apply_from <= now && now < p.terms.apply_until,
			Error::<T>::OutsideApplicationWindow
		);
		ensure!(!Applications::<T>::contains_key(program, citizen), Error::<T>::AlreadyApplied);
		Self::ensure_eligible(&p, citizen, now)?;
		let household = Self::household_of(&p, citizen);
		if let Some(household) = household {
			ensure!(
				!HouseholdGrants::<T>::contains_key(program, household),
				Error::<T>::HouseholdAlreadyGranted
			);
		}
		ensure!(
			Reports::<T>::get(program).free >= p.terms.amount_per_grant,
			Error::<T>::BudgetExhausted
		);

		if let Some(household) = household {
			HouseholdGrants::<T>::insert(program, household, citizen);
		}
		Self::deposit_event(Event::Applied { program, citizen });
		match p.terms.approval {
			ApprovalMode::Automatic => {
				Self::grant(program, citizen, p.terms.amount_per_grant)?;
				Applications::<T>::insert(
					program,
					citizen,
					Application { status: ApplicationStatus::Approved, applied_at: now, household },
				);
				Self::deposit_event(Event::Approved { program, citizen, officer: None });
			}
			ApprovalMode::Manual => {
				Self::mutate_report(program, |r| {
					r.pending = r.pending.checked_add(1)?;
					Some(())
				})?;
				Applications::<T>::insert(
					program,
					citizen,
					Application { status: ApplicationStatus::Pending, applied_at: now, household },
				);
			}
		}
		Ok(())
	}

	/// Credit a new grant of `amount` to `citizen`'s voucher and count them as served.
	fn grant(program: ProgramId, citizen: CitizenId, amount: BalanceOf<T>) -> DispatchResult {
		Self::credit_voucher(program, citizen, amount)?;
		Self::mutate_report(program, |r| {
			r.citizens_served = r.citizens_served.checked_add(1)?;
			Some(())
		})
	}

	/// Move `amount` of the free budget onto `citizen`'s voucher.
	pub(crate) fn credit_voucher(
		program: ProgramId,
		citizen: CitizenId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		Self::mutate_report(program, |r| {
			r.free = r.free.checked_sub(&amount)?;
			r.allocated = r.allocated.checked_add(&amount)?;
			r.outstanding = r.outstanding.checked_add(&amount)?;
			Some(())
		})
		.map_err(|_| Error::<T>::BudgetExhausted)?;
		Vouchers::<T>::try_mutate(program, citizen, |voucher| {
			let voucher = voucher.get_or_insert(Voucher { balance: Zero::zero(), frozen: false });
			voucher.balance = voucher.balance.checked_add(&amount).ok_or(Error::<T>::Overflow)?;
			Ok::<(), DispatchError>(())
		})?;
		Self::deposit_event(Event::VoucherCredited { program, citizen, amount });
		Ok(())
	}

	pub(crate) fn do_approve(
		program: ProgramId,
		citizen: CitizenId,
		officer: T::AccountId,
	) -> DispatchResult {
		let p = Self::open_program(program)?;
		let mut application =
			Applications::<T>::get(program, citizen).ok_or(Error::<T>::UnknownApplication)?;
		ensure!(application.status == ApplicationStatus::Pending, Error::<T>::NotPending);
		Self::grant(program, citizen, p.terms.amount_per_grant)?;
		Self::mutate_report(program, |r| {
			r.pending = r.pending.checked_sub(1)?;
			Some(())
		})?;
		application.status = ApplicationStatus::Approved;
		Applications::<T>::insert(program, citizen, application);
		Self::deposit_event(Event::Approved { program, citizen, officer: Some(officer) });
		Ok(())
	}

	pub(crate) fn do_reject(
		program: ProgramId,
		citizen: CitizenId,
		officer: T::AccountId,
		reason: u16,
	) -> DispatchResult {
		let mut application =
			Applications::<T>::get(program, citizen).ok_or(Error::<T>::UnknownApplication)?;
		ensure!(application.status == ApplicationStatus::Pending, Error::<T>::NotPending);
		Self::mutate_report(program, |r| {
			r.pending = r.pending.checked_sub(1)?;
			Some(())
		})?;
		// The household may apply again through the other guardian.
		if let Some(household) = application.household {
			HouseholdGrants::<T>::remove(program, household);
		}
		application.status = ApplicationStatus::Rejected(reason);
		Applications::<T>::insert(program, citizen, application);
		Self::deposit_event(Event::Rejected { program, citizen, officer, reason });
		Ok(())
	}

	/// Whether `p` lets its vouchers be spent at a merchant of `category`.
	pub fn category_allowed(p: &ProgramOf<T>, category: MerchantCategory) -> bool {
		(p.terms.allowed_categories.is_empty() || p.terms.allowed_categories.contains(&category))
			&& !p.terms.excluded_categories.contains(&category)
	}

	/// Everything that must hold for `merchant` to take `program`'s vouchers, without the
	/// voucher itself. Returns the program and the merchant's category.
	fn ensure_merchant_accepts(
		program: ProgramId,
		merchant: &T::AccountId,
	) -> Result<(ProgramOf<T>, MerchantCategory), DispatchError> {
		Self::try_expire(program)?;
		let p = Programs::<T>::get(program).ok_or(Error::<T>::UnknownProgram)?;
		ensure!(!p.expired, Error::<T>::ProgramExpired);
		let info = Merchants::<T>::get(merchant).ok_or(Error::<T>::UnknownMerchant)?;
		ensure!(info.active, Error::<T>::MerchantSuspended);
		ensure!(!PausedMerchants::<T>::contains_key(program, merchant), Error::<T>::MerchantPaused);
		ensure!(Self::category_allowed(&p, info.category), Error::<T>::CategoryNotAllowed);
		Ok((p, info.category))
	}

	pub(crate) fn do_spend(
		program: ProgramId,
		citizen: CitizenId,
		merchant: T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let (p, category) = Self::ensure_merchant_accepts(program, &merchant)?;
		Vouchers::<T>::try_mutate(program, citizen, |voucher| {
			let voucher = voucher.as_mut().ok_or(Error::<T>::NoVoucher)?;
			ensure!(!voucher.frozen, Error::<T>::VoucherFrozen);
			voucher.balance =
				voucher.balance.checked_sub(&amount).ok_or(Error::<T>::InsufficientVoucher)?;
			Ok::<(), DispatchError>(())
		})?;
		Self::mutate_report(program, |r| {
			r.spent = r.spent.checked_add(&amount)?;
			r.outstanding = r.outstanding.checked_sub(&amount)?;
			Some(())
		})?;
		SpendByCategory::<T>::try_mutate(program, category, |total| {
			*total = total.checked_add(&amount).ok_or(Error::<T>::Overflow)?;
			Ok::<(), DispatchError>(())
		})?;
		Self::pay_out(&p.account, &merchant, amount)?;
		Self::deposit_event(Event::VoucherSpent { program, citizen, merchant, category, amount });
		Ok(())
	}

	pub(crate) fn do_set_frozen(
		program: ProgramId,
		citizen: CitizenId,
		officer: T::AccountId,
		frozen: bool,
	) -> DispatchResult {
		Vouchers::<T>::try_mutate(program, citizen, |voucher| {
			let voucher = voucher.as_mut().ok_or(Error::<T>::NoVoucher)?;
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
		let voucher = Vouchers::<T>::get(program, citizen).ok_or(Error::<T>::NoVoucher)?;
		ensure!(voucher.frozen, Error::<T>::VoucherNotFrozen);
		let amount = Self::return_voucher(program, citizen)?;
		Self::deposit_event(Event::VoucherRecovered { program, citizen, officer, amount });
		Ok(())
	}

	/// Return what is left of `citizen`'s voucher to the free budget and drop the voucher.
	/// After the program has expired the value is already back, so only the record goes.
	pub(crate) fn return_voucher(
		program: ProgramId,
		citizen: CitizenId,
	) -> Result<BalanceOf<T>, DispatchError> {
		let expired = Self::try_expire(program)?;
		let voucher = Vouchers::<T>::take(program, citizen).ok_or(Error::<T>::NoVoucher)?;
		if expired || voucher.balance.is_zero() {
			return Ok(Zero::zero());
		}
		let amount = voucher.balance;
		Self::mutate_report(program, |r| {
			r.outstanding = r.outstanding.checked_sub(&amount)?;
			r.returned = r.returned.checked_add(&amount)?;
			r.free = r.free.checked_add(&amount)?;
			Some(())
		})?;
		Self::deposit_event(Event::VoucherReturned { program, citizen, amount });
		Ok(amount)
	}

	/// What `citizen` can spend under `program` now (zero after expiry or while frozen).
	pub fn spendable(program: ProgramId, citizen: CitizenId) -> BalanceOf<T> {
		let live = Programs::<T>::get(program)
			.is_some_and(|p| !p.expired && T::Time::now() < p.terms.spend_until);
		match Vouchers::<T>::get(program, citizen) {
			Some(v) if live && !v.frozen => v.balance,
			_ => Zero::zero(),
		}
	}

	/// The voucher of `citizen` under `program` as a wallet shows it.
	pub fn voucher_view(
		program: ProgramId,
		citizen: CitizenId,
	) -> Option<VoucherView<BalanceOf<T>>> {
		let p = Programs::<T>::get(program)?;
		let v = Vouchers::<T>::get(program, citizen)?;
		let live = !p.expired && T::Time::now() < p.terms.spend_until;
		Some(VoucherView {
			program,
			balance: if live { v.balance } else { Zero::zero() },
			frozen: v.frozen,
			expires_at: p.terms.spend_until,
		})
	}

	/// Every voucher of `citizen` in programs `[start, start + limit)`.
	pub fn vouchers_of(
		citizen: CitizenId,
		start: ProgramId,
		limit: u32,
	) -> alloc::vec::Vec<VoucherView<BalanceOf<T>>> {
		let end = start.saturating_add(limit).min(NextProgramId::<T>::get());
		(start..end).filter_map(|program| Self::voucher_view(program, citizen)).collect()
	}

	/// "Can `merchant` take `amount` from the citizen behind `account`?", over the programs
	/// whose spending window is open (at most `MaxLivePrograms`): which vouchers are usable
	/// there, and the one expiring first that covers the amount.
	pub fn can_accept(
		merchant: &T::AccountId,
		account: &T::AccountId,
		amount: BalanceOf<T>,
	) -> AcceptVerdict<BalanceOf<T>> {
		let refuse = |refusal| AcceptVerdict {
			accepted: false,
			program: None,
			usable: alloc::vec::Vec::new(),
			refusal: Some(refusal),
		};
		let Some(info) = Merchants::<T>::get(merchant) else {
			return refuse(Refusal::NotAMerchant);
		};
		if !info.active {
			return refuse(Refusal::MerchantSuspended);
		}
		let Some(citizen) = T::Citizens::citizen_of(account) else {
			return refuse(Refusal::NotACitizen);
		};
		let now = T::Time::now();
		let mut usable = alloc::vec::Vec::new();
		let mut best: Option<(Moment, ProgramId)> = None;
		for (_, program) in ExpiryQueue::<T>::get() {
			let Some(p) = Programs::<T>::get(program) else { continue };
			let balance = Self::spendable(program, citizen);
			if balance.is_zero()
				|| now >= p.terms.spend_until
				|| PausedMerchants::<T>::contains_key(program, merchant)
				|| !Self::category_allowed(&p, info.category)
			{
				continue;
			}
			if balance >= amount && best.is_none_or(|(until, _)| p.terms.spend_until < until) {
				best = Some((p.terms.spend_until, program));
			}
			usable.push((program, balance));
		}
		let refusal = match (&best, usable.is_empty()) {
			(Some(_), _) => None,
			(None, true) => Some(Refusal::NoUsableVoucher),
			(None, false) => Some(Refusal::InsufficientBalance),
		};
		AcceptVerdict { accepted: best.is_some(), program: best.map(|(_, p)| p), usable, refusal }
	}

	/// A program's report with `free`/`outstanding` as of now (expiry applied if due).
	pub fn report(program: ProgramId) -> Option<ProgramReportOf<T>> {
		let p = Programs::<T>::get(program)?;
		let mut report = Reports::<T>::get(program);
		if !p.expired && T::Time::now() >= p.terms.spend_until {
			report.returned = report.returned.saturating_add(report.outstanding);
			report.free = report.free.saturating_add(report.outstanding);
			report.outstanding = Zero::zero();
		}
		Some(report)
	}

	/// The counters agree with each other and with the money in each program account.
	#[cfg(any(feature = "try-runtime", feature = "std"))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		for (program, p) in Programs::<T>::iter() {
			let r = Reports::<T>::get(program);
			let free = r
				.funded
				.checked_add(&r.returned)
				.and_then(|x| x.checked_sub(&r.withdrawn))
				.and_then(|x| x.checked_sub(&r.allocated))
				.ok_or("free budget underflows")?;
			ensure!(free == r.free, "free budget out of step with its counters");
			let outstanding = r
				.allocated
				.checked_sub(&r.spent)
				.and_then(|x| x.checked_sub(&r.returned))
				.ok_or("outstanding underflows")?;
			ensure!(outstanding == r.outstanding, "outstanding out of step with its counters");
			// Transfers straight into a program account are donations the counters do not
			// see, so the balance may exceed what is accounted for, never fall short.
			let balance = <T::Currency as fungible::Inspect<_>>::balance(&p.account);
			ensure!(balance >= r.free.saturating_add(r.outstanding), "program account short");
			if !p.expired {
				let vouchers = Vouchers::<T>::iter_prefix_values(program)
					.fold(BalanceOf::<T>::zero(), |sum, v| sum.saturating_add(v.balance));
				ensure!(vouchers == r.outstanding, "vouchers do not add up to outstanding");
				ensure!(
					ExpiryQueue::<T>::get().iter().any(|(_, id)| *id == program),
					"live program missing from the expiry queue"
				);
			}
			let pending = Applications::<T>::iter_prefix_values(program)
				.filter(|a| a.status == ApplicationStatus::Pending)
				.count();
			ensure!(pending as u32 == r.pending, "pending count out of step");
		}
		let queue = ExpiryQueue::<T>::get();
		ensure!(queue.windows(2).all(|w| matches!(w, [a, b] if a.0 <= b.0)), "queue out of order");
		Ok(())
	}
}
