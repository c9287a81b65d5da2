//! # Multi-child education points pallet
//!
//! Each year the city pays households with several children education points, spendable at
//! bookshops, study cafés, arts and sports schools — not at cram schools — until a forfeit
//! date. This pallet holds the rules; the money is policy funds'.
//!
//! ## Overview
//!
//! The city (the [`Config::AdminOrigin`]) **opens a scheme** for a year: its name, its
//! **tiers** (e.g. two children → 300,000 points, three or more → 500,000), how long a
//! guardian must have lived in the city, the application window, the forfeit date
//! (`spend_until`), the merchant categories allowed and excluded, and a budget. Opening
//! creates a policy-funds program owned by this pallet ([`ProgramOwner::service`] of
//! [`Config::PalletId`]) through [`ServicePrograms`], funded from the city's **treasury**
//! account ([`Treasury`]); nobody can `apply` to that program in policy funds. The city can
//! **top up** the budget from the treasury and **close applications** early.
//!
//! A **guardian** (the [`Config::CitizenOrigin`]: a signed account bound to an active citizen
//! ID) **applies** for a year. The pallet checks, through [`CitizenRegistry`], a valid
//! `Resident` claim old enough and a valid `MultiChildHousehold { household, children }`
//! claim; the household receives the highest tier its children reach, credited at once to
//! the guardian's voucher through [`VoucherLedger::credit`]. One grant per household per
//! year (the other guardian is refused) and one per citizen per year (a guardian whose
//! household claim changes mid-year is not paid twice).
//!
//! From then on the points are policy funds' vouchers: the citizen spends them with policy
//! funds' own `spend` at merchants of the allowed categories, and at `spend_until` what is
//! left is forfeited — returned to the program's free budget by policy funds' expiry (lazily
//! and in `on_idle`) with no transaction from the citizen. This pallet moves no money itself.
//!
//! ## Terminology
//!
//! - **Scheme**: a year's rules ([`SchemeTerms`]) and the policy-funds program that holds its
//!   money, keyed by [`Year`].
//! - **Tier**: `(min_children, amount)`; tiers ascend strictly in `min_children` (from 2) and
//!   never decrease in amount. A household with `children` receives the highest tier whose
//!   `min_children <= children`, judged when the guardian applies.
//! - **Household**: the salted commitment in the `MultiChildHousehold` claim, shared by both
//!   guardians; it keys the year's grant ([`Grants`]).
//! - **Points**: the household's voucher in the scheme's program, keyed by the applying
//!   guardian's [`CitizenId`] — never by account, so after a key recovery in the citizen ID
//!   pallet the points follow the citizen to the new account with no step here.
//! - **Forfeit**: policy funds' expiry at `spend_until`.
//!
//! ## Interface
//!
//! ### The city (`AdminOrigin`)
//! - [`open_scheme`](Pallet::open_scheme), [`top_up`](Pallet::top_up),
//!   [`close_applications`](Pallet::close_applications),
//!   [`set_treasury`](Pallet::set_treasury) (also set at genesis; never a policy-funds
//!   program's account, [`ServicePrograms::is_program_account`], nor one where a service
//!   keeps citizens' money, [`KeepsOthersMoney`])
//!
//! ### Guardians (`CitizenOrigin`)
//! - [`apply`](Pallet::apply): the citizen's own public-service call
//!   ([`citizen_primitives::PublicServiceCall`]), fee-free under the citizen's daily
//!   allowance in the runtime. Spending is policy funds' `spend`.
//!
//! ### Wallets and dashboards (read-only, `views.rs`, served by the runtime API)
//! - [`schemes`](Pallet::schemes), [`household_status`](Pallet::household_status),
//!   [`quote`](Pallet::quote) / [`quote_for`](Pallet::quote_for) (what applying now would
//!   give, or the exact [`Refusal`]), [`report`](Pallet::report) (households per tier, points
//!   granted, the program id to join with policy funds' report).
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod functions;
pub mod migrations;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
mod views;
pub mod weights;

