//! [`VoucherLedger`] for the pallets that run their own benefit rules on top of policy-funds
//! programs (multi-child points, the youth culture pass).

use super::*;
use sp_runtime::{DispatchError, DispatchResult};

impl<T: Config> VoucherLedger<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn credit(program: ProgramId, citizen: CitizenId, amount: BalanceOf<T>) -> DispatchResult {
		Self::open_program(program)?;
		Self::credit_voucher(program, citizen, amount)
	}

	fn spend(
		program: ProgramId,
		citizen: CitizenId,
		merchant: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		Self::do_spend(program, citizen, merchant.clone(), amount)
	}

	fn expire(program: ProgramId, citizen: CitizenId) -> Result<BalanceOf<T>, DispatchError> {
		Self::return_voucher(program, citizen)
	}

	fn balance(program: ProgramId, citizen: CitizenId) -> BalanceOf<T> {
		Self::spendable(program, citizen)
	}
}
