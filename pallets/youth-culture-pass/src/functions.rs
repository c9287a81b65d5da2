//! The pallet's logic: dispatchables check the origin and call the `do_*` functions here; the
//! hooks call the same bounded steps.
//!
//! Money moves in two places only: the local currency between a youth's account and a
//! lottery round's keeping account (`enter`, refunds), and the ledger (policy funds) for
//! everything else (`open_program`, `fund_program`, `credit`, `hold`, `release`, `settle`,
//! `expire`, `withdraw`). Each `do_*` checks everything before it moves money; dispatchables
//! are transactional, and the hooks run each step in a storage layer, so a failed step
//! changes nothing.

use super::*;
use citizen_primitives::{ClaimKind, ProgramSpec};
use codec::Decode;
use frame_support::{
	ensure,
	pallet_prelude::{DispatchResult, Weight},
	storage::with_storage_layer,
	traits::{
		fungible::{Inspect, Mutate},
		tokens::Preservation,
		EnsureOrigin, Get, Time,
	},
	BoundedVec,
};
use frame_system::pallet_prelude::OriginFor;
use sp_runtime::{
	traits::{CheckedAdd, CheckedMul, Saturating, Zero},
	ArithmeticError, DispatchError,
};

/// What one draw step did to a tier's counters, kept in memory until the step ends.
type Outcome = Result<u32, DispatchError>;

impl<T: Config> Pallet<T> {
	/// The owner this pallet is in the ledger.
	pub fn owner() -> ProgramOwner {
		ProgramOwner::service(T::PalletId::get())
	}

	/// The keeping account of lottery round `round`: it holds the entrants' co-payments until
	/// the draw. Derived as `blake2_256(b"modl" ++ PalletId ++ b"keep" ++ round (u32 LE))`
	/// decoded as an account, so it is distinct per round whatever the account type's width
	/// (a truncated sub-account of a short account type would be the same for every round).
	pub fn keeping_account(round: RoundId) -> T::AccountId {
		let mut bytes = b"modl".to_vec();
		bytes.extend_from_slice(&T::PalletId::get().0);
		bytes.extend_from_slice(b"keep");
		bytes.extend_from_slice(&round.to_le_bytes());
		let hash = sp_io::hashing::blake2_256(&bytes);
		T::AccountId::decode(&mut sp_runtime::traits::TrailingZeroInput::new(&hash))
			.expect("infinite input; qed")
	}

	/// The account and citizen behind a youth's own call; a signed non-citizen gets
	/// `NotCitizen`.
	pub(crate) fn ensure_citizen(
		origin: OriginFor<T>,
	) -> Result<(T::AccountId, CitizenId), DispatchError> {
		T::CitizenOrigin::try_origin(origin).or_else(|origin| {
			frame_system::ensure_signed(origin)?;
			Err(Error::<T>::NotCitizen.into())
		})
	}

	fn treasury() -> Result<T::AccountId, DispatchError> {
		Treasury::<T>::get().ok_or_else(|| Error::<T>::NoTreasury.into())
	}

	pub(crate) fn existing_round(round: RoundId) -> Result<RoundOf<T>, DispatchError> {
		Rounds::<T>::get(round).ok_or_else(|| Error::<T>::UnknownRound.into())
	}

	fn active_round(round: RoundId) -> Result<RoundOf<T>, DispatchError> {
		let r = Self::existing_round(round)?;
		ensure!(r.status == RoundStatus::Active, Error::<T>::RoundCancelled);
		Ok(r)
	}

	fn tally(round: RoundId) -> Result<RoundTallyOf<T>, DispatchError> {
		Tallies::<T>::get(round).ok_or(DispatchError::Corruption)
	}

	fn tier_tally(
		tally: &mut RoundTallyOf<T>,
		tier: TierIndex,
	) -> Result<&mut TierTally<T::Balance>, DispatchError> {
		tally.tiers.get_mut(usize::from(tier)).ok_or(DispatchError::Corruption)
	}

	/// When beacon round `beacon_round` is published, by the genesis beacon.
	pub fn beacon_time(beacon_round: u64) -> Option<Moment> {
		Beacon::<T>::get().round_time_ms(beacon_round)
	}

	/// The round seed: `sha2_256(SEED_TAG ++ randomness ++ round (u32 LE) ++ commitment)`.
	pub fn round_seed(randomness: &Seed, round: RoundId, commitment: &Seed) -> Seed {
		let mut bytes = alloc::vec::Vec::with_capacity(SEED_TAG.len() + 32 + 4 + 32);
		bytes.extend_from_slice(SEED_TAG);
		bytes.extend_from_slice(randomness);
		bytes.extend_from_slice(&round.to_le_bytes());
		bytes.extend_from_slice(commitment);
		sp_io::hashing::sha2_256(&bytes)
	}

	/// A tier's seed: `sha2_256(seed ++ tier (u8))`.
	pub fn tier_seed(seed: &Seed, tier: TierIndex) -> Seed {
		let mut bytes = [0u8; 33];
		bytes[..32].copy_from_slice(seed);
		bytes[32] = tier;
		sp_io::hashing::sha2_256(&bytes)
	}

	/// The commitment after one more entry: `sha2_256(c ++ round (u32 LE) ++ tier (u8) ++
	/// index (u32 LE) ++ citizen (u64 LE))`.
	pub fn next_commitment(
		c: &Seed,
		round: RoundId,
		tier: TierIndex,
		index: u32,
		citizen: CitizenId,
	) -> Seed {
		let mut bytes = [0u8; 32 + 4 + 1 + 4 + 8];
		bytes[..32].copy_from_slice(c);
		bytes[32..36].copy_from_slice(&round.to_le_bytes());
		bytes[36] = tier;
		bytes[37..41].copy_from_slice(&index.to_le_bytes());
		bytes[41..49].copy_from_slice(&citizen.to_le_bytes());
		sp_io::hashing::sha2_256(&bytes)
	}

	/// The rank entry `index` of a tier with `entries` entries and `places` places draws:
	/// everyone wins in entry order when the tier is not oversubscribed; otherwise its
	/// position in the permutation keyed by the tier seed (`None` until seeded).
	pub fn rank_of(
		seed: Option<&Seed>,
		tier: TierIndex,
		entries: u32,
		places: u32,
		index: u32,
	) -> Option<u32> {
		if entries <= places {
			return (index < entries).then_some(index);
		}
		let tier_seed = Self::tier_seed(seed?, tier);
		citizen_drand::draw::position_of(&tier_seed, entries, index)
	}

	// ---- The city ----

	pub(crate) fn do_set_treasury(account: T::AccountId) -> DispatchResult {
		// Funding a round from a program's account would take money backing vouchers; a
		// return paid there would sit in a program that does not count it.
		ensure!(!T::Ledger::is_program_account(&account), Error::<T>::TreasuryIsProgramAccount);
		// Nor a facility's or a live round's keeping account (the runtime's `OthersMoney`
		// includes this pallet): that money is owed to citizens.
		ensure!(
			!T::OthersMoney::keeps_others_money(&account),
			Error::<T>::TreasuryKeepsOthersMoney
		);
		Treasury::<T>::put(&account);
		Self::deposit_event(Event::TreasurySet { account });
		Ok(())
	}

