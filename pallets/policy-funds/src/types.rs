//! Records kept by the policy funds pallet and the views served to wallets and merchants.

use citizen_primitives::{ClaimKind, MerchantCategory, Moment, ProgramId, ZoneId};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;
use sp_core::H256;

/// Whether an application is granted by rule or by a person.
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
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub enum ApprovalMode {
	/// An eligible applicant is credited in the same call.
	Automatic,
	/// An officer of the program approves or rejects each application.
	Manual,
}

/// Who can receive a grant only once.
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
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub enum GrantScope {
	/// One grant per citizen.
	PerCitizen,
	/// One grant per household (by the household commitment of the applicant's
	/// `MultiChildHousehold` claim, which the program must then require): either guardian may
	/// apply, the second application fails.
	PerHousehold,
}

/// Whether a program takes applications.
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
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub enum ProgramStatus {
	Open,
	/// No new applications or funding; outstanding vouchers stay spendable until expiry
	/// (unless the city ended the program: then `expired` is set too).
	Closed,
}

/// The rules of a program, as the city sets them.
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
#[scale_info(skip_type_params(MaxName, MaxClaims, MaxCategories))]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
#[cfg_attr(
	feature = "std",
	serde(bound(
		serialize = "Balance: serde::Serialize",
		deserialize = "Balance: serde::de::DeserializeOwned"
	))
)]
#[allow(clippy::multiple_bound_locations)] // the codec derives repeat the bounds
pub struct ProgramTerms<
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxName: Get<u32>,
	MaxClaims: Get<u32>,
	MaxCategories: Get<u32>,
> {
	/// A name people recognise, e.g. "Multi-child education points 2026".
	pub name: BoundedVec<u8, MaxName>,
	/// What each approved applicant is credited.
	pub amount_per_grant: Balance,
	/// Claims an applicant must hold, valid at the moment of applying.
	pub required_claims: BoundedVec<ClaimKind, MaxClaims>,
	/// With a `Resident` requirement: how long (ms) the applicant must have lived in the city.
	pub min_residence: Moment,
	/// Applications are taken from this moment ...
	pub apply_from: Moment,
	/// ... until (excluding) this one.
	pub apply_until: Moment,
	/// When vouchers expire: what is unspent then returns to the program's free budget.
	pub spend_until: Moment,
	/// Automatic or by an officer.
	pub approval: ApprovalMode,
	/// One grant per citizen or per household.
	pub scope: GrantScope,
	/// Categories where vouchers can be spent; empty means every category.
	pub allowed_categories: BoundedVec<MerchantCategory, MaxCategories>,
	/// Categories excluded even when `allowed_categories` would let them in.
	pub excluded_categories: BoundedVec<MerchantCategory, MaxCategories>,
}

/// A program: its terms and where it stands.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(MaxName, MaxClaims, MaxCategories, MaxOfficers))]
pub struct Program<
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxName: Get<u32>,
	MaxClaims: Get<u32>,
	MaxCategories: Get<u32>,
	MaxOfficers: Get<u32>,
> {
	pub terms: ProgramTerms<Balance, MaxName, MaxClaims, MaxCategories>,
	/// The account that holds the program's money, derived from its id.
	pub account: AccountId,
	/// Who approves, rejects, freezes and recovers.
	pub officers: BoundedVec<AccountId, MaxOfficers>,
	pub status: ProgramStatus,
	/// Set once the program is finished: its vouchers' unspent value has returned to the free
	/// budget and none can be spent; it has left the expiry queue, freeing its slot. That
	/// happens at `spend_until`, when the city ends the program (`end_program`), or when it is
	/// closed with nothing outstanding.
	pub expired: bool,
}

/// A program's counters. `free = funded - withdrawn - allocated + returned`;
/// `outstanding = allocated - spent - returned`; the program account holds `free + outstanding`.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct ProgramReport<Balance> {
	/// Money put into the program.
	pub funded: Balance,
	/// Free budget taken back out by the city.
	pub withdrawn: Balance,
	/// Credited to vouchers.
	pub allocated: Balance,
	/// Paid to merchants.
	pub spent: Balance,
	/// Returned from vouchers to the free budget (expiry, recovery).
	pub returned: Balance,
	/// Budget not allocated.
	pub free: Balance,
	/// Credited and neither spent nor returned.
	pub outstanding: Balance,
	/// Citizens (or households) granted a voucher.
	pub citizens_served: u32,
	/// Applications waiting for an officer.
	pub pending: u32,
}

