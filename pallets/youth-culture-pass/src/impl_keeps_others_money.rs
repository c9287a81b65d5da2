//! [`KeepsOthersMoney`] for the youth culture pass: a live lottery round's keeping account
//! holds the entrants' co-payments, owed back to those not drawn or due to the round's
//! program.

use super::*;
use citizen_primitives::KeepsOthersMoney;
#[cfg(feature = "runtime-benchmarks")]
use frame_support::{traits::Get, BoundedVec};

impl<T: Config> KeepsOthersMoney<T::AccountId> for Pallet<T> {
	/// The keeping account of a live round ([`LiveRounds`], at most `MaxLiveRounds`): one read
	/// and a hash a live round. Not covered: a round not opened yet (its keeping account does
	/// not exist; `open_round` refuses a treasury that is the new round's keeping account), and
	/// a finished round whose refunds failed (they stay in its account, with the keeping
	/// deposit, until `retry_refund` pays them).
	fn keeps_others_money(who: &T::AccountId) -> bool {
		LiveRounds::<T>::get().iter().any(|round| Self::keeping_account(*round) == *who)
	}

	/// Every live-round slot taken (by ids no round has: only the comparison is measured).
	#[cfg(feature = "runtime-benchmarks")]
	fn set_up_worst_case() {
		let max = T::MaxLiveRounds::get();
		let ids = (0..max).map(|i| RoundId::MAX - i).collect::<alloc::vec::Vec<_>>();
		LiveRounds::<T>::put(BoundedVec::truncate_from(ids));
	}
}
