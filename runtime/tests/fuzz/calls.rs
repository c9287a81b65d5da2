//! Every call the fuzzer makes: one line per call, `(who usually calls it, how its arguments
//! are drawn)`. A new call is one more line; `every_call_is_fuzzed` fails until it is here.
//!
//! The role is only who *usually* calls it: one call in eight comes from any actor (or no
//! signer at all), so every wrong origin is tried too.

use crate::{gen::Gen, world::*};
use citizen_primitives::ClaimKind;
use citizen_runtime::{
	AccountId, CouncilCollective, OriginCaller, Runtime, RuntimeCall, LOCAL_CURRENCY_ID,
};
use codec::Compact;
use frame_support::{weights::Weight, BoundedVec};
use sp_runtime::MultiAddress;

/// Who usually makes a call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
	/// The city: root, sudo, or a council majority.
	City,
	/// The sudo key's account (to call `Sudo` itself).
	Sudoer,
	/// A council member (to call `Council` itself).
	Member,
	Issuer,
	Officer,
	Manager,
	Citizen,
	/// A signed account with local currency: the city, the stranger, citizens.
	Payer,
	/// Anyone signed.
	Anyone,
}

pub struct Entry {
	pub role: Role,
	pub build: fn(&mut Gen) -> RuntimeCall,
}

type Cid = pallet_citizen_id::Call<Runtime>;
type Pf = pallet_policy_funds::Call<Runtime>;
type Mcp = pallet_multi_child_points::Call<Runtime>;
type Ycp = pallet_youth_culture_pass::Call<Runtime>;
type Fb = pallet_facility_booking::Call<Runtime>;
type Ast = pallet_assets::Call<Runtime>;
type Bal = pallet_balances::Call<Runtime>;
type Utl = pallet_utility::Call<Runtime>;
type Sdo = pallet_sudo::Call<Runtime>;
type Cnl = pallet_collective::Call<Runtime, CouncilCollective>;

const fn e(role: Role, build: fn(&mut Gen) -> RuntimeCall) -> Entry {
	Entry { role, build }
}

use Role::*;

