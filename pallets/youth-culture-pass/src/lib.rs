//! # Youth culture pass pallet
//!
//! Each year the city sells young residents a culture pass: they pay a small co-payment and
//! receive a voucher worth much more (Busan 2025: 10,000 won for a 100,000-won pass, 7,500
//! places; 5,000 won for 50,000, 1,000 places), usable only for performances, festivals and
//! packages the city designates, and taken back if unused by the end of its period. This
//! pallet holds the rules; the money is policy funds'.
//!
//! ## Overview
//!
//! The city (the [`Config::AdminOrigin`]) **opens a round**: a year, a name, **tiers** (face,
//! co-payment, places), a **mode** (first come, or a lottery with its drand beacon round), an
//! optional **excluded round** (last year's recipients may not take part), the entry window
//! and `spend_until`. Opening creates a policy-funds program owned by this pallet
//! ([`ProgramOwner::service`] of [`Config::PalletId`]) through [`ServicePrograms`], funded from
//! the city's **treasury** ([`Treasury`]) with Σ places × face. The city can **cancel** a
//! round only before its entries open.
//!
//! A **youth** (the [`Config::CitizenOrigin`]) with a valid `YouthAgeBand` and `Resident`
//! claim takes part once a year across all rounds ([`YearSlot`]). An entry or pass whose
//! co-payment is refunded (a lottery loser, a declined winner, an abandoned draw, a pass given
//! up) frees the year's slot, so the youth may take part in another round that year (not the
//! same round again); a waitlisted loser who did so can no longer claim a place here:
//!
//! - **First come** — [`buy`](Pallet::buy): the co-payment goes into the program and the pass
//!   (`face`) is credited to the citizen's voucher, in one transactional call, while places
//!   last.
//! - **Lottery** — [`enter`](Pallet::enter): the co-payment goes to the round's **keeping
//!   account** and the entry is appended to a running **commitment**. After `entry_closes` the
//!   entries are **frozen**; anyone **feeds the beacon** (the drand round fixed when the round
//!   opened); the **draw** then walks the entries in bounded steps (`on_idle` and the
//!   permissionless [`draw`](Pallet::draw)): each entry's rank is its place in a public keyed
//!   permutation; ranks below `places` win a pass (their co-payments move into the program),
//!   the others are refunded. If no tier is oversubscribed everybody wins and no beacon is
//!   needed. The beacon may be fed only before its publication + [`Config::BeaconGrace`];
//!   from then on anyone may [`abandon`](Pallet::abandon) the draw: every entry is refunded.
//! - **Waitlist** — the losers are ranked by `rank − places` (nothing stored per loser). A
//!   holder who [`give_up`](Pallet::give_up)s an unused pass is refunded and the place is
//!   offered to the next waitlist position, which may [`claim_place`](Pallet::claim_place)
//!   within [`Config::WaitlistClaimWindow`]; after that anyone may
//!   [`lapse_offer`](Pallet::lapse_offer) it to the next position.
//!
//! The city **designates offers** (performance, festival, package) for a round's passes: a
//! price, seats, a date and a cancellation deadline. A holder **books** (the price is held on
//! the pass for the organiser), may **cancel** until the deadline, and after the date the
//! holds are **settled** to the organiser in bounded steps; a settlement the ledger refuses
//! (the organiser suspended for a while, a minimum-balance error) stops the step and leaves
//! the booking held, to be retried until the organiser is paid. After `spend_until` what is left
//! of every pass is **taken back** into the program's budget in bounded sweeps.
//!
//! ## Why nobody can steer the draw
//!
//! - The randomness is a **drand** beacon round: drand's quicknet network (the League of
//!   Entropy, a threshold network of independent operators) signs round `r` with a BLS
//!   threshold signature at a fixed time, and nobody can compute it before a threshold of
//!   operators publishes it.
//! - The **round number is fixed when the round opens** ([`Mode::Lottery`]), and its
//!   publication must come at least [`Config::MinBeaconDelay`] after the entries close, so it
//!   is unknown to everybody while entries can still change.
//! - BLS signatures are **unique**: for a round there is exactly one valid signature, hence one
//!   randomness. Anyone may submit it ([`feed_beacon`](Pallet::feed_beacon)); the chain verifies
//!   it against the beacon's public key stored at genesis ([`Beacon`]). A wrong round or a
//!   wrong signature is refused.
//! - The city **cannot re-roll**: no cancellation once entries open, no choice of beacon round
//!   after opening, and **no dispatchable changes the beacon key** (a city that could swap the
//!   key could sign its own outcome) — changing it takes a runtime upgrade.
//! - A validator can **delay** the feed (censor it) but not change its value; a beacon not fed
//!   within the grace lets anyone abandon the draw, refunding everyone — nobody gains.
//! - The beacon can be fed **only before** its time + [`Config::BeaconGrace`]
//!   ([`Error::BeaconExpired`] after): otherwise, once the grace is over, whoever acted first
//!   (knowing the public randomness, hence the result) could choose between feeding it (the
//!   result) and abandoning (nobody wins). After the grace there is exactly one way on:
//!   `abandon`.
//! - **Eligibility is judged once, at [`enter`](Pallet::enter)**; the draw does not re-check
//!   suspensions or claims. An official able to suspend a citizen or revoke a claim, who can
//!   compute the ranks as soon as the beacon is public, could otherwise suspend the chosen
//!   winners before the draw's cursor reaches them and hand their places down the waitlist to
//!   whom they like. The draw declines only a winner whose citizen ID no longer exists
//!   (deregistered, [`CitizenRegistry::account_of`] is `None`): the co-payment is refunded to
//!   the payer and the place stays **vacant** — not offered down the waitlist — so declining
//!   a winner benefits nobody.
//! - The seed **binds the frozen entry list**: `seed = sha2_256("citizen-chain/ycp/seed/v1" ++
//!   randomness ++ round (u32 LE) ++ commitment)`, where `commitment = sha2_256(c_0 ++ c_1 ++
//!   ...)` over each tier's chain of its entries in index order (`c = sha2_256(c ++ round u32
//!   LE ++ tier u8 ++ index u32 LE ++ citizen u64 LE)`, from 32 zero bytes). No entry can be
//!   added after the seed is known, and the stored entries alone reproduce the commitment.
//! - The permutation ([`citizen_drand::draw`]) is public: each tier's seed is
//!   `sha2_256(seed ++ tier u8)`, and an entry's rank is `position_of(tier_seed, entries,
//!   index)`. Anyone can recompute every rank from the stored entries and the
//!   beacon signature the draw keeps (`scripts/verify-draw.mjs`). Entry timing does not matter: the rank depends only on the
//!   seed, not on who clicked first.
//!
//! ## Terminology
//!
//! - **Round**: a year's (or a season's) terms and the program holding its money, keyed by
//!   [`RoundId`].
//! - **Tier**: face, co-payment, places.
//! - **Pass**: the citizen's voucher in the round's program, keyed by [`CitizenId`] — never by
//!   account, so after a key recovery it follows the citizen (refunds go to the citizen's
//!   current account).
//! - **Keeping account**: a sub-account of the pallet per lottery round, holding the entrants'
//!   co-payments until the draw.
//! - **Offer**: a performance, festival or package the city designated; a **booking** is a hold
//!   on the pass for the organiser.
//!
//! ## Interface
//!
//! ### The city (`AdminOrigin`)
//! - [`open_round`](Pallet::open_round), [`cancel_round`](Pallet::cancel_round),
//!   [`set_treasury`](Pallet::set_treasury) (also set at genesis; never a policy-funds
//!   program's account, [`ServicePrograms::is_program_account`], nor one where a service
//!   keeps citizens' money, [`KeepsOthersMoney`]),
//!   [`designate_offer`](Pallet::designate_offer), [`withdraw_offer`](Pallet::withdraw_offer).
//!
//! ### Youths (`CitizenOrigin`; fee-free under the citizen's allowance, `PublicServiceCall`)
//! - [`buy`](Pallet::buy), [`enter`](Pallet::enter), [`give_up`](Pallet::give_up),
//!   [`claim_place`](Pallet::claim_place), [`book`](Pallet::book),
//!   [`cancel_booking`](Pallet::cancel_booking).
//!
//! ### Anyone (signed; bounded steps, also done by `on_idle`)
//! - [`feed_beacon`](Pallet::feed_beacon), [`draw`](Pallet::draw), [`abandon`](Pallet::abandon),
//!   [`lapse_offer`](Pallet::lapse_offer), [`settle_offer`](Pallet::settle_offer),
//!   [`reclaim`](Pallet::reclaim), [`retry_refund`](Pallet::retry_refund).
//!
//! ### Wallets, box offices, dashboards (read-only, `views.rs`, the runtime API)
//! - [`rounds`](Pallet::rounds), [`round`](Pallet::round),
//!   [`entry_status`](Pallet::entry_status), [`pass_status`](Pallet::pass_status),
//!   [`open_offers`](Pallet::open_offers), [`draw_progress`](Pallet::draw_progress),
//!   [`report`](Pallet::report), [`quote`](Pallet::quote).
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod functions;
mod impl_keeps_others_money;
pub mod migrations;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
mod views;
pub mod weights;

