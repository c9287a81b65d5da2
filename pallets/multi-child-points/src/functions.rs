//! The pallet's logic: dispatchables check the origin and call the `do_*` functions here.
//!
//! Money moves only in the ledger (policy funds), through `ServicePrograms::open_program`,
//! `ServicePrograms::fund_program` and `VoucherLedger::credit`. Each `do_*` checks everything
//! and computes every new counter before it calls the ledger, and calls the ledger before it
//! writes: a refused call changes nothing here or there.

use super::*;
use citizen_primitives::{ClaimValue, ProgramSpec};
use frame_support::{
	ensure,
	pallet_prelude::DispatchResult,
	traits::{EnsureOrigin, Get, Time},
	BoundedVec,
};
use frame_system::pallet_prelude::OriginFor;
use sp_runtime::{
	traits::{CheckedAdd, Zero},
	ArithmeticError, DispatchError,
};

impl<T: Config> Pallet<T> {
	/// The owner this pallet is in the ledger: its schemes' programs are its own.
	pub fn owner() -> ProgramOwner {
		ProgramOwner::service(T::PalletId::get())
	}

	/// The account and citizen behind a guardian's own call. An unsigned origin is a
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

	/// The treasury account, or `NoTreasury`.
	fn treasury() -> Result<T::AccountId, DispatchError> {
		Treasury::<T>::get().ok_or_else(|| Error::<T>::NoTreasury.into())
	}

	/// `year`'s scheme, or `UnknownScheme`.
	fn existing_scheme(year: Year) -> Result<SchemeOf<T>, DispatchError> {
		Schemes::<T>::get(year).ok_or_else(|| Error::<T>::UnknownScheme.into())
	}

	/// `year`'s counters; a scheme always has them.
	fn scheme_report(year: Year) -> Result<SchemeReportOf<T>, DispatchError> {
		Reports::<T>::get(year).ok_or(DispatchError::Corruption)
	}

	// ---- The city ----

	pub(crate) fn do_set_treasury(account: T::AccountId) -> DispatchResult {
		// Funding a scheme from a program's account would take money backing vouchers.
		ensure!(!T::Ledger::is_program_account(&account), Error::<T>::TreasuryIsProgramAccount);
		// Nor from a facility's or a lottery round's account: that money is owed to citizens.
		ensure!(
			!T::OthersMoney::keeps_others_money(&account),
			Error::<T>::TreasuryKeepsOthersMoney
		);
		Treasury::<T>::put(&account);
		Self::deposit_event(Event::TreasurySet { account });
		Ok(())
	}

	/// Check `terms`, open and fund the scheme's program from the treasury, record the
	/// scheme.
	pub(crate) fn do_open_scheme(year: Year, terms: SchemeTermsOf<T>) -> DispatchResult {
		ensure!(!Schemes::<T>::contains_key(year), Error::<T>::SchemeExists);
		ensure!(terms.tiers_valid(), Error::<T>::InvalidTiers);
		let now = T::Time::now();
		ensure!(terms.window_valid(now), Error::<T>::InvalidWindow);
		ensure!(terms.categories_valid(), Error::<T>::InvalidCategories);
		ensure!(!terms.budget.is_zero(), Error::<T>::ZeroAmount);
		ensure!(terms.budget_valid(), Error::<T>::BudgetBelowOneGrant);
		let treasury = Self::treasury()?;
		// One counter per tier; the tiers and the counters share the bound.
		let households = BoundedVec::try_from(alloc::vec![0u32; terms.tiers.len()])
			.map_err(|_| Error::<T>::InvalidTiers)?;
		let spec = ProgramSpec {
			name: (terms.name.ko.to_vec(), terms.name.en.to_vec()),
			spend_until: terms.spend_until,
			allowed_categories: terms.allowed_categories.iter().copied().collect(),
			excluded_categories: terms.excluded_categories.iter().copied().collect(),
		};
		let budget = terms.budget;
		let program = T::Ledger::open_program(Self::owner(), spec, &treasury, budget)?;
		Reports::<T>::insert(
			year,
			SchemeReport { households, granted: Zero::zero(), funded: budget },
		);
		Schemes::<T>::insert(
			year,
			Scheme { terms, program, status: SchemeStatus::Open, opened_at: now },
		);
		Self::deposit_event(Event::SchemeOpened { year, program, budget });
		Ok(())
	}

