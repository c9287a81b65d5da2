//! [`ServicePrograms`]: a service pallet opens and funds programs of its own.
//!
//! A service program takes no applications; its owner credits it through
//! [`VoucherLedger`]. Its terms come from the [`ProgramSpec`]: the name, the spending window
//! and the categories; the grant amount is zero, no claims are required and the application
//! window is empty (`apply_from == apply_until ==` the moment it was opened). It has no
//! officers until the city appoints some (`set_officers`), and the city can close or end it
//! like any program.

use super::*;
use citizen_primitives::ProgramSpec;
use frame_support::{storage::with_storage_layer, traits::Time, BoundedBTreeSet, BoundedVec};
use sp_runtime::{
	traits::{CheckedAdd, CheckedSub, Zero},
	DispatchError, DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// The terms of a service program opened with `spec`: names within `MaxNameLength`
	/// (`NameTooLong`), categories within `MaxCategoriesPerProgram` (`TooManyCategories`; a
	/// category listed twice counts once).
	fn service_terms(spec: ProgramSpec) -> Result<ProgramTermsOf<T>, DispatchError> {
		let name = LocalizedName::new(&spec.name.0, &spec.name.1).ok_or(Error::<T>::NameTooLong)?;
		let set = |categories: alloc::vec::Vec<MerchantCategory>| {
			BoundedBTreeSet::try_from(
				categories.into_iter().collect::<alloc::collections::BTreeSet<_>>(),
			)
			.map_err(|_| Error::<T>::TooManyCategories)
		};
		let now = T::Time::now();
		Ok(ProgramTerms {
			name,
			amount_per_grant: Zero::zero(),
			required_claims: BoundedBTreeSet::new(),
			min_residence: 0,
			apply_from: now,
			apply_until: now,
			spend_until: spec.spend_until,
			approval: ApprovalMode::Automatic,
			scope: GrantScope::PerCitizen,
			allowed_categories: set(spec.allowed_categories)?,
			excluded_categories: set(spec.excluded_categories)?,
		})
	}
}

impl<T: Config> ServicePrograms<T::AccountId, BalanceOf<T>> for Pallet<T> {
	/// All or nothing. Errors: `NotAServiceOwner` (`owner` is the city), `NameTooLong`,
	/// `TooManyCategories`, `InvalidTerms` (`spend_until` not in the future),
	/// `ProgramTooLong`, `UnknownCategory`, `TooManyLivePrograms`, then those of funding
	/// (`RecipientBelowMinimum`, or the currency's own when `funder` lacks the money). A zero
	/// `budget` opens the program unfunded.
	fn open_program(
		owner: ProgramOwner,
		spec: ProgramSpec,
		funder: &T::AccountId,
		budget: BalanceOf<T>,
	) -> Result<ProgramId, DispatchError> {
		with_storage_layer(|| {
			frame_support::ensure!(owner != ProgramOwner::City, Error::<T>::NotAServiceOwner);
			let terms = Self::service_terms(spec)?;
			let program = Self::do_create_program(owner, terms, BoundedVec::new())?;
			if !budget.is_zero() {
				Self::do_fund(funder.clone(), program, budget)?;
			}
			Ok(program)
		})
	}

	/// All or nothing. Errors: `UnknownProgram`, `NotProgramOwner`, then those of `fund`
	/// (`ZeroAmount`, `ProgramClosed`, `ProgramExpired`, `RecipientBelowMinimum`, the
	/// currency's own).
	fn fund_program(
		owner: ProgramOwner,
		program: ProgramId,
		funder: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		with_storage_layer(|| {
			Self::owned_program(owner, program)?;
			Self::do_fund(funder.clone(), program, amount)
		})
	}

	/// As of now (expiry applied if due); zero for an unknown program.
	/// All or nothing. Errors: `UnknownProgram`, `NotProgramOwner`, `ZeroAmount`,
	/// `BudgetExhausted` (more than the free budget), then those of paying out
	/// (`ProgramAccountBelowMinimum`, `RecipientBelowMinimum`, the currency's own).
	fn withdraw(
		owner: ProgramOwner,
		program: ProgramId,
		to: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		with_storage_layer(|| {
			let p = Self::owned_program(owner, program)?;
			frame_support::ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			frame_support::ensure!(
				Reports::<T>::get(program).free >= amount,
				Error::<T>::BudgetExhausted
			);
			Self::mutate_report(program, |r| {
				r.free = r.free.checked_sub(&amount)?;
				r.withdrawn = r.withdrawn.checked_add(&amount)?;
				Some(())
			})?;
			Self::pay_out(&p.account, to, amount)?;
			Self::deposit_event(Event::ServiceWithdrew { program, to: to.clone(), amount });
			Ok(())
		})
	}

	fn free_budget(program: ProgramId) -> BalanceOf<T> {
		Self::report(program).map(|r| r.free).unwrap_or_else(Zero::zero)
	}
}
