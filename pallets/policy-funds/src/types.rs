//! Records kept by the policy funds pallet and the views served to wallets and merchants.

use citizen_primitives::{
	CitizenId, ClaimKind, LocalizedName, MerchantCategory, Moment, ProgramId, ProgramOwner, ZoneId,
};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::Get, BoundedBTreeSet, BoundedVec, CloneNoBound, DebugNoBound, DefaultNoBound,
	EqNoBound, PartialEqNoBound,
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

/// The rules of a program.
///
/// A city program (created by `create_program`) uses every field: citizens apply in the
/// window, each approved applicant is credited `amount_per_grant`. A service program (opened
/// through `ServicePrograms`) takes no applications: its owner credits it through
/// `VoucherLedger`, so it has no grant amount (`0`), no required claims, no residence rule and
/// an empty application window (`apply_from == apply_until`, its creation time); only the
/// name, the spending window and the categories apply.
///
/// Claims and categories are sets: a kind or category cannot be listed twice. A set encodes
/// like the sorted list of its elements (SCALE's `BTreeSet`), so it reads as an array in
/// polkadot.js.
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
		deserialize = "Balance: serde::de::DeserializeOwned, MaxClaims: Clone, \
		               MaxCategories: Clone"
	))
)]
#[allow(clippy::multiple_bound_locations)] // the codec derives repeat the bounds
pub struct ProgramTerms<
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxName: Get<u32>,
	MaxClaims: Get<u32>,
	MaxCategories: Get<u32>,
> {
	/// A name people recognise, in Korean and English, e.g. "다자녀 교육포인트 2026" /
	/// "Multi-child education points 2026".
	pub name: LocalizedName<MaxName>,
	/// What each approved applicant is credited (city programs; `0` for service programs).
	pub amount_per_grant: Balance,
	/// Claims an applicant must hold, valid at the moment of applying.
	pub required_claims: BoundedBTreeSet<ClaimKind, MaxClaims>,
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
	pub allowed_categories: BoundedBTreeSet<MerchantCategory, MaxCategories>,
	/// Categories excluded even when `allowed_categories` would let them in.
	pub excluded_categories: BoundedBTreeSet<MerchantCategory, MaxCategories>,
}

/// A program: its terms, its owner and where it stands.
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
	/// Who owns it: the city (citizens apply) or a service pallet (it credits, holds, settles
	/// and takes back through `VoucherLedger`; nobody applies).
	pub owner: ProgramOwner,
	/// The account that holds the program's money, derived from its id.
	pub account: AccountId,
	/// Who approves, rejects, pauses merchants, freezes and recovers.
	pub officers: BoundedVec<AccountId, MaxOfficers>,
	pub status: ProgramStatus,
	/// Set once the program is finished: its vouchers' unspent value has returned to the free
	/// budget and none can be spent; it has left the expiry queue, freeing its slot. That
	/// happens at `spend_until`, when the city ends the program (`end_program`), or when it is
	/// closed with nothing outstanding or held. Holds outlive it: they can still be settled or
	/// released (to the free budget).
	pub expired: bool,
}

impl<AccountId, Balance, MaxName, MaxClaims, MaxCategories, MaxOfficers>
	Program<AccountId, Balance, MaxName, MaxClaims, MaxCategories, MaxOfficers>
