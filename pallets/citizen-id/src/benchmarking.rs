//! Benchmarks: each call on its most expensive path.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::{EnsureOrigin, Get, Time};
use frame_system::RawOrigin;
use sp_core::H256;
use sp_runtime::traits::StaticLookup;

use citizen_primitives::DAY;

fn lookup<T: Config>(who: &T::AccountId) -> AccountIdLookupOf<T> {
	T::Lookup::unlookup(who.clone())
}

fn assert_last_event<T: Config>(event: Event<T>) {
	frame_system::Pallet::<T>::assert_last_event(<T as frame_system::Config>::RuntimeEvent::from(
		event,
	));
}

/// An issuer allowed every kind.
fn issuer<T: Config>(n: u32) -> T::AccountId {
	let issuer: T::AccountId = account("issuer", n, 0);
	Pallet::<T>::do_register_issuer(issuer.clone(), claim_kinds(ClaimKind::ALL))
		.expect("new issuer");
	issuer
}

/// The state of `id`'s Resident claim, if it has one.
fn resident_claim_state<T: Config>(id: CitizenId) -> Option<ClaimState> {
	Citizens::<T>::get(id).and_then(|r| r.resident).map(|c| c.state)
}

fn commitment(n: u32) -> Commitment {
	<sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash(&n.to_le_bytes())
}

/// A citizen with a resident claim valid for a year, attested by `issuer`.
fn citizen<T: Config>(issuer: &T::AccountId, n: u32) -> (CitizenId, T::AccountId) {
	let account: T::AccountId = account("citizen", n, 0);
	let id = Pallet::<T>::do_register_citizen(issuer.clone(), account.clone(), commitment(n), 1)
		.expect("new citizen");
	let now = T::Time::now();
	Pallet::<T>::do_issue_claim(
		issuer.clone(),
		id,
		ClaimValue::Resident { zone: 1, since: 0 },
		0,
		now.saturating_add(365 * DAY),
	)
	.expect("valid claim");
	(id, account)
}