/// The table. Keep one line per call (rustfmt may wrap a long one).
pub fn table() -> &'static [Entry] {
	#[rustfmt::skip]
	static TABLE: &[Entry] = &[
		// ---- Citizen ID ----
		e(City, |g| Cid::register_issuer { issuer: g.who(), kinds: g.claim_kinds() }.into()),
		e(City, |g| Cid::update_issuer { issuer: g.who(), kinds: g.claim_kinds() }.into()),
		e(City, |g| Cid::remove_issuer { issuer: MultiAddress::Id(g.one_of(&[ISSUER, ISSUER2, REMOVED_ISSUER])) }.into()),
		e(City, |g| Cid::set_recovery_delay { delay: g.duration() }.into()),
		e(Issuer, |g| Cid::register_citizen { account: g.citizen_account(), commitment: g.hash(), home_zone: g.zone() }.into()),
		e(Issuer, |g| Cid::suspend_citizen { citizen: g.citizen() }.into()),
		e(Issuer, |g| Cid::resume_citizen { citizen: g.citizen() }.into()),
		e(Issuer, |g| Cid::issue_claim { citizen: g.citizen(), claim: g.claim_value(), valid_from: g.moment(), valid_until: g.moment() }.into()),
		e(Issuer, |g| Cid::suspend_claim { citizen: g.citizen(), kind: g.claim_kind() }.into()),
		e(Issuer, |g| Cid::resume_claim { citizen: g.citizen(), kind: g.claim_kind() }.into()),
		e(Issuer, |g| Cid::revoke_claim { citizen: g.citizen(), kind: g.claim_kind() }.into()),
		e(Issuer, |g| Cid::anchor_credential { citizen: g.citizen(), digest: g.hash(), valid_until: g.pick(&[None, Some(g.now() + DAY)], &[Some(0), Some(u64::MAX)]) }.into()),
		e(Issuer, |g| Cid::revoke_credential { digest: g.hash() }.into()),
		e(Issuer, |g| Cid::request_rebind { citizen: g.citizen(), new_account: g.citizen_account() }.into()),
		e(Issuer, |g| Cid::cancel_rebind { citizen: g.citizen() }.into()),
		e(Anyone, |g| Cid::enact_rebind { citizen: g.citizen() }.into()),
		e(Citizen, |_| Cid::deregister {}.into()),
		e(Issuer, |g| Cid::confirm_citizen { citizen: g.citizen() }.into()),
		e(Citizen, |g| Cid::object_to_rebind { citizen: g.citizen() }.into()),
		e(Issuer, |g| Cid::resolve_rebind { citizen: g.citizen(), proceed: g.flag() }.into()),
		e(Anyone, |g| Cid::release_provider { account: g.who() }.into()),
		e(Anyone, |g| Cid::reap_credential { digest: g.hash() }.into()),
		e(Issuer, |g| Cid::register_citizens { citizens: new_citizens(g), valid_from: g.moment(), valid_until: g.moment() }.into()),
		// ---- Policy funds ----
		e(City, |g| Pf::add_category { category: g.category(), name: g.name() }.into()),
		e(City, |g| Pf::remove_category { category: g.category() }.into()),
		e(City, |g| Pf::register_merchant { merchant: g.who(), category: g.category(), zone: g.zone() }.into()),
		e(City, |g| Pf::set_merchant_active { merchant: g.merchant(), active: g.flag() }.into()),
		e(City, |g| Pf::remove_merchant { merchant: g.merchant() }.into()),
		e(City, |g| Pf::create_program { terms: program_terms(g), officers: g.officers() }.into()),
		e(City, |g| Pf::set_officers { program: g.program(), officers: g.officers() }.into()),
		e(City, |g| Pf::close_program { program: g.program(), return_to: g.dest() }.into()),
		e(City, |g| Pf::end_program { program: g.program(), return_to: g.dest() }.into()),
		e(Payer, |g| Pf::fund { program: g.program(), amount: g.amount() }.into()),
		e(Anyone, |g| Pf::expire_program { program: g.program() }.into()),
		e(Citizen, |g| Pf::apply { program: g.program() }.into()),
		e(Citizen, |g| Pf::spend { program: g.program(), merchant: g.merchant(), amount: g.amount() }.into()),
		e(Officer, |g| { let (program, citizen) = g.application(); Pf::approve { program, citizen }.into() }),
		e(Officer, |g| { let (program, citizen) = g.application(); Pf::reject { program, citizen, reason: g.pick(&[1], &[0, u16::MAX]) }.into() }),
		e(Officer, |g| Pf::pause_merchant { program: g.program(), merchant: g.merchant() }.into()),
		e(Officer, |g| Pf::unpause_merchant { program: g.program(), merchant: g.merchant() }.into()),
		e(Officer, |g| { let (program, citizen) = g.voucher(); Pf::freeze_voucher { program, citizen }.into() }),
		e(Officer, |g| { let (program, citizen) = g.voucher(); Pf::unfreeze_voucher { program, citizen }.into() }),
		e(Officer, |g| { let (program, citizen) = g.voucher(); Pf::recover_voucher { program, citizen }.into() }),
		// ---- Multi-child points ----
		e(City, |g| Mcp::open_scheme { year: g.year(), terms: scheme_terms(g) }.into()),
		e(City, |g| Mcp::top_up { year: g.year(), amount: g.amount() }.into()),
		e(City, |g| Mcp::close_applications { year: g.year() }.into()),
		// Accounts that keep others' money too, refused (`regression_treasury_is_a_*`).
		e(City, |g| Mcp::set_treasury { account: g.treasury() }.into()),
		e(Citizen, |g| Mcp::apply { year: g.year() }.into()),
		// ---- Youth culture pass ----
		e(City, |g| Ycp::open_round { terms: round_terms(g) }.into()),
		e(City, |g| Ycp::cancel_round { round: g.round() }.into()),
		e(City, |g| Ycp::set_treasury { account: g.treasury() }.into()),
		e(City, |g| Ycp::designate_offer { round: g.round(), terms: offer_terms(g) }.into()),
		e(City, |g| Ycp::withdraw_offer { offer: g.offer() }.into()),
		e(Citizen, |g| Ycp::buy { round: g.round(), tier: g.tier() }.into()),
		e(Citizen, |g| Ycp::enter { round: g.round(), tier: g.tier() }.into()),
		e(Citizen, |g| Ycp::give_up { round: g.round() }.into()),
		e(Citizen, |g| Ycp::claim_place { round: g.round() }.into()),
		e(Citizen, |g| Ycp::book { offer: g.offer() }.into()),
		e(Citizen, |g| Ycp::cancel_booking { offer: g.offer() }.into()),
		e(Anyone, |g| Ycp::feed_beacon { round: g.round(), signature: g.signature() }.into()),
		e(Anyone, |g| Ycp::draw { round: g.round(), max_steps: g.steps(1_000) }.into()),
		e(Anyone, |g| Ycp::abandon { round: g.round() }.into()),
		e(Anyone, |g| Ycp::lapse_offer { round: g.round(), tier: g.tier(), position: g.pick(&[0, 1, 2], &[u32::MAX]) }.into()),
		e(Anyone, |g| Ycp::settle_offer { offer: g.offer(), max: g.steps(500) }.into()),
		e(Anyone, |g| Ycp::reclaim { round: g.round(), max: g.steps(500) }.into()),
		e(Anyone, |g| Ycp::retry_refund { round: g.round(), citizen: g.citizen() }.into()),
		// ---- Facility booking ----
		e(City, |g| Fb::register_zone { zone: g.zone(), name: g.name(), point: point(g), neighbours: neighbours(g) }.into()),
		e(City, |g| Fb::set_category { category: g.pick(&[1, 2, 3, 4], &[0, 5, u16::MAX]), name: g.name(), rules: category_rules(g) }.into()),
		e(City, |g| Fb::register_facility { spec: facility_spec(g) }.into()),
		e(City, |g| Fb::retire_facility { facility: g.facility() }.into()),
		e(City, |g| Fb::appoint_manager { facility: g.facility(), manager: g.who() }.into()),
		e(City, |g| Fb::lift_closure { facility: g.facility(), from_day: g.day(), to_day: g.day() }.into()),
		e(Manager, |g| Fb::set_hours { facility: g.facility(), hours: hours(g) }.into()),
		e(Manager, |g| Fb::set_capacity { facility: g.facility(), capacity: g.pick(&[10, 1, 40], &[0, 1_025, u16::MAX]) }.into()),
		e(Manager, |g| Fb::set_fee { facility: g.facility(), fee: g.pick(&[Some(8_000), None, Some(20_000)], &[Some(0), Some(u128::MAX)]) }.into()),
		e(Manager, |g| Fb::check_in { booking: g.booking() }.into()),
		e(Manager, |g| Fb::open_self_check_in { facility: g.facility(), until: g.moment() }.into()),
		e(Manager, |g| Fb::close { facility: g.facility(), from_day: g.day(), to_day: g.day() }.into()),
		e(Citizen, |g| Fb::book { facility: g.facility(), day: g.day(), slot: g.slot(), party: g.pick(&[1, 2], &[0, u16::MAX]), max_fee: g.pick(&[20_000, 8_000, 0], &[u128::MAX, 7_999]) }.into()),
		e(Citizen, |g| Fb::cancel { booking: g.booking() }.into()),
		e(Citizen, |g| Fb::self_check_in { booking: g.booking() }.into()),
		e(Anyone, |g| Fb::process_closures { facility: g.facility(), max: g.steps(32) }.into()),
		e(Anyone, |g| Fb::reap { facility: g.facility(), day: g.day(), max: g.steps(32) }.into()),
		e(City, |g| Fb::set_course_policy { category: g.pick(&[1, 2, 3, 4], &[0, u16::MAX]), policy: pallet_facility_booking::CoursePolicy { counts_towards_quota: g.flag(), no_shows_count: g.flag() } }.into()),
		e(Manager, |g| Fb::publish_course { facility: g.facility(), spec: course_spec(g) }.into()),
		e(Manager, |g| Fb::cancel_course { course: g.course() }.into()),
		e(Manager, |g| { let course = g.course(); Fb::remove_participant { course, citizen: g.participant(course) }.into() }),
		e(Manager, |g| { let course = g.course(); Fb::check_in_session { course, session: g.session(course), citizen: g.participant(course) }.into() }),
		e(Citizen, |g| { let course = g.course(); Fb::enroll { course, max_fee: course_fee(g, course) }.into() }),
		e(Citizen, |g| Fb::withdraw { course: g.course() }.into()),
		e(Citizen, |g| { let course = g.course(); Fb::confirm_offer { course, max_fee: course_fee(g, course) }.into() }),
		e(Manager, |g| Fb::list_event { spec: event_spec(g) }.into()),
		e(Manager, |g| Fb::cancel_event { event: g.event() }.into()),
		e(Citizen, |g| Fb::register_for_event { event: g.event() }.into()),
		e(Citizen, |g| Fb::unregister_from_event { event: g.event() }.into()),
		e(Anyone, |g| Fb::advance_waitlist { course: g.course(), max: g.steps(32) }.into()),
		e(Anyone, |g| Fb::process_cancellation { listing: if g.flag() { pallet_facility_booking::Listing::Course(g.course()) } else { pallet_facility_booking::Listing::Event(g.event()) }, max: g.steps(32) }.into()),
		e(Anyone, |g| Fb::reap_course { course: g.course(), max: g.steps(32) }.into()),
		e(Anyone, |g| Fb::reap_event { event: g.event(), max: g.steps(32) }.into()),
		// ---- Assets (the local currency, asset 2 the city may create, an unknown 99) ----
		e(Anyone, |g| Ast::create { id: asset(g), admin: g.who(), min_balance: 1 }.into()),
		e(City, |g| Ast::force_create { id: g.pick(&[Compact(2)], &[Compact(LOCAL_CURRENCY_ID)]), owner: MultiAddress::Id(account(CITY)), is_sufficient: g.flag(), min_balance: g.pick(&[1], &[0]) }.into()),
		e(City, |g| Ast::start_destroy { id: other_asset(g) }.into()),
		e(Anyone, |g| Ast::destroy_accounts { id: other_asset(g) }.into()),
		e(Anyone, |g| Ast::destroy_approvals { id: other_asset(g) }.into()),
		e(Anyone, |g| Ast::finish_destroy { id: other_asset(g) }.into()),
		e(Sudoer, |g| Ast::mint { id: asset(g), beneficiary: g.dest(), amount: g.amount() }.into()),
		e(Sudoer, |g| Ast::burn { id: asset(g), who: g.who(), amount: g.amount() }.into()),
		e(Payer, |g| Ast::transfer { id: asset(g), target: g.dest(), amount: g.amount() }.into()),
		e(Payer, |g| Ast::transfer_keep_alive { id: asset(g), target: g.dest(), amount: g.amount() }.into()),
		e(City, |g| Ast::force_transfer { id: asset(g), source: g.who(), dest: g.dest(), amount: g.amount() }.into()),
		e(Sudoer, |g| Ast::freeze { id: asset(g), who: g.who() }.into()),
		e(Sudoer, |g| Ast::thaw { id: asset(g), who: g.who() }.into()),
		e(Sudoer, |g| Ast::freeze_asset { id: asset(g) }.into()),
		e(Sudoer, |g| Ast::thaw_asset { id: asset(g) }.into()),
		e(Sudoer, |g| Ast::transfer_ownership { id: other_asset(g), owner: g.who() }.into()),
		e(Sudoer, |g| Ast::set_team { id: other_asset(g), issuer: g.who(), admin: g.who(), freezer: g.who() }.into()),
		e(Sudoer, |g| Ast::set_metadata { id: asset(g), name: g.pick(&[b"Won".to_vec()], &[vec![b'n'; 51]]), symbol: b"W".to_vec(), decimals: 0 }.into()),
		e(Sudoer, |g| Ast::clear_metadata { id: other_asset(g) }.into()),
		e(City, |g| Ast::force_set_metadata { id: asset(g), name: b"Dongbaek won".to_vec(), symbol: b"DBW".to_vec(), decimals: 0, is_frozen: g.flag() }.into()),
		e(City, |g| Ast::force_clear_metadata { id: other_asset(g) }.into()),
		e(City, |g| Ast::force_asset_status { id: other_asset(g), owner: g.who(), issuer: g.who(), admin: g.who(), freezer: g.who(), min_balance: 1, is_sufficient: g.flag(), is_frozen: g.flag() }.into()),
		e(Payer, |g| Ast::approve_transfer { id: asset(g), delegate: g.who(), amount: g.amount() }.into()),
		e(Payer, |g| Ast::cancel_approval { id: asset(g), delegate: g.who() }.into()),
		e(City, |g| Ast::force_cancel_approval { id: asset(g), owner: g.who(), delegate: g.who() }.into()),
		e(Anyone, |g| Ast::transfer_approved { id: asset(g), owner: g.who(), destination: g.dest(), amount: g.amount() }.into()),
		e(Anyone, |g| Ast::touch { id: asset(g) }.into()),
		e(Anyone, |g| Ast::refund { id: asset(g), allow_burn: g.flag() }.into()),
		e(Sudoer, |g| Ast::set_min_balance { id: other_asset(g), min_balance: g.pick(&[1], &[0, u128::MAX]) }.into()),
		e(Sudoer, |g| Ast::touch_other { id: asset(g), who: g.who() }.into()),
		e(Sudoer, |g| Ast::refund_other { id: asset(g), who: g.who() }.into()),
		e(Sudoer, |g| Ast::block { id: asset(g), who: g.who() }.into()),
		e(Payer, |g| Ast::transfer_all { id: asset(g), dest: g.dest(), keep_alive: g.flag() }.into()),
		e(Sudoer, |g| Ast::set_reserves { id: other_asset(g), reserves: BoundedVec::truncate_from(vec![(); g.below(3)]) }.into()),
		// ---- Balances (the native token) ----
		e(Anyone, |g| Bal::transfer_allow_death { dest: g.dest(), value: g.native() }.into()),
		e(City, |g| Bal::force_transfer { source: g.who(), dest: g.dest(), value: g.native() }.into()),
		e(Anyone, |g| Bal::transfer_keep_alive { dest: g.dest(), value: g.native() }.into()),
		e(Anyone, |g| Bal::transfer_all { dest: g.dest(), keep_alive: g.flag() }.into()),
		e(City, |g| Bal::force_unreserve { who: g.who(), amount: g.native() }.into()),
		e(Anyone, |g| Bal::upgrade_accounts { who: vec![g.account(), g.account()] }.into()),
		e(City, |g| Bal::force_set_balance { who: g.who(), new_free: g.native() }.into()),
		e(City, |g| Bal::force_adjust_total_issuance { direction: if g.flag() { pallet_balances::AdjustmentDirection::Increase } else { pallet_balances::AdjustmentDirection::Decrease }, delta: g.native() }.into()),
		e(Anyone, |g| Bal::burn { value: g.native(), keep_alive: g.flag() }.into()),
		// ---- Utility ----
		e(Anyone, |g| Utl::batch { calls: g.inner_calls() }.into()),
		e(Anyone, |g| Utl::as_derivative { index: g.pick(&[0, 1], &[u16::MAX]), call: Box::new(g.inner_call()) }.into()),
		e(Anyone, |g| Utl::batch_all { calls: g.inner_calls() }.into()),
		e(City, |g| Utl::dispatch_as { as_origin: Box::new(origin_caller(g)), call: Box::new(g.inner_call()) }.into()),
		e(Anyone, |g| Utl::force_batch { calls: g.inner_calls() }.into()),
		e(City, |g| Utl::with_weight { call: Box::new(g.inner_call()), weight: g.pick(&[Weight::zero()], &[Weight::MAX]) }.into()),
		e(Anyone, |g| Utl::if_else { main: Box::new(g.inner_call()), fallback: Box::new(g.inner_call()) }.into()),
		e(City, |g| Utl::dispatch_as_fallible { as_origin: Box::new(origin_caller(g)), call: Box::new(g.inner_call()) }.into()),
		// ---- Sudo ----
		e(Sudoer, |g| Sdo::sudo { call: Box::new(g.inner_call()) }.into()),
		e(Sudoer, |g| Sdo::sudo_unchecked_weight { call: Box::new(g.inner_call()), weight: Weight::zero() }.into()),
		e(Sudoer, |g| Sdo::set_key { new: g.pick(&[MultiAddress::Id(account(CITY))], &[MultiAddress::Id(account(BOB))]) }.into()),
		e(Sudoer, |g| Sdo::sudo_as { who: g.who(), call: Box::new(g.inner_call()) }.into()),
		e(Sudoer, |_| Sdo::remove_key {}.into()),
		// ---- Council ----
		e(City, |g| Cnl::set_members { new_members: members(g), prime: None, old_count: g.pick(&[3], &[0, u32::MAX]) }.into()),
		e(Member, |g| { let call = g.inner_call(); Cnl::execute { length_bound: length(&call), proposal: Box::new(call) }.into() }),
		e(Member, |g| { let call = g.inner_call(); Cnl::propose { threshold: g.pick(&[2, 1], &[0, 4]), length_bound: length(&call), proposal: Box::new(call) }.into() }),
		e(Member, |g| { let (hash, index) = proposal(g); Cnl::vote { proposal: hash, index, approve: g.flag() }.into() }),
		e(City, |g| Cnl::disapprove_proposal { proposal_hash: proposal(g).0 }.into()),
		e(Member, |g| { let (hash, index) = proposal(g); Cnl::close { proposal_hash: hash, index, proposal_weight_bound: g.pick(&[Weight::from_parts(1_000_000_000_000, 1 << 20)], &[Weight::zero()]), length_bound: g.pick(&[10_000], &[0]) }.into() }),
		e(City, |g| Cnl::kill { proposal_hash: proposal(g).0 }.into()),
		e(Anyone, |g| Cnl::release_proposal_cost { proposal_hash: proposal(g).0 }.into()),
	];
	TABLE
}

