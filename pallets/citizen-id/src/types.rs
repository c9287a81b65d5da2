//! Records kept by the citizen ID pallet, and the read-only views served to wallets and
//! merchants.

use citizen_primitives::{ClaimKind, ClaimStatus, ClaimValue, Commitment, Moment, ZoneId};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::ConstU32, BoundedBTreeSet};
use scale_info::TypeInfo;

/// Every registration of an issuer gets a fresh epoch. A claim or credential remembers the
/// epoch of the issuer that attested it, so removing an issuer (or removing and re-adding it)
/// suspends what it attested without touching a single stored claim.
pub type IssuerEpoch = u32;

/// The claim kinds an issuer may attest: a set, so a kind cannot be listed twice. There are few
/// kinds, so this is tiny. (It encodes like the list version 1 stored.)
pub type ClaimKinds = BoundedBTreeSet<ClaimKind, ConstU32<{ ClaimKind::ALL.len() as u32 }>>;

/// `kinds` as a set; repeats collapse. Every distinct kind fits.
pub fn claim_kinds(kinds: impl IntoIterator<Item = ClaimKind>) -> ClaimKinds {
	let mut set = ClaimKinds::new();
	for kind in kinds {
		// Cannot fail: the bound is the number of kinds there are.
		let _ = set.try_insert(kind);
	}
	set
}

/// A registered issuer: a district office, the partner bank, an agency.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct IssuerInfo {
	/// The kinds of claim this issuer may attest.
	pub kinds: ClaimKinds,
	/// This registration's epoch.
	pub epoch: IssuerEpoch,
}

/// Whether a citizen's ID can be used.
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
pub enum CitizenStatus {
	/// In use.
	Active,
	/// On hold, e.g. after a lost phone; claims read as suspended until resumed.
	Suspended,
	/// Given up by the citizen. The commitment stays reserved so the ID cannot be re-created.
	Deregistered,
}

/// A citizen's on-chain record. Deliberately holds no personal data: the commitment is a
/// salted hash of the resident number, and the zone is a coarse living area.
///
/// Since storage version 3 the record also holds the citizen's Resident claim, if any: every
/// citizen has one, and keeping it here saves a storage entry per citizen (a write at
/// registration, a read at every verification). Claims of other kinds live in `Claims`.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub struct CitizenRecord<AccountId> {
	/// The account that acts for the citizen now.
	pub account: AccountId,
	/// Salted commitment of the resident number (one person, one ID).
	pub commitment: Commitment,
	/// Home living zone.
	pub home_zone: ZoneId,
	/// Whether the ID can be used.
	pub status: CitizenStatus,
	/// The issuer that registered (or last re-confirmed) the citizen.
	pub registered_by: AccountId,
	/// When.
	pub registered_at: Moment,
	/// The epoch of `registered_by` when it registered or re-confirmed the citizen. Once that
	/// issuer is removed the ID reads as suspended until another issuer re-confirms it.
	pub registrar_epoch: IssuerEpoch,
	/// The Resident claim, in `home_zone` (a Resident claim moves the home zone, so the two
	/// never differ). `None` until an issuer attests residence, and after deregistration.
	pub resident: Option<ResidentClaim<AccountId>>,
}

impl<AccountId: Clone> CitizenRecord<AccountId> {
	/// The Resident claim in its general form.
	pub fn resident_claim(&self) -> Option<ClaimRecord<AccountId>> {
		self.resident.as_ref().map(|resident| resident.claim(self.home_zone))
	}
}

/// A Resident claim as the citizen record keeps it: a [`ClaimRecord`] without the zone (the
/// record's `home_zone`) and the value's variant tag.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct ResidentClaim<AccountId> {
	/// Living in the city since (ms).
	pub since: Moment,
	pub issuer: AccountId,
	pub issuer_epoch: IssuerEpoch,
	pub valid_from: Moment,
	pub valid_until: Moment,
	pub state: ClaimState,
}

impl<AccountId: Clone> ResidentClaim<AccountId> {
	/// The claim in its general form, for a citizen living in `zone`.
	pub fn claim(&self, zone: ZoneId) -> ClaimRecord<AccountId> {
		ClaimRecord {
			value: ClaimValue::Resident { zone, since: self.since },
			issuer: self.issuer.clone(),
			issuer_epoch: self.issuer_epoch,
			valid_from: self.valid_from,
			valid_until: self.valid_until,
			state: self.state,
		}
	}

	/// A Resident claim's zone and compact form; any other claim is handed back.
	pub fn from_claim(
		claim: ClaimRecord<AccountId>,
	) -> Result<(ZoneId, Self), ClaimRecord<AccountId>> {
		match claim.value {
			ClaimValue::Resident { zone, since } => Ok((
				zone,
				Self {
					since,
					issuer: claim.issuer,
					issuer_epoch: claim.issuer_epoch,
					valid_from: claim.valid_from,
					valid_until: claim.valid_until,
					state: claim.state,
				},
			)),
			_ => Err(claim),
		}
	}
}