where
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxName: Get<u32>,
	MaxClaims: Get<u32>,
	MaxCategories: Get<u32>,
	MaxOfficers: Get<u32>,
{
	/// Closed by the city: no new applications, funding or credits.
	pub fn is_closed(&self) -> bool {
		self.status == ProgramStatus::Closed
	}

	/// Whether its vouchers can be spent (and held) at `now`: not finished, spending window
	/// open.
	pub fn spendable_at(&self, now: Moment) -> bool {
		!self.expired && now < self.terms.spend_until
	}

	/// Whether it takes funding and credits at `now`: not closed, and spendable.
	pub fn is_open(&self, now: Moment) -> bool {
		!self.is_closed() && self.spendable_at(now)
	}

	/// Whether its spending window has ended at `now` but it has not been expired yet.
	pub fn is_due(&self, now: Moment) -> bool {
		!self.expired && now >= self.terms.spend_until
	}

	/// Whether citizens may apply to it at all: only city programs take applications.
	pub fn takes_applications(&self) -> bool {
		self.owner == ProgramOwner::City
	}

	/// Whether `now` is inside its application window.
	pub fn in_application_window(&self, now: Moment) -> bool {
		self.terms.apply_from <= now && now < self.terms.apply_until
	}

	/// Whether its vouchers can be spent at a merchant of `category`: allowed (or every
	/// category allowed) and not excluded.
	pub fn accepts_category(&self, category: MerchantCategory) -> bool {
		(self.terms.allowed_categories.is_empty()
			|| self.terms.allowed_categories.contains(&category))
			&& !self.terms.excluded_categories.contains(&category)
	}
}

/// A program's counters as wallets and dashboards read them (the runtime API's shape):
/// `free = funded - withdrawn - allocated + returned`;
/// `outstanding + held = allocated - spent - returned`; the program account holds
/// `free + outstanding + held`. Stored as a [`ProgramLedger`], which derives `free` and
/// `outstanding`.
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
	/// Returned from vouchers (and holds released after the spending window) to the free
	/// budget: expiry, ending, recovery, a service taking a voucher back.
	pub returned: Balance,
	/// Budget not allocated.
	pub free: Balance,
	/// Credited to vouchers and neither spent, held nor returned.
	pub outstanding: Balance,
	/// Citizens served: counted once per citizen, at their first voucher in the program, by a
	/// grant or by a service's credit (one per household in per-household programs).
	pub citizens_served: u32,
	/// Applications waiting for an officer.
	pub pending: u32,
	/// Set aside from vouchers for merchants (bookings), neither settled nor released.
	pub held: Balance,
}

/// A program's books as stored (storage version 3): the counters no other counter gives, and
/// what was paid per merchant category, in one record, so a spend, a settled hold or a credit
/// writes one record for the program.
///
/// `free` and `outstanding` are derived, never stored ([`Self::free`],
/// [`Self::outstanding`]): `free = funded + returned - withdrawn - allocated` and
/// `outstanding = allocated - spent - returned - held`. The program account holds
/// `free + outstanding + held`. Expiry (`returned += outstanding`) therefore moves the
/// vouchers' rest into the free budget by one addition.
///
/// `by_category` holds up to `MaxCategories` (the runtime's `MaxCategoriesPerProgram`)
/// categories, sorted by category. A program that lists its allowed categories never spends
/// outside them, so its totals always fit; a program open to every category that is paid in
/// more categories than that keeps the further ones in `SpendByCategory`.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	DefaultNoBound,
	Encode,
	Decode,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxCategories))]
pub struct ProgramLedger<
	Balance: Clone + PartialEq + Eq + core::fmt::Debug + Default,
	MaxCategories: Get<u32>,
> {
	/// Money put into the program.
	pub funded: Balance,
	/// Free budget taken back out (by the city, or a service's withdrawal).
	pub withdrawn: Balance,
	/// Credited to vouchers.
	pub allocated: Balance,
	/// Paid to merchants (spends and settled holds).
	pub spent: Balance,
	/// Returned from vouchers (and holds released to the budget) to the free budget.
	pub returned: Balance,
	/// Set aside from vouchers for merchants, neither settled nor released.
	pub held: Balance,
	/// Citizens served (see [`ProgramReport::citizens_served`]).
	pub citizens_served: u32,
	/// Applications waiting for an officer.
	pub pending: u32,
	/// Paid per merchant category, sorted by category, no zero totals.
	pub by_category: BoundedVec<(MerchantCategory, Balance), MaxCategories>,
}

