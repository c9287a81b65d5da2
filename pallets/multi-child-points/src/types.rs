//! Records kept by the multi-child points pallet and the views served to wallets and the
//! city's dashboards. The stored types' methods own the scheme's rules (tiers, windows,
//! phases), so the dispatchables and the views judge a scheme the same way.

use citizen_primitives::{CitizenId, LocalizedName, MerchantCategory, Moment, ProgramId};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::Get, BoundedBTreeSet, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound,
	PartialEqNoBound,
};
use scale_info::TypeInfo;
use sp_core::H256;
use sp_runtime::traits::Zero;

/// A scheme's year, its key: one scheme per year (e.g. `2026`).
pub type Year = u16;

/// A tier of a scheme: households with at least `min_children` children receive `amount`
/// points (e.g. 2 → 300,000; 3 → 500,000).
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
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct Tier<Balance> {
	/// The fewest children a household of this tier has (at least 2).
	pub min_children: u8,
	/// The points a household of this tier receives.
	pub amount: Balance,
}

/// The terms the city sets for a year's scheme. Every amount, date, tier and category is a
/// parameter: nothing about the rules is a constant in code.
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
#[scale_info(skip_type_params(MaxName, MaxTiers, MaxCategories))]
#[allow(clippy::multiple_bound_locations)] // the codec derives repeat the bounds
pub struct SchemeTerms<
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxName: Get<u32>,
	MaxTiers: Get<u32>,
	MaxCategories: Get<u32>,
> {
	/// The name citizens read, e.g. "다자녀 교육지원포인트 2026" / "Multi-child education
	/// points 2026". It also names the scheme's program in policy funds.
	pub name: LocalizedName<MaxName>,
	/// The tiers, `min_children` strictly ascending from at least 2, amounts above zero and
	/// never decreasing. A household receives the highest tier its children reach.
	pub tiers: BoundedVec<Tier<Balance>, MaxTiers>,
	/// How long (ms) a guardian must have lived in the city, judged against the `since` of
	/// their `Resident` claim at the moment they apply.
	pub min_residence: Moment,
	/// Applications are taken from this moment ...
	pub apply_from: Moment,
	/// ... until (excluding) this one.
	pub apply_until: Moment,
	/// The forfeit date: points left then return to the program's free budget (policy funds'
	/// expiry), with no transaction from the citizen.
	pub spend_until: Moment,
	/// Merchant categories where the points can be spent; empty means every category.
	pub allowed_categories: BoundedBTreeSet<MerchantCategory, MaxCategories>,
	/// Categories excluded even when allowed (e.g. cram schools).
	pub excluded_categories: BoundedBTreeSet<MerchantCategory, MaxCategories>,
	/// What the city's treasury puts into the scheme's program when it opens.
	pub budget: Balance,
}

impl<Balance, MaxName, MaxTiers, MaxCategories>
	SchemeTerms<Balance, MaxName, MaxTiers, MaxCategories>
where
	Balance: Clone + PartialEq + Eq + core::fmt::Debug + PartialOrd + Zero,
	MaxName: Get<u32>,
	MaxTiers: Get<u32>,
	MaxCategories: Get<u32>,
{
	/// The tiers are usable: at least one; `min_children` at least 2 and strictly ascending;
	/// amounts above zero and never decreasing (more children never receive less).
	pub fn tiers_valid(&self) -> bool {
		let Some(first) = self.tiers.first() else { return false };
		first.min_children >= 2
			&& self.tiers.iter().all(|t| !t.amount.is_zero())
			&& self.tiers.windows(2).all(|w| match w {
				[a, b] => a.min_children < b.min_children && a.amount <= b.amount,
				_ => true,
			})
	}

	/// The dates are usable at `now`: `apply_from < apply_until < spend_until` (points granted
	/// on the last day of applications can still be spent), and the application window has
	/// not already ended (so `spend_until` is in the future too).
	pub fn window_valid(&self, now: Moment) -> bool {
		self.apply_from < self.apply_until
			&& self.apply_until < self.spend_until
			&& now < self.apply_until
	}

	/// The categories are usable: at least one allowed category (an empty list would mean
	/// "every category" in policy funds, so points could be spent anywhere), and none both
	/// allowed and excluded.
	pub fn categories_valid(&self) -> bool {
		!self.allowed_categories.is_empty()
			&& self.allowed_categories.iter().all(|c| !self.excluded_categories.contains(c))
	}

	/// The budget covers at least one grant of the lowest tier.
	pub fn budget_valid(&self) -> bool {
		self.tiers.first().is_some_and(|t| self.budget >= t.amount)
	}

	/// The tier a household with `children` children falls in: the highest whose
	/// `min_children` it reaches, with its index; `None` below the first tier.
	pub fn tier_for(&self, children: u8) -> Option<(u8, Tier<Balance>)> {
		// Every tier is visited (the tiers are few): the highest tier costs what any other does.
		self.tiers
			.iter()
			.enumerate()
			.filter(|(_, t)| t.min_children <= children)
			.last()
			.and_then(|(i, t)| Some((u8::try_from(i).ok()?, t.clone())))
	}

	/// Whether `now` is inside the application window.
	pub fn in_application_window(&self, now: Moment) -> bool {
		self.apply_from <= now && now < self.apply_until
	}
}

