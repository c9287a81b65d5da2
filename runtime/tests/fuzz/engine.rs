//! Actions, their proptest strategy, the chain that runs them block by block, the invariants
//! checked after every call and every block, and the seeded runner with shrinking.

use crate::{
	calls::{table, Role},
	gen::{Gen, ARGS},
	world::{self, *},
};
use citizen_runtime::{
	citizen_fees::NonceWeightAndFee, CitizenId, Executive, FacilityBooking, Header,
	MultiChildPoints, PolicyFunds, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin,
	SignedPayload, System, TxExtension, UncheckedExtrinsic, YouthCulturePass, LOCAL_CURRENCY_ID,
};
use codec::{DecodeLimit, Encode};
use frame_support::{dispatch::GetDispatchInfo, traits::GetCallMetadata};
use proptest::{
	prelude::*,
	strategy::ValueTree,
	test_runner::{Config, RngAlgorithm, TestRng, TestRunner},
};
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_core::H256;
use sp_runtime::{
	generic::{Digest, DigestItem, Era},
	traits::{Dispatchable, Hash as _, Header as _},
	transaction_validity::TransactionSource,
	DispatchError, DispatchResult, TryRuntimeError,
};
use std::{
	cell::{Cell, RefCell},
	collections::BTreeMap,
	panic::AssertUnwindSafe,
	sync::Mutex,
	time::{Duration, Instant},
};

/// Every service pallet's invariants, checked after every block. A new service pallet adds
/// its line here.
#[allow(clippy::type_complexity)]
pub const TRY_STATE: &[(&str, fn() -> Result<(), TryRuntimeError>)] = &[
	("CitizenId", CitizenId::do_try_state),
	("PolicyFunds", PolicyFunds::do_try_state),
	("MultiChildPoints", MultiChildPoints::do_try_state),
	("YouthCulturePass", YouthCulturePass::do_try_state),
	("FacilityBooking", FacilityBooking::do_try_state),
];

// ---- Actions ----

/// A call of the table (`calls::table()[entry % len]`), from an origin of its role picked by
/// `who` and `via`, its arguments drawn from `args`.
#[derive(Clone, Debug)]
pub struct CallAction {
	pub entry: u16,
	pub who: u8,
	pub via: u8,
	pub args: [u64; ARGS],
}

/// Who dispatches, and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
	/// Root, dispatched directly.
	Root,
	/// Through `Sudo::sudo`, in a signed extrinsic of the sudo key (Alice).
	Sudo,
	/// A council motion: Alice proposes (threshold 2), Alice and Bob vote aye, Bob closes.
	Council,
	/// A signed origin, dispatched directly (the call's own checks only).
	Signed(usize),
	/// A real signed extrinsic through `Executive::apply_extrinsic` (nonce, fees, the
	/// citizens' free calls), after the pool's `validate_transaction`.
	Extrinsic(usize),
	/// No signer.
	Unsigned,
}

impl Origin {
	/// With the actor's name.
	pub fn label(&self) -> String {
		match self {
			Origin::Signed(a) => format!("Signed({})", name_of(*a)),
			Origin::Extrinsic(a) => format!("Extrinsic({})", name_of(*a)),
			other => format!("{other:?}"),
		}
	}
}

#[derive(Clone, Debug)]
pub enum Action {
	Call(CallAction),
	/// Close the block; the next one comes a slot later.
	Block,
	/// Close the block; the next one comes after a clock jump (to the world's next window
	/// boundary, or by a minute to a month).
	Jump(u8),
	/// The call's SCALE encoding, mutated (a flipped byte, truncated, a huge length prefix,
	/// trailing bytes): decoded with the extrinsic depth limit, and dispatched if it decodes.
	Mangled(CallAction, u64),
	/// A given call from a given origin (regression tests).
	Fixed(Origin, RuntimeCall),
}

fn call_action() -> impl Strategy<Value = CallAction> {
	(any::<u16>(), any::<u8>(), any::<u8>(), prop::array::uniform12(any::<u64>()))
		.prop_map(|(entry, who, via, args)| CallAction { entry, who, via, args })
}

fn action() -> impl Strategy<Value = Action> {
	prop_oneof![
		82 => call_action().prop_map(Action::Call),
		8 => Just(Action::Block),
		7 => any::<u8>().prop_map(Action::Jump),
		3 => (call_action(), any::<u64>()).prop_map(|(c, m)| Action::Mangled(c, m)),
	]
}

