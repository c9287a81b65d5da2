//! Runtime-level tests: genesis presets and the city's origin.

use crate::{
	genesis_config_presets::*, AccountId, Assets, CitizenId,
	Council, Runtime, RuntimeCall, RuntimeEvent, RuntimeGenesisConfig, RuntimeOrigin, System,
	LOCAL_CURRENCY_ID,
};
use citizen_primitives::ClaimKind;
use codec::Encode;
use frame_support::{assert_noop, assert_ok, dispatch::GetDispatchInfo};
use sp_core::Pair;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{BuildStorage, DispatchError};

/// `json` merged into `base`, objects key by key (how a chain spec applies a preset).
fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) =>
			for (key, value) in patch {
				merge(base.entry(key).or_insert(serde_json::Value::Null), value);
			},
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
			assert!(!pallet_collective::Members::<Runtime, crate::CouncilCollective>::get().is_empty());
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
		kinds: vec![ClaimKind::Resident],
	})
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
				vec![ClaimKind::Resident]
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