pub use citizen_primitives::{
	BenchmarkCitizens, CitizenId, CitizenRegistry, ClaimKind, KeepsOthersMoney, LocalizedName,
	MerchantCategory, Moment, ProgramId, ProgramOwner, ServicePrograms, VoucherLedger,
};
pub use types::*;
pub use weights::WeightInfo;

/// An account in the lookup form extrinsics take.
pub type AccountIdLookupOf<T> =
	<<T as frame_system::Config>::Lookup as sp_runtime::traits::StaticLookup>::Source;
/// A name citizens read, in Korean and English.
pub type NameOf<T> = LocalizedName<<T as Config>::MaxNameLength>;
/// A scheme's terms in this runtime.
pub type SchemeTermsOf<T> = SchemeTerms<
	<T as Config>::Balance,
	<T as Config>::MaxNameLength,
	<T as Config>::MaxTiers,
	<T as Config>::MaxCategories,
>;
/// A scheme in this runtime.
pub type SchemeOf<T> = Scheme<
	<T as Config>::Balance,
	<T as Config>::MaxNameLength,
	<T as Config>::MaxTiers,
	<T as Config>::MaxCategories,
>;
/// A scheme's counters in this runtime.
pub type SchemeReportOf<T> = SchemeReport<<T as Config>::Balance, <T as Config>::MaxTiers>;
/// A household's grant in this runtime.
pub type GrantOf<T> = Grant<<T as Config>::Balance>;

/// What the benchmarks need from the runtime besides citizens and the clock: the ledger
/// (policy funds) refuses categories it does not know and funding the treasury cannot pay.
/// The unit tests' ledger double needs neither: `()` does nothing.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, Balance> {
	/// Make merchant `categories` known to the ledger (in the runtime, add them to policy
	/// funds' categories), so a scheme may list them.
	fn create_categories(categories: &[MerchantCategory]);
	/// Give `who` `amount` of the local currency (the treasury the benchmarks fund schemes
	/// from).
	fn fund_account(who: &AccountId, amount: Balance);
}

#[cfg(feature = "runtime-benchmarks")]
impl<AccountId, Balance> BenchmarkHelper<AccountId, Balance> for () {
	fn create_categories(_: &[MerchantCategory]) {}
	fn fund_account(_: &AccountId, _: Balance) {}
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{pallet_prelude::*, traits::Time, PalletId};
	use frame_system::pallet_prelude::*;
	use sp_core::H256;
	use sp_runtime::traits::{AtLeast32BitUnsigned, StaticLookup};

	/// The in-code storage version: 2 (v1 also kept an index of granted citizens,
	/// `GrantedCitizens`, which [`crate::migrations::v2`] clears).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The city: opens schemes, tops them up, closes applications, names the treasury.
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// A guardian's own call (`apply`): a signed account bound to an active citizen, as
		/// `(account, citizen)` (`citizen_primitives::EnsureCitizen` in the runtime). A signed
		/// account it refuses fails with `NotCitizen`.
		type CitizenOrigin: EnsureOrigin<
			Self::RuntimeOrigin,
			Success = (Self::AccountId, CitizenId),
		>;

		/// Who is a citizen and which claims they hold; benchmarks make citizens through it.
		type Citizens: CitizenRegistry<Self::AccountId> + BenchmarkCitizens<Self::AccountId>;

		/// The local currency's balance, as the ledger counts it (`u128` in the runtime).
		type Balance: Parameter + Member + AtLeast32BitUnsigned + Default + Copy + MaxEncodedLen;

		/// The money engine (policy funds): opens and funds the scheme's program, credits the
		/// points, tells balances. Its errors (e.g. an unknown category, a program longer than
		/// it allows, a treasury that cannot pay) surface as they are.
		type Ledger: VoucherLedger<Self::AccountId, Self::Balance>
			+ ServicePrograms<Self::AccountId, Self::Balance>;

		/// Accounts where other services keep money they owe (a facility's, a lottery round's
		/// keeping account): never the treasury, as program accounts never are.
		type OthersMoney: KeepsOthersMoney<Self::AccountId>;

		/// The clock windows and residence are judged against.
		type Time: Time<Moment = Moment>;

