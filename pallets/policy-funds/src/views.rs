//! What wallets, merchants and the city's dashboards read: vouchers, "can I take this
//! payment?", reports. Nothing here writes; an overdue program already reads as expired.

use super::*;
use frame_support::traits::{Contains, Get, Time};
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// What `citizen` can spend (or have held) under `program` now: zero after the spending
	/// window or while frozen; holds are not counted.
	pub fn spendable(program: ProgramId, citizen: CitizenId) -> BalanceOf<T> {
		let live = Programs::<T>::get(program).is_some_and(|p| p.spendable_at(T::Time::now()));
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
			balance: if p.spendable_at(T::Time::now()) { v.balance } else { Zero::zero() },
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
				&& Programs::<T>::get(program).is_some_and(|p| !p.spendable_at(now))
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
			// Bookings-only vouchers (a youth culture pass) are never taken at a counter.
			if v.balance.is_zero() || !T::DirectSpend::contains(&p.owner) {
				continue;
			}
			if !p.spendable_at(now) {
				expired = true;
				continue;
			}
			// The order `spend` checks them in.
			let reason = if PausedMerchants::<T>::contains_key(program, merchant) {
				Some(Refusal::MerchantPaused)
			} else if !p.accepts_category(info.category) {
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

	/// A program's report with `free`/`outstanding` as of now (expiry applied if due; what
	/// is held stays held).
	pub fn report(program: ProgramId) -> Option<ProgramReportOf<T>> {
		let p = Programs::<T>::get(program)?;
		let mut report = Reports::<T>::get(program);
		if p.is_due(T::Time::now()) {
			report.returned = report.returned.saturating_add(report.outstanding);
			report.free = report.free.saturating_add(report.outstanding);
			report.outstanding = Zero::zero();
		}
		Some(report)
	}
}