/// Where an application stands.
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
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub enum ApplicationStatus {
	Pending,
	Approved,
	/// With the officer's reason code.
	Rejected(u16),
}

/// A citizen's application to a program.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Application {
	pub status: ApplicationStatus,
	pub applied_at: Moment,
	/// The household the grant counts against, for per-household programs.
	pub household: Option<H256>,
}

/// A citizen's purpose-bound voucher under a program.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub struct Voucher<Balance> {
	/// What can still be spent.
	pub balance: Balance,
	/// Frozen by an officer (e.g. wrongly paid): cannot be spent until unfrozen or recovered.
	pub frozen: bool,
}

/// A registered merchant.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub struct MerchantInfo {
	pub category: MerchantCategory,
	pub zone: ZoneId,
	/// Suspended merchants accept no vouchers.
	pub active: bool,
}

/// A voucher as the citizen's wallet sees it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct VoucherView<Balance> {
	pub program: ProgramId,
	/// What is left: zero once the program's spending window has ended (or the program was
	/// ended), or when the citizen holds no voucher in it.
	pub balance: Balance,
	/// Frozen by an officer: cannot be spent until unfrozen.
	pub frozen: bool,
	/// The end of the program's spending window as set at creation.
	pub expires_at: Moment,
	/// The citizen is suspended (e.g. after a lost phone): the voucher is kept, but cannot be
	/// spent until the citizen is active again.
	pub citizen_suspended: bool,
}

/// Why a merchant cannot take a voucher payment.
///
/// When several reasons apply, `can_accept` names the one closest to acceptance, judging in
/// this order (the first that holds wins):
///
/// 1. `NotAMerchant`, `MerchantSuspended`: about the shop, whatever the citizen holds;
/// 2. `NotACitizen`, `CitizenSuspended`: about the person;
/// 3. `SelfPayment`: the shop is the citizen's own account;
/// 4. then over the citizen's vouchers with value in programs whose spending window is open:
///    `InsufficientBalance` (a voucher is usable here, only too small), else the closest of
///    `VoucherFrozen` (right shop, voucher held by an officer) > `MerchantPaused` (right
///    category, this shop paused by the program) > `CategoryNotAllowed` (wrong shop), each
///    voucher judged in the order `spend` checks (paused, category, frozen);
/// 5. `ProgramExpired`: value only in programs whose spending window has ended (or that were
///    ended);
/// 6. `NoVoucher`.
///
/// New variants are appended, never reordered.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub enum Refusal {
	/// The account is not a registered merchant.
	NotAMerchant,
	/// The city has suspended the merchant.
	MerchantSuspended,
	/// The account is bound to no citizen (never registered, or deregistered).
	NotACitizen,
	/// The citizen holds nothing to spend in any program whose spending window is open.
	NoVoucher,
	/// Vouchers are usable here, but none covers the amount.
	InsufficientBalance,
	/// The citizen's vouchers cannot be spent at a merchant of this category.
	CategoryNotAllowed,
	/// The program of the citizen's voucher has paused this merchant.
	MerchantPaused,
	/// The citizen's voucher that would be usable here is frozen by an officer.
	VoucherFrozen,
	/// The citizen's vouchers are only in programs whose spending window has ended.
	ProgramExpired,
	/// The merchant is the citizen's own account.
	SelfPayment,
	/// The account belongs to a suspended citizen (e.g. a lost phone being recovered).
	CitizenSuspended,
}

/// The answer to "can this merchant take `amount` from this citizen's vouchers?".
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct AcceptVerdict<Balance> {
	/// Whether a single voucher covers the amount.
	pub accepted: bool,
	/// A program whose voucher covers it (the one expiring first).
	pub program: Option<ProgramId>,
	/// Every voucher usable at this merchant, with its balance.
	pub usable: alloc::vec::Vec<(ProgramId, Balance)>,
	/// Why not, when not.
	pub refusal: Option<Refusal>,
}
