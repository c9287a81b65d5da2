//! Benchmarks: each call on its most expensive path, each asserting its outcome. The draw,
//! settlement and take-back steps are linear in the entries (bookings, passes) processed;
//! `on_idle` spends those same weights.

use super::*;
use alloc::vec::Vec;
use citizen_primitives::{ClaimValue, DAY};
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	EnsureOrigin, Get, Time,
};
use frame_system::RawOrigin;
use sp_runtime::traits::StaticLookup;

fn admin<T: Config>() -> T::RuntimeOrigin {
	T::AdminOrigin::try_successful_origin().expect("admin origin for benchmarks")
}

fn set_now<T: Config>(now: Moment) {
	<T::BenchmarkClock as citizen_primitives::BenchmarkClock>::set_now(now);
}

fn money<T: Config>(n: u32) -> T::Balance {
	T::Balance::from(n)
}

/// The benchmarks' beacon round (a real dev-beacon round) and its times: entries open ten
/// days before they close, close `MinBeaconDelay` before the beacon, passes are spendable
/// for 100 days after the grace.
struct Times {
	beacon_round: u64,
	signature: BeaconSignature,
	opens: Moment,
	closes: Moment,
	beacon: Moment,
	spend_until: Moment,
}

fn times<T: Config>() -> Times {
	Beacon::<T>::put(BeaconInfo::DEV);
	let (beacon_round, signature) = T::BenchmarkHelper::beacon();
	let beacon = BeaconInfo::DEV.round_time_ms(beacon_round).expect("a round after genesis");
	let closes = beacon - T::MinBeaconDelay::get();
	Times {
		beacon_round,
		signature,
		opens: closes - 10 * DAY,
		closes,
		beacon,
		spend_until: beacon + T::BeaconGrace::get() + 100 * DAY,
	}
}

/// A treasury with money for many rounds.
fn treasury<T: Config>() -> T::AccountId {
	let treasury: T::AccountId = account("treasury", 0, 0);
	T::BenchmarkHelper::fund_account(&treasury, money::<T>(u32::MAX));
	Treasury::<T>::put(&treasury);
	treasury
}

fn longest_name<T: Config>() -> NameOf<T> {
	let bytes = alloc::vec![b'x'; T::MaxNameLength::get() as usize];
	LocalizedName::truncate_from(bytes.clone(), bytes)
}

/// Worst-case terms of `year`: `MaxTiers` tiers, tier 0 with `places` places (the others
/// ten), co-payments of 10,000 for 100,000; the longest name.
fn terms<T: Config>(
	year: Year,
	lottery: bool,
	places: u32,
	excluded: Option<RoundId>,
) -> RoundTermsOf<T> {
	let t = times::<T>();
	let tiers: Vec<_> = (0..T::MaxTiers::get())
		.map(|i| Tier {
			face: money::<T>(100_000),
			co_payment: money::<T>(10_000),
			places: if i == 0 { places.max(1) } else { 10 },
		})
		.collect();
	RoundTerms {
		year,
		name: longest_name::<T>(),
		tiers: BoundedVec::truncate_from(tiers),
		mode: if lottery {
			Mode::Lottery { beacon_round: t.beacon_round }
		} else {
			Mode::FirstCome
		},
		excluded_round: excluded,
		entry_opens: t.opens,
		entry_closes: t.closes,
		spend_until: t.spend_until,
	}
}

use frame_support::BoundedVec;

/// Open a round (after last year's, excluded), entries open now; its id.
fn round<T: Config>(lottery: bool, places: u32) -> RoundId {
	let t = times::<T>();
	set_now::<T>(t.opens - DAY);
	treasury::<T>();
	Pallet::<T>::do_open_round(terms::<T>(2025, false, 1, None)).expect("last year");
	let id = NextRoundId::<T>::get();
	Pallet::<T>::do_open_round(terms::<T>(2026, lottery, places, Some(id - 1))).expect("valid");
	set_now::<T>(t.opens);
	id
}

