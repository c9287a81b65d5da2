//! Records kept by the youth culture pass pallet and the views served to wallets, box offices
//! and the city's dashboards. The stored types' methods own the round's rules (tiers, windows,
//! phases, places), so the dispatchables, the hooks and the views judge a round the same way.

use citizen_primitives::{CitizenId, HoldId, LocalizedName, Moment, ProgramId};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;
use sp_runtime::traits::Zero;

/// A round's id, given in order from 0.
pub type RoundId = u32;
/// A calendar year (e.g. `2026`): one entry or pass per citizen per year.
pub type Year = u16;
/// A tier's index in its round (0-based, in the order the city listed the tiers).
pub type TierIndex = u8;
/// A city-designated offer's id, given in order from 0.
pub type OfferId = u32;
/// 32 bytes of beacon randomness, or a seed derived from it.
pub type Seed = [u8; 32];
/// A drand quicknet signature (a compressed BLS12-381 G1 point).
pub type BeaconSignature = [u8; 48];

/// The domain tag of the round seed: `seed = sha2_256(SEED_TAG ++ randomness ++ round (u32
/// LE) ++ commitment)`, where `commitment = sha2_256(tier 0's commitment ++ tier 1's ++ ...)`.
pub const SEED_TAG: &[u8] = b"citizen-chain/ycp/seed/v1";

/// A tier of a round: `places` passes worth `face` each, for a co-payment of `co_payment`
/// (Busan 2025: 7,500 × 100,000 won for 10,000; 1,000 × 50,000 won for 5,000).
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
	/// The pass's value, credited as a voucher of the round's program.
	pub face: Balance,
	/// What the youth pays (below `face`; zero or at least the currency's minimum balance).
	pub co_payment: Balance,
	/// How many passes the tier has.
	pub places: u32,
}

/// How a round's places are given: first come, first served, or by a lottery seeded by the
/// drand beacon round `beacon_round`, fixed when the round opens.
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
pub enum Mode {
	/// `buy`: the co-payment and the pass at once, while places last.
	FirstCome,
	/// `enter`, then a draw seeded by drand round `beacon_round`, published after the entries
	/// close.
	Lottery { beacon_round: u64 },
}

/// The terms the city sets for a round. Every amount, date and count is a parameter.
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
#[scale_info(skip_type_params(MaxName, MaxTiers))]
#[allow(clippy::multiple_bound_locations)]
pub struct RoundTerms<
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxName: Get<u32>,
	MaxTiers: Get<u32>,
> {
	/// The year whose one-pass-per-citizen rule the round counts against.
	pub year: Year,
	/// The name citizens read, e.g. "청년문화패스 2026" / "Youth culture pass 2026".
	pub name: LocalizedName<MaxName>,
	/// The tiers (at least one).
	pub tiers: BoundedVec<Tier<Balance>, MaxTiers>,
	/// First come or lottery (with its beacon round).
	pub mode: Mode,
	/// Recipients of this earlier round (an earlier year) may not take part.
	pub excluded_round: Option<RoundId>,
	/// Entries (or purchases) are taken from this moment ...
	pub entry_opens: Moment,
	/// ... until (excluding) this one.
	pub entry_closes: Moment,
	/// Passes are spendable until (excluding) this moment; then what is left is taken back.
	pub spend_until: Moment,
}

impl<Balance, MaxName, MaxTiers> RoundTerms<Balance, MaxName, MaxTiers>
where
	Balance: Clone + PartialEq + Eq + core::fmt::Debug + PartialOrd + Zero + Copy,
	MaxName: Get<u32>,
	MaxTiers: Get<u32>,
{
	/// At least one tier; each with places, a face above zero and a co-payment below the
	/// face, zero or at least `minimum` (the currency's minimum balance, so a refund can
	/// always be received).
	pub fn tiers_valid(&self, minimum: Balance) -> bool {
		!self.tiers.is_empty()
			&& self.tiers.iter().all(|t| {
				t.places > 0
					&& !t.face.is_zero()
					&& t.co_payment < t.face
					&& (t.co_payment.is_zero() || t.co_payment >= minimum)
			})
	}

	/// `now <= entry_opens < entry_closes < spend_until`.
	pub fn window_valid(&self, now: Moment) -> bool {
		now <= self.entry_opens
			&& self.entry_opens < self.entry_closes
			&& self.entry_closes < self.spend_until
	}

	/// Whether `now` is inside `[entry_opens, entry_closes)`.
	pub fn in_window(&self, now: Moment) -> bool {
		self.entry_opens <= now && now < self.entry_closes
	}

	/// The lottery's beacon round, `None` for first come.
	pub fn beacon_round(&self) -> Option<u64> {
		match self.mode {
			Mode::FirstCome => None,
			Mode::Lottery { beacon_round } => Some(beacon_round),
		}
	}

	/// The tier `tier`, if the round has it.
	pub fn tier(&self, tier: TierIndex) -> Option<Tier<Balance>> {
		self.tiers.get(usize::from(tier)).copied()
	}
}

