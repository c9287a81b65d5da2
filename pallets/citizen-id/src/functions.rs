//! The pallet's logic. Dispatchables check the origin and call the `do_*` functions here;
//! the read-only `*_verdict`/`*_view` functions serve the runtime API.

use super::*;
use frame_support::{
	ensure,
	pallet_prelude::DispatchResult,
	storage::{with_transaction, TransactionOutcome},
	traits::{Get, Time},
};
use frame_system::pallet_prelude::OriginFor;
use sp_core::H256;
use sp_runtime::DispatchError;

/// Who registers citizens, and when: what every citizen of a registration shares, read once.
struct Registrar<AccountId> {
	issuer: AccountId,
	epoch: IssuerEpoch,
	now: Moment,
}

impl<T: Config> Pallet<T> {
	/// The signer of `origin`, if it is a registered issuer.
	pub(crate) fn ensure_issuer(origin: OriginFor<T>) -> Result<T::AccountId, DispatchError> {
		let who = frame_system::ensure_signed(origin)?;
		ensure!(Issuers::<T>::contains_key(&who), Error::<T>::NotIssuer);
		Ok(who)
	}

	/// The issuer's info, if it may attest or manage claims of `kind`.
	fn ensure_may_attest(
		issuer: &T::AccountId,
		kind: ClaimKind,
	) -> Result<IssuerInfo, DispatchError> {
		let info = Issuers::<T>::get(issuer).ok_or(Error::<T>::NotIssuer)?;
		ensure!(info.kinds.contains(&kind), Error::<T>::ClaimKindNotAllowed);
		Ok(info)
	}

	/// Take the next id from `counter`, moving it on: the one place ids are handed out.
	fn next_id<N: sp_runtime::traits::CheckedAdd + sp_runtime::traits::One + Copy>(
		counter: &mut N,
	) -> Result<N, DispatchError> {
		let id = *counter;
		*counter = id.checked_add(&N::one()).ok_or(sp_runtime::ArithmeticError::Overflow)?;
		Ok(id)
	}

	pub(crate) fn do_set_recovery_delay(delay: Moment) -> DispatchResult {
		ensure!(delay <= T::MaxRecoveryDelay::get(), Error::<T>::RecoveryDelayTooLong);
		RecoveryDelay::<T>::put(delay);
		Self::deposit_event(Event::RecoveryDelaySet { delay });
		Ok(())
	}

	/// Whether the issuer `issuer` is still registered under `epoch`.
	pub(crate) fn issuer_current(issuer: &T::AccountId, epoch: IssuerEpoch) -> bool {
		Issuers::<T>::get(issuer).is_some_and(|info| info.epoch == epoch)
	}

	/// Whether the ID reads as suspended: suspended by an issuer, or its registering issuer
	/// has been removed and no other issuer re-confirmed it.
	pub(crate) fn reads_suspended(record: &CitizenRecordOf<T>) -> bool {
		Self::reads_suspended_by(record, &mut Self::issuer_current)
	}

	/// [`Self::reads_suspended`], asking `current` whether an issuer registration stands.
	fn reads_suspended_by(
		record: &CitizenRecordOf<T>,
		current: &mut impl FnMut(&T::AccountId, IssuerEpoch) -> bool,
	) -> bool {
		record.status == CitizenStatus::Suspended
			|| (record.status == CitizenStatus::Active
				&& !current(&record.registered_by, record.registrar_epoch))
	}

	/// Whether the ID is usable now: neither deregistered nor reading as suspended.
	pub(crate) fn is_active_record(record: &CitizenRecordOf<T>) -> bool {
		record.status == CitizenStatus::Active && !Self::reads_suspended(record)
	}

	/// A citizen record that is not deregistered.
	fn live_citizen(citizen: CitizenId) -> Result<CitizenRecordOf<T>, DispatchError> {
		let record = Citizens::<T>::get(citizen).ok_or(Error::<T>::UnknownCitizen)?;
		ensure!(record.status != CitizenStatus::Deregistered, Error::<T>::CitizenDeregistered);
		Ok(record)
	}

	pub(crate) fn do_register_issuer(issuer: T::AccountId, kinds: ClaimKinds) -> DispatchResult {
		ensure!(!Issuers::<T>::contains_key(&issuer), Error::<T>::IssuerAlreadyRegistered);
		let epoch = NextIssuerEpoch::<T>::try_mutate(Self::next_id)?;
		Issuers::<T>::insert(&issuer, IssuerInfo { kinds: kinds.clone(), epoch });
		Self::deposit_event(Event::IssuerRegistered { issuer, kinds, epoch });
		Ok(())
	}

	pub(crate) fn do_update_issuer(issuer: T::AccountId, kinds: ClaimKinds) -> DispatchResult {
		Issuers::<T>::try_mutate(&issuer, |info| {
			let info = info.as_mut().ok_or(Error::<T>::NotIssuer)?;
			info.kinds = kinds.clone();
			Ok::<(), DispatchError>(())
		})?;
		Self::deposit_event(Event::IssuerUpdated { issuer, kinds });
		Ok(())
	}

