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
		match Self::voucher(program, citizen) {
			Some(v) if live && !v.frozen => v.balance,
			_ => Zero::zero(),
		}
	}

	/// The citizen `account` is bound to, and whether that citizen is suspended; `None` when
	/// the account is bound to no citizen (never registered, deregistered, or rebound away).
	///
	/// [`CitizenRegistry::citizen_of`] answers only for active citizens, so the caller passes
	/// the registry's raw binding of `account` as `bound` (in the runtime,
	/// `pallet_citizen_id::CitizenOf`): a binding that the registry confirms
	/// ([`CitizenRegistry::standing`] names `account`) is the citizen, suspended or not; one it
	/// does not is nobody. With `bound = None` only active citizens are recognised. One look
	/// at the citizen's record either way: merchants ask this at every payment.
	pub fn account_standing(
		account: &T::AccountId,
		bound: Option<CitizenId>,
	) -> Option<(CitizenId, bool)> {
		match bound {
			Some(citizen) => {
				let (bound_to, active) = T::Citizens::standing(citizen)?;
				(bound_to == *account).then_some((citizen, !active))
			}
			None => T::Citizens::citizen_of(account).map(|citizen| (citizen, false)),
		}
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
		let v = Self::voucher(program, citizen)?;
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
		Self::voucher_lookup(account, program, bound).ok()
	}

	/// [`Self::wallet_voucher`], saying why there is none: `UnknownProgram` (judged first),
	/// or `NotACitizen` (the account is bound to no citizen). What a wallet's RPC answers in
	/// one runtime call.
	pub fn voucher_lookup(
		account: &T::AccountId,
		program: ProgramId,
		bound: Option<CitizenId>,
	) -> Result<VoucherView<BalanceOf<T>>, VoucherLookupError> {
		let p = Programs::<T>::get(program).ok_or(VoucherLookupError::UnknownProgram)?;
		let (citizen, suspended) =
			Self::account_standing(account, bound).ok_or(VoucherLookupError::NotACitizen)?;
		let v = Self::voucher(program, citizen)
			.unwrap_or(Voucher { balance: Zero::zero(), frozen: false });
		Ok(Self::view(program, &p, v, suspended))
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

	/// "Can `merchant` take `amount` from the citizen behind `account`?", over the programs
	/// whose spending window is open (at most `MaxLivePrograms`): which vouchers are usable
	/// there, and the one expiring first that covers the amount; when none does, the reason
	/// closest to acceptance (the order is documented on [`Refusal`]). `bound` is the
	/// registry's raw binding of `account`, which tells a suspended citizen from a stranger:
	/// see [`Self::account_standing`].
	///
	/// Reads the merchant, the citizen's standing and only the citizen's own records (with
	/// the programs they are in), never every live program.
	pub fn can_accept(
		merchant: &T::AccountId,
		account: &T::AccountId,
		amount: BalanceOf<T>,
		bound: Option<CitizenId>,
	) -> AcceptVerdict<BalanceOf<T>> {
		AcceptContext::<T>::new().can_accept(merchant, account, amount, bound)
	}

	/// [`Self::can_accept`] for each of `queries` (`(merchant, account, amount, bound)`), in
	/// order, at most `max` of them (the rest are not answered): a back office's or a
	/// kiosk's batch in one runtime call. The programs read are decoded once for the batch.
	pub fn can_accept_many(
		queries: impl IntoIterator<Item = (T::AccountId, T::AccountId, BalanceOf<T>, Option<CitizenId>)>,
		max: u32,
	) -> alloc::vec::Vec<AcceptVerdict<BalanceOf<T>>> {
		let mut cx = AcceptContext::<T>::new();
		queries
			.into_iter()
			.take(max as usize)
			.map(|(merchant, account, amount, bound)| {
				cx.can_accept(&merchant, &account, amount, bound)
			})
			.collect()
	}

	/// A program's report with `free`/`outstanding` as of now (expiry applied if due; what
	/// is held stays held).
	pub fn report(program: ProgramId) -> Option<ProgramReportOf<T>> {
		let p = Programs::<T>::get(program)?;
		Some(Self::report_of(&p, &Ledgers::<T>::get(program)))
	}

	/// The report of `p` from its ledger, as of now. The stored counters are in step
	/// (`try_state`); were they not, `free` and `outstanding` would read as zero rather than
	/// fail.
	fn report_of(p: &ProgramOf<T>, ledger: &ProgramLedgerOf<T>) -> ProgramReportOf<T> {
		let mut ledger = ledger.clone();
		if p.is_due(T::Time::now()) {
			// What expiry will do: the vouchers' rest returns to the free budget.
			let rest = ledger.outstanding().unwrap_or_else(Zero::zero);
			ledger.returned = ledger.returned.saturating_add(rest);
		}
		ProgramReport {
			funded: ledger.funded,
			withdrawn: ledger.withdrawn,
			allocated: ledger.allocated,
			spent: ledger.spent,
			returned: ledger.returned,
			free: ledger.free().unwrap_or_else(Zero::zero),
			outstanding: ledger.outstanding().unwrap_or_else(Zero::zero),
			citizens_served: ledger.citizens_served,
			pending: ledger.pending,
			held: ledger.held,
		}
	}

	/// What `program` paid per merchant category (spends and settled holds), by category:
	/// its ledger's totals and any kept outside it. Empty for an unknown program.
	pub fn spend_by_category(program: ProgramId) -> CategorySpending<BalanceOf<T>> {
		let mut all = Ledgers::<T>::get(program).by_category.into_inner();
		if all.len() as u32 >= T::MaxCategoriesPerProgram::get() {
			all.extend(SpendByCategory::<T>::iter_prefix(program));
			all.sort_by_key(|(category, _)| *category);
		}
		all
	}

	/// What `program` paid in `category` (spends and settled holds).
	pub fn spent_in(program: ProgramId, category: MerchantCategory) -> BalanceOf<T> {
		Ledgers::<T>::get(program)
			.spent_in(category)
			.unwrap_or_else(|| SpendByCategory::<T>::get(program, category))
	}

	/// A program's report as of now with its spending by category: what a dashboard's RPC
	/// answers in one runtime call. `None` for an unknown program.
	pub fn report_with_categories(program: ProgramId) -> Option<ReportAndSpending<BalanceOf<T>>> {
		let p = Programs::<T>::get(program)?;
		let ledger = Ledgers::<T>::get(program);
		let report = Self::report_of(&p, &ledger);
		Some((report, Self::spend_by_category(program)))
	}
}

