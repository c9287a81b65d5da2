//! Arguments for the calls, drawn from a case's random words *and* the world as it stands
//! (the clock, the ids that exist): mostly values that can succeed (known actors, live ids,
//! today's bookable days), one draw in eight an edge case (zero, the maximum, one past a
//! bound, unknown ids, oversized addresses). A word of 0 gives the most ordinary value, so
//! shrinking a failing case also makes its arguments ordinary.

use crate::world::{self, *};
use citizen_primitives::{ClaimKind, ClaimValue, LocalizedName};
use citizen_runtime::{
	AccountId, Address, Balance, FacilityBooking, Runtime, RuntimeCall, DAY_MS, UNIT,
};
use frame_support::{traits::Get, BoundedVec};
use sp_core::H256;
use sp_runtime::MultiAddress;

/// Random words per call.
pub const ARGS: usize = 12;

pub struct Gen<'a> {
	words: &'a [u64; ARGS],
	next: usize,
	/// Nesting depth of wrapped calls (batches, sudo, proposals).
	pub depth: u8,
	/// Who makes the call, when signed: their own vouchers, bookings and ID come first.
	pub caller: Option<AccountId>,
}

/// SplitMix64: more words from the case's twelve, for calls with many arguments.
fn mix(mut z: u64) -> u64 {
	z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
	z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
	z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
	z ^ (z >> 31)
}

impl<'a> Gen<'a> {
	pub fn new(words: &'a [u64; ARGS]) -> Self {
		Self { words, next: 0, depth: 0, caller: None }
	}

	/// The next random word.
	pub fn word(&mut self) -> u64 {
		let i = self.next;
		self.next += 1;
		match self.words.get(i) {
			Some(w) => *w,
			None => mix(self.words[i % ARGS] ^ (i as u64).rotate_left(32)),
		}
	}

	pub fn below(&mut self, n: usize) -> usize {
		(self.word() % n.max(1) as u64) as usize
	}

	pub fn flag(&mut self) -> bool {
		self.word() % 2 == 1
	}

	/// One of `typical` (seven draws in eight), else one of `edge`.
	pub fn pick<T: Clone>(&mut self, typical: &[T], edge: &[T]) -> T {
		let w = self.word();
		if edge.is_empty() || w % 8 != 7 {
			typical[((w >> 3) % typical.len() as u64) as usize].clone()
		} else {
			edge[((w >> 3) % edge.len() as u64) as usize].clone()
		}
	}

	// ---- The world ----

	pub fn now(&self) -> u64 {
		pallet_timestamp::Now::<Runtime>::get()
	}

	/// A known actor.
	pub fn actor(&mut self) -> usize {
		self.below(ACTORS.len())
	}

	pub fn account(&mut self) -> AccountId {
		let actor = self.actor();
		world::account(actor)
	}

	/// An account as extrinsics name it: a known actor, rarely an unknown account, an address
	/// that does not resolve, or an oversized raw address.
	pub fn who(&mut self) -> Address {
		let actor = self.actor();
		let known = MultiAddress::Id(world::account(actor));
		self.pick(
			&[known],
			&[
				MultiAddress::Id(AccountId::new([0xEE; 32])),
				MultiAddress::Index(()),
				MultiAddress::Address20([7; 20]),
				MultiAddress::Raw(vec![0xAB; 300]),
				MultiAddress::Address32([0x20; 32]),
			],
		)
	}

	/// Where money may go: a known actor, or (one in four) an account of a service (a program,
	/// a round's keeping account, a facility): a donation.
	pub fn dest(&mut self) -> Address {
		if self.word() % 4 == 3 {
			MultiAddress::Id(self.service_account())
		} else {
			self.who()
		}
	}

	/// A treasury the city may name: a known actor, or (one in four) an account where a
	/// service keeps others' money — a program's, a facility's, a round's keeping account —
	/// which the services refuse (`regression_treasury_is_a_*`).
	pub fn treasury(&mut self) -> Address {
		if self.word() % 4 == 3 {
			MultiAddress::Id(self.service_account())
		} else {
			self.who()
		}
	}

	pub fn service_account(&mut self) -> AccountId {
		match self.below(3) {
			0 => citizen_runtime::PolicyFunds::program_account(self.program()),
			1 => citizen_runtime::YouthCulturePass::keeping_account(self.round()),
			_ => FacilityBooking::facility_account(self.facility()),
		}
	}

