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
	traits::{
		fungible::{Inspect, Mutate},
		tokens::{DepositConsequence, Preservation, Provenance},
		Get, Time,
	},
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
		let now = T::Time::now();
		ensure!(
			terms.apply_from < terms.apply_until
				&& terms.apply_until <= terms.spend_until
				&& terms.spend_until > now,
			Error::<T>::InvalidTerms
		);
		ensure!(
			terms.spend_until <= now.saturating_add(T::MaxProgramDuration::get()),
			Error::<T>::ProgramTooLong
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
	/// A closed program reads as closed even once it has finished.
	pub(crate) fn open_program(program: ProgramId) -> Result<ProgramOf<T>, DispatchError> {
		Self::try_expire(program)?;
		let p = Programs::<T>::get(program).ok_or(Error::<T>::UnknownProgram)?;
		ensure!(p.status == ProgramStatus::Open, Error::<T>::ProgramClosed);
		ensure!(!p.expired, Error::<T>::ProgramExpired);
		Ok(p)
	}

	pub(crate) fn do_fund(
		from: T::AccountId,
		program: ProgramId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let p = Self::open_program(program)?;
		Self::ensure_receivable(&p.account, amount)?;
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
		let (amount, outstanding) = Self::mutate_report(program, |r| {
			let amount = r.free;
			r.withdrawn = r.withdrawn.checked_add(&amount)?;
			r.free = Zero::zero();
			Some((amount, r.outstanding))
		})?;
		if !amount.is_zero() {
			Self::pay_out(&p.account, &return_to, amount)?;
		}
		p.status = ProgramStatus::Closed;
		// Nothing can come back any more: the program is finished and frees its slot.
		if outstanding.is_zero() && !p.expired {
			Self::finish(program, &mut p);
		}
		Programs::<T>::insert(program, p);
		Self::deposit_event(Event::ProgramClosed { program, returned_to: return_to, amount });
		Ok(())
	}

	pub(crate) fn do_end_program(program: ProgramId, return_to: T::AccountId) -> DispatchResult {
		// A program already due expires as usual first (and says so).
		Self::try_expire(program)?;
		let mut p = Programs::<T>::get(program).ok_or(Error::<T>::UnknownProgram)?;
		let amount = Self::mutate_report(program, |r| {
			// What the vouchers had left returns in one step, as at expiry.
			let returned = r.outstanding;
			r.returned = r.returned.checked_add(&returned)?;
			r.free = r.free.checked_add(&returned)?;
			r.outstanding = Zero::zero();
			let amount = r.free;
			r.withdrawn = r.withdrawn.checked_add(&amount)?;
			r.free = Zero::zero();
			Some(amount)
		})?;
		if !amount.is_zero() {
			Self::pay_out(&p.account, &return_to, amount)?;
		}
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
	fn pay_out(
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
		Self::finish(program, &mut p);
		Programs::<T>::insert(program, p);
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
		// Things may have changed since the application: check again what `apply` checked.
		ensure!(T::Citizens::is_active(citizen), Error::<T>::ApplicantNotActive);
		Self::ensure_eligible(&p, citizen, T::Time::now())?;
		ensure!(Self::household_of(&p, citizen) == application.household, Error::<T>::NotEligible);
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

	/// Everything that must hold for `merchant` to take `program`'s vouchers from `citizen`,
	/// without the voucher itself, in the order `can_accept` ranks them. Returns the program
	/// and the merchant's category.
	fn ensure_merchant_accepts(
		program: ProgramId,
		merchant: &T::AccountId,
		citizen: CitizenId,
	) -> Result<(ProgramOf<T>, MerchantCategory), DispatchError> {
		Self::try_expire(program)?;
		let p = Programs::<T>::get(program).ok_or(Error::<T>::UnknownProgram)?;
		ensure!(!p.expired, Error::<T>::ProgramExpired);
		let info = Merchants::<T>::get(merchant).ok_or(Error::<T>::UnknownMerchant)?;
		ensure!(info.active, Error::<T>::MerchantSuspended);
		ensure!(
			T::Citizens::account_of(citizen).as_ref() != Some(merchant),
			Error::<T>::SelfPayment
		);
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
		let (p, category) = Self::ensure_merchant_accepts(program, &merchant, citizen)?;
		let mut voucher = Vouchers::<T>::get(program, citizen).ok_or(Error::<T>::NoVoucher)?;
		ensure!(!voucher.frozen, Error::<T>::VoucherFrozen);
		voucher.balance =
			voucher.balance.checked_sub(&amount).ok_or(Error::<T>::InsufficientVoucher)?;
		// Every check passed: the money moves (or the payment is refused) before any record.
		Self::pay_out(&p.account, &merchant, amount)?;
		Vouchers::<T>::insert(program, citizen, voucher);
		Self::mutate_report(program, |r| {
			r.spent = r.spent.checked_add(&amount)?;
			r.outstanding = r.outstanding.checked_sub(&amount)?;
			Some(())
		})?;
		SpendByCategory::<T>::try_mutate(program, category, |total| {
			*total = total.checked_add(&amount).ok_or(Error::<T>::Overflow)?;
			Ok::<(), DispatchError>(())
		})?;
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

	/// Whether `p`'s vouchers can be spent at `now`.
	fn is_live(p: &ProgramOf<T>, now: Moment) -> bool {
		!p.expired && now < p.terms.spend_until
	}

	/// What `citizen` can spend under `program` now (zero after expiry or while frozen).
	pub fn spendable(program: ProgramId, citizen: CitizenId) -> BalanceOf<T> {
		let live = Programs::<T>::get(program).is_some_and(|p| Self::is_live(&p, T::Time::now()));
		match Vouchers::<T>::get(program, citizen) {
			Some(v) if live && !v.frozen => v.balance,
			_ => Zero::zero(),
		}
	}

	/// The citizen `account` is bound to, and whether that citizen is suspended; `None` when
	/// the account is bound to no citizen (never registered, deregistered, or rebound away).
	///
	/// [`CitizenRegistry::citizen_of`] answers only for active citizens, so the caller passes
	/// the registry's raw binding of `account` as `bound` (in the runtime,
	/// `pallet_citizen_id::CitizenOf`): a binding that the registry confirms (`account_of` is
	/// still `account`) while `citizen_of` says nothing is a suspended citizen. With `bound =
	/// None` only active citizens are recognised.
	pub fn account_standing(
		account: &T::AccountId,
		bound: Option<CitizenId>,
	) -> Option<(CitizenId, bool)> {
		if let Some(citizen) = T::Citizens::citizen_of(account) {
			return Some((citizen, false));
		}
		let citizen = bound?;
		(T::Citizens::account_of(citizen).as_ref() == Some(account)).then_some((citizen, true))
	}

	/// A voucher as a wallet shows it: zero after the spending window.
	fn view(
		program: ProgramId,
		p: &ProgramOf<T>,
		v: VoucherOf<T>,
		citizen_suspended: bool,
	) -> VoucherView<BalanceOf<T>> {
		VoucherView {
			program,
			balance: if Self::is_live(p, T::Time::now()) { v.balance } else { Zero::zero() },
			frozen: v.frozen,
			expires_at: p.terms.spend_until,
			citizen_suspended,
		}
	}

	/// The voucher of `citizen` under `program` as a wallet shows it, if the citizen holds
	/// one. `citizen_suspended` is copied into the view.
	pub fn voucher_view(
		program: ProgramId,
		citizen: CitizenId,
		citizen_suspended: bool,
	) -> Option<VoucherView<BalanceOf<T>>> {
		let p = Programs::<T>::get(program)?;
		let v = Vouchers::<T>::get(program, citizen)?;
		Some(Self::view(program, &p, v, citizen_suspended))
	}

	/// What the wallet of `account` shows for `program`: the citizen's voucher, or an empty one
	/// (balance 0, not frozen) when the citizen holds none; a suspended citizen still sees it,
	/// marked `citizen_suspended`. `None` only when the account is bound to no citizen or there
	/// is no such program. `bound`: see [`Self::account_standing`].
	pub fn wallet_voucher(
		account: &T::AccountId,
		program: ProgramId,
		bound: Option<CitizenId>,
	) -> Option<VoucherView<BalanceOf<T>>> {
		let (citizen, suspended) = Self::account_standing(account, bound)?;
		let p = Programs::<T>::get(program)?;
		let v = Vouchers::<T>::get(program, citizen)
			.unwrap_or(Voucher { balance: Zero::zero(), frozen: false });
		Some(Self::view(program, &p, v, suspended))
	}

	/// Every voucher of `citizen` in programs `[start, start + limit)`.
	pub fn vouchers_of(
		citizen: CitizenId,
		citizen_suspended: bool,
		start: ProgramId,
		limit: u32,
	) -> alloc::vec::Vec<VoucherView<BalanceOf<T>>> {
		let end = start.saturating_add(limit).min(NextProgramId::<T>::get());
		(start..end)
			.filter_map(|program| Self::voucher_view(program, citizen, citizen_suspended))
			.collect()
	}

	/// The vouchers of the citizen `account` is bound to, in programs `[start, start + limit)`;
	/// empty when it is bound to no citizen. `bound`: see [`Self::account_standing`].
	pub fn wallet_vouchers(
		account: &T::AccountId,
		bound: Option<CitizenId>,
		start: ProgramId,
		limit: u32,
	) -> alloc::vec::Vec<VoucherView<BalanceOf<T>>> {
		Self::account_standing(account, bound)
			.map(|(citizen, suspended)| Self::vouchers_of(citizen, suspended, start, limit))
			.unwrap_or_default()
	}

	/// How close a voucher that this merchant cannot take is to being accepted (higher is
	/// closer): see [`Refusal`].
	fn closeness(refusal: Refusal) -> u8 {
		match refusal {
			Refusal::VoucherFrozen => 3,
			Refusal::MerchantPaused => 2,
			Refusal::CategoryNotAllowed => 1,
			_ => 0,
		}
	}

	/// Whether `citizen` holds value in one of the most recent `MaxLivePrograms` programs
	/// whose spending window has ended (bounded: the fallback of [`Self::can_accept`]).
	fn holds_expired_voucher(citizen: CitizenId, now: Moment) -> bool {
		let next = NextProgramId::<T>::get();
		(next.saturating_sub(T::MaxLivePrograms::get())..next).any(|program| {
			Vouchers::<T>::get(program, citizen).is_some_and(|v| !v.balance.is_zero())
				&& Programs::<T>::get(program).is_some_and(|p| !Self::is_live(&p, now))
		})
	}

	/// "Can `merchant` take `amount` from the citizen behind `account`?", over the programs
	/// whose spending window is open (at most `MaxLivePrograms`): which vouchers are usable
	/// there, and the one expiring first that covers the amount; when none does, the reason
	/// closest to acceptance (the order is documented on [`Refusal`]). `bound` is the
	/// registry's raw binding of `account`, which tells a suspended citizen from a stranger:
	/// see [`Self::account_standing`].
	pub fn can_accept(
		merchant: &T::AccountId,
		account: &T::AccountId,
		amount: BalanceOf<T>,
		bound: Option<CitizenId>,
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
		let citizen = match Self::account_standing(account, bound) {
			None => return refuse(Refusal::NotACitizen),
			Some((_, true)) => return refuse(Refusal::CitizenSuspended),
			Some((citizen, false)) => citizen,
		};
		if T::Citizens::account_of(citizen).as_ref() == Some(merchant) {
			return refuse(Refusal::SelfPayment);
		}
		let now = T::Time::now();
		let mut usable = alloc::vec::Vec::new();
		let mut best: Option<(Moment, ProgramId)> = None;
		// The closest reason a voucher with value was refused here, and whether value sits in
		// a program whose window has ended but that the sweep has not reached yet.
		let mut blocked: Option<Refusal> = None;
		let mut expired = false;
		for (_, program) in ExpiryQueue::<T>::get() {
			let Some(v) = Vouchers::<T>::get(program, citizen) else { continue };
			let Some(p) = Programs::<T>::get(program) else { continue };
			if v.balance.is_zero() {
				continue;
			}
			if !Self::is_live(&p, now) {
				expired = true;
				continue;
			}
			// The order `spend` checks them in.
			let reason = if PausedMerchants::<T>::contains_key(program, merchant) {
				Some(Refusal::MerchantPaused)
			} else if !Self::category_allowed(&p, info.category) {
				Some(Refusal::CategoryNotAllowed)
			} else if v.frozen {
				Some(Refusal::VoucherFrozen)
			} else {
				None
			};
			if let Some(reason) = reason {
				if blocked.is_none_or(|b| Self::closeness(reason) > Self::closeness(b)) {
					blocked = Some(reason);
				}
				continue;
			}
			if v.balance >= amount && best.is_none_or(|(until, _)| p.terms.spend_until < until) {
				best = Some((p.terms.spend_until, program));
			}
			usable.push((program, v.balance));
		}
		let refusal = if best.is_some() {
			None
		} else if !usable.is_empty() {
			Some(Refusal::InsufficientBalance)
		} else if let Some(reason) = blocked {
			Some(reason)
		} else if expired || Self::holds_expired_voucher(citizen, now) {
			Some(Refusal::ProgramExpired)
		} else {
			Some(Refusal::NoVoucher)
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
			// The balance is exactly `free + outstanding` unless someone transferred straight
			// into the program account: such a donation is not counted (it is not in `funded`),
			// so on chain the check can only be `>=`. The unit tests, with no donations, check
			// equality after every test (`mock::check_invariants`). Payouts never take more
			// than the counters hold, and never reap the account with dust (`pay_out`), so the
			// balance cannot fall short.
			let balance = <T::Currency as fungible::Inspect<_>>::balance(&p.account);
			let accounted =
				r.free.checked_add(&r.outstanding).ok_or("free + outstanding overflows")?;
			ensure!(balance >= accounted, "program account short");
			let queued = ExpiryQueue::<T>::get().iter().any(|(_, id)| *id == program);
			if p.expired {
				// Finished: nothing outstanding, no slot held.
				ensure!(r.outstanding.is_zero(), "a finished program has outstanding value");
				ensure!(!queued, "a finished program is still in the expiry queue");
			} else {
				let vouchers = Vouchers::<T>::iter_prefix_values(program)
					.fold(BalanceOf::<T>::zero(), |sum, v| sum.saturating_add(v.balance));
				ensure!(vouchers == r.outstanding, "vouchers do not add up to outstanding");
				ensure!(queued, "live program missing from the expiry queue");
			}
			let pending = Applications::<T>::iter_prefix_values(program)
				.filter(|a| a.status == ApplicationStatus::Pending)
				.count();
			ensure!(pending as u32 == r.pending, "pending count out of step");
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
