//! Weights of the FRAME pallets this runtime uses, generated on this chain's reference machine
//! by `scripts/benchmark.sh` (the same run as the service pallets' `weights.rs`), so every
//! citizen-facing call is compared with `balances.transfer_keep_alive` and
//! `assets.transfer_keep_alive` measured beside it. Never edited by hand.

pub mod frame_system;
pub mod frame_system_extensions;
pub mod pallet_assets;
pub mod pallet_balances;
pub mod pallet_transaction_payment;