/// A case: 1 to `max_len` actions.
pub fn actions(max_len: usize) -> impl Strategy<Value = Vec<Action>> {
	prop::collection::vec(action(), 1..=max_len.max(1))
}

/// The origin a role's call comes from. One call in sixteen comes from a wrong origin: any
/// actor, root or no signer.
pub fn origin_of(role: Role, who: u8, via: u8) -> Origin {
	let signed = |actor: usize| {
		if via.is_multiple_of(4) {
			Origin::Extrinsic(actor)
		} else {
			Origin::Signed(actor)
		}
	};
	if who >= 240 {
		return match who % 8 {
			0 => Origin::Unsigned,
			1 => Origin::Root,
			_ => signed(usize::from(who) % ACTORS.len()),
		};
	}
	let citizens = [
		C0,
		C0 + 1,
		C0 + 2,
		C0 + 3,
		C0,
		C0 + 2,
		C0 + 3,
		C_SUSPENDED,
		C_ORPHAN,
		C_PENNILESS,
		NEWPHONE,
		SPARE,
	];
	let members: &[usize] = match role {
		Role::City => {
			return match via % 8 {
				0..=5 => Origin::Root,
				6 => Origin::Sudo,
				_ => Origin::Council,
			}
		}
		Role::Sudoer => &[CITY],
		Role::Member => &[CITY, BOB, CHARLIE],
		Role::Issuer => &[ISSUER, ISSUER, ISSUER2, REMOVED_ISSUER],
		Role::Officer => &[OFFICER],
		Role::Manager => &[MANAGER, MANAGER, CITY],
		Role::Citizen => &citizens,
		Role::Payer => &[CITY, STRANGER, C0, C0 + 1, C0 + 2, C0 + 3, C_PENNILESS],
		Role::Anyone => return signed(usize::from(who) % ACTORS.len()),
	};
	signed(members[usize::from(who) % members.len()])
}

/// The call a call action makes, built in the world as it stands.
pub fn resolve(a: &CallAction) -> (Origin, RuntimeCall) {
	let table = table();
	let entry = &table[usize::from(a.entry) % table.len()];
	let origin = origin_of(entry.role, a.who, a.via);
	let mut gen = Gen::new(&a.args);
	gen.caller = match origin {
		Origin::Signed(actor) | Origin::Extrinsic(actor) => Some(world::account(actor)),
		_ => None,
	};
	let call = (entry.build)(&mut gen);
	(origin, call)
}

/// `Pallet::call`.
pub fn call_name(call: &RuntimeCall) -> String {
	let m = call.get_call_metadata();
	format!("{}::{}", m.pallet_name, m.function_name)
}

/// `Pallet(Error)` for a module error, the variant for the others.
pub fn error_name(e: &DispatchError) -> String {
	match e {
		DispatchError::Module(m) => match citizen_runtime::RuntimeError::from_dispatch_error(*e) {
			Some(error) => format!("{error:?}"),
			None => format!("Module({}, {:?})", m.index, m.message),
		},
		other => format!("{other:?}"),
	}
}

// ---- What a call did ----

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
	Ok,
	/// Dispatched, and failed (rolled back).
	Failed(String),
	/// Not included: the transaction was invalid (nonce, fees, weight) or did not decode.
	Invalid(String),
}

impl Outcome {
	fn of(result: DispatchResult) -> Self {
		match result {
			Ok(()) => Outcome::Ok,
			Err(e) => Outcome::Failed(error_name(&e)),
		}
	}
}

/// What the runs saw.
#[derive(Default)]
pub struct Stats {
	pub cases: u64,
	pub calls: u64,
	pub blocks: u64,
	/// Per call: (Ok, all).
	pub per_call: BTreeMap<String, (u64, u64)>,
	/// Errors and invalid transactions, by name.
	pub errors: BTreeMap<String, u64>,
	/// Calls per origin kind.
	pub routes: BTreeMap<&'static str, u64>,
	/// Mangled encodings: (decoded, refused).
	pub mangled: (u64, u64),
}

impl Stats {
	fn record(&mut self, origin: Origin, call: &RuntimeCall, outcome: &Outcome) {
		self.calls += 1;
		let route = match origin {
			Origin::Root => "root",
			Origin::Sudo => "sudo extrinsic",
			Origin::Council => "council motion",
			Origin::Signed(_) => "signed dispatch",
			Origin::Extrinsic(_) => "signed extrinsic",
			Origin::Unsigned => "unsigned",
		};
		*self.routes.entry(route).or_default() += 1;
		let counts = self.per_call.entry(call_name(call)).or_default();
		counts.1 += 1;
		match outcome {
			Outcome::Ok => counts.0 += 1,
			Outcome::Failed(e) => *self.errors.entry(e.clone()).or_default() += 1,
			Outcome::Invalid(e) => *self.errors.entry(format!("invalid: {e}")).or_default() += 1,
		}
	}
}

