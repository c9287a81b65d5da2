//! [`KeepsOthersMoney`] for facility booking: a facility's account holds the fees citizens
//! paid for bookings and courses not yet held, owed back to them as refunds.

use super::*;
use citizen_primitives::KeepsOthersMoney;
use frame_support::{traits::Get, PalletId};
use sp_runtime::traits::AccountIdConversion;

impl<T: Config> KeepsOthersMoney<T::AccountId> for Pallet<T> {
	/// Any facility's account, of one that exists or not yet (they are derived from the
	/// facility id, see [`Pallet::facility_account`]): decoded, no storage read.
	fn keeps_others_money(who: &T::AccountId) -> bool {
		matches!(
			PalletId::try_from_sub_account::<([u8; 3], FacilityId)>(who),
			Some((id, (tag, _))) if id == T::PalletId::get() && tag == *b"fac"
		)
	}
}
