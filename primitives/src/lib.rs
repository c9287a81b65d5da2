//! # Citizen Chain primitives
//!
//! Types and the two cross-pallet seams shared by every citizen-service pallet. This crate has
//! no storage: pallets depend on the traits here, and the runtime wires the implementations.
//!
//! - [`CitizenRegistry`]: who is a citizen, under which account, and which claims they hold.
//!   Implemented by `pallet-citizen-id`.
//! - [`VoucherLedger`]: purpose-bound vouchers a citizen holds under a program, and holds on
//!   them for bookings. Implemented by `pallet-policy-funds`.
//! - [`ServicePrograms`]: a service pallet opens and funds a program of its own. Implemented by
//!   `pallet-policy-funds`.
//! - [`EnsureCitizen`]: the origin of a citizen's own calls, `(account, citizen)`.
//! - [`PublicServiceCall`]: a pallet's calls declare which are a citizen's own public-service
//!   calls, fee-free under the citizen's allowance.
//!
//! Benefits are keyed by [`CitizenId`], never by account, so that when a citizen's key is
//! rebound after a lost phone everything they hold follows them.
//!
//! Test doubles for both traits live in [`testing`] (with the `std` feature).
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	dispatch::RawOrigin, traits::EnsureOrigin, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound,
	PartialEqNoBound,
};
use scale_info::TypeInfo;
use sp_core::{Get, H256};
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

/// One day of chain time (ms).
pub const DAY: Moment = 24 * 60 * 60 * 1000;

/// A hold on a citizen's voucher (a booking), numbered per program.
pub type HoldId = u32;

/// A name a citizen reads, in Korean and English (UTF-8, at most `S` bytes each): program
/// names, merchant categories, zones, facilities, offers.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(S))]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(bound = ""))]
pub struct LocalizedName<S: Get<u32>> {
	/// 한국어.
	pub ko: BoundedVec<u8, S>,
	/// English.
	pub en: BoundedVec<u8, S>,
}

impl<S: Get<u32>> LocalizedName<S> {
	/// Both names, if each fits `S` bytes.
	pub fn new(ko: &[u8], en: &[u8]) -> Option<Self> {
		Some(Self { ko: ko.to_vec().try_into().ok()?, en: en.to_vec().try_into().ok()? })
	}

	/// Both names, cut to `S` bytes (for migrating names that were a single string).
	pub fn truncate_from(ko: alloc::vec::Vec<u8>, en: alloc::vec::Vec<u8>) -> Self {
		Self { ko: BoundedVec::truncate_from(ko), en: BoundedVec::truncate_from(en) }
	}
}

/// Who owns a benefit program: the city (citizens apply to it) or a service pallet, by its
/// `PalletId` bytes (it credits, holds and takes back through [`VoucherLedger`]; nobody applies).
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
pub enum ProgramOwner {
	/// The city: created by `CityOrigin`, citizens apply.
	City,
	/// A service pallet (multi-child points, the youth pass ...).
	Service([u8; 8]),
}

impl ProgramOwner {
	/// The owner a pallet with `id` is.
	pub fn service(id: frame_support::PalletId) -> Self {
		Self::Service(id.0)
	}
}

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
	/// Guardian of a household with `children` children. `household` is a salted commitment
	/// shared by both guardians so one grant per household can be enforced: issuers derive it
	/// from the household alone (one salt per household, kept for good, independent of the
	/// child count), so a re-issued claim carries the same commitment.
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
		Self::standing(citizen).is_some_and(|(_, active)| active)
	}

	/// The account bound to `citizen` and whether the citizen is active now (see
	/// [`Self::is_active`]); `None` once deregistered. What a view asks to tell a suspended
	/// citizen from a stranger: an implementation answers it in one look at the citizen's
	/// record.
	fn standing(citizen: CitizenId) -> Option<(AccountId, bool)> {
		let account = Self::account_of(citizen)?;
		let active = Self::citizen_of(&account) == Some(citizen);
		Some((account, active))
	}

	/// The claim of `kind` that `citizen` holds, if it is valid now.
	fn valid_claim(citizen: CitizenId, kind: ClaimKind) -> Option<ValidClaim<AccountId>>;

	/// Whether `citizen` holds a valid claim of `kind` now.
	fn has_valid_claim(citizen: CitizenId, kind: ClaimKind) -> bool {
		Self::valid_claim(citizen, kind).is_some()
	}
}