	/// An actor from `actors`, mostly.
	pub fn one_of(&mut self, actors: &[usize]) -> AccountId {
		let mut all: Vec<usize> = actors.to_vec();
		let any = self.actor();
		let w = self.word();
		if w % 8 == 7 {
			all = vec![any];
		}
		world::account(all[((w >> 3) % all.len() as u64) as usize])
	}

	pub fn citizen_account(&mut self) -> Address {
		MultiAddress::Id(self.one_of(&[C0, C0 + 1, C0 + 2, C0 + 3, C_SUSPENDED, NEWPHONE, SPARE]))
	}

	pub fn merchant(&mut self) -> Address {
		let m = self.one_of(&[BOOKSHOP, BOOKSHOP, CRAM_SCHOOL, ORGANISER]);
		self.pick(&[MultiAddress::Id(m)], &[MultiAddress::Raw(vec![1; 64])])
	}

	/// Ids: `0..next` mostly (and `also`, twice), else `next`, `next + 1` or the maximum.
	fn id(&mut self, next: u64, max: u64, also: &[u64]) -> u64 {
		let mut live: Vec<u64> = (0..next.max(1)).collect();
		live.extend(also);
		live.extend(also);
		self.pick(&live, &[next, next.saturating_add(1), max])
	}

	/// The caller's citizen id, if the caller is a citizen.
	pub fn my_citizen(&self) -> Option<u64> {
		pallet_citizen_id::CitizenOf::<Runtime>::get(self.caller.as_ref()?)
	}

	/// A citizen: any, the caller, or one with a rebind pending.
	pub fn citizen(&mut self) -> u64 {
		let mut also: Vec<u64> =
			pallet_citizen_id::PendingRebinds::<Runtime>::iter_keys().take(8).collect();
		also.extend(self.my_citizen());
		self.id(pallet_citizen_id::NextCitizenId::<Runtime>::get(), u64::MAX, &also)
	}

	/// A program: any, or one the caller holds a voucher in.
	pub fn program(&mut self) -> u32 {
		let also: Vec<u64> = match self.my_citizen() {
			// The caller's own records: one prefix of `Participants` (citizen, then program).
			Some(me) => pallet_policy_funds::Participants::<Runtime>::iter_prefix(me)
				.filter(|(_, record)| record.voucher.is_some())
				.map(|(program, _)| program.into())
				.take(8)
				.collect(),
			None => vec![],
		};
		self.id(pallet_policy_funds::NextProgramId::<Runtime>::get().into(), u32::MAX.into(), &also)
			as u32
	}

	/// Up to 32 `(program, citizen)` whose participant record `has` something.
	fn participants(
		has: fn(&pallet_policy_funds::ParticipantOf<Runtime>) -> bool,
	) -> Vec<(u32, u64)> {
		pallet_policy_funds::Participants::<Runtime>::iter()
			.filter(|(_, _, record)| has(record))
			.map(|(citizen, program, _)| (program, citizen))
			.take(32)
			.collect()
	}

	/// A (program, citizen) with a voucher, most often.
	pub fn voucher(&mut self) -> (u32, u64) {
		let all = Self::participants(|r| r.voucher.is_some());
		if all.is_empty() || self.word() % 4 == 3 {
			return (self.program(), self.citizen());
		}
		all[self.below(all.len())]
	}

	/// A (program, citizen) with an application, most often.
	pub fn application(&mut self) -> (u32, u64) {
		let all = Self::participants(|r| r.application.is_some());
		if all.is_empty() || self.word() % 4 == 3 {
			return (self.program(), self.citizen());
		}
		all[self.below(all.len())]
	}

	pub fn round(&mut self) -> u32 {
		self.id(
			pallet_youth_culture_pass::NextRoundId::<Runtime>::get().into(),
			u32::MAX.into(),
			&[],
		) as u32
	}

	pub fn offer(&mut self) -> u32 {
		self.id(
			pallet_youth_culture_pass::NextOfferId::<Runtime>::get().into(),
			u32::MAX.into(),
			&[],
		) as u32
	}

	/// A facility: any, most often the manager's (0, 3 and 8).
	pub fn facility(&mut self) -> u32 {
		self.id(
			pallet_facility_booking::NextFacilityId::<Runtime>::get().into(),
			u32::MAX.into(),
			&[0, 3, 8],
		) as u32
	}

	/// A course: any, most often one the caller is in (enrolled, offered or waiting).
	pub fn course(&mut self) -> u32 {
		let mine: Vec<u64> = match self.my_citizen() {
			Some(me) => pallet_facility_booking::CitizenCourses::<Runtime>::get(me)
				.into_iter()
				.map(u64::from)
				.collect(),
			None => vec![],
		};
		self.id(
			pallet_facility_booking::NextCourseId::<Runtime>::get().into(),
			u32::MAX.into(),
			&mine,
		) as u32
	}