// ---- Argument helpers for the structured arguments ----

fn asset(g: &mut Gen) -> Compact<u32> {
	Compact(g.pick(&[LOCAL_CURRENCY_ID], &[2, 99]))
}

/// Not the local currency: destroying or re-teaming the city's own currency is the city
/// wrecking its own ledger, which no pallet can defend against.
fn other_asset(g: &mut Gen) -> Compact<u32> {
	Compact(g.pick(&[2], &[99]))
}

fn origin_caller(g: &mut Gen) -> OriginCaller {
	let who = g.account();
	g.pick(
		&[
			OriginCaller::system(frame_system::RawOrigin::Signed(who)),
			OriginCaller::system(frame_system::RawOrigin::Root),
		],
		&[
			OriginCaller::system(frame_system::RawOrigin::None),
			OriginCaller::Council(pallet_collective::RawOrigin::Members(2, 3)),
		],
	)
}

fn length(call: &RuntimeCall) -> u32 {
	codec::Encode::encoded_size(call) as u32
}

fn members(g: &mut Gen) -> Vec<AccountId> {
	g.pick(
		&[vec![account(CITY), account(BOB), account(CHARLIE)]],
		&[vec![], vec![account(BOB)], (0..33).map(|i| AccountId::new([i as u8; 32])).collect()],
	)
}