	pub(crate) fn do_open_round(terms: RoundTermsOf<T>) -> DispatchResult {
		let now = T::Time::now();
		ensure!(terms.tiers_valid(T::Currency::minimum_balance()), Error::<T>::InvalidTiers);
		ensure!(
			terms.window_valid(now.saturating_add(T::MinNotice::get())),
			Error::<T>::InvalidWindow
		);
		if let Some(beacon_round) = terms.beacon_round() {
			let time = Self::beacon_time(beacon_round).ok_or(Error::<T>::BeaconTooEarly)?;
			ensure!(
				time >= terms.entry_closes.saturating_add(T::MinBeaconDelay::get()),
				Error::<T>::BeaconTooEarly
			);
			ensure!(
				time.saturating_add(T::BeaconGrace::get()) < terms.spend_until,
				Error::<T>::BeaconTooLate
			);
		}
		if let Some(excluded) = terms.excluded_round {
			let ex = Rounds::<T>::get(excluded).ok_or(Error::<T>::InvalidExcludedRound)?;
			ensure!(ex.terms.year < terms.year, Error::<T>::InvalidExcludedRound);
		}
		let treasury = Self::treasury()?;
		let mut budget = T::Balance::zero();
		for t in terms.tiers.iter() {
			let tier_budget =
				t.face.checked_mul(&T::Balance::from(t.places)).ok_or(ArithmeticError::Overflow)?;
			budget = budget.checked_add(&tier_budget).ok_or(ArithmeticError::Overflow)?;
		}
		let id = NextRoundId::<T>::get();
		// A treasury named before this round existed may be its keeping account: the
		// entrants' co-payments would sit in the treasury and fund the next program.
		ensure!(Self::keeping_account(id) != treasury, Error::<T>::TreasuryKeepsOthersMoney);
		let next = id.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		let mut live = LiveRounds::<T>::get();
		live.try_push(id).map_err(|_| Error::<T>::TooManyLiveRounds)?;
		let tiers = BoundedVec::try_from(alloc::vec![TierTally::default(); terms.tiers.len()])
			.map_err(|_| Error::<T>::InvalidTiers)?;
		let spec = ProgramSpec {
			name: (terms.name.ko.to_vec(), terms.name.en.to_vec()),
			spend_until: terms.spend_until,
			allowed_categories: alloc::vec::Vec::new(),
			excluded_categories: alloc::vec::Vec::new(),
		};
		let program = T::Ledger::open_program(Self::owner(), spec, &treasury, budget)?;
		let mut keeping_deposit = T::Balance::zero();
		if terms.beacon_round().is_some() {
			// The keeping account must outlive every transfer out of it (the ledger's funding
			// keeps the payer alive): the treasury lends it the minimum balance until the draw
			// is over.
			keeping_deposit = T::Currency::minimum_balance();
			if !keeping_deposit.is_zero() {
				T::Currency::transfer(
					&treasury,
					&Self::keeping_account(id),
					keeping_deposit,
					Preservation::Preserve,
				)?;
			}
			Draws::<T>::insert(id, Draw::new());
		}
		let year = terms.year;
		Tallies::<T>::insert(id, RoundTally { tiers, passes: 0, reclaim_cursor: 0 });
		Rounds::<T>::insert(
			id,
			Round { terms, program, status: RoundStatus::Active, opened_at: now, keeping_deposit },
		);
		NextRoundId::<T>::put(next);
		LiveRounds::<T>::put(live);
		Self::deposit_event(Event::RoundOpened { round: id, year, program, budget });
		Ok(())
	}

	pub(crate) fn do_cancel_round(id: RoundId) -> DispatchResult {
		let mut round = Self::active_round(id)?;
		ensure!(T::Time::now() < round.terms.entry_opens, Error::<T>::EntriesAlreadyOpen);
		let treasury = Self::treasury()?;
		let returned = T::Ledger::free_budget(round.program);
		if !returned.is_zero() {
			T::Ledger::withdraw(Self::owner(), round.program, &treasury, returned)?;
		}
		Self::return_keeping_deposit(id, &mut round, &treasury);
		round.status = RoundStatus::Cancelled;
		Rounds::<T>::insert(id, round);
		Draws::<T>::remove(id);
		LiveRounds::<T>::mutate(|l| l.retain(|r| *r != id));
		Self::deposit_event(Event::RoundCancelled { round: id, returned });
		Ok(())
	}

	/// Give the keeping account's minimum balance back to the treasury once no refund waits in
	/// it (`Unrefunded` empty): called when the draw is over (or the round cancelled, before
	/// any entry), so no co-payment is left in it either. Whatever else is there (a donation)
	/// goes with it, so a donation can neither trap the deposit nor stay behind.
	fn return_keeping_deposit(id: RoundId, round: &mut RoundOf<T>, treasury: &T::AccountId) {
		if round.keeping_deposit.is_zero() || Unrefunded::<T>::iter_prefix(id).next().is_some() {
			return;
		}
		let keeping = Self::keeping_account(id);
		let all = T::Currency::balance(&keeping);
		if T::Currency::transfer(&keeping, treasury, all, Preservation::Expendable).is_ok() {
			round.keeping_deposit = Zero::zero();
		}
	}

	// ---- Eligibility ----

	/// The claims and exclusions a youth must meet, now: a valid `YouthAgeBand` and
	/// `Resident` claim, and no pass (kept) in the excluded round.
	pub(crate) fn check_claims(citizen: CitizenId, round: &RoundOf<T>) -> Result<(), Refusal> {
		if !T::Citizens::has_valid_claim(citizen, ClaimKind::YouthAgeBand) {
			return Err(Refusal::MissingYouthClaim);
		}
		if !T::Citizens::has_valid_claim(citizen, ClaimKind::Resident) {
			return Err(Refusal::MissingResidentClaim);
		}
		if let Some(excluded) = round.terms.excluded_round {
			if Passes::<T>::get(excluded, citizen).is_some_and(|p| !p.given_up) {
				return Err(Refusal::RecipientLastRound);
			}
		}
		Ok(())
	}

	/// Whether `citizen` may buy (`lottery == false`) or enter `tier` of `round` at `now`,
	/// judged in the order of [`Refusal`] (sold out is judged by `buy` and `quote`).
	pub(crate) fn eligibility(
		citizen: CitizenId,
		round_id: RoundId,
		tier: TierIndex,
		now: Moment,
		lottery: bool,
	) -> Result<(RoundOf<T>, Tier<T::Balance>), Refusal> {
		let round = Rounds::<T>::get(round_id).ok_or(Refusal::UnknownRound)?;
		if round.status == RoundStatus::Cancelled {
			return Err(Refusal::RoundCancelled);
		}
		match (round.terms.mode, lottery) {
			(Mode::FirstCome, true) => return Err(Refusal::NotLottery),
			(Mode::Lottery { .. }, false) => return Err(Refusal::NotFirstCome),
			_ => {}
		}
		let t = round.terms.tier(tier).ok_or(Refusal::UnknownTier)?;
		if now < round.terms.entry_opens {
			return Err(Refusal::NotOpenYet);
		}
		if now >= round.terms.entry_closes {
			return Err(Refusal::WindowClosed);
		}
		Self::check_claims(citizen, &round)?;
		// The year's slot is freed when an entry or pass is refunded; taking part in the same
		// round again is still refused (its records are one per citizen).
		if YearSlot::<T>::contains_key(round.terms.year, citizen)
			|| if lottery {
				EntryOf::<T>::contains_key(round_id, citizen)
			} else {
				Passes::<T>::contains_key(round_id, citizen)
			} {
			return Err(Refusal::AlreadyHasPassThisYear);
		}
		Ok((round, t))
	}