	/// A citizen in `course` (enrolled, offered or waiting), most often; else any citizen.
	pub fn participant(&mut self, course: u32) -> u64 {
		let all: Vec<u64> =
			pallet_facility_booking::Participants::<Runtime>::iter_key_prefix(course)
				.take(16)
				.collect();
		if all.is_empty() || self.word() % 4 == 3 {
			return self.citizen();
		}
		all[self.below(all.len())]
	}

	/// A session of `course`: one it has (most often), else one past its last or the maximum.
	pub fn session(&mut self, course: u32) -> u32 {
		let sessions = pallet_facility_booking::Courses::<Runtime>::get(course)
			.map_or(0, |c| c.spec.sessions.len() as u32);
		let live: Vec<u32> = (0..sessions.max(1)).collect();
		self.pick(&live, &[sessions, u32::MAX])
	}

	/// An event: any, most often one the caller registered for.
	pub fn event(&mut self) -> u32 {
		let mine: Vec<u64> = match self.my_citizen() {
			Some(me) => pallet_facility_booking::CitizenEvents::<Runtime>::get(me)
				.into_iter()
				.map(u64::from)
				.collect(),
			None => vec![],
		};
		self.id(
			pallet_facility_booking::NextEventId::<Runtime>::get().into(),
			u32::MAX.into(),
			&mine,
		) as u32
	}

	/// A booking: the caller's (most often), any that exists, else the next id or the maximum.
	pub fn booking(&mut self) -> u64 {
		let mine: Vec<u64> = match self.my_citizen() {
			Some(me) => pallet_facility_booking::CitizenBookings::<Runtime>::get(me).into_inner(),
			None => vec![],
		};
		if !mine.is_empty() && self.word() % 4 != 3 {
			return mine[self.below(mine.len())];
		}
		let live: Vec<u64> =
			pallet_facility_booking::Bookings::<Runtime>::iter_keys().take(32).collect();
		let next = pallet_facility_booking::NextBookingId::<Runtime>::get();
		if live.is_empty() {
			return self.pick(&[next], &[u64::MAX]);
		}
		self.pick(&live, &[next, u64::MAX, 0])
	}

	pub fn year(&mut self) -> u16 {
		self.pick(&[2026, 2027, 2026, 2025], &[0, u16::MAX])
	}

	pub fn tier(&mut self) -> u8 {
		self.pick(&[0, 1, 0], &[2, 4, u8::MAX])
	}

	/// Local-currency amounts.
	pub fn amount(&mut self) -> Balance {
		self.pick(
			&[10_000, 1_000, 30_000, 45_000, 100_000, 300_000, 1, 1_000_000],
			&[0, u128::MAX, u128::MAX / 2, u64::MAX as u128, 9_999_999, 200_001],
		)
	}

	/// Native-token amounts.
	pub fn native(&mut self) -> Balance {
		self.pick(
			&[UNIT, UNIT / 1000, 10 * UNIT, 1],
			&[0, u128::MAX, UNIT / 1000 - 1, 1_000_000 * UNIT],
		)
	}

	/// A step bound (`max`, `max_steps`): small, else 0, one past the bound or the maximum.
	pub fn steps(&mut self, bound: u32) -> u32 {
		self.pick(&[10, 1, 3, bound], &[0, bound + 1, u32::MAX])
	}

	/// Moments around now.
	pub fn moment(&mut self) -> u64 {
		let now = self.now();
		let delta = self.pick(
			&[DAY_MS, 10 * DAY_MS, 30 * DAY_MS, 60_000, 3_600_000, 120 * DAY_MS],
			&[0, 1, 365 * DAY_MS, 3 * 365 * DAY_MS],
		);
		match self.word() % 8 {
			0 => now.saturating_sub(delta),
			7 => self.pick(&[now], &[0, u64::MAX, now - 1]),
			_ => now.saturating_add(delta),
		}
	}

	pub fn duration(&mut self) -> u64 {
		self.pick(&[30_000, DAY_MS, 60_000, 0], &[30 * DAY_MS, 30 * DAY_MS + 1, u64::MAX])
	}