pub use citizen_drand::BeaconInfo;
pub use citizen_primitives::{
	BenchmarkCitizens, CitizenId, CitizenRegistry, ClaimKind, HoldId, KeepsOthersMoney,
	LocalizedName, Moment, ProgramId, ProgramOwner, ServicePrograms, VoucherLedger,
};
pub use types::*;
pub use weights::WeightInfo;

/// An account in the lookup form extrinsics take.
pub type AccountIdLookupOf<T> =
	<<T as frame_system::Config>::Lookup as sp_runtime::traits::StaticLookup>::Source;
/// A name citizens read, in Korean and English.
pub type NameOf<T> = LocalizedName<<T as Config>::MaxNameLength>;
/// A round's terms in this runtime.
pub type RoundTermsOf<T> =
	RoundTerms<<T as Config>::Balance, <T as Config>::MaxNameLength, <T as Config>::MaxTiers>;
/// A round in this runtime.
pub type RoundOf<T> =
	Round<<T as Config>::Balance, <T as Config>::MaxNameLength, <T as Config>::MaxTiers>;
/// A round's counters in this runtime.
pub type RoundTallyOf<T> = RoundTally<<T as Config>::Balance, <T as Config>::MaxTiers>;
/// An offer's terms in this runtime.
pub type OfferTermsOf<T> = OfferTerms<
	<T as frame_system::Config>::AccountId,
	<T as Config>::Balance,
	<T as Config>::MaxNameLength,
