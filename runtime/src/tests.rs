//! Runtime-level tests: genesis presets and the city's origin.

use crate::{
	genesis_config_presets::*, AccountId, Assets, CitizenId, Council, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeOrigin, System, LOCAL_CURRENCY_ID,
};
use citizen_primitives::ClaimKind;
use codec::Encode;
use frame_support::{assert_noop, assert_ok, dispatch::GetDispatchInfo};
use pallet_citizen_id::claim_kinds;
use sp_core::Pair;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{BuildStorage, DispatchError};

use crate::test_helpers::preset_config;

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

/// No service takes an account where another keeps citizens' money as its treasury: a
/// program's account, a facility's account (any facility id, decoded), a live lottery round's
/// keeping account. Found by the fuzzer (`regression_treasury_is_a_facility_account`,
/// `..._keeping_account` in `runtime/tests/fuzz.rs`).
#[test]
fn no_treasury_keeps_others_money() {
	use crate::{FacilityBooking, MultiChildPoints, PolicyFunds, YouthCulturePass};
	use citizen_primitives::KeepsOthersMoney;
	use sp_runtime::traits::AccountIdConversion;
	ext("development").execute_with(|| {
		type Others = (FacilityBooking, YouthCulturePass);
		for id in [0u32, 3, u32::MAX] {
			assert!(Others::keeps_others_money(&FacilityBooking::facility_account(id)));
		}
		// The pallet's own account and another tag's sub-account are not facilities'.
		let pallet = <Runtime as pallet_facility_booking::Config>::PalletId::get();
		let own: AccountId = pallet.into_account_truncating();
		let other: AccountId = pallet.into_sub_account_truncating((*b"xyz", 3u32));
		for account in [own, other, alice(), PolicyFunds::program_account(1)] {
			assert!(!Others::keeps_others_money(&account));
		}
		let root = RuntimeOrigin::root();
		let facility = FacilityBooking::facility_account(3);
		assert_noop!(
			MultiChildPoints::set_treasury(root.clone(), facility.clone().into()),
			pallet_multi_child_points::Error::<Runtime>::TreasuryKeepsOthersMoney
		);
		assert_noop!(
			YouthCulturePass::set_treasury(root.clone(), facility.into()),
			pallet_youth_culture_pass::Error::<Runtime>::TreasuryKeepsOthersMoney
		);
		// No round is live here: no keeping account is refused (a live round's is, in the
		// fuzzer's `regression_treasury_is_a_keeping_account` with the real pallets).
		assert!(!Others::keeps_others_money(&YouthCulturePass::keeping_account(0)));
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
		let report = PolicyFunds::report(program).expect("a program");
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
		let report = PolicyFunds::report(program).expect("a program");
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

mod youth_culture_pass_flow {
	//! The youth culture pass with the real citizen ID, assets, policy funds and drand
	//! verification: rounds funded from the city's treasury, passes held as policy-funds
	//! vouchers that pay only through bookings, and a lottery seeded by a real beacon round.
	use super::*;
	use crate::{PolicyFunds, YouthCulturePass};
	use citizen_primitives::{ClaimValue, LocalizedName};
	use frame_support::{traits::Hooks, weights::Weight, BoundedVec};
	use pallet_youth_culture_pass::{
		BeaconSignature, DrawPhase, Error, Mode, OfferKind, OfferTerms, RoundId, RoundTerms, Tier,
	};

	const DAY: u64 = crate::DAY_MS;
	/// 2026-07-01 00:00 UTC: entries open three weeks before the dev beacon's round 30662982
	/// (2026-07-23) is published.
	const NOW: u64 = citizen_primitives::testing::epochs::JAN_1_2026 + 181 * DAY;
	/// When the city announces (opens) its rounds: two weeks' notice before entries open.
	const ANNOUNCED: u64 = NOW - 14 * DAY;
	const FACE: u128 = 100_000;
	const CO_PAYMENT: u128 = 10_000;
	/// Each youth's local currency: more than a co-payment (payments keep the payer alive).
	const POCKET: u128 = 50_000;
	const CULTURE: u32 = 77;
	/// The dev beacon's round and signature (`tests/vectors/drand-dev.json`; the same pair
	/// `pallet_youth_culture_pass::dev_beacon_round` gives benchmarks).
	const BEACON_ROUND: u64 = 30_662_982;
	const BEACON_SIGNATURE: BeaconSignature = sp_core::hex2array!(
		"89b783e2c74aa93ba7d79e8ab65fbd4cf698df6a2c691fa85bec2e059f24651b649817956eaa49802d2bf66de0671a20"
	);
	/// Its randomness, `sha256(signature)`, as the vector file records it.
	const BEACON_RANDOMNESS: [u8; 32] =
		sp_core::hex2array!("c09d2846ab19f11e90129b6230040f3b1b422779f118cdc059e48eb144d84c66");
	/// A genuine dev-beacon signature, of another round (1000).
	const OTHER_ROUND_SIGNATURE: BeaconSignature = sp_core::hex2array!(
		"b0dd35be8cfafd6fba4e190f335131a1ec7ee5530c344464d75bacadd0dccaeddb5702fc26dcb7111264503307b9cb11"
	);

	fn root() -> RuntimeOrigin {
		RuntimeOrigin::root()
	}
	fn signed(who: &AccountId) -> RuntimeOrigin {
		RuntimeOrigin::signed(who.clone())
	}
	fn dbw(who: &AccountId) -> u128 {
		Assets::balance(LOCAL_CURRENCY_ID, who)
	}
	fn account(n: u8) -> AccountId {
		sp_core::crypto::AccountId32::new([n; 32])
	}
	fn issuer() -> AccountId {
		Sr25519Keyring::Charlie.to_account_id()
	}
	fn organiser() -> AccountId {
		Sr25519Keyring::Ferdie.to_account_id()
	}
	fn name<S: frame_support::traits::Get<u32>>(ko: &str, en: &str) -> LocalizedName<S> {
		LocalizedName::new(ko.as_bytes(), en.as_bytes()).expect("fits MaxNameLength")
	}

	/// The clock at `ANNOUNCED`; Charlie issues every claim kind; Ferdie, a concert hall, is
	/// a policy-funds merchant.
	fn city() {
		pallet_timestamp::Now::<Runtime>::put(ANNOUNCED);
		assert_ok!(CitizenId::register_issuer(
			root(),
			issuer().into(),
			claim_kinds(ClaimKind::ALL)
		));
		assert_ok!(PolicyFunds::add_category(root(), CULTURE, name("공연장", "Concert halls")));
		assert_ok!(PolicyFunds::register_merchant(root(), organiser().into(), CULTURE, 5));
	}

	/// A youth at `account(n)`: a resident with the youth age band, holding `POCKET` of the
	/// local currency (from Alice) and no native token. Returns (account, citizen).
	fn youth(n: u8) -> (AccountId, citizen_primitives::CitizenId) {
		let who = account(n);
		assert_ok!(CitizenId::register_citizen(
			signed(&issuer()),
			who.clone().into(),
			sp_core::H256::repeat_byte(n),
			5
		));
		let id = pallet_citizen_id::CitizenOf::<Runtime>::get(&who).unwrap();
		for claim in
			[ClaimValue::Resident { zone: 5, since: NOW - 400 * DAY }, ClaimValue::YouthAgeBand]
		{
			let (from, until) = (ANNOUNCED - DAY, NOW + 365 * DAY);
			assert_ok!(CitizenId::issue_claim(signed(&issuer()), id, claim, from, until));
		}
		assert_ok!(Assets::transfer(
			signed(&alice()),
			LOCAL_CURRENCY_ID.into(),
			who.clone().into(),
			POCKET
		));
		assert_eq!(pallet_balances::Pallet::<Runtime>::free_balance(&who), 0);
		(who, id)
	}

	/// The city opens (announces) a 2026 round of one tier (`places` passes of `FACE` for
	/// `CO_PAYMENT`): entries for ten days from `NOW`, spendable for 120 days. Returns (round,
	/// program).
	fn open_round(mode: Mode, places: u32) -> (RoundId, u32) {
		let round = pallet_youth_culture_pass::NextRoundId::<Runtime>::get();
		let terms: pallet_youth_culture_pass::RoundTermsOf<Runtime> = RoundTerms {
			year: 2026,
			name: name("청년문화패스 2026", "Youth culture pass 2026"),
			tiers: BoundedVec::truncate_from(vec![Tier {
				face: FACE,
				co_payment: CO_PAYMENT,
				places,
			}]),
			mode,
			excluded_round: None,
			entry_opens: NOW,
			entry_closes: NOW + 10 * DAY,
			spend_until: NOW + 120 * DAY,
		};
		assert_ok!(YouthCulturePass::open_round(root(), terms));
		let program = pallet_youth_culture_pass::Rounds::<Runtime>::get(round).unwrap().program;
		(round, program)
	}

	/// Program account = free budget + outstanding vouchers + holds, and every pallet's own
	/// invariants hold (the youth pass's include its keeping accounts' balances).
	fn invariants(program: u32) {
		let report = PolicyFunds::report(program).expect("a program");
		assert_eq!(
			dbw(&PolicyFunds::program_account(program)),
			report.free + report.outstanding + report.held
		);
		PolicyFunds::do_try_state().unwrap();
		CitizenId::do_try_state().unwrap();
		YouthCulturePass::do_try_state().unwrap();
	}

	/// First come: the round's budget (places × face) comes from the treasury through policy
	/// funds; buying moves the co-payment from the youth's local currency into the program and
	/// credits the face as a voucher, together; once the places are taken the tier is sold out.
	#[test]
	fn first_come_passes_are_vouchers_funded_by_the_treasury_and_the_co_payment() {
		ext("development").execute_with(|| {
			city();
			let treasury_before = dbw(&alice());
			let (round, program) = open_round(Mode::FirstCome, 2);
			assert_eq!(treasury_before - dbw(&alice()), 2 * FACE, "funded from the treasury");
			assert_eq!(dbw(&PolicyFunds::program_account(program)), 2 * FACE);
			invariants(program);

			let (a, a_id) = youth(31);
			let (b, b_id) = youth(32);
			let (c, c_id) = youth(33);
			assert_noop!(YouthCulturePass::buy(signed(&a), round, 0), Error::<Runtime>::NotOpenYet);
			pallet_timestamp::Now::<Runtime>::put(NOW);
			for (who, id) in [(&a, a_id), (&b, b_id)] {
				assert_ok!(YouthCulturePass::buy(signed(who), round, 0));
				assert_eq!(PolicyFunds::spendable(program, id), FACE, "the pass is the voucher");
				assert_eq!(dbw(who), POCKET - CO_PAYMENT, "the co-payment left the youth");
				invariants(program);
			}
			assert_eq!(dbw(&PolicyFunds::program_account(program)), 2 * FACE + 2 * CO_PAYMENT);
			let report = PolicyFunds::report(program).unwrap();
			assert_eq!(report.outstanding, 2 * FACE);
			assert_eq!(report.free, 2 * CO_PAYMENT, "the co-payments join the free budget");

			// Sold out: nothing moves. One pass a year: no second purchase either.
			assert_noop!(YouthCulturePass::buy(signed(&c), round, 0), Error::<Runtime>::SoldOut);
			assert_eq!(dbw(&c), POCKET);
			assert_eq!(PolicyFunds::spendable(program, c_id), 0);
			assert_noop!(
				YouthCulturePass::buy(signed(&a), round, 0),
				Error::<Runtime>::AlreadyHasPassThisYear
			);
			// A signed account that is not a citizen.
			assert_noop!(
				YouthCulturePass::buy(signed(&account(99)), round, 0),
				Error::<Runtime>::NotCitizen
			);
			let view = YouthCulturePass::report(round).unwrap();
			assert_eq!(view.collected, 2 * CO_PAYMENT);
			assert_eq!(view.tiers[0].tally.issued, 2);
			invariants(program);
		});
	}

	/// A lottery: entries' co-payments wait in the round's keeping account; the draw is seeded
	/// by the dev beacon's round, verified on chain by the real `DrandBeacon` (a genuine
	/// signature of another round is refused); `draw` calls and `on_idle` give exactly
	/// `places` passes, refund every loser in full, and give the treasury back the keeping
	/// account's deposit, leaving it empty.
	#[test]
	fn a_lottery_drawn_from_a_real_beacon_round_gives_exactly_the_places() {
		ext("development").execute_with(|| {
			city();
			assert_eq!(
				pallet_youth_culture_pass::Beacon::<Runtime>::get(),
				citizen_drand::BeaconInfo::DEV
			);
			let beacon_time = YouthCulturePass::beacon_time(BEACON_ROUND).unwrap();
			assert!(NOW + 10 * DAY + 10 * 60_000 <= beacon_time, "closes before the beacon");
			let treasury_before = dbw(&alice());
			let (round, program) = open_round(Mode::Lottery { beacon_round: BEACON_ROUND }, 2);
			let keeping = YouthCulturePass::keeping_account(round);
			let deposit =
				pallet_youth_culture_pass::Rounds::<Runtime>::get(round).unwrap().keeping_deposit;
			assert_eq!(deposit, 1, "the currency's minimum balance keeps it alive");
			assert_eq!(treasury_before - dbw(&alice()), 2 * FACE + deposit);
			// A beacon round published before the entries close (plus the delay) is refused.
			let early = citizen_drand::BeaconInfo::DEV.round_at(NOW + 10 * DAY);
			let terms: pallet_youth_culture_pass::RoundTermsOf<Runtime> = RoundTerms {
				year: 2026,
				name: name("조기", "Early"),
				tiers: BoundedVec::truncate_from(vec![Tier {
					face: FACE,
					co_payment: CO_PAYMENT,
					places: 2,
				}]),
				mode: Mode::Lottery { beacon_round: early },
				excluded_round: None,
				entry_opens: NOW,
				entry_closes: NOW + 10 * DAY,
				spend_until: NOW + 120 * DAY,
			};
			assert_noop!(
				YouthCulturePass::open_round(root(), terms),
				Error::<Runtime>::BeaconTooEarly
			);

			let youths: Vec<_> = (41..46).map(youth).collect();
			pallet_timestamp::Now::<Runtime>::put(NOW);
			for (who, _) in &youths {
				assert_ok!(YouthCulturePass::enter(signed(who), round, 0));
				assert_eq!(dbw(who), POCKET - CO_PAYMENT);
			}
			assert_eq!(dbw(&keeping), deposit + 5 * CO_PAYMENT);
			invariants(program);
			assert_noop!(
				YouthCulturePass::feed_beacon(signed(&alice()), round, BEACON_SIGNATURE),
				Error::<Runtime>::EntriesNotClosed
			);

			// The beacon round is out: anyone feeds it. Another round's signature is refused.
			pallet_timestamp::Now::<Runtime>::put(beacon_time);
			assert_noop!(
				YouthCulturePass::feed_beacon(signed(&alice()), round, OTHER_ROUND_SIGNATURE),
				Error::<Runtime>::BadBeacon
			);
			let mut flipped = BEACON_SIGNATURE;
			flipped[47] ^= 1;
			assert_noop!(
				YouthCulturePass::feed_beacon(signed(&alice()), round, flipped),
				Error::<Runtime>::BadBeacon
			);
			assert_ok!(YouthCulturePass::feed_beacon(signed(&alice()), round, BEACON_SIGNATURE));
			let seed = System::events()
				.iter()
				.find_map(|r| match &r.event {
					RuntimeEvent::YouthCulturePass(
						pallet_youth_culture_pass::Event::SeedFixed { randomness, seed, .. },
					) => Some((*randomness, *seed)),
					_ => None,
				})
				.expect("the seed is fixed");
			assert_eq!(seed.0, BEACON_RANDOMNESS, "the published randomness of the round");
			assert_noop!(
				YouthCulturePass::feed_beacon(signed(&alice()), round, BEACON_SIGNATURE),
				Error::<Runtime>::NotAwaitingBeacon
			);
			invariants(program);

			// Two entries by a `draw` call, the rest in `on_idle`.
			assert_ok!(YouthCulturePass::draw(signed(&alice()), round, 2));
			assert_eq!(dbw(&keeping), deposit + 3 * CO_PAYMENT);
			invariants(program);
			YouthCulturePass::on_idle(2, Weight::MAX);
			let draw = pallet_youth_culture_pass::Draws::<Runtime>::get(round).unwrap();
			assert_eq!(draw.phase, DrawPhase::Drawn);
			assert_eq!(draw.signature, Some(BEACON_SIGNATURE), "kept for offline checks");

			// Exactly the ranks below the places won, as anyone can recompute them.
			let mut winners = 0;
			for (index, (who, id)) in youths.iter().enumerate() {
				let rank = YouthCulturePass::rank_of(Some(&seed.1), 0, 5, 2, index as u32).unwrap();
				let pass = pallet_youth_culture_pass::Passes::<Runtime>::get(round, id);
				if rank < 2 {
					winners += 1;
					assert!(pass.is_some());
					assert_eq!(PolicyFunds::spendable(program, *id), FACE);
					assert_eq!(dbw(who), POCKET - CO_PAYMENT);
				} else {
					assert!(pass.is_none());
					assert_eq!(PolicyFunds::spendable(program, *id), 0);
					assert_eq!(dbw(who), POCKET, "a loser is refunded in full");
				}
			}
			assert_eq!(winners, 2);
			assert_eq!(YouthCulturePass::report(round).unwrap().tiers[0].tally.winners, 2);
			// The keeping account is empty; its deposit is back with the treasury.
			assert_eq!(dbw(&keeping), 0);
			assert_eq!(
				pallet_youth_culture_pass::Rounds::<Runtime>::get(round).unwrap().keeping_deposit,
				0
			);
			assert_eq!(treasury_before - dbw(&alice()), 2 * FACE + 5 * POCKET, "pockets: Alice's");
			assert_eq!(
				dbw(&PolicyFunds::program_account(program)),
				2 * FACE + 2 * CO_PAYMENT,
				"the winners' co-payments joined the program"
			);
			invariants(program);

			// A loser's refund frees their year: they may buy in a later first-come round that
			// year; a winner may not.
			let terms: pallet_youth_culture_pass::RoundTermsOf<Runtime> = RoundTerms {
				year: 2026,
				name: name("추가 모집", "Second call"),
				tiers: BoundedVec::truncate_from(vec![Tier {
					face: FACE,
					co_payment: CO_PAYMENT,
					places: 5,
				}]),
				mode: Mode::FirstCome,
				excluded_round: None,
				entry_opens: beacon_time + DAY,
				entry_closes: beacon_time + 10 * DAY,
				spend_until: NOW + 120 * DAY,
			};
			assert_ok!(YouthCulturePass::open_round(root(), terms));
			pallet_timestamp::Now::<Runtime>::put(beacon_time + DAY);
			let index_of = |rank_below: bool| {
				(0..5u32)
					.find(|i| {
						let rank = YouthCulturePass::rank_of(Some(&seed.1), 0, 5, 2, *i).unwrap();
						(rank < 2) == rank_below
					})
					.unwrap() as usize
			};
			let (winner, loser) = (&youths[index_of(true)].0, &youths[index_of(false)].0);
			assert_noop!(
				YouthCulturePass::buy(signed(winner), round + 1, 0),
				Error::<Runtime>::AlreadyHasPassThisYear
			);
			assert_ok!(YouthCulturePass::buy(signed(loser), round + 1, 0));
			YouthCulturePass::do_try_state().unwrap();
		});
	}

	/// A beacon round nobody fed within `BeaconGrace` of its publication can no longer be fed,
	/// even with its genuine signature (whoever acts first would otherwise choose between the
	/// result and "nobody wins"); anyone abandons the draw, and every entrant is refunded in
	/// full from the keeping account, whose deposit returns to the treasury.
	#[test]
	fn a_beacon_not_fed_in_time_abandons_the_draw_and_refunds_everyone() {
		ext("development").execute_with(|| {
			city();
			let treasury_before = dbw(&alice());
			let (round, program) = open_round(Mode::Lottery { beacon_round: BEACON_ROUND }, 2);
			let keeping = YouthCulturePass::keeping_account(round);
			let youths: Vec<_> = (91..94).map(youth).collect();
			pallet_timestamp::Now::<Runtime>::put(NOW);
			for (who, _) in &youths {
				assert_ok!(YouthCulturePass::enter(signed(who), round, 0));
			}
			let beacon_time = YouthCulturePass::beacon_time(BEACON_ROUND).unwrap();
			pallet_timestamp::Now::<Runtime>::put(beacon_time + 2 * DAY - 1);
			assert_noop!(
				YouthCulturePass::abandon(signed(&alice()), round),
				Error::<Runtime>::GraceNotOver
			);
			pallet_timestamp::Now::<Runtime>::put(beacon_time + 2 * DAY);
			assert_noop!(
				YouthCulturePass::feed_beacon(signed(&alice()), round, BEACON_SIGNATURE),
				Error::<Runtime>::BeaconExpired
			);
			assert_ok!(YouthCulturePass::abandon(signed(&alice()), round));
			YouthCulturePass::on_idle(2, Weight::MAX);
			assert_eq!(
				pallet_youth_culture_pass::Draws::<Runtime>::get(round).unwrap().phase,
				DrawPhase::Abandoned
			);
			for (who, id) in &youths {
				assert_eq!(dbw(who), POCKET, "refunded in full");
				assert!(pallet_youth_culture_pass::Passes::<Runtime>::get(round, id).is_none());
			}
			assert_eq!(dbw(&keeping), 0);
			assert_eq!(treasury_before - dbw(&alice()), 2 * FACE + 3 * POCKET);
			assert_eq!(PolicyFunds::report(program).unwrap().free, 2 * FACE);
			invariants(program);
		});
	}

	/// A pass is no voucher to spend at a counter (`DirectSpend` excludes the pass's owner):
	/// it pays only for city-designated offers, through bookings. A booking holds the price
	/// on the pass, a cancellation gives it back, and once the offer's date has come the hold
	/// is paid to the organiser, a policy-funds merchant, in the local currency.
	#[test]
	fn a_pass_pays_only_through_bookings_settled_to_the_organiser() {
		ext("development").execute_with(|| {
			city();
			let (round, program) = open_round(Mode::FirstCome, 2);
			let (a, a_id) = youth(51);
			pallet_timestamp::Now::<Runtime>::put(NOW);
			assert_ok!(YouthCulturePass::buy(signed(&a), round, 0));
			assert_noop!(
				PolicyFunds::spend(signed(&a), program, organiser().into(), 1),
				pallet_policy_funds::Error::<Runtime>::BookingsOnly
			);

			const PRICE: u128 = 30_000;
			let date = NOW + 30 * DAY;
			let terms: pallet_youth_culture_pass::OfferTermsOf<Runtime> = OfferTerms {
				organiser: organiser(),
				kind: OfferKind::Performance,
				name: name("부산국제영화제", "Busan International Film Festival"),
				price: PRICE,
				seats: 10,
				date,
				cancel_until: date - 5 * DAY,
			};
			assert_ok!(YouthCulturePass::designate_offer(root(), round, terms));
			let offer = 0;

			assert_ok!(YouthCulturePass::book(signed(&a), offer));
			assert_eq!(PolicyFunds::spendable(program, a_id), FACE - PRICE);
			assert_eq!(PolicyFunds::report(program).unwrap().held, PRICE);
			invariants(program);
			assert_ok!(YouthCulturePass::cancel_booking(signed(&a), offer));
			assert_eq!(PolicyFunds::spendable(program, a_id), FACE, "restored");
			assert_eq!(PolicyFunds::report(program).unwrap().held, 0);
			invariants(program);
			assert_ok!(YouthCulturePass::book(signed(&a), offer));
			assert_eq!(PolicyFunds::spendable(program, a_id), FACE - PRICE);
			// Past the cancellation deadline the booking stands.
			pallet_timestamp::Now::<Runtime>::put(date - 5 * DAY);
			assert_noop!(
				YouthCulturePass::cancel_booking(signed(&a), offer),
				Error::<Runtime>::CancelDeadlinePassed
			);
			assert_noop!(
				YouthCulturePass::settle_offer(signed(&alice()), offer, 10),
				Error::<Runtime>::NotYetSettleable
			);

			// The date comes: the idle sweep pays the organiser.
			pallet_timestamp::Now::<Runtime>::put(date);
			let before = dbw(&organiser());
			YouthCulturePass::on_idle(3, Weight::MAX);
			assert_eq!(dbw(&organiser()) - before, PRICE);
			let report = PolicyFunds::report(program).unwrap();
			assert_eq!((report.spent, report.held), (PRICE, 0));
			assert_eq!(PolicyFunds::spendable(program, a_id), FACE - PRICE);
			assert_eq!(YouthCulturePass::offer(offer).unwrap().settled, 1);
			invariants(program);
		});
	}

	/// A pass given back unused: the face returns to the program's free budget and the
	/// co-payment is paid back from it to the youth's local currency; in a first-come round the
	/// place is on sale again (not to the same youth in the same round).
	#[test]
	fn a_pass_given_back_unused_refunds_the_co_payment_and_reopens_the_place() {
		ext("development").execute_with(|| {
			city();
			let (round, program) = open_round(Mode::FirstCome, 1);
			let (a, a_id) = youth(81);
			let (b, b_id) = youth(82);
			pallet_timestamp::Now::<Runtime>::put(NOW);
			assert_ok!(YouthCulturePass::buy(signed(&a), round, 0));
			assert_noop!(YouthCulturePass::buy(signed(&b), round, 0), Error::<Runtime>::SoldOut);
			let free_before = PolicyFunds::report(program).unwrap().free;

			assert_ok!(YouthCulturePass::give_up(signed(&a), round));
			assert_eq!(dbw(&a), POCKET, "the co-payment is back");
			assert_eq!(PolicyFunds::spendable(program, a_id), 0);
			let report = PolicyFunds::report(program).unwrap();
			assert_eq!(report.outstanding, 0);
			assert_eq!(report.free, free_before + FACE - CO_PAYMENT);
			invariants(program);
			assert_noop!(
				YouthCulturePass::buy(signed(&a), round, 0),
				Error::<Runtime>::AlreadyHasPassThisYear
			);
			assert_ok!(YouthCulturePass::buy(signed(&b), round, 0));
			assert_eq!(PolicyFunds::spendable(program, b_id), FACE);
			invariants(program);
		});
	}

	/// A settlement policy funds refuses (the organiser suspended as a merchant) leaves the
	/// booking held on the pass; once the city resumes the organiser, the next settlement
	/// (`on_idle` here) pays them.
	#[test]
	fn a_settlement_refused_while_the_organiser_is_suspended_is_retried() {
		ext("development").execute_with(|| {
			city();
			let (round, program) = open_round(Mode::FirstCome, 1);
			let (a, a_id) = youth(83);
			pallet_timestamp::Now::<Runtime>::put(NOW);
			assert_ok!(YouthCulturePass::buy(signed(&a), round, 0));
			const PRICE: u128 = 25_000;
			let date = NOW + 20 * DAY;
			assert_ok!(YouthCulturePass::designate_offer(
				root(),
				round,
				OfferTerms {
					organiser: organiser(),
					kind: OfferKind::Performance,
					name: name("공연", "Concert"),
					price: PRICE,
					seats: 5,
					date,
					cancel_until: date,
				}
			));
			assert_ok!(YouthCulturePass::book(signed(&a), 0));
			assert_ok!(PolicyFunds::set_merchant_active(root(), organiser().into(), false));

			pallet_timestamp::Now::<Runtime>::put(date);
			let before = dbw(&organiser());
			assert!(YouthCulturePass::settle_offer(signed(&alice()), 0, 10).is_err());
			YouthCulturePass::on_idle(2, Weight::MAX);
			assert_eq!(dbw(&organiser()), before, "not paid while suspended");
			assert_eq!(PolicyFunds::report(program).unwrap().held, PRICE, "still held");
			assert_eq!(PolicyFunds::spendable(program, a_id), FACE - PRICE);
			invariants(program);

			assert_ok!(PolicyFunds::set_merchant_active(root(), organiser().into(), true));
			YouthCulturePass::on_idle(3, Weight::MAX);
			assert_eq!(dbw(&organiser()) - before, PRICE);
			assert_eq!(PolicyFunds::report(program).unwrap().held, 0);
			assert_eq!(YouthCulturePass::offer(0).unwrap().settled, 1);
			invariants(program);
		});
	}

	/// Two passes bought, one partly used through a settled booking; at `spend_until` the
	/// take-back (`reclaim`, also `on_idle`) returns what is left of both to the program's free
	/// budget: no voucher can be spent any more, and the program account still equals free +
	/// outstanding + held.
	#[test]
	fn what_is_left_of_the_passes_returns_to_the_budget_at_spend_until() {
		ext("development").execute_with(|| {
			let (round, program, used) = spend_one_pass_partly();
			let free_before = PolicyFunds::report(program).unwrap().free;
			pallet_timestamp::Now::<Runtime>::put(NOW + 120 * DAY);
			assert_ok!(YouthCulturePass::reclaim(signed(&alice()), round, 10));
			let report = PolicyFunds::report(program).unwrap();
			assert_eq!((report.outstanding, report.held), (0, 0));
			assert_eq!(report.free, free_before + 2 * FACE - used, "the rest came back");
			for (_, id) in [youth_of(51), youth_of(52)] {
				assert_eq!(PolicyFunds::spendable(program, id), 0);
			}
			assert!(!pallet_youth_culture_pass::LiveRounds::<Runtime>::get().contains(&round));
			invariants(program);
		});
	}

	/// The take-back's own accounts say what it took back: `Reclaimed { amount }` and the
	/// round report's `reclaimed` are the value left on the passes at `spend_until`.
	///
	/// The first `VoucherLedger::expire` after `spend_until` expires the whole program in
	/// policy funds (every outstanding voucher back to the free budget at once); `expire`
	/// still answers what each voucher had left, so the report counts it (a regression test:
	/// it once answered 0, which the pallet's mock ledger could not show).
	#[test]
	fn the_take_back_reports_what_it_took_back() {
		ext("development").execute_with(|| {
			let (round, _, used) = spend_one_pass_partly();
			pallet_timestamp::Now::<Runtime>::put(NOW + 120 * DAY);
			assert_ok!(YouthCulturePass::reclaim(signed(&alice()), round, 10));
			let amounts: Vec<u128> = System::events()
				.iter()
				.filter_map(|r| match &r.event {
					RuntimeEvent::YouthCulturePass(
						pallet_youth_culture_pass::Event::Reclaimed { amount, .. },
					) => Some(*amount),
					_ => None,
				})
				.collect();
			assert_eq!(amounts, vec![2 * FACE - used]);
			let report = YouthCulturePass::report(round).unwrap();
			assert_eq!(report.reclaimed, 2 * FACE - used);
			assert_eq!(report.tiers[0].tally.reclaimed, 2 * FACE - used);
		});
	}

	/// The account and citizen of `youth(n)`.
	fn youth_of(n: u8) -> (AccountId, citizen_primitives::CitizenId) {
		let who = account(n);
		let id = pallet_citizen_id::CitizenOf::<Runtime>::get(&who).unwrap();
		(who, id)
	}

	/// A first-come round; youths 51 and 52 buy; 51 books a 30,000 offer, settled to the
	/// organiser at its date (60 days in). Returns (round, program, value used).
	fn spend_one_pass_partly() -> (RoundId, u32, u128) {
		const PRICE: u128 = 30_000;
		city();
		let (round, program) = open_round(Mode::FirstCome, 2);
		let (a, _) = youth(51);
		let (b, _) = youth(52);
		pallet_timestamp::Now::<Runtime>::put(NOW);
		assert_ok!(YouthCulturePass::buy(signed(&a), round, 0));
		assert_ok!(YouthCulturePass::buy(signed(&b), round, 0));
		let date = NOW + 60 * DAY;
		assert_ok!(YouthCulturePass::designate_offer(
			root(),
			round,
			OfferTerms {
				organiser: organiser(),
				kind: OfferKind::Package,
				name: name("패키지", "Package"),
				price: PRICE,
				seats: 5,
				date,
				cancel_until: date,
			}
		));
		assert_ok!(YouthCulturePass::book(signed(&a), 0));
		pallet_timestamp::Now::<Runtime>::put(date);
		assert_ok!(YouthCulturePass::settle_offer(signed(&alice()), 0, 10));
		assert_eq!(PolicyFunds::report(program).unwrap().spent, PRICE);
		invariants(program);
		(round, program, PRICE)
	}

	/// `buy`, `enter` and `book` are a youth's own public-service calls: a citizen holding no
	/// native token is admitted fee-free (within the daily allowance) and the call dispatches.
	#[test]
	fn buy_enter_and_book_are_free_for_a_citizen_without_native_token() {
		use crate::citizen_fees::{FeeVal, NonceWeightAndFee};
		use sp_runtime::{
			traits::{Dispatchable, TransactionExtension, TxBaseImplication},
			transaction_validity::{TransactionSource, TransactionValidityError},
		};
		/// Validate and prepare `call` from `who` as a block author would; whether it is free.
		fn admit(who: &AccountId, call: &RuntimeCall) -> Result<bool, TransactionValidityError> {
			let info = call.get_dispatch_info();
			let ext = NonceWeightAndFee::new(System::account_nonce(who), 0);
			let (_, val, origin) = ext.validate(
				RuntimeOrigin::signed(who.clone()),
				call,
				&info,
				150,
				(),
				&TxBaseImplication(call),
				TransactionSource::External,
			)?;
			let free = matches!(val.2, FeeVal::Free(_));
			ext.prepare(val, &origin, call, &info, 150)?;
			Ok(free)
		}
		ext("development").execute_with(|| {
			city();
			let (first_come, _) = open_round(Mode::FirstCome, 2);
			let (lottery, _) = open_round(Mode::Lottery { beacon_round: BEACON_ROUND }, 2);
			let date = NOW + 30 * DAY;
			assert_ok!(YouthCulturePass::designate_offer(
				root(),
				first_come,
				OfferTerms {
					organiser: organiser(),
					kind: OfferKind::Festival,
					name: name("축제", "Festival"),
					price: 20_000,
					seats: 10,
					date,
					cancel_until: date,
				}
			));
			let (a, a_id) = youth(61);
			let (b, b_id) = youth(62);
			pallet_timestamp::Now::<Runtime>::put(NOW);
			let calls = [
				(
					&a,
					RuntimeCall::YouthCulturePass(pallet_youth_culture_pass::Call::buy {
						round: first_come,
						tier: 0,
					}),
				),
				(
					&a,
					RuntimeCall::YouthCulturePass(pallet_youth_culture_pass::Call::book {
						offer: 0,
					}),
				),
				(
					&b,
					RuntimeCall::YouthCulturePass(pallet_youth_culture_pass::Call::enter {
						round: lottery,
						tier: 0,
					}),
				),
			];
			for (who, call) in calls {
				assert_eq!(admit(who, &call), Ok(true), "{call:?} is free");
				assert_ok!(call.dispatch(signed(who)));
				assert_eq!(pallet_balances::Pallet::<Runtime>::free_balance(who), 0);
			}
			assert_eq!(CitizenId::free_calls_left(a_id), 18);
			assert_eq!(CitizenId::free_calls_left(b_id), 19);
			assert!(pallet_youth_culture_pass::EntryOf::<Runtime>::contains_key(lottery, b_id));
			// The city's and the permissionless calls are not free.
			let draw = RuntimeCall::YouthCulturePass(pallet_youth_culture_pass::Call::draw {
				round: lottery,
				max_steps: 1,
			});
			assert!(admit(&a, &draw).is_err(), "nothing to pay with");
		});
	}
}

mod facility_booking_flow {
	//! Facility booking with the real citizen ID and assets pallets, on the development
	//! preset's map of Busan.
	use super::*;
	use crate::FacilityBooking;
	use citizen_primitives::{ClaimValue, LocalizedName};
	use frame_support::{traits::Hooks, weights::Weight};
	use pallet_facility_booking::{weekday, CancelReason, Error, GeoPoint, RefundTier};

	const DAY: u64 = crate::DAY_MS;
	const NOW: u64 = citizen_primitives::testing::epochs::MAY_22_2026;
	const FEE: u128 = 8_000;
	const POCKET: u128 = 100_000;
	/// Busan Simin Library, facility 0 of the preset, in Busanjin-gu (zone 5).
	const SIMIN: GeoPoint = GeoPoint { lat_micro: 35_161_700, lon_micro: 129_043_100 };

	fn signed(who: &AccountId) -> RuntimeOrigin {
		RuntimeOrigin::signed(who.clone())
	}
	fn dbw(who: &AccountId) -> u128 {
		Assets::balance(LOCAL_CURRENCY_ID, who)
	}
	fn issuance() -> u128 {
		pallet_assets::Asset::<Runtime>::get(LOCAL_CURRENCY_ID).unwrap().supply
	}
	fn manager() -> AccountId {
		Sr25519Keyring::Dave.to_account_id()
	}
	fn invariants() {
		FacilityBooking::do_try_state().unwrap();
		CitizenId::do_try_state().unwrap();
	}

	/// The development preset registers Busan's 16 districts as living zones and 8 of its
	/// facilities; "near me" finds the Simin library at its own coordinates, and looks only in
	/// the point's zone and its neighbours.
	#[test]
	fn the_development_preset_maps_busan() {
		ext("development").execute_with(|| {
			let zones = FacilityBooking::zones();
			assert_eq!(zones.len(), 16);
			assert_eq!(
				zones.iter().map(|z| z.id).collect::<Vec<_>>(),
				(1..=16).collect::<Vec<_>>()
			);
			assert_eq!(pallet_facility_booking::NextFacilityId::<Runtime>::get(), 8);
			assert_eq!(FacilityBooking::zone_of(SIMIN), Some(5));

			let near = FacilityBooking::facilities_near(SIMIN, 1_000, None, 10);
			assert_eq!(near[0].id, 0);
			assert_eq!(near[0].name.en, b"Busan Simin Library".to_vec());
			assert_eq!((near[0].zone, near[0].category, near[0].distance_m), (5, 1, 0));
			let simin = FacilityBooking::facility(0).unwrap();
			assert_eq!(simin.fee, None, "libraries are free");

			// Sports halls within 20 km: Sajik (Dongnae-gu, a neighbour), not Geumjeong's hall
			// (Geumjeong-gu borders Dongnae-gu, not Busanjin-gu).
			let halls = FacilityBooking::facilities_near(SIMIN, 20_000, Some(2), 10);
			assert_eq!(halls.iter().map(|f| f.id).collect::<Vec<_>>(), vec![3]);
			assert_eq!(halls[0].name.en, b"Sajik Indoor Gymnasium".to_vec());
			invariants();
		});
	}

	/// A paid facility registered by the city: a resident of its zone books ahead of
	/// everyone else, the fee moving from their local currency to the facility's account;
	/// cancelling at least 5 days ahead refunds 100 %; the manager's closure cancels the
	/// bookings on the closed days with a full refund, by `process_closures` and `on_idle`.
	/// The local currency's total issuance never changes: fees and refunds only move it.
	#[test]
	fn a_resident_pays_cancels_and_a_closure_refunds_in_full() {
		ext("development").execute_with(|| {
			pallet_timestamp::Now::<Runtime>::put(NOW);
			let issuer = Sr25519Keyring::Charlie.to_account_id();
			assert_ok!(CitizenId::register_issuer(
				RuntimeOrigin::root(),
				issuer.clone().into(),
				claim_kinds([ClaimKind::Resident])
			));
			// A resident of Busanjin-gu (5) and one of Haeundae-gu (9), each with 100,000.
			let mut citizens = Vec::new();
			for (n, zone) in [(71u8, 5u16), (72, 9)] {
				let who = sp_core::crypto::AccountId32::new([n; 32]);
				assert_ok!(CitizenId::register_citizen(
					signed(&issuer),
					who.clone().into(),
					sp_core::H256::repeat_byte(n),
					zone
				));
				let id = pallet_citizen_id::CitizenOf::<Runtime>::get(&who).unwrap();
				assert_ok!(CitizenId::issue_claim(
					signed(&issuer),
					id,
					ClaimValue::Resident { zone, since: NOW - 400 * DAY },
					NOW - DAY,
					NOW + 365 * DAY
				));
				assert_ok!(Assets::transfer(
					signed(&alice()),
					LOCAL_CURRENCY_ID.into(),
					who.clone().into(),
					POCKET
				));
				citizens.push(who);
			}
			let (resident, visitor) = (citizens[0].clone(), citizens[1].clone());
			let supply = issuance();

			// A sports centre in Busanjin-gu with the preset's rules (hours, horizons: residents
			// 14 days ahead, everyone else 7; refunds 100 % from 5 days before, 90 % from 1),
			// charging `FEE` a booking, managed by Dave.
			let mut spec = pallet_facility_booking::Facilities::<Runtime>::get(3).unwrap().spec;
			spec.zone = 5;
			spec.category = 2;
			spec.name =
				LocalizedName::new("부산진구 국민체육센터".as_bytes(), b"Busanjin Sports Centre")
					.unwrap();
			spec.location = GeoPoint { lat_micro: 35_165_000, lon_micro: 129_050_000 };
			spec.fee = Some(FEE);
			spec.manager = manager();
			assert_eq!((spec.resident_horizon_days, spec.public_horizon_days), (14, 7));
			assert_eq!(
				spec.refund_tiers.to_vec(),
				vec![
					RefundTier { min_days_before: 5, percent: 100 },
					RefundTier { min_days_before: 1, percent: 90 },
				]
			);
			assert_noop!(
				FacilityBooking::register_facility(signed(&manager()), spec.clone()),
				DispatchError::BadOrigin
			);
			assert_ok!(FacilityBooking::register_facility(RuntimeOrigin::root(), spec));
			let facility = 8;
			let account = FacilityBooking::facility_account(facility);
			assert_eq!(FacilityBooking::facility(facility).unwrap().fee, Some(FEE));
			invariants();

			// Two weekdays 8–14 days ahead: open to the zone's residents only.
			let today = FacilityBooking::today();
			let days: Vec<u32> =
				(today + 8..=today + 14).filter(|d| weekday(*d) < 5).take(2).collect();
			let (day, other_day) = (days[0], days[1]);
			let slot = 10; // 10:00–11:00
			assert_noop!(
				FacilityBooking::book(signed(&visitor), facility, day, slot, 1, FEE),
				Error::<Runtime>::ResidentsOnly
			);
			assert_ok!(FacilityBooking::book(signed(&resident), facility, day, slot, 2, FEE));
			assert_eq!(dbw(&resident), POCKET - FEE);
			assert_eq!(dbw(&account), FEE);
			assert_eq!(issuance(), supply);
			invariants();

			// Cancelled 8+ days ahead: 100 % back.
			let booking = pallet_facility_booking::NextBookingId::<Runtime>::get() - 1;
			assert_ok!(FacilityBooking::cancel(signed(&resident), booking));
			assert_eq!(dbw(&resident), POCKET);
			assert_eq!(dbw(&account), 0);
			assert_eq!(issuance(), supply);
			invariants();

			// Booked again, on two days; the manager closes both.
			assert_ok!(FacilityBooking::book(signed(&resident), facility, day, slot, 2, FEE));
			assert_ok!(FacilityBooking::book(signed(&resident), facility, other_day, slot, 1, FEE));
			assert_eq!(dbw(&resident), POCKET - 2 * FEE);
			assert_eq!(dbw(&account), 2 * FEE);
			assert_noop!(
				FacilityBooking::close(signed(&resident), facility, day, other_day),
				Error::<Runtime>::NotManager
			);
			assert_ok!(FacilityBooking::close(signed(&manager()), facility, day, other_day));
			assert_noop!(
				FacilityBooking::book(signed(&resident), facility, day, slot + 1, 1, FEE),
				Error::<Runtime>::ClosedOnDay
			);
			// Anyone works through a step; the idle hook does the rest.
			assert_ok!(FacilityBooking::process_closures(signed(&alice()), facility, 1));
			assert_eq!(dbw(&resident), POCKET - FEE);
			FacilityBooking::on_idle(2, Weight::MAX);
			assert_eq!(dbw(&resident), POCKET, "every fee back in full");
			assert_eq!(dbw(&account), 0);
			let refunds: Vec<u128> = System::events()
				.iter()
				.filter_map(|r| match &r.event {
					RuntimeEvent::FacilityBooking(pallet_facility_booking::Event::Cancelled {
						refund,
						reason: CancelReason::Closure,
						..
					}) => Some(*refund),
					_ => None,
				})
				.collect();
			assert_eq!(refunds, vec![FEE, FEE]);
			assert!(pallet_facility_booking::ClosureQueue::<Runtime>::get().is_empty());
			assert!(pallet_facility_booking::CitizenBookings::<Runtime>::get(
				pallet_citizen_id::CitizenOf::<Runtime>::get(&resident).unwrap()
			)
			.is_empty());
			assert_eq!(issuance(), supply);
			invariants();
		});
	}
	/// A resident of `zone` (citizen `n`) holding `POCKET` of the local currency, registered
	/// by `issuer`.
	fn resident(issuer: &AccountId, n: u8, zone: u16) -> AccountId {
		let who = sp_core::crypto::AccountId32::new([n; 32]);
		assert_ok!(CitizenId::register_citizen(
			signed(issuer),
			who.clone().into(),
			sp_core::H256::repeat_byte(n),
			zone
		));
		let id = pallet_citizen_id::CitizenOf::<Runtime>::get(&who).unwrap();
		assert_ok!(CitizenId::issue_claim(
			signed(issuer),
			id,
			ClaimValue::Resident { zone, since: NOW - 400 * DAY },
			NOW - DAY,
			NOW + 365 * DAY
		));
		assert_ok!(Assets::transfer(
			signed(&alice()),
			LOCAL_CURRENCY_ID.into(),
			who.clone().into(),
			POCKET
		));
		who
	}

	/// The city's issuer of resident claims.
	fn issuer() -> AccountId {
		let issuer = Sr25519Keyring::Charlie.to_account_id();
		assert_ok!(CitizenId::register_issuer(
			RuntimeOrigin::root(),
			issuer.clone().into(),
			claim_kinds([ClaimKind::Resident])
		));
		issuer
	}

	/// A paid two-seat course at a sports centre in Busanjin-gu (zone 5) managed by Dave: it
	/// fills, the third resident waits at position 1 and the fourth at 2; a withdrawal 10 days
	/// ahead is refunded in full and offers the seat to the head, who confirms and pays; an
	/// offer left unconfirmed past its hour passes on in the idle hook; the manager cancels and
	/// the idle hook refunds every seat in full. Enrolling, withdrawing and confirming are
	/// fee-free public-service calls. The local currency's supply never changes.
	#[test]
	fn a_course_waitlists_offers_and_a_cancellation_refunds_every_seat() {
		use pallet_facility_booking::{CourseSpec, Event as FbEvent, Session, StandingView};
		ext("development").execute_with(|| {
			pallet_timestamp::Now::<Runtime>::put(NOW);
			let issuer = issuer();
			let r: Vec<AccountId> = (81..85).map(|n| resident(&issuer, n, 5)).collect();
			let id_of =
				|who: &AccountId| pallet_citizen_id::CitizenOf::<Runtime>::get(who).unwrap();
			let supply = issuance();

			let mut spec = pallet_facility_booking::Facilities::<Runtime>::get(3).unwrap().spec;
			spec.zone = 5;
			spec.location = GeoPoint { lat_micro: 35_165_000, lon_micro: 129_050_000 };
			spec.manager = manager();
			assert_ok!(FacilityBooking::register_facility(RuntimeOrigin::root(), spec.clone()));
			let facility = pallet_facility_booking::NextFacilityId::<Runtime>::get() - 1;
			let account = FacilityBooking::facility_account(facility);
			let today = FacilityBooking::today();
			let course_spec = CourseSpec {
				name: LocalizedName::new(
					"어린이 생존수영".as_bytes(),
					b"Children's survival swimming",
				)
				.unwrap(),
				sessions: vec![
					Session { day: today + 10, start_minute: 600, end_minute: 660 },
					Session { day: today + 12, start_minute: 600, end_minute: 660 },
				]
				.try_into()
				.unwrap(),
				seats: 2,
				fee: Some(FEE),
				residents_from: NOW,
				public_from: NOW + DAY,
				enrol_until: NOW + 9 * DAY,
				offer_minutes: 60,
				required_claims: Default::default(),
				refund_tiers: spec.refund_tiers.clone(),
			};
			assert_noop!(
				FacilityBooking::publish_course(signed(&r[0]), facility, course_spec.clone()),
				Error::<Runtime>::NotManager
			);
			assert_ok!(FacilityBooking::publish_course(signed(&manager()), facility, course_spec));
			let course = pallet_facility_booking::NextCourseId::<Runtime>::get() - 1;

			// Fee-free for citizens.
			let call = RuntimeCall::FacilityBooking(pallet_facility_booking::Call::enroll {
				course,
				max_fee: FEE,
			});
			assert!(crate::citizen_fees::free_for(&r[0], 0, &call, call.encoded_size()).is_some());

			for who in &r {
				assert_ok!(FacilityBooking::enroll(signed(who), course, FEE));
			}
			assert_eq!(dbw(&account), 2 * FEE);
			let position = |who: &AccountId| {
				FacilityBooking::citizen_courses(who).unwrap().courses[0].standing
			};
			assert_eq!(position(&r[2]), StandingView::Waiting { position: 1 });
			assert_eq!(position(&r[3]), StandingView::Waiting { position: 2 });
			let view = FacilityBooking::course(course).unwrap();
			assert_eq!((view.enrolled, view.waiting, view.free), (2, 2, 0));
			invariants();

			// A withdrawal 10 days ahead: 100 % back, the seat offered to the head.
			assert_ok!(FacilityBooking::withdraw(signed(&r[0]), course));
			assert_eq!(dbw(&r[0]), POCKET);
			assert_eq!(
				position(&r[2]),
				StandingView::Offered { until: NOW + 60 * 60_000, expired: false }
			);
			assert_eq!(position(&r[3]), StandingView::Waiting { position: 1 });
			assert_ok!(FacilityBooking::confirm_offer(signed(&r[2]), course, FEE));
			assert_eq!(dbw(&r[2]), POCKET - FEE);
			assert_eq!(position(&r[2]), StandingView::Enrolled);

			// Another withdrawal: the seat is offered to the fourth, who lets the hour pass; the
			// idle hook passes the offer on (nobody left waiting: the seat is free again).
			assert_ok!(FacilityBooking::withdraw(signed(&r[1]), course));
			pallet_timestamp::Now::<Runtime>::put(NOW + 61 * 60_000);
			FacilityBooking::on_idle(2, Weight::MAX);
			assert!(System::events().iter().any(|e| e.event
				== RuntimeEvent::FacilityBooking(FbEvent::OfferLapsed {
					course,
					citizen: id_of(&r[3])
				})));
			assert!(FacilityBooking::citizen_courses(&r[3]).unwrap().courses.is_empty());
			assert_eq!(FacilityBooking::course(course).unwrap().free, 1);
			invariants();

			// The manager cancels: the idle hook refunds the remaining seat in full.
			assert_ok!(FacilityBooking::cancel_course(signed(&manager()), course));
			FacilityBooking::on_idle(3, Weight::MAX);
			assert!(FacilityBooking::course(course).is_none());
			for who in &r {
				assert_eq!(dbw(who), POCKET);
			}
			assert_eq!(dbw(&account), 0);
			assert_eq!(issuance(), supply);
			invariants();
		});
	}

	/// Events near a point in a date range, nearest first, from the map of the development
	/// preset: two events near the Simin library and one across the city; a registration is
	/// capacity-limited.
	#[test]
	fn events_near_the_simin_library_come_back_nearest_first() {
		use pallet_facility_booking::EventSpec;
		ext("development").execute_with(|| {
			pallet_timestamp::Now::<Runtime>::put(NOW);
			let issuer = issuer();
			let who = resident(&issuer, 91, 5);
			let other = resident(&issuer, 92, 5);
			let today = FacilityBooking::today();
			let list = |place: GeoPoint, start: u64, capacity: Option<u32>| {
				let zone = FacilityBooking::zone_of(place).unwrap();
				let spec = EventSpec {
					name: LocalizedName::new("행사".as_bytes(), b"Event").unwrap(),
					zone,
					place,
					facility: None,
					start,
					end: start + 2 * 3_600_000,
					capacity,
				};
				assert_ok!(FacilityBooking::list_event(RuntimeOrigin::root(), spec));
				pallet_facility_booking::NextEventId::<Runtime>::get() - 1
			};
			let moved = |dlat: i32| GeoPoint {
				lat_micro: SIMIN.lat_micro + dlat,
				lon_micro: SIMIN.lon_micro,
			};
			let farther = list(moved(4_000), NOW + DAY, None);
			let nearest = list(moved(1_000), NOW + 2 * DAY, Some(1));
			let later = list(moved(500), NOW + 20 * DAY, None);
			// Haeundae Beach, across the city.
			list(GeoPoint { lat_micro: 35_158_700, lon_micro: 129_160_400 }, NOW + DAY, None);
			let found: Vec<u32> = FacilityBooking::events_near(SIMIN, 5_000, today, today + 7, 10)
				.iter()
				.map(|e| e.id)
				.collect();
			assert_eq!(found, vec![nearest, farther]);
			let all: Vec<u32> = FacilityBooking::events_near(SIMIN, 5_000, today, today + 30, 10)
				.iter()
				.map(|e| e.id)
				.collect();
			assert_eq!(all, vec![later, nearest, farther]);
			assert_ok!(FacilityBooking::register_for_event(signed(&who), nearest));
			assert_noop!(
				FacilityBooking::register_for_event(signed(&other), nearest),
				Error::<Runtime>::EventFull
			);
			invariants();
		});
	}
}

mod bulk_registration {
	//! A city onboarded in bulk, through the real pallets: citizens registered in one batch
	//! hold a Resident claim that policy funds and facility booking accept at once; a refused
	//! citizen does not stop the others; a full batch is a small part of a block; and what a
	//! citizen costs in storage.
	use super::*;
	use crate::{configs::RuntimeBlockWeights, FacilityBooking, PolicyFunds, ProgramTerms};
	use citizen_primitives::{CitizenRegistry, ClaimStatus, VoucherLedger};
	use frame_support::{dispatch::DispatchClass, traits::Get, BoundedBTreeSet, BoundedVec};
	use pallet_citizen_id::{NewCitizen, NewCitizensOf};
	use pallet_facility_booking::weekday;
	use pallet_policy_funds::{ApprovalMode, GrantScope, LocalizedName};
	use sp_core::crypto::AccountId32;
	use sp_runtime::traits::TransactionExtension;
	use std::collections::BTreeMap;

	const DAY: u64 = crate::DAY_MS;
	const NOW: u64 = citizen_primitives::testing::epochs::MAY_22_2026;
	const GRANT: u128 = 50_000;
	/// Busanjin-gu, where the Simin library (facility 0 of the development preset) is.
	const BUSANJIN: u16 = 5;
	const HAEUNDAE: u16 = 9;

	fn signed(who: &AccountId) -> RuntimeOrigin {
		RuntimeOrigin::signed(who.clone())
	}
	fn account(n: u8) -> AccountId {
		AccountId32::new([n; 32])
	}
	fn issuer() -> AccountId {
		Sr25519Keyring::Charlie.to_account_id()
	}
	/// Citizen `n`: account `[n; 32]`, commitment `[n; 32]`, living in `zone` for 400 days.
	fn new(n: u8, zone: u16) -> NewCitizen<AccountId> {
		NewCitizen {
			account: account(n),
			commitment: sp_core::H256::repeat_byte(n),
			zone,
			since: NOW - 400 * DAY,
		}
	}
	fn batch(citizens: Vec<NewCitizen<AccountId>>) -> NewCitizensOf<Runtime> {
		citizens.try_into().expect("within MaxRegistrationBatch")
	}
	fn invariants() {
		CitizenId::do_try_state().unwrap();
		PolicyFunds::do_try_state().unwrap();
		FacilityBooking::do_try_state().unwrap();
	}

	/// The city makes Charlie a Resident issuer; time is `NOW`.
	fn city() {
		pallet_timestamp::Now::<Runtime>::put(NOW);
		assert_ok!(CitizenId::register_issuer(
			RuntimeOrigin::root(),
			issuer().into(),
			claim_kinds([ClaimKind::Resident])
		));
	}

	/// Charlie registers `citizens` with residence valid for a year.
	fn register_all(citizens: Vec<NewCitizen<AccountId>>) {
		assert_ok!(CitizenId::register_citizens(
			signed(&issuer()),
			batch(citizens),
			NOW - DAY,
			NOW + 365 * DAY
		));
	}

	/// City program 0: 50,000 to every resident of at least 90 days, automatic, funded by
	/// Alice.
	fn resident_program() {
		let name = LocalizedName::new("주민 지원금".as_bytes(), b"Resident grant").unwrap();
		let claims =
			BoundedBTreeSet::try_from(std::collections::BTreeSet::from([ClaimKind::Resident]))
				.unwrap();
		let terms: ProgramTerms = pallet_policy_funds::ProgramTerms {
			name,
			amount_per_grant: GRANT,
			required_claims: claims,
			min_residence: 90 * DAY,
			apply_from: NOW,
			apply_until: NOW + 10 * DAY,
			spend_until: NOW + 20 * DAY,
			approval: ApprovalMode::Automatic,
			scope: GrantScope::PerCitizen,
			allowed_categories: BoundedBTreeSet::new(),
			excluded_categories: BoundedBTreeSet::new(),
		};
		assert_ok!(PolicyFunds::create_program(RuntimeOrigin::root(), terms, BoundedVec::new()));
		assert_ok!(PolicyFunds::fund(signed(&alice()), 0, 1_000_000));
	}

	/// Citizens registered in one batch, holding no tokens at all, are residents at once:
	/// they get a city grant and book the residents-only days of their zone's library.
	#[test]
	fn a_batch_registers_residents_who_apply_and_book_at_once() {
		ext("development").execute_with(|| {
			city();
			register_all(vec![new(81, BUSANJIN), new(82, BUSANJIN), new(83, HAEUNDAE)]);
			let ids: Vec<_> = (81..=83)
				.map(|n| pallet_citizen_id::CitizenOf::<Runtime>::get(account(n)).unwrap())
				.collect();
			for (&id, n) in ids.iter().zip(81u8..) {
				let verdict = CitizenId::claim_verdict(id, ClaimKind::Resident).unwrap();
				assert_eq!(verdict.status, ClaimStatus::Active);
				assert_eq!(verdict.issuer, issuer());
				assert_eq!(System::providers(&account(n)), 1, "the ID keeps the account alive");
				assert_eq!(pallet_balances::Pallet::<Runtime>::free_balance(account(n)), 0);
			}
			let registered = System::events()
				.iter()
				.filter(|r| {
					matches!(
						r.event,
						RuntimeEvent::CitizenId(pallet_citizen_id::Event::CitizenRegistered { .. })
					)
				})
				.count();
			assert_eq!(registered, 3);
			invariants();

			// A city grant for residents of 90 days: each applies and is paid at once.
			resident_program();
			for (&id, n) in ids.iter().zip(81u8..) {
				assert_ok!(PolicyFunds::apply(signed(&account(n)), 0));
				assert_eq!(<PolicyFunds as VoucherLedger<_, _>>::balance(0, id), GRANT);
			}
			invariants();

			// The Simin library opens its days 8–14 ahead to residents of Busanjin-gu only.
			let today = FacilityBooking::today();
			let day = (today + 8..=today + 14).find(|d| weekday(*d) < 5).unwrap();
			let slot = 10;
			assert_ok!(FacilityBooking::book(signed(&account(81)), 0, day, slot, 1, 0));
			assert_ok!(FacilityBooking::book(signed(&account(82)), 0, day, slot, 2, 0));
			assert_noop!(
				FacilityBooking::book(signed(&account(83)), 0, day, slot, 1, 0),
				pallet_facility_booking::Error::<Runtime>::ResidentsOnly
			);
			invariants();
		});
	}

	/// A citizen already registered, and a resident number given twice, are refused; the
	/// others of the batch are registered, and the refused leave nothing behind.
	#[test]
	fn a_bad_citizen_in_a_batch_leaves_the_others_registered() {
		ext("development").execute_with(|| {
			city();
			register_all(vec![new(81, BUSANJIN)]);
			let first = pallet_citizen_id::CitizenOf::<Runtime>::get(account(81)).unwrap();
			System::reset_events();
			// Citizen 81's account again, with a new resident number.
			let mut again = new(81, HAEUNDAE);
			again.commitment = sp_core::H256::repeat_byte(91);
			// Citizen 82's resident number again, on a new account.
			let mut twin = new(84, BUSANJIN);
			twin.commitment = new(82, BUSANJIN).commitment;
			register_all(vec![again, new(82, BUSANJIN), twin, new(83, BUSANJIN)]);

			let outcomes: Vec<pallet_citizen_id::Event<Runtime>> = System::events()
				.into_iter()
				.filter_map(|r| match r.event {
					RuntimeEvent::CitizenId(e) => Some(e),
					_ => None,
				})
				.collect();
			let refusal = |index, n, error: pallet_citizen_id::Error<Runtime>| {
				pallet_citizen_id::Event::RegistrationRefused {
					index,
					account: account(n),
					error: error.into(),
				}
			};
			let registered = |citizen, n| pallet_citizen_id::Event::CitizenRegistered {
				citizen,
				account: account(n),
				home_zone: BUSANJIN,
				issuer: issuer(),
			};
			assert_eq!(
				outcomes,
				vec![
					refusal(0, 81, pallet_citizen_id::Error::AccountAlreadyCitizen),
					registered(first + 1, 82),
					refusal(2, 84, pallet_citizen_id::Error::AlreadyRegistered),
					registered(first + 2, 83),
					pallet_citizen_id::Event::BatchRegistered {
						issuer: issuer(),
						registered: 2,
						refused: 2,
						valid_from: NOW - DAY,
						valid_until: NOW + 365 * DAY,
					},
				]
			);
			// The citizen already registered is as he was; the twin left nothing.
			let record = pallet_citizen_id::Citizens::<Runtime>::get(first).unwrap();
			assert_eq!(record.home_zone, BUSANJIN);
			assert_eq!(System::providers(&account(81)), 1);
			assert_eq!(
				pallet_citizen_id::Commitments::<Runtime>::get(sp_core::H256::repeat_byte(91)),
				None
			);
			assert_eq!(pallet_citizen_id::CitizenOf::<Runtime>::get(account(84)), None);
			assert_eq!(System::providers(&account(84)), 0);
			assert!(!frame_system::Account::<Runtime>::contains_key(account(84)));
			for n in [82, 83] {
				let id = pallet_citizen_id::CitizenOf::<Runtime>::get(account(n)).unwrap();
				assert!(CitizenId::has_valid_claim(id, ClaimKind::Resident));
			}
			invariants();
		});
	}

	/// Every key under `prefix`, with its value's length.
	fn entries(prefix: &[u8]) -> BTreeMap<Vec<u8>, usize> {
		let mut found = BTreeMap::new();
		let mut key = prefix.to_vec();
		while let Some(next) = sp_io::storage::next_key(&key) {
			if !next.starts_with(prefix) {
				break;
			}
			found.insert(next.clone(), sp_io::storage::get(&next).map_or(0, |v| v.len()));
			key = next;
		}
		found
	}

	/// Key and value bytes of the entries under `prefix` that `act` creates.
	fn created(prefix: &[u8], act: impl FnOnce()) -> Vec<(usize, usize)> {
		let before = entries(prefix);
		act();
		entries(prefix)
			.into_iter()
			.filter(|(key, _)| !before.contains_key(key))
			.map(|(key, value)| (key.len(), value))
			.collect()
	}

	/// What one citizen costs in storage, measured: its record with the Resident claim, its
	/// account index and its commitment (citizen ID), and a voucher (policy funds); besides,
	/// the account entry its provider reference creates for an account new to the chain.
	#[test]
	fn what_a_citizen_costs_in_storage() {
		ext("development").execute_with(|| {
			city();
			resident_program();
			register_all(vec![new(80, BUSANJIN)]);
			let citizen_id = sp_io::hashing::twox_128(b"CitizenId").to_vec();
			let policy_funds = sp_io::hashing::twox_128(b"PolicyFunds").to_vec();
			let accounts =
				[sp_io::hashing::twox_128(b"System"), sp_io::hashing::twox_128(b"Account")]
					.concat();
			let mut account_entry = Vec::new();
			let id_entries = created(&citizen_id, || {
				account_entry = created(&accounts, || register_all(vec![new(81, BUSANJIN)]));
			});
			let voucher = created(&policy_funds, || {
				assert_ok!(PolicyFunds::apply(signed(&account(81)), 0));
			});
			let sum = |e: &[(usize, usize)]| {
				(e.iter().map(|(k, _)| k).sum::<usize>(), e.iter().map(|(_, v)| v).sum::<usize>())
			};
			let (id_keys, id_values) = sum(&id_entries);
			let (voucher_keys, voucher_values) = sum(&voucher);
			let (account_keys, account_values) = sum(&account_entry);
			println!(
				"citizen ID: {} entries, keys {id_keys} B, values {id_values} B; voucher: {} \
				 entries, keys {voucher_keys} B, values {voucher_values} B; account entry: keys \
				 {account_keys} B, values {account_values} B",
				id_entries.len(),
				voucher.len(),
			);
			// Record (48 + 173: 111 of ID, 62 of Resident claim), account index (80 + 8),
			// commitment (64 + 8).
			assert_eq!(id_entries.len(), 3);
			assert_eq!((id_keys, id_values), (48 + 80 + 64, 173 + 8 + 8));
			assert_eq!(voucher.len(), 1, "one entry per citizen and program");
			assert!(id_values + voucher_values <= 256, "the values of a citizen fit 256 bytes");
			assert_eq!(account_entry.len(), 1);
		});
	}

	/// A full batch is a small part of a block, and with the runtime's weights the normal
	/// class of one block takes at least 5,700 registrations: as many full batches as fit,
	/// then the largest batch that fits what is left.
	#[test]
	fn a_block_takes_at_least_5700_registrations() {
		let max = <Runtime as pallet_citizen_id::Config>::MaxRegistrationBatch::get();
		let limits = RuntimeBlockWeights::get();
		let normal = limits.get(DispatchClass::Normal);
		let budget = normal.max_total.unwrap().ref_time();
		let extension = crate::citizen_fees::NonceWeightAndFee::new(0, 0);
		let cost = |n: u32| {
			let citizens = (0..n)
				.map(|i| NewCitizen {
					account: AccountId32::new([0; 32]),
					commitment: sp_core::H256::from_low_u64_be(i.into()),
					zone: BUSANJIN,
					since: 0,
				})
				.collect::<Vec<_>>();
			let call = RuntimeCall::CitizenId(pallet_citizen_id::Call::register_citizens {
				citizens: batch(citizens),
				valid_from: NOW,
				valid_until: NOW + DAY,
			});
			let weight = call
				.get_dispatch_info()
				.call_weight
				.saturating_add(extension.weight(&call))
				.saturating_add(normal.base_extrinsic);
			// Also within the block's length.
			assert!((call.encoded_size() as u32) < *limits_len().max.get(DispatchClass::Normal));
			weight.ref_time()
		};
		let full = cost(max);
		assert!(full * 10 <= budget, "a full batch is at most a tenth of the normal class");
		assert!(full <= normal.max_extrinsic.unwrap().ref_time());
		let batches = budget / full;
		let rest = budget - batches * full;
		let tail = (0..max).rev().find(|n| *n == 0 || cost(*n) <= rest).unwrap_or(0);
		let per_block = batches * u64::from(max) + u64::from(tail);
		println!(
			"a full batch of {max}: {} µs; {batches} full batches and one of {tail}: \
			 {per_block} registrations a block",
			full / 1_000_000
		);
		assert!(per_block >= 5_700, "{per_block} registrations a block");
	}

	fn limits_len() -> frame_system::limits::BlockLength {
		<Runtime as frame_system::Config>::BlockLength::get()
	}
}