/// Benchmarks make citizens through this (implemented by `pallet-citizen-id` and the test
/// double); without the `runtime-benchmarks` feature it asks nothing of anyone.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkCitizens<AccountId> {
	/// Register `account` as a citizen holding `claims`, each attested by a different issuer,
	/// valid until `valid_until`.
	fn benchmark_citizen(
		account: &AccountId,
		claims: &[ClaimValue],
		valid_until: Moment,
	) -> Result<CitizenId, DispatchError>;
}

/// Benchmarks make citizens through this; without the `runtime-benchmarks` feature it asks
/// nothing of anyone.
#[cfg(not(feature = "runtime-benchmarks"))]
pub trait BenchmarkCitizens<AccountId> {}
#[cfg(not(feature = "runtime-benchmarks"))]
impl<AccountId, T> BenchmarkCitizens<AccountId> for T {}

/// The origin of a citizen's own calls: a signed account bound to an *active* citizen (not
/// suspended, not awaiting re-confirmation, not deregistered). Succeeds with
/// `(account, citizen)`, so a service pallet never looks an account up itself.
pub struct EnsureCitizen<Registry, AccountId>(core::marker::PhantomData<(Registry, AccountId)>);

impl<O, Registry, AccountId> EnsureOrigin<O> for EnsureCitizen<Registry, AccountId>
where
	O: Into<Result<RawOrigin<AccountId>, O>> + From<RawOrigin<AccountId>>,
	Registry: CitizenRegistry<AccountId> + BenchmarkCitizens<AccountId>,
	AccountId: Decode,
{
	type Success = (AccountId, CitizenId);

	fn try_origin(o: O) -> Result<Self::Success, O> {
		match o.into() {
			Ok(RawOrigin::Signed(who)) => match Registry::citizen_of(&who) {
				Some(citizen) => Ok((who, citizen)),
				None => Err(O::from(RawOrigin::Signed(who))),
			},
			Ok(other) => Err(O::from(other)),
			Err(o) => Err(o),
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin() -> Result<O, ()> {
		let who =
			AccountId::decode(&mut sp_runtime::traits::TrailingZeroInput::new(b"citizen-origin"))
				.map_err(|_| ())?;
		Registry::benchmark_citizen(&who, &[], Moment::MAX).map_err(|_| ())?;
		Ok(O::from(RawOrigin::Signed(who)))
	}
}

/// How the fee of a citizen's own public-service call is waived.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PublicService {
	/// A call of an active citizen: free under the citizen's daily allowance.
	Citizen,
	/// The owner's objection to a rebind of `CitizenId`: free also while the ID is suspended,
	/// outside the allowance (the citizen-id pallet says when it may be made).
	OwnerObjection(CitizenId),
}

/// Implemented by each pallet's `Call`: which of its calls are a citizen's own public-service
/// calls. The runtime's fee extension asks the call, so a new service pallet declares its
/// fee-free calls where they live.
pub trait PublicServiceCall {
	/// `Some` for a citizen's own public-service call.
	fn public_service(&self) -> Option<PublicService>;
}

/// The money seam: purpose-bound vouchers a citizen holds under a program.
///
/// A voucher is a citizen's claim on a program's budget, spendable only where the program
/// allows. Part of a voucher can be *held* for a merchant (a booking): a release gives it back
/// to the voucher, a settlement pays the merchant. Implementations keep the invariant *program
/// account balance = free budget + outstanding vouchers + held*.
///
/// Only a program's owner ([`ProgramOwner`]) credits, holds, releases, settles and takes back;
/// spending is the citizen's own act, under the program's merchant rules.
pub trait VoucherLedger<AccountId, Balance> {
	/// Credit `amount` to `citizen`'s voucher under `program`, taken from its free budget. A
	/// citizen's first credit counts them as served, as a grant does.
	fn credit(
		owner: ProgramOwner,
		program: ProgramId,
		citizen: CitizenId,
		amount: Balance,
	) -> DispatchResult;

	/// Pay `merchant` `amount` out of `citizen`'s voucher under `program`; the merchant is paid
	/// at once.
	fn spend(
		program: ProgramId,
		citizen: CitizenId,
		merchant: &AccountId,
		amount: Balance,
	) -> DispatchResult;

	/// Set `amount` of `citizen`'s voucher aside for `merchant` (a booking).
	fn hold(
		owner: ProgramOwner,
		program: ProgramId,
		citizen: CitizenId,
		merchant: &AccountId,
		amount: Balance,
	) -> Result<HoldId, DispatchError>;

	/// Give a hold back to the citizen's voucher (a cancellation); after the program's
	/// spending window it goes back to the free budget instead.
	fn release(owner: ProgramOwner, program: ProgramId, hold: HoldId) -> DispatchResult;

	/// Pay a hold to its merchant (the booking took place).
	fn settle(owner: ProgramOwner, program: ProgramId, hold: HoldId) -> DispatchResult;

	/// Return what is left of `citizen`'s voucher under `program` to the free budget. Returns
	/// what the voucher had left (moved now, or already by the program's own expiry).
	fn expire(
		owner: ProgramOwner,
		program: ProgramId,
		citizen: CitizenId,
	) -> Result<Balance, DispatchError>;

	/// What `citizen` can still spend under `program` (holds excluded).
	fn balance(program: ProgramId, citizen: CitizenId) -> Balance;

	/// Whether `citizen` holds a voucher under `program`: from its first credit, spent or
	/// not, until an officer recovers it (a clawback). One read of the citizen's record in the
	/// program, the record a credit reads anyway.
	fn has_voucher(program: ProgramId, citizen: CitizenId) -> bool;

	/// A hold: the citizen, the merchant and the amount.
	fn held(program: ProgramId, hold: HoldId) -> Option<(CitizenId, AccountId, Balance)>;
}

/// What a service pallet asks for when it opens a program of its own. Vectors are checked
/// against the implementation's bounds.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ProgramSpec {
	/// The name citizens read, Korean then English.
	pub name: (alloc::vec::Vec<u8>, alloc::vec::Vec<u8>),
	/// When its vouchers expire: what is unspent then returns to the free budget.
	pub spend_until: Moment,
	/// Merchant categories where its vouchers can be spent; empty means every category.
	pub allowed_categories: alloc::vec::Vec<MerchantCategory>,
	/// Categories excluded even when allowed (e.g. cram schools).
	pub excluded_categories: alloc::vec::Vec<MerchantCategory>,
}

