//! [`VoucherLedger`] for the service pallets that run their own benefit rules on policy-funds
//! programs (multi-child points, the youth culture pass, facility booking).
//!
//! Every operation is all or nothing (its own storage layer), so a service pallet may call it
//! outside a dispatchable too. Only the program's owner credits, holds, releases, settles and
//! takes back (`NotProgramOwner` otherwise); spending is the citizen's own act under the
//! program's merchant rules, exactly as the `spend` call.

use super::*;
use crate::functions::VoucherAfterReturn;
use frame_support::storage::with_storage_layer;
use sp_runtime::{DispatchError, DispatchResult};

impl<T: Config> VoucherLedger<T::AccountId, BalanceOf<T>> for Pallet<T> {
	/// Errors: `UnknownProgram`, `NotProgramOwner`, `ProgramClosed`, `ProgramExpired`,
	/// `ZeroAmount`, `BudgetExhausted`.
	fn credit(
		owner: ProgramOwner,
		program: ProgramId,
		citizen: CitizenId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		with_storage_layer(|| {
			let p = Self::owned_program(owner, program)?;
			Self::ensure_open(&p)?;
			Self::credit_voucher(program, citizen, amount)
		})
	}

	/// As the `spend` call, for the citizen `citizen`.
	fn spend(
		program: ProgramId,
		citizen: CitizenId,
		merchant: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		with_storage_layer(|| Self::do_spend(program, citizen, None, merchant.clone(), amount))
	}

	/// Errors: `UnknownProgram`, `NotProgramOwner`, `ZeroAmount`, then the merchant rules of
	/// a spend (`ProgramExpired`, `UnknownMerchant`, `MerchantSuspended`, `SelfPayment`,
	/// `MerchantPaused`, `CategoryNotAllowed`) and the voucher's (`NoVoucher`,
	/// `VoucherFrozen`, `InsufficientVoucher`).
	fn hold(
		owner: ProgramOwner,
		program: ProgramId,
		citizen: CitizenId,
		merchant: &T::AccountId,
		amount: BalanceOf<T>,
	) -> Result<HoldId, DispatchError> {
		with_storage_layer(|| Self::do_hold(owner, program, citizen, merchant.clone(), amount))
	}

	/// Errors: `UnknownProgram`, `NotProgramOwner`, `UnknownHold`.
	fn release(owner: ProgramOwner, program: ProgramId, hold: HoldId) -> DispatchResult {
		with_storage_layer(|| Self::do_release(owner, program, hold))
	}

	/// Errors: `UnknownProgram`, `NotProgramOwner`, `UnknownHold`, `UnknownMerchant`,
	/// `MerchantSuspended`, `ProgramAccountBelowMinimum`, `RecipientBelowMinimum`.
	fn settle(owner: ProgramOwner, program: ProgramId, hold: HoldId) -> DispatchResult {
		with_storage_layer(|| Self::do_settle(owner, program, hold))
	}

	/// The voucher is kept at zero, so a later credit does not count the citizen as served
	/// again. Errors: `UnknownProgram`, `NotProgramOwner`, `NoVoucher`.
	fn expire(
		owner: ProgramOwner,
		program: ProgramId,
		citizen: CitizenId,
	) -> Result<BalanceOf<T>, DispatchError> {
		with_storage_layer(|| {
			Self::owned_program(owner, program)?;
			// What the voucher had left, whether it moves now or the program's expiry moved
			// it already: the service reports what it took back.
			Self::return_voucher(program, citizen, VoucherAfterReturn::KeptEmpty)
				.map(|(_, left)| left)
		})
	}

	fn balance(program: ProgramId, citizen: CitizenId) -> BalanceOf<T> {
		Self::spendable(program, citizen)
	}

	fn has_voucher(program: ProgramId, citizen: CitizenId) -> bool {
		Participants::<T>::get(citizen, program).is_some_and(|p| p.voucher.is_some())
	}

	fn held(program: ProgramId, hold: HoldId) -> Option<(CitizenId, T::AccountId, BalanceOf<T>)> {
		Holds::<T>::get(program, hold).map(|h| (h.citizen, h.merchant, h.amount))
	}
}
