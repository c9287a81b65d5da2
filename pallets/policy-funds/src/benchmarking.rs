//! Benchmarks: each call on its most expensive path.

use super::*;
use alloc::vec;
use citizen_primitives::ClaimValue;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Mutate, EnsureOrigin, Get, Hooks, Time},
	weights::Weight,
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_runtime::traits::{Bounded, StaticLookup};

const DAY: Moment = 24 * 60 * 60 * 1000;

fn admin<T: Config>() -> T::RuntimeOrigin {
	T::AdminOrigin::try_successful_origin().expect("admin origin for benchmarks")
}

fn lookup<T: Config>(who: &T::AccountId) -> AccountIdLookupOf<T> {
	T::Lookup::unlookup(who.clone())
}

fn grant<T: Config>() -> BalanceOf<T> {
	1_000u32.into()
}

/// A rich account.
fn funded<T: Config>(name: &'static str) -> T::AccountId {
	let who: T::AccountId = account(name, 0, 0);
	T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 4u32.into());
	who
}

/// A merchant of category 1.
fn merchant<T: Config>() -> T::AccountId {
	let merchant: T::AccountId = account("merchant", 0, 0);
	if !Categories::<T>::contains_key(1) {
		Categories::<T>::insert(1, CategoryNameOf::<T>::default());
	}
	Pallet::<T>::do_register_merchant(merchant.clone(), 1, 1).expect("new merchant");
	merchant
}

/// Worst-case terms: every bound filled, manual or automatic, per household.
fn terms<T: Config>(approval: ApprovalMode) -> ProgramTermsOf<T> {
	let now = T::Time::now();
	let categories: vec::Vec<MerchantCategory> = (1..=T::MaxCategoriesPerProgram::get()).collect();
	for category in &categories {
		Categories::<T>::insert(category, CategoryNameOf::<T>::default());
	}
	ProgramTerms {
		name: BoundedVec::truncate_from(vec![b'x'; T::MaxNameLength::get() as usize]),
		amount_per_grant: grant::<T>(),
		required_claims: BoundedVec::truncate_from(vec![
			ClaimKind::Resident,
			ClaimKind::MultiChildHousehold,
		]),
		min_residence: 0,
		apply_from: 0,
		apply_until: now.saturating_add(10 * DAY),
		spend_until: now.saturating_add(20 * DAY),
		approval,
		scope: GrantScope::PerHousehold,
		allowed_categories: BoundedVec::truncate_from(categories),
		excluded_categories: BoundedVec::new(),
	}
}

fn officers<T: Config>() -> (T::AccountId, BoundedVec<T::AccountId, T::MaxOfficers>) {
	let officer: T::AccountId = account("officer", 0, 0);
	let all = (0..T::MaxOfficers::get()).map(|i| account("officer", i, 0)).collect();
	(officer, BoundedVec::truncate_from(all))
}

/// A funded program with room for many grants; its officer.
fn program<T: Config>(approval: ApprovalMode) -> (ProgramId, T::AccountId) {
	let (officer, officers) = officers::<T>();
	let program =
		Pallet::<T>::do_create_program(terms::<T>(approval), officers).expect("valid terms");
	let funder = funded::<T>("funder");
	Pallet::<T>::do_fund(funder, program, grant::<T>() * 100u32.into()).expect("funded");
	(program, officer)
}

/// A citizen holding the claims the benchmark programs require.
fn citizen<T: Config>(n: u32) -> (CitizenId, T::AccountId) {
	let who: T::AccountId = account("citizen", n, 0);
	let until = T::Time::now().saturating_add(365 * DAY);
	let household =
		<sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash(&n.to_le_bytes());
	let id = T::Citizens::benchmark_citizen(
		&who,
		&[
			ClaimValue::Resident { zone: 1, since: 0 },
			ClaimValue::MultiChildHousehold { household, children: 3 },
		],
		until,
	)
	.expect("citizen");
	(id, who)
}