>;
/// An offer in this runtime.
pub type CultureOfferOf<T> = CultureOffer<
	<T as frame_system::Config>::AccountId,
	<T as Config>::Balance,
	<T as Config>::MaxNameLength,
>;

/// Verifies a beacon round: the randomness of `round` if `signature` is its valid signature
/// under `info`. The runtime uses [`DrandBeacon`]; unit tests use a fake.
pub trait BeaconVerifier {
	fn verify(info: &BeaconInfo, round: u64, signature: &BeaconSignature) -> Option<Seed>;
}

/// The real verifier: a drand quicknet signature (BLS12-381, G1) checked against
/// `info.public_key`; the randomness is `sha256(signature)`.
pub struct DrandBeacon;

impl BeaconVerifier for DrandBeacon {
	fn verify(info: &BeaconInfo, round: u64, signature: &BeaconSignature) -> Option<Seed> {
		info.verify(round, signature).then(|| citizen_drand::randomness(signature))
	}
}

/// What the benchmarks need from the runtime besides citizens and the clock.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, Balance> {
	/// Give `who` `amount` of the local currency.
	fn fund_account(who: &AccountId, amount: Balance);
	/// Make `who` a merchant able to take the vouchers of every program (an organiser).
	fn register_merchant(who: &AccountId);
	/// A valid `(round, signature)` of [`BeaconInfo::DEV`].
	fn beacon() -> (u64, BeaconSignature);
}