		/// The pallet's id: it owns the schemes' programs (`ProgramOwner::Service`).
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Most tiers a scheme may have (1 to 254: `min_children` ascends strictly from 2 to at
		/// most 255).
		#[pallet::constant]
		type MaxTiers: Get<u32>;

		/// Longest scheme name, in bytes, in each language (at most the ledger's own bound,
		/// or opening fails there).
		#[pallet::constant]
		type MaxNameLength: Get<u32>;

		/// Most allowed (and, separately, excluded) categories per scheme (at most the
		/// ledger's own bound).
		#[pallet::constant]
		type MaxCategories: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Moves the clock in benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkClock: citizen_primitives::BenchmarkClock;

		/// Makes categories known to the ledger and funds the treasury in benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: crate::BenchmarkHelper<Self::AccountId, Self::Balance>;
	}

	/// The city's treasury account: schemes are funded and topped up from it.
	#[pallet::storage]
	pub type Treasury<T: Config> = StorageValue<_, T::AccountId>;

	/// Schemes, one per year.
	#[pallet::storage]
	pub type Schemes<T: Config> = StorageMap<_, Twox64Concat, Year, SchemeOf<T>>;

	/// Each scheme's counters: households per tier, points granted, money put in.
	#[pallet::storage]
	pub type Reports<T: Config> = StorageMap<_, Twox64Concat, Year, SchemeReportOf<T>>;

	/// Each household's grant, by year and household commitment: one per household per year.
	#[pallet::storage]
	pub type Grants<T: Config> =
		StorageDoubleMap<_, Twox64Concat, Year, Identity, H256, GrantOf<T>>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The city's treasury account, if known at genesis (else `set_treasury` names it).
		/// Never a policy-funds program's account (the build panics).
		pub treasury: Option<T::AccountId>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if let Some(treasury) = &self.treasury {
				assert!(
					!T::Ledger::is_program_account(treasury),
					"the treasury is a policy-funds program's account (TreasuryIsProgramAccount)"
				);
				assert!(
					!T::OthersMoney::keeps_others_money(treasury),
					"the treasury keeps other services' money (TreasuryKeepsOthersMoney)"
				);
				Treasury::<T>::put(treasury);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The city named its treasury account.
		TreasurySet { account: T::AccountId },
		/// The city opened a year's scheme; its program holds `budget` from the treasury.
		SchemeOpened { year: Year, program: ProgramId, budget: T::Balance },
		/// The city put `amount` more from the treasury into a scheme.
		SchemeToppedUp { year: Year, amount: T::Balance },
		/// The city closed a scheme's applications before the end of its window.
		ApplicationsClosed { year: Year },
		/// A guardian's household was granted its points, credited to the guardian's voucher
		/// in the scheme's program.
		PointsGranted {
			year: Year,
			citizen: CitizenId,
			household: H256,
			children: u8,
			amount: T::Balance,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No treasury account has been named: nothing can fund a scheme.
		NoTreasury,
		/// The year already has a scheme.
		SchemeExists,
		/// No scheme for the year.
		UnknownScheme,
		/// Tiers must be at least one, `min_children` at least 2 and strictly ascending,
		/// amounts above zero and never decreasing.
		InvalidTiers,
		/// Dates must be `apply_from < apply_until <= spend_until`, with the window not over.
		InvalidWindow,
		/// A budget or a top-up must be above zero.
		ZeroAmount,
		/// The scheme's applications are closed (by the city, or its window is over).
		SchemeClosed,
		/// The caller does not act for an active citizen.
		NotCitizen,
		/// Outside the scheme's application window.
		OutsideApplicationWindow,
		/// The guardian holds no valid `Resident` claim.
		NotResident,
		/// The guardian has lived in the city for less than the scheme's `min_residence`.
		ResidenceTooShort,
		/// The guardian holds no valid `MultiChildHousehold` claim.
		NotMultiChildHousehold,
		/// The household has fewer children than the first tier asks.
		TooFewChildren,
		/// The citizen has already been granted this year's points.
		AlreadyGranted,
		/// The household (through the other guardian) has already been granted this year's
		/// points.
		HouseholdAlreadyGranted,
		/// The scheme's free budget does not cover the household's tier.
		BudgetExhausted,
		/// No allowed category, or a category both allowed and excluded: points must be
		/// purpose-bound (an empty list would let them be spent anywhere).
		InvalidCategories,
		/// The opening budget does not cover one grant of the lowest tier.
		BudgetBelowOneGrant,
		/// The account is a policy-funds program's (or will be one's): its money backs
		/// citizens' vouchers, so it cannot be the treasury schemes are funded from.
		TreasuryIsProgramAccount,
		/// The account is where another service keeps money it owes citizens (a facility's
		/// account, a live lottery round's keeping account): not a treasury.
		TreasuryKeepsOthersMoney,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(
				(1..=254).contains(&T::MaxTiers::get()),
				"MaxTiers must be between 1 and 254: tiers ascend strictly from 2 children to at \
				 most 255 (a u8)"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Open `year`'s scheme with `terms`: a program of this pallet is opened in policy
		/// funds with the scheme's name, forfeit date and categories, and funded with
		/// `terms.budget` from the treasury.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::open_scheme())]
		pub fn open_scheme(
			origin: OriginFor<T>,
			year: Year,
			terms: SchemeTermsOf<T>,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_open_scheme(year, terms)
		}

		/// Put `amount` more from the treasury into `year`'s scheme, while it may still take
		/// applications.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::top_up())]
		pub fn top_up(origin: OriginFor<T>, year: Year, amount: T::Balance) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_top_up(year, amount)
		}

		/// Close `year`'s applications now, before the end of the window. Points granted stay
		/// spendable until `spend_until`; the free budget stays in the program (the city takes
		/// it back with policy funds' `close_program`).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::close_applications())]
		pub fn close_applications(origin: OriginFor<T>, year: Year) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_close_applications(year)
		}

		/// Name the city's treasury account, which funds and tops up schemes. Not a policy-funds
		/// program's account (`TreasuryIsProgramAccount`).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::set_treasury())]
		pub fn set_treasury(origin: OriginFor<T>, account: AccountIdLookupOf<T>) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			let account = T::Lookup::lookup(account)?;
			Self::do_set_treasury(account)
		}