/// Youth `i`: a young resident with money.
fn youth<T: Config>(i: u32) -> (T::AccountId, CitizenId) {
	let who: T::AccountId = account("youth", i, 0);
	let t = times::<T>();
	let citizen = <T::Citizens as BenchmarkCitizens<T::AccountId>>::benchmark_citizen(
		&who,
		&[ClaimValue::YouthAgeBand, ClaimValue::Resident { zone: 1, since: 0 }],
		t.spend_until + 365 * DAY,
	)
	.expect("a citizen");
	T::BenchmarkHelper::fund_account(&who, money::<T>(1_000_000));
	(who, citizen)
}

/// `n` youths (from `from`) enter tier 0.
fn enter_n<T: Config>(id: RoundId, from: u32, n: u32) -> Vec<(T::AccountId, CitizenId)> {
	(from..from + n)
		.map(|i| {
			let (who, c) = youth::<T>(i);
			Pallet::<T>::do_enter(who.clone(), c, id, 0).expect("entered");
			(who, c)
		})
		.collect()
}

/// Close the entries and feed the beacon.
fn seeded<T: Config>(id: RoundId) {
	let t = times::<T>();
	set_now::<T>(t.beacon);
	Pallet::<T>::do_feed_beacon(id, t.signature).expect("a valid beacon");
}

/// A drawn lottery: `places + waitlist` entries in tier 0 of `places` places.
fn drawn<T: Config>(places: u32, waitlist: u32) -> (RoundId, Vec<(T::AccountId, CitizenId)>) {
	let id = round::<T>(true, places);
	let entrants = enter_n::<T>(id, 0, places + waitlist);
	seeded::<T>(id);
	while Draws::<T>::get(id).is_some_and(|d| d.phase == DrawPhase::Drawing) {
		Pallet::<T>::do_draw(id, 100).expect("draws");
	}
	(id, entrants)
}

/// The entrant at waitlist position `p` of tier 0.
fn at_position<T: Config>(
	id: RoundId,
	entrants: &[(T::AccountId, CitizenId)],
	places: u32,
	p: u32,
) -> (T::AccountId, CitizenId) {
	let seed = Draws::<T>::get(id).and_then(|d| d.seed).expect("seeded");
	let n = entrants.len() as u32;
	let index = citizen_drand::draw::entry_at(&Pallet::<T>::tier_seed(&seed, 0), n, places + p)
		.expect("on the waitlist");
	entrants[index as usize].clone()
}

/// A winner of tier 0.
fn a_winner<T: Config>(
	id: RoundId,
	entrants: &[(T::AccountId, CitizenId)],
) -> (T::AccountId, CitizenId) {
	entrants
		.iter()
		.find(|(_, c)| Passes::<T>::get(id, c).is_some_and(|p| !p.given_up))
		.cloned()
		.expect("a winner")
}

