//! What wallets, box offices and the city's dashboards read: rounds, an entrant's rank and
//! waitlist position, a pass, the offers open now, a draw's progress, the reports. Nothing
//! here writes.

use super::*;
use frame_support::traits::{Get, Time};
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
	/// Where `round` stands at `now`.
	fn phase(round: &RoundOf<T>, now: Moment) -> RoundPhase {
		if round.status == RoundStatus::Cancelled {
			RoundPhase::Cancelled
		} else if now >= round.terms.spend_until {
			RoundPhase::Expired
		} else if now < round.terms.entry_opens {
			RoundPhase::Upcoming
		} else if now < round.terms.entry_closes {
			RoundPhase::Open
		} else {
			RoundPhase::Closed
		}
	}

	/// Round `id` as served: terms, phase, counters and places left per tier.
	pub fn round(id: RoundId) -> Option<RoundView<T::Balance>> {
		let r = Rounds::<T>::get(id)?;
		let tally = Tallies::<T>::get(id)?;
		let draw = Draws::<T>::get(id);
		let now = T::Time::now();
		let tiers = r
			.terms
			.tiers
			.iter()
			.zip(tally.tiers.iter())
			.map(|(t, c)| {
				let taken = c.live().saturating_add(c.open_offers);
				let places_left = match draw.as_ref().map(|d| d.phase) {
					// Before the draw is over a lottery's places are not given yet.
					Some(DrawPhase::Entering | DrawPhase::AwaitingBeacon) => t.places,
					_ => t.places.saturating_sub(taken),
				};
				TierView {
					face: t.face,
					co_payment: t.co_payment,
					places: t.places,
					entries: c.entries,
					passes: c.live(),
					places_left,
				}
			})
			.collect();
		Some(RoundView {
			id,
			year: r.terms.year,
			name: r.terms.name.clone().into(),
			tiers,
			mode: r.terms.mode,
			excluded_round: r.terms.excluded_round,
			entry_opens: r.terms.entry_opens,
			entry_closes: r.terms.entry_closes,
			spend_until: r.terms.spend_until,
			beacon_time: r.terms.beacon_round().and_then(Self::beacon_time),
			program: r.program,
			phase: Self::phase(&r, now),
			draw: draw.map(|d| d.phase),
			commitment: tally.commitment(),
		})
	}

	/// Every round, by id (a few a year).
	pub fn rounds() -> alloc::vec::Vec<RoundView<T::Balance>> {
		(0..NextRoundId::<T>::get()).filter_map(Self::round).collect()
	}

	/// `citizen`'s pass in `round`, with its balance now and its bookings.
	pub fn pass_of(round: RoundId, citizen: CitizenId) -> Option<PassStatus<T::Balance>> {
		let r = Rounds::<T>::get(round)?;
		let pass = Passes::<T>::get(round, citizen)?;
		let face = r.terms.tier(pass.tier)?.face;
		Some(PassStatus {
			round,
			citizen,
			tier: pass.tier,
			source: pass.source,
			given_up: pass.given_up,
			face,
			balance: T::Ledger::balance(r.program, citizen),
			spend_until: r.terms.spend_until,
			bookings: PassBookings::<T>::get(round, citizen).into_inner(),
		})
	}

	/// The pass of the citizen `account` is bound to, in `round`.
	pub fn pass_status(account: &T::AccountId, round: RoundId) -> Option<PassStatus<T::Balance>> {
		let citizen = T::Citizens::citizen_of(account)?;
		Self::pass_of(round, citizen)
	}

	/// The lottery entry of `citizen` in `round`: tier and index, the rank and waitlist
	/// position once the draw has a seed (or needs none), the pass, a live offer of a place.
	pub fn entry_of(round: RoundId, citizen: CitizenId) -> Option<EntryStatus<T::Balance>> {
		let r = Rounds::<T>::get(round)?;
		let (tier, index) = EntryOf::<T>::get(round, citizen)?;
		let t = r.terms.tier(tier)?;
		let entries = Tallies::<T>::get(round)?.tiers.get(usize::from(tier))?.entries;
		let draw = Draws::<T>::get(round)?;
		let rank = match draw.phase {
			DrawPhase::Drawing | DrawPhase::Drawn => {
				Self::rank_of(draw.seed.as_ref(), tier, entries, t.places, index)
			}
			_ => None,
		};
		let waitlist_position = rank.and_then(|rank| rank.checked_sub(t.places));
		let offer = waitlist_position.and_then(|p| {
			PlaceOffers::<T>::get(round, (tier, p)).map(|offered_at| PlaceOfferView {
				offered_at,
				claim_until: offered_at.saturating_add(T::WaitlistClaimWindow::get()),
			})
		});
		Some(EntryStatus {
			citizen,
			tier,
			index,
			entries,
			places: t.places,
			rank,
			waitlist_position,
			pass: Self::pass_of(round, citizen),
			offer,
		})
	}

	/// [`Self::entry_of`] for the citizen `account` is bound to.
	pub fn entry_status(round: RoundId, account: &T::AccountId) -> Option<EntryStatus<T::Balance>> {
		let citizen = T::Citizens::citizen_of(account)?;
		Self::entry_of(round, citizen)
	}

	/// Offer `id` as served.
	pub fn offer(id: OfferId) -> Option<OfferView<T::AccountId, T::Balance>> {
		let o = CultureOffers::<T>::get(id)?;
		Some(OfferView {
			id,
			round: o.round,
			organiser: o.organiser,
			kind: o.kind,
			name: o.name.into(),
			price: o.price,
			seats: o.seats,
			seats_left: o.seats.saturating_sub(o.booked),
			date: o.date,
			cancel_until: o.cancel_until,
			booked: o.booked,
			cancelled: o.cancelled,
			settled: o.settled,
		})
	}

	/// Offers that can be booked now (their date not come), from the live list.
	pub fn open_offers() -> alloc::vec::Vec<OfferView<T::AccountId, T::Balance>> {
		let now = T::Time::now();
		LiveOffers::<T>::get()
			.into_iter()
			.filter(|(date, _)| now < *date)
			.filter_map(|(_, id)| Self::offer(id))
			.collect()
	}

	/// A lottery's progress and what its next step will do.
	pub fn draw_progress(round: RoundId) -> Option<DrawProgress> {
		let r = Rounds::<T>::get(round)?;
		let draw = Draws::<T>::get(round)?;
		let tally = Tallies::<T>::get(round)?;
		let now = T::Time::now();
		let total = tally.tiers.iter().fold(0u32, |n, t| n.saturating_add(t.entries));
		let next = match draw.phase {
			DrawPhase::Entering if now < r.terms.entry_closes => NextStep::WaitForEntriesToClose,
			DrawPhase::Entering => NextStep::Freeze,
			DrawPhase::AwaitingBeacon => {
				let beacon_round = r.terms.beacon_round()?;
				let beacon_time = Self::beacon_time(beacon_round)?;
				NextStep::FeedBeacon {
					beacon_round,
					beacon_time,
					abandon_from: beacon_time.saturating_add(T::BeaconGrace::get()),
				}
			}
			DrawPhase::Drawing | DrawPhase::Abandoning => NextStep::Step,
			DrawPhase::Drawn | DrawPhase::Abandoned => NextStep::Done,
		};
		Some(DrawProgress {
			phase: draw.phase,
			cursor: draw.cursor,
			processed: draw.processed,
			total,
			seed: draw.seed,
			commitment: tally.commitment(),
			next,
		})
	}

	/// A round's report: per tier the counters, in all the co-payments collected and
	/// refunded, the value taken back, the sweep's progress, the program's free budget.
	pub fn report(round: RoundId) -> Option<RoundReportView<T::Balance>> {
		let r = Rounds::<T>::get(round)?;
		let tally = Tallies::<T>::get(round)?;
		let tiers: alloc::vec::Vec<_> = r
			.terms
			.tiers
			.iter()
			.zip(tally.tiers.iter())
			.map(|(t, c)| TierReport {
				face: t.face,
				co_payment: t.co_payment,
				places: t.places,
				tally: *c,
			})
			.collect();
		let sum = |f: fn(&TierTally<T::Balance>) -> T::Balance| {
			tally.tiers.iter().fold(T::Balance::default(), |a, c| a.saturating_add(f(c)))
		};
		Some(RoundReportView {
			round,
			program: r.program,
			collected: sum(|c| c.collected),
			refunded: sum(|c| c.refunded),
			reclaimed: sum(|c| c.reclaimed),
			tiers,
			passes_swept: tally.reclaim_cursor,
			passes_indexed: tally.passes,
			free_budget: T::Ledger::free_budget(r.program),
		})
	}

	/// What `citizen` would pay to buy (first come) or enter (lottery) `tier` of `round` now,
	/// or the [`Refusal`] the call would fail with.
	pub fn quote(
		citizen: CitizenId,
		round: RoundId,
		tier: TierIndex,
	) -> Result<T::Balance, Refusal> {
		let lottery =
			Rounds::<T>::get(round).ok_or(Refusal::UnknownRound)?.terms.beacon_round().is_some();
		let now = T::Time::now();
		let (_, t) = Self::eligibility(citizen, round, tier, now, lottery)?;
		if !lottery {
			let live = Tallies::<T>::get(round)
				.and_then(|tl| tl.tiers.get(usize::from(tier)).map(|c| c.live()))
				.unwrap_or_default();
			if live >= t.places {
				return Err(Refusal::SoldOut);
			}
		}
		Ok(t.co_payment)
	}

	/// [`Self::quote`] for the citizen `account` acts for.
	pub fn quote_for(
		account: &T::AccountId,
		round: RoundId,
		tier: TierIndex,
	) -> Result<T::Balance, Refusal> {
		let citizen = T::Citizens::citizen_of(account).ok_or(Refusal::NotCitizen)?;
		Self::quote(citizen, round, tier)
	}
}
