//! Benchmarks: each call on its most expensive path.

use super::*;
use alloc::vec;
use citizen_primitives::{ClaimValue, DAY};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible, fungible::Mutate, EnsureOrigin, Get, Hooks, Time},
	BoundedBTreeSet, BoundedVec,
};
use frame_system::RawOrigin;
use sp_runtime::traits::{Bounded, Saturating, StaticLookup, Zero};

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

fn balance<T: Config>(who: &T::AccountId) -> BalanceOf<T> {
	<T::Currency as fungible::Inspect<T::AccountId>>::balance(who)
}

/// The longest name, in both languages.
fn longest_name<T: Config>() -> NameOf<T> {
	let bytes = vec![b'x'; T::MaxNameLength::get() as usize];
	LocalizedName::truncate_from(bytes.clone(), bytes)
}

/// Category `category`, with the longest name.
fn category<T: Config>(category: MerchantCategory) {
	Categories::<T>::insert(category, longest_name::<T>());
}

/// A merchant of category 1 whose account does not exist yet (the payment creates it).
fn merchant<T: Config>() -> T::AccountId {
	let merchant: T::AccountId = account("merchant", 0, 0);
	if !Categories::<T>::contains_key(1) {
		category::<T>(1);
	}
	Pallet::<T>::do_register_merchant(merchant.clone(), 1, 1).expect("new merchant");
	merchant
}

/// The first `S` of `items`, as a set.
fn first<V: Ord, S: Get<u32>>(items: impl IntoIterator<Item = V>) -> BoundedBTreeSet<V, S> {
	let set: alloc::collections::BTreeSet<V> = items.into_iter().take(S::get() as usize).collect();
	BoundedBTreeSet::try_from(set).unwrap_or_default()
}

/// The claims a program may require, at most `MaxRequiredClaims`; `MultiChildHousehold` taken
/// first so a per-household program stays valid under a smaller bound.
fn required_claims<T: Config>() -> BoundedBTreeSet<ClaimKind, T::MaxRequiredClaims> {
	first([ClaimKind::MultiChildHousehold, ClaimKind::Resident, ClaimKind::YouthAgeBand])
}

/// Worst-case terms: every bound filled (`MaxRequiredClaims` claims, residence among them,
/// whose length is always checked), manual or automatic, per household.
fn terms<T: Config>(approval: ApprovalMode) -> ProgramTermsOf<T> {
	let now = T::Time::now();
	let categories = 1..=T::MaxCategoriesPerProgram::get();
	for id in categories.clone() {
		category::<T>(id);
	}
	ProgramTerms {
		name: longest_name::<T>(),
		amount_per_grant: grant::<T>(),
		required_claims: required_claims::<T>(),
		min_residence: 0,
		apply_from: 0,
		apply_until: now.saturating_add(10 * DAY),
		spend_until: now.saturating_add(20 * DAY),
		approval,
		scope: GrantScope::PerHousehold,
		allowed_categories: first(categories),
		excluded_categories: BoundedBTreeSet::new(),
	}
}

fn officers<T: Config>() -> (T::AccountId, BoundedVec<T::AccountId, T::MaxOfficers>) {
	let officer: T::AccountId = account("officer", 0, 0);
	let all = (0..T::MaxOfficers::get()).map(|i| account("officer", i, 0)).collect();
	(officer, BoundedVec::truncate_from(all))
}

/// Fill the expiry queue up to one free slot with programs ending when the next one will (so
/// the next program created sits last in the queue).
fn fill_queue<T: Config>() {
	let (_, officers) = officers::<T>();
	for _ in 1..T::MaxLivePrograms::get() {
		Pallet::<T>::do_create_program(
			ProgramOwner::City,
			terms::<T>(ApprovalMode::Manual),
			officers.clone(),
		)
		.expect("room");
	}
}

/// A program funded with `budget`, never funded before; its officer.
fn program_with<T: Config>(
	approval: ApprovalMode,
	budget: BalanceOf<T>,
) -> (ProgramId, T::AccountId) {
	let (officer, officers) = officers::<T>();
	let program =
		Pallet::<T>::do_create_program(ProgramOwner::City, terms::<T>(approval), officers)
			.expect("valid terms");
	if !budget.is_zero() {
		let funder = funded::<T>("funder");
		Pallet::<T>::do_fund(funder, program, budget).expect("funded");
	}
	(program, officer)
}

/// A funded program with room for many grants; its officer.
fn program<T: Config>(approval: ApprovalMode) -> (ProgramId, T::AccountId) {
	program_with::<T>(approval, grant::<T>() * 100u32.into())
}