/// A citizen with a voucher in an automatic program.
fn voucher_holder<T: Config>() -> (ProgramId, T::AccountId, CitizenId, T::AccountId) {
	let (program, officer) = program::<T>(ApprovalMode::Automatic);
	let (id, who) = citizen::<T>(0);
	Pallet::<T>::do_apply(who.clone(), program).expect("eligible");
	(program, officer, id, who)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn add_category() {
		let name = BoundedVec::truncate_from(vec![b'x'; T::MaxNameLength::get() as usize]);
		#[extrinsic_call]
		_(admin::<T>() as T::RuntimeOrigin, 7, name);
		assert!(Categories::<T>::contains_key(7));
	}

	#[benchmark]
	fn remove_category() {
		Categories::<T>::insert(7, CategoryNameOf::<T>::default());
		#[extrinsic_call]
		_(admin::<T>() as T::RuntimeOrigin, 7);
		assert!(!Categories::<T>::contains_key(7));
	}

	#[benchmark]
	fn register_merchant() {
		Categories::<T>::insert(1, CategoryNameOf::<T>::default());
		let merchant: T::AccountId = account("merchant", 0, 0);
		#[extrinsic_call]
		_(admin::<T>() as T::RuntimeOrigin, lookup::<T>(&merchant), 1, 1);
		assert!(Merchants::<T>::contains_key(&merchant));
	}

	#[benchmark]
	fn set_merchant_active() {
		let merchant = merchant::<T>();
		#[extrinsic_call]
		_(admin::<T>() as T::RuntimeOrigin, lookup::<T>(&merchant), false);
		assert_eq!(Merchants::<T>::get(&merchant).map(|m| m.active), Some(false));
	}

	#[benchmark]
	fn remove_merchant() {
		let merchant = merchant::<T>();
		#[extrinsic_call]
		_(admin::<T>() as T::RuntimeOrigin, lookup::<T>(&merchant));
		assert!(!Merchants::<T>::contains_key(&merchant));
	}

	#[benchmark]
	fn create_program() {
		// Worst case: the expiry queue is nearly full.
		for _ in 1..T::MaxLivePrograms::get() {
			let (_, officers) = officers::<T>();
			Pallet::<T>::do_create_program(terms::<T>(ApprovalMode::Manual), officers)
				.expect("room");
		}
		let (_, officers) = officers::<T>();
		let terms = terms::<T>(ApprovalMode::Manual);
		#[extrinsic_call]
		_(admin::<T>() as T::RuntimeOrigin, terms, officers);
		assert_eq!(ExpiryQueue::<T>::get().len() as u32, T::MaxLivePrograms::get());
	}

	#[benchmark]
	fn set_officers() {
		let (program, _) = program::<T>(ApprovalMode::Manual);
		let (_, officers) = officers::<T>();
		#[extrinsic_call]
		_(admin::<T>() as T::RuntimeOrigin, program, officers);
	}

	#[benchmark]
	fn close_program() {
		let (program, _) = program::<T>(ApprovalMode::Manual);
		let to: T::AccountId = account("treasury", 0, 0);
		#[extrinsic_call]
		_(admin::<T>() as T::RuntimeOrigin, program, lookup::<T>(&to));
		assert_eq!(Programs::<T>::get(program).map(|p| p.status), Some(ProgramStatus::Closed));
	}

	#[benchmark]
	fn fund() {
		let (program, _) = program::<T>(ApprovalMode::Manual);
		let funder = funded::<T>("funder");
		#[extrinsic_call]
		_(RawOrigin::Signed(funder), program, grant::<T>());
	}

	#[benchmark]
	fn expire_program() {
		let (program, _, _, _) = voucher_holder::<T>();
		let spend_until =
			Programs::<T>::get(program).map(|p| p.terms.spend_until).unwrap_or_default();
		<T::BenchmarkClock as citizen_primitives::BenchmarkClock>::set_now(spend_until);
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), program);
		assert_eq!(Programs::<T>::get(program).map(|p| p.expired), Some(true));
	}

	#[benchmark]
	fn apply() {
		let (program, _) = program::<T>(ApprovalMode::Automatic);
		let (id, who) = citizen::<T>(0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who), program);
		assert!(Vouchers::<T>::contains_key(program, id));
	}

	#[benchmark]
	fn spend() {
		let (program, _, id, who) = voucher_holder::<T>();
		let merchant = merchant::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(who), program, lookup::<T>(&merchant), grant::<T>());
		assert_eq!(Vouchers::<T>::get(program, id).map(|v| v.balance), Some(0u32.into()));
	}

	#[benchmark]
	fn approve() {
		let (program, officer) = program::<T>(ApprovalMode::Manual);
		let (id, who) = citizen::<T>(0);
		Pallet::<T>::do_apply(who, program).expect("eligible");
		#[extrinsic_call]
		_(RawOrigin::Signed(officer), program, id);
		assert!(Vouchers::<T>::contains_key(program, id));
	}

	#[benchmark]
	fn reject() {
		let (program, officer) = program::<T>(ApprovalMode::Manual);
		let (id, who) = citizen::<T>(0);
		Pallet::<T>::do_apply(who, program).expect("eligible");
		#[extrinsic_call]
		_(RawOrigin::Signed(officer), program, id, 1);
	}

	#[benchmark]
	fn pause_merchant() {
		let (program, officer) = program::<T>(ApprovalMode::Manual);
		let merchant = merchant::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(officer), program, lookup::<T>(&merchant));
		assert!(PausedMerchants::<T>::contains_key(program, &merchant));
	}

	#[benchmark]
	fn unpause_merchant() {
		let (program, officer) = program::<T>(ApprovalMode::Manual);
		let merchant = merchant::<T>();
		PausedMerchants::<T>::insert(program, &merchant, ());
		#[extrinsic_call]
		_(RawOrigin::Signed(officer), program, lookup::<T>(&merchant));
		assert!(!PausedMerchants::<T>::contains_key(program, &merchant));
	}

	#[benchmark]
	fn freeze_voucher() {
		let (program, officer, id, _) = voucher_holder::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(officer), program, id);
	}

	#[benchmark]
	fn unfreeze_voucher() {
		let (program, officer, id, _) = voucher_holder::<T>();
		Pallet::<T>::do_set_frozen(program, id, officer.clone(), true).expect("voucher");
		#[extrinsic_call]
		_(RawOrigin::Signed(officer), program, id);
	}

	#[benchmark]
	fn recover_voucher() {
		let (program, officer, id, _) = voucher_holder::<T>();
		Pallet::<T>::do_set_frozen(program, id, officer.clone(), true).expect("voucher");
		#[extrinsic_call]
		_(RawOrigin::Signed(officer), program, id);
		assert!(!Vouchers::<T>::contains_key(program, id));
	}

	/// Not a call: checks the sweep's weight accounting stays within what it is given.
	#[benchmark(extra)]
	fn on_idle_sweep() {
		let (program, _) = program::<T>(ApprovalMode::Manual);
		let spend_until =
			Programs::<T>::get(program).map(|p| p.terms.spend_until).unwrap_or_default();
		<T::BenchmarkClock as citizen_primitives::BenchmarkClock>::set_now(spend_until);
		#[block]
		{
			Pallet::<T>::on_idle(1u32.into(), Weight::MAX);
		}
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