/// Whether the city cancelled a round (only possible before its entries open).
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
pub enum RoundStatus {
	Active,
	Cancelled,
}

/// A round: its terms, the policy-funds program holding its money and passes, and the
/// minimum balance put into its keeping account so that account never dies while it holds
/// entrants' co-payments.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(MaxName, MaxTiers))]
pub struct Round<
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxName: Get<u32>,
	MaxTiers: Get<u32>,
> {
	pub terms: RoundTerms<Balance, MaxName, MaxTiers>,
	pub program: ProgramId,
	pub status: RoundStatus,
	pub opened_at: Moment,
	/// What the treasury put into the keeping account to keep it alive (lottery rounds),
	/// returned when the draw is over; zero once returned.
	pub keeping_deposit: Balance,
}

/// Where a lottery stands.
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
pub enum DrawPhase {
	/// Taking entries (until `entry_closes`; frozen by the first `feed_beacon`, `draw`,
	/// `abandon` or `on_idle` after it).
	Entering,
	/// Frozen, some tier oversubscribed: waiting for the beacon round.
	AwaitingBeacon,
	/// Seeded (or nothing oversubscribed): the cursor walks the entries.
	Drawing,
	/// Every entry drawn: winners hold passes, the others were refunded.
	Drawn,
	/// The beacon was not fed within the grace: every entry is being refunded.
	Abandoning,
	/// Every entry refunded, no winners.
	Abandoned,
}

/// A position in a round's entries: entry `index` of tier `tier`.
#[derive(
	Clone,
	Copy,
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
pub struct Cursor {
	pub tier: TierIndex,
	pub index: u32,
}

/// A lottery's draw: its phase, its seed once fed, and how far the cursor went.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Draw {
	pub phase: DrawPhase,
	/// The round seed (`None` until fed; never fed when no tier is oversubscribed).
	pub seed: Option<Seed>,
	/// The next entry to draw or refund.
	pub cursor: Cursor,
	/// Entries drawn (or refunded) so far.
	pub processed: u32,
	/// The beacon signature the seed came from, kept so anyone can check the seed offline
	/// (`scripts/verify-draw.mjs`).
	pub signature: Option<BeaconSignature>,
}

impl Draw {
	/// A lottery taking entries.
	pub fn new() -> Self {
		Self {
			phase: DrawPhase::Entering,
			seed: None,
			cursor: Cursor::default(),
			processed: 0,
			signature: None,
		}
	}
}

impl Default for Draw {
	fn default() -> Self {
		Self::new()
	}
}

/// One tier's counters.
#[derive(
	Clone,
	Copy,
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
pub struct TierTally<Balance> {
	/// Lottery entries.
	pub entries: u32,
	/// Entries drawn winners and issued a pass at the draw.
	pub winners: u32,
	/// Winners declined at the draw because their citizen ID no longer exists (deregistered):
	/// refunded to the payer, their places left vacant (eligibility is judged at `enter`).
	pub declined: u32,
	/// Passes issued in all: bought, drawn, claimed from the waitlist.
	pub issued: u32,
	/// Passes given back unused (`give_up`).
	pub returned: u32,
	/// The next waitlist position to be offered a released place.
	pub next_offer: u32,
	/// Offers of a place waiting for their holder (`claim_place`) or to lapse.
	pub open_offers: u32,
	/// Places left empty: released with no waitlist position left, or of declined winners.
	pub vacant: u32,
	/// Co-payments taken in (entries, purchases, places claimed).
	pub collected: Balance,
	/// Co-payments paid back (losers, declined winners, an abandoned draw, passes given up).
	pub refunded: Balance,
	/// Pass value taken back after `spend_until`.
	pub reclaimed: Balance,
	/// The tier's running commitment to its entries: 32 zero bytes, then for each entry in
	/// index order `c = sha2_256(c ++ round (u32 LE) ++ tier (u8) ++ index (u32 LE) ++ citizen
	/// (u64 LE))`. Per tier, so anyone can recompute it from the stored entries alone.
	pub commitment: Seed,
}

impl<Balance: Clone + PartialEq + Eq + core::fmt::Debug, MaxTiers: Get<u32>>
	RoundTally<Balance, MaxTiers>
{
	/// The commitment the seed binds: `sha2_256` of the tiers' commitments in tier order.
	pub fn commitment(&self) -> Seed {
		let mut bytes = alloc::vec::Vec::with_capacity(self.tiers.len().saturating_mul(32));
		for tier in self.tiers.iter() {
			bytes.extend_from_slice(&tier.commitment);
		}
		sp_io::hashing::sha2_256(&bytes)
	}
}