	/// Fund `year`'s scheme with `amount` more from the treasury, while it may still take
	/// applications.
	pub(crate) fn do_top_up(year: Year, amount: T::Balance) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let scheme = Self::existing_scheme(year)?;
		ensure!(scheme.takes_applications(T::Time::now()), Error::<T>::SchemeClosed);
		let treasury = Self::treasury()?;
		let mut report = Self::scheme_report(year)?;
		report.funded = report.funded.checked_add(&amount).ok_or(ArithmeticError::Overflow)?;
		T::Ledger::fund_program(Self::owner(), scheme.program, &treasury, amount)?;
		Reports::<T>::insert(year, report);
		Self::deposit_event(Event::SchemeToppedUp { year, amount });
		Ok(())
	}

	pub(crate) fn do_close_applications(year: Year) -> DispatchResult {
		let mut scheme = Self::existing_scheme(year)?;
		ensure!(scheme.takes_applications(T::Time::now()), Error::<T>::SchemeClosed);
		scheme.status = SchemeStatus::Closed;
		Schemes::<T>::insert(year, scheme);
		Self::deposit_event(Event::ApplicationsClosed { year });
		Ok(())
	}

	// ---- Guardians ----

	/// Since when `citizen` has lived in the city, by their valid `Resident` claim.
	fn resident_since(citizen: CitizenId) -> Option<Moment> {
		match T::Citizens::valid_claim(citizen, ClaimKind::Resident)?.value {
			ClaimValue::Resident { since, .. } => Some(since),
			_ => None,
		}
	}

	/// `citizen`'s household and its children, by their valid `MultiChildHousehold` claim.
	fn household_of(citizen: CitizenId) -> Option<(sp_core::H256, u8)> {
		match T::Citizens::valid_claim(citizen, ClaimKind::MultiChildHousehold)?.value {
			ClaimValue::MultiChildHousehold { household, children } => Some((household, children)),
			_ => None,
		}
	}

	/// What `citizen` would be granted for `year` at `now`, or why not: the rules of `apply`,
	/// in the order [`Refusal`] lists them, shared with the `quote` view.
	pub(crate) fn eligibility(
		citizen: CitizenId,
		year: Year,
		now: Moment,
	) -> Result<(SchemeOf<T>, Eligibility<T::Balance>), Refusal> {
		let scheme = Schemes::<T>::get(year).ok_or(Refusal::UnknownScheme)?;
		// One grant per citizen per year: the scheme's program is this pallet's alone, so a
		// voucher there is this year's grant (the record the credit below reads anyway).
		if T::Ledger::has_voucher(scheme.program, citizen) {
			return Err(Refusal::AlreadyGranted);
		}
		if scheme.is_closed() {
			return Err(Refusal::SchemeClosed);
		}
		if !scheme.terms.in_application_window(now) {
			return Err(Refusal::OutsideApplicationWindow);
		}
		let since = Self::resident_since(citizen).ok_or(Refusal::NotResident)?;
		if now.saturating_sub(since) < scheme.terms.min_residence {
			return Err(Refusal::ResidenceTooShort);
		}
		let (household, children) =
			Self::household_of(citizen).ok_or(Refusal::NotMultiChildHousehold)?;
		let (tier, t) = scheme.terms.tier_for(children).ok_or(Refusal::TooFewChildren)?;
		if Grants::<T>::contains_key(year, household) {
			return Err(Refusal::HouseholdAlreadyGranted);
		}
		if T::Ledger::free_budget(scheme.program) < t.amount {
			return Err(Refusal::BudgetExhausted);
		}
		Ok((scheme, Eligibility { household, children, tier, amount: t.amount }))
	}

	/// Grant `citizen`'s household its tier for `year`, credited to the citizen's voucher.
	pub(crate) fn do_apply(citizen: CitizenId, year: Year) -> DispatchResult {
		let now = T::Time::now();
		let (scheme, e) = Self::eligibility(citizen, year, now).map_err(Error::<T>::from)?;
		let mut report = Self::scheme_report(year)?;
		let count =
			report.households.get_mut(usize::from(e.tier)).ok_or(DispatchError::Corruption)?;
		*count = count.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		report.granted = report.granted.checked_add(&e.amount).ok_or(ArithmeticError::Overflow)?;
		T::Ledger::credit(Self::owner(), scheme.program, citizen, e.amount)?;
		Grants::<T>::insert(
			year,
			e.household,
			Grant {
				citizen,
				tier: e.tier,
				children: e.children,
				amount: e.amount,
				granted_at: now,
			},
		);
		Reports::<T>::insert(year, report);
		Self::deposit_event(Event::PointsGranted {
			year,
			citizen,
			household: e.household,
			children: e.children,
			amount: e.amount,
		});
		Ok(())
	}

	// ---- Invariants ----

	/// Every scheme has valid tiers and a report with one counter per tier; the report's
	/// counters agree with the stored grants (households per tier, points granted); every
	/// grant is the tier its children fall in; nothing is stored for a year without a scheme;
	/// no two schemes share a program. (One grant per citizen is the program's voucher, which
	/// policy funds' own checks keep.) (Points granted may exceed what the treasury put in: value
	/// an officer recovers returns to the program's free budget and can be granted again.)
	#[cfg(any(feature = "try-runtime", feature = "std"))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let mut programs = alloc::collections::BTreeSet::new();
		for (year, scheme) in Schemes::<T>::iter() {
			ensure!(programs.insert(scheme.program), "two schemes share a program");
			ensure!(scheme.terms.tiers_valid(), "a scheme with invalid tiers");
			let report = Reports::<T>::get(year).ok_or("a scheme without a report")?;
			let tiers = scheme.terms.tiers.len();
			ensure!(report.households.len() == tiers, "a report's tiers differ from its scheme's");
			let mut households = alloc::vec![0u32; tiers];
			let mut granted = T::Balance::zero();
			for grant in Grants::<T>::iter_prefix_values(year) {
				let (tier, t) =
					scheme.terms.tier_for(grant.children).ok_or("a grant below the first tier")?;
				ensure!(
					tier == grant.tier && t.amount == grant.amount,
					"a grant out of step with the tier its children fall in"
				);
				let count = households.get_mut(usize::from(tier)).ok_or("tier out of range")?;
				*count = count.checked_add(1).ok_or("households overflow")?;
				granted = granted.checked_add(&grant.amount).ok_or("points granted overflow")?;
			}
			ensure!(
				households.as_slice() == report.households.as_slice(),
				"households per tier out of step with the grants"
			);
			ensure!(granted == report.granted, "points granted out of step with the grants");
		}
		for year in Reports::<T>::iter_keys() {
			ensure!(Schemes::<T>::contains_key(year), "a report without a scheme");
		}
		for (year, _, _) in Grants::<T>::iter() {
			ensure!(Schemes::<T>::contains_key(year), "a grant without a scheme");
		}
		Ok(())
	}
}