impl<Balance, MaxCategories> ProgramLedger<Balance, MaxCategories>
where
	Balance: Clone
		+ PartialEq
		+ Eq
		+ core::fmt::Debug
		+ Default
		+ Copy
		+ sp_runtime::traits::CheckedAdd
		+ sp_runtime::traits::CheckedSub,
	MaxCategories: Get<u32>,
{
	/// The budget not allocated: `funded + returned - withdrawn - allocated`; `None` only if
	/// the counters are out of step.
	pub fn free(&self) -> Option<Balance> {
		self.funded
			.checked_add(&self.returned)?
			.checked_sub(&self.withdrawn)?
			.checked_sub(&self.allocated)
	}

	/// What vouchers hold: `allocated - spent - returned - held`; `None` only if the counters
	/// are out of step.
	pub fn outstanding(&self) -> Option<Balance> {
		self.allocated
			.checked_sub(&self.spent)?
			.checked_sub(&self.returned)?
			.checked_sub(&self.held)
	}

	/// The report wallets and dashboards read, as stored (no expiry applied).
	pub fn report(&self) -> Option<ProgramReport<Balance>> {
		Some(ProgramReport {
			funded: self.funded,
			withdrawn: self.withdrawn,
			allocated: self.allocated,
			spent: self.spent,
			returned: self.returned,
			free: self.free()?,
			outstanding: self.outstanding()?,
			citizens_served: self.citizens_served,
			pending: self.pending,
			held: self.held,
		})
	}

	/// What was paid in `category` as recorded here (zero when not here).
	pub fn spent_in(&self, category: MerchantCategory) -> Option<Balance> {
		self.by_category
			.binary_search_by_key(&category, |(c, _)| *c)
			.ok()
			.and_then(|i| self.by_category.get(i))
			.map(|(_, amount)| *amount)
	}

	/// Add `amount` to `category`'s total and to `spent`. `Some(true)` when the total is kept
	/// here, `Some(false)` when the record is full and the category is not in it (the caller
	/// keeps it elsewhere; `spent` is counted either way), `None` on an overflow.
	pub fn record_spent(&mut self, category: MerchantCategory, amount: Balance) -> Option<bool> {
		self.spent = self.spent.checked_add(&amount)?;
		match self.by_category.binary_search_by_key(&category, |(c, _)| *c) {
			Ok(i) => {
				let entry = self.by_category.get_mut(i)?;
				entry.1 = entry.1.checked_add(&amount)?;
				Some(true)
			}
			Err(i) => Some(self.by_category.try_insert(i, (category, amount)).is_ok()),
		}
	}
}

/// A program's spending by merchant category, by category.
pub type CategorySpending<Balance> = alloc::vec::Vec<(MerchantCategory, Balance)>;

/// A program's report with its spending by category (one runtime call for a dashboard).
pub type ReportAndSpending<Balance> = (ProgramReport<Balance>, CategorySpending<Balance>);

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

/// A citizen's place in a program, in one record (storage version 3): the application (city
/// programs) and the voucher. Applying to an automatic program writes both at once; a spend
/// reads and writes the one record.
#[derive(Clone, PartialEq, Eq, Default, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Participant<Balance> {
	/// The citizen's application, if they applied (city programs only).
	pub application: Option<Application>,
	/// The citizen's voucher, once credited (and until an officer recovers it).
	pub voucher: Option<Voucher<Balance>>,
}

impl<Balance> Participant<Balance> {
	/// Nothing left to keep: the record can go.
	pub fn is_empty(&self) -> bool {
		self.application.is_none() && self.voucher.is_none()
	}
}

/// Why there is no voucher view for an account and a program (`voucher_of` in the runtime
/// API; JSON-RPC `7102` and `7101`).
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub enum VoucherLookupError {
	/// No such program.
	UnknownProgram,
	/// The account is bound to no citizen (never registered, or deregistered).
	NotACitizen,
}

/// Part of a citizen's voucher set aside for a merchant (a booking) by the program's owner:
/// settled, it pays the merchant; released, it goes back to the voucher (or, after the
/// spending window, to the free budget).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub struct Hold<AccountId, Balance> {
	/// Whose voucher it came from.
	pub citizen: CitizenId,
	/// Who is paid when it is settled.
	pub merchant: AccountId,
	/// The merchant's category when the hold was made (what the spending report counts).
	pub category: MerchantCategory,
	/// How much is held.
	pub amount: Balance,
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
