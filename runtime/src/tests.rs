//! Runtime-level tests: genesis presets and the city's origin.

use crate::{
	genesis_config_presets::*, AccountId, Assets, CitizenId, Council, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeGenesisConfig, RuntimeOrigin, System, LOCAL_CURRENCY_ID,
};
use citizen_primitives::ClaimKind;
use codec::Encode;
use frame_support::{assert_noop, assert_ok, dispatch::GetDispatchInfo};
use pallet_citizen_id::claim_kinds;
use sp_core::Pair;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{BuildStorage, DispatchError};

/// `json` merged into `base`, objects key by key (how a chain spec applies a preset).
fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(serde_json::Value::Null), value);
			}
		}
		(base, patch) => *base = patch,
	}
}

fn preset_config(name: &str) -> RuntimeGenesisConfig {
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	let patch = get_preset(&name.into()).unwrap_or_else(|| panic!("preset {name} exists"));
	merge(&mut config, serde_json::from_slice(&patch).unwrap());
	serde_json::from_value(config).unwrap()
}

fn ext(name: &str) -> sp_io::TestExternalities {
	let mut ext: sp_io::TestExternalities = preset_config(name).build_storage().unwrap().into();
	ext.execute_with(|| System::set_block_number(1));
	ext
}

fn alice() -> AccountId {
	Sr25519Keyring::Alice.to_account_id()
}

#[test]
fn every_preset_builds_its_genesis() {
	for name in preset_names() {
		ext(&name).execute_with(|| {
			assert!(!pallet_aura::Authorities::<Runtime>::get().is_empty(), "{name}: validators");
			assert_eq!(
				pallet_aura::Authorities::<Runtime>::get().len(),
				pallet_grandpa::Authorities::<Runtime>::get().len(),
				"{name}: one GRANDPA key per Aura key"
			);
			assert!(pallet_sudo::Key::<Runtime>::get().is_some(), "{name}: sudo");
			assert!(
				!pallet_collective::Members::<Runtime, crate::CouncilCollective>::get().is_empty()
			);
			let city = pallet_sudo::Key::<Runtime>::get().unwrap();
			let asset = pallet_assets::Asset::<Runtime>::get(LOCAL_CURRENCY_ID).expect("currency");
			assert_eq!(asset.admin, city, "{name}: the city administers the local currency");
			assert!(asset.is_sufficient, "{name}: merchants need no native token");
			let metadata = pallet_assets::Metadata::<Runtime>::get(LOCAL_CURRENCY_ID);
			assert_eq!(metadata.symbol.to_vec(), LOCAL_CURRENCY_SYMBOL.to_vec());
			assert_eq!(metadata.decimals, 0);
		});
	}
	assert!(get_preset(&"nonsense".into()).is_none());
}

#[test]
fn development_funds_the_dev_accounts() {
	ext("development").execute_with(|| {
		for key in Sr25519Keyring::well_known() {
			let who = key.to_account_id();
			assert!(pallet_balances::Pallet::<Runtime>::free_balance(&who) > 0);
			assert!(Assets::balance(LOCAL_CURRENCY_ID, &who) > 0);
		}
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 1);
	});
}

#[test]
fn city_testnet_has_four_institutions() {
	let config = preset_config(CITY_TESTNET_RUNTIME_PRESET);
	assert_eq!(config.aura.authorities.len(), 4);
	assert_eq!(config.council.members.len(), 4);
	assert_eq!(config.citizen_id.recovery_delay, crate::DAY_MS);
}

#[test]
fn city_testnet_keys_derive_from_their_paths() {
	let derived: Vec<([u8; 32], [u8; 32])> =
		["//CityHall", "//PartnerBank", "//DistrictOffice", "//University"]
			.iter()
			.map(|path| {
				let sr = sp_core::sr25519::Pair::from_string(path, None).unwrap().public();
				let ed = sp_core::ed25519::Pair::from_string(path, None).unwrap().public();
				(sr.0, ed.0)
			})
			.collect();
	assert_eq!(derived, CITY_TESTNET_KEYS.to_vec(), "derived keys: {derived:?}");
}

fn register_issuer_call(issuer: &AccountId) -> RuntimeCall {
	RuntimeCall::CitizenId(pallet_citizen_id::Call::register_issuer {
		issuer: issuer.clone().into(),
		kinds: claim_kinds([ClaimKind::Resident]),
	})
}

/// The city makes `issuer` a Resident issuer, which registers `citizen` (commitment filled with
/// `salt`, home zone `zone`). Returns the new citizen's id.
fn register_citizen_via(
	issuer: &AccountId,
	citizen: &AccountId,
	salt: u8,
	zone: citizen_primitives::ZoneId,
) -> citizen_primitives::CitizenId {
	assert_ok!(CitizenId::register_issuer(
		RuntimeOrigin::root(),
		issuer.clone().into(),
		claim_kinds([ClaimKind::Resident])
	));
	assert_ok!(CitizenId::register_citizen(
		RuntimeOrigin::signed(issuer.clone()),
		citizen.clone().into(),
		sp_core::H256::repeat_byte(salt),
		zone
	));
	pallet_citizen_id::NextCitizenId::<Runtime>::get().saturating_sub(1)
}