/// A proposal of the council: one that is open (most often), else an unknown hash.
fn proposal(g: &mut Gen) -> (sp_core::H256, u32) {
	let open = pallet_collective::Proposals::<Runtime, CouncilCollective>::get();
	let count = pallet_collective::ProposalCount::<Runtime, CouncilCollective>::get();
	if open.is_empty() {
		return (g.hash(), count);
	}
	let hash = open[g.below(open.len())];
	let index = pallet_collective::Voting::<Runtime, CouncilCollective>::get(hash)
		// `Votes` keeps its fields private; its encoding starts with the index.
		.and_then(|v| <u32 as codec::Decode>::decode(&mut &codec::Encode::encode(&v)[..]).ok())
		.unwrap_or(count);
	let unknown = g.hash();
	g.pick(&[(hash, index)], &[(hash, index + 1), (unknown, 0)])
}

fn program_terms(g: &mut Gen) -> citizen_runtime::ProgramTerms {
	use pallet_policy_funds::{ApprovalMode, GrantScope, ProgramTerms};
	let now = g.now();
	let apply_from = g.pick(&[now - DAY, now], &[now + 400 * DAY]);
	let apply_until = g.pick(&[now + 10 * DAY, now + DAY], &[apply_from, 0]);
	ProgramTerms {
		name: g.name(),
		amount_per_grant: g.pick(&[100_000, 1], &[0, u128::MAX]),
		required_claims: set(g.pick(
			&[
				vec![ClaimKind::Resident],
				vec![],
				vec![ClaimKind::Resident, ClaimKind::MultiChildHousehold],
			],
			&[vec![ClaimKind::YouthAgeBand, ClaimKind::Resident, ClaimKind::MultiChildHousehold]],
		)),
		min_residence: g.pick(&[90 * DAY, 0], &[u64::MAX]),
		apply_from,
		apply_until,
		spend_until: g.pick(
			&[now + 30 * DAY, now + 90 * DAY, apply_until + SLOT],
			&[now, now + 731 * DAY, u64::MAX],
		),
		approval: g.pick(&[ApprovalMode::Automatic, ApprovalMode::Manual], &[]),
		scope: g.pick(&[GrantScope::PerCitizen, GrantScope::PerHousehold], &[]),
		allowed_categories: g.categories(),
		excluded_categories: g.pick(&[set([]), set([CRAM])], &[set([BOOKS])]),
	}
}