/// Whether the city has closed a scheme's applications before the end of its window.
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
pub enum SchemeStatus {
	/// Applications are taken in the window.
	Open,
	/// The city closed applications early (`close_applications`); points already granted
	/// stay spendable until `spend_until`.
	Closed,
}

/// A year's scheme: its terms, the policy-funds program that holds its money, and whether
/// the city closed its applications early.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(MaxName, MaxTiers, MaxCategories))]
pub struct Scheme<
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxName: Get<u32>,
	MaxTiers: Get<u32>,
	MaxCategories: Get<u32>,
> {
	pub terms: SchemeTerms<Balance, MaxName, MaxTiers, MaxCategories>,
	/// The policy-funds program this pallet owns for the scheme: its budget, the vouchers
	/// (the points), spending by category, expiry.
	pub program: ProgramId,
	pub status: SchemeStatus,
	/// When the city opened it.
	pub opened_at: Moment,
}

impl<Balance, MaxName, MaxTiers, MaxCategories> Scheme<Balance, MaxName, MaxTiers, MaxCategories>
where
	Balance: Clone + PartialEq + Eq + core::fmt::Debug + PartialOrd + Zero,
	MaxName: Get<u32>,
	MaxTiers: Get<u32>,
	MaxCategories: Get<u32>,
{
	/// Closed early by the city.
	pub fn is_closed(&self) -> bool {
		self.status == SchemeStatus::Closed
	}

	/// Whether applications may still come, now or later in the window: not closed early and
	/// the window not over. Top-ups and an early close need this.
	pub fn takes_applications(&self, now: Moment) -> bool {
		!self.is_closed() && now < self.terms.apply_until
	}

	/// Where the scheme stands at `now`.
	pub fn phase(&self, now: Moment) -> SchemePhase {
		if now >= self.terms.spend_until {
			SchemePhase::Expired
		} else if !self.takes_applications(now) {
			SchemePhase::Closed
		} else if now < self.terms.apply_from {
			SchemePhase::Upcoming
		} else {
			SchemePhase::Open
		}
	}
}

/// A scheme's counters: households granted per tier (in the order of the tiers), the points
/// granted, and what the treasury put in (the budget and every top-up).
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(MaxTiers))]
pub struct SchemeReport<Balance: Clone + PartialEq + Eq + core::fmt::Debug, MaxTiers: Get<u32>> {
	/// Households granted, one counter per tier.
	pub households: BoundedVec<u32, MaxTiers>,
	/// Points credited to households.
	pub granted: Balance,
	/// Put into the program from the treasury: the budget and the top-ups.
	pub funded: Balance,
}

/// A household's grant for a year.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Grant<Balance> {
	/// The guardian who applied: the points are this citizen's voucher.
	pub citizen: CitizenId,
	/// The index of the tier granted.
	pub tier: u8,
	/// The children the household claim counted at application time.
	pub children: u8,
	/// The points credited.
	pub amount: Balance,
	/// When.
	pub granted_at: Moment,
}

