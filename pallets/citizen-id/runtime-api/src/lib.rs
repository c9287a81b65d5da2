//! Runtime API of the digital citizen ID: what wallets and merchants ask the chain.
//!
//! Callable from polkadot.js as `api.call.citizenIdApi.<method>`, with every type described in
//! the runtime metadata.
#![cfg_attr(not(feature = "std"), no_std)]

use codec::Codec;
pub use pallet_citizen_id::{CitizenId, CitizenView, ClaimKind, ClaimVerdict, CredentialVerdict};
use sp_core::H256;

sp_api::decl_runtime_apis! {
	/// Questions about citizens, claims and credentials, answered at the queried block.
	pub trait CitizenIdApi<AccountId> where AccountId: Codec {
		/// The citizen `account` acts for (also while the ID is suspended).
		fn citizen_of(account: AccountId) -> Option<CitizenId>;
		/// Everything the chain holds about `citizen`: record, claims with their status,
		/// credential count, pending rebind.
		fn citizen(citizen: CitizenId) -> Option<CitizenView<AccountId>>;
		/// Is claim `kind` of `citizen` valid now? Status, issuer, validity and public value.
		fn verify_claim(citizen: CitizenId, kind: ClaimKind) -> Option<ClaimVerdict<AccountId>>;
		/// The same, for the citizen `account` acts for.
		fn verify_account_claim(account: AccountId, kind: ClaimKind) -> Option<ClaimVerdict<AccountId>>;
		/// Is the credential anchored under `digest` valid now?
		fn credential_status(digest: H256) -> Option<CredentialVerdict<AccountId>>;
	}
}
