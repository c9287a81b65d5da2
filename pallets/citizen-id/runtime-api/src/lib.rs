//! Runtime API of the digital citizen ID: what wallets and merchants ask the chain.
//!
//! Callable from polkadot.js as `api.call.citizenIdApi.<method>`, with every type described in
//! the runtime metadata.
//!
//! Version 2 adds the answers a merchant's RPC needs in one runtime call each:
//! [`account_claim`](CitizenIdApi::account_claim) (a verdict, or why there is none) and its
//! batch form [`verify_claims`](CitizenIdApi::verify_claims). Version 1's methods stay.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
pub use pallet_citizen_id::{
	CitizenId, CitizenView, ClaimKind, ClaimRefusal, ClaimVerdict, CredentialVerdict,
	MAX_CLAIM_QUERIES,
};
use sp_core::H256;

sp_api::decl_runtime_apis! {
	/// Questions about citizens, claims and credentials, answered at the queried block.
	#[api_version(2)]
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
		/// Is claim `kind` of the citizen `account` is bound to valid now? The verdict (a
		/// suspended citizen's claims read as suspended), or why there is none: the account
		/// is bound to no citizen, or the citizen holds no claim of the kind.
		#[api_version(2)]
		fn account_claim(account: AccountId, kind: ClaimKind) -> Result<ClaimVerdict<AccountId>, ClaimRefusal>;
		/// [`Self::account_claim`] for each of `accounts`, in their order, in one call. At most
		/// [`MAX_CLAIM_QUERIES`] accounts are answered: the answer is never longer.
		#[api_version(2)]
		fn verify_claims(accounts: Vec<AccountId>, kind: ClaimKind) -> Vec<Result<ClaimVerdict<AccountId>, ClaimRefusal>>;
	}
}
