//! Genesis configs of the presets as a chain spec builds them, shared by the unit tests
//! (`tests.rs`) and the integration tests in `runtime/tests` (the fuzzer). Not used by the
//! runtime itself.

use crate::{genesis_config_presets::get_preset, RuntimeGenesisConfig};

/// `patch` merged into `base`, objects key by key (how a chain spec applies a preset).
pub fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(serde_json::Value::Null), value);
			}
		}
		(base, patch) => *base = patch,
	}
}

/// The genesis config of preset `name`: the preset merged into the default config.
pub fn preset_config(name: &str) -> RuntimeGenesisConfig {
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	let patch = get_preset(&name.into()).unwrap_or_else(|| panic!("preset {name} exists"));
	merge(&mut config, serde_json::from_slice(&patch).unwrap());
	serde_json::from_value(config).unwrap()
}
