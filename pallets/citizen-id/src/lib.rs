//! # Citizen ID pallet
//!
//! The digital citizen ID: the identity layer every citizen service checks eligibility against.
//!
//! ## Overview
//!
//! The city registers **issuers** (district offices, the partner bank, agencies) and says which
//! kinds of claim each may attest. An issuer registers a **citizen** after an in-person or KYC
//! check: the citizen's account, a salted commitment of the resident number and a home living
//! zone, nothing else. One person, one ID: a commitment can be registered once, ever, and an
//! account holds at most one ID. Issuers then attest typed **claims** about the citizen
//! ("resident of zone 7 since March", "in the youth age band", "guardian in a household of
//! three children") with a validity window, and may anchor the digest of an off-chain
//! **verifiable credential**.
//!
//! A merchant or service asks one question, "is this claim valid now?", and gets the status,
//! the issuer and the validity window (runtime API `CitizenIdApi`, node RPC
//! `citizen_verifyClaim`). Expiry needs no transaction: it is judged against the block time.
//!
//! Benefits in other pallets are keyed by [`CitizenId`], never by account. When a citizen
//! loses a phone, an issuer suspends the ID and, after an in-person check, asks to **rebind**
//! it to a new account; the rebind can be enacted by anyone once the recovery delay has passed.
//!
//! ## Recovery: neither the thief nor the fraudster wins alone
//!
//! A rebind has two adversaries: a thief holding the old key, and a fraudster who talks one
//! issuer into moving the ID to the fraudster's account. The rules:
//!
//! - While the ID is suspended or a rebind is pending, the old key cannot
//!   [`deregister`](Pallet::deregister): a thief cannot destroy the ID.
//! - The old key (the account the ID is bound to now) may [`object`](Pallet::object_to_rebind)
//!   once per request, also while the ID is suspended, and the objection is a fee-free call.
//!   An objection pauses the rebind; it cannot be enacted until the city or an issuer *other
//!   than the one that requested it* [decides](Pallet::resolve_rebind). Upheld, the request is
//!   dropped. Overruled, the rebind goes ahead once due and cannot be objected to again: a
//!   thief can delay recovery by one decision, never block it.
//! - A fraudster working through one issuer cannot take an ID while its owner objects: the
//!   requesting issuer cannot overrule the objection.
//! - A request dies with its issuer's registration (issuer epochs, as for claims): after the
//!   city removes a compromised issuer, none of its requests can be enacted, and a new request
//!   may replace a dead one. Only the requester or the city may cancel a live request, and the
//!   requester cannot cancel one its owner objected to (that would wipe the objection).
//! - The requester vouches for the new binding: once enacted, the ID records it as its
//!   confirming issuer, so removing that issuer later suspends the binding it vouched for.
//! - Enacting lifts only the suspension that was in place when the rebind was requested (the
//!   lost phone); a suspension placed after the request stays.
//!
//! ## Removing an issuer
//!
//! Removing an issuer suspends what it attested (claims, credentials) and the IDs it
//! registered: they read as suspended — no benefits, no fee-free calls — until another issuer
//! [re-confirms](Pallet::confirm_citizen) the ID (and re-attests the claims). This is judged by
//! epoch when read, with no loop over storage.
//!
//! ## Onboarding a city
//!
//! An issuer registers citizens in bulk with [`register_citizens`](Pallet::register_citizens):
//! up to `MaxRegistrationBatch` citizens a call, each with its account, commitment, zone and a
//! Resident claim, under every rule of a single registration. Each citizen is registered whole
//! or not at all (a storage transaction each), and one refusal does not stop the others: every
//! citizen gets its own event. What all citizens of a batch share is read and written once (the
//! issuer, the clock, the id counter), and the Resident claim lives in the citizen record, so a
//! citizen costs four storage writes: its record, its account index, its commitment and its
//! account's provider reference.
//!
//! ## Terminology
//!
//! - **Commitment**: `blake2_256(salt ++ resident number)`, computed off chain. Reserved for
//!   good once registered, also after the citizen deregisters.
//! - **Claim**: an issuer-attested predicate about a citizen, one per [`ClaimKind`]; attesting
//!   a kind again replaces the previous claim (re-issue).
//! - **Issuer epoch**: each registration of an issuer gets a fresh epoch, and claims and
//!   credentials remember the epoch they were attested in. Removing an issuer therefore
//!   suspends everything it attested at once, with no loop over storage, until another issuer
//!   re-attests it; re-registering the same account does not revive old attestations.
//!
//! ## Privacy model
//!
//! No name, resident number, birth date or address is stored. A citizen record holds an
//! account, a salted commitment and a living zone; claims hold predicates (zone and residence
//! start, a youth-band flag, a household commitment and a child count).
//!
//! ## Interface
//!
//! ### City (`AdminOrigin`: root or a council majority)
//! - [`register_issuer`](Pallet::register_issuer), [`update_issuer`](Pallet::update_issuer),
//!   [`remove_issuer`](Pallet::remove_issuer), [`set_recovery_delay`](Pallet::set_recovery_delay)
//!
//! ### Issuers (signed by a registered issuer)
//! - [`register_citizen`](Pallet::register_citizen),
//!   [`register_citizens`](Pallet::register_citizens) (in bulk, each with a Resident claim),
//!   [`suspend_citizen`](Pallet::suspend_citizen), [`resume_citizen`](Pallet::resume_citizen)
//! - [`issue_claim`](Pallet::issue_claim), [`suspend_claim`](Pallet::suspend_claim),
//!   [`resume_claim`](Pallet::resume_claim), [`revoke_claim`](Pallet::revoke_claim) (only for
//!   the kinds the issuer may attest)
//! - [`anchor_credential`](Pallet::anchor_credential),
//!   [`revoke_credential`](Pallet::revoke_credential)
//! - [`request_rebind`](Pallet::request_rebind), [`cancel_rebind`](Pallet::cancel_rebind) (its
//!   own request; the city may cancel any)
//! - [`confirm_citizen`](Pallet::confirm_citizen): re-confirm an ID whose registering issuer
//!   was removed
//!
//! ### City or an issuer other than the requester
//! - [`resolve_rebind`](Pallet::resolve_rebind): decide an objection
//!
//! ### Citizens (the account an ID is bound to)
//! - [`object_to_rebind`](Pallet::object_to_rebind) (also while suspended),
//!   [`deregister`](Pallet::deregister)
//!
//! ### Anyone
//! - [`enact_rebind`](Pallet::enact_rebind), once the delay has passed and no objection stands
//! - [`reap_credential`](Pallet::reap_credential): remove a revoked, expired or orphaned
//!   credential
//! - [`release_provider`](Pallet::release_provider): drop the account reference an ID left on
//!   an old account that could not be released at the time
//!
//! ### For other pallets and the runtime
//! - [`CitizenRegistry`] (in `impl_citizen_registry.rs`).
//! - [`Pallet::free_calls_left`], [`Pallet::use_free_call`]: the per-citizen allowance of
//!   fee-free public-service calls (`FreeCallsPerPeriod` per `FreeCallPeriod`), so a citizen
//!   never needs to buy tokens and fee-free calls are no spam hole.
//!
//! A registered citizen's account gets a provider reference from its ID, so it can send
//! transactions while holding nothing at all; the reference moves with a rebind and goes with
//! deregistration. Deregistering is refused while something else still relies on the account
//! (it would otherwise keep a reference it no longer earns). A rebind cannot wait for the lost
//! phone's account, so when the old account's reference cannot be dropped at once it is
//! recorded in [`DanglingProviders`] and anyone may release it later.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod functions;
mod impl_citizen_registry;
pub mod migrations;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use citizen_primitives::{
	CitizenId, CitizenRegistry, ClaimKind, ClaimStatus, ClaimValue, Commitment, Moment, ZoneId,
};
pub use types::*;
pub use weights::WeightInfo;