fn propose(proposer: Sr25519Keyring, threshold: u32, call: RuntimeCall) -> sp_core::H256 {
	let length = call.encoded_size() as u32;
	let hash = <Runtime as frame_system::Config>::Hashing::hash_of(&call);
	assert_ok!(Council::propose(
		RuntimeOrigin::signed(proposer.to_account_id()),
		threshold,
		Box::new(call),
		length
	));
	hash
}

use sp_runtime::traits::Hash as _;

#[test]
fn a_council_majority_acts_as_the_city() {
	ext("development").execute_with(|| {
		let issuer = Sr25519Keyring::Dave.to_account_id();
		let call = register_issuer_call(&issuer);
		let weight = call.get_dispatch_info().call_weight;
		let length = call.encoded_size() as u32;
		let hash = propose(Sr25519Keyring::Alice, 2, call);
		assert_ok!(Council::vote(RuntimeOrigin::signed(alice()), hash, 0, true));
		assert_ok!(Council::vote(
			RuntimeOrigin::signed(Sr25519Keyring::Bob.to_account_id()),
			hash,
			0,
			true
		));
		assert_ok!(Council::close(RuntimeOrigin::signed(alice()), hash, 0, weight, length));
		assert!(System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::Council(pallet_collective::Event::Executed { result: Ok(()), .. })
		)));
		assert!(pallet_citizen_id::Issuers::<Runtime>::contains_key(&issuer));
	});
}

#[test]
fn one_council_member_alone_is_not_the_city() {
	ext("development").execute_with(|| {
		let issuer = Sr25519Keyring::Dave.to_account_id();
		// Threshold 1 executes at once, with the origin "1 of 3 members": not a majority.
		propose(Sr25519Keyring::Alice, 1, register_issuer_call(&issuer));
		assert!(System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::Council(pallet_collective::Event::Executed {
				result: Err(DispatchError::BadOrigin),
				..
			})
		)));
		assert!(!pallet_citizen_id::Issuers::<Runtime>::contains_key(&issuer));
	});
}

#[test]
fn an_ordinary_account_is_not_the_city_but_sudo_is() {
	ext("development").execute_with(|| {
		let issuer = Sr25519Keyring::Dave.to_account_id();
		assert_noop!(
			CitizenId::register_issuer(
				RuntimeOrigin::signed(Sr25519Keyring::Bob.to_account_id()),
				issuer.clone().into(),
				claim_kinds([ClaimKind::Resident])
			),
			DispatchError::BadOrigin
		);
		assert_ok!(pallet_sudo::Pallet::<Runtime>::sudo(
			RuntimeOrigin::signed(alice()),
			Box::new(register_issuer_call(&issuer))
		));
		assert!(pallet_citizen_id::Issuers::<Runtime>::contains_key(&issuer));
	});
}

mod policy_funds_flow {
	//! The whole flow with the real citizen ID, assets and policy funds pallets.
	use super::*;
	use crate::{PolicyFunds, ProgramTerms};
	use frame_support::{traits::Hooks, weights::Weight, BoundedBTreeSet, BoundedVec};
	use pallet_policy_funds::{ApprovalMode, GrantScope, LocalizedName};

	const DAY: u64 = crate::DAY_MS;
	const NOW: u64 = citizen_primitives::testing::epochs::MAY_22_2026;
	const BOOKS: u32 = 1;
	const CRAM: u32 = 2;
	const GRANT: u128 = 300_000;

	fn root() -> RuntimeOrigin {
		RuntimeOrigin::root()
	}
	fn signed(who: &AccountId) -> RuntimeOrigin {
		RuntimeOrigin::signed(who.clone())
	}
	fn dbw(who: &AccountId) -> u128 {
		Assets::balance(LOCAL_CURRENCY_ID, who)
	}

	/// A name in Korean and English.
	fn name<S: frame_support::traits::Get<u32>>(ko: &str, en: &str) -> LocalizedName<S> {
		LocalizedName::new(ko.as_bytes(), en.as_bytes()).expect("fits MaxNameLength")
	}

	/// A set of claim kinds or categories.
	fn set<V: Ord, S: frame_support::traits::Get<u32>>(
		items: impl IntoIterator<Item = V>,
	) -> BoundedBTreeSet<V, S> {
		BoundedBTreeSet::try_from(items.into_iter().collect::<std::collections::BTreeSet<_>>())
			.expect("within the bound")
	}