/// Why a citizen would not receive points now: the `quote` answer, one variant per error
/// `apply` can fail with (the same names), judged in the same order.
///
/// New variants are appended, never reordered.
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
pub enum Refusal {
	/// The account does not act for an active citizen (never registered, suspended or
	/// deregistered).
	NotCitizen,
	/// No scheme for the year.
	UnknownScheme,
	/// The citizen has already been granted this year's points (maybe for another household
	/// commitment, or another child count).
	AlreadyGranted,
	/// The city closed the scheme's applications.
	SchemeClosed,
	/// Outside the application window.
	OutsideApplicationWindow,
	/// No valid `Resident` claim.
	NotResident,
	/// Resident for less than the scheme's `min_residence`.
	ResidenceTooShort,
	/// No valid `MultiChildHousehold` claim.
	NotMultiChildHousehold,
	/// The household has fewer children than the first tier asks.
	TooFewChildren,
	/// The other guardian of the household has already been granted this year's points.
	HouseholdAlreadyGranted,
	/// The scheme's free budget does not cover the household's tier.
	BudgetExhausted,
}

/// A name as served: Korean and English, UTF-8.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub struct NameView {
	pub ko: alloc::vec::Vec<u8>,
	pub en: alloc::vec::Vec<u8>,
}

/// Where a scheme stands.
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
pub enum SchemePhase {
	/// Opened; applications not yet taken.
	Upcoming,
	/// Taking applications.
	Open,
	/// Applications over (the window ended, or the city closed it early); points granted can
	/// be spent until `spend_until`.
	Closed,
	/// Past `spend_until`: what was not spent is forfeited (back in the free budget).
	Expired,
}

/// A scheme as a wallet or dashboard reads it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct SchemeView<Balance> {
	pub year: Year,
	pub name: NameView,
	pub tiers: alloc::vec::Vec<Tier<Balance>>,
	pub min_residence: Moment,
	pub apply_from: Moment,
	pub apply_until: Moment,
	pub spend_until: Moment,
	pub allowed_categories: alloc::vec::Vec<MerchantCategory>,
	pub excluded_categories: alloc::vec::Vec<MerchantCategory>,
	/// The budget it opened with (top-ups are in the report's `funded`).
	pub budget: Balance,
	/// The policy-funds program holding its money and vouchers.
	pub program: ProgramId,
	pub phase: SchemePhase,
}

/// A household's grant as served.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct GrantView<Balance> {
	/// The guardian whose voucher holds the points (it follows the citizen ID through a key
	/// recovery).
	pub citizen: CitizenId,
	/// The tier's index, and its `min_children`.
	pub tier: u8,
	pub min_children: u8,
	/// The children counted at application time.
	pub children: u8,
	/// The points credited.
	pub amount: Balance,
	pub granted_at: Moment,
	/// What is left to spend now: zero after `spend_until` (forfeited).
	pub balance: Balance,
	/// The forfeit date.
	pub spend_until: Moment,
}

/// A household's standing in a year's scheme.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub enum HouseholdStatus<Balance> {
	/// Neither guardian has been granted the year's points.
	NotGranted,
	/// Granted: to whom, which tier, how much, what is left.
	Granted(GrantView<Balance>),
}

/// One tier's line in a report.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct TierReport<Balance> {
	pub min_children: u8,
	pub amount: Balance,
	/// Households granted this tier.
	pub households: u32,
}

/// A scheme's report. What was spent by merchant category and what was forfeited are policy
/// funds' counters of `program` (its `program_report` and `spend_by_category`).
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct SchemeReportView<Balance> {
	pub year: Year,
	/// The policy-funds program: join its report for spending by category and forfeits.
	pub program: ProgramId,
	/// Households granted per tier, in the order of the tiers.
	pub tiers: alloc::vec::Vec<TierReport<Balance>>,
	/// Households granted in all.
	pub households: u32,
	/// Points credited to households.
	pub points_granted: Balance,
	/// Put in from the treasury: the budget and the top-ups.
	pub funded: Balance,
	/// The program's free budget now (forfeited points included once expired).
	pub free_budget: Balance,
}

/// What `apply` found a citizen eligible for.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Eligibility<Balance> {
	pub household: H256,
	pub children: u8,
	pub tier: u8,
	pub amount: Balance,
}
