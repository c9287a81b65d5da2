//! Test doubles for the cross-pallet traits, so each pallet can be unit-tested alone, and the
//! traits' contracts as conformance suites ([`registry_conformance`], [`ledger_conformance`])
//! that run against the doubles here and against the real pallets in their own tests, so a
//! double cannot drift from the pallet it stands for.
//!
//! State is thread-local: every `#[test]` runs on its own thread and starts empty.

use super::*;
use std::{cell::RefCell, collections::BTreeMap};

/// A hold of the ledger double: the citizen, the merchant, the amount.
type HoldEntry = (CitizenId, u64, u128);

thread_local! {
	static NOW: RefCell<Moment> = const { RefCell::new(0) };
	static CITIZENS: RefCell<BTreeMap<CitizenId, (u64, bool)>> = const { RefCell::new(BTreeMap::new()) };
	static CLAIMS: RefCell<BTreeMap<(CitizenId, ClaimKind), (ClaimValue, Moment)>> = const { RefCell::new(BTreeMap::new()) };
	static VOUCHERS: RefCell<BTreeMap<(ProgramId, CitizenId), u128>> = const { RefCell::new(BTreeMap::new()) };
	static PAID: RefCell<BTreeMap<u64, u128>> = const { RefCell::new(BTreeMap::new()) };
	static DEREGISTERED: RefCell<alloc::collections::BTreeSet<CitizenId>> = const { RefCell::new(alloc::collections::BTreeSet::new()) };
	static PROGRAMS: RefCell<BTreeMap<ProgramId, (ProgramOwner, u128, Moment)>> = const { RefCell::new(BTreeMap::new()) };
	static WITHDRAWN: RefCell<BTreeMap<u64, u128>> = const { RefCell::new(BTreeMap::new()) };
	static HOLDS: RefCell<BTreeMap<(ProgramId, HoldId), HoldEntry>> = const { RefCell::new(BTreeMap::new()) };
}

/// Moments the tests of every pallet start from.
pub mod epochs {
	use crate::Moment;
	/// 2026-01-01 00:00 UTC.
	pub const JAN_1_2026: Moment = 1_767_225_600_000;
	/// 2026-05-22 00:00 UTC: multi-child education points open for applications.
	pub const MAY_22_2026: Moment = 1_779_408_000_000;
}

/// A clock tests can set: implements `frame_support::traits::Time` and `UnixTime`.
pub struct MockTime;

