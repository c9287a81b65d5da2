//! Runtime API of the youth culture pass: what youths' wallets, box offices and the city's
//! dashboards ask.
//!
//! Callable from polkadot.js as `api.call.youthCulturePassApi.<method>`, with every type
//! described in the runtime metadata; every served type also derives serde, so an RPC can
//! return it as JSON.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
pub use pallet_youth_culture_pass::{
	CitizenId, Cursor, DrawPhase, DrawProgress, EntryStatus, Mode, NameView, NextStep, OfferId,
	OfferKind, OfferView, PassSource, PassStatus, PlaceOfferView, ProgramId, Refusal, RoundId,
	RoundPhase, RoundReportView, RoundView, Seed, TierIndex, TierReport, TierTally, TierView, Year,
};

sp_api::decl_runtime_apis! {
	/// Rounds, entries, passes, offers, draws and reports, answered at the queried block.
	pub trait YouthCulturePassApi<AccountId, Balance> where
		AccountId: Codec,
		Balance: Codec,
	{
		/// Every round, by id: terms, phase now, counts and places left per tier.
		fn rounds() -> Vec<RoundView<Balance>>;
		/// One round.
		fn round(id: RoundId) -> Option<RoundView<Balance>>;
		/// The lottery entry of the citizen `account` acts for: tier, index, counts, and once
		/// the draw has its seed the rank and waitlist position; the pass; a live offer of a
		/// place. `None` without an entry.
		fn entry_status(round: RoundId, account: AccountId) -> Option<EntryStatus<Balance>>;
		/// The pass of the citizen `account` acts for in `round`: face, balance left now,
		/// bookings. `None` without a pass.
		fn pass_status(account: AccountId, round: RoundId) -> Option<PassStatus<Balance>>;
		/// Offers that can be booked now.
		fn open_offers() -> Vec<OfferView<AccountId, Balance>>;
		/// A lottery's phase, cursor, seed and what the next step will do.
		fn draw_progress(round: RoundId) -> Option<DrawProgress>;
		/// A round's report: per tier entries, winners, passes, co-payments collected and
		/// refunded, value taken back; the program's free budget.
		fn report(round: RoundId) -> Option<RoundReportView<Balance>>;
		/// What the citizen `account` acts for would pay to buy or enter `tier` of `round`
		/// now, or the [`Refusal`] the call would fail with.
		fn quote(account: AccountId, round: RoundId, tier: TierIndex) -> Result<Balance, Refusal>;
	}
}