// ---- Failures the runtime hides: `defensive!` in release builds, panics ----

/// Errors logged by `defensive!` (it only logs in release builds; in debug builds it panics).
static DEFENSIVE: Mutex<Vec<String>> = Mutex::new(Vec::new());

struct DefensiveLogger;

impl log::Log for DefensiveLogger {
	fn enabled(&self, meta: &log::Metadata) -> bool {
		meta.level() <= log::Level::Error
	}
	fn log(&self, record: &log::Record) {
		if record.level() <= log::Level::Error && record.target().contains("defensive") {
			DEFENSIVE.lock().unwrap().push(format!("{}: {}", record.target(), record.args()));
		}
	}
	fn flush(&self) {}
}

static LOGGER: DefensiveLogger = DefensiveLogger;

thread_local! {
	/// While set, panics are recorded (for the report) instead of printed.
	static QUIET: Cell<bool> = const { Cell::new(false) };
	static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Install the defensive logger and the quiet panic hook (once).
pub fn install() {
	static ONCE: std::sync::Once = std::sync::Once::new();
	ONCE.call_once(|| {
		if log::set_logger(&LOGGER).is_ok() {
			log::set_max_level(log::LevelFilter::Error);
		}
		let default = std::panic::take_hook();
		std::panic::set_hook(Box::new(move |info| {
			if QUIET.with(|q| q.get()) {
				LAST_PANIC.with(|p| *p.borrow_mut() = Some(info.to_string()));
			} else {
				default(info)
			}
		}));
	});
}

/// Run `f`; a panic becomes an error naming it.
pub fn guarded(f: impl FnOnce() -> Result<(), String>) -> Result<(), String> {
	QUIET.with(|q| q.set(true));
	let result = std::panic::catch_unwind(AssertUnwindSafe(f));
	QUIET.with(|q| q.set(false));
	match result {
		Ok(r) => r,
		Err(_) => Err(format!(
			"PANIC {}",
			LAST_PANIC.with(|p| p.borrow_mut().take()).unwrap_or_else(|| "(no message)".into())
		)),
	}
}

// ---- The chain ----

/// The money and data the invariants compare block to block.
struct Books {
	/// The local currency's supply.
	supply: u128,
	/// Native total issuance minus the sum of the accounts, exactly (see [`NativeOffset`]):
	/// changes only by root's issuance-forcing calls (see [`may_adjust_issuance`]).
	native_offset: NativeOffset,
	/// What was transferred straight into each program's account (uncounted by the program).
	donated: BTreeMap<u32, u128>,
	/// Citizen records and reserved commitments: never fewer.
	citizens: usize,
	commitments: usize,
}

pub struct Chain<'a> {
	number: u32,
	now: u64,
	parent: H256,
	books: Books,
	stats: Option<&'a mut Stats>,
	trace: bool,
}

/// Whether `call` may legitimately change the local currency's supply or move money into a
/// program's account from outside the program: an Assets call, or a wrapper that may hold one
/// (sudo, batches, council motions).
fn may_move_currency(call: &RuntimeCall) -> bool {
	match call {
		RuntimeCall::Assets(_) | RuntimeCall::Council(_) => true,
		RuntimeCall::Sudo(
			pallet_sudo::Call::sudo { call }
			| pallet_sudo::Call::sudo_unchecked_weight { call, .. }
			| pallet_sudo::Call::sudo_as { call, .. },
		) => may_move_currency(call),
		RuntimeCall::Utility(c) => match c {
			pallet_utility::Call::batch { calls }
			| pallet_utility::Call::batch_all { calls }
			| pallet_utility::Call::force_batch { calls } => calls.iter().any(may_move_currency),
			pallet_utility::Call::as_derivative { call, .. }
			| pallet_utility::Call::dispatch_as { call, .. }
			| pallet_utility::Call::dispatch_as_fallible { call, .. }
			| pallet_utility::Call::with_weight { call, .. } => may_move_currency(call),
			pallet_utility::Call::if_else { main, fallback } => {
				may_move_currency(main) || may_move_currency(fallback)
			}
			_ => false,
		},
		_ => false,
	}
}