	/// Record a pass for `citizen` (the voucher already credited).
	fn record_pass(
		round: RoundId,
		tally: &mut RoundTallyOf<T>,
		citizen: CitizenId,
		tier: TierIndex,
		source: PassSource,
	) -> DispatchResult {
		let seq = tally.passes;
		tally.passes = seq.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		let tt = Self::tier_tally(tally, tier)?;
		tt.issued = tt.issued.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		Passes::<T>::insert(round, citizen, Pass { tier, seq, source, given_up: false });
		PassIndex::<T>::insert(round, seq, citizen);
		Ok(())
	}

	// ---- First come ----

	pub(crate) fn do_buy(
		who: T::AccountId,
		citizen: CitizenId,
		round_id: RoundId,
		tier: TierIndex,
	) -> DispatchResult {
		let (round, t) = Self::eligibility(citizen, round_id, tier, T::Time::now(), false)
			.map_err(Error::<T>::from)?;
		let mut tally = Self::tally(round_id)?;
		let tt = Self::tier_tally(&mut tally, tier)?;
		ensure!(tt.live() < t.places, Error::<T>::SoldOut);
		tt.collected = tt.collected.checked_add(&t.co_payment).ok_or(ArithmeticError::Overflow)?;
		if !t.co_payment.is_zero() {
			T::Ledger::fund_program(Self::owner(), round.program, &who, t.co_payment)?;
		}
		T::Ledger::credit(Self::owner(), round.program, citizen, t.face)?;
		Self::record_pass(round_id, &mut tally, citizen, tier, PassSource::Bought)?;
		YearSlot::<T>::insert(round.terms.year, citizen, round_id);
		Tallies::<T>::insert(round_id, tally);
		Self::deposit_event(Event::PassBought { round: round_id, tier, citizen });
		Ok(())
	}

	// ---- Lottery: entries ----

	pub(crate) fn do_enter(
		who: T::AccountId,
		citizen: CitizenId,
		round_id: RoundId,
		tier: TierIndex,
	) -> DispatchResult {
		let (round, t) = Self::eligibility(citizen, round_id, tier, T::Time::now(), true)
			.map_err(Error::<T>::from)?;
		let mut tally = Self::tally(round_id)?;
		let total = tally.tiers.iter().fold(0u32, |n, t| n.saturating_add(t.entries));
		ensure!(total < T::MaxEntriesPerRound::get(), Error::<T>::TooManyEntries);
		let tt = Self::tier_tally(&mut tally, tier)?;
		let index = tt.entries;
		tt.entries = index.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		tt.collected = tt.collected.checked_add(&t.co_payment).ok_or(ArithmeticError::Overflow)?;
		tt.commitment = Self::next_commitment(&tt.commitment, round_id, tier, index, citizen);
		if !t.co_payment.is_zero() {
			T::Currency::transfer(
				&who,
				&Self::keeping_account(round_id),
				t.co_payment,
				Preservation::Preserve,
			)?;
		}
		Entries::<T>::insert(round_id, (tier, index), Entry { citizen, payer: who });
		EntryOf::<T>::insert(round_id, citizen, (tier, index));
		YearSlot::<T>::insert(round.terms.year, citizen, round_id);
		Tallies::<T>::insert(round_id, tally);
		Self::deposit_event(Event::Entered { round: round_id, tier, index, citizen });
		Ok(())
	}

	/// The round's lottery draw, or `NotLottery`.
	fn lottery(round_id: RoundId) -> Result<(RoundOf<T>, u64, Draw), DispatchError> {
		let round = Self::active_round(round_id)?;
		let beacon_round = round.terms.beacon_round().ok_or(Error::<T>::NotLottery)?;
		let draw = Draws::<T>::get(round_id).ok_or(DispatchError::Corruption)?;
		Ok((round, beacon_round, draw))
	}

	/// Freeze the entries if they are closed and not yet frozen; returns whether it did. A
	/// tier with more entries than places needs the beacon; otherwise the draw can run.
	fn maybe_freeze(
		round_id: RoundId,
		round: &RoundOf<T>,
		draw: &mut Draw,
		tally: &RoundTallyOf<T>,
		now: Moment,
	) -> bool {
		if draw.phase != DrawPhase::Entering || now < round.terms.entry_closes {
			return false;
		}
		let oversubscribed =
			round.terms.tiers.iter().zip(tally.tiers.iter()).any(|(t, c)| c.entries > t.places);
		draw.phase = if oversubscribed { DrawPhase::AwaitingBeacon } else { DrawPhase::Drawing };
		Self::deposit_event(Event::EntriesFrozen {
			round: round_id,
			entries: tally.tiers.iter().map(|t| t.entries).collect(),
			commitment: tally.commitment(),
		});
		true
	}

	/// The end of the beacon's grace: the beacon may be fed before it, the draw abandoned from
	/// it.
	fn abandon_from(beacon_round: u64) -> Result<Moment, DispatchError> {
		Self::beacon_time(beacon_round)
			.map(|t| t.saturating_add(T::BeaconGrace::get()))
			.ok_or(DispatchError::Corruption)
	}

	pub(crate) fn do_feed_beacon(round_id: RoundId, signature: BeaconSignature) -> DispatchResult {
		let (round, beacon_round, mut draw) = Self::lottery(round_id)?;
		let now = T::Time::now();
		ensure!(now >= round.terms.entry_closes, Error::<T>::EntriesNotClosed);
		let tally = Self::tally(round_id)?;
		Self::maybe_freeze(round_id, &round, &mut draw, &tally, now);
		ensure!(draw.phase == DrawPhase::AwaitingBeacon, Error::<T>::NotAwaitingBeacon);
		// After the grace only `abandon` is possible: whoever acted first could otherwise choose
		// between the result and "nobody wins".
		ensure!(now < Self::abandon_from(beacon_round)?, Error::<T>::BeaconExpired);
		let randomness = T::Beacon::verify(&Beacon::<T>::get(), beacon_round, &signature)
			.ok_or(Error::<T>::BadBeacon)?;
		let seed = Self::round_seed(&randomness, round_id, &tally.commitment());
		draw.seed = Some(seed);
		draw.signature = Some(signature);
		draw.phase = DrawPhase::Drawing;
		Draws::<T>::insert(round_id, draw);
		Self::deposit_event(Event::SeedFixed { round: round_id, beacon_round, randomness, seed });
		Ok(())
	}

	pub(crate) fn do_abandon(round_id: RoundId) -> DispatchResult {
		let (round, beacon_round, mut draw) = Self::lottery(round_id)?;
		let now = T::Time::now();
		ensure!(now >= round.terms.entry_closes, Error::<T>::EntriesNotClosed);
		let tally = Self::tally(round_id)?;
		Self::maybe_freeze(round_id, &round, &mut draw, &tally, now);
		ensure!(draw.phase == DrawPhase::AwaitingBeacon, Error::<T>::NotAwaitingBeacon);
		ensure!(now >= Self::abandon_from(beacon_round)?, Error::<T>::GraceNotOver);
		draw.phase = DrawPhase::Abandoning;
		Draws::<T>::insert(round_id, draw);
		Self::deposit_event(Event::DrawAbandoned { round: round_id });
		Ok(())
	}

