//! # The runtime fuzzer
//!
//! A city's benefits ledger must never panic, never lose a won and never lose a citizen's data.
//! This drives the whole runtime with seeded, reproducible call sequences and checks that.
//!
//! - **The world** (`fuzz/world.rs`): the development preset plus a fixture with something in
//!   every service, built once and restored for every case.
//! - **Actions** (`fuzz/engine.rs`): a proptest strategy of action lists: calls (a line of the
//!   table, an origin of its role, twelve random words for its arguments), block ends, clock
//!   jumps (to the world's next window boundary, or by a minute to a month), and mangled
//!   encodings of calls (decoded with the extrinsic depth limit, dispatched if they decode).
//! - **Calls** (`fuzz/calls.rs`): one line per call of every service pallet and of Assets,
//!   Balances, Utility, Sudo and the Council, with who usually calls it. Arguments
//!   (`fuzz/gen.rs`) are drawn from the world as it stands (live ids, today's bookable days,
//!   known actors) so calls reach deep states, with one draw in eight an edge case.
//! - **Origins**: the city as root, through sudo in a signed extrinsic, or as a council
//!   motion; everyone else signed, a quarter of the time as a real signed extrinsic through
//!   `Executive::apply_extrinsic` (after the pool's `validate_transaction`), so the fee
//!   extension and the citizens' free calls are fuzzed too; one call in sixteen from a wrong
//!   origin.
//! - **Blocks**: `Executive::initialize_block` with an Aura slot, the timestamp inherent,
//!   `Executive::finalize_block` (`on_idle`, `on_finalize`).
//! - **Invariants**, after every call: the local currency's supply is the sum of its accounts
//!   and moves only with a call that may mint or burn; every program's account holds exactly
//!   free + outstanding + held (plus what was donated to it); native issuance is the sum of
//!   the accounts; no `defensive!` failure. After every block also every service pallet's
//!   `do_try_state`, and no citizen record or commitment ever disappears. A panic anywhere is a
//!   failure.
//!
//! `FUZZ_SEED=<n>` reproduces a run (its first case is the case seeded `n`, so a failure's
//! printed seed reproduces it first); `FUZZ_CASES`, `FUZZ_CALLS` and `FUZZ_LEN` bound the
//! work. `fuzz_ci` runs a fixed seed and a fresh one (`FUZZ_FRESH_SEED`, else the clock);
//! `fuzz_long` (ignored; `scripts/fuzz.sh`) runs a million calls and prints what it saw.
//! Every failure found becomes a named `regression_*` test below.

#[path = "fuzz/calls.rs"]
mod calls;
#[path = "fuzz/engine.rs"]
mod engine;
#[path = "fuzz/gen.rs"]
mod gen;
#[path = "fuzz/world.rs"]
mod world;

use citizen_runtime::RuntimeCall;
use engine::{Action, Failure, Origin, Settings, Stats};
use frame_support::traits::GetCallMetadata;
use std::{collections::BTreeSet, sync::OnceLock, time::Duration, time::Instant};
use world::*;

/// The fixed seed every CI run starts with.
const FIXED_SEED: u64 = 0x0C17_12E1_0016;

fn env<T: std::str::FromStr>(name: &str) -> Option<T> {
	std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

fn snapshot() -> &'static Snapshot {
	static WORLD: OnceLock<Snapshot> = OnceLock::new();
	WORLD.get_or_init(world::build)
}

fn summary(stats: &Stats, secs: f64, failures: &[Failure]) -> String {
	let mut out = format!(
		"fuzz: {} cases, {} calls, {} blocks in {secs:.1} s: {:.0} calls/s\n",
		stats.cases,
		stats.calls,
		stats.blocks,
		stats.calls as f64 / secs.max(1e-9)
	);
	out += &format!("routes: {:?}\n", stats.routes);
	out += &format!(
		"mangled encodings: {} decoded and dispatched, {} refused\n",
		stats.mangled.0, stats.mangled.1
	);
	out += &format!("distinct errors: {}\n", stats.errors.len());
	let mut errors: Vec<_> = stats.errors.iter().collect();
	errors.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
	for (error, count) in errors {
		out += &format!("  {count:>9}  {error}\n");
	}
	let ok: u64 = stats.per_call.values().map(|c| c.0).sum();
	out += &format!(
		"Ok share: {:.1} % of all calls; per call (Ok / calls):\n",
		100.0 * ok as f64 / stats.calls.max(1) as f64
	);
	for (call, (ok, all)) in &stats.per_call {
		out += &format!(
			"  {:>5.1} %  {ok:>8} / {all:<8} {call}\n",
			100.0 * *ok as f64 / (*all).max(1) as f64
		);
	}
	out += &format!("failures: {}\n", failures.len());
	for f in failures {
		out += &format!(
			"  seed {} ({} actions): {}\n    reproduce: FUZZ_SEED={} FUZZ_LEN={} cargo test -p citizen-runtime --test fuzz -- fuzz_ci --nocapture\n",
			f.seed,
			f.minimal.len(),
			f.reason,
			f.seed,
			f.max_len
		);
	}
	out
}