	pub(crate) fn do_remove_issuer(issuer: T::AccountId) -> DispatchResult {
		// Its epoch goes with it: claims and credentials carrying that epoch now read as
		// suspended (see `claim_status`), with no loop over what it attested.
		Issuers::<T>::take(&issuer).ok_or(Error::<T>::NotIssuer)?;
		Self::deposit_event(Event::IssuerRemoved { issuer });
		Ok(())
	}

	pub(crate) fn do_register_citizen(
		issuer: T::AccountId,
		account: T::AccountId,
		commitment: Commitment,
		home_zone: ZoneId,
	) -> Result<CitizenId, DispatchError> {
		let epoch = Issuers::<T>::get(&issuer).ok_or(Error::<T>::NotIssuer)?.epoch;
		let registrar = Registrar { issuer, epoch, now: T::Time::now() };
		let mut next = NextCitizenId::<T>::get();
		let citizen = Self::next_id(&mut next)?;
		Self::enrol(&registrar, citizen, &account, commitment, home_zone, None)?;
		NextCitizenId::<T>::put(next);
		Ok(citizen)
	}

	/// Register each of `citizens` with a Resident claim over `[valid_from, valid_until)`,
	/// whole or not at all, one refusal not stopping the others. The issuer, the clock and the
	/// id counter are read once and the counter written once, for the whole batch.
	pub(crate) fn do_register_citizens(
		issuer: T::AccountId,
		citizens: NewCitizensOf<T>,
		valid_from: Moment,
		valid_until: Moment,
	) -> DispatchResult {
		ensure!(!citizens.is_empty(), Error::<T>::EmptyBatch);
		let epoch = Self::ensure_may_attest(&issuer, ClaimKind::Resident)?.epoch;
		let now = T::Time::now();
		ensure!(window_is_valid(valid_from, valid_until, now), Error::<T>::InvalidValidity);
		let registrar = Registrar { issuer, epoch, now };
		let mut next = NextCitizenId::<T>::get();
		let (mut registered, mut refused) = (0u32, 0u32);
		for (index, new) in (0u32..).zip(citizens) {
			let resident = ResidentClaim {
				since: new.since,
				issuer: registrar.issuer.clone(),
				issuer_epoch: epoch,
				valid_from,
				valid_until,
				state: ClaimState::Active,
			};
			// The id is taken only if the citizen is registered: a refusal leaves no gap.
			let mut after = next;
			let outcome = with_transaction(|| {
				let result = Self::next_id(&mut after).and_then(|citizen| {
					Self::enrol(
						&registrar,
						citizen,
						&new.account,
						new.commitment,
						new.zone,
						Some(resident),
					)
				});
				if result.is_ok() {
					TransactionOutcome::Commit(result)
				} else {
					TransactionOutcome::Rollback(result)
				}
			});
			match outcome {
				Ok(()) => {
					next = after;
					registered = registered.saturating_add(1);
				}
				Err(error) => {
					refused = refused.saturating_add(1);
					Self::deposit_event(Event::RegistrationRefused {
						index,
						account: new.account,
						error,
					});
				}
			}
		}
		NextCitizenId::<T>::put(next);
		Self::deposit_event(Event::BatchRegistered {
			issuer: registrar.issuer,
			registered,
			refused,
			valid_from,
			valid_until,
		});
		Ok(())
	}

	/// Register `account` as citizen `citizen` under `registrar`, with `resident` as its
	/// Resident claim. Every check comes before the first write, so a refusal writes nothing.
	/// The caller moves `NextCitizenId` past `citizen`.
	fn enrol(
		registrar: &Registrar<T::AccountId>,
		citizen: CitizenId,
		account: &T::AccountId,
		commitment: Commitment,
		home_zone: ZoneId,
		resident: Option<ResidentClaimOf<T>>,
	) -> DispatchResult {
		ensure!(!Commitments::<T>::contains_key(commitment), Error::<T>::AlreadyRegistered);
		ensure!(!CitizenOf::<T>::contains_key(account), Error::<T>::AccountAlreadyCitizen);
		Commitments::<T>::insert(commitment, citizen);
		CitizenOf::<T>::insert(account, citizen);
		// The ID keeps the account alive: a citizen holding nothing can still transact.
		frame_system::Pallet::<T>::inc_providers(account);
		Citizens::<T>::insert(
			citizen,
			CitizenRecord {
				account: account.clone(),
				commitment,
				home_zone,
				status: CitizenStatus::Active,
				registered_by: registrar.issuer.clone(),
				registered_at: registrar.now,
				registrar_epoch: registrar.epoch,
				resident,
			},
		);
		Self::deposit_event(Event::CitizenRegistered {
			citizen,
			account: account.clone(),
			home_zone,
			issuer: registrar.issuer.clone(),
		});
		Ok(())
	}