/// Whether `call` may change native total issuance other than by the balances it moves: root
/// forcing issuance (`force_adjust_total_issuance`) or a balance (`force_set_balance`), or a
/// wrapper that may hold one. These are explicit mints and burns: the invariant re-baselines
/// after them.
///
/// `force_set_balance` is one because of FRAME's own saturation, not ours: it mints (or burns)
/// the difference by dropping an imbalance, and `TotalIssuance` saturates at `u128::MAX`
/// (`PositiveImbalance::drop`: `saturating_add`). Forcing an account to `u128::MAX` (seed
/// 10540330525095437079, or 2891072700133482271 shrunk to two actions: `force_set_balance(alice,
/// u128::MAX)`, then any fee Alice pays) leaves issuance capped at `u128::MAX` while the
/// accounts hold more; the shortfall is the city's own act, by root, and stays constant after
/// it (fees are burned from both sides), so the books take it as a mint and compare from there.
/// (Before, the sum of the accounts saturated too and the offset was cast to `i128`: the cap
/// went unseen at the forcing call and showed at the next fee burn, in a youth-pass call.)
fn may_adjust_issuance(call: &RuntimeCall) -> bool {
	matches!(
		call,
		RuntimeCall::Balances(
			pallet_balances::Call::force_adjust_total_issuance { .. }
				| pallet_balances::Call::force_set_balance { .. }
		) | RuntimeCall::Council(_)
			| RuntimeCall::Sudo(_)
			| RuntimeCall::Utility(_)
	)
}

/// Whether `call` names a program's account (e.g. as where a closed program's budget goes):
/// money sent there by a service is a donation to that program.
fn names_program_account(call: &RuntimeCall) -> bool {
	let bytes = call.encode();
	pallet_policy_funds::Programs::<Runtime>::iter_values().any(|p| {
		bytes
			.windows(32)
			.any(|w| w == <sp_core::crypto::AccountId32 as AsRef<[u8]>>::as_ref(&p.account))
	})
}

fn supply() -> u128 {
	pallet_assets::Asset::<Runtime>::get(LOCAL_CURRENCY_ID).map(|a| a.supply).unwrap_or(0)
}

/// Native total issuance minus the sum of the accounts, exactly: `issuance + 2^200 - sum` in
/// 256 bits (the sum of the accounts may exceed `u128::MAX`; no saturation, no cast).
#[derive(Clone, Copy, PartialEq, Eq)]
struct NativeOffset(sp_core::U256);

impl std::fmt::Display for NativeOffset {
	fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
		let zero = sp_core::U256::one() << 200;
		if self.0 >= zero {
			write!(f, "{}", self.0 - zero)
		} else {
			write!(f, "-{}", zero - self.0)
		}
	}
}

fn native_offset() -> NativeOffset {
	let total = pallet_balances::TotalIssuance::<Runtime>::get();
	let sum = frame_system::Account::<Runtime>::iter_values()
		.fold(sp_core::U256::zero(), |a, b| {
			a + sp_core::U256::from(b.data.free) + sp_core::U256::from(b.data.reserved)
		});
	NativeOffset(sp_core::U256::from(total) + (sp_core::U256::one() << 200) - sum)
}

fn check_try_state() -> Result<(), String> {
	for (pallet, check) in TRY_STATE {
		check().map_err(|e| format!("{pallet}::try_state: {e:?}"))?;
	}
	Ok(())
}

fn events_since(from: usize) -> Vec<RuntimeEvent> {
	System::read_events_no_consensus().skip(from).map(|r| r.event.clone()).collect()
}

impl<'a> Chain<'a> {
	/// The first block, a slot after the fixture's clock.
	pub fn start(stats: Option<&'a mut Stats>, trace: bool) -> Self {
		let books = Books {
			supply: supply(),
			native_offset: native_offset(),
			donated: BTreeMap::new(),
			citizens: pallet_citizen_id::Citizens::<Runtime>::iter_keys().count(),
			commitments: pallet_citizen_id::Commitments::<Runtime>::iter_keys().count(),
		};
		let now = pallet_timestamp::Now::<Runtime>::get();
		let mut chain = Chain { number: 0, now, parent: H256::zero(), books, stats, trace };
		chain.open_block(now + SLOT);
		chain
	}