fn scheme_terms(g: &mut Gen) -> pallet_multi_child_points::SchemeTermsOf<Runtime> {
	use pallet_multi_child_points::{SchemeTerms, Tier};
	let now = g.now();
	let t = |min_children, amount| Tier { min_children, amount };
	let tiers = g.pick(
		&[vec![t(2, 300_000), t(3, 500_000)], vec![t(2, 100_000)]],
		&[
			vec![],
			vec![t(1, 1)],
			vec![t(3, 1), t(2, 2)],
			vec![t(2, 0)],
			vec![t(2, 1), t(3, 2), t(4, 3), t(5, u128::MAX)],
		],
	);
	let apply_until = g.pick(&[now + 30 * DAY, now + DAY], &[now, now - 1]);
	SchemeTerms {
		name: g.name(),
		tiers: BoundedVec::truncate_from(tiers),
		min_residence: g.pick(&[90 * DAY, 0], &[u64::MAX]),
		apply_from: g.pick(&[now - DAY, now], &[apply_until]),
		apply_until,
		spend_until: g
			.pick(&[now + 100 * DAY, apply_until + SLOT], &[apply_until, now + 800 * DAY]),
		allowed_categories: g.categories(),
		excluded_categories: g.pick(&[set([CRAM]), set([])], &[set([BOOKS])]),
		budget: g.pick(&[1_000_000, 300_000], &[0, 1, u128::MAX]),
	}
}

