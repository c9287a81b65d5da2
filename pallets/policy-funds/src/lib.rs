//! # Policy funds pallet
//!
//! The money engine of the citizen platform: programs funded in the local currency, citizens
//! applying, purpose-bound vouchers, merchants paid at once, bookings held and settled,
//! unspent value returned at expiry.
//!
//! ## Overview
//!
//! The city registers **merchant categories** (data, not code, each named in Korean and
//! English) and **merchants** (an account, a category, a living zone), and creates **city
//! programs**: an amount per grant, the claims an applicant must hold (checked through
//! [`CitizenRegistry`]), an application window, automatic or manual approval, a spending
//! window, allowed and excluded categories, and whether a grant is per citizen or per
//! household. Anyone (the city's treasury, the partner bank) **funds** a program by moving
//! local currency into the program's own account, derived from its id.
//!
//! A citizen (the [`Config::CitizenOrigin`]: a signed account bound to an active citizen ID)
//! **applies** to a city program; an automatic program credits a **voucher** in the same call,
//! a manual one waits for an officer of the program to approve or reject it. The citizen
//! **spends** any part of the voucher at an active merchant of an allowed category: the asset
//! moves from the program account to the merchant in the same call — settlement is the
//! transfer. After the spending window, what is left of every voucher returns to the program's
//! free budget, in one step per program, with no transaction from citizens: lazily when the
//! program is touched and by a bounded sweep in `on_idle`.
//!
//! **Service programs** belong to another pallet (multi-child points, the youth pass,
//! facility booking), which opens and funds them through [`ServicePrograms`] and credits,
//! holds, settles and takes back vouchers through [`VoucherLedger`]. Nobody applies to them.
//! A **hold** sets part of a voucher aside for a merchant (a booking): settling it pays the
//! merchant exactly as a spend does (also after the spending window: a booking paid after the
//! date); releasing it gives it back to the voucher, or to the free budget once the spending
//! window has ended.
//!
//! ## Terminology
//!
//! - **Owner** ([`ProgramOwner`]): the city, or a service pallet by its `PalletId`. Only the
//!   owner credits, holds, releases, settles and takes back through [`VoucherLedger`]; only
//!   city programs take applications.
//! - **Free budget**: money in the program account not promised to anyone.
//! - **Outstanding**: money on vouchers, neither spent, held nor returned.
//! - **Held**: money set aside from vouchers for merchants, neither settled nor released.
//! - **Invariant**: program account balance = free budget + outstanding + held, checked in
//!   `try_state` and after every operation in the tests. Expiry returns what is outstanding,
//!   never what is held.
//! - **Finished**: expired, ended, or closed with nothing outstanding or held: out of the
//!   expiry queue, its slot free.
//! - **Clawback**: an officer freezes a wrongly paid voucher, then recovers it to the free
//!   budget.
//!
//! Vouchers are keyed by [`CitizenId`], never by account: after a key recovery in the citizen
//! ID pallet, the citizen spends from the new account. Accounts are turned into citizens only
//! by the origin ([`Config::CitizenOrigin`]) and the registry ([`Config::Citizens`]).
//!
//! ## Interface
//!
//! ### The city (`AdminOrigin`)
//! - categories: [`add_category`](Pallet::add_category),
//!   [`remove_category`](Pallet::remove_category)
//! - merchants: [`register_merchant`](Pallet::register_merchant),
//!   [`set_merchant_active`](Pallet::set_merchant_active),
//!   [`remove_merchant`](Pallet::remove_merchant)
//! - programs: [`create_program`](Pallet::create_program) (a city program),
//!   [`set_officers`](Pallet::set_officers), [`close_program`](Pallet::close_program),
//!   [`end_program`](Pallet::end_program) (any program, service programs included)
//!
//! ### A program's officers
//! - [`approve`](Pallet::approve), [`reject`](Pallet::reject),
//!   [`pause_merchant`](Pallet::pause_merchant), [`unpause_merchant`](Pallet::unpause_merchant),
//!   [`freeze_voucher`](Pallet::freeze_voucher), [`unfreeze_voucher`](Pallet::unfreeze_voucher),
//!   [`recover_voucher`](Pallet::recover_voucher)
//!
//! ### Citizens (`CitizenOrigin`)
//! - [`apply`](Pallet::apply) (city programs), [`spend`](Pallet::spend). Both are the
//!   citizen's own public-service calls ([`citizen_primitives::PublicServiceCall`]), fee-free
//!   under the citizen's daily allowance in the runtime.
//!
//! ### Anyone (signed)
//! - [`fund`](Pallet::fund) with their own money, [`expire_program`](Pallet::expire_program)
//!
//! ### Other pallets
//! - [`ServicePrograms`] (in `impl_service_programs.rs`): open a program owned by the
//!   service, funded from an account it names; fund it more; read its free budget.
//! - [`VoucherLedger`] (in `impl_voucher_ledger.rs`): credit, spend, hold, release, settle
//!   and take back vouchers under a program; the owner-only operations refuse anyone else
//!   with `NotProgramOwner`.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod functions;
mod impl_service_programs;
mod impl_voucher_ledger;
pub mod migrations;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
mod views;
pub mod weights;