impl<Balance> TierTally<Balance> {
	/// Passes held now (issued, not given back).
	pub fn live(&self) -> u32 {
		self.issued.saturating_sub(self.returned)
	}
}

/// A round's counters (with each tier's entry commitment), and its pass index's length and
/// sweep cursor.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(MaxTiers))]
pub struct RoundTally<Balance: Clone + PartialEq + Eq + core::fmt::Debug, MaxTiers: Get<u32>> {
	/// One per tier.
	pub tiers: BoundedVec<TierTally<Balance>, MaxTiers>,
	/// Passes in the pass index (`PassIndex`), the next sequence number.
	pub passes: u32,
	/// The reclaim sweep's cursor in the pass index.
	pub reclaim_cursor: u32,
}

/// An entry in a lottery: the citizen, and the account that paid the co-payment (refunds go
/// to the citizen's current account; to the payer only if the citizen has none).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Entry<AccountId> {
	pub citizen: CitizenId,
	pub payer: AccountId,
}

/// How a pass was obtained.
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
pub enum PassSource {
	Bought,
	Drawn,
	Waitlist,
}

/// A citizen's pass in a round.
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
pub struct Pass {
	pub tier: TierIndex,
	/// Its place in the pass index.
	pub seq: u32,
	pub source: PassSource,
	/// Given back unused (`give_up`).
	pub given_up: bool,
}

/// What a city-designated offer is.
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
pub enum OfferKind {
	Performance,
	Festival,
	Package,
}

/// What the city sets when it designates an offer.
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
#[scale_info(skip_type_params(MaxName))]
#[allow(clippy::multiple_bound_locations)] // the codec derives repeat the bounds
pub struct OfferTerms<
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxName: Get<u32>,
> {
	/// Who is paid when a booking settles (a merchant of policy funds).
	pub organiser: AccountId,
	pub kind: OfferKind,
	pub name: LocalizedName<MaxName>,
	/// What a seat takes from the pass (above zero).
	pub price: Balance,
	/// Seats (1 to `MaxSeatsPerOffer`).
	pub seats: u32,
	/// When it takes place: booking closes then, settlement follows (at most the round's
	/// `spend_until`).
	pub date: Moment,
	/// Bookings can be cancelled until (excluding) this moment (`now < cancel_until <= date`).
	pub cancel_until: Moment,
}

/// A performance, festival or package the city designated for a round's passes.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(MaxName))]
pub struct CultureOffer<
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxName: Get<u32>,
> {
	pub round: RoundId,
	/// Who is paid when a booking settles (a merchant of policy funds).
	pub organiser: AccountId,
	pub kind: OfferKind,
	pub name: LocalizedName<MaxName>,
	/// What a seat takes from the pass.
	pub price: Balance,
	pub seats: u32,
	/// When it takes place: booking closes then, settlement follows.
	pub date: Moment,
	/// Bookings can be cancelled until (excluding) this moment.
	pub cancel_until: Moment,
	/// Seats taken now.
	pub booked: u32,
	/// Bookings made in all: the next booking's sequence number.
	pub next_booking: u32,
	/// Bookings cancelled.
	pub cancelled: u32,
	/// Bookings settled (paid to the organiser).
	pub settled: u32,
	/// The settlement sweep's cursor in the bookings.
	pub settle_cursor: u32,
}

/// A booking: the citizen and the ledger's hold on their pass.
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
pub struct Booking {
	pub citizen: CitizenId,
	pub hold: HoldId,
}

/// Why a citizen could not enter or buy now: one variant per error of the same name, judged
/// in the same order by `buy`, `enter` and the `quote` view.
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
	NotCitizen,
	UnknownRound,
	RoundCancelled,
	NotFirstCome,
	NotLottery,
	UnknownTier,
	NotOpenYet,
	WindowClosed,
	MissingYouthClaim,
	MissingResidentClaim,
	RecipientLastRound,
	AlreadyHasPassThisYear,
	SoldOut,
}

// ---- Served types ----

/// A name as served: Korean and English, UTF-8.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub struct NameView {
	pub ko: alloc::vec::Vec<u8>,
	pub en: alloc::vec::Vec<u8>,
}

impl<S: Get<u32>> From<LocalizedName<S>> for NameView {
	fn from(n: LocalizedName<S>) -> Self {
		NameView { ko: n.ko.into_inner(), en: n.en.into_inner() }
	}
}