fn round_terms(g: &mut Gen) -> pallet_youth_culture_pass::RoundTermsOf<Runtime> {
	use pallet_youth_culture_pass::{Mode, RoundTerms, Tier};
	let now = g.now();
	let t = |face, co_payment, places| Tier { face, co_payment, places };
	let entry_opens = g.pick(&[now + 2 * 60_000, now + DAY], &[now, now + 30_000, 0]);
	let entry_closes = g.pick(&[entry_opens + 10 * DAY, entry_opens + DAY], &[entry_opens]);
	let spend_until = g.pick(&[entry_opens + 120 * DAY], &[entry_closes, u64::MAX]);
	let beacon = citizen_drand::BeaconInfo::DEV.round_at(entry_closes + 20 * 60_000);
	RoundTerms {
		year: g.year(),
		name: g.name(),
		tiers: BoundedVec::truncate_from(g.pick(
			&[vec![t(100_000, 10_000, 3)], vec![t(50_000, 0, 1), t(100_000, 10_000, 2)]],
			&[
				vec![],
				vec![t(0, 0, 1)],
				vec![t(10, 10, 1)],
				vec![t(100, 1, 0)],
				vec![t(1, 0, 100_001)],
				vec![t(1, 0, 1); 4],
			],
		)),
		mode: g.pick(
			&[Mode::FirstCome, Mode::Lottery { beacon_round: beacon }],
			&[
				Mode::Lottery { beacon_round: BEACON_ROUND },
				Mode::Lottery { beacon_round: 0 },
				Mode::Lottery { beacon_round: u64::MAX },
			],
		),
		excluded_round: g.pick(&[None, Some(0)], &[Some(1), Some(u32::MAX)]),
		entry_opens,
		entry_closes,
		spend_until,
	}
}