	fn open_block(&mut self, target: u64) {
		// Aura: one block per slot, slots strictly increasing.
		let now = target.max((self.now / SLOT + 1) * SLOT);
		self.number += 1;
		self.now = now;
		let digest = Digest {
			logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, Slot::from(now / SLOT).encode())],
		};
		let header = Header::new(self.number, H256::zero(), H256::zero(), self.parent, digest);
		Executive::initialize_block(&header);
		let timestamp = RuntimeCall::Timestamp(pallet_timestamp::Call::set { now });
		Executive::apply_extrinsic(UncheckedExtrinsic::new_bare(timestamp))
			.expect("the timestamp is valid")
			.expect("the timestamp applies");
	}

	/// Finish the block (`on_idle`, `on_finalize`) and check every invariant.
	pub fn close_block(&mut self) -> Result<(), String> {
		let header = Executive::finalize_block();
		self.parent = header.hash();
		if let Some(stats) = self.stats.as_mut() {
			stats.blocks += 1;
		}
		self.check_money(false, false).map_err(|e| format!("after block {}: {e}", self.number))?;
		check_try_state().map_err(|e| format!("after block {}: {e}", self.number))?;
		let citizens = pallet_citizen_id::Citizens::<Runtime>::iter_keys().count();
		let commitments = pallet_citizen_id::Commitments::<Runtime>::iter_keys().count();
		if citizens < self.books.citizens || commitments < self.books.commitments {
			return Err(format!(
				"a citizen's data was lost: {} records (was {}), {} commitments (was {})",
				citizens, self.books.citizens, commitments, self.books.commitments
			));
		}
		self.books.citizens = citizens;
		self.books.commitments = commitments;
		Ok(())
	}

	fn jump_target(&self, k: u8) -> u64 {
		const BY: [u64; 7] = [60_000, 3_600_000, 12 * 3_600_000, DAY, 2 * DAY, 7 * DAY, 30 * DAY];
		if k.is_multiple_of(2) {
			let offset = [0i64, -(SLOT as i64), SLOT as i64][usize::from(k / 2) % 3];
			match boundaries().into_iter().find(|b| *b > self.now + SLOT) {
				Some(b) => b.saturating_add_signed(offset),
				None => self.now + DAY,
			}
		} else {
			self.now + BY[usize::from(k / 2) % BY.len()]
		}
	}

	/// Money after a call (or a block): the local currency's supply is the sum of its
	/// accounts and changes only by a call that may mint or burn; each program's account
	/// holds exactly free + outstanding + held (plus what was donated to it); native
	/// issuance is the sum of the accounts (up to explicit adjustments).
	fn check_money(&mut self, currency: bool, issuance: bool) -> Result<(), String> {
		let supply = supply();
		let sum = pallet_assets::Account::<Runtime>::iter_prefix(LOCAL_CURRENCY_ID)
			.fold(0u128, |a, (_, acc)| a.saturating_add(acc.balance));
		if sum != supply {
			return Err(format!("local currency: accounts hold {sum}, supply is {supply}"));
		}
		if !currency && supply != self.books.supply {
			return Err(format!(
				"local currency supply changed from {} to {supply} with no mint or burn",
				self.books.supply
			));
		}
		self.books.supply = supply;
		for (program, p) in pallet_policy_funds::Programs::<Runtime>::iter() {
			// The stored books (no expiry applied: expiry only moves outstanding to free).
			let r = pallet_policy_funds::Ledgers::<Runtime>::get(program)
				.report()
				.ok_or_else(|| format!("program {program}: ledger counters out of step"))?;
			let accounted = r.free.saturating_add(r.outstanding).saturating_add(r.held);
			let balance = pallet_assets::Pallet::<Runtime>::balance(LOCAL_CURRENCY_ID, &p.account);
			let donated = self.books.donated.get(&program).copied().unwrap_or(0);
			if balance < accounted {
				return Err(format!(
					"program {program}: account holds {balance} < free {} + outstanding {} + held {}",
					r.free, r.outstanding, r.held
				));
			}
			if currency {
				self.books.donated.insert(program, balance - accounted);
			} else if balance != accounted + donated {
				return Err(format!(
					"program {program}: account holds {balance}, free {} + outstanding {} + held {} + donated {donated}",
					r.free, r.outstanding, r.held
				));
			}
		}
		let offset = native_offset();
		if !issuance && offset != self.books.native_offset {
			return Err(format!(
				"native token: total issuance - accounts moved from {} to {offset}",
				self.books.native_offset
			));
		}
		self.books.native_offset = offset;
		let defensive = std::mem::take(&mut *DEFENSIVE.lock().unwrap());
		if !defensive.is_empty() {
			return Err(format!("defensive failure: {defensive:?}"));
		}
		Ok(())
	}

	/// Dispatch `call` from `origin`, as a block author would include it.
	fn dispatch(&mut self, origin: Origin, call: RuntimeCall) -> Outcome {
		let direct = |o: RuntimeOrigin, call: RuntimeCall| {
			Outcome::of(frame_support::storage::with_storage_layer(|| {
				call.dispatch(o).map(|_| ()).map_err(|e| e.error)
			}))
		};
		match origin {
			Origin::Root => direct(RuntimeOrigin::root(), call),
			Origin::Unsigned => direct(RuntimeOrigin::none(), call),
			Origin::Signed(a) => direct(world::signed(a), call),
			Origin::Extrinsic(a) => self.extrinsic(a, call),
			Origin::Sudo => {
				let from = System::event_count() as usize;
				let sudo = RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: Box::new(call) });
				match self.extrinsic(CITY, sudo) {
					Outcome::Ok => events_since(from)
						.into_iter()
						.find_map(|e| match e {
							RuntimeEvent::Sudo(pallet_sudo::Event::Sudid { sudo_result }) => {
								Some(Outcome::of(sudo_result))
							}
							_ => None,
						})
						.unwrap_or(Outcome::Failed("sudo: no Sudid event".into())),
					other => other,
				}
			}
			Origin::Council => self.council(call),
		}
	}

	fn council(&mut self, call: RuntimeCall) -> Outcome {
		type Cnl = pallet_collective::Call<Runtime, citizen_runtime::CouncilCollective>;
		let length = call.encoded_size() as u32;
		let weight = call.get_dispatch_info().call_weight;
		let hash = <Runtime as frame_system::Config>::Hashing::hash_of(&call);
		let index =
			pallet_collective::ProposalCount::<Runtime, citizen_runtime::CouncilCollective>::get();
		let from = System::event_count() as usize;
		let steps: [(usize, RuntimeCall); 4] = [
			(
				CITY,
				Cnl::propose { threshold: 2, proposal: Box::new(call), length_bound: length }
					.into(),
			),
			(CITY, Cnl::vote { proposal: hash, index, approve: true }.into()),
			(BOB, Cnl::vote { proposal: hash, index, approve: true }.into()),
			(
				BOB,
				Cnl::close {
					proposal_hash: hash,
					index,
					proposal_weight_bound: weight,
					length_bound: length,
				}
				.into(),
			),
		];
		for (who, step) in steps {
			let name = call_name(&step);
			match frame_support::storage::with_storage_layer(|| {
				step.dispatch(world::signed(who)).map(|_| ()).map_err(|e| e.error)
			}) {
				Ok(()) => {}
				Err(e) => return Outcome::Failed(format!("{name}: {}", error_name(&e))),
			}
		}
		events_since(from)
			.into_iter()
			.find_map(|e| match e {
				RuntimeEvent::Council(pallet_collective::Event::Executed { result, .. }) => {
					Some(Outcome::of(result))
				}
				_ => None,
			})
			.unwrap_or(Outcome::Failed("council: not executed".into()))
	}

	/// A real signed extrinsic of `actor`: the pool's validation first (its changes dropped,
	/// as the pool's are), then `apply_extrinsic`, whose changes the block builder keeps only
	/// if the transaction is valid.
	fn extrinsic(&mut self, actor: usize, call: RuntimeCall) -> Outcome {
		let key = ACTORS[actor].1;
		let who = key.account();
		let tx_ext: TxExtension = (
			frame_system::CheckNonZeroSender::new(),
			frame_system::CheckSpecVersion::new(),
			frame_system::CheckTxVersion::new(),
			frame_system::CheckGenesis::new(),
			frame_system::CheckEra::from(Era::Immortal),
			NonceWeightAndFee::new(System::account_nonce(&who), 0),
			frame_system::WeightReclaim::new(),
		);
		let payload = SignedPayload::new(call.clone(), tx_ext.clone()).expect("implicit data");
		let signature = payload.using_encoded(|p| key.sign(p));
		let xt = UncheckedExtrinsic::new_signed(call, who.clone().into(), signature, tx_ext);
		// One in four is checked as the pool would first (signature checks are slow in debug
		// builds).
		if System::account_nonce(&who).is_multiple_of(4) {
			sp_io::storage::start_transaction();
			let _ = Executive::validate_transaction(
				TransactionSource::External,
				xt.clone(),
				self.parent,
			);
			sp_io::storage::rollback_transaction();
		}
		sp_io::storage::start_transaction();
		let applied = Executive::apply_extrinsic(xt);
		match applied {
			Ok(result) => {
				sp_io::storage::commit_transaction();
				Outcome::of(result)
			}
			Err(invalid) => {
				sp_io::storage::rollback_transaction();
				Outcome::Invalid(format!("{invalid:?}"))
			}
		}
	}

	fn run_call(&mut self, i: usize, origin: Origin, call: RuntimeCall) -> Result<(), String> {
		let currency = may_move_currency(&call) || names_program_account(&call);
		let issuance = may_adjust_issuance(&call);
		let traced = self.trace.then(|| format!("{call:?}"));
		let outcome = self.dispatch(origin, call.clone());
		if let Some(text) = traced {
			println!("  #{i} {} {text}\n      -> {outcome:?}", origin.label());
		}
		if let Some(stats) = self.stats.as_mut() {
			stats.record(origin, &call, &outcome);
		}
		self.check_money(currency, issuance)
			.map_err(|e| format!("after #{i} {} from {origin:?}: {e}", call_name(&call)))
	}

	/// Run one action.
	pub fn step(&mut self, i: usize, action: &Action) -> Result<(), String> {
		match action {
			Action::Call(a) => {
				let (origin, call) = resolve(a);
				self.run_call(i, origin, call)
			}
			Action::Fixed(origin, call) => self.run_call(i, *origin, call.clone()),
			Action::Block | Action::Jump(_) => {
				self.close_block()?;
				let target = match action {
					Action::Jump(k) => self.jump_target(*k),
					_ => self.now + SLOT,
				};
				if self.trace {
					println!(
						"  #{i} -- block {} closed; next at +{} ms",
						self.number,
						target - self.now
					);
				}
				self.open_block(target);
				Ok(())
			}
			Action::Mangled(a, m) => {
				let (origin, call) = resolve(a);
				let mut bytes = call.encode();
				mangle(&mut bytes, *m);
				match RuntimeCall::decode_all_with_depth_limit(
					frame_support::MAX_EXTRINSIC_DEPTH,
					&mut &bytes[..],
				) {
					Ok(decoded) => {
						if let Some(stats) = self.stats.as_mut() {
							stats.mangled.0 += 1;
						}
						// A direct dispatch: an extrinsic of these bytes would be this call.
						let origin = match origin {
							Origin::Extrinsic(a) => Origin::Signed(a),
							o => o,
						};
						self.run_call(i, origin, decoded)
					}
					Err(_) => {
						if let Some(stats) = self.stats.as_mut() {
							stats.mangled.1 += 1;
						}
						Ok(())
					}
				}
			}
		}
	}
}