fn admin<T: Config>() -> T::RuntimeOrigin {
	T::AdminOrigin::try_successful_origin().expect("admin origin for benchmarks")
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_issuer() {
		let issuer: T::AccountId = account("new-issuer", 0, 0);
		#[extrinsic_call]
		_(admin::<T>() as T::RuntimeOrigin, lookup::<T>(&issuer), claim_kinds(ClaimKind::ALL));
		assert!(Issuers::<T>::contains_key(&issuer));
	}

	#[benchmark]
	fn update_issuer() {
		let issuer = issuer::<T>(0);
		#[extrinsic_call]
		_(
			admin::<T>() as T::RuntimeOrigin,
			lookup::<T>(&issuer),
			claim_kinds([ClaimKind::Resident]),
		);
		assert_eq!(Issuers::<T>::get(&issuer).map(|i| i.kinds.len()), Some(1));
	}

	#[benchmark]
	fn remove_issuer() {
		let issuer = issuer::<T>(0);
		#[extrinsic_call]
		_(admin::<T>() as T::RuntimeOrigin, lookup::<T>(&issuer));
		assert_last_event::<T>(Event::IssuerRemoved { issuer });
	}

	#[benchmark]
	fn set_recovery_delay() {
		#[extrinsic_call]
		_(admin::<T>() as T::RuntimeOrigin, DAY);
		assert_eq!(RecoveryDelay::<T>::get(), DAY);
	}

	#[benchmark]
	fn register_citizen() {
		let issuer = issuer::<T>(0);
		let account: T::AccountId = account("citizen", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), lookup::<T>(&account), commitment(0), 1);
		assert!(CitizenOf::<T>::contains_key(&account));
	}

	#[benchmark]
	fn suspend_citizen() {
		let issuer = issuer::<T>(0);
		let (id, _) = citizen::<T>(&issuer, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), id);
		assert_eq!(Citizens::<T>::get(id).map(|r| r.status), Some(CitizenStatus::Suspended));
	}

	#[benchmark]
	fn resume_citizen() {
		let issuer = issuer::<T>(0);
		let (id, _) = citizen::<T>(&issuer, 0);
		Pallet::<T>::do_set_citizen_suspended(issuer.clone(), id, true).expect("active");
		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), id);
		assert_eq!(Citizens::<T>::get(id).map(|r| r.status), Some(CitizenStatus::Active));
	}

	#[benchmark]
	fn issue_claim() {
		// Worst case: a resident claim that replaces another and moves the home zone.
		let issuer = issuer::<T>(0);
		let (id, _) = citizen::<T>(&issuer, 0);
		let until = T::Time::now().saturating_add(DAY);
		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), id, ClaimValue::Resident { zone: 2, since: 0 }, 0, until);
		assert_eq!(Citizens::<T>::get(id).map(|r| r.home_zone), Some(2));
	}

	#[benchmark]
	fn suspend_claim() {
		let issuer = issuer::<T>(0);
		let (id, _) = citizen::<T>(&issuer, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), id, ClaimKind::Resident);
		assert_eq!(resident_claim_state::<T>(id), Some(ClaimState::Suspended));
	}

	#[benchmark]
	fn resume_claim() {
		let issuer = issuer::<T>(0);
		let (id, _) = citizen::<T>(&issuer, 0);
		Pallet::<T>::do_change_claim_state(
			issuer.clone(),
			id,
			ClaimKind::Resident,
			ClaimState::Suspended,
		)
		.expect("active claim");
		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), id, ClaimKind::Resident);
		assert_eq!(resident_claim_state::<T>(id), Some(ClaimState::Active));
	}

	#[benchmark]
	fn revoke_claim() {
		let issuer = issuer::<T>(0);
		let (id, _) = citizen::<T>(&issuer, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), id, ClaimKind::Resident);
		assert_eq!(resident_claim_state::<T>(id), Some(ClaimState::Revoked));
	}

	#[benchmark]
	fn anchor_credential() {
		let issuer = issuer::<T>(0);
		let (id, _) = citizen::<T>(&issuer, 0);
		let digest = H256::repeat_byte(1);
		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), id, digest, Some(T::Time::now().saturating_add(DAY)));
		assert!(Credentials::<T>::contains_key(digest));
	}

	#[benchmark]
	fn revoke_credential() {
		let issuer = issuer::<T>(0);
		let (id, _) = citizen::<T>(&issuer, 0);
		let digest = H256::repeat_byte(1);
		Pallet::<T>::do_anchor_credential(issuer.clone(), id, digest, None).expect("new digest");
		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), digest);
		assert_eq!(Credentials::<T>::get(digest).map(|c| c.revoked), Some(true));
	}

	#[benchmark]
	fn request_rebind() {
		let issuer = issuer::<T>(0);
		let (id, _) = citizen::<T>(&issuer, 0);
		let new_account: T::AccountId = account("new-phone", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), id, lookup::<T>(&new_account));
		assert!(PendingRebinds::<T>::contains_key(id));
	}

	#[benchmark]
	fn cancel_rebind() {
		// Worst case: cancelled by its requester (the admin check fails first).
		let issuer = issuer::<T>(0);
		let (id, _) = citizen::<T>(&issuer, 0);
		let new_account: T::AccountId = account("new-phone", 0, 0);
		Pallet::<T>::do_request_rebind(issuer.clone(), id, new_account).expect("no rebind yet");
		#[extrinsic_call]
		_(RawOrigin::Signed(issuer.clone()), id);
		assert_last_event::<T>(Event::RebindCancelled { citizen: id, by: Some(issuer) });
	}

	#[benchmark]
	fn enact_rebind() {
		// Worst case: a suspended ID whose objection was overruled, and an old account that
		// cannot drop its provider reference (recorded as dangling).
		let issuer = issuer::<T>(0);
		let (id, holder) = citizen::<T>(&issuer, 0);
		let new_account: T::AccountId = account("new-phone", 0, 0);
		RecoveryDelay::<T>::put(0);
		Pallet::<T>::do_set_citizen_suspended(issuer.clone(), id, true).expect("active ID");
		Pallet::<T>::do_request_rebind(issuer.clone(), id, new_account.clone())
			.expect("no rebind yet");
		Pallet::<T>::do_object_to_rebind(holder.clone(), id).expect("pending rebind");
		Pallet::<T>::do_resolve_rebind(None, id, true).expect("objection raised");
		frame_system::Pallet::<T>::inc_consumers(&holder).expect("the ID provides");
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);
		assert_eq!(CitizenOf::<T>::get(&new_account), Some(id));
		assert!(DanglingProviders::<T>::contains_key(&holder));
	}

	#[benchmark]
	fn confirm_citizen() {
		let registrar = issuer::<T>(0);
		let (id, _) = citizen::<T>(&registrar, 0);
		Pallet::<T>::do_remove_issuer(registrar).expect("registered");
		let issuer = issuer::<T>(1);
		#[extrinsic_call]
		_(RawOrigin::Signed(issuer.clone()), id);
		assert_last_event::<T>(Event::CitizenReconfirmed { citizen: id, by: issuer });
	}

	#[benchmark]
	fn object_to_rebind() {
		let issuer = issuer::<T>(0);
		let (id, holder) = citizen::<T>(&issuer, 0);
		Pallet::<T>::do_set_citizen_suspended(issuer.clone(), id, true).expect("active ID");
		let new_account: T::AccountId = account("new-phone", 0, 0);
		Pallet::<T>::do_request_rebind(issuer, id, new_account).expect("no rebind yet");
		#[extrinsic_call]
		_(RawOrigin::Signed(holder.clone()), id);
		assert_last_event::<T>(Event::RebindObjected { citizen: id, by: holder });
	}

	#[benchmark]
	fn resolve_rebind() {
		// Worst case: decided by an issuer (the admin check fails first), overruling.
		let requester = issuer::<T>(0);
		let (id, holder) = citizen::<T>(&requester, 0);
		let new_account: T::AccountId = account("new-phone", 0, 0);
		Pallet::<T>::do_request_rebind(requester, id, new_account).expect("no rebind yet");
		Pallet::<T>::do_object_to_rebind(holder, id).expect("pending rebind");
		let decider = issuer::<T>(1);
		#[extrinsic_call]
		_(RawOrigin::Signed(decider.clone()), id, true);
		assert_last_event::<T>(Event::RebindObjectionOverruled { citizen: id, by: Some(decider) });
	}

	#[benchmark]
	fn release_provider() {
		let issuer = issuer::<T>(0);
		let (id, holder) = citizen::<T>(&issuer, 0);
		let new_account: T::AccountId = account("new-phone", 0, 0);
		RecoveryDelay::<T>::put(0);
		frame_system::Pallet::<T>::inc_consumers(&holder).expect("the ID provides");
		Pallet::<T>::do_request_rebind(issuer, id, new_account).expect("no rebind yet");
		Pallet::<T>::do_enact_rebind(id).expect("due");
		frame_system::Pallet::<T>::dec_consumers(&holder);
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), lookup::<T>(&holder));
		assert!(!DanglingProviders::<T>::contains_key(&holder));
	}

	#[benchmark]
	fn reap_credential() {
		// Worst case: a credential never revoked (its count goes down) whose anchoring issuer
		// was removed, so every check runs before it is found dead.
		let registrar = issuer::<T>(0);
		let (id, _) = citizen::<T>(&registrar, 0);
		let anchoring = issuer::<T>(1);
		let digest = H256::repeat_byte(1);
		let until = Some(T::Time::now().saturating_add(DAY));
		Pallet::<T>::do_anchor_credential(anchoring.clone(), id, digest, until)
			.expect("new digest");
		Pallet::<T>::do_remove_issuer(anchoring).expect("registered");
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), digest);
		assert!(!Credentials::<T>::contains_key(digest));
		assert_eq!(CredentialCount::<T>::get(id), 0);
	}

	#[benchmark]
	fn deregister() {
		// Worst case: every claim kind held (a rebind pending now refuses deregistration).
		let issuer = issuer::<T>(0);
		let (id, holder) = citizen::<T>(&issuer, 0);
		let until = T::Time::now().saturating_add(DAY);
		Pallet::<T>::do_issue_claim(issuer.clone(), id, ClaimValue::YouthAgeBand, 0, until)
			.expect("valid claim");
		Pallet::<T>::do_issue_claim(
			issuer.clone(),
			id,
			ClaimValue::MultiChildHousehold { household: H256::zero(), children: 3 },
			0,
			until,
		)
		.expect("valid claim");
		#[extrinsic_call]
		_(RawOrigin::Signed(holder));
		assert_last_event::<T>(Event::CitizenDeregistered { citizen: id });
	}

	#[benchmark]
	fn register_citizens(n: Linear<1, { T::MaxRegistrationBatch::get() }>) {
		// Worst case for each citizen: registered (every check passes and every write is
		// made), with its Resident claim, on an account that does not exist yet (the provider
		// reference creates it).
		let issuer = issuer::<T>(0);
		let new = |i: u32| NewCitizen {
			account: account::<T::AccountId>("citizen", i, 0),
			commitment: commitment(i),
			zone: 1,
			since: 0,
		};
		let citizens: NewCitizensOf<T> =
			(0..n).map(new).collect::<alloc::vec::Vec<_>>().try_into().expect("within the bound");
		let until = T::Time::now().saturating_add(365 * DAY);
		#[extrinsic_call]
		_(RawOrigin::Signed(issuer.clone()), citizens, 0, until);
		assert_eq!(NextCitizenId::<T>::get(), u64::from(n));
		for i in 0..n {
			let id = CitizenOf::<T>::get(new(i).account).expect("registered");
			assert_eq!(resident_claim_state::<T>(id), Some(ClaimState::Active));
		}
		assert_last_event::<T>(Event::BatchRegistered {
			issuer,
			registered: n,
			refused: 0,
			valid_from: 0,
			valid_until: until,
		});
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