	pub(crate) fn do_set_citizen_suspended(
		issuer: T::AccountId,
		citizen: CitizenId,
		suspend: bool,
	) -> DispatchResult {
		let mut record = Self::live_citizen(citizen)?;
		if suspend {
			ensure!(record.status == CitizenStatus::Active, Error::<T>::CitizenAlreadySuspended);
			record.status = CitizenStatus::Suspended;
			// A suspension placed after a rebind request is not the one the rebind was asked
			// to lift: enacting it must leave this one in place.
			PendingRebinds::<T>::mutate(citizen, |pending| {
				if let Some(pending) = pending {
					pending.lifts_suspension = false;
				}
			});
		} else {
			ensure!(record.status == CitizenStatus::Suspended, Error::<T>::CitizenNotSuspended);
			record.status = CitizenStatus::Active;
		}
		Citizens::<T>::insert(citizen, record);
		Self::deposit_event(if suspend {
			Event::CitizenSuspended { citizen, by: issuer }
		} else {
			Event::CitizenResumed { citizen, by: issuer }
		});
		Ok(())
	}

	pub(crate) fn do_issue_claim(
		issuer: T::AccountId,
		citizen: CitizenId,
		value: ClaimValue,
		valid_from: Moment,
		valid_until: Moment,
	) -> DispatchResult {
		let kind = value.kind();
		let info = Self::ensure_may_attest(&issuer, kind)?;
		let record = Self::live_citizen(citizen)?;
		ensure!(
			window_is_valid(valid_from, valid_until, T::Time::now()),
			Error::<T>::InvalidValidity
		);
		let replaced = Self::holds_claim(citizen, &record, kind);
		let claim = ClaimRecord {
			value,
			issuer: issuer.clone(),
			issuer_epoch: info.epoch,
			valid_from,
			valid_until,
			state: ClaimState::Active,
		};
		Self::write_claim(citizen, record, claim);
		Self::deposit_event(Event::ClaimIssued {
			citizen,
			kind,
			issuer,
			valid_from,
			valid_until,
			replaced,
		});
		Ok(())
	}

	/// The claim of `kind` that `citizen`, whose record is `record`, holds: a Resident claim
	/// lives in the record, the others in [`Claims`].
	pub(crate) fn stored_claim(
		citizen: CitizenId,
		record: &CitizenRecordOf<T>,
		kind: ClaimKind,
	) -> Option<ClaimRecordOf<T>> {
		match kind {
			ClaimKind::Resident => record.resident_claim(),
			_ => Claims::<T>::get(citizen, kind),
		}
	}

	/// Whether `citizen`, whose record is `record`, holds a claim of `kind`.
	fn holds_claim(citizen: CitizenId, record: &CitizenRecordOf<T>, kind: ClaimKind) -> bool {
		match kind {
			ClaimKind::Resident => record.resident.is_some(),
			_ => Claims::<T>::contains_key(citizen, kind),
		}
	}

	/// Store `claim` for `citizen`, whose record is `record`, replacing any of its kind. A
	/// Resident claim goes into the record and, being the attested truth about where the
	/// citizen lives, moves the home zone.
	fn write_claim(citizen: CitizenId, mut record: CitizenRecordOf<T>, claim: ClaimRecordOf<T>) {
		match ResidentClaim::from_claim(claim) {
			Ok((zone, resident)) => {
				record.home_zone = zone;
				record.resident = Some(resident);
				Citizens::<T>::insert(citizen, record);
			}
			Err(claim) => Claims::<T>::insert(citizen, claim.value.kind(), claim),
		}
	}

	/// Suspend (`to = Suspended`), resume (`to = Active`) or revoke (`to = Revoked`) a claim.
	pub(crate) fn do_change_claim_state(
		issuer: T::AccountId,
		citizen: CitizenId,
		kind: ClaimKind,
		to: ClaimState,
	) -> DispatchResult {
		Self::ensure_may_attest(&issuer, kind)?;
		let record = Self::live_citizen(citizen)?;
		let mut claim =
			Self::stored_claim(citizen, &record, kind).ok_or(Error::<T>::ClaimNotFound)?;
		let allowed = match (claim.state, to) {
			(ClaimState::Revoked, _) => Err(Error::<T>::ClaimAlreadyRevoked),
			(ClaimState::Active, ClaimState::Suspended) => Ok(()),
			(_, ClaimState::Suspended) => Err(Error::<T>::ClaimNotActive),
			(ClaimState::Suspended, ClaimState::Active) => Ok(()),
			(_, ClaimState::Active) => Err(Error::<T>::ClaimNotSuspended),
			(_, ClaimState::Revoked) => Ok(()),
		};
		allowed?;
		claim.state = to;
		Self::write_claim(citizen, record, claim);
		let by = issuer;
		Self::deposit_event(match to {
			ClaimState::Suspended => Event::ClaimSuspended { citizen, kind, by },
			ClaimState::Active => Event::ClaimResumed { citizen, kind, by },
			ClaimState::Revoked => Event::ClaimRevoked { citizen, kind, by },
		});
		Ok(())
	}