/// The CI run: the fixed seed, then a fresh one, each for a bounded number of calls (about
/// half a minute each in a debug build on two cores). With `FUZZ_SEED`, that seed only.
#[test]
fn fuzz_ci() {
	let seeds = match env::<u64>("FUZZ_SEED") {
		Some(seed) => vec![seed],
		None => {
			let fresh = env::<u64>("FUZZ_FRESH_SEED").unwrap_or_else(|| {
				std::time::SystemTime::now()
					.duration_since(std::time::UNIX_EPOCH)
					.map(|d| d.as_nanos() as u64)
					.unwrap_or(1)
			});
			vec![FIXED_SEED, fresh]
		}
	};
	let world = snapshot();
	let mut stats = Stats::default();
	let mut failures = Vec::new();
	let start = Instant::now();
	for seed in seeds {
		println!("fuzz: seed {seed} (reproduce: FUZZ_SEED={seed} cargo test -p citizen-runtime --test fuzz)");
		let settings = Settings {
			seed,
			cases: env("FUZZ_CASES").unwrap_or(u64::MAX),
			calls: stats.calls + env("FUZZ_CALLS").unwrap_or(1_200),
			max_len: env("FUZZ_LEN").unwrap_or(120),
			shrink_for: Duration::from_secs(env("FUZZ_SHRINK_SECS").unwrap_or(120)),
			max_failures: 1,
			progress: None,
		};
		failures.extend(engine::fuzz(world, &settings, &mut stats));
	}
	let report = summary(&stats, start.elapsed().as_secs_f64(), &failures);
	println!("{report}");
	assert!(failures.is_empty(), "{report}");
}

/// The long run of `scripts/fuzz.sh`: `FUZZ_CALLS` calls (a million by default) from
/// `FUZZ_SEED` (else the clock), printing calls, calls per second, the distinct errors, the
/// Ok share per call and every failure (each shrunk and replayed).
#[test]
#[ignore]
fn fuzz_long() {
	let seed = env::<u64>("FUZZ_SEED").unwrap_or_else(|| {
		std::time::SystemTime::now()
			.duration_since(std::time::UNIX_EPOCH)
			.map(|d| d.as_nanos() as u64)
			.unwrap_or(1)
	});
	println!("fuzz: seed {seed} (reproduce: FUZZ_SEED={seed} scripts/fuzz.sh)");
	let world = snapshot();
	let settings = Settings {
		seed,
		cases: env("FUZZ_CASES").unwrap_or(u64::MAX),
		calls: env("FUZZ_CALLS").unwrap_or(1_000_000),
		max_len: env("FUZZ_LEN").unwrap_or(300),
		shrink_for: Duration::from_secs(env("FUZZ_SHRINK_SECS").unwrap_or(300)),
		max_failures: env("FUZZ_MAX_FAILURES").unwrap_or(20),
		progress: Some(Duration::from_secs(30)),
	};
	let mut stats = Stats::default();
	let start = Instant::now();
	let failures = engine::fuzz(world, &settings, &mut stats);
	let report = summary(&stats, start.elapsed().as_secs_f64(), &failures);
	println!("{report}");
	assert!(failures.is_empty(), "{} failures; see above", failures.len());
}

/// Pallets the fuzzer leaves out: the chain's machinery (its calls are inherents, consensus
/// reports or runtime upgrades), not the city's ledger.
const NOT_FUZZED: &[&str] = &["System", "Timestamp", "Aura", "Grandpa", "TransactionPayment"];

/// Every call of every other pallet has its line in the table: a new call or a new pallet
/// joins the fuzzer in the same change.
#[test]
fn every_call_is_fuzzed() {
	let mut ext = world::restore(snapshot());
	let made: BTreeSet<(String, String)> = ext.execute_with(|| {
		calls::table()
			.iter()
			.flat_map(|entry| {
				// Any words: the call an entry makes does not depend on them.
				[[0u64; gen::ARGS], [u64::MAX; gen::ARGS]].map(|words| {
					let m = (entry.build)(&mut gen::Gen::new(&words)).get_call_metadata();
					(m.pallet_name.to_string(), m.function_name.to_string())
				})
			})
			.collect()
	});
	let mut missing = Vec::new();
	for pallet in RuntimeCall::get_module_names() {
		if NOT_FUZZED.contains(pallet) {
			continue;
		}
		for call in RuntimeCall::get_call_names(pallet) {
			if !made.contains(&(pallet.to_string(), call.to_string())) {
				missing.push(format!("{pallet}::{call}"));
			}
		}
	}
	assert!(missing.is_empty(), "calls with no line in runtime/tests/fuzz/calls.rs: {missing:?}");
}