impl MockTime {
	/// Set the current time (ms since the Unix epoch).
	pub fn set(now: Moment) {
		NOW.with(|n| *n.borrow_mut() = now);
	}
	/// Move the clock forward by `by` ms.
	pub fn advance(by: Moment) {
		NOW.with(|n| {
			let next = n.borrow().saturating_add(by);
			*n.borrow_mut() = next
		});
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkClock for MockTime {
	fn set_now(now: Moment) {
		Self::set(now)
	}
}

impl frame_support::traits::Time for MockTime {
	type Moment = Moment;
	fn now() -> Moment {
		NOW.with(|n| *n.borrow())
	}
}

/// A citizen registry over `u64` accounts. Claims are valid until their `valid_until`,
/// judged against [`MockTime`].
pub struct MockCitizenRegistry;

impl MockCitizenRegistry {
	/// Bind `citizen` to `account` (active).
	pub fn add_citizen(citizen: CitizenId, account: u64) {
		CITIZENS.with(|c| c.borrow_mut().insert(citizen, (account, true)));
	}
	/// Suspend or resume `citizen`.
	pub fn set_active(citizen: CitizenId, active: bool) {
		CITIZENS.with(|c| {
			if let Some(entry) = c.borrow_mut().get_mut(&citizen) {
				entry.1 = active;
			}
		});
	}
	/// `citizen` gives up the ID: no account, no claims.
	pub fn deregister(citizen: CitizenId) {
		CITIZENS.with(|c| c.borrow_mut().remove(&citizen));
		DEREGISTERED.with(|d| d.borrow_mut().insert(citizen));
	}
	/// Move `citizen` to a new account (as a recovery would).
	pub fn rebind(citizen: CitizenId, account: u64) {
		CITIZENS.with(|c| {
			if let Some(entry) = c.borrow_mut().get_mut(&citizen) {
				entry.0 = account;
			}
		});
	}
	/// Give `citizen` a claim valid until `valid_until`.
	pub fn add_claim(citizen: CitizenId, value: ClaimValue, valid_until: Moment) {
		CLAIMS.with(|c| c.borrow_mut().insert((citizen, value.kind()), (value, valid_until)));
	}
	/// Take a claim away.
	pub fn remove_claim(citizen: CitizenId, kind: ClaimKind) {
		CLAIMS.with(|c| c.borrow_mut().remove(&(citizen, kind)));
	}
}

impl CitizenRegistry<u64> for MockCitizenRegistry {
	fn citizen_of(who: &u64) -> Option<CitizenId> {
		CITIZENS.with(|c| {
			c.borrow()
				.iter()
				.find(|(_, (account, active))| account == who && *active)
				.map(|(id, _)| *id)
		})
	}
	fn account_of(citizen: CitizenId) -> Option<u64> {
		CITIZENS.with(|c| c.borrow().get(&citizen).map(|(account, _)| *account))
	}
	fn valid_claim(citizen: CitizenId, kind: ClaimKind) -> Option<ValidClaim<u64>> {
		let active = CITIZENS.with(|c| c.borrow().get(&citizen).map(|e| e.1)).unwrap_or(false);
		let now = <MockTime as frame_support::traits::Time>::now();
		CLAIMS.with(|c| {
			c.borrow().get(&(citizen, kind)).and_then(|(value, until)| {
				(active && now < *until).then(|| ValidClaim {
					value: value.clone(),
					issuer: 0,
					valid_until: *until,
				})
			})
		})
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl BenchmarkCitizens<u64> for MockCitizenRegistry {
	fn benchmark_citizen(
		account: &u64,
		claims: &[ClaimValue],
		valid_until: Moment,
	) -> Result<CitizenId, DispatchError> {
		let id = CITIZENS.with(|c| c.borrow().len() as CitizenId);
		Self::add_citizen(id, *account);
		for claim in claims {
			Self::add_claim(id, claim.clone(), valid_until);
		}
		Ok(id)
	}
}

/// A voucher ledger that records credits, spends and holds in memory, over `u64` accounts
/// and `u128` balances. `paid(merchant)` tells what a merchant received. A program must be
/// opened with [`MockVoucherLedger::open`] (owner, budget, spend-until) before it is credited.
/// Program `p`'s account is [`MockVoucherLedger::program_account`]`(p)`: `1_000_000 + p`.
pub struct MockVoucherLedger;

/// The first program account of the ledger double (program 0's).
const PROGRAM_ACCOUNTS: u64 = 1_000_000;

impl MockVoucherLedger {
	/// The account of `program` (of one that exists or not yet): `1_000_000 + program`. The
	/// double keeps no balances there; a mock that moves money for it uses this account.
	pub const fn program_account(program: ProgramId) -> u64 {
		PROGRAM_ACCOUNTS + program as u64
	}
	/// What `merchant` has been paid in total.
	pub fn paid(merchant: u64) -> u128 {
		PAID.with(|p| p.borrow().get(&merchant).copied().unwrap_or(0))
	}
	/// What programs have paid `to` through `ServicePrograms::withdraw`.
	pub fn withdrawn(to: u64) -> u128 {
		WITHDRAWN.with(|w| w.borrow().get(&to).copied().unwrap_or(0))
	}
	/// Open `program` owned by `owner` with `budget`, spendable until `spend_until`.
	pub fn open(program: ProgramId, owner: ProgramOwner, budget: u128, spend_until: Moment) {
		PROGRAMS.with(|p| p.borrow_mut().insert(program, (owner, budget, spend_until)));
	}
	/// An officer recovers `citizen`'s voucher under `program` (a clawback): what is left
	/// returns to the free budget and the citizen holds no voucher there any more.
	pub fn recover(program: ProgramId, citizen: CitizenId) -> u128 {
		let amount = VOUCHERS.with(|v| v.borrow_mut().remove(&(program, citizen)).unwrap_or(0));
		Self::add_free(program, amount);
		amount
	}
	/// The free budget of `program`.
	pub fn free(program: ProgramId) -> u128 {
		PROGRAMS.with(|p| p.borrow().get(&program).map(|e| e.1).unwrap_or(0))
	}
	fn owned(owner: ProgramOwner, program: ProgramId) -> DispatchResult {
		match PROGRAMS.with(|p| p.borrow().get(&program).map(|e| e.0)) {
			None => Err(DispatchError::Other("unknown program")),
			Some(o) if o != owner => Err(DispatchError::Other("not the program's owner")),
			Some(_) => Ok(()),
		}
	}
	fn live(program: ProgramId) -> bool {
		let now = <MockTime as frame_support::traits::Time>::now();
		PROGRAMS.with(|p| p.borrow().get(&program).is_some_and(|e| now < e.2))
	}
	fn take_free(program: ProgramId, amount: u128) {
		PROGRAMS.with(|p| {
			if let Some(e) = p.borrow_mut().get_mut(&program) {
				e.1 = e.1.saturating_sub(amount);
			}
		});
	}
	fn add_free(program: ProgramId, amount: u128) {
		PROGRAMS.with(|p| {
			if let Some(e) = p.borrow_mut().get_mut(&program) {
				e.1 = e.1.saturating_add(amount);
			}
		});
	}
}

impl VoucherLedger<u64, u128> for MockVoucherLedger {
	fn credit(
		owner: ProgramOwner,
		program: ProgramId,
		citizen: CitizenId,
		amount: u128,
	) -> DispatchResult {
		Self::owned(owner, program)?;
		if !Self::live(program) {
			return Err(DispatchError::Other("program expired"));
		}
		PROGRAMS.with(|p| {
			let mut p = p.borrow_mut();
			let e = p.get_mut(&program).ok_or(DispatchError::Other("unknown program"))?;
			e.1 = e.1.checked_sub(amount).ok_or(DispatchError::Other("budget exhausted"))?;
			Ok::<(), DispatchError>(())
		})?;
		VOUCHERS.with(|v| {
			let mut v = v.borrow_mut();
			let entry = v.entry((program, citizen)).or_default();
			*entry = entry.checked_add(amount).ok_or(DispatchError::Other("overflow"))?;
			Ok(())
		})
	}
	fn spend(
		program: ProgramId,
		citizen: CitizenId,
		merchant: &u64,
		amount: u128,
	) -> DispatchResult {
		if !Self::live(program) {
			return Err(DispatchError::Other("program expired"));
		}
		VOUCHERS.with(|v| {
			let mut v = v.borrow_mut();
			let entry = v.get_mut(&(program, citizen)).ok_or(DispatchError::Other("no voucher"))?;
			*entry =
				entry.checked_sub(amount).ok_or(DispatchError::Other("insufficient voucher"))?;
			Ok::<(), DispatchError>(())
		})?;
		PAID.with(|p| *p.borrow_mut().entry(*merchant).or_default() += amount);
		Ok(())
	}
	fn hold(
		owner: ProgramOwner,
		program: ProgramId,
		citizen: CitizenId,
		merchant: &u64,
		amount: u128,
	) -> Result<HoldId, DispatchError> {
		Self::owned(owner, program)?;
		if !Self::live(program) {
			return Err(DispatchError::Other("program expired"));
		}
		VOUCHERS.with(|v| {
			let mut v = v.borrow_mut();
			let entry = v.get_mut(&(program, citizen)).ok_or(DispatchError::Other("no voucher"))?;
			*entry =
				entry.checked_sub(amount).ok_or(DispatchError::Other("insufficient voucher"))?;
			Ok::<(), DispatchError>(())
		})?;
		Ok(HOLDS.with(|h| {
			let mut h = h.borrow_mut();
			let id = h.keys().filter(|(p, _)| *p == program).count() as HoldId;
			h.insert((program, id), (citizen, *merchant, amount));
			id
		}))
	}
	fn release(owner: ProgramOwner, program: ProgramId, hold: HoldId) -> DispatchResult {
		Self::owned(owner, program)?;
		let (citizen, _, amount) = HOLDS
			.with(|h| h.borrow_mut().remove(&(program, hold)))
			.ok_or(DispatchError::Other("unknown hold"))?;
		if Self::live(program) {
			VOUCHERS.with(|v| *v.borrow_mut().entry((program, citizen)).or_default() += amount);
		} else {
			Self::add_free(program, amount);
		}
		Ok(())
	}
	fn settle(owner: ProgramOwner, program: ProgramId, hold: HoldId) -> DispatchResult {
		Self::owned(owner, program)?;
		let (_, merchant, amount) = HOLDS
			.with(|h| h.borrow_mut().remove(&(program, hold)))
			.ok_or(DispatchError::Other("unknown hold"))?;
		PAID.with(|p| *p.borrow_mut().entry(merchant).or_default() += amount);
		Ok(())
	}
	fn expire(
		owner: ProgramOwner,
		program: ProgramId,
		citizen: CitizenId,
	) -> Result<u128, DispatchError> {
		Self::owned(owner, program)?;
		// As policy funds does: the voucher is kept, empty.
		let amount = VOUCHERS.with(|v| {
			v.borrow_mut().get_mut(&(program, citizen)).map(core::mem::take).unwrap_or(0)
		});
		Self::add_free(program, amount);
		Ok(amount)
	}
	fn balance(program: ProgramId, citizen: CitizenId) -> u128 {
		if !Self::live(program) {
			return 0;
		}
		VOUCHERS.with(|v| v.borrow().get(&(program, citizen)).copied().unwrap_or(0))
	}
	fn has_voucher(program: ProgramId, citizen: CitizenId) -> bool {
		VOUCHERS.with(|v| v.borrow().contains_key(&(program, citizen)))
	}
	fn held(program: ProgramId, hold: HoldId) -> Option<(CitizenId, u64, u128)> {
		HOLDS.with(|h| h.borrow().get(&(program, hold)).copied())
	}
}

/// Programs opened by services, over the same in-memory ledger. Funding moves nothing (the
/// double keeps no balances); it only grows the free budget.
impl ServicePrograms<u64, u128> for MockVoucherLedger {
	fn open_program(
		owner: ProgramOwner,
		spec: ProgramSpec,
		_funder: &u64,
		budget: u128,
	) -> Result<ProgramId, DispatchError> {
		let now = <MockTime as frame_support::traits::Time>::now();
		if spec.spend_until <= now {
			return Err(DispatchError::Other("spend_until in the past"));
		}
		let id = PROGRAMS.with(|p| p.borrow().keys().max().map_or(0, |m| m + 1));
		Self::open(id, owner, budget, spec.spend_until);
		Ok(id)
	}
	fn fund_program(
		owner: ProgramOwner,
		program: ProgramId,
		_funder: &u64,
		amount: u128,
	) -> DispatchResult {
		Self::owned(owner, program)?;
		Self::add_free(program, amount);
		Ok(())
	}
	fn withdraw(owner: ProgramOwner, program: ProgramId, to: &u64, amount: u128) -> DispatchResult {
		Self::owned(owner, program)?;
		if Self::free(program) < amount {
			return Err(DispatchError::Other("free budget too small"));
		}
		Self::take_free(program, amount);
		WITHDRAWN.with(|w| *w.borrow_mut().entry(*to).or_default() += amount);
		Ok(())
	}
	fn free_budget(program: ProgramId) -> u128 {
		Self::free(program)
	}
	fn is_program_account(who: &u64) -> bool {
		who.checked_sub(PROGRAM_ACCOUNTS).is_some_and(|p| p <= u64::from(ProgramId::MAX))
	}
}

/// What [`registry_conformance`] needs to drive a registry: the double or the real pallet.
/// Accounts are `u64`, as in every mock runtime here.
pub trait RegistryHarness {
	/// The registry under test.
	type Registry: CitizenRegistry<u64>;
	/// Register a citizen acting through `account`; returns its id.
	fn register(account: u64) -> CitizenId;
	/// Suspend (`true`) or resume an ID.
	fn set_suspended(citizen: CitizenId, suspended: bool);
	/// The citizen gives up the ID.
	fn deregister(citizen: CitizenId);
	/// Move the ID to `account` (a completed recovery).
	fn rebind(citizen: CitizenId, account: u64);
	/// Attest `claim`, valid from now until `valid_until`.
	fn attest(citizen: CitizenId, claim: ClaimValue, valid_until: Moment);
	/// Move the clock forward.
	fn advance(by: Moment);
	/// The current time.
	fn now() -> Moment;
}

/// The [`CitizenRegistry`] contract. Run it in a fresh state.
pub fn registry_conformance<H: RegistryHarness>() {
	type R<H> = <H as RegistryHarness>::Registry;
	let resident = ClaimValue::Resident { zone: 7, since: 0 };
	let alice = H::register(1_001);
	let bob = H::register(1_002);
	assert_ne!(alice, bob, "ids are distinct");
	// An active citizen: found by account and by id, claims valid in their window.
	assert_eq!(R::<H>::citizen_of(&1_001), Some(alice));
	assert_eq!(R::<H>::account_of(alice), Some(1_001));
	assert!(R::<H>::is_active(alice));
	assert_eq!(R::<H>::standing(alice), Some((1_001, true)));
	assert_eq!(R::<H>::citizen_of(&1_999), None, "an unknown account is no citizen");
	assert!(!R::<H>::has_valid_claim(alice, ClaimKind::Resident));
	H::attest(alice, resident.clone(), H::now().saturating_add(10 * DAY));
	let claim = R::<H>::valid_claim(alice, ClaimKind::Resident).expect("valid claim");
	assert_eq!(claim.value, resident);
	assert_eq!(claim.valid_until, H::now().saturating_add(10 * DAY));
	assert!(!R::<H>::has_valid_claim(alice, ClaimKind::YouthAgeBand), "only what was attested");
	// Suspended: still bound to its account, but no citizen for services, no valid claims.
	H::set_suspended(alice, true);
	assert_eq!(R::<H>::citizen_of(&1_001), None);
	assert_eq!(R::<H>::account_of(alice), Some(1_001), "the binding stays while suspended");
	assert!(!R::<H>::is_active(alice));
	assert_eq!(R::<H>::standing(alice), Some((1_001, false)), "suspended, still bound");
	assert!(!R::<H>::has_valid_claim(alice, ClaimKind::Resident));
	H::set_suspended(alice, false);
	assert_eq!(R::<H>::standing(alice), Some((1_001, true)));
	assert!(R::<H>::has_valid_claim(alice, ClaimKind::Resident));
	// Expiry needs no transaction.
	H::advance(10 * DAY);
	assert!(!R::<H>::has_valid_claim(alice, ClaimKind::Resident), "expired at valid_until");
	// A rebind moves the ID; benefits keyed by the id follow it.
	H::rebind(alice, 1_003);
	assert_eq!(R::<H>::citizen_of(&1_003), Some(alice));
	assert_eq!(R::<H>::citizen_of(&1_001), None);
	assert_eq!(R::<H>::account_of(alice), Some(1_003));
	assert_eq!(R::<H>::standing(alice), Some((1_003, true)), "the new key, active");
	// Deregistered: no account, no citizen, no claims.
	H::attest(bob, resident, H::now().saturating_add(DAY));
	H::deregister(bob);
	assert_eq!(R::<H>::citizen_of(&1_002), None);
	assert_eq!(R::<H>::account_of(bob), None);
	assert!(!R::<H>::is_active(bob));
	assert_eq!(R::<H>::standing(bob), None);
	assert!(!R::<H>::has_valid_claim(bob, ClaimKind::Resident));
}

/// A test harness over the double itself.
pub struct MockRegistryHarness;

impl RegistryHarness for MockRegistryHarness {
	type Registry = MockCitizenRegistry;
	fn register(account: u64) -> CitizenId {
		let id = CITIZENS.with(|c| c.borrow().keys().max().map_or(0, |m| m + 1));
		let id = id.max(DEREGISTERED.with(|d| d.borrow().iter().max().map_or(0, |m| m + 1)));
		MockCitizenRegistry::add_citizen(id, account);
		id
	}
	fn set_suspended(citizen: CitizenId, suspended: bool) {
		MockCitizenRegistry::set_active(citizen, !suspended)
	}
	fn deregister(citizen: CitizenId) {
		MockCitizenRegistry::deregister(citizen);
		for kind in ClaimKind::ALL {
			MockCitizenRegistry::remove_claim(citizen, kind);
		}
	}
	fn rebind(citizen: CitizenId, account: u64) {
		MockCitizenRegistry::rebind(citizen, account)
	}
	fn attest(citizen: CitizenId, claim: ClaimValue, valid_until: Moment) {
		MockCitizenRegistry::add_claim(citizen, claim, valid_until)
	}
	fn advance(by: Moment) {
		MockTime::advance(by)
	}
	fn now() -> Moment {
		<MockTime as frame_support::traits::Time>::now()
	}
}

/// What [`ledger_conformance`] needs to drive a ledger: the double or the real pallet.
pub trait LedgerHarness {
	/// The ledger under test.
	type Ledger: VoucherLedger<u64, u128> + ServicePrograms<u64, u128>;
	/// A program owned by `owner` with `budget` of free money, spendable for `days` days,
	/// where `merchant` may take its vouchers. Returns its id.
	fn program(owner: ProgramOwner, budget: u128, days: u64, merchant: u64) -> ProgramId;
	/// The account `program`'s money is kept in.
	fn program_account(program: ProgramId) -> u64;
	/// A citizen who may spend (active); returns its id.
	fn citizen(account: u64) -> CitizenId;
	/// What `merchant` holds of the local currency (what it was paid).
	fn paid(merchant: u64) -> u128;
	/// Move the clock forward.
	fn advance(by: Moment);
}

/// The [`VoucherLedger`] contract. Run it in a fresh state.
pub fn ledger_conformance<H: LedgerHarness>() {
	type L<H> = <H as LedgerHarness>::Ledger;
	let owner = ProgramOwner::Service(*b"py/tests");
	let stranger = ProgramOwner::Service(*b"py/other");
	let merchant = 2_001;
	let program = H::program(owner, 1_000, 10, merchant);
	let alice = H::citizen(2_002);
	// A program's account is known as one (no service may take it as its treasury); a
	// merchant's or a citizen's is not.
	assert!(<L<H> as ServicePrograms<u64, u128>>::is_program_account(&H::program_account(program)));
	assert!(!<L<H> as ServicePrograms<u64, u128>>::is_program_account(&merchant));
	assert!(!<L<H> as ServicePrograms<u64, u128>>::is_program_account(&2_002));
	// Only the owner credits; the budget bounds it.
	assert!(L::<H>::credit(stranger, program, alice, 100).is_err());
	assert!(L::<H>::credit(ProgramOwner::City, program, alice, 100).is_err());
	assert!(L::<H>::credit(owner, program, alice, 1_001).is_err(), "more than the budget");
	assert_eq!(L::<H>::balance(program, alice), 0);
	assert!(L::<H>::credit(owner, program, alice, 300).is_ok());
	assert_eq!(L::<H>::balance(program, alice), 300);
	// Spending pays the merchant at once; no more than the voucher holds.
	let before = H::paid(merchant);
	assert!(L::<H>::spend(program, alice, &merchant, 301).is_err());
	assert!(L::<H>::spend(program, alice, &merchant, 50).is_ok());
	assert_eq!(H::paid(merchant) - before, 50);
	assert_eq!(L::<H>::balance(program, alice), 250);
	// A hold sets part aside; a release gives it back; a settlement pays the merchant.
	assert!(L::<H>::hold(stranger, program, alice, &merchant, 10).is_err());
	assert!(L::<H>::hold(owner, program, alice, &merchant, 251).is_err());
	let hold = L::<H>::hold(owner, program, alice, &merchant, 100).expect("hold");
	assert_eq!(L::<H>::balance(program, alice), 150);
	assert_eq!(L::<H>::held(program, hold), Some((alice, merchant, 100)));
	assert!(L::<H>::release(stranger, program, hold).is_err());
	assert!(L::<H>::release(owner, program, hold).is_ok());
	assert_eq!(L::<H>::balance(program, alice), 250);
	assert_eq!(L::<H>::held(program, hold), None);
	assert!(L::<H>::release(owner, program, hold).is_err(), "released once");
	let hold = L::<H>::hold(owner, program, alice, &merchant, 70).expect("hold");
	let before = H::paid(merchant);
	assert!(L::<H>::settle(stranger, program, hold).is_err());
	assert!(L::<H>::settle(owner, program, hold).is_ok());
	assert_eq!(H::paid(merchant) - before, 70);
	assert!(L::<H>::settle(owner, program, hold).is_err(), "settled once");
	assert_eq!(L::<H>::balance(program, alice), 180);
	// Taking back: only the owner; returns what is left.
	assert!(L::<H>::expire(stranger, program, alice).is_err());
	assert_eq!(L::<H>::expire(owner, program, alice).ok(), Some(180));
	assert_eq!(L::<H>::balance(program, alice), 0);
	// After the spending window nothing can be spent, and a hold released goes to the budget.
	assert!(L::<H>::credit(owner, program, alice, 100).is_ok());
	let hold = L::<H>::hold(owner, program, alice, &merchant, 40).expect("hold");
	H::advance(10 * DAY);
	assert_eq!(L::<H>::balance(program, alice), 0);
	assert!(L::<H>::spend(program, alice, &merchant, 1).is_err());
	assert!(L::<H>::credit(owner, program, alice, 1).is_err());
	assert!(L::<H>::release(owner, program, hold).is_ok());
	assert_eq!(L::<H>::balance(program, alice), 0);
}

/// A test harness over the double itself.
pub struct MockLedgerHarness;

impl LedgerHarness for MockLedgerHarness {
	type Ledger = MockVoucherLedger;
	fn program(owner: ProgramOwner, budget: u128, days: u64, _merchant: u64) -> ProgramId {
		let id = PROGRAMS.with(|p| p.borrow().len() as ProgramId);
		let now = <MockTime as frame_support::traits::Time>::now();
		MockVoucherLedger::open(id, owner, budget, now.saturating_add(days * DAY));
		id
	}
	fn program_account(program: ProgramId) -> u64 {
		MockVoucherLedger::program_account(program)
	}
	fn citizen(account: u64) -> CitizenId {
		MockRegistryHarness::register(account)
	}
	fn paid(merchant: u64) -> u128 {
		MockVoucherLedger::paid(merchant)
	}
	fn advance(by: Moment) {
		MockTime::advance(by)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_registry_double_keeps_the_contract() {
		registry_conformance::<MockRegistryHarness>();
	}

	#[test]
	fn the_ledger_double_keeps_the_contract() {
		ledger_conformance::<MockLedgerHarness>();
	}
}

thread_local! {
	static OTHERS_MONEY: RefCell<alloc::collections::BTreeSet<u64>> = const { RefCell::new(alloc::collections::BTreeSet::new()) };
}

/// A [`KeepsOthersMoney`](crate::KeepsOthersMoney) double: the accounts a test names with
/// [`MockOthersMoney::add`] keep others' money.
pub struct MockOthersMoney;

impl MockOthersMoney {
	/// From now on `who` keeps others' money (a facility's or a keeping account, say).
	pub fn add(who: u64) {
		OTHERS_MONEY.with(|a| a.borrow_mut().insert(who));
	}
}

impl crate::KeepsOthersMoney<u64> for MockOthersMoney {
	fn keeps_others_money(who: &u64) -> bool {
		OTHERS_MONEY.with(|a| a.borrow().contains(who))
	}
}