/// An account in the lookup form extrinsics take (a `MultiAddress` in the runtime).
pub type AccountIdLookupOf<T> =
	<<T as frame_system::Config>::Lookup as sp_runtime::traits::StaticLookup>::Source;
/// A citizen record of this runtime.
pub type CitizenRecordOf<T> = CitizenRecord<<T as frame_system::Config>::AccountId>;
/// A claim record of this runtime.
pub type ClaimRecordOf<T> = ClaimRecord<<T as frame_system::Config>::AccountId>;
/// A credential record of this runtime.
pub type CredentialRecordOf<T> = CredentialRecord<<T as frame_system::Config>::AccountId>;
/// A pending rebind of this runtime.
pub type PendingRebindOf<T> = PendingRebind<<T as frame_system::Config>::AccountId>;
/// A claim verdict of this runtime.
pub type ClaimVerdictOf<T> = ClaimVerdict<<T as frame_system::Config>::AccountId>;
/// A credential verdict of this runtime.
pub type CredentialVerdictOf<T> = CredentialVerdict<<T as frame_system::Config>::AccountId>;
/// A citizen view of this runtime.
pub type CitizenViewOf<T> = CitizenView<<T as frame_system::Config>::AccountId>;
/// A Resident claim as a citizen record of this runtime keeps it.
pub type ResidentClaimOf<T> = ResidentClaim<<T as frame_system::Config>::AccountId>;
/// One citizen of a bulk registration in this runtime.
pub type NewCitizenOf<T> = NewCitizen<<T as frame_system::Config>::AccountId>;
/// The citizens of one bulk registration, at most `MaxRegistrationBatch`.
pub type NewCitizensOf<T> =
	frame_support::BoundedVec<NewCitizenOf<T>, <T as Config>::MaxRegistrationBatch>;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{pallet_prelude::*, traits::Time};
	use frame_system::pallet_prelude::*;
	use sp_core::H256;
	use sp_runtime::traits::StaticLookup;

	/// The in-code storage version. Version 3: a citizen's Resident claim lives in its record
	/// (see [`crate::migrations::v3`]).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(3);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The city: registers and removes issuers, sets the recovery delay.
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The clock claims, credentials and rebinds are judged against.
		type Time: Time<Moment = Moment>;

		/// How many credentials may be anchored for one citizen.
		#[pallet::constant]
		type MaxCredentialsPerCitizen: Get<u32>;

		/// The longest recovery delay the city may set (ms).
		#[pallet::constant]
		type MaxRecoveryDelay: Get<Moment>;

		/// How many of their own public-service calls a citizen makes without a fee in each
		/// period (the runtime's fee extension asks [`Pallet::free_calls_left`]).
		#[pallet::constant]
		type FreeCallsPerPeriod: Get<u32>;

		/// The length of that period (ms).
		#[pallet::constant]
		type FreeCallPeriod: Get<Moment>;

		/// The most citizens one `register_citizens` call registers. Chosen so that a full
		/// batch stays a small part of a block.
		#[pallet::constant]
		type MaxRegistrationBatch: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Registered issuers and the claim kinds each may attest.
	#[pallet::storage]
	pub type Issuers<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, IssuerInfo>;

	/// The epoch the next issuer registration gets.
	#[pallet::storage]
	pub type NextIssuerEpoch<T: Config> = StorageValue<_, IssuerEpoch, ValueQuery>;

	/// The id the next registered citizen gets.
	#[pallet::storage]
	pub type NextCitizenId<T: Config> = StorageValue<_, CitizenId, ValueQuery>;

	/// Citizen records, by citizen id.
	#[pallet::storage]
	pub type Citizens<T: Config> = StorageMap<_, Twox64Concat, CitizenId, CitizenRecordOf<T>>;

	/// Which citizen an account acts for (not kept for deregistered citizens).
	#[pallet::storage]
	pub type CitizenOf<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, CitizenId>;

	/// Every commitment ever registered, with its citizen. Never removed: one person, one ID.
	#[pallet::storage]
	pub type Commitments<T: Config> = StorageMap<_, Identity, Commitment, CitizenId>;

	/// Claims, by citizen and kind; a Resident claim lives in the citizen record instead.
	#[pallet::storage]
	pub type Claims<T: Config> =
		StorageDoubleMap<_, Twox64Concat, CitizenId, Twox64Concat, ClaimKind, ClaimRecordOf<T>>;

	/// Anchored credentials, by digest.
	#[pallet::storage]
	pub type Credentials<T: Config> = StorageMap<_, Identity, H256, CredentialRecordOf<T>>;

	/// How many live (anchored, not revoked) credentials each citizen has (bounded by
	/// `MaxCredentialsPerCitizen`). Revoked ones do not count and can be reaped.
	#[pallet::storage]
	pub type CredentialCount<T: Config> = StorageMap<_, Twox64Concat, CitizenId, u32, ValueQuery>;

	/// Rebinds waiting for the recovery delay.
	#[pallet::storage]
	pub type PendingRebinds<T: Config> = StorageMap<_, Twox64Concat, CitizenId, PendingRebindOf<T>>;

	/// How long (ms) a requested rebind waits before it can be enacted.
	#[pallet::storage]
	pub type RecoveryDelay<T: Config> = StorageValue<_, Moment, ValueQuery>;

	/// Fee-free calls each citizen used: (period index, calls used in it).
	#[pallet::storage]
	pub type FreeCallsUsed<T: Config> =
		StorageMap<_, Twox64Concat, CitizenId, (u64, u32), ValueQuery>;

	/// Old accounts of rebound citizens that still carry the provider reference their ID gave
	/// them, because something else relied on the account at the rebind. Anyone may release
	/// it once nothing does ([`Pallet::release_provider`]).
	#[pallet::storage]
	pub type DanglingProviders<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, ()>;

	/// Digests of reaped credentials: never anchored again, so a revocation stays final after
	/// its record is reaped (32 bytes each instead of the whole record).
	#[pallet::storage]
	pub type RetiredDigests<T: Config> = StorageMap<_, Identity, H256, ()>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Issuers present from genesis, with the kinds each may attest.
		pub issuers: alloc::vec::Vec<(T::AccountId, alloc::vec::Vec<ClaimKind>)>,
		/// The recovery delay (ms).
		pub recovery_delay: Moment,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		// A bad genesis config must stop the chain from being created at all, so this (and only
		// this) code panics on invalid input.
		fn build(&self) {
			assert!(
				self.recovery_delay <= T::MaxRecoveryDelay::get(),
				"recovery delay above MaxRecoveryDelay"
			);
			RecoveryDelay::<T>::put(self.recovery_delay);
			for (issuer, kinds) in &self.issuers {
				Pallet::<T>::do_register_issuer(issuer.clone(), claim_kinds(kinds.iter().copied()))
					.expect("genesis issuers must be distinct");
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The city registered an issuer.
		IssuerRegistered { issuer: T::AccountId, kinds: ClaimKinds, epoch: IssuerEpoch },
		/// The city changed the claim kinds an issuer may attest.
		IssuerUpdated { issuer: T::AccountId, kinds: ClaimKinds },
		/// The city removed an issuer: everything it attested, and every ID it registered, reads
		/// as suspended until another issuer re-attests (re-confirms) it.
		IssuerRemoved { issuer: T::AccountId },
		/// The city set the recovery delay.
		RecoveryDelaySet { delay: Moment },
		/// An issuer registered a citizen.
		CitizenRegistered {
			citizen: CitizenId,
			account: T::AccountId,
			home_zone: ZoneId,
			issuer: T::AccountId,
		},
		/// An issuer suspended a citizen's ID.
		CitizenSuspended { citizen: CitizenId, by: T::AccountId },
		/// An issuer resumed a citizen's ID.
		CitizenResumed { citizen: CitizenId, by: T::AccountId },
		/// A citizen gave up their ID. The commitment stays reserved.
		CitizenDeregistered { citizen: CitizenId },
		/// An issuer attested a claim (replacing any earlier claim of the kind).
		ClaimIssued {
			citizen: CitizenId,
			kind: ClaimKind,
			issuer: T::AccountId,
			valid_from: Moment,
			valid_until: Moment,
			replaced: bool,
		},
		/// An issuer put a claim on hold.
		ClaimSuspended { citizen: CitizenId, kind: ClaimKind, by: T::AccountId },
		/// An issuer lifted the hold on a claim.
		ClaimResumed { citizen: CitizenId, kind: ClaimKind, by: T::AccountId },
		/// An issuer withdrew a claim.
		ClaimRevoked { citizen: CitizenId, kind: ClaimKind, by: T::AccountId },
		/// An issuer anchored a credential digest.
		CredentialAnchored { digest: H256, citizen: CitizenId, issuer: T::AccountId },
		/// The anchoring issuer revoked a credential.
		CredentialRevoked { digest: H256, by: T::AccountId },
		/// An issuer asked to move a citizen to a new account.
		RebindRequested {
			citizen: CitizenId,
			new_account: T::AccountId,
			effective_at: Moment,
			by: T::AccountId,
		},
		/// A pending rebind was cancelled by its requester, or by the city (`by` is `None`).
		RebindCancelled { citizen: CitizenId, by: Option<T::AccountId> },
		/// The citizen's current account objected to a pending rebind: it is paused until the
		/// city or another issuer decides.
		RebindObjected { citizen: CitizenId, by: T::AccountId },
		/// The objection was upheld: the rebind request is dropped. `by` is `None` for the city.
		RebindObjectionUpheld { citizen: CitizenId, by: Option<T::AccountId> },
		/// The objection was overruled: the rebind goes ahead once due. `by` is `None` for the
		/// city.
		RebindObjectionOverruled { citizen: CitizenId, by: Option<T::AccountId> },
		/// An issuer re-confirmed an ID whose registering issuer had been removed.
		CitizenReconfirmed { citizen: CitizenId, by: T::AccountId },
		/// A dead credential (revoked, expired, orphaned) was removed.
		CredentialReaped { digest: H256 },
		/// A rebind could not drop the ID's provider reference from the old account, because
		/// something else relies on it; it is recorded in `DanglingProviders`.
		ProviderKept { account: T::AccountId },
		/// The provider reference left on an old account was released.
		ProviderReleased { account: T::AccountId },
		/// A bulk registration refused the citizen at `index` (counted from 0) for `error`;
		/// nothing of that citizen was stored. The other citizens of the batch are not
		/// affected.
		RegistrationRefused { index: u32, account: T::AccountId, error: DispatchError },
		/// An issuer's bulk registration is done: `registered` citizens (each announced by
		/// `CitizenRegistered`, each holding a Resident claim in its zone attested by `issuer`,
		/// valid over `[valid_from, valid_until)`) and `refused` refusals (each announced by
		/// `RegistrationRefused`).
		BatchRegistered {
			issuer: T::AccountId,
			registered: u32,
			refused: u32,
			valid_from: Moment,
			valid_until: Moment,
		},
		/// A citizen now acts through a new account; everything keyed by the citizen follows.
		CitizenRebound { citizen: CitizenId, old_account: T::AccountId, new_account: T::AccountId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is already a registered issuer.
		IssuerAlreadyRegistered,
		/// The account is not a registered issuer.
		NotIssuer,
		/// The issuer may not attest or manage claims of this kind.
		ClaimKindNotAllowed,
		/// The recovery delay is above `MaxRecoveryDelay`.
		RecoveryDelayTooLong,
		/// This commitment is already registered: one person, one ID.
		AlreadyRegistered,
		/// The account already acts for a citizen.
		AccountAlreadyCitizen,
		/// No citizen with this id.
		UnknownCitizen,
		/// The citizen has deregistered.
		CitizenDeregistered,
		/// The citizen's ID is already suspended.
		CitizenAlreadySuspended,
		/// The citizen's ID is not suspended.
		CitizenNotSuspended,
		/// The caller does not act for a citizen.
		NotCitizen,
		/// `valid_from` must be before `valid_until`, and `valid_until` in the future.
		InvalidValidity,
		/// The citizen holds no claim of this kind.
		ClaimNotFound,
		/// The claim is not active, so it cannot be suspended.
		ClaimNotActive,
		/// The claim is not suspended, so it cannot be resumed.
		ClaimNotSuspended,
		/// The claim is already revoked.
		ClaimAlreadyRevoked,
		/// A credential with this digest is already anchored.
		CredentialAlreadyAnchored,
		/// No credential with this digest.
		UnknownCredential,
		/// Only the issuer that anchored a credential may revoke it.
		NotCredentialIssuer,
		/// The credential is already revoked.
		CredentialAlreadyRevoked,
		/// The citizen has `MaxCredentialsPerCitizen` credentials already.
		TooManyCredentials,
		/// A rebind is already pending for this citizen.
		RebindAlreadyPending,
		/// No rebind is pending for this citizen.
		NoPendingRebind,
		/// The recovery delay has not passed yet.
		RebindNotDue,
		/// The new account is the one the citizen already uses.
		SameAccount,
		/// Only the citizen's current account may object to a rebind.
		NotAllowedToObject,
		/// The owner has objected: the rebind waits for the city or another issuer.
		RebindObjected,
		/// The owner already objected to this request.
		ObjectionAlreadyRaised,
		/// An objection to this request was overruled; it cannot be objected to again.
		ObjectionOverruled,
		/// No objection to decide.
		NoObjection,
		/// Only the issuer that requested a rebind (or the city) may cancel it.
		NotRequester,
		/// The issuer that requested the rebind cannot decide the objection to it.
		RequesterCannotResolve,
		/// The issuer that requested the rebind has been removed: it can never be enacted.
		RebindIssuerRemoved,
		/// The ID is suspended: it cannot be deregistered (a stolen key must not destroy it).
		CitizenSuspended,
		/// A rebind is pending: the ID cannot be deregistered until it is enacted or dropped.
		RebindPending,
		/// Something else still relies on the account (e.g. a hold, a lock or a non-sufficient
		/// asset): release it before deregistering.
		AccountInUse,
		/// The issuer that registered the ID is still registered: nothing to re-confirm.
		RegistrarStillActive,
		/// The credential is still valid: only revoked, expired or orphaned ones can be reaped.
		CredentialStillValid,
		/// The account carries no dangling provider reference.
		NoDanglingProvider,
		/// The citizen has used every fee-free call of this period.
		NoFreeCallsLeft,
		/// A bulk registration with no citizen in it.
		EmptyBatch,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register `issuer`, allowed to attest claims of `kinds`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_issuer())]
		pub fn register_issuer(
			origin: OriginFor<T>,
			issuer: AccountIdLookupOf<T>,
			kinds: ClaimKinds,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			let issuer = T::Lookup::lookup(issuer)?;
			Self::do_register_issuer(issuer, kinds)
		}

		/// Change the claim kinds `issuer` may attest. Claims it already attested are kept.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_issuer())]
		pub fn update_issuer(
			origin: OriginFor<T>,
			issuer: AccountIdLookupOf<T>,
			kinds: ClaimKinds,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			let issuer = T::Lookup::lookup(issuer)?;
			Self::do_update_issuer(issuer, kinds)
		}

		/// Remove `issuer`. Everything it attested reads as suspended from now on, until
		/// another issuer re-attests it; the IDs it registered read as suspended until another
		/// issuer re-confirms them; its pending rebind requests can no longer be enacted.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::remove_issuer())]
		pub fn remove_issuer(origin: OriginFor<T>, issuer: AccountIdLookupOf<T>) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			let issuer = T::Lookup::lookup(issuer)?;
			Self::do_remove_issuer(issuer)
		}

		/// Set how long (ms) a requested rebind waits before it can be enacted.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::set_recovery_delay())]
		pub fn set_recovery_delay(origin: OriginFor<T>, delay: Moment) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_set_recovery_delay(delay)
		}

		/// Register a citizen acting through `account`, identified by the salted `commitment`
		/// of their resident number, living in `home_zone`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::register_citizen())]
		pub fn register_citizen(
			origin: OriginFor<T>,
			account: AccountIdLookupOf<T>,
			commitment: Commitment,
			home_zone: ZoneId,
		) -> DispatchResult {
			let issuer = Self::ensure_issuer(origin)?;
			let account = T::Lookup::lookup(account)?;
			Self::do_register_citizen(issuer, account, commitment, home_zone).map(|_| ())
		}

		/// Suspend a citizen's ID (e.g. a lost phone). Its claims read as suspended.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::suspend_citizen())]
		pub fn suspend_citizen(origin: OriginFor<T>, citizen: CitizenId) -> DispatchResult {
			let issuer = Self::ensure_issuer(origin)?;
			Self::do_set_citizen_suspended(issuer, citizen, true)
		}

		/// Lift a suspension.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::resume_citizen())]
		pub fn resume_citizen(origin: OriginFor<T>, citizen: CitizenId) -> DispatchResult {
			let issuer = Self::ensure_issuer(origin)?;
			Self::do_set_citizen_suspended(issuer, citizen, false)
		}

		/// Attest `claim` about `citizen`, valid from `valid_from` until `valid_until` (ms).
		/// Replaces an earlier claim of the same kind (re-issue).
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::issue_claim())]
		pub fn issue_claim(
			origin: OriginFor<T>,
			citizen: CitizenId,
			claim: ClaimValue,
			valid_from: Moment,
			valid_until: Moment,
		) -> DispatchResult {
			let issuer = Self::ensure_issuer(origin)?;
			Self::do_issue_claim(issuer, citizen, claim, valid_from, valid_until)
		}

		/// Put a claim on hold.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::suspend_claim())]
		pub fn suspend_claim(
			origin: OriginFor<T>,
			citizen: CitizenId,
			kind: ClaimKind,
		) -> DispatchResult {
			let issuer = Self::ensure_issuer(origin)?;
			Self::do_change_claim_state(issuer, citizen, kind, ClaimState::Suspended)
		}

		/// Lift the hold on a claim.
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::resume_claim())]
		pub fn resume_claim(
			origin: OriginFor<T>,
			citizen: CitizenId,
			kind: ClaimKind,
		) -> DispatchResult {
			let issuer = Self::ensure_issuer(origin)?;
			Self::do_change_claim_state(issuer, citizen, kind, ClaimState::Active)
		}

		/// Withdraw a claim. Only a fresh `issue_claim` brings the kind back.
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::revoke_claim())]
		pub fn revoke_claim(
			origin: OriginFor<T>,
			citizen: CitizenId,
			kind: ClaimKind,
		) -> DispatchResult {
			let issuer = Self::ensure_issuer(origin)?;
			Self::do_change_claim_state(issuer, citizen, kind, ClaimState::Revoked)
		}

		/// Anchor the digest of an off-chain verifiable credential issued to `citizen`.
		#[pallet::call_index(17)]
		#[pallet::weight(T::WeightInfo::anchor_credential())]
		pub fn anchor_credential(
			origin: OriginFor<T>,
			citizen: CitizenId,
			digest: H256,
			valid_until: Option<Moment>,
		) -> DispatchResult {
			let issuer = Self::ensure_issuer(origin)?;
			Self::do_anchor_credential(issuer, citizen, digest, valid_until)
		}

		/// Revoke a credential this issuer anchored.
		#[pallet::call_index(18)]
		#[pallet::weight(T::WeightInfo::revoke_credential())]
		pub fn revoke_credential(origin: OriginFor<T>, digest: H256) -> DispatchResult {
			let issuer = Self::ensure_issuer(origin)?;
			Self::do_revoke_credential(issuer, digest)
		}

		/// After an in-person check, ask to move `citizen` to `new_account`. It can be enacted
		/// once the recovery delay has passed.
		#[pallet::call_index(19)]
		#[pallet::weight(T::WeightInfo::request_rebind())]
		pub fn request_rebind(
			origin: OriginFor<T>,
			citizen: CitizenId,
			new_account: AccountIdLookupOf<T>,
		) -> DispatchResult {
			let issuer = Self::ensure_issuer(origin)?;
			let new_account = T::Lookup::lookup(new_account)?;
			Self::do_request_rebind(issuer, citizen, new_account)
		}

		/// Cancel a pending rebind: the city, or the issuer that requested it as long as the
		/// owner has not objected (an objected request is decided by [`Self::resolve_rebind`],
		/// never by its requester). Another issuer cannot cancel it. The citizen's own "that
		/// was not me" button is [`Self::object_to_rebind`].
		#[pallet::call_index(20)]
		#[pallet::weight(T::WeightInfo::cancel_rebind())]
		pub fn cancel_rebind(origin: OriginFor<T>, citizen: CitizenId) -> DispatchResult {
			let by = match T::AdminOrigin::try_origin(origin) {
				Ok(_) => None,
				Err(origin) => Some(Self::ensure_issuer(origin)?),
			};
			Self::do_cancel_rebind(by, citizen)
		}

		/// Enact a rebind whose delay has passed and to which no objection stands. Anyone may
		/// call this. It lifts the suspension that was in place when the rebind was requested
		/// (the lost key is no longer bound to the ID), not one placed after the request.
		#[pallet::call_index(21)]
		#[pallet::weight(T::WeightInfo::enact_rebind())]
		pub fn enact_rebind(origin: OriginFor<T>, citizen: CitizenId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_enact_rebind(citizen)
		}

		/// Give up one's own ID. Claims are dropped, credentials read as revoked, and the
		/// commitment stays reserved so nobody can re-create the ID. Refused while the ID is
		/// suspended or a rebind is pending.
		#[pallet::call_index(22)]
		#[pallet::weight(T::WeightInfo::deregister())]
		pub fn deregister(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_deregister(who)
		}

		/// Re-confirm `citizen`, whose registering issuer has been removed: the ID is active
		/// again (unless suspended), now under this issuer.
		#[pallet::call_index(23)]
		#[pallet::weight(T::WeightInfo::confirm_citizen())]
		pub fn confirm_citizen(origin: OriginFor<T>, citizen: CitizenId) -> DispatchResult {
			let issuer = Self::ensure_issuer(origin)?;
			Self::do_confirm_citizen(issuer, citizen)
		}

		/// "That was not me": the account `citizen` is bound to now objects to the pending
		/// rebind, which pauses until the city or an issuer other than the requester decides.
		/// Allowed once per request, also while the ID is suspended; fee-free for the citizen.
		#[pallet::call_index(24)]
		#[pallet::weight(T::WeightInfo::object_to_rebind())]
		pub fn object_to_rebind(origin: OriginFor<T>, citizen: CitizenId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_object_to_rebind(who, citizen)
		}

		/// Decide an objection to `citizen`'s pending rebind: `proceed = true` overrules it (the
		/// rebind goes ahead once due, and cannot be objected to again), `false` upholds it
		/// (the request is dropped). The city, or an issuer other than the one that requested
		/// the rebind.
		#[pallet::call_index(25)]
		#[pallet::weight(T::WeightInfo::resolve_rebind())]
		pub fn resolve_rebind(
			origin: OriginFor<T>,
			citizen: CitizenId,
			proceed: bool,
		) -> DispatchResult {
			let by = match T::AdminOrigin::try_origin(origin) {
				Ok(_) => None,
				Err(origin) => Some(Self::ensure_issuer(origin)?),
			};
			Self::do_resolve_rebind(by, citizen, proceed)
		}

		/// Release the provider reference an ID left on `account` at a rebind, once nothing
		/// else relies on the account. Anyone may call this.
		#[pallet::call_index(26)]
		#[pallet::weight(T::WeightInfo::release_provider())]
		pub fn release_provider(
			origin: OriginFor<T>,
			account: AccountIdLookupOf<T>,
		) -> DispatchResult {
			ensure_signed(origin)?;
			let account = T::Lookup::lookup(account)?;
			Self::do_release_provider(account)
		}

		/// Remove a credential that can no longer be valid: revoked, expired, anchored by a
		/// removed issuer, or of a deregistered citizen. Anyone may call this.
		#[pallet::call_index(27)]
		#[pallet::weight(T::WeightInfo::reap_credential())]
		pub fn reap_credential(origin: OriginFor<T>, digest: H256) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_reap_credential(digest)
		}

		/// Register `citizens` (at most `MaxRegistrationBatch`), each as
		/// [`Self::register_citizen`] would, with a Resident claim in its zone valid from
		/// `valid_from` until `valid_until` (ms). The issuer must be allowed to attest
		/// residence.
		///
		/// Each citizen is registered whole or not at all, and one refusal does not stop the
		/// others: each gets `CitizenRegistered` or `RegistrationRefused` (with the error
		/// `register_citizen` would give), in order, then the batch `BatchRegistered`. A
		/// commitment or an account given twice in one batch is registered the first time and
		/// refused the second. The call itself fails, registering nobody, only when the batch
		/// is empty, the caller is not an issuer allowed residence, or the window is invalid.
		#[pallet::call_index(28)]
		#[pallet::weight(T::WeightInfo::register_citizens(citizens.len() as u32))]
		pub fn register_citizens(
			origin: OriginFor<T>,
			citizens: NewCitizensOf<T>,
			valid_from: Moment,
			valid_until: Moment,
		) -> DispatchResult {
			let issuer = Self::ensure_issuer(origin)?;
			Self::do_register_citizens(issuer, citizens, valid_from, valid_until)
		}
	}
}