	/// `draw`: freeze if due, then up to `max` steps. Returns the steps done.
	pub(crate) fn do_draw(round_id: RoundId, max: u32) -> Result<u32, DispatchError> {
		let (round, _, mut draw) = Self::lottery(round_id)?;
		let now = T::Time::now();
		ensure!(now >= round.terms.entry_closes, Error::<T>::EntriesNotClosed);
		let mut tally = Self::tally(round_id)?;
		let froze = Self::maybe_freeze(round_id, &round, &mut draw, &tally, now);
		if !matches!(draw.phase, DrawPhase::Drawing | DrawPhase::Abandoning) {
			ensure!(froze, Error::<T>::NothingToDraw);
			Draws::<T>::insert(round_id, draw);
			return Ok(0);
		}
		let mut round = round;
		let done = Self::draw_steps(round_id, &mut round, &mut draw, &mut tally, max)?;
		Ok(done)
	}

	/// Up to `max` entries of a drawing (or abandoning) round, from the cursor; writes the
	/// draw, the tally and the round back. Winners' co-payments move from the keeping account
	/// into the program once per step.
	pub(crate) fn draw_steps(
		round_id: RoundId,
		round: &mut RoundOf<T>,
		draw: &mut Draw,
		tally: &mut RoundTallyOf<T>,
		max: u32,
	) -> Outcome {
		let abandoning = draw.phase == DrawPhase::Abandoning;
		let keeping = Self::keeping_account(round_id);
		let tiers = round.terms.tiers.len();
		let mut to_program = T::Balance::zero();
		let mut done = 0u32;
		let mut tier_seed: Option<(TierIndex, Seed)> = None;
		loop {
			// Past the tiers whose entries are all drawn, so the last step also completes.
			while usize::from(draw.cursor.tier) < tiers
				&& draw.cursor.index >= Self::tier_tally(tally, draw.cursor.tier)?.entries
			{
				draw.cursor = Cursor {
					tier: draw.cursor.tier.checked_add(1).ok_or(ArithmeticError::Overflow)?,
					index: 0,
				};
			}
			if done >= max || usize::from(draw.cursor.tier) >= tiers {
				break;
			}
			let tier = draw.cursor.tier;
			let index = draw.cursor.index;
			let t = round.terms.tier(tier).ok_or(DispatchError::Corruption)?;
			let entries = Self::tier_tally(tally, tier)?.entries;
			let entry =
				Entries::<T>::get(round_id, (tier, index)).ok_or(DispatchError::Corruption)?;
			let mut refund = true;
			if !abandoning {
				let rank = if entries <= t.places {
					index
				} else {
					let seed = match tier_seed {
						Some((tr, s)) if tr == tier => s,
						_ => {
							let s = Self::tier_seed(
								draw.seed.as_ref().ok_or(DispatchError::Corruption)?,
								tier,
							);
							tier_seed = Some((tier, s));
							s
						}
					};
					citizen_drand::draw::position_of(&seed, entries, index)
						.ok_or(DispatchError::Corruption)?
				};
				if rank < t.places {
					// Eligibility was judged at `enter`: suspensions and claims are not
					// re-checked here (an official could otherwise suspend chosen winners to
					// hand their places down the waitlist). Only a citizen ID that no longer
					// exists (or a credit the ledger refuses) is declined, and its place stays
					// vacant: declining helps nobody.
					let credited = T::Citizens::account_of(entry.citizen).is_some()
						&& T::Ledger::credit(Self::owner(), round.program, entry.citizen, t.face)
							.is_ok();
					let tt = Self::tier_tally(tally, tier)?;
					if credited {
						refund = false;
						tt.winners = tt.winners.saturating_add(1);
						to_program = to_program.saturating_add(t.co_payment);
						Self::record_pass(round_id, tally, entry.citizen, tier, PassSource::Drawn)?;
						Self::deposit_event(Event::PassIssued {
							round: round_id,
							tier,
							citizen: entry.citizen,
						});
					} else {
						tt.declined = tt.declined.saturating_add(1);
						tt.vacant = tt.vacant.saturating_add(1);
						Self::deposit_event(Event::WinnerDeclined {
							round: round_id,
							tier,
							citizen: entry.citizen,
						});
						Self::deposit_event(Event::PlaceVacant { round: round_id, tier });
					}
				}
			}
			if refund {
				Self::refund_entry(round_id, &keeping, &entry, t.co_payment, tally, tier)?;
				// Refunded: the year's slot is free again (one remove per refunded entry).
				YearSlot::<T>::remove(round.terms.year, entry.citizen);
			}
			draw.cursor.index = index.saturating_add(1);
			draw.processed = draw.processed.saturating_add(1);
			done = done.saturating_add(1);
		}
		if !to_program.is_zero() {
			T::Ledger::fund_program(Self::owner(), round.program, &keeping, to_program)?;
		}
		if done > 0 {
			Self::deposit_event(Event::DrawProgressed {
				round: round_id,
				processed: draw.processed,
			});
		}
		if usize::from(draw.cursor.tier) >= tiers {
			if let Ok(treasury) = Self::treasury() {
				Self::return_keeping_deposit(round_id, round, &treasury);
			}
			if abandoning {
				draw.phase = DrawPhase::Abandoned;
				Self::deposit_event(Event::AbandonCompleted { round: round_id });
			} else {
				draw.phase = DrawPhase::Drawn;
				Self::deposit_event(Event::DrawCompleted {
					round: round_id,
					winners: tally.tiers.iter().map(|t| t.winners).collect(),
				});
			}
			Rounds::<T>::insert(round_id, round.clone());
		}
		Draws::<T>::insert(round_id, draw.clone());
		Tallies::<T>::insert(round_id, tally.clone());
		Ok(done)
	}