/// A citizen holding every claim the benchmark programs require.
///
/// Each claim comes from a different issuer (`BenchmarkCitizens::benchmark_citizen` attests
/// them so), so checking them reads one issuer record per claim: the worst case of `apply`.
/// The account is signed in as the citizen: `CitizenOrigin` accepts an active citizen's
/// signed account (`EnsureCitizen`).
fn citizen<T: Config>(n: u32) -> (CitizenId, T::AccountId) {
	let who: T::AccountId = account("citizen", n, 0);
	let until = T::Time::now().saturating_add(365 * DAY);
	let household =
		<sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash(&n.to_le_bytes());
	let id = <T::Citizens as BenchmarkCitizens<T::AccountId>>::benchmark_citizen(
		&who,
		&[
			ClaimValue::Resident { zone: 1, since: 0 },
			ClaimValue::YouthAgeBand,
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
	Pallet::<T>::do_apply(id, program).expect("eligible");
	(program, officer, id, who)
}

/// `program`'s ledger as after earlier payments in `categories` (1 each, as credited and
/// spent), so a call that reads and writes it decodes and encodes the longest record. The free
/// budget and the outstanding value stay as they were.
fn paid_in<T: Config>(program: ProgramId, categories: impl IntoIterator<Item = MerchantCategory>) {
	Ledgers::<T>::mutate(program, |l| {
		for category in categories {
			let one: BalanceOf<T> = 1u32.into();
			l.funded = l.funded.saturating_add(one);
			l.allocated = l.allocated.saturating_add(one);
			l.spent = l.spent.saturating_add(one);
			l.by_category.try_push((category, one)).expect("within MaxCategoriesPerProgram");
		}
		l.by_category.sort_by_key(|(category, _)| *category);
	});
}

/// Move the clock to `program`'s `spend_until`.
fn end_of<T: Config>(program: ProgramId) {
	let spend_until = Programs::<T>::get(program).map(|p| p.terms.spend_until).unwrap_or_default();
	<T::BenchmarkClock as citizen_primitives::BenchmarkClock>::set_now(spend_until);
}

fn queued<T: Config>(program: ProgramId) -> bool {
	ExpiryQueue::<T>::get().iter().any(|(_, id)| *id == program)
}

fn is_last_in_queue<T: Config>(program: ProgramId) -> bool {
	let queue = ExpiryQueue::<T>::get();
	queue.len() as u32 == T::MaxLivePrograms::get()
		&& queue.last().map(|(_, id)| *id) == Some(program)
}

/// `program` is closed and finished, off the expiry queue, and its whole budget went to `to`,
/// leaving its account empty.
fn assert_wound_up<T: Config>(program: ProgramId, to: &T::AccountId, budget: BalanceOf<T>) {
	let p = Programs::<T>::get(program).expect("program");
	assert_eq!((p.status, p.expired), (ProgramStatus::Closed, true));
	assert!(!queued::<T>(program));
	assert_eq!(balance::<T>(to), budget);
	assert!(balance::<T>(&Pallet::<T>::program_account(program)).is_zero());
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn add_category() {
		let name = longest_name::<T>();
		#[extrinsic_call]
		_(admin::<T>() as T::RuntimeOrigin, 7, name);
		assert!(Categories::<T>::contains_key(7));
	}

	#[benchmark]
	fn remove_category() {
		category::<T>(7);
		#[extrinsic_call]
		_(admin::<T>() as T::RuntimeOrigin, 7);
		assert!(!Categories::<T>::contains_key(7));
	}

	#[benchmark]
	fn register_merchant() {
		category::<T>(1);
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
		fill_queue::<T>();
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
		let replacement: BoundedVec<T::AccountId, T::MaxOfficers> =
			BoundedVec::truncate_from(officers.iter().rev().cloned().collect::<vec::Vec<_>>());
		#[extrinsic_call]
		_(admin::<T>() as T::RuntimeOrigin, program, replacement.clone());
		assert_eq!(Programs::<T>::get(program).map(|p| p.officers), Some(replacement));
	}

	/// Worst case: the spending window has passed, so closing expires the program first (the
	/// expiry queue full, the program last in it), pays the whole budget out to a new account
	/// and empties the program account.
	#[benchmark]
	fn close_program() {
		fill_queue::<T>();
		let (program, _, _, _) = voucher_holder::<T>();
		assert!(is_last_in_queue::<T>(program));
		end_of::<T>(program);
		let to: T::AccountId = account("treasury", 0, 0);
		let account = Pallet::<T>::program_account(program);
		let budget = balance::<T>(&account);
		#[extrinsic_call]
		_(admin::<T>() as T::RuntimeOrigin, program, lookup::<T>(&to));
		assert_wound_up::<T>(program, &to, budget);
	}

	/// Worst case: vouchers outstanding, the expiry queue full with the program last, the whole
	/// budget paid out to a new account, emptying the program account.
	#[benchmark]
	fn end_program() {
		fill_queue::<T>();
		let (program, _, id, _) = voucher_holder::<T>();
		assert!(is_last_in_queue::<T>(program));
		let to: T::AccountId = account("treasury", 0, 0);
		let account = Pallet::<T>::program_account(program);
		let budget = balance::<T>(&account);
		#[extrinsic_call]
		_(admin::<T>() as T::RuntimeOrigin, program, lookup::<T>(&to));
		assert_wound_up::<T>(program, &to, budget);
		assert!(Pallet::<T>::spendable(program, id).is_zero());
	}

	/// Worst case: the program has never been funded, so this funding creates its account.
	#[benchmark]
	fn fund() {
		let (program, _) = program_with::<T>(ApprovalMode::Manual, Zero::zero());
		let account = Pallet::<T>::program_account(program);
		assert!(balance::<T>(&account).is_zero());
		let funder = funded::<T>("funder");
		let amount = grant::<T>() * 100u32.into();
		#[extrinsic_call]
		_(RawOrigin::Signed(funder), program, amount);
		assert_eq!(balance::<T>(&account), amount);
		assert_eq!(Ledgers::<T>::get(program).free(), Some(amount));
	}

	/// Worst case: vouchers outstanding, the expiry queue full with the program last. This is
	/// also what `on_idle` charges per program.
	#[benchmark]
	fn expire_program() {
		fill_queue::<T>();
		let (program, _, _, _) = voucher_holder::<T>();
		assert!(is_last_in_queue::<T>(program));
		end_of::<T>(program);
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), program);
		assert_eq!(Programs::<T>::get(program).map(|p| p.expired), Some(true));
		assert!(!queued::<T>(program));
		assert_eq!(Ledgers::<T>::get(program).returned, grant::<T>());
	}

	/// Worst case: automatic per-household program requiring `MaxRequiredClaims` claims, each
	/// from its own issuer (see `citizen`); the voucher is credited in the same call; the
	/// program's ledger is the longest (paid in `MaxCategoriesPerProgram` categories).
	#[benchmark]
	fn apply() {
		let (program, _) = program::<T>(ApprovalMode::Automatic);
		paid_in::<T>(program, 1..=T::MaxCategoriesPerProgram::get());
		let most = T::MaxRequiredClaims::get().min(ClaimKind::ALL.len() as u32);
		assert_eq!(
			Programs::<T>::get(program).map(|p| p.terms.required_claims.len() as u32),
			Some(most)
		);
		let (id, who) = citizen::<T>(0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who), program);
		assert_eq!(Pallet::<T>::voucher(program, id).map(|v| v.balance), Some(grant::<T>()));
		assert!(Pallet::<T>::application(program, id).and_then(|a| a.household).is_some());
		assert_eq!(Ledgers::<T>::get(program).citizens_served, 1);
	}

	/// Worst case: the merchant's account does not exist yet (the payment creates it, as
	/// `pallet_assets::transfer_keep_alive`'s benchmark creates its destination); the spend
	/// takes all that is left in the program account, which is emptied (unlike the anchor's
	/// kept-alive source: one more account written); the program's ledger is the longest
	/// (paid in `MaxCategoriesPerProgram - 1` other categories) and the merchant's category is
	/// inserted first in it. (A program open to every category that is paid in more
	/// categories than its ledger holds counts the further ones in `SpendByCategory`: that
	/// read and write is added to the block's weight when it happens.)
	#[benchmark]
	fn spend() {
		let (program, _) = program_with::<T>(ApprovalMode::Automatic, grant::<T>());
		let (id, who) = citizen::<T>(0);
		Pallet::<T>::do_apply(id, program).expect("eligible");
		let merchant = merchant::<T>();
		paid_in::<T>(program, 2..=T::MaxCategoriesPerProgram::get());
		assert!(balance::<T>(&merchant).is_zero());
		#[extrinsic_call]
		_(RawOrigin::Signed(who), program, lookup::<T>(&merchant), grant::<T>());
		assert_eq!(Pallet::<T>::voucher(program, id).map(|v| v.balance), Some(0u32.into()));
		assert_eq!(balance::<T>(&merchant), grant::<T>());
		assert!(balance::<T>(&Pallet::<T>::program_account(program)).is_zero());
		let ledger = Ledgers::<T>::get(program);
		assert_eq!(ledger.spent_in(1), Some(grant::<T>()));
		assert!(ledger.by_category.is_full());
		assert_eq!(ledger.outstanding(), Some(0u32.into()));
	}

	/// Worst case: the applicant's standing and every required claim are checked again; the
	/// program's ledger is the longest.
	#[benchmark]
	fn approve() {
		let (program, officer) = program::<T>(ApprovalMode::Manual);
		let (id, _) = citizen::<T>(0);
		Pallet::<T>::do_apply(id, program).expect("eligible");
		paid_in::<T>(program, 1..=T::MaxCategoriesPerProgram::get());
		#[extrinsic_call]
		_(RawOrigin::Signed(officer), program, id);
		assert_eq!(Pallet::<T>::voucher(program, id).map(|v| v.balance), Some(grant::<T>()));
		assert_eq!(
			Pallet::<T>::application(program, id).map(|a| a.status),
			Some(ApplicationStatus::Approved)
		);
	}

	#[benchmark]
	fn reject() {
		let (program, officer) = program::<T>(ApprovalMode::Manual);
		let (id, _) = citizen::<T>(0);
		Pallet::<T>::do_apply(id, program).expect("eligible");
		#[extrinsic_call]
		_(RawOrigin::Signed(officer), program, id, 1);
		assert_eq!(
			Pallet::<T>::application(program, id).map(|a| a.status),
			Some(ApplicationStatus::Rejected(1))
		);
		assert_eq!(HouseholdGrants::<T>::iter_prefix(program).count(), 0);
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
		assert_eq!(Pallet::<T>::voucher(program, id).map(|v| v.frozen), Some(true));
	}

	#[benchmark]
	fn unfreeze_voucher() {
		let (program, officer, id, _) = voucher_holder::<T>();
		Pallet::<T>::do_set_frozen(program, id, officer.clone(), true).expect("voucher");
		#[extrinsic_call]
		_(RawOrigin::Signed(officer), program, id);
		assert_eq!(Pallet::<T>::voucher(program, id).map(|v| v.frozen), Some(false));
	}

	/// Worst case: the spending window has passed, so recovering expires the program first,
	/// with the expiry queue full and the program last in it.
	#[benchmark]
	fn recover_voucher() {
		fill_queue::<T>();
		let (program, officer, id, _) = voucher_holder::<T>();
		assert!(is_last_in_queue::<T>(program));
		Pallet::<T>::do_set_frozen(program, id, officer.clone(), true).expect("voucher");
		end_of::<T>(program);
		#[extrinsic_call]
		_(RawOrigin::Signed(officer), program, id);
		assert!(Pallet::<T>::voucher(program, id).is_none());
		assert_eq!(Programs::<T>::get(program).map(|p| p.expired), Some(true));
		assert!(!queued::<T>(program));
	}

	/// Not a call: the sweep, with every live program due and a quarter of a block left, stays
	/// within that weight and expires as many programs as it fits, at most
	/// `MaxExpiriesPerBlock`.
	#[benchmark(extra)]
	fn on_idle_sweep() {
		fill_queue::<T>();
		let (last, _) = program::<T>(ApprovalMode::Manual);
		end_of::<T>(last);
		let live = ExpiryQueue::<T>::get().len() as u64;
		assert_eq!(live, u64::from(T::MaxLivePrograms::get()));
		let remaining = <T as frame_system::Config>::BlockWeights::get().max_block / 4;
		let per_program = T::WeightInfo::expire_program();
		let room = remaining.saturating_sub(T::DbWeight::get().reads(1));
		let fits = room.checked_div_per_component(&per_program).unwrap_or(u64::MAX);
		let expected = live.min(u64::from(T::MaxExpiriesPerBlock::get())).min(fits);
		assert!(expected > 0, "a quarter of a block fits at least one expiry");
		let used;
		#[block]
		{
			used = Pallet::<T>::on_idle(1u32.into(), remaining);
		}
		assert!(used.all_lte(remaining));
		assert_eq!(ExpiryQueue::<T>::get().len() as u64, live - expected);
		let expired = (0..NextProgramId::<T>::get())
			.filter(|id| Programs::<T>::get(id).is_some_and(|p| p.expired))
			.count() as u64;
		assert_eq!(expired, expected);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