	/// Program account balance = free budget + outstanding vouchers + holds, and both
	/// pallets' own invariants hold.
	fn invariants(program: u32) {
		let report = pallet_policy_funds::Reports::<Runtime>::get(program);
		assert_eq!(
			dbw(&PolicyFunds::program_account(program)),
			report.free + report.outstanding + report.held
		);
		PolicyFunds::do_try_state().unwrap();
		CitizenId::do_try_state().unwrap();
	}

	/// A resident citizen 0 at `citizen` registered by `issuer`; the city's book category and
	/// a bookshop and a cram school; program 0 (automatic, books only) funded with 1,000,000.
	fn education_program(
		issuer: &AccountId,
		citizen: &AccountId,
		bookshop: &AccountId,
		cram: &AccountId,
	) {
		pallet_timestamp::Now::<Runtime>::put(NOW);
		assert_eq!(register_citizen_via(issuer, citizen, 1, 7), 0);
		assert_ok!(CitizenId::issue_claim(
			signed(issuer),
			0,
			citizen_primitives::ClaimValue::Resident { zone: 7, since: NOW - 200 * DAY },
			NOW - DAY,
			NOW + 365 * DAY
		));
		assert_ok!(PolicyFunds::add_category(root(), BOOKS, name("서점", "Books")));
		assert_ok!(PolicyFunds::add_category(root(), CRAM, name("학원", "Cram schools")));
		assert_ok!(PolicyFunds::register_merchant(root(), bookshop.clone().into(), BOOKS, 7));
		assert_ok!(PolicyFunds::register_merchant(root(), cram.clone().into(), CRAM, 7));
		let terms: ProgramTerms = pallet_policy_funds::ProgramTerms {
			name: name("교육 포인트", "Education points"),
			amount_per_grant: GRANT,
			required_claims: set([ClaimKind::Resident]),
			min_residence: 90 * DAY,
			apply_from: NOW,
			apply_until: NOW + 10 * DAY,
			spend_until: NOW + 20 * DAY,
			approval: ApprovalMode::Automatic,
			scope: GrantScope::PerCitizen,
			allowed_categories: set([BOOKS]),
			excluded_categories: BoundedBTreeSet::new(),
		};
		assert_ok!(PolicyFunds::create_program(root(), terms, BoundedVec::new()));
		assert_ok!(PolicyFunds::fund(signed(&alice()), 0, 1_000_000));
		invariants(0);
	}

	#[test]
	fn a_resident_applies_spends_and_the_rest_returns_at_expiry() {
		ext("development").execute_with(|| {
			let issuer = Sr25519Keyring::Charlie.to_account_id();
			let citizen = Sr25519Keyring::Eve.to_account_id();
			let bookshop = Sr25519Keyring::Ferdie.to_account_id();
			let cram = Sr25519Keyring::Dave.to_account_id();
			education_program(&issuer, &citizen, &bookshop, &cram);

			assert_ok!(PolicyFunds::apply(signed(&citizen), 0));
			invariants(0);
			let before = dbw(&bookshop);
			assert_ok!(PolicyFunds::spend(signed(&citizen), 0, bookshop.clone().into(), 45_000));
			assert_eq!(dbw(&bookshop) - before, 45_000);
			invariants(0);
			assert_noop!(
				PolicyFunds::spend(signed(&citizen), 0, cram.clone().into(), 1),
				pallet_policy_funds::Error::<Runtime>::CategoryNotAllowed
			);

			// Time passes; the idle sweep returns what was left, with no transaction.
			pallet_timestamp::Now::<Runtime>::put(NOW + 20 * DAY);
			PolicyFunds::on_idle(2, Weight::MAX);
			let report = PolicyFunds::report(0).unwrap();
			assert_eq!(report.outstanding, 0);
			assert_eq!(report.returned, GRANT - 45_000);
			assert_eq!(report.free + report.spent, report.funded);
			invariants(0);
		});
	}