/// Where a round stands now.
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
pub enum RoundPhase {
	Cancelled,
	/// Before `entry_opens`.
	Upcoming,
	/// Taking entries or purchases.
	Open,
	/// Entries closed; a lottery's draw phase tells the rest.
	Closed,
	/// Past `spend_until`: what was left of the passes is being (or was) taken back.
	Expired,
}

/// A tier as served: its terms and counters, and the places left to buy (first come) or
/// free after the draw (lottery).
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct TierView<Balance> {
	pub face: Balance,
	pub co_payment: Balance,
	pub places: u32,
	pub entries: u32,
	/// Passes held now.
	pub passes: u32,
	pub places_left: u32,
}

/// A round as served.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct RoundView<Balance> {
	pub id: RoundId,
	pub year: Year,
	pub name: NameView,
	pub tiers: alloc::vec::Vec<TierView<Balance>>,
	pub mode: Mode,
	pub excluded_round: Option<RoundId>,
	pub entry_opens: Moment,
	pub entry_closes: Moment,
	pub spend_until: Moment,
	/// When the lottery's beacon round is published.
	pub beacon_time: Option<Moment>,
	pub program: ProgramId,
	pub phase: RoundPhase,
	/// The lottery's draw phase.
	pub draw: Option<DrawPhase>,
	/// The entry commitment so far (final once frozen).
	pub commitment: Seed,
}

/// A live offer of a released place to a waitlist position.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct PlaceOfferView {
	pub offered_at: Moment,
	/// Claimable until (excluding) this moment.
	pub claim_until: Moment,
}

/// An account's citizen's entry in a lottery.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct EntryStatus<Balance> {
	pub citizen: CitizenId,
	pub tier: TierIndex,
	pub index: u32,
	/// Entries in the tier and its places.
	pub entries: u32,
	pub places: u32,
	/// The rank drawn (0-based), once known (seeded, or nothing oversubscribed).
	pub rank: Option<u32>,
	/// The waitlist position (0-based, `rank - places`), for a rank beyond the places.
	pub waitlist_position: Option<u32>,
	/// The pass, if the citizen holds one in this round.
	pub pass: Option<PassStatus<Balance>>,
	/// A live offer of a place to the citizen's waitlist position.
	pub offer: Option<PlaceOfferView>,
}

/// A pass as served.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct PassStatus<Balance> {
	pub round: RoundId,
	pub citizen: CitizenId,
	pub tier: TierIndex,
	pub source: PassSource,
	pub given_up: bool,
	pub face: Balance,
	/// What can still be booked with it (zero once expired).
	pub balance: Balance,
	pub spend_until: Moment,
	/// Offers booked and still held: not cancelled, not yet settled (a settled booking
	/// leaves the list).
	pub bookings: alloc::vec::Vec<OfferId>,
}

/// An offer as served.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct OfferView<AccountId, Balance> {
	pub id: OfferId,
	pub round: RoundId,
	pub organiser: AccountId,
	pub kind: OfferKind,
	pub name: NameView,
	pub price: Balance,
	pub seats: u32,
	pub seats_left: u32,
	pub date: Moment,
	pub cancel_until: Moment,
	pub booked: u32,
	pub cancelled: u32,
	pub settled: u32,
}

/// What the next draw step of a round will do.
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
pub enum NextStep {
	/// Entries still open.
	WaitForEntriesToClose,
	/// Freeze the entries (any `draw`, `feed_beacon` or `on_idle`).
	Freeze,
	/// Someone must `feed_beacon` the round's beacon round (published at `beacon_time`) before
	/// `abandon_from`; from then on it can no longer be fed and `abandon` is possible.
	FeedBeacon { beacon_round: u64, beacon_time: Moment, abandon_from: Moment },
	/// Draw (or refund, when abandoning) from the cursor.
	Step,
	/// Nothing left to do.
	Done,
}

/// A lottery's progress.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct DrawProgress {
	pub phase: DrawPhase,
	pub cursor: Cursor,
	pub processed: u32,
	pub total: u32,
	pub seed: Option<Seed>,
	pub commitment: Seed,
	pub next: NextStep,
}

/// One tier's line in a report.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct TierReport<Balance> {
	pub face: Balance,
	pub co_payment: Balance,
	pub places: u32,
	pub tally: TierTally<Balance>,
}

/// A round's report.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct RoundReportView<Balance> {
	pub round: RoundId,
	pub program: ProgramId,
	pub tiers: alloc::vec::Vec<TierReport<Balance>>,
	/// Co-payments in all, and refunded in all.
	pub collected: Balance,
	pub refunded: Balance,
	/// Pass value taken back in all.
	pub reclaimed: Balance,
	/// Passes reclaimed so far (the sweep's cursor) of those issued.
	pub passes_swept: u32,
	pub passes_indexed: u32,
	/// The program's free budget now.
	pub free_budget: Balance,
}