/// A real round of [`BeaconInfo::DEV`] and its signature (`tests/vectors/drand-dev.json`:
/// round 30662982, published 2026-07-23), for a runtime's [`BenchmarkHelper::beacon`].
#[cfg(feature = "runtime-benchmarks")]
pub fn dev_beacon_round() -> (u64, BeaconSignature) {
	const SIGNATURE: &[u8; 96] = b"89b783e2c74aa93ba7d79e8ab65fbd4cf698df6a2c691fa85bec2e059f24651b649817956eaa49802d2bf66de0671a20";
	let nibble = |c: u8| match c {
		b'0'..=b'9' => c - b'0',
		_ => c - b'a' + 10,
	};
	let mut signature = [0u8; 48];
	for (i, byte) in signature.iter_mut().enumerate() {
		*byte = nibble(SIGNATURE[2 * i]) << 4 | nibble(SIGNATURE[2 * i + 1]);
	}
	(30_662_982, signature)
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{fungible, Time},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::{AtLeast32BitUnsigned, StaticLookup};

	/// The in-code storage version: the first.
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The city: opens and cancels rounds, designates offers, names the treasury.
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// A youth's own call, as `(account, citizen)` (`EnsureCitizen` in the runtime). A
		/// signed account it refuses fails with `NotCitizen`.
		type CitizenOrigin: EnsureOrigin<
			Self::RuntimeOrigin,
			Success = (Self::AccountId, CitizenId),
		>;

		/// Who is a citizen and which claims they hold.
		type Citizens: CitizenRegistry<Self::AccountId> + BenchmarkCitizens<Self::AccountId>;

		/// The local currency's balance (`u128` in the runtime).
		type Balance: Parameter + Member + AtLeast32BitUnsigned + Default + Copy + MaxEncodedLen;

		/// The local currency: entrants' co-payments to the keeping account and refunds.
		type Currency: fungible::Mutate<Self::AccountId, Balance = Self::Balance>;

		/// The money engine (policy funds).
		type Ledger: VoucherLedger<Self::AccountId, Self::Balance>
			+ ServicePrograms<Self::AccountId, Self::Balance>;

		/// Accounts where services keep money they owe (a facility's, a lottery round's keeping
		/// account): never the treasury, as program accounts never are. Includes this pallet
		/// (its live rounds' keeping accounts), as the runtime's tuple does.
		type OthersMoney: KeepsOthersMoney<Self::AccountId>;

		/// The clock.
		type Time: Time<Moment = Moment>;

		/// The pallet's id (`cty/ycps`): it owns the rounds' programs and keeping accounts.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Checks a beacon round's signature ([`DrandBeacon`] in the runtime).
		type Beacon: BeaconVerifier;

		/// A round's entries open at least this long (ms) after `open_round`, so youths and
		/// wallets hear of a round before it takes entries.
		#[pallet::constant]
		type MinNotice: Get<Moment>;

		/// The beacon round must be published at least this long (ms) after entries close.
		#[pallet::constant]
		type MinBeaconDelay: Get<Moment>;

		/// The beacon may be fed until (excluding) the beacon round's time plus this (ms); from
		/// then on it can no longer be fed, and anyone may abandon the draw (everyone refunded).
		#[pallet::constant]
		type BeaconGrace: Get<Moment>;

		/// How long (ms) a waitlist position may claim a place offered to it.
		#[pallet::constant]
		type WaitlistClaimWindow: Get<Moment>;

		/// Most tiers per round (at most 255).
		#[pallet::constant]
		type MaxTiers: Get<u32>;

		/// Longest round or offer name, in bytes, in each language (at most the ledger's).
		#[pallet::constant]
		type MaxNameLength: Get<u32>;

		/// Most entries per tier of a lottery round.
		#[pallet::constant]
		type MaxEntriesPerRound: Get<u32>;

		/// Most seats per offer.
		#[pallet::constant]
		type MaxSeatsPerOffer: Get<u32>;

		/// Most bookings a pass may hold at once.
		#[pallet::constant]
		type MaxBookingsPerPass: Get<u32>;

		/// Most entries one `draw` call may process.
		#[pallet::constant]
		type MaxDrawStepsPerCall: Get<u32>;

		/// Most passes `on_idle` takes back per block (and per `reclaim` call).
		#[pallet::constant]
		type MaxReclaimsPerBlock: Get<u32>;

		/// Most bookings one `settle_offer` call (or `on_idle`) settles.
		#[pallet::constant]
		type MaxSettlementsPerCall: Get<u32>;

		/// Most rounds with work left (entries, draw, passes to take back) at once.
		#[pallet::constant]
		type MaxLiveRounds: Get<u32>;

		/// Most offers not yet fully settled at once.
		#[pallet::constant]
		type MaxLiveOffers: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Moves the clock in benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkClock: citizen_primitives::BenchmarkClock;

		/// Funds accounts, registers organisers and gives a valid beacon in benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: crate::BenchmarkHelper<Self::AccountId, Self::Balance>;
	}

	/// The city's treasury account: rounds are funded from it.
	#[pallet::storage]
	pub type Treasury<T: Config> = StorageValue<_, T::AccountId>;

	/// The drand beacon lotteries are seeded from. Set at genesis only: no call changes it (a
	/// city that could swap the key could sign its own outcome); a change takes an upgrade.
	#[pallet::storage]
	pub type Beacon<T: Config> = StorageValue<_, BeaconInfo, ValueQuery, QuicknetDefault>;

	/// The default beacon: drand quicknet.
	pub struct QuicknetDefault;
	impl Get<BeaconInfo> for QuicknetDefault {
		fn get() -> BeaconInfo {
			BeaconInfo::QUICKNET
		}
	}

	/// The next round's id.
	#[pallet::storage]
	pub type NextRoundId<T: Config> = StorageValue<_, RoundId, ValueQuery>;

	/// Rounds.
	#[pallet::storage]
	pub type Rounds<T: Config> = StorageMap<_, Twox64Concat, RoundId, RoundOf<T>>;

	/// Each round's counters, entry commitment and pass index length.
	#[pallet::storage]
	pub type Tallies<T: Config> = StorageMap<_, Twox64Concat, RoundId, RoundTallyOf<T>>;

	/// Each lottery round's draw.
	#[pallet::storage]
	pub type Draws<T: Config> = StorageMap<_, Twox64Concat, RoundId, Draw>;

	/// Lottery entries: (round, (tier, index)) → citizen and payer.
	#[pallet::storage]
	pub type Entries<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		RoundId,
		Twox64Concat,
		(TierIndex, u32),
		Entry<T::AccountId>,
	>;

	/// A citizen's entry in a lottery: (round, citizen) → (tier, index).
	#[pallet::storage]
	pub type EntryOf<T: Config> =
		StorageDoubleMap<_, Twox64Concat, RoundId, Twox64Concat, CitizenId, (TierIndex, u32)>;

	/// The round a citizen entered or bought a pass in, per year: one a year. Removed when the
	/// entry or pass is refunded (lost, declined, abandoned, given up).
	#[pallet::storage]
	pub type YearSlot<T: Config> =
		StorageDoubleMap<_, Twox64Concat, Year, Twox64Concat, CitizenId, RoundId>;

	/// Passes: (round, citizen) → tier, index sequence, source, given up.
	#[pallet::storage]
	pub type Passes<T: Config> =
		StorageDoubleMap<_, Twox64Concat, RoundId, Twox64Concat, CitizenId, Pass>;

	/// The pass index the take-back sweep walks: (round, seq) → citizen.
	#[pallet::storage]
	pub type PassIndex<T: Config> =
		StorageDoubleMap<_, Twox64Concat, RoundId, Twox64Concat, u32, CitizenId>;

	/// Refunds that could not be paid at the draw (neither the citizen's account nor the payer
	/// could receive them): (round, citizen) → amount, kept in the keeping account until
	/// `retry_refund` pays them.
	#[pallet::storage]
	pub type Unrefunded<T: Config> =
		StorageDoubleMap<_, Twox64Concat, RoundId, Twox64Concat, CitizenId, T::Balance>;

	/// Offers of released places: (round, (tier, waitlist position)) → offered at.
	#[pallet::storage]
	pub type PlaceOffers<T: Config> =
		StorageDoubleMap<_, Twox64Concat, RoundId, Twox64Concat, (TierIndex, u32), Moment>;

	/// The next offer's id.
	#[pallet::storage]
	pub type NextOfferId<T: Config> = StorageValue<_, OfferId, ValueQuery>;

	/// City-designated offers.
	#[pallet::storage]
	pub type CultureOffers<T: Config> = StorageMap<_, Twox64Concat, OfferId, CultureOfferOf<T>>;

	/// Bookings: (offer, seq) → citizen and hold.
	#[pallet::storage]
	pub type Bookings<T: Config> =
		StorageDoubleMap<_, Twox64Concat, OfferId, Twox64Concat, u32, Booking>;

	/// A citizen's booking of an offer: (offer, citizen) → seq. One per citizen per offer.
	#[pallet::storage]
	pub type BookingOf<T: Config> =
		StorageDoubleMap<_, Twox64Concat, OfferId, Twox64Concat, CitizenId, u32>;

	/// The offers a pass has booked and not yet settled: (round, citizen) → offers. A booking
	/// leaves it when cancelled or settled, so a pass holds `MaxBookingsPerPass` at once.
	#[pallet::storage]
	pub type PassBookings<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		RoundId,
		Twox64Concat,
		CitizenId,
		BoundedVec<OfferId, T::MaxBookingsPerPass>,
		ValueQuery,
	>;

	/// Rounds with work left for `on_idle`: a draw to run, passes to take back.
	#[pallet::storage]
	pub type LiveRounds<T: Config> =
		StorageValue<_, BoundedVec<RoundId, T::MaxLiveRounds>, ValueQuery>;

	/// Offers not yet fully settled, with their date: (date, offer).
	#[pallet::storage]
	pub type LiveOffers<T: Config> =
		StorageValue<_, BoundedVec<(Moment, OfferId), T::MaxLiveOffers>, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The city's treasury account, if known at genesis (else `set_treasury` names it).
		/// Never a policy-funds program's account (the build panics).
		pub treasury: Option<T::AccountId>,
		/// The beacon lotteries are seeded from: `None` for drand quicknet (a real chain);
		/// `BeaconInfo::DEV` for dev chains and tests. Only genesis or an upgrade sets it.
		pub beacon: Option<BeaconInfo>,
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
			let beacon = self.beacon.unwrap_or(BeaconInfo::QUICKNET);
			assert!(beacon.has_valid_public_key(), "the beacon's public key is not a G2 point");
			assert!(beacon.period_ms > 0, "the beacon's period is zero");
			Beacon::<T>::put(beacon);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The city named its treasury account.
		TreasurySet { account: T::AccountId },
		/// The city opened a round; its program holds `budget` from the treasury.
		RoundOpened { round: RoundId, year: Year, program: ProgramId, budget: T::Balance },
		/// The city cancelled a round before its entries opened; `returned` went back to the
		/// treasury.
		RoundCancelled { round: RoundId, returned: T::Balance },
		/// A youth bought a pass (first come).
		PassBought { round: RoundId, tier: TierIndex, citizen: CitizenId },
		/// A youth entered a lottery: entry `index` of `tier`.
		Entered { round: RoundId, tier: TierIndex, index: u32, citizen: CitizenId },
		/// The entries are frozen: per-tier counts and the commitment the seed binds.
		EntriesFrozen { round: RoundId, entries: alloc::vec::Vec<u32>, commitment: Seed },
		/// The beacon was fed: the round's seed is fixed.
		SeedFixed { round: RoundId, beacon_round: u64, randomness: Seed, seed: Seed },
		/// A draw step: `processed` entries in all so far.
		DrawProgressed { round: RoundId, processed: u32 },
		/// A winner (or a waitlist claimant) holds a pass.
		PassIssued { round: RoundId, tier: TierIndex, citizen: CitizenId },
		/// A winner whose citizen ID no longer exists (deregistered), or whom the ledger refused
		/// to credit, was refunded (to the payer if no account is bound); the place stays
		/// vacant.
		WinnerDeclined { round: RoundId, tier: TierIndex, citizen: CitizenId },
		/// The draw is over: winners per tier.
		DrawCompleted { round: RoundId, winners: alloc::vec::Vec<u32> },
		/// The beacon was not fed in time: the draw is abandoned, every entry is refunded.
		DrawAbandoned { round: RoundId },
		/// Every entry of an abandoned draw was refunded.
		AbandonCompleted { round: RoundId },
		/// A refund could not be paid (neither to the citizen's account nor the payer's): it
		/// waits in the keeping account for `retry_refund`.
		RefundFailed { round: RoundId, citizen: CitizenId, amount: T::Balance },
		/// A refund that had failed was paid to `to`.
		Refunded { round: RoundId, citizen: CitizenId, to: T::AccountId, amount: T::Balance },
		/// A holder gave back an unused pass; the co-payment was refunded.
		PassGivenUp { round: RoundId, tier: TierIndex, citizen: CitizenId },
		/// A released place is offered to waitlist position `position` of `tier`.
		PlaceOffered { round: RoundId, tier: TierIndex, position: u32 },
		/// The waitlist position claimed its place.
		PlaceClaimed { round: RoundId, tier: TierIndex, position: u32, citizen: CitizenId },
		/// An offer of a place lapsed unclaimed.
		OfferLapsed { round: RoundId, tier: TierIndex, position: u32 },
		/// A released place found no waitlist position left, or a declined winner's place: it
		/// stays vacant.
		PlaceVacant { round: RoundId, tier: TierIndex },
		/// The city designated an offer.
		OfferDesignated { offer: OfferId, round: RoundId, organiser: T::AccountId },
		/// The city withdrew an offer nobody had booked.
		OfferWithdrawn { offer: OfferId },
		/// A holder booked a seat.
		Booked { offer: OfferId, citizen: CitizenId, hold: HoldId },
		/// A holder cancelled a booking.
		BookingCancelled { offer: OfferId, citizen: CitizenId },
		/// Bookings settled to the organiser: `settled` in all so far. `complete: false` after a
		/// settlement the ledger refused: that booking stays held and is retried later.
		OfferSettled { offer: OfferId, settled: u32, complete: bool },
		/// Passes taken back after `spend_until`: `amount` this sweep.
		Reclaimed { round: RoundId, passes: u32, amount: T::Balance, complete: bool },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No treasury account has been named.
		NoTreasury,
		/// No such round.
		UnknownRound,
		/// Tiers: at least one; places above zero; face above zero; co-payment below the face,
		/// zero or at least the currency's minimum balance.
		InvalidTiers,
		/// Dates must be `now + MinNotice <= entry_opens < entry_closes < spend_until`.
		InvalidWindow,
		/// The beacon round is published before `entry_closes + MinBeaconDelay`.
		BeaconTooEarly,
		/// The beacon round's publication (plus the grace) is not before `spend_until`.
		BeaconTooLate,
		/// The excluded round is unknown or not of an earlier year.
		InvalidExcludedRound,
		/// Too many rounds with work left.
		TooManyLiveRounds,
		/// The round's entries have opened: it can no longer be cancelled.
		EntriesAlreadyOpen,
		/// The round was cancelled.
		RoundCancelled,
		/// The caller does not act for an active citizen.
		NotCitizen,
		/// The round is a lottery: `enter`.
		NotFirstCome,
		/// The round is first come: `buy`.
		NotLottery,
		/// No such tier in the round.
		UnknownTier,
		/// The entry window has not opened yet.
		NotOpenYet,
		/// The entry window is over.
		WindowClosed,
		/// No valid `YouthAgeBand` claim.
		MissingYouthClaim,
		/// No valid `Resident` claim.
		MissingResidentClaim,
		/// A recipient of the excluded (last year's) round.
		RecipientLastRound,
		/// The citizen already entered or holds a pass this year (or already took part in this
		/// round).
		AlreadyHasPassThisYear,
		/// No place left in the tier.
		SoldOut,
		/// The tier has the most entries it may.
		TooManyEntries,
		/// The entries have not closed yet.
		EntriesNotClosed,
		/// The draw is not waiting for the beacon (already seeded, none needed, or abandoned).
		NotAwaitingBeacon,
		/// The signature is not the beacon round's (or the round is not this round's).
		BadBeacon,
		/// Nothing to draw: the draw is waiting for the beacon, or over.
		NothingToDraw,
		/// `max_steps` must be 1 to `MaxDrawStepsPerCall` (or the sweep's bound).
		InvalidSteps,
		/// The beacon may still be fed: the grace has not passed.
		GraceNotOver,
		/// The citizen holds no pass in the round.
		NoPass,
		/// The pass was given back.
		PassGivenUp,
		/// The pass has been used (booked): it cannot be given back.
		PassUsed,
		/// The citizen has no entry in the round.
		NoEntry,
		/// The entry's rank is within the places (a winner), or the draw has no ranks yet.
		NotWaitlisted,
		/// No live offer for that waitlist position.
		NoPlaceOffer,
		/// The offer's claim window is over (`lapse_offer` passes it on).
		OfferExpired,
		/// The offer can still be claimed.
		OfferStillLive,
		/// No such offer.
		UnknownOffer,
		/// Offer terms: price and seats above zero (seats at most `MaxSeatsPerOffer`),
		/// `now < cancel_until <= date <= spend_until`.
		InvalidOffer,
		/// Someone booked the offer: it can no longer be withdrawn.
		OfferBooked,
		/// Too many offers not yet settled.
		TooManyLiveOffers,
		/// No seat left.
		FullyBooked,
		/// The citizen already booked the offer.
		AlreadyBooked,
		/// The pass holds too many bookings.
		TooManyBookings,
		/// What is left on the pass does not cover the price.
		InsufficientPass,
		/// Booking is over: the offer's date has come.
		BookingClosed,
		/// The citizen has no booking of the offer.
		NoBooking,
		/// The cancellation deadline has passed.
		CancelDeadlinePassed,
		/// The offer has not taken place yet.
		NotYetSettleable,
		/// Nothing left to settle or take back.
		NothingToSettle,
		/// The passes are still spendable (`spend_until` not reached).
		NotYetReclaimable,
		/// The spending window of the round is over.
		SpendWindowOver,
		/// The draw is not over yet.
		DrawNotOver,
		/// No refund is waiting for the citizen in the round.
		NothingToRefund,
		/// The refund still cannot be paid (neither the citizen's account nor the payer can
		/// receive it).
		RefundStillFailing,
		/// The beacon's grace is over: it can no longer be fed, only `abandon`ed.
		BeaconExpired,
		/// The account is a policy-funds program's (or will be one's): its money backs
		/// citizens' vouchers, so it cannot be the treasury rounds are funded from and returns
		/// are paid to.
		TreasuryIsProgramAccount,
		/// The account is where a service keeps money it owes citizens (a facility's account,
		/// a live lottery round's keeping account, this pallet's included): not a treasury.
		TreasuryKeepsOthersMoney,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_idle(_n: BlockNumberFor<T>, remaining: Weight) -> Weight {
			Self::do_idle(remaining)
		}

		fn integrity_test() {
			assert!(
				(1..=255).contains(&T::MaxTiers::get()),
				"MaxTiers must be between 1 and 255 (tier indices are u8)"
			);
			assert!(T::MaxDrawStepsPerCall::get() > 0, "MaxDrawStepsPerCall must be positive");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Open a round with `terms`: a program of this pallet is opened in policy funds and
		/// funded with Σ places × face from the treasury.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::open_round())]
		pub fn open_round(origin: OriginFor<T>, terms: RoundTermsOf<T>) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_open_round(terms)
		}

		/// Cancel a round before its entries open: its budget returns to the treasury.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::cancel_round())]
		pub fn cancel_round(origin: OriginFor<T>, round: RoundId) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_cancel_round(round)
		}

		/// Name the city's treasury account: rounds are funded from it, and what a round gives
		/// back (a cancelled round's budget, a keeping account's deposit) is paid to it. Not a
		/// policy-funds program's account (`TreasuryIsProgramAccount`).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_treasury())]
		pub fn set_treasury(origin: OriginFor<T>, account: AccountIdLookupOf<T>) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			let account = T::Lookup::lookup(account)?;
			Self::do_set_treasury(account)
		}

		/// Designate an offer for `round`'s passes: its organiser, kind, name, price, seats,
		/// date and cancellation deadline.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::designate_offer())]
		pub fn designate_offer(
			origin: OriginFor<T>,
			round: RoundId,
			terms: OfferTermsOf<T>,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_designate_offer(round, terms)
		}

		/// Withdraw an offer nobody has booked.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::withdraw_offer())]
		pub fn withdraw_offer(origin: OriginFor<T>, offer: OfferId) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_withdraw_offer(offer)
		}

		/// Buy a pass of `tier` in a first-come round: the co-payment goes into the program
		/// and the pass is credited, together or not at all.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::buy())]
		pub fn buy(origin: OriginFor<T>, round: RoundId, tier: TierIndex) -> DispatchResult {
			let (who, citizen) = Self::ensure_citizen(origin)?;
			Self::do_buy(who, citizen, round, tier)
		}

		/// Enter a lottery round for `tier`: the co-payment goes to the round's keeping
		/// account until the draw.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::enter())]
		pub fn enter(origin: OriginFor<T>, round: RoundId, tier: TierIndex) -> DispatchResult {
			let (who, citizen) = Self::ensure_citizen(origin)?;
			Self::do_enter(who, citizen, round, tier)
		}

		/// Give back an unused pass: the co-payment is refunded and the place goes to the
		/// waitlist (lottery) or back on sale (first come).
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::give_up())]
		pub fn give_up(origin: OriginFor<T>, round: RoundId) -> DispatchResult {
			let (who, citizen) = Self::ensure_citizen(origin)?;
			Self::do_give_up(who, citizen, round)
		}

		/// Claim the place offered to the caller's waitlist position.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::claim_place())]
		pub fn claim_place(origin: OriginFor<T>, round: RoundId) -> DispatchResult {
			let (who, citizen) = Self::ensure_citizen(origin)?;
			Self::do_claim_place(who, citizen, round)
		}

		/// Book a seat of `offer` with the caller's pass.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::book())]
		pub fn book(origin: OriginFor<T>, offer: OfferId) -> DispatchResult {
			let (_, citizen) = Self::ensure_citizen(origin)?;
			Self::do_book(citizen, offer)
		}

		/// Cancel the caller's booking of `offer`, before its cancellation deadline.
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::cancel_booking())]
		pub fn cancel_booking(origin: OriginFor<T>, offer: OfferId) -> DispatchResult {
			let (_, citizen) = Self::ensure_citizen(origin)?;
			Self::do_cancel_booking(citizen, offer)
		}

		/// Feed the round's beacon: the signature of its beacon round, verified against the
		/// genesis beacon key, before the beacon's time + `BeaconGrace`. Freezes the entries
		/// first if needed.
		#[pallet::call_index(20)]
		#[pallet::weight(T::WeightInfo::feed_beacon())]
		pub fn feed_beacon(
			origin: OriginFor<T>,
			round: RoundId,
			signature: BeaconSignature,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_feed_beacon(round, signature)
		}

		/// Run up to `max_steps` entries of the round's draw (freezing it first if needed).
		#[pallet::call_index(21)]
		#[pallet::weight(T::WeightInfo::draw(*max_steps))]
		pub fn draw(
			origin: OriginFor<T>,
			round: RoundId,
			max_steps: u32,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			ensure!(
				(1..=T::MaxDrawStepsPerCall::get()).contains(&max_steps),
				Error::<T>::InvalidSteps
			);
			let done = Self::do_draw(round, max_steps)?;
			Ok(Some(T::WeightInfo::draw(done)).into())
		}

		/// Abandon a draw whose beacon was not fed within the grace: every entry will be
		/// refunded (by `draw` steps and `on_idle`).
		#[pallet::call_index(22)]
		#[pallet::weight(T::WeightInfo::abandon())]
		pub fn abandon(origin: OriginFor<T>, round: RoundId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_abandon(round)
		}

		/// Pass an offer of a place whose claim window is over to the next waitlist position.
		#[pallet::call_index(23)]
		#[pallet::weight(T::WeightInfo::lapse_offer())]
		pub fn lapse_offer(
			origin: OriginFor<T>,
			round: RoundId,
			tier: TierIndex,
			position: u32,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_lapse_offer(round, tier, position)
		}

		/// Settle up to `max` bookings of an offer whose date has come. A settlement the ledger
		/// refuses stops the step there (the booking stays held, retried by a later call or
		/// `on_idle`); if it is the first, the call fails with the ledger's error.
		#[pallet::call_index(24)]
		#[pallet::weight(T::WeightInfo::settle_offer(*max))]
		pub fn settle_offer(
			origin: OriginFor<T>,
			offer: OfferId,
			max: u32,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			ensure!((1..=T::MaxSettlementsPerCall::get()).contains(&max), Error::<T>::InvalidSteps);
			let done = Self::do_settle_offer(offer, max)?;
			Ok(Some(T::WeightInfo::settle_offer(done)).into())
		}

		/// Take back up to `max` passes of a round past `spend_until`.
		#[pallet::call_index(25)]
		#[pallet::weight(T::WeightInfo::reclaim(*max))]
		pub fn reclaim(
			origin: OriginFor<T>,
			round: RoundId,
			max: u32,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			ensure!((1..=T::MaxReclaimsPerBlock::get()).contains(&max), Error::<T>::InvalidSteps);
			let done = Self::do_reclaim(round, max)?;
			Ok(Some(T::WeightInfo::reclaim(done)).into())
		}

		/// Pay a refund that failed at the draw, to the citizen's current account (else the
		/// payer).
		#[pallet::call_index(26)]
		#[pallet::weight(T::WeightInfo::retry_refund())]
		pub fn retry_refund(
			origin: OriginFor<T>,
			round: RoundId,
			citizen: CitizenId,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_retry_refund(round, citizen)
		}
	}
}