/// Mutate an encoding: flip a byte, truncate, insert a huge compact length, append bytes.
fn mangle(bytes: &mut Vec<u8>, m: u64) {
	let len = bytes.len().max(1);
	let at = ((m >> 8) as usize % len).max(2).min(bytes.len());
	match m % 5 {
		0 => {
			if at < bytes.len() {
				bytes[at] ^= ((m >> 32) as u8) | 1
			}
		}
		1 => bytes.truncate(at),
		2 => bytes.splice(at..at, [0xFF, 0xFF, 0xFF, 0xFF, 0x7F]).for_each(drop),
		3 => bytes.extend(std::iter::repeat_n((m >> 40) as u8, 1 + (m >> 48) as usize % 64)),
		_ => {
			if at < bytes.len() {
				bytes[at] = 0xFF
			}
		}
	}
}

// ---- Running cases ----

/// Run `actions` on a fresh copy of the world.
pub fn run_case(
	snapshot: &world::Snapshot,
	actions: &[Action],
	stats: Option<&mut Stats>,
	trace: bool,
) -> Result<(), String> {
	let mut ext = world::restore(snapshot);
	ext.execute_with(|| {
		DEFENSIVE.lock().unwrap().clear();
		let mut chain = Chain::start(stats, trace);
		for (i, action) in actions.iter().enumerate() {
			chain.step(i, action)?;
		}
		chain.close_block()
	})
}