	/// Pay an entry's co-payment back from the keeping account: to the citizen's current
	/// account (benefits belong to the citizen, not the key), else to the payer. A refund
	/// neither can receive stays in the keeping account (`RefundFailed`).
	fn refund_entry(
		round_id: RoundId,
		keeping: &T::AccountId,
		entry: &Entry<T::AccountId>,
		amount: T::Balance,
		tally: &mut RoundTallyOf<T>,
		tier: TierIndex,
	) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		let paid = Self::pay_refund(keeping, entry, amount).is_some();
		let tt = Self::tier_tally(tally, tier)?;
		if paid {
			tt.refunded = tt.refunded.saturating_add(amount);
		} else {
			Unrefunded::<T>::insert(round_id, entry.citizen, amount);
			Self::deposit_event(Event::RefundFailed {
				round: round_id,
				citizen: entry.citizen,
				amount,
			});
		}
		Ok(())
	}

	/// Pay `amount` from the keeping account to the entry's citizen's current account, else
	/// to its payer; the account paid.
	fn pay_refund(
		keeping: &T::AccountId,
		entry: &Entry<T::AccountId>,
		amount: T::Balance,
	) -> Option<T::AccountId> {
		let to = T::Citizens::account_of(entry.citizen).unwrap_or_else(|| entry.payer.clone());
		if T::Currency::transfer(keeping, &to, amount, Preservation::Preserve).is_ok() {
			return Some(to);
		}
		(to != entry.payer
			&& T::Currency::transfer(keeping, &entry.payer, amount, Preservation::Preserve).is_ok())
		.then(|| entry.payer.clone())
	}

	pub(crate) fn do_retry_refund(round_id: RoundId, citizen: CitizenId) -> DispatchResult {
		let amount = Unrefunded::<T>::get(round_id, citizen).ok_or(Error::<T>::NothingToRefund)?;
		let mut round = Self::existing_round(round_id)?;
		let (tier, index) =
			EntryOf::<T>::get(round_id, citizen).ok_or(DispatchError::Corruption)?;
		let entry = Entries::<T>::get(round_id, (tier, index)).ok_or(DispatchError::Corruption)?;
		let keeping = Self::keeping_account(round_id);
		let to =
			Self::pay_refund(&keeping, &entry, amount).ok_or(Error::<T>::RefundStillFailing)?;
		let mut tally = Self::tally(round_id)?;
		let tt = Self::tier_tally(&mut tally, tier)?;
		tt.refunded = tt.refunded.saturating_add(amount);
		Unrefunded::<T>::remove(round_id, citizen);
		Tallies::<T>::insert(round_id, tally);
		let over = Draws::<T>::get(round_id)
			.is_some_and(|d| matches!(d.phase, DrawPhase::Drawn | DrawPhase::Abandoned));
		if over {
			if let Ok(treasury) = Self::treasury() {
				Self::return_keeping_deposit(round_id, &mut round, &treasury);
				Rounds::<T>::insert(round_id, round);
			}
		}
		Self::deposit_event(Event::Refunded { round: round_id, citizen, to, amount });
		Ok(())
	}

	// ---- Waitlist ----

	/// A place of `tier` was released: offer it to the next waitlist position, or leave it
	/// vacant when none is left.
	fn release_place(
		round_id: RoundId,
		tier: TierIndex,
		tt: &mut TierTally<T::Balance>,
		entries: u32,
		places: u32,
		now: Moment,
	) {
		let waitlist = entries.saturating_sub(places);
		if tt.next_offer < waitlist {
			let position = tt.next_offer;
			PlaceOffers::<T>::insert(round_id, (tier, position), now);
			tt.next_offer = position.saturating_add(1);
			tt.open_offers = tt.open_offers.saturating_add(1);
			Self::deposit_event(Event::PlaceOffered { round: round_id, tier, position });
		} else {
			tt.vacant = tt.vacant.saturating_add(1);
			Self::deposit_event(Event::PlaceVacant { round: round_id, tier });
		}
	}

	pub(crate) fn do_give_up(
		who: T::AccountId,
		citizen: CitizenId,
		round_id: RoundId,
	) -> DispatchResult {
		let round = Self::existing_round(round_id)?;
		let mut pass = Passes::<T>::get(round_id, citizen).ok_or(Error::<T>::NoPass)?;
		ensure!(!pass.given_up, Error::<T>::PassGivenUp);
		let now = T::Time::now();
		ensure!(now < round.terms.spend_until, Error::<T>::SpendWindowOver);
		let t = round.terms.tier(pass.tier).ok_or(DispatchError::Corruption)?;
		ensure!(T::Ledger::balance(round.program, citizen) == t.face, Error::<T>::PassUsed);
		let mut tally = Self::tally(round_id)?;
		let entries = Self::tier_tally(&mut tally, pass.tier)?.entries;
		T::Ledger::expire(Self::owner(), round.program, citizen)?;
		if !t.co_payment.is_zero() {
			T::Ledger::withdraw(Self::owner(), round.program, &who, t.co_payment)?;
		}
		Self::deposit_event(Event::PassGivenUp { round: round_id, tier: pass.tier, citizen });
		let tt = Self::tier_tally(&mut tally, pass.tier)?;
		tt.returned = tt.returned.saturating_add(1);
		tt.refunded = tt.refunded.saturating_add(t.co_payment);
		if round.terms.beacon_round().is_some() {
			Self::release_place(round_id, pass.tier, tt, entries, t.places, now);
		}
		pass.given_up = true;
		Passes::<T>::insert(round_id, citizen, pass);
		// Refunded: the year's slot is free again (not this round: its pass record stays).
		YearSlot::<T>::remove(round.terms.year, citizen);
		Tallies::<T>::insert(round_id, tally);
		Ok(())
	}

	/// `citizen`'s waitlist position in `round` (tier, position), if ranked beyond the places.
	pub(crate) fn waitlist_position(
		round_id: RoundId,
		round: &RoundOf<T>,
		citizen: CitizenId,
	) -> Result<(TierIndex, u32), DispatchError> {
		let (tier, index) = EntryOf::<T>::get(round_id, citizen).ok_or(Error::<T>::NoEntry)?;
		let draw = Draws::<T>::get(round_id).ok_or(Error::<T>::NotLottery)?;
		ensure!(
			matches!(draw.phase, DrawPhase::Drawing | DrawPhase::Drawn),
			Error::<T>::NotWaitlisted
		);
		let t = round.terms.tier(tier).ok_or(DispatchError::Corruption)?;
		let entries = Tallies::<T>::get(round_id)
			.and_then(|tl| tl.tiers.get(usize::from(tier)).map(|c| c.entries))
			.ok_or(DispatchError::Corruption)?;
		let rank = Self::rank_of(draw.seed.as_ref(), tier, entries, t.places, index)
			.ok_or(Error::<T>::NotWaitlisted)?;
		ensure!(rank >= t.places, Error::<T>::NotWaitlisted);
		Ok((tier, rank - t.places))
	}

	pub(crate) fn do_claim_place(
		who: T::AccountId,
		citizen: CitizenId,
		round_id: RoundId,
	) -> DispatchResult {
		let round = Self::active_round(round_id)?;
		ensure!(round.terms.beacon_round().is_some(), Error::<T>::NotLottery);
		let now = T::Time::now();
		ensure!(now < round.terms.spend_until, Error::<T>::SpendWindowOver);
		ensure!(!Passes::<T>::contains_key(round_id, citizen), Error::<T>::NotWaitlisted);
		let (tier, position) = Self::waitlist_position(round_id, &round, citizen)?;
		let offered_at =
			PlaceOffers::<T>::get(round_id, (tier, position)).ok_or(Error::<T>::NoPlaceOffer)?;
		ensure!(
			now < offered_at.saturating_add(T::WaitlistClaimWindow::get()),
			Error::<T>::OfferExpired
		);
		Self::check_claims(citizen, &round).map_err(Error::<T>::from)?;
		// The loser's refund freed the year's slot: a loser who has since taken part in
		// another round this year cannot take a second pass here.
		ensure!(
			!YearSlot::<T>::contains_key(round.terms.year, citizen),
			Error::<T>::AlreadyHasPassThisYear
		);
		let t = round.terms.tier(tier).ok_or(DispatchError::Corruption)?;
		let mut tally = Self::tally(round_id)?;
		let tt = Self::tier_tally(&mut tally, tier)?;
		tt.open_offers = tt.open_offers.saturating_sub(1);
		tt.collected = tt.collected.checked_add(&t.co_payment).ok_or(ArithmeticError::Overflow)?;
		if !t.co_payment.is_zero() {
			T::Ledger::fund_program(Self::owner(), round.program, &who, t.co_payment)?;
		}
		T::Ledger::credit(Self::owner(), round.program, citizen, t.face)?;
		Self::record_pass(round_id, &mut tally, citizen, tier, PassSource::Waitlist)?;
		YearSlot::<T>::insert(round.terms.year, citizen, round_id);
		PlaceOffers::<T>::remove(round_id, (tier, position));
		Tallies::<T>::insert(round_id, tally);
		Self::deposit_event(Event::PlaceClaimed { round: round_id, tier, position, citizen });
		Self::deposit_event(Event::PassIssued { round: round_id, tier, citizen });
		Ok(())
	}

	pub(crate) fn do_lapse_offer(
		round_id: RoundId,
		tier: TierIndex,
		position: u32,
	) -> DispatchResult {
		let round = Self::existing_round(round_id)?;
		let offered_at =
			PlaceOffers::<T>::get(round_id, (tier, position)).ok_or(Error::<T>::NoPlaceOffer)?;
		let now = T::Time::now();
		ensure!(
			now >= offered_at.saturating_add(T::WaitlistClaimWindow::get()),
			Error::<T>::OfferStillLive
		);
		let t = round.terms.tier(tier).ok_or(DispatchError::Corruption)?;
		let mut tally = Self::tally(round_id)?;
		let tt = Self::tier_tally(&mut tally, tier)?;
		tt.open_offers = tt.open_offers.saturating_sub(1);
		PlaceOffers::<T>::remove(round_id, (tier, position));
		Self::deposit_event(Event::OfferLapsed { round: round_id, tier, position });
		let entries = tt.entries;
		Self::release_place(round_id, tier, tt, entries, t.places, now);
		Tallies::<T>::insert(round_id, tally);
		Ok(())
	}

	// ---- Offers and bookings ----

	pub(crate) fn do_designate_offer(round_id: RoundId, terms: OfferTermsOf<T>) -> DispatchResult {
		let round = Self::active_round(round_id)?;
		let now = T::Time::now();
		let OfferTerms { organiser, kind, name, price, seats, date, cancel_until } = terms;
		ensure!(
			!price.is_zero()
				&& (1..=T::MaxSeatsPerOffer::get()).contains(&seats)
				&& now < cancel_until
				&& cancel_until <= date
				&& date <= round.terms.spend_until,
			Error::<T>::InvalidOffer
		);
		let id = NextOfferId::<T>::get();
		let next = id.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		let mut live = LiveOffers::<T>::get();
		live.try_push((date, id)).map_err(|_| Error::<T>::TooManyLiveOffers)?;
		CultureOffers::<T>::insert(
			id,
			CultureOffer {
				round: round_id,
				organiser: organiser.clone(),
				kind,
				name,
				price,
				seats,
				date,
				cancel_until,
				booked: 0,
				next_booking: 0,
				cancelled: 0,
				settled: 0,
				settle_cursor: 0,
			},
		);
		NextOfferId::<T>::put(next);
		LiveOffers::<T>::put(live);
		Self::deposit_event(Event::OfferDesignated { offer: id, round: round_id, organiser });
		Ok(())
	}

	fn existing_offer(offer: OfferId) -> Result<CultureOfferOf<T>, DispatchError> {
		CultureOffers::<T>::get(offer).ok_or_else(|| Error::<T>::UnknownOffer.into())
	}

	pub(crate) fn do_withdraw_offer(offer: OfferId) -> DispatchResult {
		let o = Self::existing_offer(offer)?;
		ensure!(o.next_booking == 0, Error::<T>::OfferBooked);
		CultureOffers::<T>::remove(offer);
		LiveOffers::<T>::mutate(|l| l.retain(|(_, id)| *id != offer));
		Self::deposit_event(Event::OfferWithdrawn { offer });
		Ok(())
	}

	pub(crate) fn do_book(citizen: CitizenId, offer_id: OfferId) -> DispatchResult {
		let mut offer = Self::existing_offer(offer_id)?;
		ensure!(T::Time::now() < offer.date, Error::<T>::BookingClosed);
		let round = Self::existing_round(offer.round)?;
		let pass = Passes::<T>::get(offer.round, citizen).ok_or(Error::<T>::NoPass)?;
		ensure!(!pass.given_up, Error::<T>::PassGivenUp);
		ensure!(offer.booked < offer.seats, Error::<T>::FullyBooked);
		ensure!(!BookingOf::<T>::contains_key(offer_id, citizen), Error::<T>::AlreadyBooked);
		ensure!(
			T::Ledger::balance(round.program, citizen) >= offer.price,
			Error::<T>::InsufficientPass
		);
		let mut booked = PassBookings::<T>::get(offer.round, citizen);
		booked.try_push(offer_id).map_err(|_| Error::<T>::TooManyBookings)?;
		let seq = offer.next_booking;
		offer.next_booking = seq.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		offer.booked = offer.booked.saturating_add(1);
		let hold =
			T::Ledger::hold(Self::owner(), round.program, citizen, &offer.organiser, offer.price)?;
		Bookings::<T>::insert(offer_id, seq, Booking { citizen, hold });
		BookingOf::<T>::insert(offer_id, citizen, seq);
		PassBookings::<T>::insert(offer.round, citizen, booked);
		CultureOffers::<T>::insert(offer_id, offer);
		Self::deposit_event(Event::Booked { offer: offer_id, citizen, hold });
		Ok(())
	}

	pub(crate) fn do_cancel_booking(citizen: CitizenId, offer_id: OfferId) -> DispatchResult {
		let mut offer = Self::existing_offer(offer_id)?;
		let seq = BookingOf::<T>::get(offer_id, citizen).ok_or(Error::<T>::NoBooking)?;
		ensure!(T::Time::now() < offer.cancel_until, Error::<T>::CancelDeadlinePassed);
		let booking = Bookings::<T>::get(offer_id, seq).ok_or(DispatchError::Corruption)?;
		let round = Self::existing_round(offer.round)?;
		T::Ledger::release(Self::owner(), round.program, booking.hold)?;
		Bookings::<T>::remove(offer_id, seq);
		BookingOf::<T>::remove(offer_id, citizen);
		PassBookings::<T>::mutate(offer.round, citizen, |b| b.retain(|o| *o != offer_id));
		offer.booked = offer.booked.saturating_sub(1);
		offer.cancelled = offer.cancelled.saturating_add(1);
		CultureOffers::<T>::insert(offer_id, offer);
		Self::deposit_event(Event::BookingCancelled { offer: offer_id, citizen });
		Ok(())
	}

	pub(crate) fn do_settle_offer(offer_id: OfferId, max: u32) -> Result<u32, DispatchError> {
		let offer = Self::existing_offer(offer_id)?;
		ensure!(T::Time::now() >= offer.date, Error::<T>::NotYetSettleable);
		ensure!(
			LiveOffers::<T>::get().iter().any(|(_, id)| *id == offer_id),
			Error::<T>::NothingToSettle
		);
		Self::settle_steps(offer_id, offer, max)
	}

	/// Settle up to `max` bookings of an offer from its cursor; an offer fully settled leaves
	/// the live list. A settled booking leaves its pass's `PassBookings`.
	///
	/// A settlement the ledger refuses (the organiser suspended for a while, a minimum-balance
	/// error: obstacles of the organiser or the program, not of one booking) is **not**
	/// released to the youth: the step stops there, the booking stays held and the cursor on
	/// it, so a later `settle_offer` or `on_idle` retries it until the organiser is paid. If
	/// the refused settlement is the step's first, the step fails with the ledger's error
	/// (nothing changes). Only a hold the ledger no longer knows (nothing left to pay) is
	/// dropped, counted as cancelled.
	pub(crate) fn settle_steps(
		offer_id: OfferId,
		mut offer: CultureOfferOf<T>,
		max: u32,
	) -> Result<u32, DispatchError> {
		let program = Self::existing_round(offer.round)?.program;
		let mut done = 0u32;
		while done < max && offer.settle_cursor < offer.next_booking {
			let seq = offer.settle_cursor;
			if let Some(booking) = Bookings::<T>::get(offer_id, seq) {
				if T::Ledger::held(program, booking.hold).is_none() {
					offer.booked = offer.booked.saturating_sub(1);
					offer.cancelled = offer.cancelled.saturating_add(1);
				} else if let Err(e) = T::Ledger::settle(Self::owner(), program, booking.hold) {
					if done == 0 {
						return Err(e);
					}
					break;
				} else {
					offer.settled = offer.settled.saturating_add(1);
				}
				Bookings::<T>::remove(offer_id, seq);
				PassBookings::<T>::mutate(offer.round, booking.citizen, |b| {
					b.retain(|o| *o != offer_id)
				});
			}
			offer.settle_cursor = seq.saturating_add(1);
			done = done.saturating_add(1);
		}
		let complete = offer.settle_cursor >= offer.next_booking;
		if complete {
			LiveOffers::<T>::mutate(|l| l.retain(|(_, id)| *id != offer_id));
		}
		Self::deposit_event(Event::OfferSettled {
			offer: offer_id,
			settled: offer.settled,
			complete,
		});
		CultureOffers::<T>::insert(offer_id, offer);
		Ok(done)
	}

	// ---- Taking back ----

	pub(crate) fn do_reclaim(round_id: RoundId, max: u32) -> Result<u32, DispatchError> {
		let round = Self::existing_round(round_id)?;
		ensure!(T::Time::now() >= round.terms.spend_until, Error::<T>::NotYetReclaimable);
		ensure!(LiveRounds::<T>::get().contains(&round_id), Error::<T>::NothingToSettle);
		if let Some(draw) = Draws::<T>::get(round_id) {
			ensure!(
				matches!(draw.phase, DrawPhase::Drawn | DrawPhase::Abandoned),
				Error::<T>::DrawNotOver
			);
		}
		Self::reclaim_steps(round_id, &round, max)
	}

	/// Take back up to `max` passes from the sweep's cursor; a round fully swept leaves the
	/// live list.
	pub(crate) fn reclaim_steps(
		round_id: RoundId,
		round: &RoundOf<T>,
		max: u32,
	) -> Result<u32, DispatchError> {
		let mut tally = Self::tally(round_id)?;
		let mut done = 0u32;
		let mut amount = T::Balance::zero();
		while done < max && tally.reclaim_cursor < tally.passes {
			let seq = tally.reclaim_cursor;
			if let Some(citizen) = PassIndex::<T>::get(round_id, seq) {
				let tier = Passes::<T>::get(round_id, citizen).map(|p| p.tier);
				if let (Ok(back), Some(tier)) =
					(T::Ledger::expire(Self::owner(), round.program, citizen), tier)
				{
					let tt = Self::tier_tally(&mut tally, tier)?;
					tt.reclaimed = tt.reclaimed.saturating_add(back);
					amount = amount.saturating_add(back);
				}
			}
			tally.reclaim_cursor = seq.saturating_add(1);
			done = done.saturating_add(1);
		}
		let complete = tally.reclaim_cursor >= tally.passes;
		if complete {
			LiveRounds::<T>::mutate(|l| l.retain(|r| *r != round_id));
		}
		Tallies::<T>::insert(round_id, tally);
		Self::deposit_event(Event::Reclaimed { round: round_id, passes: done, amount, complete });
		Ok(done)
	}

	// ---- on_idle ----

	/// How many items of weight `per` (after `base`) fit in `available`, at most `cap`.
	fn affordable(available: Weight, base: Weight, per: Weight, cap: u32) -> u32 {
		let Some(room) = available.checked_sub(&base) else { return 0 };
		let by = |room: u64, per: u64| room.checked_div(per).unwrap_or(u64::MAX);
		let n = by(room.ref_time(), per.ref_time()).min(by(room.proof_size(), per.proof_size()));
		u32::try_from(n).unwrap_or(u32::MAX).min(cap)
	}

	/// Freeze, draw, settle and take back as far as `remaining` allows.
	pub(crate) fn do_idle(remaining: Weight) -> Weight {
		let db = T::DbWeight::get();
		let mut used = db.reads(2);
		if remaining.any_lt(used) {
			return Weight::zero();
		}
		let now = T::Time::now();
		for round_id in LiveRounds::<T>::get() {
			let next = used.saturating_add(db.reads(2));
			if remaining.any_lt(next) {
				return used;
			}
			used = next;
			let Some(mut round) = Rounds::<T>::get(round_id) else { continue };
			let mut draw_over = true;
			if let Some(mut draw) = Draws::<T>::get(round_id) {
				let base = T::WeightInfo::draw(0);
				let per = T::WeightInfo::draw(1).saturating_sub(base);
				let room = remaining.saturating_sub(used);
				if draw.phase == DrawPhase::Entering && now >= round.terms.entry_closes {
					if room.any_lt(base) {
						return used;
					}
					if let Some(tally) = Tallies::<T>::get(round_id) {
						Self::maybe_freeze(round_id, &round, &mut draw, &tally, now);
						Draws::<T>::insert(round_id, draw.clone());
					}
					used = used.saturating_add(base);
				}
				if matches!(draw.phase, DrawPhase::Drawing | DrawPhase::Abandoning) {
					let room = remaining.saturating_sub(used);
					let steps = Self::affordable(room, base, per, T::MaxDrawStepsPerCall::get());
					if steps == 0 {
						return used;
					}
					let result = with_storage_layer(|| {
						let mut tally = Self::tally(round_id)?;
						Self::draw_steps(round_id, &mut round, &mut draw, &mut tally, steps)
					});
					used = used.saturating_add(T::WeightInfo::draw(result.unwrap_or(steps)));
					if result.is_err() {
						continue;
					}
				}
				draw_over = matches!(draw.phase, DrawPhase::Drawn | DrawPhase::Abandoned);
			}
			if draw_over && now >= round.terms.spend_until {
				let base = T::WeightInfo::reclaim(0);
				let per = T::WeightInfo::reclaim(1).saturating_sub(base);
				let room = remaining.saturating_sub(used);
				let steps = Self::affordable(room, base, per, T::MaxReclaimsPerBlock::get());
				if steps == 0 {
					return used;
				}
				let result = with_storage_layer(|| Self::reclaim_steps(round_id, &round, steps));
				used = used.saturating_add(T::WeightInfo::reclaim(result.unwrap_or(steps)));
			}
		}
		for (date, offer_id) in LiveOffers::<T>::get() {
			if date > now {
				continue;
			}
			let read = used.saturating_add(db.reads(1));
			let base = T::WeightInfo::settle_offer(0);
			let per = T::WeightInfo::settle_offer(1).saturating_sub(base);
			let room = remaining.saturating_sub(read);
			let steps = Self::affordable(room, base, per, T::MaxSettlementsPerCall::get());
			if steps == 0 {
				return used;
			}
			used = read;
			let Some(offer) = CultureOffers::<T>::get(offer_id) else { continue };
			let result = with_storage_layer(|| Self::settle_steps(offer_id, offer, steps));
			// A refused settlement fails the step at its first booking: one settlement tried.
			used = used.saturating_add(T::WeightInfo::settle_offer(result.unwrap_or(1)));
		}
		used
	}

	// ---- Invariants ----

	/// Per round: a tally with one counter per tier; a lottery's keeping account holds at
	/// least its deposit plus the co-payments of the entries the draw has not reached and the
	/// refunds waiting (nothing is lost; more only if someone donated); entry, pass,
	/// pass-index and offer counts agree with the stored records; entrants not yet drawn and
	/// holders of a pass hold the year's slot of this round; passes held, open offers and
	/// vacant places never exceed the places. Per offer: seats taken within the seats;
	/// bookings stored agree with the counters.
	#[cfg(any(feature = "try-runtime", feature = "std"))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		for (id, round) in Rounds::<T>::iter() {
			let tally = Tallies::<T>::get(id).ok_or("a round without a tally")?;
			let tiers = round.terms.tiers.len();
			ensure!(tally.tiers.len() == tiers, "a tally's tiers differ from its round's");
			let draw = Draws::<T>::get(id);
			// Whether the draw has reached entry (tier, index): its slot may be freed then.
			let reached = |tier: TierIndex, index: u32| {
				draw.as_ref().is_some_and(|d| match d.phase {
					DrawPhase::Entering | DrawPhase::AwaitingBeacon => false,
					_ => (tier, index) < (d.cursor.tier, d.cursor.index),
				})
			};
			let mut entries = alloc::vec![0u32; tiers];
			for ((tier, index), entry) in Entries::<T>::iter_prefix(id) {
				*entries.get_mut(usize::from(tier)).ok_or("an entry of no tier")? += 1;
				ensure!(
					EntryOf::<T>::get(id, entry.citizen) == Some((tier, index)),
					"an entry and its citizen's index disagree"
				);
				ensure!(
					reached(tier, index)
						|| YearSlot::<T>::get(round.terms.year, entry.citizen) == Some(id),
					"an entrant not yet drawn without the year's slot"
				);
			}
			ensure!(
				EntryOf::<T>::iter_prefix(id).count() == entries.iter().sum::<u32>() as usize,
				"entry index out of step"
			);
			let mut issued = alloc::vec![0u32; tiers];
			let mut returned = alloc::vec![0u32; tiers];
			for (citizen, pass) in Passes::<T>::iter_prefix(id) {
				*issued.get_mut(usize::from(pass.tier)).ok_or("a pass of no tier")? += 1;
				if pass.given_up {
					returned[usize::from(pass.tier)] += 1;
				} else {
					ensure!(
						YearSlot::<T>::get(round.terms.year, citizen) == Some(id),
						"a holder without the year's slot"
					);
				}
			}
			ensure!(
				PassIndex::<T>::iter_prefix(id).count() == tally.passes as usize,
				"pass index out of step"
			);
			let mut offers = alloc::vec![0u32; tiers];
			for ((tier, _), _) in PlaceOffers::<T>::iter_prefix(id) {
				*offers.get_mut(usize::from(tier)).ok_or("an offer of no tier")? += 1;
			}
			for (i, (t, c)) in round.terms.tiers.iter().zip(tally.tiers.iter()).enumerate() {
				ensure!(c.entries == entries[i], "entries per tier out of step");
				ensure!(c.issued == issued[i], "passes issued out of step");
				ensure!(c.returned == returned[i], "passes returned out of step");
				ensure!(c.open_offers == offers[i], "open offers out of step");
				ensure!(
					c.live().saturating_add(c.open_offers).saturating_add(c.vacant) <= t.places,
					"more passes, offers and vacancies than places"
				);
				ensure!(
					c.winners.saturating_add(c.declined) <= t.places,
					"more winners than places"
				);
			}
			if let Some(draw) = draw {
				let mut pending = T::Balance::zero();
				let unreached = |i: usize, n: u32| -> u32 {
					match draw.phase {
						DrawPhase::Entering | DrawPhase::AwaitingBeacon => n,
						_ if i < usize::from(draw.cursor.tier) => 0,
						_ if i == usize::from(draw.cursor.tier) => {
							n.saturating_sub(draw.cursor.index)
						}
						_ => n,
					}
				};
				// Per tier, what entered the keeping account (every entry's co-payment) left it
				// to the program (winners), back to entrants (refunds, except those of passes
				// given up, which the program pays), or is still there: not yet drawn, or a
				// refund nobody could receive.
				let mut failed = T::Balance::zero();
				for (i, (t, c)) in round.terms.tiers.iter().zip(tally.tiers.iter()).enumerate() {
					let co = t.co_payment;
					let unreached_here = co * T::Balance::from(unreached(i, c.entries));
					pending += unreached_here;
					let entered = co * T::Balance::from(c.entries);
					let to_program = co * T::Balance::from(c.winners);
					let keeping_refunds =
						c.refunded.saturating_sub(co * T::Balance::from(c.returned));
					let left = to_program + keeping_refunds + unreached_here;
					ensure!(left <= entered, "more left the keeping account than entered");
					failed += entered - left;
					let claimed = co * T::Balance::from(c.issued.saturating_sub(c.winners));
					ensure!(c.collected == entered + claimed, "co-payments collected out of step");
				}
				let unrefunded = Unrefunded::<T>::iter_prefix(id)
					.fold(T::Balance::zero(), |a, (_, b)| a.saturating_add(b));
				ensure!(failed == unrefunded, "failed refunds out of step with Unrefunded");
				// At least: anyone may donate to the keeping account (the extra leaves with the
				// deposit).
				let keeping = T::Currency::balance(&Self::keeping_account(id));
				ensure!(
					keeping >= round.keeping_deposit + pending + failed,
					"keeping account < deposit + co-payments not yet drawn (+ failed refunds)"
				);
				if usize::from(draw.cursor.tier) > tiers {
					return Err("draw cursor beyond the tiers".into());
				}
			}
		}
		for (id, offer) in CultureOffers::<T>::iter() {
			ensure!(offer.booked <= offer.seats, "more seats taken than the offer has");
			ensure!(
				offer.next_booking == offer.booked + offer.cancelled,
				"bookings made != taken + cancelled"
			);
			let stored = Bookings::<T>::iter_prefix(id).count() as u32;
			ensure!(stored == offer.booked - offer.settled, "stored bookings out of step");
		}
		Ok(())
	}
}
