//! The Citizen Chain node.
#![warn(missing_docs)]
// The large errors are `sc_cli::Error` and `sc_service::Error`, which the commands and service
// builders we implement must return as they are.
#![allow(clippy::result_large_err)]

mod chain_spec;
mod cli;
mod command;
mod dev_seal;
mod native_views;
mod rpc;
mod service;
mod types;

fn main() -> sc_cli::Result<()> {
	command::run()
}