fn offer_terms(g: &mut Gen) -> pallet_youth_culture_pass::OfferTermsOf<Runtime> {
	use pallet_youth_culture_pass::{OfferKind, OfferTerms};
	let now = g.now();
	let date = g.pick(&[now + 10 * DAY, now + 30 * DAY], &[now, 0, u64::MAX]);
	OfferTerms {
		organiser: g.one_of(&[ORGANISER, BOOKSHOP]),
		kind: g.pick(&[OfferKind::Performance, OfferKind::Festival, OfferKind::Package], &[]),
		name: g.name(),
		price: g.pick(&[30_000, 20_000, 100_000], &[0, 100_001, u128::MAX]),
		seats: g.pick(&[5, 1], &[0, 10_001, u32::MAX]),
		date,
		cancel_until: g.pick(&[date.saturating_sub(5 * DAY), date], &[date.saturating_add(1), now]),
	}
}

fn point(g: &mut Gen) -> pallet_facility_booking::GeoPoint {
	use pallet_facility_booking::GeoPoint;
	g.pick(
		&[GeoPoint { lat_micro: 35_165_000, lon_micro: 129_050_000 }],
		&[
			GeoPoint { lat_micro: 90_000_001, lon_micro: 0 },
			GeoPoint { lat_micro: i32::MIN, lon_micro: i32::MAX },
		],
	)
}

fn neighbours(g: &mut Gen) -> BoundedVec<u16, frame_support::traits::ConstU32<12>> {
	BoundedVec::truncate_from(g.pick(
		&[vec![16], vec![5, 6], vec![]],
		&[vec![17], vec![5, 5], vec![999], (1..=12).collect()],
	))
}

fn category_rules(g: &mut Gen) -> pallet_facility_booking::CategoryRules {
	pallet_facility_booking::CategoryRules {
		monthly_quota: g.pick(&[4, 1], &[0, u8::MAX]),
		no_show_limit: g.pick(&[3, 1], &[0]),
		no_show_window: g.pick(&[90 * DAY], &[0, u64::MAX]),
		suspension: g.pick(&[30 * DAY], &[0, u64::MAX]),
	}
}

fn hours(g: &mut Gen) -> pallet_facility_booking::WeekHours {
	let weekday = g.pick(
		&[Some((9 * 60, 18 * 60)), Some((10 * 60, 17 * 60))],
		&[
			None,
			Some((18 * 60, 9 * 60)),
			Some((0, 1440)),
			Some((9 * 60 + 7, 18 * 60)),
			Some((0, 1441)),
		],
	);
	let saturday = g.pick(&[Some((10 * 60, 17 * 60)), None], &[Some((0, 0))]);
	[weekday, weekday, weekday, weekday, weekday, saturday, None]
}

fn facility_spec(g: &mut Gen) -> pallet_facility_booking::FacilitySpecOf<Runtime> {
	use pallet_facility_booking::{FacilitySpec, RefundTier};
	let r = |min_days_before, percent| RefundTier { min_days_before, percent };
	FacilitySpec {
		zone: g.zone(),
		category: g.pick(&[2, 1], &[0, 9]),
		name: g.name(),
		location: point(g),
		capacity: g.pick(&[10, 1], &[0, 1_025, u16::MAX]),
		max_party: g.pick(&[2, 1], &[0, 11]),
		hours: hours(g),
		slot_minutes: g.pick(&[60, 30], &[0, 7, 1440, 14]),
		resident_horizon_days: g.pick(&[14, 7], &[0, 91, u16::MAX]),
		public_horizon_days: g.pick(&[7, 0], &[15]),
		fee: g.pick(&[Some(8_000), None], &[Some(0), Some(u128::MAX)]),
		refund_tiers: BoundedVec::truncate_from(g.pick(
			&[vec![r(5, 100), r(1, 90)], vec![]],
			&[
				vec![r(1, 90), r(5, 100)],
				vec![r(1, 101)],
				vec![r(3, 50), r(2, 60)],
				vec![r(4, 100), r(3, 90), r(2, 80), r(1, 70)],
			],
		)),
		manager: g.one_of(&[MANAGER, CITY]),
	}
}