	#[test]
	fn a_service_pallet_runs_its_own_program_with_holds() {
		use citizen_primitives::{ProgramOwner, ProgramSpec, ServicePrograms, VoucherLedger};
		ext("development").execute_with(|| {
			let issuer = Sr25519Keyring::Charlie.to_account_id();
			let citizen: AccountId = sp_core::crypto::AccountId32::new([9; 32]);
			let bookshop = Sr25519Keyring::Ferdie.to_account_id();
			let cram = Sr25519Keyring::Dave.to_account_id();
			education_program(&issuer, &citizen, &bookshop, &cram);
			// A service (the multi-child points, say) opens its own program from the treasury.
			let service = ProgramOwner::Service(*b"cty/mcpt");
			let spec = ProgramSpec {
				name: ("다자녀 교육포인트".as_bytes().to_vec(), b"Multi-child points".to_vec()),
				spend_until: NOW + 30 * DAY,
				allowed_categories: vec![BOOKS],
				excluded_categories: vec![CRAM],
			};
			let program = PolicyFunds::open_program(service, spec, &alice(), 900_000).unwrap();
			invariants(program);
			// Citizens cannot apply to it, and the city's ownership does not reach it.
			assert_noop!(
				PolicyFunds::apply(signed(&citizen), program),
				pallet_policy_funds::Error::<Runtime>::NotOpenToApplications
			);
			assert!(PolicyFunds::credit(ProgramOwner::City, program, 0, 1).is_err());
			assert_ok!(PolicyFunds::credit(service, program, 0, 500_000));
			invariants(program);
			// A booking holds part of the voucher; a cancellation gives it back.
			let hold = PolicyFunds::hold(service, program, 0, &bookshop, 120_000).unwrap();
			assert_eq!(PolicyFunds::balance(program, 0), 380_000);
			invariants(program);
			assert_ok!(PolicyFunds::release(service, program, hold));
			assert_eq!(PolicyFunds::balance(program, 0), 500_000);
			// A booking that took place is paid to the merchant in the local currency.
			let hold = PolicyFunds::hold(service, program, 0, &bookshop, 70_000).unwrap();
			let before = dbw(&bookshop);
			assert_ok!(PolicyFunds::settle(service, program, hold));
			assert_eq!(dbw(&bookshop) - before, 70_000);
			invariants(program);
			// The citizen spends the rest of it like any voucher; a cram school is refused.
			assert_noop!(
				PolicyFunds::spend(signed(&citizen), program, cram.clone().into(), 1),
				pallet_policy_funds::Error::<Runtime>::CategoryNotAllowed
			);
			assert_ok!(PolicyFunds::spend(signed(&citizen), program, bookshop.into(), 430_000));
			assert_eq!(PolicyFunds::report(program).unwrap().citizens_served, 1);
			invariants(program);
		});
	}

	#[test]
	fn benefits_follow_a_recovered_citizen() {
		ext("development").execute_with(|| {
			let issuer = Sr25519Keyring::Charlie.to_account_id();
			let lost = Sr25519Keyring::Eve.to_account_id();
			let found: AccountId = sp_core::crypto::AccountId32::new([7; 32]);
			let bookshop = Sr25519Keyring::Ferdie.to_account_id();
			let cram = Sr25519Keyring::Dave.to_account_id();
			education_program(&issuer, &lost, &bookshop, &cram);
			assert_ok!(PolicyFunds::apply(signed(&lost), 0));
			assert_ok!(PolicyFunds::spend(signed(&lost), 0, bookshop.clone().into(), 50_000));

			// The phone is lost: suspended, rebound to a new phone holding nothing.
			assert_ok!(CitizenId::suspend_citizen(signed(&issuer), 0));
			assert_noop!(
				PolicyFunds::spend(signed(&lost), 0, bookshop.clone().into(), 1),
				pallet_policy_funds::Error::<Runtime>::NotCitizen
			);
			assert_ok!(CitizenId::request_rebind(signed(&issuer), 0, found.clone().into()));
			pallet_timestamp::Now::<Runtime>::put(NOW + 60_000);
			assert_ok!(CitizenId::enact_rebind(signed(&issuer), 0));
			use citizen_primitives::CitizenRegistry;
			assert_eq!(<CitizenId as CitizenRegistry<AccountId>>::citizen_of(&found), Some(0));
			assert_eq!(<CitizenId as CitizenRegistry<AccountId>>::citizen_of(&lost), None);

			// The voucher followed the citizen: the new key spends it, the old one cannot.
			let before = dbw(&bookshop);
			assert_ok!(PolicyFunds::spend(
				signed(&found),
				0,
				bookshop.clone().into(),
				GRANT - 50_000
			));
			assert_eq!(dbw(&bookshop) - before, GRANT - 50_000);
			assert_eq!(PolicyFunds::spendable(0, 0), 0);
			assert_noop!(
				PolicyFunds::spend(signed(&lost), 0, bookshop.clone().into(), 1),
				pallet_policy_funds::Error::<Runtime>::NotCitizen
			);
			invariants(0);
		});
	}
}

mod multi_child_points_flow {
	//! Multi-child points with the real citizen ID, policy funds and assets pallets.
	use super::*;
	use crate::{MultiChildPoints, PolicyFunds};
	use citizen_primitives::{ClaimValue, LocalizedName};
	use frame_support::{traits::Hooks, weights::Weight, BoundedBTreeSet, BoundedVec};
	use pallet_multi_child_points::{SchemeTerms, Tier};

	const DAY: u64 = crate::DAY_MS;
	const NOW: u64 = citizen_primitives::testing::epochs::MAY_22_2026;
	const BOOKS: u32 = 1;
	const CRAM: u32 = 2;
	const YEAR: u16 = 2026;