pub use citizen_primitives::{
	BenchmarkCitizens, CitizenId, CitizenRegistry, ClaimKind, HoldId, LocalizedName,
	MerchantCategory, Moment, ProgramId, ProgramOwner, ServicePrograms, VoucherLedger, ZoneId,
};
pub use types::*;
pub use weights::WeightInfo;

use frame_support::traits::fungible;

/// A balance of the local currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// An account in the lookup form extrinsics take.
pub type AccountIdLookupOf<T> =
	<<T as frame_system::Config>::Lookup as sp_runtime::traits::StaticLookup>::Source;
/// A program's terms in this runtime.
pub type ProgramTermsOf<T> = ProgramTerms<
	BalanceOf<T>,
	<T as Config>::MaxNameLength,
	<T as Config>::MaxRequiredClaims,
	<T as Config>::MaxCategoriesPerProgram,
>;
/// A program in this runtime.
pub type ProgramOf<T> = Program<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	<T as Config>::MaxNameLength,
	<T as Config>::MaxRequiredClaims,
	<T as Config>::MaxCategoriesPerProgram,
	<T as Config>::MaxOfficers,
>;
/// A program report in this runtime.
pub type ProgramReportOf<T> = ProgramReport<BalanceOf<T>>;
/// A program's stored books in this runtime.
pub type ProgramLedgerOf<T> = ProgramLedger<BalanceOf<T>, <T as Config>::MaxCategoriesPerProgram>;
/// A citizen's place in a program in this runtime.
pub type ParticipantOf<T> = Participant<BalanceOf<T>>;
/// A voucher in this runtime.
pub type VoucherOf<T> = Voucher<BalanceOf<T>>;
/// A hold in this runtime.
pub type HoldOf<T> = Hold<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
/// A name citizens read (a category's, a program's), in Korean and English.
pub type NameOf<T> = LocalizedName<<T as Config>::MaxNameLength>;
/// A category name.
pub type CategoryNameOf<T> = NameOf<T>;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{pallet_prelude::*, traits::Time, PalletId};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::StaticLookup;

	/// The in-code storage version. Version 2: programs have an owner, names are
	/// [`LocalizedName`]s, reports count what is held (see [`crate::migrations::v2`]).
	/// Version 3: a program's counters and spending by category are one record
	/// ([`Ledgers`]), a citizen's application and voucher are one record ([`Participants`])
	/// (see [`crate::migrations::v3`]).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(3);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The city: manages categories, merchants and programs.
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// A citizen's own calls (`apply`, `spend`): a signed account bound to an active
		/// citizen, as `(account, citizen)` (`citizen_primitives::EnsureCitizen` in the
		/// runtime). A signed account it refuses fails with `NotCitizen`.
		type CitizenOrigin: EnsureOrigin<
			Self::RuntimeOrigin,
			Success = (Self::AccountId, CitizenId),
		>;

		/// The local currency (in the runtime, the Dongbaek won asset seen as one fungible).
		type Currency: fungible::Mutate<Self::AccountId>;

		/// Who is a citizen and which claims they hold; benchmarks make citizens through it.
		type Citizens: CitizenRegistry<Self::AccountId> + BenchmarkCitizens<Self::AccountId>;

		/// The clock windows are judged against.
		type Time: Time<Moment = Moment>;

		/// Derives each program's account.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Longest program or category name, in bytes, in each language.
		#[pallet::constant]
		type MaxNameLength: Get<u32>;

		/// Most claims a program may require.
		#[pallet::constant]
		type MaxRequiredClaims: Get<u32>;

		/// Most allowed (and, separately, excluded) categories per program.
		#[pallet::constant]
		type MaxCategoriesPerProgram: Get<u32>;

		/// Most officers per program.
		#[pallet::constant]
		type MaxOfficers: Get<u32>;

		/// Most programs waiting for their expiry at once.
		#[pallet::constant]
		type MaxLivePrograms: Get<u32>;

		/// Most programs the `on_idle` sweep expires in one block.
		#[pallet::constant]
		type MaxExpiriesPerBlock: Get<u32>;

		/// Longest a program may run (ms): a program whose `spend_until` is later than now
		/// plus this is refused, so no program holds one of the `MaxLivePrograms` slots for
		/// ever.
		#[pallet::constant]
		type MaxProgramDuration: Get<Moment>;

		/// Owners whose vouchers citizens may `spend` directly at merchants. A service whose
		/// vouchers pay only through its own bookings (the youth culture pass pays for
		/// city-designated offers only) is left out: its vouchers move only by its holds.
		type DirectSpend: frame_support::traits::Contains<ProgramOwner>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Moves the clock in benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkClock: citizen_primitives::BenchmarkClock;
	}

	/// Merchant categories the city manages, with their names.
	#[pallet::storage]
	pub type Categories<T: Config> = StorageMap<_, Twox64Concat, MerchantCategory, NameOf<T>>;

	/// How many merchants use each category (a category in use cannot be removed).
	#[pallet::storage]
	pub type CategoryUse<T: Config> =
		StorageMap<_, Twox64Concat, MerchantCategory, u32, ValueQuery>;

	/// Registered merchants.
	#[pallet::storage]
	pub type Merchants<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, MerchantInfo>;

	/// The id the next program gets.
	#[pallet::storage]
	pub type NextProgramId<T: Config> = StorageValue<_, ProgramId, ValueQuery>;

	/// Programs.
	#[pallet::storage]
	pub type Programs<T: Config> = StorageMap<_, Twox64Concat, ProgramId, ProgramOf<T>>;

	/// Each program's books: its counters and what it paid per merchant category (up to
	/// `MaxCategoriesPerProgram` categories). A program with no entry has all counters at
	/// zero. `free` and `outstanding` are derived from the counters (see [`ProgramLedger`]).
	#[pallet::storage]
	pub type Ledgers<T: Config> =
		StorageMap<_, Twox64Concat, ProgramId, ProgramLedgerOf<T>, ValueQuery>;

	/// Spending per program and merchant category beyond what the program's [`Ledgers`]
	/// record holds: only a program open to every category that is paid in more than
	/// `MaxCategoriesPerProgram` categories has entries here. (The program's spending by
	/// category is its ledger's list and these entries: [`Pallet::spend_by_category`].)
	#[pallet::storage]
	pub type SpendByCategory<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		ProgramId,
		Twox64Concat,
		MerchantCategory,
		BalanceOf<T>,
		ValueQuery,
	>;

	/// Each citizen's place in each program: the application and the voucher, in one record,
	/// by citizen then program (a merchant's "can this citizen pay here?" reads only the
	/// citizen's own records). Vouchers are keyed by citizen, never by account.
	#[pallet::storage]
	pub type Participants<T: Config> =
		StorageDoubleMap<_, Twox64Concat, CitizenId, Twox64Concat, ProgramId, ParticipantOf<T>>;

	/// For per-household programs: the citizen whose application holds the household's grant.
	#[pallet::storage]
	pub type HouseholdGrants<T: Config> =
		StorageDoubleMap<_, Twox64Concat, ProgramId, Identity, sp_core::H256, CitizenId>;

	/// Holds on vouchers (bookings), by program and hold id; gone once settled or released.
	#[pallet::storage]
	pub type Holds<T: Config> =
		StorageDoubleMap<_, Twox64Concat, ProgramId, Twox64Concat, HoldId, HoldOf<T>>;

	/// The id the next hold of each program gets.
	#[pallet::storage]
	pub type NextHoldId<T: Config> = StorageMap<_, Twox64Concat, ProgramId, HoldId, ValueQuery>;

	/// Merchants a program has paused.
	#[pallet::storage]
	pub type PausedMerchants<T: Config> =
		StorageDoubleMap<_, Twox64Concat, ProgramId, Blake2_128Concat, T::AccountId, ()>;

	/// Programs not yet finished (expired, ended, or closed with nothing outstanding or
	/// held), soonest `spend_until` first: what the `on_idle` sweep reads. Its bound,
	/// `MaxLivePrograms`, is the number of programs that can run at once.
	#[pallet::storage]
	pub type ExpiryQueue<T: Config> =
		StorageValue<_, BoundedVec<(Moment, ProgramId), T::MaxLivePrograms>, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The city added (or renamed) a merchant category.
		CategoryAdded { category: MerchantCategory, name: NameOf<T> },
		/// The city removed a merchant category.
		CategoryRemoved { category: MerchantCategory },
		/// The city registered a merchant.
		MerchantRegistered { merchant: T::AccountId, category: MerchantCategory, zone: ZoneId },
		/// The city suspended or resumed a merchant.
		MerchantActiveSet { merchant: T::AccountId, active: bool },
		/// The city removed a merchant.
		MerchantRemoved { merchant: T::AccountId },
		/// A program was created: by the city (`owner: City`) or opened by a service.
		ProgramCreated { program: ProgramId, owner: ProgramOwner, account: T::AccountId },
		/// The city appointed a program's officers.
		OfficersSet { program: ProgramId, officers: BoundedVec<T::AccountId, T::MaxOfficers> },
		/// Money was put into a program.
		ProgramFunded { program: ProgramId, from: T::AccountId, amount: BalanceOf<T> },
		/// The city closed a program and took back its free budget. When nothing was
		/// outstanding or held any more, the program is finished (marked expired, its slot
		/// freed).
		ProgramClosed { program: ProgramId, returned_to: T::AccountId, amount: BalanceOf<T> },
		/// A service paid money out of its own program's free budget (a refund of a
		/// co-payment it took in).
		ServiceWithdrew { program: ProgramId, to: T::AccountId, amount: BalanceOf<T> },
		/// A program's spending window ended; what vouchers had left is back in the budget
		/// (holds stay held).
		ProgramExpired { program: ProgramId, returned: BalanceOf<T> },
		/// A citizen applied.
		Applied { program: ProgramId, citizen: CitizenId },
		/// An application was approved (by rule or by `officer`).
		Approved { program: ProgramId, citizen: CitizenId, officer: Option<T::AccountId> },
		/// An officer rejected an application.
		Rejected { program: ProgramId, citizen: CitizenId, officer: T::AccountId, reason: u16 },
		/// A voucher was credited.
		VoucherCredited { program: ProgramId, citizen: CitizenId, amount: BalanceOf<T> },
		/// A citizen paid a merchant from a voucher; the merchant holds the money now.
		VoucherSpent {
			program: ProgramId,
			citizen: CitizenId,
			merchant: T::AccountId,
			category: MerchantCategory,
			amount: BalanceOf<T>,
		},
		/// A voucher's balance returned to the program's free budget.
		VoucherReturned { program: ProgramId, citizen: CitizenId, amount: BalanceOf<T> },
		/// An officer froze a voucher.
		VoucherFrozen { program: ProgramId, citizen: CitizenId, officer: T::AccountId },
		/// An officer unfroze a voucher.
		VoucherUnfrozen { program: ProgramId, citizen: CitizenId, officer: T::AccountId },
		/// An officer recovered a frozen voucher to the free budget.
		VoucherRecovered {
			program: ProgramId,
			citizen: CitizenId,
			officer: T::AccountId,
			amount: BalanceOf<T>,
		},
		/// A program paused a merchant.
		MerchantPaused { program: ProgramId, merchant: T::AccountId },
		/// A program unpaused a merchant.
		MerchantUnpaused { program: ProgramId, merchant: T::AccountId },
		/// The city ended a program early: every voucher's remaining value went back to the
		/// free budget, and the whole free budget (`amount`) to `returned_to`. Holds stay held.
		ProgramEnded { program: ProgramId, returned_to: T::AccountId, amount: BalanceOf<T> },
		/// The program's owner set part of a citizen's voucher aside for a merchant.
		VoucherHeld {
			program: ProgramId,
			hold: HoldId,
			citizen: CitizenId,
			merchant: T::AccountId,
			amount: BalanceOf<T>,
		},
		/// The owner released a hold: back to the citizen's voucher, or to the free budget
		/// (`to_budget`) when the spending window has ended or the voucher is gone.
		HoldReleased {
			program: ProgramId,
			hold: HoldId,
			citizen: CitizenId,
			amount: BalanceOf<T>,
			to_budget: bool,
		},
		/// The owner settled a hold: the merchant holds the money now.
		HoldSettled {
			program: ProgramId,
			hold: HoldId,
			citizen: CitizenId,
			merchant: T::AccountId,
			category: MerchantCategory,
			amount: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No such merchant category.
		UnknownCategory,
		/// Merchants still use this category.
		CategoryInUse,
		/// The account is already a merchant.
		MerchantAlreadyRegistered,
		/// The account is not a registered merchant.
		UnknownMerchant,
		/// The merchant is suspended by the city.
		MerchantSuspended,
		/// This program has paused the merchant.
		MerchantPaused,
		/// The merchant is not paused by this program.
		MerchantNotPaused,
		/// No such program.
		UnknownProgram,
		/// `spend_until` must be in the future; for a city program also
		/// `apply_from < apply_until <= spend_until`, and a per-household program must require
		/// `MultiChildHousehold`.
		InvalidTerms,
		/// An amount must be above zero (a city program's grant, a funding, a spend, a hold).
		ZeroAmount,
		/// Too many programs are waiting for their expiry.
		TooManyLivePrograms,
		/// The program is closed.
		ProgramClosed,
		/// The program's spending window has ended (or the city ended the program).
		ProgramExpired,
		/// The program's spending window has not ended yet.
		ProgramNotExpired,
		/// The caller is not an officer of this program.
		NotOfficer,
		/// The caller does not act for an active citizen.
		NotCitizen,
		/// Applications are not being taken now.
		OutsideApplicationWindow,
		/// The citizen lacks a claim the program requires (or it is not valid now).
		NotEligible,
		/// The citizen has not lived in the city long enough.
		ResidenceTooShort,
		/// The citizen already applied to this program.
		AlreadyApplied,
		/// The household already has a grant (or an application) in this program.
		HouseholdAlreadyGranted,
		/// The free budget does not cover a grant or a credit.
		BudgetExhausted,
		/// This program's vouchers pay only through its service's bookings, never by a direct
		/// spend.
		BookingsOnly,
		/// A service's program can be closed or ended by the city only once its spending
		/// window is over.
		ServiceProgramRunning,
		/// No application from this citizen.
		UnknownApplication,
		/// The application is not pending.
		NotPending,
		/// The citizen holds no voucher in this program.
		NoVoucher,
		/// The voucher is frozen.
		VoucherFrozen,
		/// The voucher is not frozen.
		VoucherNotFrozen,
		/// The amount is more than the voucher holds.
		InsufficientVoucher,
		/// The merchant's category is not allowed by this program.
		CategoryNotAllowed,
		/// `spend_until` is further away than `MaxProgramDuration`.
		ProgramTooLong,
		/// The applicant is no longer an active citizen (suspended or deregistered since
		/// applying); the officer can still reject the application.
		ApplicantNotActive,
		/// The merchant is the citizen's own account: a voucher cannot pay its holder.
		SelfPayment,
		/// The payment would leave the program account with a positive balance below the
		/// currency's minimum, which would be lost. Spend so that at least the minimum stays, or
		/// all of it; if a donation to the program account leaves such dust after the free
		/// budget is paid out, top the account up by a direct transfer and close again.
		ProgramAccountBelowMinimum,
		/// The receiving account does not exist and the amount is below the currency's minimum
		/// balance, so it cannot be created.
		RecipientBelowMinimum,
		// New errors are appended: a `DispatchError::Module` names an error by its index.
		/// The program belongs to a service: citizens do not apply to it, its owner credits it.
		NotOpenToApplications,
		/// Only the program's owner credits, holds, releases, settles, takes back and funds
		/// through the service interfaces.
		NotProgramOwner,
		/// No such hold (never made, or already settled or released).
		UnknownHold,
		/// A name is longer than `MaxNameLength` bytes.
		NameTooLong,
		/// More categories than `MaxCategoriesPerProgram`.
		TooManyCategories,
		/// Programs opened through `ServicePrograms` belong to a service; the city creates its
		/// own with `create_program`.
		NotAServiceOwner,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Expire programs whose spending window has ended, soonest first, as far as the
		/// block's leftover weight allows (each is O(1): vouchers are not visited).
		fn on_idle(_n: BlockNumberFor<T>, remaining: Weight) -> Weight {
			Self::sweep_expired(remaining)
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Add a merchant category, or rename one. The name is in Korean and English.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::add_category())]
		pub fn add_category(
			origin: OriginFor<T>,
			category: MerchantCategory,
			name: NameOf<T>,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_add_category(category, name)
		}

		/// Remove a merchant category no merchant uses.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_category())]
		pub fn remove_category(origin: OriginFor<T>, category: MerchantCategory) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_remove_category(category)
		}

		/// Register a merchant of `category` in `zone`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::register_merchant())]
		pub fn register_merchant(
			origin: OriginFor<T>,
			merchant: AccountIdLookupOf<T>,
			category: MerchantCategory,
			zone: ZoneId,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			let merchant = T::Lookup::lookup(merchant)?;
			Self::do_register_merchant(merchant, category, zone)
		}

		/// Suspend (`active = false`) or resume a merchant everywhere.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::set_merchant_active())]
		pub fn set_merchant_active(
			origin: OriginFor<T>,
			merchant: AccountIdLookupOf<T>,
			active: bool,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			let merchant = T::Lookup::lookup(merchant)?;
			Self::do_set_merchant_active(merchant, active)
		}

		/// Remove a merchant.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::remove_merchant())]
		pub fn remove_merchant(
			origin: OriginFor<T>,
			merchant: AccountIdLookupOf<T>,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			let merchant = T::Lookup::lookup(merchant)?;
			Self::do_remove_merchant(merchant)
		}

		/// Create a city program with `terms`, run by `officers`. Fund it with [`Self::fund`].
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::create_program())]
		pub fn create_program(
			origin: OriginFor<T>,
			terms: ProgramTermsOf<T>,
			officers: BoundedVec<T::AccountId, T::MaxOfficers>,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_create_program(ProgramOwner::City, terms, officers).map(|_| ())
		}

		/// Replace a program's officers.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::set_officers())]
		pub fn set_officers(
			origin: OriginFor<T>,
			program: ProgramId,
			officers: BoundedVec<T::AccountId, T::MaxOfficers>,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_set_officers(program, officers)
		}

		/// Close a program to applications, funding and credits and move its free budget to
		/// `return_to`. Vouchers already credited stay spendable until the program expires;
		/// calling this again later moves what has returned since. Once nothing is outstanding
		/// or held (now, or at a later call), the program is finished and frees its slot.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::close_program())]
		pub fn close_program(
			origin: OriginFor<T>,
			program: ProgramId,
			return_to: AccountIdLookupOf<T>,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			let return_to = T::Lookup::lookup(return_to)?;
			Self::do_close_program(program, return_to)
		}

		/// End a program now: spending stops, every voucher's remaining value returns to the
		/// free budget in one step (vouchers are not visited, as at expiry), the whole free
		/// budget goes to `return_to` and the program frees its slot. Vouchers of an ended
		/// program fail with `ProgramExpired`; holds stay, to be settled or released (to the
		/// free budget, which a later `close_program` sweeps).
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::end_program())]
		pub fn end_program(
			origin: OriginFor<T>,
			program: ProgramId,
			return_to: AccountIdLookupOf<T>,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			let return_to = T::Lookup::lookup(return_to)?;
			Self::do_end_program(program, return_to)
		}

		/// Put `amount` of the caller's local currency into a program.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::fund())]
		pub fn fund(
			origin: OriginFor<T>,
			program: ProgramId,
			amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_fund(who, program, amount)
		}

		/// Return the unspent value of a program whose spending window has ended. Anyone may
		/// call this; the `on_idle` sweep does the same when blocks have room.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::expire_program())]
		pub fn expire_program(origin: OriginFor<T>, program: ProgramId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_expire_program(program)
		}

		/// Apply to a city program as the citizen the caller acts for.
		#[pallet::call_index(20)]
		#[pallet::weight(T::WeightInfo::apply())]
		pub fn apply(origin: OriginFor<T>, program: ProgramId) -> DispatchResult {
			let (_, citizen) = Self::ensure_citizen(origin)?;
			Self::do_apply(citizen, program)
		}

		/// Pay `merchant` `amount` from the caller's voucher under `program`.
		#[pallet::call_index(21)]
		#[pallet::weight(T::WeightInfo::spend())]
		pub fn spend(
			origin: OriginFor<T>,
			program: ProgramId,
			merchant: AccountIdLookupOf<T>,
			amount: BalanceOf<T>,
		) -> DispatchResult {
			let (payer, citizen) = Self::ensure_citizen(origin)?;
			let merchant = T::Lookup::lookup(merchant)?;
			// The origin resolved the citizen's account: no second registry lookup.
			Self::do_spend(program, citizen, Some(&payer), merchant, amount)
		}

		/// Approve a pending application: the voucher is credited. The applicant must still be
		/// an active, eligible citizen of the household recorded on the application.
		#[pallet::call_index(30)]
		#[pallet::weight(T::WeightInfo::approve())]
		pub fn approve(
			origin: OriginFor<T>,
			program: ProgramId,
			citizen: CitizenId,
		) -> DispatchResult {
			let officer = Self::ensure_officer(origin, program)?;
			Self::do_approve(program, citizen, officer)
		}

		/// Reject a pending application with a reason code.
		#[pallet::call_index(31)]
		#[pallet::weight(T::WeightInfo::reject())]
		pub fn reject(
			origin: OriginFor<T>,
			program: ProgramId,
			citizen: CitizenId,
			reason: u16,
		) -> DispatchResult {
			let officer = Self::ensure_officer(origin, program)?;
			Self::do_reject(program, citizen, officer, reason)
		}

		/// Stop a merchant from accepting this program's vouchers.
		#[pallet::call_index(32)]
		#[pallet::weight(T::WeightInfo::pause_merchant())]
		pub fn pause_merchant(
			origin: OriginFor<T>,
			program: ProgramId,
			merchant: AccountIdLookupOf<T>,
		) -> DispatchResult {
			Self::ensure_officer(origin, program)?;
			let merchant = T::Lookup::lookup(merchant)?;
			Self::do_pause_merchant(program, merchant)
		}

		/// Let a paused merchant accept this program's vouchers again.
		#[pallet::call_index(33)]
		#[pallet::weight(T::WeightInfo::unpause_merchant())]
		pub fn unpause_merchant(
			origin: OriginFor<T>,
			program: ProgramId,
			merchant: AccountIdLookupOf<T>,
		) -> DispatchResult {
			Self::ensure_officer(origin, program)?;
			let merchant = T::Lookup::lookup(merchant)?;
			Self::do_unpause_merchant(program, merchant)
		}

		/// Freeze a voucher, e.g. when it was wrongly paid: it cannot be spent or held.
		#[pallet::call_index(34)]
		#[pallet::weight(T::WeightInfo::freeze_voucher())]
		pub fn freeze_voucher(
			origin: OriginFor<T>,
			program: ProgramId,
			citizen: CitizenId,
		) -> DispatchResult {
			let officer = Self::ensure_officer(origin, program)?;
			Self::do_set_frozen(program, citizen, officer, true)
		}

		/// Unfreeze a voucher.
		#[pallet::call_index(35)]
		#[pallet::weight(T::WeightInfo::unfreeze_voucher())]
		pub fn unfreeze_voucher(
			origin: OriginFor<T>,
			program: ProgramId,
			citizen: CitizenId,
		) -> DispatchResult {
			let officer = Self::ensure_officer(origin, program)?;
			Self::do_set_frozen(program, citizen, officer, false)
		}

		/// Recover a frozen voucher: its balance returns to the free budget. Holds already
		/// made on it stay (their owner settles or releases them; a release then goes to the
		/// free budget).
		#[pallet::call_index(36)]
		#[pallet::weight(T::WeightInfo::recover_voucher())]
		pub fn recover_voucher(
			origin: OriginFor<T>,
			program: ProgramId,
			citizen: CitizenId,
		) -> DispatchResult {
			let officer = Self::ensure_officer(origin, program)?;
			Self::do_recover(program, citizen, officer)
		}
	}
}

/// `apply` and `spend` are a citizen's own public-service calls: fee-free under the citizen's
/// allowance. Every other call of this pallet (the city's, officers', funding, expiry) pays.
impl<T: Config> citizen_primitives::PublicServiceCall for Call<T> {
	fn public_service(&self) -> Option<citizen_primitives::PublicService> {
		match self {
			Call::apply { .. } | Call::spend { .. } => {
				Some(citizen_primitives::PublicService::Citizen)
			}
			_ => None,
		}
	}
}