	pub(crate) fn do_anchor_credential(
		issuer: T::AccountId,
		citizen: CitizenId,
		digest: H256,
		valid_until: Option<Moment>,
	) -> DispatchResult {
		let info = Issuers::<T>::get(&issuer).ok_or(Error::<T>::NotIssuer)?;
		Self::live_citizen(citizen)?;
		ensure!(
			!Credentials::<T>::contains_key(digest) && !RetiredDigests::<T>::contains_key(digest),
			Error::<T>::CredentialAlreadyAnchored
		);
		let now = T::Time::now();
		ensure!(valid_until.is_none_or(|until| until > now), Error::<T>::InvalidValidity);
		// Only live credentials count: revoked ones are not, and dead ones can be reaped.
		let count = CredentialCount::<T>::get(citizen);
		ensure!(count < T::MaxCredentialsPerCitizen::get(), Error::<T>::TooManyCredentials);
		CredentialCount::<T>::insert(citizen, count.saturating_add(1));
		Credentials::<T>::insert(
			digest,
			CredentialRecord {
				citizen,
				issuer: issuer.clone(),
				issuer_epoch: info.epoch,
				anchored_at: now,
				valid_until,
				revoked: false,
			},
		);
		Self::deposit_event(Event::CredentialAnchored { digest, citizen, issuer });
		Ok(())
	}

	pub(crate) fn do_revoke_credential(issuer: T::AccountId, digest: H256) -> DispatchResult {
		let citizen = Credentials::<T>::try_mutate(digest, |credential| {
			let credential = credential.as_mut().ok_or(Error::<T>::UnknownCredential)?;
			ensure!(credential.issuer == issuer, Error::<T>::NotCredentialIssuer);
			ensure!(!credential.revoked, Error::<T>::CredentialAlreadyRevoked);
			credential.revoked = true;
			Ok::<CitizenId, DispatchError>(credential.citizen)
		})?;
		Self::uncount_credential(citizen);
		Self::deposit_event(Event::CredentialRevoked { digest, by: issuer });
		Ok(())
	}

	/// One live credential of `citizen` less.
	fn uncount_credential(citizen: CitizenId) {
		CredentialCount::<T>::mutate_exists(citizen, |count| {
			*count = count.map(|n| n.saturating_sub(1)).filter(|n| *n > 0);
		});
	}

	pub(crate) fn do_reap_credential(digest: H256) -> DispatchResult {
		let credential = Credentials::<T>::get(digest).ok_or(Error::<T>::UnknownCredential)?;
		let status = Self::credential_verdict(digest).map(|v| v.status);
		let orphaned = !Self::issuer_current(&credential.issuer, credential.issuer_epoch);
		let dead = credential.revoked
			|| orphaned
			|| matches!(status, None | Some(ClaimStatus::Revoked | ClaimStatus::Expired));
		ensure!(dead, Error::<T>::CredentialStillValid);
		Credentials::<T>::remove(digest);
		// The digest stays retired: it can never be anchored again, so a revocation is final.
		RetiredDigests::<T>::insert(digest, ());
		if !credential.revoked {
			Self::uncount_credential(credential.citizen);
		}
		Self::deposit_event(Event::CredentialReaped { digest });
		Ok(())
	}

	pub(crate) fn do_request_rebind(
		issuer: T::AccountId,
		citizen: CitizenId,
		new_account: T::AccountId,
	) -> DispatchResult {
		let record = Self::live_citizen(citizen)?;
		let issuer_epoch = Issuers::<T>::get(&issuer).ok_or(Error::<T>::NotIssuer)?.epoch;
		ensure!(record.account != new_account, Error::<T>::SameAccount);
		ensure!(!CitizenOf::<T>::contains_key(&new_account), Error::<T>::AccountAlreadyCitizen);
		// A request whose issuer has been removed is dead and may be replaced.
		ensure!(
			PendingRebinds::<T>::get(citizen)
				.is_none_or(|p| !Self::issuer_current(&p.requested_by, p.issuer_epoch)),
			Error::<T>::RebindAlreadyPending
		);
		let effective_at = T::Time::now().saturating_add(RecoveryDelay::<T>::get());
		PendingRebinds::<T>::insert(
			citizen,
			PendingRebind {
				new_account: new_account.clone(),
				requested_by: issuer.clone(),
				issuer_epoch,
				effective_at,
				lifts_suspension: record.status == CitizenStatus::Suspended,
				objection: RebindObjection::None,
			},
		);
		Self::deposit_event(Event::RebindRequested {
			citizen,
			new_account,
			effective_at,
			by: issuer,
		});
		Ok(())
	}

	/// A pending rebind that can still be enacted: its requester is still registered under
	/// the epoch it asked in. A request whose requester was removed (void) reads as absent.
	fn live_rebind(citizen: CitizenId) -> Option<PendingRebindOf<T>> {
		PendingRebinds::<T>::get(citizen)
			.filter(|p| Self::issuer_current(&p.requested_by, p.issuer_epoch))
	}