/// `quote`, `buy` and `enter` judge alike: each refusal is the error of the same name.
impl<T: Config> From<Refusal> for Error<T> {
	fn from(refusal: Refusal) -> Self {
		match refusal {
			Refusal::NotCitizen => Error::NotCitizen,
			Refusal::UnknownRound => Error::UnknownRound,
			Refusal::RoundCancelled => Error::RoundCancelled,
			Refusal::NotFirstCome => Error::NotFirstCome,
			Refusal::NotLottery => Error::NotLottery,
			Refusal::UnknownTier => Error::UnknownTier,
			Refusal::NotOpenYet => Error::NotOpenYet,
			Refusal::WindowClosed => Error::WindowClosed,
			Refusal::MissingYouthClaim => Error::MissingYouthClaim,
			Refusal::MissingResidentClaim => Error::MissingResidentClaim,
			Refusal::RecipientLastRound => Error::RecipientLastRound,
			Refusal::AlreadyHasPassThisYear => Error::AlreadyHasPassThisYear,
			Refusal::SoldOut => Error::SoldOut,
		}
	}
}

/// A youth's own calls are public-service calls: fee-free under the citizen's allowance. The
/// city's calls and the permissionless steps pay.
impl<T: Config> citizen_primitives::PublicServiceCall for Call<T> {
	fn public_service(&self) -> Option<citizen_primitives::PublicService> {
		match self {
			Call::buy { .. }
			| Call::enter { .. }
			| Call::book { .. }
			| Call::cancel_booking { .. }
			| Call::give_up { .. }
			| Call::claim_place { .. } => Some(citizen_primitives::PublicService::Citizen),
			_ => None,
		}
	}
}
