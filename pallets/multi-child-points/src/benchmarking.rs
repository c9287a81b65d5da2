//! Benchmarks: each call on its most expensive path, each asserting its outcome.

use super::*;
use alloc::vec::Vec;
use citizen_primitives::{ClaimValue, DAY};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{EnsureOrigin, Get},
	BoundedBTreeSet, BoundedVec,
};
use frame_system::RawOrigin;
use sp_core::H256;
use sp_runtime::traits::StaticLookup;

/// The benchmarks' clock: 2026-05-22 00:00 UTC, when applications open.
const NOW: Moment = 1_779_408_000_000;
const YEAR: Year = 2026;

fn admin<T: Config>() -> T::RuntimeOrigin {
	T::AdminOrigin::try_successful_origin().expect("admin origin for benchmarks")
}

/// Move the clock to [`NOW`].
fn set_clock<T: Config>() {
	<T::BenchmarkClock as citizen_primitives::BenchmarkClock>::set_now(NOW);
}

/// `n` × 100,000 points.
fn points<T: Config>(n: u32) -> T::Balance {
	T::Balance::from(n.saturating_mul(100_000))
}

/// A treasury with money for many schemes, named as the city's.
fn treasury<T: Config>() -> T::AccountId {
	let treasury: T::AccountId = account("treasury", 0, 0);
	T::BenchmarkHelper::fund_account(&treasury, points::<T>(1_000_000));
	Treasury::<T>::put(&treasury);
	treasury
}

/// The longest name, in both languages.
fn longest_name<T: Config>() -> NameOf<T> {
	let bytes = alloc::vec![b'x'; T::MaxNameLength::get() as usize];
	LocalizedName::truncate_from(bytes.clone(), bytes)
}

/// Worst-case terms: the longest name, `MaxTiers` tiers (2, 3, 4 ... children), the most
/// allowed and the most excluded categories (made known to the ledger), a budget for many
/// grants; applications open now, for 200 days.
fn terms<T: Config>() -> SchemeTermsOf<T> {
	let most = T::MaxCategories::get();
	let allowed: Vec<MerchantCategory> = (1..=most).collect();
	let excluded: Vec<MerchantCategory> = (most + 1..=most.saturating_mul(2)).collect();
	T::BenchmarkHelper::create_categories(&[allowed.clone(), excluded.clone()].concat());
	let tiers: Vec<_> = (0..T::MaxTiers::get())
		.map(|i| Tier {
			min_children: u8::try_from(i.saturating_add(2)).unwrap_or(u8::MAX),
			amount: points::<T>(i.saturating_add(1)),
		})
		.collect();
	let set = |v: Vec<MerchantCategory>| {
		BoundedBTreeSet::try_from(v.into_iter().collect::<alloc::collections::BTreeSet<_>>())
			.unwrap_or_default()
	};
	SchemeTerms {
		name: longest_name::<T>(),
		tiers: BoundedVec::truncate_from(tiers),
		min_residence: 90 * DAY,
		apply_from: NOW,
		apply_until: NOW + 200 * DAY,
		spend_until: NOW + 223 * DAY,
		allowed_categories: set(allowed),
		excluded_categories: set(excluded),
		budget: points::<T>(T::MaxTiers::get().saturating_mul(100)),
	}
}

/// `YEAR`'s scheme, opened with the worst-case terms; its program.
fn scheme<T: Config>() -> ProgramId {
	set_clock::<T>();
	treasury::<T>();
	Pallet::<T>::do_open_scheme(YEAR, terms::<T>()).expect("valid terms");
	Schemes::<T>::get(YEAR).map(|s| s.program).expect("opened")
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Worst case: the most tiers and categories, the longest name; the ledger opens the
	/// program (checking every category) and funds it from the treasury.
	#[benchmark]
	fn open_scheme() {
		set_clock::<T>();
		treasury::<T>();
		let terms = terms::<T>();
		let budget = terms.budget;
		#[extrinsic_call]
		_(admin::<T>() as T::RuntimeOrigin, YEAR, terms);
		let scheme = Schemes::<T>::get(YEAR).expect("opened");
		assert_eq!(scheme.terms.tiers.len() as u32, T::MaxTiers::get());
		assert_eq!(T::Ledger::free_budget(scheme.program), budget);
		assert_eq!(Reports::<T>::get(YEAR).map(|r| r.funded), Some(budget));
	}

	#[benchmark]
	fn top_up() {
		let program = scheme::<T>();
		let before = T::Ledger::free_budget(program);
		let amount = points::<T>(1);
		#[extrinsic_call]
		_(admin::<T>() as T::RuntimeOrigin, YEAR, amount);
		assert_eq!(T::Ledger::free_budget(program), before + amount);
		assert_eq!(Reports::<T>::get(YEAR).map(|r| r.funded), Some(before + amount));
	}

	#[benchmark]
	fn close_applications() {
		scheme::<T>();
		#[extrinsic_call]
		_(admin::<T>() as T::RuntimeOrigin, YEAR);
		assert_eq!(Schemes::<T>::get(YEAR).map(|s| s.status), Some(SchemeStatus::Closed));
	}

	/// Worst case: what tells accounts that keep others' money reads the most it can.
	#[benchmark]
	fn set_treasury() {
		let treasury: T::AccountId = account("treasury", 1, 0);
		T::OthersMoney::set_up_worst_case();
		#[extrinsic_call]
		_(admin::<T>() as T::RuntimeOrigin, T::Lookup::unlookup(treasury.clone()));
		assert_eq!(Treasury::<T>::get(), Some(treasury));
	}

	/// Worst case: a guardian whose two claims come from different issuers (as
	/// `BenchmarkCitizens` attests them), in the highest of `MaxTiers` tiers (every tier is
	/// visited); the voucher is the citizen's first in the program.
	#[benchmark]
	fn apply() {
		let program = scheme::<T>();
		let top =
			Schemes::<T>::get(YEAR).and_then(|s| s.terms.tiers.last().copied()).expect("a tier");
		let guardian: T::AccountId = account("guardian", 0, 0);
		let household = H256::repeat_byte(7);
		let citizen = <T::Citizens as BenchmarkCitizens<T::AccountId>>::benchmark_citizen(
			&guardian,
			&[
				ClaimValue::Resident { zone: 1, since: NOW - 365 * DAY },
				ClaimValue::MultiChildHousehold { household, children: top.min_children },
			],
			NOW + 365 * DAY,
		)
		.expect("a citizen");
		#[extrinsic_call]
		_(RawOrigin::Signed(guardian), YEAR);
		let grant = Grants::<T>::get(YEAR, household).expect("granted");
		assert_eq!(grant.citizen, citizen);
		assert_eq!(u32::from(grant.tier) + 1, T::MaxTiers::get());
		assert_eq!(grant.amount, top.amount);
		assert_eq!(T::Ledger::balance(program, citizen), top.amount);
		assert!(T::Ledger::has_voucher(program, citizen));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
