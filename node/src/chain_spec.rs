//! Built-in chain specs, from the runtime's genesis presets.

use citizen_runtime::{genesis_config_presets::CITY_TESTNET_RUNTIME_PRESET, WASM_BINARY};
use sc_service::ChainType;
use sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};

/// A chain spec of this node.
pub type ChainSpec = sc_service::GenericChainSpec;

fn properties() -> sc_chain_spec::Properties {
	let mut properties = sc_chain_spec::Properties::new();
	properties.insert("tokenSymbol".into(), "CIT".into());
	properties.insert("tokenDecimals".into(), 12.into());
	properties.insert("ss58Format".into(), 42.into());
	properties
}

fn from_preset(
	name: &str,
	id: &str,
	chain_type: ChainType,
	preset: &str,
) -> Result<ChainSpec, String> {
	let wasm = WASM_BINARY.ok_or_else(|| "the wasm runtime was not built".to_string())?;
	Ok(ChainSpec::builder(wasm, None)
		.with_name(name)
		.with_id(id)
		.with_protocol_id("citizen")
		.with_chain_type(chain_type)
		.with_genesis_config_preset_name(preset)
		.with_properties(properties())
		.build())
}

/// `--dev`: one validator (Alice), instant sealing.
pub fn development() -> Result<ChainSpec, String> {
	from_preset("Citizen Chain Development", "dev", ChainType::Development, DEV_RUNTIME_PRESET)
}

/// `--chain local`: Alice and Bob validate.
pub fn local_testnet() -> Result<ChainSpec, String> {
	from_preset(
		"Citizen Chain Local Testnet",
		"local_testnet",
		ChainType::Local,
		LOCAL_TESTNET_RUNTIME_PRESET,
	)
}

/// `--chain city-testnet`: city hall, the partner bank, a district office and a university.
pub fn city_testnet() -> Result<ChainSpec, String> {
	from_preset(
		"Citizen Chain City Testnet",
		"city_testnet",
		ChainType::Live,
		CITY_TESTNET_RUNTIME_PRESET,
	)
}
