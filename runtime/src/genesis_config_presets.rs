//! Genesis presets: `development`, `local_testnet` and `city_testnet`.
//!
//! Every preset creates the local currency (asset [`LOCAL_CURRENCY_ID`], "Dongbaek won", no
//! minor unit, sufficient so merchants and program accounts need no native token) with the
//! city as its admin, and seats a council whose majority acts as [`crate::CityOrigin`].

use crate::{
	busan, AccountId, AssetsConfig, AuraConfig, BalancesConfig, CitizenIdConfig, CouncilConfig,
	FacilityBookingConfig, GrandpaConfig, MultiChildPointsConfig, RuntimeGenesisConfig, SudoConfig,
	YouthCulturePassConfig, DAY_MS, LOCAL_CURRENCY_ID, UNIT, WON,
};
use alloc::{vec, vec::Vec};
use citizen_drand::BeaconInfo;
use frame_support::build_struct_json_patch;
use pallet_facility_booking::{
	CategoryRules, GenesisCategory, GenesisFacility, GenesisZone, GeoPoint, RefundTier,
};
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_core::{crypto::UncheckedFrom, hex2array};
use sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// The preset for the four-institution city testnet.
pub const CITY_TESTNET_RUNTIME_PRESET: &str = "city_testnet";

/// The local currency's name, symbol and decimals.
pub const LOCAL_CURRENCY_NAME: &[u8] = b"Dongbaek won";
pub const LOCAL_CURRENCY_SYMBOL: &[u8] = b"DBW";
pub const LOCAL_CURRENCY_DECIMALS: u8 = 0;

/// Native token each endowed account starts with.
const ENDOWMENT: u128 = 1_000_000 * UNIT;
/// Local currency each endowed account starts with on dev chains.
const DEV_LOCAL_CURRENCY: u128 = 10_000_000 * WON;

/// A validator: its account, Aura key and GRANDPA key.
pub struct Validator {
	pub account: AccountId,
	pub aura: AuraId,
	pub grandpa: GrandpaId,
}

impl Validator {
	fn dev(sr: Sr25519Keyring, ed: Ed25519Keyring) -> Self {
		Self { account: sr.to_account_id(), aura: sr.public().into(), grandpa: ed.public().into() }
	}

	fn from_raw(sr25519: [u8; 32], ed25519: [u8; 32]) -> Self {
		Self {
			account: AccountId::new(sr25519),
			aura: AuraId::unchecked_from(sr25519),
			grandpa: GrandpaId::unchecked_from(ed25519),
		}
	}
}

/// What differs between presets.
struct Network {
	validators: Vec<Validator>,
	/// Sudo, and admin of the local currency.
	city: AccountId,
	council: Vec<AccountId>,
	endowed: Vec<AccountId>,
	local_currency_holders: Vec<(AccountId, u128)>,
	recovery_delay_ms: u64,
	/// The beacon youth-pass lotteries are seeded from: drand quicknet on a real network, the
	/// dev beacon (whose secret key is public, so anyone can sign its rounds) on dev chains.
	beacon: BeaconInfo,
}

/// Busan's districts as living zones ([`busan::ZONES`]).
fn busan_zones() -> Vec<GenesisZone> {
	busan::ZONES
		.iter()
		.map(|(id, ko, en, lat, lon, neighbours)| GenesisZone {
			id: *id,
			name_ko: ko.as_bytes().to_vec(),
			name_en: en.as_bytes().to_vec(),
			point: GeoPoint { lat_micro: *lat, lon_micro: *lon },
			neighbours: neighbours.to_vec(),
		})
		.collect()
}

/// Libraries, sports halls, children's culture spaces and community centres, with the rules
/// Busan's districts use: at most 4 bookings a month per category; 3 no-shows within 90 days
/// suspend booking in the category for 30 days.
fn busan_categories() -> Vec<GenesisCategory> {
	busan::CATEGORIES
		.iter()
		.map(|(id, ko, en)| GenesisCategory {
			id: *id,
			name_ko: ko.as_bytes().to_vec(),
			name_en: en.as_bytes().to_vec(),
			rules: CategoryRules {
				monthly_quota: 4,
				no_show_limit: 3,
				no_show_window: 90 * DAY_MS,
				suspension: 30 * DAY_MS,
			},
		})
		.collect()
}

