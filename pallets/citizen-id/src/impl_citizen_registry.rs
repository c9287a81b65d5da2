//! [`CitizenRegistry`] for the other citizen-service pallets.

use super::*;
use citizen_primitives::ValidClaim;
use frame_support::traits::Time;

impl<T: Config> CitizenRegistry<T::AccountId> for Pallet<T> {
	fn citizen_of(who: &T::AccountId) -> Option<CitizenId> {
		let citizen = CitizenOf::<T>::get(who)?;
		Citizens::<T>::get(citizen)
			.is_some_and(|record| Self::is_active_record(&record))
			.then_some(citizen)
	}

	fn account_of(citizen: CitizenId) -> Option<T::AccountId> {
		Citizens::<T>::get(citizen)
			.filter(|record| record.status != CitizenStatus::Deregistered)
			.map(|record| record.account)
	}

	fn standing(citizen: CitizenId) -> Option<(T::AccountId, bool)> {
		Citizens::<T>::get(citizen)
			.filter(|record| record.status != CitizenStatus::Deregistered)
			.map(|record| {
				let active = Self::is_active_record(&record);
				(record.account, active)
			})
	}

	fn valid_claim(citizen: CitizenId, kind: ClaimKind) -> Option<ValidClaim<T::AccountId>> {
		let record = Citizens::<T>::get(citizen)?;
		let claim = Self::stored_claim(citizen, &record, kind)?;
		(Self::claim_status(&record, &claim, T::Time::now()) == ClaimStatus::Active).then(|| {
			ValidClaim { value: claim.value, issuer: claim.issuer, valid_until: claim.valid_until }
		})
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl<T: Config> citizen_primitives::BenchmarkCitizens<T::AccountId> for Pallet<T> {
	fn benchmark_citizen(
		account: &T::AccountId,
		claims: &[ClaimValue],
		valid_until: Moment,
	) -> Result<CitizenId, sp_runtime::DispatchError> {
		use codec::Encode;
		// Each claim from its own issuer: the heaviest reads for whoever checks them (one
		// issuer record per claim), as in a city where the district office attests residence
		// and the education office the household.
		let issuer_n = |n: u32| -> Result<T::AccountId, sp_runtime::DispatchError> {
			let issuer: T::AccountId = frame_benchmarking::account("benchmark-issuer", n, 0);
			if !Issuers::<T>::contains_key(&issuer) {
				Self::do_register_issuer(issuer.clone(), claim_kinds(ClaimKind::ALL))?;
			}
			Ok(issuer)
		};
		let commitment =
			<sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash(&account.encode());
		let citizen = Self::do_register_citizen(issuer_n(0)?, account.clone(), commitment, 1)?;
		for (n, claim) in (0u32..).zip(claims) {
			Self::do_issue_claim(issuer_n(n)?, citizen, claim.clone(), 0, valid_until)?;
		}
		Ok(citizen)
	}
}

/// The citizen's own public-service calls of this pallet: leaving (an active citizen, under
/// the allowance) and objecting to a rebind of one's ID (also while suspended, outside it).
impl<T: Config> citizen_primitives::PublicServiceCall for Call<T> {
	fn public_service(&self) -> Option<citizen_primitives::PublicService> {
		use citizen_primitives::PublicService;
		match self {
			Call::deregister {} => Some(PublicService::Citizen),
			Call::object_to_rebind { citizen } => Some(PublicService::OwnerObjection(*citizen)),
			_ => None,
		}
	}
}