		/// Apply for `year`'s points as the guardian the caller acts for: the household's tier
		/// is credited to the guardian's voucher at once.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::apply())]
		pub fn apply(origin: OriginFor<T>, year: Year) -> DispatchResult {
			let (_, citizen) = Self::ensure_citizen(origin)?;
			Self::do_apply(citizen, year)
		}
	}
}

/// `quote` and `apply` judge alike: each refusal is the error of the same name.
impl<T: Config> From<Refusal> for Error<T> {
	fn from(refusal: Refusal) -> Self {
		match refusal {
			Refusal::NotCitizen => Error::NotCitizen,
			Refusal::UnknownScheme => Error::UnknownScheme,
			Refusal::AlreadyGranted => Error::AlreadyGranted,
			Refusal::SchemeClosed => Error::SchemeClosed,
			Refusal::OutsideApplicationWindow => Error::OutsideApplicationWindow,
			Refusal::NotResident => Error::NotResident,
			Refusal::ResidenceTooShort => Error::ResidenceTooShort,
			Refusal::NotMultiChildHousehold => Error::NotMultiChildHousehold,
			Refusal::TooFewChildren => Error::TooFewChildren,
			Refusal::HouseholdAlreadyGranted => Error::HouseholdAlreadyGranted,
			Refusal::BudgetExhausted => Error::BudgetExhausted,
		}
	}
}

/// `apply` is a guardian's own public-service call: fee-free under the citizen's allowance.
/// The city's calls pay.
impl<T: Config> citizen_primitives::PublicServiceCall for Call<T> {
	fn public_service(&self) -> Option<citizen_primitives::PublicService> {
		match self {
			Call::apply { .. } => Some(citizen_primitives::PublicService::Citizen),
			_ => None,
		}
	}
}