	/// `by`: `None` for the city, else the cancelling issuer.
	pub(crate) fn do_cancel_rebind(by: Option<T::AccountId>, citizen: CitizenId) -> DispatchResult {
		let pending = PendingRebinds::<T>::get(citizen).ok_or(Error::<T>::NoPendingRebind)?;
		if let Some(issuer) = &by {
			// A void request (its requester removed) may be cleared by any issuer.
			if Self::issuer_current(&pending.requested_by, pending.issuer_epoch) {
				ensure!(*issuer == pending.requested_by, Error::<T>::NotRequester);
				// Cancelling an objected request would decide the objection, and would let the
				// requester wipe it and ask again: that is for the city or another issuer.
				ensure!(
					pending.objection != RebindObjection::Raised,
					Error::<T>::RequesterCannotResolve
				);
			}
		}
		PendingRebinds::<T>::remove(citizen);
		Self::deposit_event(Event::RebindCancelled { citizen, by });
		Ok(())
	}

	/// Whether `who` may object to `citizen`'s pending rebind now: `who` is the account the
	/// ID is bound to (whatever its status) and the request stands unobjected. The runtime's
	/// fee extension asks this to make the objection fee-free, also for a suspended ID.
	pub fn may_object(who: &T::AccountId, citizen: CitizenId) -> bool {
		CitizenOf::<T>::get(who) == Some(citizen)
			&& PendingRebinds::<T>::get(citizen).is_some_and(|p| {
				p.objection == RebindObjection::None
					&& Self::issuer_current(&p.requested_by, p.issuer_epoch)
			})
	}

	pub(crate) fn do_object_to_rebind(who: T::AccountId, citizen: CitizenId) -> DispatchResult {
		ensure!(CitizenOf::<T>::get(&who) == Some(citizen), Error::<T>::NotAllowedToObject);
		PendingRebinds::<T>::try_mutate(citizen, |pending| {
			let pending = pending.as_mut().ok_or(Error::<T>::NoPendingRebind)?;
			ensure!(
				Self::issuer_current(&pending.requested_by, pending.issuer_epoch),
				Error::<T>::RebindIssuerRemoved
			);
			match pending.objection {
				RebindObjection::None => {
					pending.objection = RebindObjection::Raised;
					Ok(())
				}
				RebindObjection::Raised => Err(Error::<T>::ObjectionAlreadyRaised),
				RebindObjection::Overruled => Err(Error::<T>::ObjectionOverruled),
			}
		})?;
		Self::deposit_event(Event::RebindObjected { citizen, by: who });
		Ok(())
	}

	/// `by`: `None` for the city, else the deciding issuer.
	pub(crate) fn do_resolve_rebind(
		by: Option<T::AccountId>,
		citizen: CitizenId,
		proceed: bool,
	) -> DispatchResult {
		ensure!(PendingRebinds::<T>::contains_key(citizen), Error::<T>::NoPendingRebind);
		let mut pending = Self::live_rebind(citizen).ok_or(Error::<T>::RebindIssuerRemoved)?;
		ensure!(pending.objection == RebindObjection::Raised, Error::<T>::NoObjection);
		ensure!(by.as_ref() != Some(&pending.requested_by), Error::<T>::RequesterCannotResolve);
		if proceed {
			pending.objection = RebindObjection::Overruled;
			PendingRebinds::<T>::insert(citizen, pending);
			Self::deposit_event(Event::RebindObjectionOverruled { citizen, by });
		} else {
			PendingRebinds::<T>::remove(citizen);
			Self::deposit_event(Event::RebindObjectionUpheld { citizen, by });
		}
		Ok(())
	}

	pub(crate) fn do_confirm_citizen(issuer: T::AccountId, citizen: CitizenId) -> DispatchResult {
		let mut record = Self::live_citizen(citizen)?;
		ensure!(
			!Self::issuer_current(&record.registered_by, record.registrar_epoch),
			Error::<T>::RegistrarStillActive
		);
		record.registrar_epoch = Issuers::<T>::get(&issuer).ok_or(Error::<T>::NotIssuer)?.epoch;
		record.registered_by = issuer.clone();
		Citizens::<T>::insert(citizen, record);
		Self::deposit_event(Event::CitizenReconfirmed { citizen, by: issuer });
		Ok(())
	}

	pub(crate) fn do_enact_rebind(citizen: CitizenId) -> DispatchResult {
		let pending = PendingRebinds::<T>::get(citizen).ok_or(Error::<T>::NoPendingRebind)?;
		ensure!(
			Self::issuer_current(&pending.requested_by, pending.issuer_epoch),
			Error::<T>::RebindIssuerRemoved
		);
		ensure!(pending.objection != RebindObjection::Raised, Error::<T>::RebindObjected);
		ensure!(T::Time::now() >= pending.effective_at, Error::<T>::RebindNotDue);
		let mut record = Self::live_citizen(citizen)?;
		// The new account may have become a citizen's account during the delay.
		ensure!(
			!CitizenOf::<T>::contains_key(&pending.new_account),
			Error::<T>::AccountAlreadyCitizen
		);
		let old_account = core::mem::replace(&mut record.account, pending.new_account.clone());
		if pending.lifts_suspension {
			record.status = CitizenStatus::Active;
		}
		// The requester vouched for the new binding: should the city remove it later, the ID
		// awaits re-confirmation like any ID that issuer registered.
		record.registered_by = pending.requested_by.clone();
		record.registrar_epoch = pending.issuer_epoch;
		CitizenOf::<T>::remove(&old_account);
		CitizenOf::<T>::insert(&pending.new_account, citizen);
		frame_system::Pallet::<T>::inc_providers(&pending.new_account);
		Self::release_account(&old_account);
		Citizens::<T>::insert(citizen, record);
		PendingRebinds::<T>::remove(citizen);
		Self::deposit_event(Event::CitizenRebound {
			citizen,
			old_account,
			new_account: pending.new_account,
		});
		Ok(())
	}