	fn dbw(who: &AccountId) -> u128 {
		Assets::balance(LOCAL_CURRENCY_ID, who)
	}
	fn account(n: u8) -> AccountId {
		sp_core::crypto::AccountId32::new([n; 32])
	}
	fn invariants(program: u32) {
		let report = pallet_policy_funds::Reports::<Runtime>::get(program);
		assert_eq!(
			dbw(&PolicyFunds::program_account(program)),
			report.free + report.outstanding + report.held
		);
		PolicyFunds::do_try_state().unwrap();
		CitizenId::do_try_state().unwrap();
		MultiChildPoints::do_try_state().unwrap();
	}

	#[test]
	fn one_grant_per_household_spent_at_bookstores_and_the_rest_forfeited() {
		ext("development").execute_with(|| {
			pallet_timestamp::Now::<Runtime>::put(NOW);
			let root = RuntimeOrigin::root();
			let office = Sr25519Keyring::Charlie.to_account_id();
			let bookshop = Sr25519Keyring::Ferdie.to_account_id();
			let cram = Sr25519Keyring::Dave.to_account_id();
			assert_ok!(CitizenId::register_issuer(
				root.clone(),
				office.clone().into(),
				claim_kinds(ClaimKind::ALL)
			));
			let name =
				|ko: &str, en: &str| LocalizedName::new(ko.as_bytes(), en.as_bytes()).unwrap();
			assert_ok!(PolicyFunds::add_category(root.clone(), BOOKS, name("서점", "Bookstores")));
			assert_ok!(PolicyFunds::add_category(root.clone(), CRAM, name("학원", "Cram schools")));
			assert_ok!(PolicyFunds::register_merchant(
				root.clone(),
				bookshop.clone().into(),
				BOOKS,
				7
			));
			assert_ok!(PolicyFunds::register_merchant(root.clone(), cram.clone().into(), CRAM, 7));

			// Guardians A and B of a three-child household, C of a two-child one; all
			// residents for long enough, none holding anything.
			let three = sp_core::H256::repeat_byte(3);
			let two = sp_core::H256::repeat_byte(2);
			let mut guardians = Vec::new();
			for (n, household, children) in [(31u8, three, 3u8), (32, three, 3), (21, two, 2)] {
				let who = account(n);
				assert_ok!(CitizenId::register_citizen(
					RuntimeOrigin::signed(office.clone()),
					who.clone().into(),
					sp_core::H256::repeat_byte(n),
					7
				));
				let id = pallet_citizen_id::CitizenOf::<Runtime>::get(&who).unwrap();
				for claim in [
					ClaimValue::Resident { zone: 7, since: NOW - 200 * DAY },
					ClaimValue::MultiChildHousehold { household, children },
				] {
					assert_ok!(CitizenId::issue_claim(
						RuntimeOrigin::signed(office.clone()),
						id,
						claim,
						NOW - DAY,
						NOW + 365 * DAY
					));
				}
				guardians.push((who, id));
			}

			let treasury_before = dbw(&alice());
			let terms = SchemeTerms {
				name: name("다자녀 교육포인트 2026", "Multi-child education points 2026"),
				tiers: BoundedVec::truncate_from(vec![
					Tier { min_children: 2, amount: 300_000 },
					Tier { min_children: 3, amount: 500_000 },
				]),
				min_residence: 90 * DAY,
				apply_from: NOW,
				apply_until: NOW + 200 * DAY,
				spend_until: NOW + 220 * DAY,
				allowed_categories: BoundedBTreeSet::try_from(
					[BOOKS].into_iter().collect::<std::collections::BTreeSet<_>>(),
				)
				.unwrap(),
				excluded_categories: BoundedBTreeSet::try_from(
					[CRAM].into_iter().collect::<std::collections::BTreeSet<_>>(),
				)
				.unwrap(),
				budget: 2_000_000,
			};
			assert_ok!(MultiChildPoints::open_scheme(root.clone(), YEAR, terms));
			let program = MultiChildPoints::report(YEAR).unwrap().program;
			assert_eq!(treasury_before - dbw(&alice()), 2_000_000, "funded from the treasury");
			invariants(program);
			// Nobody applies to the program in policy funds directly.
			assert_noop!(
				PolicyFunds::apply(RuntimeOrigin::signed(guardians[0].0.clone()), program),
				pallet_policy_funds::Error::<Runtime>::NotOpenToApplications
			);

			let (a, a_id) = guardians[0].clone();
			let (b, _) = guardians[1].clone();
			let (c, c_id) = guardians[2].clone();
			assert_eq!(MultiChildPoints::quote_for(&a, YEAR), Ok(500_000));
			assert_ok!(MultiChildPoints::apply(RuntimeOrigin::signed(a.clone()), YEAR));
			assert_eq!(PolicyFunds::spendable(program, a_id), 500_000);
			assert_noop!(
				MultiChildPoints::apply(RuntimeOrigin::signed(b.clone()), YEAR),
				pallet_multi_child_points::Error::<Runtime>::HouseholdAlreadyGranted
			);
			assert_ok!(MultiChildPoints::apply(RuntimeOrigin::signed(c.clone()), YEAR));
			assert_eq!(PolicyFunds::spendable(program, c_id), 300_000);
			invariants(program);

			// Spent at a bookstore, settled at once; a cram school is refused.
			assert_ok!(PolicyFunds::spend(
				RuntimeOrigin::signed(a.clone()),
				program,
				bookshop.clone().into(),
				120_000
			));
			assert_eq!(dbw(&bookshop), 10_000_000 + 120_000);
			assert_noop!(
				PolicyFunds::spend(RuntimeOrigin::signed(a.clone()), program, cram.into(), 1),
				pallet_policy_funds::Error::<Runtime>::CategoryNotAllowed
			);
			invariants(program);

			// At spend-until what is left returns to the budget, with no transaction.
			pallet_timestamp::Now::<Runtime>::put(NOW + 220 * DAY);
			PolicyFunds::on_idle(2, Weight::MAX);
			let funds = PolicyFunds::report(program).unwrap();
			assert_eq!(funds.returned, 500_000 - 120_000 + 300_000, "forfeited");
			assert_eq!(funds.spent, 120_000);
			assert_eq!(funds.free + funds.spent, 2_000_000);
			let report = MultiChildPoints::report(YEAR).unwrap();
			assert_eq!(report.households, 2);
			assert_eq!(report.points_granted, 800_000);
			assert_noop!(
				PolicyFunds::spend(RuntimeOrigin::signed(a), program, bookshop.into(), 1),
				pallet_policy_funds::Error::<Runtime>::ProgramExpired
			);
			invariants(program);
		});
	}
}