/// An offer of round `id` with `seats` seats; its id.
fn offer<T: Config>(id: RoundId, seats: u32, price: u32) -> OfferId {
	let t = times::<T>();
	let organiser: T::AccountId = account("organiser", 0, 0);
	T::BenchmarkHelper::register_merchant(&organiser);
	let offer = NextOfferId::<T>::get();
	Pallet::<T>::do_designate_offer(
		id,
		OfferTerms {
			organiser,
			kind: OfferKind::Performance,
			name: longest_name::<T>(),
			price: money::<T>(price),
			seats,
			date: t.spend_until - 10 * DAY,
			cancel_until: t.spend_until - 20 * DAY,
		},
	)
	.expect("an offer");
	offer
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Worst case: a lottery of `MaxTiers` tiers excluding last year's round; the program
	/// opened and funded; the keeping account's deposit.
	#[benchmark]
	fn open_round() {
		let t = times::<T>();
		set_now::<T>(t.opens - DAY);
		treasury::<T>();
		Pallet::<T>::do_open_round(terms::<T>(2025, false, 1, None)).expect("last year");
		let terms = terms::<T>(2026, true, 10, Some(0));
		#[extrinsic_call]
		_(admin::<T>() as T::RuntimeOrigin, terms);
		let r = Rounds::<T>::get(1).expect("opened");
		assert_eq!(r.terms.tiers.len() as u32, T::MaxTiers::get());
		assert_eq!(Draws::<T>::get(1).map(|d| d.phase), Some(DrawPhase::Entering));
	}

	/// Worst case: a lottery (its budget withdrawn, its keeping deposit returned).
	#[benchmark]
	fn cancel_round() {
		let id = round::<T>(true, 10);
		let t = times::<T>();
		set_now::<T>(t.opens - DAY);
		#[extrinsic_call]
		_(admin::<T>() as T::RuntimeOrigin, id);
		assert_eq!(Rounds::<T>::get(id).map(|r| r.status), Some(RoundStatus::Cancelled));
		assert_eq!(
			T::Ledger::free_budget(Rounds::<T>::get(id).expect("a round").program),
			0u32.into()
		);
	}

	/// Worst case: every live-round slot taken (each keeping account compared), and what
	/// tells other services' accounts reads the most it can.
	#[benchmark]
	fn set_treasury() {
		let treasury: T::AccountId = account("treasury", 1, 0);
		T::OthersMoney::set_up_worst_case();
		#[extrinsic_call]
		_(admin::<T>() as T::RuntimeOrigin, T::Lookup::unlookup(treasury.clone()));
		assert_eq!(Treasury::<T>::get(), Some(treasury));
	}

	#[benchmark]
	fn designate_offer() {
		let id = round::<T>(false, 10);
		let t = times::<T>();
		let organiser: T::AccountId = account("organiser", 0, 0);
		#[extrinsic_call]
		_(
			admin::<T>() as T::RuntimeOrigin,
			id,
			OfferTerms {
				organiser,
				kind: OfferKind::Festival,
				name: longest_name::<T>(),
				price: money::<T>(30_000),
				seats: T::MaxSeatsPerOffer::get(),
				date: t.spend_until - 10 * DAY,
				cancel_until: t.spend_until - 20 * DAY,
			},
		);
		assert!(CultureOffers::<T>::get(0).is_some());
	}

	#[benchmark]
	fn withdraw_offer() {
		let id = round::<T>(false, 10);
		let o = offer::<T>(id, 10, 30_000);
		#[extrinsic_call]
		_(admin::<T>() as T::RuntimeOrigin, o);
		assert!(CultureOffers::<T>::get(o).is_none());
	}

	/// Worst case: last year's round excluded (its pass read), the co-payment into the program
	/// and the pass credited.
	#[benchmark]
	fn buy() {
		let id = round::<T>(false, 10);
		let (who, citizen) = youth::<T>(0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who), id, 0);
		let program = Rounds::<T>::get(id).expect("a round").program;
		assert_eq!(T::Ledger::balance(program, citizen), money::<T>(100_000));
	}

	/// Worst case: last year's round excluded, the tier already holding entries.
	#[benchmark]
	fn enter() {
		let id = round::<T>(true, 10);
		enter_n::<T>(id, 1, 3);
		let (who, citizen) = youth::<T>(0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who), id, 0);
		assert_eq!(EntryOf::<T>::get(id, citizen), Some((0, 3)));
	}

	/// Worst case: a drawn lottery's winner gives back: the pass expired, the co-payment
	/// withdrawn, the place offered to the waitlist.
	#[benchmark]
	fn give_up() {
		let (id, entrants) = drawn::<T>(2, 2);
		let (who, citizen) = a_winner::<T>(id, &entrants);
		#[extrinsic_call]
		_(RawOrigin::Signed(who), id);
		assert!(Passes::<T>::get(id, citizen).is_some_and(|p| p.given_up));
		assert!(PlaceOffers::<T>::get(id, (0, 0)).is_some());
	}

	/// The first waitlist position claims the place offered to it.
	#[benchmark]
	fn claim_place() {
		let (id, entrants) = drawn::<T>(2, 2);
		let (winner, citizen) = a_winner::<T>(id, &entrants);
		Pallet::<T>::do_give_up(winner, citizen, id).expect("given up");
		let (who, claimant) = at_position::<T>(id, &entrants, 2, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who), id);
		assert_eq!(Passes::<T>::get(id, claimant).map(|p| p.source), Some(PassSource::Waitlist));
	}

	/// Worst case: the pass already holds `MaxBookingsPerPass - 1` bookings.
	#[benchmark]
	fn book() {
		let id = round::<T>(false, 10);
		let (who, citizen) = youth::<T>(0);
		Pallet::<T>::do_buy(who.clone(), citizen, id, 0).expect("bought");
		for _ in 1..T::MaxBookingsPerPass::get() {
			let o = offer::<T>(id, 10, 1_000);
			Pallet::<T>::do_book(citizen, o).expect("booked");
		}
		let o = offer::<T>(id, 10, 1_000);
		#[extrinsic_call]
		_(RawOrigin::Signed(who), o);
		assert!(BookingOf::<T>::get(o, citizen).is_some());
	}

	/// Worst case: the pass holds `MaxBookingsPerPass` bookings.
	#[benchmark]
	fn cancel_booking() {
		let id = round::<T>(false, 10);
		let (who, citizen) = youth::<T>(0);
		Pallet::<T>::do_buy(who.clone(), citizen, id, 0).expect("bought");
		let mut last = 0;
		for _ in 0..T::MaxBookingsPerPass::get() {
			last = offer::<T>(id, 10, 1_000);
			Pallet::<T>::do_book(citizen, last).expect("booked");
		}
		#[extrinsic_call]
		_(RawOrigin::Signed(who), last);
		assert!(BookingOf::<T>::get(last, citizen).is_none());
	}

	/// Worst case: the entries frozen in the call, then a real BLS signature verified.
	#[benchmark]
	fn feed_beacon() {
		let id = round::<T>(true, 1);
		enter_n::<T>(id, 0, 3);
		let t = times::<T>();
		set_now::<T>(t.beacon);
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, t.signature);
		let d = Draws::<T>::get(id).expect("a draw");
		assert_eq!(d.phase, DrawPhase::Drawing);
		assert!(d.seed.is_some());
	}

	/// `n` entries drawn in one step: tier 0 has `n` places and `n + 1` entries, so nearly
	/// every entry takes the heavier winner's path (rank by the permutation, the citizen ID's
	/// existence read, pass credited and recorded), and the step ends by moving the winners'
	/// co-payments into the program. A refunded entry (loser, declined, abandoned) costs a
	/// transfer plus one `YearSlot` remove instead, lighter than a winner's credit and two
	/// records; eligibility (claims, suspension) is not re-checked at the draw.
	#[benchmark]
	fn draw(n: Linear<0, { T::MaxDrawStepsPerCall::get() }>) {
		let id = round::<T>(true, n);
		enter_n::<T>(id, 0, n.max(1) + 1);
		seeded::<T>(id);
		#[block]
		{
			Pallet::<T>::do_draw(id, n).expect("draws");
		}
		assert_eq!(Draws::<T>::get(id).map(|d| d.processed), Some(n));
	}

	/// The beacon's grace is over: the draw is abandoned.
	#[benchmark]
	fn abandon() {
		let id = round::<T>(true, 1);
		enter_n::<T>(id, 0, 3);
		let t = times::<T>();
		set_now::<T>(t.beacon + T::BeaconGrace::get());
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);
		assert_eq!(Draws::<T>::get(id).map(|d| d.phase), Some(DrawPhase::Abandoning));
	}

	/// An offer lapses and passes to the next position.
	#[benchmark]
	fn lapse_offer() {
		let (id, entrants) = drawn::<T>(2, 2);
		let (winner, citizen) = a_winner::<T>(id, &entrants);
		Pallet::<T>::do_give_up(winner, citizen, id).expect("given up");
		let now = T::Time::now();
		set_now::<T>(now + T::WaitlistClaimWindow::get());
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, 0, 0);
		assert!(PlaceOffers::<T>::get(id, (0, 1)).is_some());
	}

	/// `n` bookings settled to the organiser: each reads its hold, settles it, removes the
	/// booking and takes the offer out of its pass's `PassBookings` (a full list, the worst
	/// case). A refused settlement stops the step (at most one tried and failed).
	#[benchmark]
	fn settle_offer(n: Linear<0, { T::MaxSettlementsPerCall::get() }>) {
		let id = round::<T>(false, n.max(1));
		// Every pass also holds `MaxBookingsPerPass - 1` other bookings, booked first.
		let others: Vec<_> = (1..T::MaxBookingsPerPass::get())
			.map(|_| offer::<T>(id, T::MaxSeatsPerOffer::get(), 1_000))
			.collect();
		let o = offer::<T>(id, T::MaxSeatsPerOffer::get(), 1_000);
		for i in 0..n {
			let (who, citizen) = youth::<T>(i);
			Pallet::<T>::do_buy(who, citizen, id, 0).expect("bought");
			for other in others.iter() {
				Pallet::<T>::do_book(citizen, *other).expect("booked");
			}
			Pallet::<T>::do_book(citizen, o).expect("booked");
		}
		let date = CultureOffers::<T>::get(o).expect("an offer").date;
		set_now::<T>(date);
		let offer = CultureOffers::<T>::get(o).expect("an offer");
		#[block]
		{
			Pallet::<T>::settle_steps(o, offer, n).expect("settles");
		}
		assert_eq!(CultureOffers::<T>::get(o).map(|o| o.settled), Some(n));
	}

	/// `n` passes taken back after `spend_until`.
	#[benchmark]
	fn reclaim(n: Linear<0, { T::MaxReclaimsPerBlock::get() }>) {
		let id = round::<T>(false, n.max(1));
		for i in 0..n {
			let (who, citizen) = youth::<T>(i);
			Pallet::<T>::do_buy(who, citizen, id, 0).expect("bought");
		}
		let round = Rounds::<T>::get(id).expect("a round");
		set_now::<T>(round.terms.spend_until);
		#[block]
		{
			Pallet::<T>::reclaim_steps(id, &round, n).expect("reclaims");
		}
		assert_eq!(Tallies::<T>::get(id).map(|t| t.reclaim_cursor), Some(n));
	}

	/// A refund that failed at the draw is paid, and the keeping account's deposit returns to
	/// the treasury.
	#[benchmark]
	fn retry_refund() {
		let (id, entrants) = drawn::<T>(2, 1);
		let (who, loser) = at_position::<T>(id, &entrants, 2, 0);
		// As if the loser's refund had failed: the money back in the keeping account.
		let co = money::<T>(10_000);
		let keeping = Pallet::<T>::keeping_account(id);
		T::Currency::transfer(
			&who,
			&keeping,
			co,
			frame_support::traits::tokens::Preservation::Preserve,
		)
		.expect("the loser was refunded");
		let mut round = Rounds::<T>::get(id).expect("a round");
		round.keeping_deposit = T::Currency::minimum_balance();
		T::BenchmarkHelper::fund_account(&keeping, round.keeping_deposit);
		Rounds::<T>::insert(id, round);
		Unrefunded::<T>::insert(id, loser, co);
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, loser);
		assert!(Unrefunded::<T>::get(id, loser).is_none());
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_bench_ext(), crate::mock::Test);
}