/// A handful of Busan's facilities ([`busan::FACILITIES`]), managed by `manager`: open
/// 09:00–18:00 on weekdays and 10:00–17:00 on Saturdays in one-hour slots; residents of the
/// zone book 14 days ahead, everyone else 7; refunds 100 % from 5 days before, 90 % from the
/// day before, nothing on the day.
fn busan_facilities(manager: &AccountId) -> Vec<GenesisFacility<AccountId, u128>> {
	let weekday = Some((9 * 60, 18 * 60));
	let saturday = Some((10 * 60, 17 * 60));
	busan::FACILITIES
		.iter()
		.map(|(zone, category, ko, en, lat, lon, capacity, fee)| GenesisFacility {
			zone: *zone,
			category: *category,
			name_ko: ko.as_bytes().to_vec(),
			name_en: en.as_bytes().to_vec(),
			location: GeoPoint { lat_micro: *lat, lon_micro: *lon },
			capacity: *capacity,
			max_party: None,
			hours: [weekday, weekday, weekday, weekday, weekday, saturday, None],
			slot_minutes: 60,
			resident_horizon_days: 14,
			public_horizon_days: 7,
			fee: (*fee > 0).then_some(*fee * WON),
			refund_tiers: vec![
				RefundTier { min_days_before: 5, percent: 100 },
				RefundTier { min_days_before: 1, percent: 90 },
			],
			manager: manager.clone(),
		})
		.collect()
}

fn genesis(network: Network) -> Value {
	let Network {
		validators,
		city,
		council,
		endowed,
		local_currency_holders,
		recovery_delay_ms,
		beacon,
	} = network;
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed.iter().cloned().map(|k| (k, ENDOWMENT)).collect::<Vec<_>>(),
		},
		aura: AuraConfig { authorities: validators.iter().map(|v| v.aura.clone()).collect() },
		grandpa: GrandpaConfig {
			authorities: validators.iter().map(|v| (v.grandpa.clone(), 1)).collect(),
		},
		sudo: SudoConfig { key: Some(city.clone()) },
		council: CouncilConfig { members: council },
		assets: AssetsConfig {
			assets: vec![(LOCAL_CURRENCY_ID, city.clone(), true, 1)],
			metadata: vec![(
				LOCAL_CURRENCY_ID,
				LOCAL_CURRENCY_NAME.to_vec(),
				LOCAL_CURRENCY_SYMBOL.to_vec(),
				LOCAL_CURRENCY_DECIMALS,
			)],
			accounts: local_currency_holders
				.into_iter()
				.map(|(who, amount)| (LOCAL_CURRENCY_ID, who, amount))
				.collect::<Vec<_>>(),
		},
		citizen_id: CitizenIdConfig { recovery_delay: recovery_delay_ms },
		// The city's treasury funds the services' own programs (multi-child points, ...).
		multi_child_points: MultiChildPointsConfig { treasury: Some(city.clone()) },
		youth_culture_pass: YouthCulturePassConfig {
			treasury: Some(city.clone()),
			beacon: Some(beacon),
		},
		facility_booking: FacilityBookingConfig {
			zones: busan_zones(),
			categories: busan_categories(),
			facilities: busan_facilities(&city),
		},
	})
}

fn dev_accounts() -> Vec<AccountId> {
	Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect()
}