	/// A local day around today (bookings, closures, reaping).
	pub fn day(&mut self) -> u32 {
		let today = FacilityBooking::today();
		let ahead = self.below(16) as u32;
		match self.word() % 8 {
			0 => today.saturating_sub(ahead),
			7 => self.pick(&[today], &[0, u32::MAX, today + 91, today + 90]),
			_ => today + ahead,
		}
	}

	pub fn slot(&mut self) -> u16 {
		self.pick(&[10, 11, 12, 9, 14, 17], &[0, 8, 18, 23, 95, 96, u16::MAX])
	}

	pub fn zone(&mut self) -> u16 {
		self.pick(&[5, 6, 9, 1, 16], &[0, 17, u16::MAX])
	}

	pub fn name<S: Get<u32>>(&mut self) -> LocalizedName<S> {
		let max = S::get() as usize;
		let (ko, en) = self.pick(
			&[("이름".as_bytes().to_vec(), b"Name".to_vec())],
			&[
				(vec![], vec![]),
				(vec![b'k'; max], vec![b'e'; max]),
				(vec![0xFF, 0xFE], b"bad utf-8".to_vec()),
			],
		);
		LocalizedName::truncate_from(ko, en)
	}

	pub fn hash(&mut self) -> H256 {
		let b = self.below(6) as u8;
		self.pick(&[H256::repeat_byte(0xD0 + b)], &[H256::zero(), H256::repeat_byte(0xFF)])
	}

	pub fn claim_kind(&mut self) -> ClaimKind {
		self.pick(
			&[ClaimKind::Resident, ClaimKind::YouthAgeBand, ClaimKind::MultiChildHousehold],
			&[],
		)
	}

	pub fn claim_kinds(&mut self) -> pallet_citizen_id::ClaimKinds {
		let kinds: Vec<ClaimKind> =
			ClaimKind::ALL.iter().copied().filter(|_| !self.word().is_multiple_of(3)).collect();
		pallet_citizen_id::claim_kinds(kinds)
	}

	pub fn claim_value(&mut self) -> ClaimValue {
		let now = self.now();
		match self.below(3) {
			0 => ClaimValue::Resident {
				zone: self.zone(),
				since: self.pick(&[now - 400 * DAY_MS, now - DAY_MS], &[0, now, u64::MAX]),
			},
			1 => ClaimValue::YouthAgeBand,
			_ => ClaimValue::MultiChildHousehold {
				household: self.pick(&[H1, H2, H256::repeat_byte(0xA3)], &[H256::zero()]),
				children: self.pick(&[2, 3, 4], &[0, 1, u8::MAX]),
			},
		}
	}

	pub fn categories<S: Get<u32>>(&mut self) -> frame_support::BoundedBTreeSet<u32, S> {
		let items: Vec<u32> = self.pick(
			&[vec![BOOKS], vec![BOOKS, CULTURE], vec![], vec![CULTURE]],
			&[vec![999], (0..S::get()).collect(), vec![CRAM]],
		);
		set(items)
	}

	pub fn category(&mut self) -> u32 {
		self.pick(&[BOOKS, CULTURE, CRAM, 4], &[0, 999, u32::MAX])
	}

	pub fn officers<S: Get<u32>>(&mut self) -> BoundedVec<AccountId, S> {
		let officers = self.pick(
			&[
				vec![world::account(OFFICER)],
				vec![],
				vec![world::account(OFFICER), world::account(MANAGER)],
			],
			&[(0..S::get() as usize).map(|i| world::account(i % ACTORS.len())).collect()],
		);
		BoundedVec::truncate_from(officers)
	}

	/// A beacon signature: the genuine one (most often), another round's, a flipped one,
	/// zeros.
	pub fn signature(&mut self) -> [u8; 48] {
		let mut flipped = BEACON_SIGNATURE;
		flipped[47] ^= 1;
		self.pick(&[BEACON_SIGNATURE], &[OTHER_ROUND_SIGNATURE, flipped, [0; 48]])
	}

	/// A call to wrap (a batch's, sudo's, a proposal's): any call of the table, built here.
	pub fn inner_call(&mut self) -> RuntimeCall {
		let table = crate::calls::table();
		if self.depth >= 2 {
			// Deep enough: a plain call.
			return RuntimeCall::System(frame_system::Call::remark { remark: vec![1, 2, 3] });
		}
		self.depth += 1;
		let entry = &table[self.below(table.len())];
		let call = (entry.build)(self);
		self.depth -= 1;
		call
	}

	pub fn inner_calls(&mut self) -> Vec<RuntimeCall> {
		let n = self.pick(&[1, 2, 3], &[0]);
		(0..n).map(|_| self.inner_call()).collect()
	}
}