/// The fixture's world holds what the fuzzer is meant to reach from: every pallet's
/// invariants hold, and a sequence of ordinary calls succeeds and keeps them.
#[test]
fn the_world_starts_deep_and_sound() {
	let world = snapshot();
	let mut ext = world::restore(world);
	ext.execute_with(|| {
		assert_eq!(pallet_citizen_id::NextCitizenId::<citizen_runtime::Runtime>::get(), 7);
		assert_eq!(pallet_policy_funds::NextProgramId::<citizen_runtime::Runtime>::get(), 5);
		assert_eq!(
			pallet_facility_booking::Bookings::<citizen_runtime::Runtime>::iter().count(),
			3
		);
		let course = pallet_facility_booking::Courses::<citizen_runtime::Runtime>::get(0).unwrap();
		assert_eq!(
			(course.state.enrolled, course.state.offered, course.state.waiting),
			(1, 1, 1),
			"a full course: a seat taken, one offered, one waiting"
		);
		let event = pallet_facility_booking::Events::<citizen_runtime::Runtime>::get(0).unwrap();
		assert_eq!((event.registered, event.spec.capacity), (1, Some(2)));
	});
	let mut stats = Stats::default();
	let case = vec![
		Action::Fixed(Origin::Extrinsic(C0), pf_spend(0, BOOKSHOP, 1_000)),
		Action::Fixed(
			Origin::Signed(C0 + 3),
			ycp(pallet_youth_culture_pass::Call::buy { round: 0, tier: 1 }),
		),
		Action::Jump(0),
		Action::Fixed(
			Origin::Council,
			pf(pallet_policy_funds::Call::add_category { category: 9, name: name("새", "New") }),
		),
		Action::Fixed(Origin::Sudo, pf(pallet_policy_funds::Call::remove_category { category: 9 })),
	];
	engine::install();
	engine::guarded(|| engine::run_case(world, &case, Some(&mut stats), true)).unwrap();
	let ok: u64 = stats.per_call.values().map(|c| c.0).sum();
	assert_eq!((ok, stats.calls), (4, 4), "{:?} {:?}", stats.per_call, stats.errors);
}

fn pf(call: pallet_policy_funds::Call<citizen_runtime::Runtime>) -> RuntimeCall {
	call.into()
}

fn ycp(call: pallet_youth_culture_pass::Call<citizen_runtime::Runtime>) -> RuntimeCall {
	call.into()
}

fn pf_spend(program: u32, merchant: usize, amount: u128) -> RuntimeCall {
	pf(pallet_policy_funds::Call::spend { program, merchant: account(merchant).into(), amount })
}

/// Run a regression case; it must pass every invariant.
fn regression(case: Vec<Action>) {
	engine::install();
	let world = snapshot();
	if let Err(e) = engine::guarded(|| engine::run_case(world, &case, None, true)) {
		panic!("{e}");
	}
}

// ---- Regressions: each failure the fuzzer found, as its minimal action list ----

/// Found by the fuzzer (case seed 66612826513197397, shrunk to three actions): the city named
/// a policy-funds program's account as the youth pass's treasury; at the next block's
/// `on_idle` the youth pass paid the treasury (here 1 won of a round's keeping deposit) into
/// that program's account, where the program does not count it (account 1,000,001 against
/// free + outstanding + held = 1,000,000). The reverse, a treasury that *funds* a round or a
/// scheme from a program's account, takes money that backs citizens' vouchers. Fixed: both
/// pallets' `set_treasury` (and genesis) refuse an account the ledger calls a program's
/// (`ServicePrograms::is_program_account`) with `TreasuryIsProgramAccount`, so the first call
/// fails and the case keeps every invariant.
#[test]
fn regression_treasury_is_a_program_account() {
	let program_1 = citizen_runtime::PolicyFunds::program_account(1);
	regression(vec![
		Action::Fixed(
			Origin::Root,
			ycp(pallet_youth_culture_pass::Call::set_treasury {
				account: program_1.clone().into(),
			}),
		),
		Action::Jump(97),
		Action::Fixed(
			Origin::Root,
			citizen_runtime::RuntimeCall::CitizenId(pallet_citizen_id::Call::register_issuer {
				issuer: account(CITY).into(),
				kinds: pallet_citizen_id::claim_kinds([]),
			}),
		),
	]);
	// Both services refuse a program's account: an existing program's, the next program's
	// (not created yet), and policy funds' own account (program 0's).
	use citizen_runtime::{
		MultiChildPoints, PolicyFunds, Runtime, RuntimeOrigin, YouthCulturePass,
	};
	use frame_support::assert_noop;
	use sp_runtime::traits::AccountIdConversion;
	world::restore(snapshot()).execute_with(|| {
		let next = pallet_policy_funds::NextProgramId::<Runtime>::get();
		let own: citizen_runtime::AccountId =
			<Runtime as pallet_policy_funds::Config>::PalletId::get().into_account_truncating();
		for account in [program_1, PolicyFunds::program_account(next), own] {
			assert_noop!(
				YouthCulturePass::set_treasury(RuntimeOrigin::root(), account.clone().into()),
				pallet_youth_culture_pass::Error::<Runtime>::TreasuryIsProgramAccount
			);
			assert_noop!(
				MultiChildPoints::set_treasury(RuntimeOrigin::root(), account.into()),
				pallet_multi_child_points::Error::<Runtime>::TreasuryIsProgramAccount
			);
		}
	});
}