/// The ChaCha seed of a `u64` seed.
fn seed_bytes(seed: u64) -> [u8; 32] {
	let mut bytes = [0u8; 32];
	for (i, chunk) in bytes.chunks_mut(8).enumerate() {
		chunk.copy_from_slice(
			&(seed ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)).to_le_bytes(),
		);
	}
	bytes
}

/// The seed of case `index` of a run seeded `seed`: case 0's is `seed` itself, so
/// `FUZZ_SEED=<a case's seed>` reproduces that case first.
pub fn case_seed(seed: u64, index: u64) -> u64 {
	if index == 0 {
		seed
	} else {
		let mut z = seed ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03);
		z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
		z ^ (z >> 31)
	}
}

/// The actions of the case seeded `seed`.
pub fn generate(seed: u64, max_len: usize) -> impl ValueTree<Value = Vec<Action>> {
	let config = Config { failure_persistence: None, ..Config::default() };
	let mut runner = TestRunner::new_with_rng(
		config,
		TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes(seed)),
	);
	actions(max_len).new_tree(&mut runner).expect("the strategy never rejects")
}

pub struct Settings {
	pub seed: u64,
	/// Cases to run at most.
	pub cases: u64,
	/// Calls to run at most (the run stops after the case that reaches it).
	pub calls: u64,
	/// Actions per case at most.
	pub max_len: usize,
	/// Time to spend shrinking one failure.
	pub shrink_for: Duration,
	/// Stop after this many failures.
	pub max_failures: usize,
	/// Print progress every this often.
	pub progress: Option<Duration>,
}