fn new_citizens(g: &mut Gen) -> pallet_citizen_id::NewCitizensOf<Runtime> {
	let now = g.now();
	let n = g.pick(&[1, 2, 3], &[0, 100]);
	let citizens = (0..n)
		.map(|i| pallet_citizen_id::NewCitizen {
			account: if i == 0 {
				g.one_of(&[NEWPHONE, SPARE, STRANGER])
			} else {
				AccountId::new([0x60 + i as u8; 32])
			},
			commitment: if i == 0 { g.hash() } else { sp_core::H256::repeat_byte(0x60 + i as u8) },
			zone: g.zone(),
			since: g.pick(&[now - 400 * DAY], &[now, u64::MAX]),
		})
		.collect();
	BoundedVec::truncate_from(citizens)
}

/// The most a citizen agrees to pay for a seat of `course`: its fee as the wallet shows it
/// (or a little more), one in eight a won less, nothing, or anything.
fn course_fee(g: &mut Gen, course: u32) -> u128 {
	let fee = pallet_facility_booking::Courses::<Runtime>::get(course)
		.and_then(|c| c.spec.fee)
		.unwrap_or(0);
	g.pick(&[fee, fee.saturating_add(1_000)], &[fee.saturating_sub(1), 0, u128::MAX])
}

fn course_spec(g: &mut Gen) -> pallet_facility_booking::CourseSpecOf<Runtime> {
	use pallet_facility_booking::{CourseSpec, RefundTier, Session};
	let now = g.now();
	// Sessions from today on (a day or more after the enrolment closes), rarely around
	// another day.
	let today = citizen_runtime::FacilityBooking::today();
	let any = g.day();
	let day = g.pick(&[today, today + 1, today + 7], &[any]);
	let session = |day, start_minute, end_minute| Session { day, start_minute, end_minute };
	CourseSpec {
		name: g.name(),
		sessions: BoundedVec::truncate_from(g.pick(
			&[
				vec![
					session(day.saturating_add(7), 600, 660),
					session(day.saturating_add(14), 600, 660),
				],
				vec![session(day.saturating_add(3), 540, 600)],
			],
			&[vec![], vec![session(day, 660, 600)], vec![session(u32::MAX, 0, 1440)]],
		)),
		seats: g.pick(&[2, 1, 20], &[0, u16::MAX]),
		fee: g.pick(&[None, Some(20_000)], &[Some(0), Some(u128::MAX)]),
		residents_from: g.pick(&[now], &[0, u64::MAX]),
		public_from: g.pick(&[now + DAY, now], &[0]),
		enrol_until: g.pick(&[now + DAY, now + 2 * DAY], &[now, 0, now + 5 * DAY, u64::MAX]),
		offer_minutes: g.pick(&[60, 1440], &[0, u32::MAX]),
		required_claims: set(g.pick(
			&[vec![], vec![ClaimKind::Resident]],
			&[vec![ClaimKind::YouthAgeBand, ClaimKind::MultiChildHousehold]],
		)),
		refund_tiers: BoundedVec::truncate_from(g.pick(
			&[vec![RefundTier { min_days_before: 3, percent: 100 }], vec![]],
			&[vec![RefundTier { min_days_before: 1, percent: 101 }]],
		)),
	}
}

/// An event: at one of the manager's facilities (in its zone, at its place) most often, else
/// anywhere in a zone.
fn event_spec(g: &mut Gen) -> pallet_facility_booking::EventSpecOf<Runtime> {
	let now = g.now();
	let start = g.pick(&[now + 3 * DAY, now + DAY], &[now, 0, u64::MAX]);
	let facility = g.pick(&[Some(8), Some(0), None], &[Some(u32::MAX), Some(3)]);
	let at = facility
		.and_then(pallet_facility_booking::Facilities::<Runtime>::get)
		.map(|f| (f.spec.zone, f.spec.location));
	let (zone, place) = match at {
		Some(at) if g.word() % 8 != 7 => at,
		_ => (g.zone(), point(g)),
	};
	pallet_facility_booking::EventSpec {
		name: g.name(),
		zone,
		place,
		facility,
		start,
		end: g.pick(&[start.saturating_add(2 * 3_600_000)], &[start, start.saturating_sub(1)]),
		capacity: g.pick(&[Some(10), None, Some(1)], &[Some(0), Some(u32::MAX)]),
	}
}