/// Found by the fuzzer (seed 10540330525095437079; case seed 2891072700133482271 shrunk to
/// these two actions): root forces Alice's native balance to `u128::MAX`, then Alice pays a
/// fee. Not a bug of ours: `force_set_balance` mints the difference into `TotalIssuance`,
/// which saturates at `u128::MAX` (FRAME's `PositiveImbalance::drop`), so issuance stays
/// below what the accounts hold from then on. The fuzzer's books take root's balance-forcing
/// calls as the explicit mints and burns they are (re-baselined, as after
/// `force_adjust_total_issuance`) and count exactly (no saturating sum, no cast to `i128`),
/// so the fee burnt after it (from the account and from issuance alike) keeps the books.
#[test]
fn regression_native_issuance_capped_by_force_set_balance() {
	regression(vec![
		Action::Fixed(
			Origin::Root,
			RuntimeCall::Balances(pallet_balances::Call::force_set_balance {
				who: account(CITY).into(),
				new_free: u128::MAX,
			}),
		),
		Action::Fixed(
			Origin::Extrinsic(CITY),
			RuntimeCall::System(frame_system::Call::remark { remark: vec![1, 2, 3] }),
		),
		Action::Block,
		Action::Fixed(
			Origin::Extrinsic(CITY),
			RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
				dest: account(BOB).into(),
				value: citizen_runtime::UNIT,
			}),
		),
	]);
}

/// Found by the fuzzer (case seed 7417690698202502759, shrunk to two actions), after the fix
/// above let `set_treasury` draw service accounts again: the city names a facility's account
/// (paid bookings' fees, owed back as refunds) as the multi-child scheme's treasury, and a
/// top-up of 1 won takes it from there; facility booking's `try_state` then finds the
/// facility account holding less than its live bookings paid. Same class as a program's
/// account; fixed with `KeepsOthersMoney` (facility booking decodes its facilities' accounts),
/// and `set_treasury` now refuses it (`TreasuryKeepsOthersMoney`).
#[test]
fn regression_treasury_is_a_facility_account() {
	regression(vec![
		Action::Fixed(
			Origin::Root,
			RuntimeCall::MultiChildPoints(pallet_multi_child_points::Call::set_treasury {
				account: citizen_runtime::FacilityBooking::facility_account(3).into(),
			}),
		),
		Action::Fixed(
			Origin::Root,
			RuntimeCall::MultiChildPoints(pallet_multi_child_points::Call::top_up {
				year: 2026,
				amount: 1,
			}),
		),
	]);
}

/// The same with a lottery round's keeping account (the entrants' co-payments, owed back to
/// the losers or due to the round's program): c0 enters round 1, the city names round 1's
/// keeping account as the scheme's treasury and tops the scheme up by 1 won from it; the
/// youth pass's `try_state` then finds the keeping account below its deposit plus the
/// co-payments not yet drawn. Fixed with `KeepsOthersMoney`: the youth pass tells a live
/// round's keeping account (hashes of the round, compared for each of at most
/// `MaxLiveRounds`), and `set_treasury` refuses it (`TreasuryKeepsOthersMoney`).
#[test]
fn regression_treasury_is_a_keeping_account() {
	let keeping = citizen_runtime::YouthCulturePass::keeping_account(1);
	regression(vec![
		// Two weeks on: round 1's entries are open.
		Action::Jump(11),
		Action::Jump(11),
		Action::Fixed(
			Origin::Signed(C0),
			ycp(pallet_youth_culture_pass::Call::enter { round: 1, tier: 0 }),
		),
		Action::Fixed(
			Origin::Root,
			RuntimeCall::MultiChildPoints(pallet_multi_child_points::Call::set_treasury {
				account: keeping.into(),
			}),
		),
		Action::Fixed(
			Origin::Root,
			RuntimeCall::MultiChildPoints(pallet_multi_child_points::Call::top_up {
				year: 2026,
				amount: 1,
			}),
		),
	]);
}
