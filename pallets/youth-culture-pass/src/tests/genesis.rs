//! Genesis: the treasury and the beacon (quicknet unless named; no call changes it).

use super::*;
use sp_runtime::BuildStorage;

#[test]
fn genesis_sets_the_treasury_and_the_beacon() {
	run(|| {
		assert_eq!(Treasury::<Test>::get(), Some(TREASURY));
		assert_eq!(Beacon::<Test>::get(), BeaconInfo::DEV);
	});
}

#[test]
fn the_default_beacon_is_quicknet() {
	let storage = RuntimeGenesisConfig::default().build_storage().unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		assert_eq!(Beacon::<Test>::get(), BeaconInfo::QUICKNET);
		assert_eq!(Treasury::<Test>::get(), None);
	});
}

#[test]
#[should_panic(expected = "TreasuryIsProgramAccount")]
fn genesis_refuses_a_program_account_as_the_treasury() {
	new_test_ext_with(Some(program_account(0)));
}

#[test]
fn the_genesis_config_in_json() {
	let config =
		crate::GenesisConfig::<Test> { treasury: Some(TREASURY), beacon: Some(BeaconInfo::DEV) };
	let json = serde_json::to_value(&config).unwrap();
	assert_eq!(json["treasury"], serde_json::json!(TREASURY));
	assert_eq!(json["beacon"]["genesisMs"], serde_json::json!(1_692_803_367_000u64));
	assert!(json["beacon"]["publicKey"].as_str().unwrap().starts_with("0x9850e5f4"));
	let back: crate::GenesisConfig<Test> = serde_json::from_value(json).unwrap();
	assert_eq!(back.beacon, Some(BeaconInfo::DEV));
	let quicknet: crate::GenesisConfig<Test> =
		serde_json::from_str(r#"{"treasury":null,"beacon":null}"#).unwrap();
	assert_eq!(quicknet.beacon, None);
}

#[test]
#[should_panic(expected = "TreasuryKeepsOthersMoney")]
fn genesis_refuses_an_account_keeping_others_money_as_the_treasury() {
	citizen_primitives::testing::MockOthersMoney::add(77);
	new_test_ext_with(Some(77));
}
