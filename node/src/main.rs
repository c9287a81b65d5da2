//! The Citizen Chain node.
#![warn(missing_docs)]

mod chain_spec;
mod cli;
mod command;
mod dev_seal;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}