	/// Drop the provider reference the ID gave `account`. If something else still relies on
	/// the account the reference is recorded in [`DanglingProviders`], to be released later.
	fn release_account(account: &T::AccountId) {
		if frame_system::Pallet::<T>::dec_providers(account).is_err() {
			DanglingProviders::<T>::insert(account, ());
			Self::deposit_event(Event::ProviderKept { account: account.clone() });
		}
	}

	pub(crate) fn do_release_provider(account: T::AccountId) -> DispatchResult {
		ensure!(DanglingProviders::<T>::contains_key(&account), Error::<T>::NoDanglingProvider);
		frame_system::Pallet::<T>::dec_providers(&account).map_err(|_| Error::<T>::AccountInUse)?;
		DanglingProviders::<T>::remove(&account);
		Self::deposit_event(Event::ProviderReleased { account });
		Ok(())
	}

	/// Fee-free calls `citizen` has left in the current period.
	pub fn free_calls_left(citizen: CitizenId) -> u32 {
		let period = Self::current_free_call_period();
		let (used_in, used) = FreeCallsUsed::<T>::get(citizen);
		let used = if used_in == period { used } else { 0 };
		T::FreeCallsPerPeriod::get().saturating_sub(used)
	}

	/// Count one fee-free call of `citizen`.
	pub fn use_free_call(citizen: CitizenId) -> DispatchResult {
		ensure!(Self::free_calls_left(citizen) > 0, Error::<T>::NoFreeCallsLeft);
		let period = Self::current_free_call_period();
		FreeCallsUsed::<T>::mutate(citizen, |(used_in, used)| {
			if *used_in != period {
				*used_in = period;
				*used = 0;
			}
			*used = used.saturating_add(1);
		});
		Ok(())
	}

	fn current_free_call_period() -> u64 {
		T::Time::now().checked_div(T::FreeCallPeriod::get()).unwrap_or_default()
	}

	pub(crate) fn do_deregister(who: T::AccountId) -> DispatchResult {
		let citizen = CitizenOf::<T>::get(&who).ok_or(Error::<T>::NotCitizen)?;
		let mut record = Self::live_citizen(citizen)?;
		// A stolen key must not destroy an ID that is being recovered (or waits for an issuer).
		ensure!(!Self::reads_suspended(&record), Error::<T>::CitizenSuspended);
		ensure!(Self::live_rebind(citizen).is_none(), Error::<T>::RebindPending);
		// The reference must really go: refuse rather than leave it on a non-citizen.
		frame_system::Pallet::<T>::dec_providers(&who).map_err(|_| Error::<T>::AccountInUse)?;
		CitizenOf::<T>::remove(&who);
		record.status = CitizenStatus::Deregistered;
		record.resident = None;
		Citizens::<T>::insert(citizen, record);
		// Bounded: one claim per kind.
		for kind in ClaimKind::ALL {
			Claims::<T>::remove(citizen, kind);
		}
		// A void request (its requester removed) goes with the ID.
		PendingRebinds::<T>::remove(citizen);
		Self::deposit_event(Event::CitizenDeregistered { citizen });
		Ok(())
	}

	/// How an attestation by `issuer` in `epoch` stands now, before its own state and window
	/// are considered: suspended when the citizen's ID is, or the issuer has since been removed.
	fn attestation_suspended(
		citizen: &CitizenRecordOf<T>,
		issuer: &T::AccountId,
		epoch: IssuerEpoch,
	) -> bool {
		Self::reads_suspended(citizen) || !Self::issuer_current(issuer, epoch)
	}

	/// Where `claim` of a citizen with `record` stands at `now`.
	pub(crate) fn claim_status(
		record: &CitizenRecordOf<T>,
		claim: &ClaimRecordOf<T>,
		now: Moment,
	) -> ClaimStatus {
		Self::claim_status_by(record, claim, now, &mut Self::issuer_current)
	}