/// One validator (Alice), who is also sudo and the city; dev accounts hold native token and
/// local currency; a 30 s recovery delay so recovery can be tried by hand.
fn development() -> Value {
	let dev = dev_accounts();
	genesis(Network {
		validators: vec![Validator::dev(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		city: Sr25519Keyring::Alice.to_account_id(),
		council: vec![
			Sr25519Keyring::Alice.to_account_id(),
			Sr25519Keyring::Bob.to_account_id(),
			Sr25519Keyring::Charlie.to_account_id(),
		],
		local_currency_holders: dev.iter().cloned().map(|a| (a, DEV_LOCAL_CURRENCY)).collect(),
		endowed: dev,
		recovery_delay_ms: 30_000,
		beacon: BeaconInfo::DEV,
	})
}

/// Alice and Bob validate; otherwise as `development`.
fn local_testnet() -> Value {
	let dev = dev_accounts();
	genesis(Network {
		validators: vec![
			Validator::dev(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			Validator::dev(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
		],
		city: Sr25519Keyring::Alice.to_account_id(),
		council: vec![Sr25519Keyring::Alice.to_account_id(), Sr25519Keyring::Bob.to_account_id()],
		local_currency_holders: dev.iter().cloned().map(|a| (a, DEV_LOCAL_CURRENCY)).collect(),
		endowed: dev,
		recovery_delay_ms: 30_000,
		beacon: BeaconInfo::DEV,
	})
}

/// The four institutions that run the city testnet, in order: city hall, the partner bank, a
/// district office and a university. Their keys derive from the dev phrase with the paths
/// `//CityHall`, `//PartnerBank`, `//DistrictOffice` and `//University` (sr25519 for the
/// account and Aura, ed25519 for GRANDPA), so anyone can run a testnet validator; a real
/// launch replaces them with keys generated on the operators' own machines.
pub fn city_testnet_validators() -> Vec<Validator> {
	CITY_TESTNET_KEYS.iter().map(|(sr, ed)| Validator::from_raw(*sr, *ed)).collect()
}

/// (sr25519, ed25519) public keys of `//CityHall`, `//PartnerBank`, `//DistrictOffice` and
/// `//University`; `tests::city_testnet_keys_derive_from_their_paths` checks them.
pub const CITY_TESTNET_KEYS: [([u8; 32], [u8; 32]); 4] = [
	// //CityHall: 5FTx8a7Uoji4MU9E9j1vP4ryHrgvpzfPLxCvR1N1rARzKZ27
	(
		hex2array!("966f65573dc9b6f721191b53ebdaee7868945b030b62bea1cd6a5b90ffdb2601"),
		hex2array!("0e22f88b9c477a624fdbf27960c60f80d814a8705ff2823b738b73f3d395b340"),
	),
	// //PartnerBank: 5FHqes1P7mHBmqs5RLaeKKu9dXPX4kFJPNEXiSYv5rtCvbbD
	(
		hex2array!("8eb922c4bbb1a38f0e27e388f3f44266b17c855f3019cc8db58d2f50fbb3b44d"),
		hex2array!("cdc52f910ebaa0ee7b65c42ffa99ddd904520b7c6a7ebc9b085dfbfbc8b85ed7"),
	),
	// //DistrictOffice: 5EHGDETigUTzr179XLqVDzWU2Q93nF2MvePwJD3EnBoCmNLt
	(
		hex2array!("620c53af7f8ecb2d803a2a27f0b0c65f69d0118d1e369166afd8656b39dd0205"),
		hex2array!("385b50cf15dc32bbbd26fd3fc9707fd25d44faaf48e7719ccf744227c7be03eb"),
	),
	// //University: 5G1Nydd42LGmjjqnHzr75bNdBJEtcd1FzcLG3pZHnG57an8J
	(
		hex2array!("ae67a45db5da3773dc1761caaa3051e7104f85b4e58757c8604a77dfe3f4021a"),
		hex2array!("0654fbbcd7a0f500db719aac006f4fff2b604ec435d86591743ef69c517fdf66"),
	),
];

/// City hall is sudo and the currency's admin; the four operators form the council; no local
/// currency exists until the bank mints it; a one-day recovery delay.
fn city_testnet() -> Value {
	let validators = city_testnet_validators();
	let operators: Vec<AccountId> = validators.iter().map(|v| v.account.clone()).collect();
	let [(city_hall, _), ..] = CITY_TESTNET_KEYS;
	genesis(Network {
		city: AccountId::new(city_hall),
		council: operators.clone(),
		endowed: operators,
		validators,
		local_currency_holders: vec![],
		recovery_delay_ms: DAY_MS,
		beacon: BeaconInfo::QUICKNET,
	})
}

/// The preset called `id`, as JSON.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		DEV_RUNTIME_PRESET => development(),
		LOCAL_TESTNET_RUNTIME_PRESET => local_testnet(),
		CITY_TESTNET_RUNTIME_PRESET => city_testnet(),
		_ => return None,
	};
	// Serialising a `serde_json::Value` cannot fail.
	Some(
		serde_json::to_string(&patch)
			.expect("serialization to json is expected to work. qed.")
			.into_bytes(),
	)
}

/// The names of the presets.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(DEV_RUNTIME_PRESET),
		PresetId::from(LOCAL_TESTNET_RUNTIME_PRESET),
		PresetId::from(CITY_TESTNET_RUNTIME_PRESET),
	]
}
