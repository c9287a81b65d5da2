//! Test doubles for the cross-pallet traits, so each pallet can be unit-tested alone.
//!
//! State is thread-local: every `#[test]` runs on its own thread and starts empty.

use super::*;
use std::{cell::RefCell, collections::BTreeMap};

thread_local! {
	static NOW: RefCell<Moment> = const { RefCell::new(0) };
	static CITIZENS: RefCell<BTreeMap<CitizenId, (u64, bool)>> = const { RefCell::new(BTreeMap::new()) };
	static CLAIMS: RefCell<BTreeMap<(CitizenId, ClaimKind), (ClaimValue, Moment)>> = const { RefCell::new(BTreeMap::new()) };
	static VOUCHERS: RefCell<BTreeMap<(ProgramId, CitizenId), u128>> = const { RefCell::new(BTreeMap::new()) };
	static PAID: RefCell<BTreeMap<u64, u128>> = const { RefCell::new(BTreeMap::new()) };
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
	#[cfg(feature = "runtime-benchmarks")]
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

/// A voucher ledger that records credits and spends in memory, over `u64` accounts and
/// `u128` balances. `paid(merchant)` tells what a merchant received.
pub struct MockVoucherLedger;

impl MockVoucherLedger {
	/// What `merchant` has been paid in total.
	pub fn paid(merchant: u64) -> u128 {
		PAID.with(|p| p.borrow().get(&merchant).copied().unwrap_or(0))
	}
}

impl VoucherLedger<u64, u128> for MockVoucherLedger {
	fn credit(program: ProgramId, citizen: CitizenId, amount: u128) -> DispatchResult {
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
	fn expire(program: ProgramId, citizen: CitizenId) -> Result<u128, DispatchError> {
		Ok(VOUCHERS.with(|v| v.borrow_mut().remove(&(program, citizen)).unwrap_or(0)))
	}
	fn balance(program: ProgramId, citizen: CitizenId) -> u128 {
		VOUCHERS.with(|v| v.borrow().get(&(program, citizen)).copied().unwrap_or(0))
	}
}
