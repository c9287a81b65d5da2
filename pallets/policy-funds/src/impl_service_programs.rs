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
use codec::{Decode, Encode};
use frame_support::{
	storage::with_storage_layer,
	traits::{Get, Time},
	BoundedBTreeSet, BoundedVec, PalletId,
};
use sp_runtime::{
	traits::{AccountIdConversion, CheckedAdd, Saturating, Zero},
	DispatchError, DispatchResult,
};

/// Whether `who` is the account of a program of the pallet `pallet`: `pallet`'s sub-account
/// for some program id ([`Pallet::program_account`]), of a program that exists or not yet.
/// Decoded, not looked up: the account's encoding is `b"modl" ++ pallet ++ program (u32 LE)`
/// followed by zeros. An account type too short to hold that (a test's `u64`) truncates the
/// derivation, and every program's account is then the same one: program 0's. The pallet's
/// own account (`into_account_truncating`) is program 0's account too.
pub(crate) fn is_program_account_of<AccountId: Encode + Decode + PartialEq>(
	pallet: PalletId,
	who: &AccountId,
) -> bool {
	// `try_from_sub_account` reads the first four bytes unchecked.
	let decoded = (who.encoded_size() >= 4)
		.then(|| PalletId::try_from_sub_account::<ProgramId>(who))
		.flatten();
	match decoded {
		Some((id, _program)) => id == pallet,
		None => *who == pallet.into_sub_account_truncating(ProgramId::default()),
	}
}

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
				Self::free_of(&Ledgers::<T>::get(program))? >= amount,
				Error::<T>::BudgetExhausted
			);
			// `withdrawn` grows: `free` shrinks by as much.
			Self::mutate_ledger(program, |l| {
				l.withdrawn = l.withdrawn.checked_add(&amount)?;
				Some(())
			})?;
			Self::pay_out(&p.account, to, amount)?;
			Self::deposit_event(Event::ServiceWithdrew { program, to: to.clone(), amount });
			Ok(())
		})
	}

	/// As of now (expiry applied if due); zero for an unknown program.
	fn free_budget(program: ProgramId) -> BalanceOf<T> {
		let Some(p) = Programs::<T>::get(program) else { return Zero::zero() };
		let ledger = Ledgers::<T>::get(program);
		let free = ledger.free().unwrap_or_else(Zero::zero);
		if p.is_due(T::Time::now()) {
			// What expiry will return is free already.
			free.saturating_add(ledger.outstanding().unwrap_or_else(Zero::zero))
		} else {
			free
		}
	}

	/// Derived, no storage read: see [`is_program_account_of`]. Every program id's account
	/// counts, so an account named before its program is created is refused too (it would
	/// become that program's account).
	fn is_program_account(who: &T::AccountId) -> bool {
		is_program_account_of(T::PalletId::get(), who)
	}
}