	/// [`Self::claim_status`], asking `current` whether an issuer registration stands (a batch
	/// query asks a cache, so each issuer is read once).
	fn claim_status_by(
		record: &CitizenRecordOf<T>,
		claim: &ClaimRecordOf<T>,
		now: Moment,
		current: &mut impl FnMut(&T::AccountId, IssuerEpoch) -> bool,
	) -> ClaimStatus {
		match claim.state {
			ClaimState::Revoked => ClaimStatus::Revoked,
			_ if record.status == CitizenStatus::Deregistered => ClaimStatus::Revoked,
			ClaimState::Suspended => ClaimStatus::Suspended,
			_ if Self::reads_suspended_by(record, current)
				|| !current(&claim.issuer, claim.issuer_epoch) =>
			{
				ClaimStatus::Suspended
			}
			_ if now >= claim.valid_until => ClaimStatus::Expired,
			_ if now < claim.valid_from => ClaimStatus::NotYetValid,
			ClaimState::Active => ClaimStatus::Active,
		}
	}

	/// The verdict on `claim` of a citizen with `record` at `now`.
	fn verdict_by(
		record: &CitizenRecordOf<T>,
		claim: ClaimRecordOf<T>,
		now: Moment,
		current: &mut impl FnMut(&T::AccountId, IssuerEpoch) -> bool,
	) -> ClaimVerdictOf<T> {
		ClaimVerdict {
			status: Self::claim_status_by(record, &claim, now, current),
			issuer: claim.issuer,
			valid_from: claim.valid_from,
			valid_until: claim.valid_until,
			value: claim.value,
		}
	}

	/// "Is claim `kind` of `citizen` valid now?" `None` when the citizen holds no such claim.
	pub fn claim_verdict(citizen: CitizenId, kind: ClaimKind) -> Option<ClaimVerdictOf<T>> {
		let record = Citizens::<T>::get(citizen)?;
		let claim = Self::stored_claim(citizen, &record, kind)?;
		Some(Self::verdict_by(&record, claim, T::Time::now(), &mut Self::issuer_current))
	}

	/// "Is claim `kind` of the citizen `account` is bound to valid now?", or why there is no
	/// answer. A suspended citizen is answered (its claims read as suspended).
	pub fn account_claim(
		account: &T::AccountId,
		kind: ClaimKind,
	) -> Result<ClaimVerdictOf<T>, ClaimRefusal> {
		Self::account_claim_by(account, kind, T::Time::now(), &mut Self::issuer_current)
	}

	/// [`Self::account_claim`] for each of `accounts`, in order: at most
	/// [`MAX_CLAIM_QUERIES`] are answered, the rest are not. Each issuer is read once.
	pub fn account_claims(
		accounts: alloc::vec::Vec<T::AccountId>,
		kind: ClaimKind,
	) -> alloc::vec::Vec<Result<ClaimVerdictOf<T>, ClaimRefusal>> {
		let now = T::Time::now();
		let mut epochs = alloc::collections::BTreeMap::<T::AccountId, Option<IssuerEpoch>>::new();
		let mut current = |issuer: &T::AccountId, epoch: IssuerEpoch| {
			let stands = match epochs.get(issuer) {
				Some(known) => *known,
				None => {
					let known = Issuers::<T>::get(issuer).map(|info| info.epoch);
					epochs.insert(issuer.clone(), known);
					known
				}
			};
			stands == Some(epoch)
		};
		accounts
			.iter()
			.take(MAX_CLAIM_QUERIES as usize)
			.map(|account| Self::account_claim_by(account, kind, now, &mut current))
			.collect()
	}

	fn account_claim_by(
		account: &T::AccountId,
		kind: ClaimKind,
		now: Moment,
		current: &mut impl FnMut(&T::AccountId, IssuerEpoch) -> bool,
	) -> Result<ClaimVerdictOf<T>, ClaimRefusal> {
		let citizen = CitizenOf::<T>::get(account).ok_or(ClaimRefusal::NotACitizen)?;
		let record = Citizens::<T>::get(citizen).ok_or(ClaimRefusal::NotACitizen)?;
		let claim = Self::stored_claim(citizen, &record, kind).ok_or(ClaimRefusal::NoSuchClaim)?;
		Ok(Self::verdict_by(&record, claim, now, current))
	}

	/// "Is the credential with `digest` valid now?" `None` when nothing is anchored under it.
	pub fn credential_verdict(digest: H256) -> Option<CredentialVerdictOf<T>> {
		let credential = Credentials::<T>::get(digest)?;
		let record = Citizens::<T>::get(credential.citizen)?;
		let status = if credential.revoked || record.status == CitizenStatus::Deregistered {
			ClaimStatus::Revoked
		} else if Self::attestation_suspended(&record, &credential.issuer, credential.issuer_epoch)
		{
			ClaimStatus::Suspended
		} else if credential.valid_until.is_some_and(|until| T::Time::now() >= until) {
			ClaimStatus::Expired
		} else {
			ClaimStatus::Active
		};
		Some(CredentialVerdict {
			status,
			citizen: credential.citizen,
			issuer: credential.issuer,
			anchored_at: credential.anchored_at,
			valid_until: credential.valid_until,
		})
	}

