//! # Citizen Chain primitives
//!
//! Types and the two cross-pallet seams shared by every citizen-service pallet. This crate has
//! no storage: pallets depend on the traits here, and the runtime wires the implementations.
//!
//! - [`CitizenRegistry`]: who is a citizen, under which account, and which claims they hold.
//!   Implemented by `pallet-citizen-id`.
//! - [`VoucherLedger`]: purpose-bound vouchers a citizen holds under a program. Implemented by
//!   `pallet-policy-funds`.
//!
//! Benefits are keyed by [`CitizenId`], never by account, so that when a citizen's key is
//! rebound after a lost phone everything they hold follows them.
//!
//! Test doubles for both traits live in [`testing`] (with the `std` feature).
#![cfg_attr(not(feature = "std"), no_std)]

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::H256;
use sp_runtime::{DispatchError, DispatchResult};

#[cfg(feature = "std")]
pub mod testing;

/// A citizen's permanent identifier. Assigned in order by `pallet-citizen-id`; it carries no
/// personal data and survives key rotation.
pub type CitizenId = u64;

/// A living zone of the city (Busan has 62). Assigned by the city.
pub type ZoneId = u16;

/// A merchant category. Categories are data the city manages (in `pallet-policy-funds`),
/// not a closed enum in code.
pub type MerchantCategory = u32;

/// A benefit program (a policy fund, a points scheme, a pass round).
pub type ProgramId = u32;

/// Time on chain: milliseconds since the Unix epoch, as kept by `pallet-timestamp`.
pub type Moment = u64;

/// The kinds of claim an issuer can attest about a citizen.
///
/// New kinds are appended (never reordered) so encoded values stay valid across upgrades.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum ClaimKind {
	/// Resident of the city, living in a zone since a date.
	Resident,
	/// Within the city's youth age band (the band's end is the claim's `valid_until`).
	YouthAgeBand,
	/// Guardian in a household with several children.
	MultiChildHousehold,
}

impl ClaimKind {
	/// Every kind, in encoding order. Lets code visit all claims of a citizen in bounded steps.
	pub const ALL: [ClaimKind; 3] =
		[ClaimKind::Resident, ClaimKind::YouthAgeBand, ClaimKind::MultiChildHousehold];
}

/// The public value of an attested claim: a predicate, never the personal data behind it.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum ClaimValue {
	/// Lives in `zone`, and has lived in the city since `since` (so "resident for at least
	/// three months" can be checked without a birth or move-in record on chain).
	Resident { zone: ZoneId, since: Moment },
	/// Belongs to the youth age band.
	YouthAgeBand,
	/// Guardian of a household (a salted commitment, shared by both guardians so one claim per
	/// household can be enforced) with `children` children.
	MultiChildHousehold { household: H256, children: u8 },
}

impl ClaimValue {
	/// The kind this value belongs to.
	pub fn kind(&self) -> ClaimKind {
		match self {
			ClaimValue::Resident { .. } => ClaimKind::Resident,
			ClaimValue::YouthAgeBand => ClaimKind::YouthAgeBand,
			ClaimValue::MultiChildHousehold { .. } => ClaimKind::MultiChildHousehold,
		}
	}
}

/// Where a claim (or an anchored credential) stands at a given moment.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum ClaimStatus {
	/// Valid now.
	Active,
	/// Valid from a later moment.
	NotYetValid,
	/// Put on hold: by an issuer, because the citizen's ID is suspended (e.g. lost phone), or
	/// because the issuer that attested it has been removed and no other issuer re-attested it.
	Suspended,
	/// Withdrawn for good by an issuer.
	Revoked,
	/// Its validity window has ended. Needs no transaction: judged against the current time.
	Expired,
}

/// A claim that is valid now, as another pallet sees it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ValidClaim<AccountId> {
	/// The claim's public value.
	pub value: ClaimValue,
	/// Who attested it.
	pub issuer: AccountId,
	/// The moment it stops being valid.
	pub valid_until: Moment,
}

/// The identity seam: every service asks this, and only this, about citizens.
pub trait CitizenRegistry<AccountId> {
	/// The citizen that `who` acts for, if `who` is bound to an active (not suspended, not
	/// deregistered) citizen ID.
	fn citizen_of(who: &AccountId) -> Option<CitizenId>;

	/// The account currently bound to `citizen`, whatever the citizen's status (`None` once
	/// deregistered).
	fn account_of(citizen: CitizenId) -> Option<AccountId>;

	/// Whether `citizen` is active now: not suspended (by an issuer, or because the issuer
	/// that registered it was removed) and not deregistered.
	fn is_active(citizen: CitizenId) -> bool {
		Self::account_of(citizen).and_then(|account| Self::citizen_of(&account)) == Some(citizen)
	}

	/// The claim of `kind` that `citizen` holds, if it is valid now.
	fn valid_claim(citizen: CitizenId, kind: ClaimKind) -> Option<ValidClaim<AccountId>>;

	/// Whether `citizen` holds a valid claim of `kind` now.
	fn has_valid_claim(citizen: CitizenId, kind: ClaimKind) -> bool {
		Self::valid_claim(citizen, kind).is_some()
	}

	/// Register `account` as a citizen holding `claims`, each attested by a different issuer,
	/// valid until `valid_until` (benchmarks and tests only).
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_citizen(
		account: &AccountId,
		claims: &[ClaimValue],
		valid_until: Moment,
	) -> Result<CitizenId, DispatchError>;
}

/// The money seam: purpose-bound vouchers a citizen holds under a program.
///
/// A voucher is a citizen's claim on a program's budget, spendable only where the program
/// allows. Implementations keep the invariant *program account balance = free budget +
/// outstanding vouchers*.
pub trait VoucherLedger<AccountId, Balance> {
	/// Credit `amount` to `citizen`'s voucher under `program`, taken from its free budget.
	fn credit(program: ProgramId, citizen: CitizenId, amount: Balance) -> DispatchResult;

	/// Pay `merchant` `amount` out of `citizen`'s voucher under `program`; the merchant is paid
	/// at once.
	fn spend(
		program: ProgramId,
		citizen: CitizenId,
		merchant: &AccountId,
		amount: Balance,
	) -> DispatchResult;

	/// Return what is left of `citizen`'s voucher under `program` to the free budget. Returns
	/// the amount returned.
	fn expire(program: ProgramId, citizen: CitizenId) -> Result<Balance, DispatchError>;

	/// What `citizen` can still spend under `program`.
	fn balance(program: ProgramId, citizen: CitizenId) -> Balance;
}

/// Lets benchmarks move the clock (the runtime sets `pallet-timestamp`'s `Now`).
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkClock {
	/// Make `now` the current time.
	fn set_now(now: Moment);
}

/// A salted commitment to a personal datum (a resident number, a household). Computed off
/// chain as `blake2_256(salt ++ datum)`; only the hash is ever submitted.
pub type Commitment = H256;
