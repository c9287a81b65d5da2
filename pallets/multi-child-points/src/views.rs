//! What wallets and the city's dashboards read: the schemes, a household's standing, what a
//! guardian would receive by applying now, the reports. Nothing here writes.

use super::*;
use frame_support::traits::Time;
use sp_core::H256;

impl<T: Config> Pallet<T> {
	/// `year`'s scheme as served, with its phase now.
	pub fn scheme(year: Year) -> Option<SchemeView<T::Balance>> {
		let s = Schemes::<T>::get(year)?;
		let phase = s.phase(T::Time::now());
		let t = s.terms;
		Some(SchemeView {
			year,
			name: NameView { ko: t.name.ko.into_inner(), en: t.name.en.into_inner() },
			tiers: t.tiers.into_inner(),
			min_residence: t.min_residence,
			apply_from: t.apply_from,
			apply_until: t.apply_until,
			spend_until: t.spend_until,
			allowed_categories: t.allowed_categories.into_iter().collect(),
			excluded_categories: t.excluded_categories.into_iter().collect(),
			budget: t.budget,
			program: s.program,
			phase,
		})
	}

	/// Every scheme, by year (one a year: a short list).
	pub fn schemes() -> alloc::vec::Vec<SchemeView<T::Balance>> {
		let mut years: alloc::vec::Vec<Year> = Schemes::<T>::iter_keys().collect();
		years.sort_unstable();
		years.into_iter().filter_map(Self::scheme).collect()
	}

	/// `household`'s standing in `year`'s scheme: not granted, or granted to which guardian,
	/// which tier, how much, and what is left to spend now (zero once forfeited). `None` when
	/// the year has no scheme.
	pub fn household_status(year: Year, household: H256) -> Option<HouseholdStatus<T::Balance>> {
		let scheme = Schemes::<T>::get(year)?;
		let Some(grant) = Grants::<T>::get(year, household) else {
			return Some(HouseholdStatus::NotGranted);
		};
		let min_children = scheme
			.terms
			.tiers
			.get(usize::from(grant.tier))
			.map(|t| t.min_children)
			.unwrap_or_default();
		Some(HouseholdStatus::Granted(GrantView {
			citizen: grant.citizen,
			tier: grant.tier,
			min_children,
			children: grant.children,
			amount: grant.amount,
			granted_at: grant.granted_at,
			balance: T::Ledger::balance(scheme.program, grant.citizen),
			spend_until: scheme.terms.spend_until,
		}))
	}

	/// What `citizen` would receive by applying for `year` now, or the [`Refusal`] `apply`
	/// would fail with (the error of the same name).
	pub fn quote(citizen: CitizenId, year: Year) -> Result<T::Balance, Refusal> {
		Self::eligibility(citizen, year, T::Time::now()).map(|(_, e)| e.amount)
	}

	/// [`Self::quote`] for the citizen `account` acts for: `NotCitizen` when it acts for no
	/// active citizen (as `apply` from it would fail).
	pub fn quote_for(account: &T::AccountId, year: Year) -> Result<T::Balance, Refusal> {
		let citizen = T::Citizens::citizen_of(account).ok_or(Refusal::NotCitizen)?;
		Self::quote(citizen, year)
	}

	/// `year`'s report: households per tier, points granted, what the treasury put in, the
	/// program's free budget now, and the program's id, to join policy funds' report of it
	/// (spent by category, forfeited).
	pub fn report(year: Year) -> Option<SchemeReportView<T::Balance>> {
		let scheme = Schemes::<T>::get(year)?;
		let report = Reports::<T>::get(year)?;
		let tiers: alloc::vec::Vec<_> = scheme
			.terms
			.tiers
			.iter()
			.zip(report.households.iter())
			.map(|(t, households)| TierReport {
				min_children: t.min_children,
				amount: t.amount,
				households: *households,
			})
			.collect();
		Some(SchemeReportView {
			year,
			program: scheme.program,
			households: tiers.iter().fold(0u32, |sum, t| sum.saturating_add(t.households)),
			tiers,
			points_granted: report.granted,
			funded: report.funded,
			free_budget: T::Ledger::free_budget(scheme.program),
		})
	}
}