	/// Everything held about `citizen`, for their own wallet.
	pub fn citizen_view(citizen: CitizenId) -> Option<CitizenViewOf<T>> {
		let record = Citizens::<T>::get(citizen)?;
		let claims = ClaimKind::ALL
			.into_iter()
			.filter_map(|kind| Self::claim_verdict(citizen, kind).map(|v| (kind, v)))
			.collect();
		let pending_rebind = PendingRebinds::<T>::get(citizen);
		let rebind_standing = pending_rebind.as_ref().map(|p| {
			if !Self::issuer_current(&p.requested_by, p.issuer_epoch) {
				RebindStanding::Void
			} else if p.objection == RebindObjection::Raised {
				RebindStanding::Objected
			} else if T::Time::now() >= p.effective_at {
				RebindStanding::Due
			} else {
				RebindStanding::Waiting
			}
		});
		Some(CitizenView {
			id: citizen,
			active: Self::is_active_record(&record),
			awaiting_reconfirmation: record.status != CitizenStatus::Deregistered
				&& !Self::issuer_current(&record.registered_by, record.registrar_epoch),
			record,
			claims,
			credential_count: CredentialCount::<T>::get(citizen),
			pending_rebind,
			rebind_standing,
		})
	}

	/// The indexes agree: account ↔ citizen ↔ commitment, counters within bounds.
	#[cfg(any(feature = "try-runtime", feature = "std"))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let next = NextCitizenId::<T>::get();
		let mut citizens: u64 = 0;
		for (id, record) in Citizens::<T>::iter() {
			citizens = citizens.saturating_add(1);
			ensure!(id < next, "citizen id at or above NextCitizenId");
			ensure!(
				Commitments::<T>::get(record.commitment) == Some(id),
				"citizen's commitment does not point back to it"
			);
			let bound = CitizenOf::<T>::get(&record.account) == Some(id);
			if record.status == CitizenStatus::Deregistered {
				ensure!(!bound, "deregistered citizen still bound to an account");
				ensure!(
					Claims::<T>::iter_prefix(id).next().is_none() && record.resident.is_none(),
					"deregistered citizen has claims"
				);
			} else {
				ensure!(bound, "citizen's account does not point back to it");
			}
		}
		ensure!(
			Commitments::<T>::iter().count() as u64 == citizens,
			"commitments and citizens differ in number"
		);
		for (id, kind) in Claims::<T>::iter_keys() {
			ensure!(kind != ClaimKind::Resident, "a Resident claim outside its citizen record");
			ensure!(Citizens::<T>::contains_key(id), "a claim of no citizen");
		}
		for (account, id) in CitizenOf::<T>::iter() {
			ensure!(
				Citizens::<T>::get(id).is_some_and(|r| r.account == account),
				"account bound to a citizen that does not know it"
			);
		}
		let mut live = alloc::collections::BTreeMap::<CitizenId, u32>::new();
		for credential in Credentials::<T>::iter_values().filter(|c| !c.revoked) {
			let n = live.entry(credential.citizen).or_default();
			*n = n.saturating_add(1);
		}
		ensure!(
			CredentialCount::<T>::iter()
				.all(|(id, count)| count > 0 && live.get(&id) == Some(&count)),
			"credential count out of step with live credentials"
		);
		ensure!(
			live.iter().all(|(id, n)| {
				CredentialCount::<T>::get(id) == *n && *n <= T::MaxCredentialsPerCitizen::get()
			}),
			"live credentials out of step with their count, or above the bound"
		);
		for (id, pending) in PendingRebinds::<T>::iter() {
			ensure!(
				Citizens::<T>::get(id).is_some_and(|r| r.status != CitizenStatus::Deregistered),
				"rebind pending for an unknown or deregistered citizen"
			);
			ensure!(
				Citizens::<T>::get(id).is_some_and(|r| r.account != pending.new_account),
				"rebind pending to the account the citizen already uses"
			);
		}
		let next_epoch = NextIssuerEpoch::<T>::get();
		for (account, id) in CitizenOf::<T>::iter() {
			ensure!(
				frame_system::Pallet::<T>::providers(&account) > 0,
				"a citizen's account has no provider reference"
			);
			let record = Citizens::<T>::get(id).ok_or("bound to an unknown citizen")?;
			ensure!(
				record.registrar_epoch < next_epoch || record.registrar_epoch == IssuerEpoch::MAX,
				"registrar epoch never assigned"
			);
		}
		for credential in Credentials::<T>::iter_values() {
			ensure!(Citizens::<T>::contains_key(credential.citizen), "credential of no citizen");
		}
		for (digest, ()) in RetiredDigests::<T>::iter() {
			ensure!(!Credentials::<T>::contains_key(digest), "retired digest anchored again");
		}
		for (_, (_, used)) in FreeCallsUsed::<T>::iter() {
			ensure!(used <= T::FreeCallsPerPeriod::get(), "more free calls used than allowed");
		}
		for (account, ()) in DanglingProviders::<T>::iter() {
			ensure!(
				frame_system::Pallet::<T>::providers(&account) > 0,
				"dangling provider recorded for an account without providers"
			);
		}
		Ok(())
	}
}
