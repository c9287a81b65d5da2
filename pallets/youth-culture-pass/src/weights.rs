//! Weights for `pallet_youth_culture_pass`, placeholders in the shape of the benchmarking CLI 64.0.0's output.
//!
//! Not yet measured: the numbers are estimates from policy funds' nearest calls (a credit,
//! a hold, a transfer) and a BLS pairing check for `feed_beacon`. Regenerate with
//! `scripts/benchmark.sh youth-culture-pass` on the reference machine; do not edit by hand.

// Executed command:
// (none yet: placeholders)

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_youth_culture_pass`.
pub trait WeightInfo {
	fn open_round() -> Weight;
	fn cancel_round() -> Weight;
	fn set_treasury() -> Weight;
	fn designate_offer() -> Weight;
	fn withdraw_offer() -> Weight;
	fn buy() -> Weight;
	fn enter() -> Weight;
	fn give_up() -> Weight;
	fn claim_place() -> Weight;
	fn book() -> Weight;
	fn cancel_booking() -> Weight;
	fn feed_beacon() -> Weight;
	fn draw(n: u32) -> Weight;
	fn abandon() -> Weight;
	fn lapse_offer() -> Weight;
	fn settle_offer(n: u32) -> Weight;
	fn reclaim(n: u32) -> Weight;
	fn retry_refund() -> Weight;
}

/// Weights for `pallet_youth_culture_pass` measured on this chain's reference machine, with the runtime's
/// database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn open_round() -> Weight {
		Weight::from_parts(230_000_000, 6208)
			.saturating_add(T::DbWeight::get().reads(12_u64))
			.saturating_add(T::DbWeight::get().writes(11_u64))
	}
	fn cancel_round() -> Weight {
		Weight::from_parts(130_000_000, 6208)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(7_u64))
	}
	fn set_treasury() -> Weight {
		Weight::from_parts(6_400_000, 0)
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn designate_offer() -> Weight {
		Weight::from_parts(30_000_000, 3600)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn withdraw_offer() -> Weight {
		Weight::from_parts(25_000_000, 3600)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn buy() -> Weight {
		Weight::from_parts(160_000_000, 6208)
			.saturating_add(T::DbWeight::get().reads(17_u64))
			.saturating_add(T::DbWeight::get().writes(9_u64))
	}
	fn enter() -> Weight {
		Weight::from_parts(110_000_000, 6208)
			.saturating_add(T::DbWeight::get().reads(12_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	fn give_up() -> Weight {
		Weight::from_parts(150_000_000, 6208)
			.saturating_add(T::DbWeight::get().reads(12_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	fn claim_place() -> Weight {
		Weight::from_parts(170_000_000, 6208)
			.saturating_add(T::DbWeight::get().reads(19_u64))
			.saturating_add(T::DbWeight::get().writes(10_u64))
	}
	fn book() -> Weight {
		Weight::from_parts(120_000_000, 6208)
			.saturating_add(T::DbWeight::get().reads(12_u64))
			.saturating_add(T::DbWeight::get().writes(7_u64))
	}
	fn cancel_booking() -> Weight {
		Weight::from_parts(100_000_000, 6208)
			.saturating_add(T::DbWeight::get().reads(9_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	fn feed_beacon() -> Weight {
		Weight::from_parts(50_000_000_000, 4000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// The range of component `n` is `[0, 1000]`.
	fn draw(n: u32) -> Weight {
		Weight::from_parts(90_000_000, 6208)
			.saturating_add(Weight::from_parts(62_000_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(9_u64))
			.saturating_add(T::DbWeight::get().reads((5_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(5_u64))
			.saturating_add(T::DbWeight::get().writes((3_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2600).saturating_mul(n.into()))
	}
	fn abandon() -> Weight {
		Weight::from_parts(35_000_000, 4000)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn lapse_offer() -> Weight {
		Weight::from_parts(40_000_000, 4000)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// The range of component `n` is `[0, 1000]`.
	fn settle_offer(n: u32) -> Weight {
		Weight::from_parts(40_000_000, 4000)
			.saturating_add(Weight::from_parts(45_000_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().reads((5_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(2_u64))
			.saturating_add(T::DbWeight::get().writes((4_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2600).saturating_mul(n.into()))
	}
	/// The range of component `n` is `[0, 1000]`.
	fn reclaim(n: u32) -> Weight {
		Weight::from_parts(40_000_000, 4000)
			.saturating_add(Weight::from_parts(38_000_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().reads((4_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(2_u64))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2600).saturating_mul(n.into()))
	}
	fn retry_refund() -> Weight {
		Weight::from_parts(60_000_000, 6208)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
}

/// The same weights with ParityDB's database weights, for tests and mocks.
impl WeightInfo for () {
	fn open_round() -> Weight {
		Weight::from_parts(230_000_000, 6208)
			.saturating_add(ParityDbWeight::get().reads(12_u64))
			.saturating_add(ParityDbWeight::get().writes(11_u64))
	}
	fn cancel_round() -> Weight {
		Weight::from_parts(130_000_000, 6208)
			.saturating_add(ParityDbWeight::get().reads(8_u64))
			.saturating_add(ParityDbWeight::get().writes(7_u64))
	}
	fn set_treasury() -> Weight {
		Weight::from_parts(6_400_000, 0)
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn designate_offer() -> Weight {
		Weight::from_parts(30_000_000, 3600)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn withdraw_offer() -> Weight {
		Weight::from_parts(25_000_000, 3600)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn buy() -> Weight {
		Weight::from_parts(160_000_000, 6208)
			.saturating_add(ParityDbWeight::get().reads(17_u64))
			.saturating_add(ParityDbWeight::get().writes(9_u64))
	}
	fn enter() -> Weight {
		Weight::from_parts(110_000_000, 6208)
			.saturating_add(ParityDbWeight::get().reads(12_u64))
			.saturating_add(ParityDbWeight::get().writes(6_u64))
	}
	fn give_up() -> Weight {
		Weight::from_parts(150_000_000, 6208)
			.saturating_add(ParityDbWeight::get().reads(12_u64))
			.saturating_add(ParityDbWeight::get().writes(8_u64))
	}
	fn claim_place() -> Weight {
		Weight::from_parts(170_000_000, 6208)
			.saturating_add(ParityDbWeight::get().reads(19_u64))
			.saturating_add(ParityDbWeight::get().writes(10_u64))
	}
	fn book() -> Weight {
		Weight::from_parts(120_000_000, 6208)
			.saturating_add(ParityDbWeight::get().reads(12_u64))
			.saturating_add(ParityDbWeight::get().writes(7_u64))
	}
	fn cancel_booking() -> Weight {
		Weight::from_parts(100_000_000, 6208)
			.saturating_add(ParityDbWeight::get().reads(9_u64))
			.saturating_add(ParityDbWeight::get().writes(6_u64))
	}
	fn feed_beacon() -> Weight {
		Weight::from_parts(50_000_000_000, 4000)
			.saturating_add(ParityDbWeight::get().reads(6_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn draw(n: u32) -> Weight {
		Weight::from_parts(90_000_000, 6208)
			.saturating_add(Weight::from_parts(62_000_000, 0).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads(9_u64))
			.saturating_add(ParityDbWeight::get().reads((5_u64).saturating_mul(n.into())))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
			.saturating_add(ParityDbWeight::get().writes((3_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2600).saturating_mul(n.into()))
	}
	fn abandon() -> Weight {
		Weight::from_parts(35_000_000, 4000)
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn lapse_offer() -> Weight {
		Weight::from_parts(40_000_000, 4000)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn settle_offer(n: u32) -> Weight {
		Weight::from_parts(40_000_000, 4000)
			.saturating_add(Weight::from_parts(45_000_000, 0).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().reads((5_u64).saturating_mul(n.into())))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
			.saturating_add(ParityDbWeight::get().writes((4_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2600).saturating_mul(n.into()))
	}
	fn reclaim(n: u32) -> Weight {
		Weight::from_parts(40_000_000, 4000)
			.saturating_add(Weight::from_parts(38_000_000, 0).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().reads((4_u64).saturating_mul(n.into())))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
			.saturating_add(ParityDbWeight::get().writes((2_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2600).saturating_mul(n.into()))
	}
	fn retry_refund() -> Weight {
		Weight::from_parts(60_000_000, 6208)
			.saturating_add(ParityDbWeight::get().reads(8_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
	}
}