mod fees {
	//! Citizens' own public-service calls are free, within their allowance, and no spam hole.
	use super::*;
	use crate::citizen_fees::{NonceWeightAndFee, MAX_FREE_LENGTH};
	use sp_runtime::{
		traits::{Dispatchable, TransactionExtension, TxBaseImplication},
		transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidityError},
	};

	const NOW: u64 = citizen_primitives::testing::epochs::MAY_22_2026;

	fn apply_call() -> RuntimeCall {
		RuntimeCall::PolicyFunds(pallet_policy_funds::Call::apply { program: 0 })
	}

	/// Validate `call` from `who` with `nonce` and encoded length `len`, as the pool would.
	fn validate(
		who: &AccountId,
		nonce: u32,
		call: &RuntimeCall,
		len: usize,
	) -> Result<bool, TransactionValidityError> {
		let info = call.get_dispatch_info();
		let ext = NonceWeightAndFee::new(nonce, 0);
		let (_, (_, _, fee), _) = ext.validate(
			RuntimeOrigin::signed(who.clone()),
			call,
			&info,
			len,
			(),
			&TxBaseImplication(call),
			TransactionSource::External,
		)?;
		Ok(matches!(fee, crate::citizen_fees::FeeVal::Free(_)))
	}

	#[test]
	fn paid_transactions_weigh_what_the_three_stock_extensions_weigh() {
		let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_allow_death {
			dest: alice().into(),
			value: 1,
		});
		let stock = (
			frame_system::CheckNonce::<Runtime>::from(0),
			frame_system::CheckWeight::<Runtime>::new(),
			pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
		);
		assert_eq!(NonceWeightAndFee::new(0, 0).weight(&transfer), stock.weight(&transfer));
		assert!(NonceWeightAndFee::new(0, 0)
			.weight(&apply_call())
			.any_gt(stock.weight(&apply_call())));
	}

	/// Validate and prepare `call` from `who` (next nonce) as a block author would.
	fn admit_len(
		who: &AccountId,
		call: &RuntimeCall,
		len: usize,
	) -> Result<(), TransactionValidityError> {
		let info = call.get_dispatch_info();
		let ext = NonceWeightAndFee::new(System::account_nonce(who), 0);
		let (_, val, origin) = ext.validate(
			RuntimeOrigin::signed(who.clone()),
			call,
			&info,
			len,
			(),
			&TxBaseImplication(call),
			TransactionSource::External,
		)?;
		ext.prepare(val, &origin, call, &info, len).map(|_| ())
	}

	fn admit(who: &AccountId, call: &RuntimeCall) -> Result<(), TransactionValidityError> {
		admit_len(who, call, 150)
	}

	const PAYMENT: Result<(), TransactionValidityError> =
		Err(TransactionValidityError::Invalid(InvalidTransaction::Payment));

	/// A citizen holding nothing at all, registered by Charlie; returns (issuer, citizen).
	fn penniless_citizen() -> (AccountId, AccountId) {
		pallet_timestamp::Now::<Runtime>::put(NOW);
		let issuer = Sr25519Keyring::Charlie.to_account_id();
		let citizen: AccountId = sp_core::crypto::AccountId32::new([42; 32]);
		assert_eq!(register_citizen_via(&issuer, &citizen, 9, 1), 0);
		assert_eq!(pallet_balances::Pallet::<Runtime>::free_balance(&citizen), 0);
		assert_eq!(System::providers(&citizen), 1, "the ID keeps the account alive");
		(issuer, citizen)
	}

	#[test]
	fn a_citizen_with_nothing_applies_for_free_within_the_allowance() {
		ext("development").execute_with(|| {
			let (_, citizen) = penniless_citizen();
			for _ in 0..20 {
				assert_ok!(admit(&citizen, &apply_call()));
			}
			assert_eq!(CitizenId::free_calls_left(0), 0);
			assert_eq!(System::account_nonce(&citizen), 20);
			// Allowance used up: the usual fee applies, and there is nothing to pay it with.
			assert_eq!(admit(&citizen, &apply_call()), PAYMENT);
			// Other calls were never free.
			let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_allow_death {
				dest: alice().into(),
				value: 1,
			});
			assert_eq!(admit(&citizen, &transfer), PAYMENT);
			// A new day of chain time, a new allowance.
			pallet_timestamp::Now::<Runtime>::put(NOW + crate::DAY_MS);
			assert_ok!(admit(&citizen, &apply_call()));
		});
	}

	#[test]
	fn every_services_public_calls_share_one_allowance() {
		ext("development").execute_with(|| {
			let (_, citizen) = penniless_citizen();
			// The multi-child points pallet declares `apply` on its own `Call`: free, and
			// counted against the same daily allowance as policy funds' calls.
			let points = RuntimeCall::MultiChildPoints(pallet_multi_child_points::Call::apply {
				year: 2026,
			});
			for n in 0..20 {
				let call = if n % 2 == 0 { &points } else { &apply_call() };
				assert_ok!(admit(&citizen, call));
			}
			assert_eq!(CitizenId::free_calls_left(0), 0);
			assert_eq!(admit(&citizen, &points), PAYMENT);
			// Its city calls are never free.
			let close = RuntimeCall::MultiChildPoints(
				pallet_multi_child_points::Call::close_applications { year: 2026 },
			);
			assert_eq!(admit(&citizen, &close), PAYMENT);
		});
	}

	#[test]
	fn the_pool_admits_no_more_free_transactions_than_the_allowance() {
		ext("development").execute_with(|| {
			let (_, citizen) = penniless_citizen();
			// 100 transactions at once, nonces 0..100: the first 20 are free, the rest must pay.
			let free: Vec<u32> = (0..100)
				.filter(|nonce| validate(&citizen, *nonce, &apply_call(), 150) == Ok(true))
				.collect();
			assert_eq!(free, (0..20).collect::<Vec<_>>());
			assert_eq!(
				validate(&citizen, 20, &apply_call(), 150),
				Err(TransactionValidityError::Invalid(InvalidTransaction::Payment))
			);
			// Five land: the slots move with the nonce, and still 20 in all are free.
			for _ in 0..5 {
				assert_ok!(admit(&citizen, &apply_call()));
			}
			assert_eq!(validate(&citizen, 5 + 14, &apply_call(), 150), Ok(true));
			assert_eq!(validate(&citizen, 5 + 15, &apply_call(), 150), Err(PAYMENT.unwrap_err()));
		});
	}

	#[test]
	fn an_oversized_public_service_call_pays_like_any_other() {
		ext("development").execute_with(|| {
			let (_, citizen) = penniless_citizen();
			assert_eq!(admit_len(&citizen, &apply_call(), MAX_FREE_LENGTH + 1), PAYMENT);
			assert_eq!(CitizenId::free_calls_left(0), 20, "nothing used");
			assert_ok!(admit_len(&citizen, &apply_call(), MAX_FREE_LENGTH));
		});
	}

	#[test]
	fn a_wrapped_public_service_call_is_not_free() {
		ext("development").execute_with(|| {
			let (_, citizen) = penniless_citizen();
			let batch = RuntimeCall::Utility(pallet_utility::Call::batch {
				calls: vec![apply_call(), apply_call()],
			});
			assert_eq!(admit(&citizen, &batch), PAYMENT);
			assert_eq!(CitizenId::free_calls_left(0), 20);
		});
	}

	#[test]
	fn a_suspended_citizen_pays_except_for_objecting_to_a_rebind() {
		ext("development").execute_with(|| {
			let (issuer, citizen) = penniless_citizen();
			assert_ok!(CitizenId::suspend_citizen(RuntimeOrigin::signed(issuer.clone()), 0));
			assert_eq!(admit(&citizen, &apply_call()), PAYMENT);
			let object =
				RuntimeCall::CitizenId(pallet_citizen_id::Call::object_to_rebind { citizen: 0 });
			// Nothing to object to yet: not free.
			assert_eq!(admit(&citizen, &object), PAYMENT);
			let fraudster: AccountId = sp_core::crypto::AccountId32::new([66; 32]);
			assert_ok!(CitizenId::request_rebind(
				RuntimeOrigin::signed(issuer),
				0,
				fraudster.into()
			));
			// The owner's objection is free, once, and outside the allowance: even an owner
			// who used every free call of the day can object. Someone else's is not free.
			assert!(admit(&alice(), &object).is_ok(), "Alice pays her fee");
			pallet_citizen_id::FreeCallsUsed::<Runtime>::insert(0, (NOW / crate::DAY_MS, 20));
			assert_eq!(CitizenId::free_calls_left(0), 0);
			// Only as the next transaction: a queue of objections is not free.
			let next = System::account_nonce(&citizen);
			assert_eq!(validate(&citizen, next + 1, &object, 150), Err(PAYMENT.unwrap_err()));
			assert_ok!(admit(&citizen, &object));
			assert_ok!(object.clone().dispatch(RuntimeOrigin::signed(citizen.clone())));
			assert_eq!(admit(&citizen, &object), PAYMENT, "already objected");
		});
	}

	#[test]
	fn an_id_whose_issuer_was_removed_has_no_free_calls_until_reconfirmed() {
		ext("development").execute_with(|| {
			let (issuer, citizen) = penniless_citizen();
			assert_ok!(admit(&citizen, &apply_call()));
			assert_ok!(CitizenId::remove_issuer(RuntimeOrigin::root(), issuer.into()));
			assert_eq!(admit(&citizen, &apply_call()), PAYMENT);
			// Another issuer (Dave, a district office) re-confirms the ID.
			let dave = Sr25519Keyring::Dave.to_account_id();
			assert_ok!(CitizenId::register_issuer(
				RuntimeOrigin::root(),
				dave.clone().into(),
				claim_kinds([ClaimKind::Resident])
			));
			assert_ok!(CitizenId::confirm_citizen(RuntimeOrigin::signed(dave), 0));
			assert_ok!(admit(&citizen, &apply_call()));
		});
	}

	#[test]
	fn free_transactions_are_small() {
		// The encoded length of each free call, signed as a wallet would sign it: the most a
		// citizen adds to the chain per free call. All fit `MAX_FREE_LENGTH`.
		use sp_runtime::generic::Era;
		let signer = Sr25519Keyring::Eve;
		let merchant = Sr25519Keyring::Ferdie.to_account_id();
		let calls = [
			apply_call(),
			RuntimeCall::PolicyFunds(pallet_policy_funds::Call::spend {
				program: u32::MAX,
				merchant: merchant.into(),
				amount: u128::MAX,
			}),
			RuntimeCall::CitizenId(pallet_citizen_id::Call::object_to_rebind { citizen: u64::MAX }),
			RuntimeCall::CitizenId(pallet_citizen_id::Call::deregister {}),
		];
		for call in calls {
			let tx_ext: crate::TxExtension = (
				frame_system::CheckNonZeroSender::new(),
				frame_system::CheckSpecVersion::new(),
				frame_system::CheckTxVersion::new(),
				frame_system::CheckGenesis::new(),
				frame_system::CheckEra::from(Era::mortal(256, 1_000_000)),
				NonceWeightAndFee::new(u32::MAX, u128::MAX),
				frame_system::WeightReclaim::new(),
			);
			let signature = sp_runtime::MultiSignature::from(signer.sign(b"worst case"));
			let xt = crate::UncheckedExtrinsic::new_signed(
				call.clone(),
				signer.to_account_id().into(),
				signature,
				tx_ext,
			);
			let len = xt.encoded_size();
			println!("worst-case free transaction: {len} bytes: {call:?}");
			assert!(len <= MAX_FREE_LENGTH, "{call:?} is {len} bytes");
		}
	}

	#[test]
	fn everyone_else_pays_as_usual() {
		ext("development").execute_with(|| {
			let bob = Sr25519Keyring::Bob.to_account_id();
			let before = pallet_balances::Pallet::<Runtime>::free_balance(&bob);
			assert_ok!(admit(&bob, &apply_call()));
			assert!(pallet_balances::Pallet::<Runtime>::free_balance(&bob) < before, "fee taken");
		});
	}

	#[test]
	fn the_extension_is_described_as_the_three_it_stands_for() {
		let ids: Vec<&str> = <crate::TxExtension as TransactionExtension<RuntimeCall>>::metadata()
			.iter()
			.map(|m| m.identifier)
			.collect();
		assert_eq!(
			ids,
			[
				"CheckNonZeroSender",
				"CheckSpecVersion",
				"CheckTxVersion",
				"CheckGenesis",
				"CheckMortality",
				"CheckNonce",
				"CheckWeight",
				"ChargeTransactionPayment",
				"WeightReclaim"
			]
		);
		// And encodes like them: a compact nonce, then a compact tip.
		assert_eq!(
			NonceWeightAndFee::new(5, 7).encode(),
			(codec::Compact(5u32), codec::Compact(7u128)).encode()
		);
	}
}