/// Whether a claim attested at `now` may be valid over `[valid_from, valid_until)`: a
/// non-empty window that has not ended.
pub fn window_is_valid(valid_from: Moment, valid_until: Moment, now: Moment) -> bool {
	valid_from < valid_until && valid_until > now
}

/// One citizen of a bulk registration (`register_citizens`): what `register_citizen` takes,
/// and the start of residence for the Resident claim every registered citizen gets.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct NewCitizen<AccountId> {
	/// The account the citizen acts through (must not act for a citizen yet).
	pub account: AccountId,
	/// Salted commitment of the resident number (never registered before).
	pub commitment: Commitment,
	/// Home living zone, and the zone of the Resident claim.
	pub zone: ZoneId,
	/// Living in the city since (ms): the Resident claim's `since`.
	pub since: Moment,
}

/// Whether an issuer has put a claim on hold or withdrawn it. Expiry and issuer removal are
/// not stored: they are judged when the claim is read.
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
pub enum ClaimState {
	Active,
	Suspended,
	Revoked,
}

/// An attested claim.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct ClaimRecord<AccountId> {
	pub value: ClaimValue,
	pub issuer: AccountId,
	pub issuer_epoch: IssuerEpoch,
	pub valid_from: Moment,
	pub valid_until: Moment,
	pub state: ClaimState,
}

/// The digest of an off-chain verifiable credential, anchored for a citizen.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct CredentialRecord<AccountId> {
	pub citizen: citizen_primitives::CitizenId,
	pub issuer: AccountId,
	pub issuer_epoch: IssuerEpoch,
	pub anchored_at: Moment,
	/// `None`: valid until revoked.
	pub valid_until: Option<Moment>,
	pub revoked: bool,
}

/// Where the owner's objection to a pending rebind stands.
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
pub enum RebindObjection {
	/// Nobody has objected: the rebind can be enacted once due.
	None,
	/// The citizen's current account objected: the rebind is paused until the city or an
	/// issuer other than the requester decides.
	Raised,
	/// The objection was overruled: the rebind goes ahead and cannot be objected to again.
	Overruled,
}

/// A key rebind waiting for its delay to pass.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct PendingRebind<AccountId> {
	/// The account the citizen moves to.
	pub new_account: AccountId,
	/// The issuer that asked for it (after an in-person check).
	pub requested_by: AccountId,
	/// The requester's epoch: the request dies with the requester's registration.
	pub issuer_epoch: IssuerEpoch,
	/// From this moment anyone may enact it.
	pub effective_at: Moment,
	/// Whether enacting lifts the ID's suspension: only the suspension in place when the
	/// rebind was requested (the lost phone), never one placed after the request.
	pub lifts_suspension: bool,
	/// The owner's objection.
	pub objection: RebindObjection,
}

/// A pending rebind as it stands now (for wallets and issuers).
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
pub enum RebindStanding {
	/// Waiting for its delay.
	Waiting,
	/// Can be enacted now.
	Due,
	/// Paused by the owner's objection.
	Objected,
	/// Its requester has been removed: it can never be enacted.
	Void,
}

/// The answer to "is this claim valid now?": status, issuer and validity, nothing more.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct ClaimVerdict<AccountId> {
	pub status: ClaimStatus,
	pub issuer: AccountId,
	pub valid_from: Moment,
	pub valid_until: Moment,
	pub value: ClaimValue,
}

/// Why an account's claim cannot be judged: the two "no answer" cases of
/// `citizen_verifyClaim` (`7001`, `7002`). A suspended citizen is no refusal: the verdict's
/// status says `Suspended`.
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
pub enum ClaimRefusal {
	/// The account is bound to no citizen ID (never registered, deregistered, or rebound
	/// away).
	NotACitizen,
	/// The citizen holds no claim of the asked kind.
	NoSuchClaim,
}

/// The most accounts one batch claim query answers (runtime API `verify_claims`, RPC
/// `citizen_verifyClaims`).
pub const MAX_CLAIM_QUERIES: u32 = 1_000;

/// The answer to "is this credential valid now?".
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct CredentialVerdict<AccountId> {
	pub status: ClaimStatus,
	pub citizen: citizen_primitives::CitizenId,
	pub issuer: AccountId,
	pub anchored_at: Moment,
	pub valid_until: Option<Moment>,
}

/// Everything the chain holds about one citizen, for the citizen's own wallet.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct CitizenView<AccountId> {
	pub id: citizen_primitives::CitizenId,
	pub record: CitizenRecord<AccountId>,
	pub claims: alloc::vec::Vec<(ClaimKind, ClaimVerdict<AccountId>)>,
	/// Live (not revoked, not reaped) credentials.
	pub credential_count: u32,
	pub pending_rebind: Option<PendingRebind<AccountId>>,
	/// Where the pending rebind stands now.
	pub rebind_standing: Option<RebindStanding>,
	/// Whether the ID is active now (not suspended, not awaiting re-confirmation, not
	/// deregistered).
	pub active: bool,
	/// The issuer that registered the ID has been removed: it reads as suspended until another
	/// issuer re-confirms it.
	pub awaiting_reconfirmation: bool,
}