pub struct Failure {
	pub seed: u64,
	pub max_len: usize,
	pub reason: String,
	pub minimal: Vec<Action>,
}

impl Failure {
	/// The failure, the command that reproduces it, and the minimal action list replayed
	/// with every call and its outcome.
	pub fn report(&self, snapshot: &world::Snapshot) -> String {
		let mut out = format!(
			"FAILURE: {}\n  reproduce: FUZZ_SEED={} FUZZ_LEN={} cargo test -p citizen-runtime --test fuzz -- fuzz_ci --nocapture\n  minimal case ({} actions): {:?}\n  replayed:",
			self.reason,
			self.seed,
			self.max_len,
			self.minimal.len(),
			self.minimal
		);
		println!("{out}");
		let replay = guarded(|| run_case(snapshot, &self.minimal, None, true));
		out.push_str(&format!("\n  replay ends: {replay:?}"));
		out
	}
}

/// Shrink a failing case: proptest's simplify/complicate search, bounded in time.
fn shrink(
	snapshot: &world::Snapshot,
	tree: &mut impl ValueTree<Value = Vec<Action>>,
	reason: String,
	budget: Duration,
) -> (Vec<Action>, String) {
	let deadline = Instant::now() + budget;
	let mut best = (tree.current(), reason);
	if !tree.simplify() {
		return best;
	}
	while Instant::now() < deadline {
		let current = tree.current();
		match guarded(|| run_case(snapshot, &current, None, false)) {
			Err(reason) => {
				best = (current, reason);
				if !tree.simplify() {
					break;
				}
			}
			Ok(()) => {
				if !tree.complicate() {
					break;
				}
			}
		}
	}
	best
}

/// Run cases from `settings.seed` until the case or call budget is spent.
pub fn fuzz(snapshot: &world::Snapshot, settings: &Settings, stats: &mut Stats) -> Vec<Failure> {
	install();
	let start = Instant::now();
	let mut last_progress = Instant::now();
	let mut failures: Vec<Failure> = Vec::new();
	let mut index = 0;
	while index < settings.cases
		&& stats.calls < settings.calls
		&& failures.len() < settings.max_failures
	{
		let seed = case_seed(settings.seed, index);
		index += 1;
		let mut tree = generate(seed, settings.max_len);
		stats.cases += 1;
		let outcome = guarded(|| run_case(snapshot, &tree.current(), Some(stats), false));
		if let Err(reason) = outcome {
			println!("fuzz: case seed {seed} failed: {reason}\nfuzz: shrinking ...");
			let (minimal, reason) = shrink(snapshot, &mut tree, reason, settings.shrink_for);
			let failure = Failure { seed, max_len: settings.max_len, reason, minimal };
			failure.report(snapshot);
			failures.push(failure);
		}
		if let Some(every) = settings.progress {
			if last_progress.elapsed() >= every {
				last_progress = Instant::now();
				let secs = start.elapsed().as_secs_f64();
				println!(
					"fuzz: {} cases, {} calls, {} blocks in {secs:.0} s ({:.0} calls/s), {} failures",
					stats.cases,
					stats.calls,
					stats.blocks,
					stats.calls as f64 / secs,
					failures.len()
				);
			}
		}
	}
	failures
}