/// What [`Pallet::can_accept`] reads besides the merchant and the citizen, kept for a batch
/// and read only when a citizen holds something: the moment and the newest program id, and
/// the programs decoded so far.
struct AcceptContext<T: Config> {
	clock: Option<(Moment, ProgramId)>,
	programs: alloc::collections::BTreeMap<ProgramId, Option<ProgramOf<T>>>,
}

impl<T: Config> AcceptContext<T> {
	fn new() -> Self {
		Self { clock: None, programs: Default::default() }
	}

	/// Now, and the id the next program gets.
	fn clock(&mut self) -> (Moment, ProgramId) {
		*self.clock.get_or_insert_with(|| (T::Time::now(), NextProgramId::<T>::get()))
	}

	fn program(&mut self, program: ProgramId) -> Option<&ProgramOf<T>> {
		self.programs.entry(program).or_insert_with(|| Programs::<T>::get(program)).as_ref()
	}

	fn can_accept(
		&mut self,
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
		let citizen = match Pallet::<T>::account_standing(account, bound) {
			None => return refuse(Refusal::NotACitizen),
			Some((_, true)) => return refuse(Refusal::CitizenSuspended),
			Some((citizen, false)) => citizen,
		};
		// `citizen` is the one bound to `account` (`account_standing`): the citizen pays
		// themselves exactly when the payer is the merchant, as `spend` judges it.
		if account == merchant {
			return refuse(Refusal::SelfPayment);
		}
		// Vouchers with value in programs not finished, of owners whose vouchers are spent at
		// a counter, ordered as the expiry queue orders their programs: by `spend_until`,
		// then by id (creation).
		let mut live = alloc::vec::Vec::new();
		// Value in a program whose window has ended: one not finished yet (the sweep has not
		// reached it), or one of the newest finished.
		let mut expired = false;
		for (program, record) in Participants::<T>::iter_prefix(citizen) {
			let Some(v) = record.voucher else { continue };
			if v.balance.is_zero() {
				continue;
			}
			let (now, next_program) = self.clock();
			// The newest `MaxLivePrograms` programs: where value in an ended program is looked
			// for when nothing else explains a refusal.
			let recent = next_program.saturating_sub(T::MaxLivePrograms::get());
			let Some(p) = self.program(program) else { continue };
			let spendable = p.spendable_at(now);
			if !spendable && program >= recent {
				expired = true;
			}
			// Finished programs, and bookings-only vouchers (a youth culture pass), are never
			// taken at a counter.
			if p.expired || !T::DirectSpend::contains(&p.owner) {
				continue;
			}
			if !spendable {
				expired = true;
				continue;
			}
			let reason = if PausedMerchants::<T>::contains_key(program, merchant) {
				Some(Refusal::MerchantPaused)
			} else if !p.accepts_category(info.category) {
				Some(Refusal::CategoryNotAllowed)
			} else if v.frozen {
				Some(Refusal::VoucherFrozen)
			} else {
				None
			};
			live.push((p.terms.spend_until, program, v.balance, reason));
		}
		live.sort_by_key(|(until, program, _, _)| (*until, *program));
		let mut usable = alloc::vec::Vec::new();
		let mut best: Option<ProgramId> = None;
		// The closest reason a voucher with value was refused here.
		let mut blocked: Option<Refusal> = None;
		for (_, program, balance, reason) in live {
			if let Some(reason) = reason {
				if blocked
					.is_none_or(|b| Pallet::<T>::closeness(reason) > Pallet::<T>::closeness(b))
				{
					blocked = Some(reason);
				}
				continue;
			}
			// In expiry order, the first that covers the amount expires first.
			if balance >= amount && best.is_none() {
				best = Some(program);
			}
			usable.push((program, balance));
		}
		let refusal = if best.is_some() {
			None
		} else if !usable.is_empty() {
			Some(Refusal::InsufficientBalance)
		} else if let Some(reason) = blocked {
			Some(reason)
		} else if expired {
			Some(Refusal::ProgramExpired)
		} else {
			Some(Refusal::NoVoucher)
		};
		AcceptVerdict { accepted: best.is_some(), program: best, usable, refusal }
	}
}