/// Service pallets open and fund programs of their own through this, never through another
/// pallet's dispatchables.
pub trait ServicePrograms<AccountId, Balance> {
	/// Open a program owned by `owner`, funded with `budget` from `funder` (the city's
	/// treasury account, say). Nobody can apply to it; only `owner` credits it.
	fn open_program(
		owner: ProgramOwner,
		spec: ProgramSpec,
		funder: &AccountId,
		budget: Balance,
	) -> Result<ProgramId, DispatchError>;

	/// Put `amount` more from `funder` into `owner`'s program.
	fn fund_program(
		owner: ProgramOwner,
		program: ProgramId,
		funder: &AccountId,
		amount: Balance,
	) -> DispatchResult;

	/// Pay `amount` out of `owner`'s program's free budget to `to`: a service giving back money
	/// it took in (a co-payment refunded when a youth returns an unused pass, say).
	fn withdraw(
		owner: ProgramOwner,
		program: ProgramId,
		to: &AccountId,
		amount: Balance,
	) -> DispatchResult;

	/// The program's free budget.
	fn free_budget(program: ProgramId) -> Balance;

	/// Whether `who` is a program's account: of a program that exists, or the one a program
	/// will get when it is created (accounts are derived from the program id). Money there
	/// backs citizens' vouchers, so a service refuses it as the treasury it funds programs
	/// from and pays returns to: funding would take that money, and a return paid there would
	/// sit in a program that does not count it.
	fn is_program_account(who: &AccountId) -> bool;
}

/// Accounts where a service keeps money it owes to others, besides policy funds' program
/// accounts ([`ServicePrograms::is_program_account`]): a facility's account (fees it owes back
/// as refunds), a lottery round's keeping account (co-payments owed back to the losers or due
/// to the round's program). A service refuses one as the treasury it funds programs from and
/// pays returns to: a payment out of it would break what it backs, and one into it would sit
/// where nothing counts it.
///
/// The runtime joins its services' answers in a tuple; `()` knows none.
pub trait KeepsOthersMoney<AccountId> {
	/// `who` is such an account now. Bounded: at most one storage read.
	fn keeps_others_money(who: &AccountId) -> bool;

	/// Benchmarks: make [`Self::keeps_others_money`] as costly as it gets (fill what it
	/// reads), for the calls that ask it.
	#[cfg(feature = "runtime-benchmarks")]
	fn set_up_worst_case() {}
}

impl<AccountId> KeepsOthersMoney<AccountId> for () {
	fn keeps_others_money(_: &AccountId) -> bool {
		false
	}
}

impl<AccountId, A: KeepsOthersMoney<AccountId>, B: KeepsOthersMoney<AccountId>>
	KeepsOthersMoney<AccountId> for (A, B)
{
	fn keeps_others_money(who: &AccountId) -> bool {
		A::keeps_others_money(who) || B::keeps_others_money(who)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn set_up_worst_case() {
		A::set_up_worst_case();
		B::set_up_worst_case();
	}
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
