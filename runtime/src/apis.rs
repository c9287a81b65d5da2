//! The runtime APIs the node, wallets and merchants call.

use super::*;
use alloc::vec::Vec;
use citizen_primitives::{ClaimKind, MerchantCategory, ProgramId};
use frame_support::{
	genesis_builder_helper::{build_state, get_preset},
	weights::Weight,
};
use pallet_citizen_id::{CitizenView, ClaimRefusal, ClaimVerdict, CredentialVerdict};
use pallet_grandpa::AuthorityId as GrandpaId;
use pallet_policy_funds::{AcceptVerdict, ProgramReport, ProgramStatus, VoucherView};

/// The most items a runtime API call returns per page.
const MAX_PAGE: u32 = 100;
use sp_api::impl_runtime_apis;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata, H256};
use sp_runtime::{
	traits::{Block as BlockT, NumberFor},
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult, ExtrinsicInclusionMode,
};
use sp_version::RuntimeVersion;

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
		}

		fn authorities() -> Vec<AuraId> {
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(
			owner: Vec<u8>,
			seed: Option<Vec<u8>>,
		) -> sp_session::OpaqueGeneratedSessionKeys {
			opaque::SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			opaque::SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			Grandpa::current_set_id()
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			_equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				NumberFor<Block>,
			>,
			_key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			None
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			_authority_id: GrandpaId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			// No key-ownership proofs without a session pallet: equivocations are not reported.
			None
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}
		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}
		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			genesis_config_presets::preset_names()
		}
	}

	#[api_version(2)]
	impl pallet_citizen_id_runtime_api::CitizenIdApi<Block, AccountId> for Runtime {
		fn citizen_of(account: AccountId) -> Option<citizen_primitives::CitizenId> {
			pallet_citizen_id::CitizenOf::<Runtime>::get(account)
		}

		fn citizen(citizen: citizen_primitives::CitizenId) -> Option<CitizenView<AccountId>> {
			CitizenId::citizen_view(citizen)
		}

		fn verify_claim(
			citizen: citizen_primitives::CitizenId,
			kind: ClaimKind,
		) -> Option<ClaimVerdict<AccountId>> {
			CitizenId::claim_verdict(citizen, kind)
		}

		fn verify_account_claim(account: AccountId, kind: ClaimKind) -> Option<ClaimVerdict<AccountId>> {
			CitizenId::account_claim(&account, kind).ok()
		}

		fn credential_status(digest: H256) -> Option<CredentialVerdict<AccountId>> {
			CitizenId::credential_verdict(digest)
		}

		fn account_claim(
			account: AccountId,
			kind: ClaimKind,
		) -> Result<ClaimVerdict<AccountId>, ClaimRefusal> {
			CitizenId::account_claim(&account, kind)
		}

		fn verify_claims(
			accounts: Vec<AccountId>,
			kind: ClaimKind,
		) -> Vec<Result<ClaimVerdict<AccountId>, ClaimRefusal>> {
			CitizenId::account_claims(accounts, kind)
		}
	}

	impl pallet_policy_funds_runtime_api::PolicyFundsApi<
		Block,
		AccountId,
		Balance,
		pallet_policy_funds::ProgramTermsOf<Runtime>,
	> for Runtime {
		fn programs(
			start: ProgramId,
			limit: u32,
		) -> Vec<(ProgramId, pallet_policy_funds::ProgramTermsOf<Runtime>, ProgramStatus, bool)> {
			let end = start.saturating_add(limit.min(MAX_PAGE));
			(start..end)
				.filter_map(|id| {
					pallet_policy_funds::Programs::<Runtime>::get(id)
						.map(|p| (id, p.terms, p.status, p.expired))
				})
				.collect()
		}

		// The registry's `citizen_of` names only active citizens; the raw binding
		// (`CitizenOf`) lets the pallet tell a suspended citizen from a stranger.
		fn vouchers_of(account: AccountId, start: ProgramId, limit: u32) -> Vec<VoucherView<Balance>> {
			let bound = pallet_citizen_id::CitizenOf::<Runtime>::get(&account);
			PolicyFunds::wallet_vouchers(&account, bound, start, limit.min(MAX_PAGE))
		}

		fn voucher_balance(account: AccountId, program: ProgramId) -> Option<VoucherView<Balance>> {
			let bound = pallet_citizen_id::CitizenOf::<Runtime>::get(&account);
			PolicyFunds::wallet_voucher(&account, program, bound)
		}

		fn can_accept(merchant: AccountId, account: AccountId, amount: Balance) -> AcceptVerdict<Balance> {
			let bound = pallet_citizen_id::CitizenOf::<Runtime>::get(&account);
			PolicyFunds::can_accept(&merchant, &account, amount, bound)
		}

		fn program_report(program: ProgramId) -> Option<ProgramReport<Balance>> {
			PolicyFunds::report(program)
		}

		fn spend_by_category(program: ProgramId) -> Vec<(MerchantCategory, Balance)> {
			PolicyFunds::spend_by_category(program)
		}

		fn voucher_of(
			account: AccountId,
			program: ProgramId,
		) -> Result<VoucherView<Balance>, pallet_policy_funds::VoucherLookupError> {
			let bound = pallet_citizen_id::CitizenOf::<Runtime>::get(&account);
			PolicyFunds::voucher_lookup(&account, program, bound)
		}

		fn report_with_categories(
			program: ProgramId,
		) -> Option<pallet_policy_funds::ReportAndSpending<Balance>> {
			PolicyFunds::report_with_categories(program)
		}

		fn can_accept_many(
			queries: Vec<(AccountId, AccountId, Balance)>,
		) -> Vec<AcceptVerdict<Balance>> {
			let max = pallet_policy_funds_runtime_api::MAX_ACCEPT_BATCH;
			PolicyFunds::can_accept_many(
				queries.into_iter().take(max as usize).map(|(merchant, account, amount)| {
					let bound = pallet_citizen_id::CitizenOf::<Runtime>::get(&account);
					(merchant, account, amount, bound)
				}),
				max,
			)
		}
	}

	impl pallet_multi_child_points_runtime_api::MultiChildPointsApi<Block, AccountId, Balance>
		for Runtime
	{
		fn schemes() -> Vec<pallet_multi_child_points::SchemeView<Balance>> {
			MultiChildPoints::schemes()
		}

		fn household_status(
			year: pallet_multi_child_points::Year,
			household: H256,
		) -> Option<pallet_multi_child_points::HouseholdStatus<Balance>> {
			MultiChildPoints::household_status(year, household)
		}

		fn quote(
			account: AccountId,
			year: pallet_multi_child_points::Year,
		) -> Result<Balance, pallet_multi_child_points::Refusal> {
			MultiChildPoints::quote_for(&account, year)
		}

		fn report(
			year: pallet_multi_child_points::Year,
		) -> Option<pallet_multi_child_points::SchemeReportView<Balance>> {
			MultiChildPoints::report(year)
		}
	}

	impl pallet_youth_culture_pass_runtime_api::YouthCulturePassApi<Block, AccountId, Balance>
		for Runtime
	{
		fn rounds() -> Vec<pallet_youth_culture_pass::RoundView<Balance>> {
			YouthCulturePass::rounds()
		}

		fn round(
			id: pallet_youth_culture_pass::RoundId,
		) -> Option<pallet_youth_culture_pass::RoundView<Balance>> {
			YouthCulturePass::round(id)
		}

		fn entry_status(
			round: pallet_youth_culture_pass::RoundId,
			account: AccountId,
		) -> Option<pallet_youth_culture_pass::EntryStatus<Balance>> {
			YouthCulturePass::entry_status(round, &account)
		}

		fn pass_status(
			account: AccountId,
			round: pallet_youth_culture_pass::RoundId,
		) -> Option<pallet_youth_culture_pass::PassStatus<Balance>> {
			YouthCulturePass::pass_status(&account, round)
		}

		fn open_offers() -> Vec<pallet_youth_culture_pass::OfferView<AccountId, Balance>> {
			YouthCulturePass::open_offers()
		}

		fn draw_progress(
			round: pallet_youth_culture_pass::RoundId,
		) -> Option<pallet_youth_culture_pass::DrawProgress> {
			YouthCulturePass::draw_progress(round)
		}

		fn report(
			round: pallet_youth_culture_pass::RoundId,
		) -> Option<pallet_youth_culture_pass::RoundReportView<Balance>> {
			YouthCulturePass::report(round)
		}

		fn quote(
			account: AccountId,
			round: pallet_youth_culture_pass::RoundId,
			tier: pallet_youth_culture_pass::TierIndex,
		) -> Result<Balance, pallet_youth_culture_pass::Refusal> {
			YouthCulturePass::quote_for(&account, round, tier)
		}
	}

	impl pallet_facility_booking_runtime_api::FacilityBookingApi<Block, AccountId, Balance>
		for Runtime
	{
		fn today() -> pallet_facility_booking::DayNumber {
			FacilityBooking::today()
		}

		fn zones() -> Vec<pallet_facility_booking::ZoneView> {
			FacilityBooking::zones()
		}

		fn categories() -> Vec<pallet_facility_booking::CategoryView> {
			FacilityBooking::categories()
		}

		fn zone_of(
			point: pallet_facility_booking::GeoPoint,
		) -> Option<pallet_facility_booking::ZoneId> {
			FacilityBooking::zone_of(point)
		}

		fn facility(
			id: pallet_facility_booking::FacilityId,
		) -> Option<pallet_facility_booking::FacilityView<AccountId, Balance>> {
			FacilityBooking::facility(id)
		}

		fn facilities_near(
			point: pallet_facility_booking::GeoPoint,
			radius_m: u32,
			category: Option<pallet_facility_booking::CategoryId>,
			limit: u32,
		) -> Vec<pallet_facility_booking::NearFacility> {
			FacilityBooking::facilities_near(point, radius_m, category, limit)
		}

		fn free_places(
			facility: pallet_facility_booking::FacilityId,
			day: pallet_facility_booking::DayNumber,
		) -> Option<Vec<pallet_facility_booking::SlotView>> {
			FacilityBooking::free_places(facility, day)
		}

		fn citizen_bookings(
			account: AccountId,
		) -> Option<pallet_facility_booking::CitizenBookingsView<Balance>> {
			FacilityBooking::citizen_bookings(&account)
		}

		fn course(
			id: pallet_facility_booking::CourseId,
		) -> Option<pallet_facility_booking::CourseView<Balance>> {
			FacilityBooking::course(id)
		}

		fn courses_near(
			point: pallet_facility_booking::GeoPoint,
			radius_m: u32,
			category: Option<pallet_facility_booking::CategoryId>,
			limit: u32,
		) -> Vec<pallet_facility_booking::NearCourse<Balance>> {
			FacilityBooking::courses_near(point, radius_m, category, limit)
		}

		fn citizen_courses(
			account: AccountId,
		) -> Option<pallet_facility_booking::CitizenCoursesView<Balance>> {
			FacilityBooking::citizen_courses(&account)
		}

		fn event(id: pallet_facility_booking::EventId) -> Option<pallet_facility_booking::EventView> {
			FacilityBooking::event(id)
		}

		fn events_near(
			point: pallet_facility_booking::GeoPoint,
			radius_m: u32,
			from_day: pallet_facility_booking::DayNumber,
			to_day: pallet_facility_booking::DayNumber,
			limit: u32,
		) -> Vec<pallet_facility_booking::NearEvent> {
			FacilityBooking::events_near(point, radius_m, from_day, to_day, limit)
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			use frame_benchmarking::{baseline::Pallet as BaselineBench, BenchmarkList};
			use frame_support::traits::StorageInfoTrait;
			use frame_system_benchmarking::{
				extensions::Pallet as SystemExtensionsBench, Pallet as SystemBench,
			};

			let mut list = Vec::<BenchmarkList>::new();
			list_benchmarks!(list, extra);
			(list, AllPalletsWithSystem::storage_info())
		}

		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig,
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			use frame_benchmarking::{baseline::Pallet as BaselineBench, BenchmarkBatch};
			use frame_support::traits::WhitelistedStorageKeys;
			use frame_system_benchmarking::{
				extensions::Pallet as SystemExtensionsBench, Pallet as SystemBench,
			};

			#[allow(non_local_definitions)]
			impl frame_system_benchmarking::Config for Runtime {}
			#[allow(non_local_definitions)]
			impl pallet_transaction_payment::BenchmarkConfig for Runtime {}
			#[allow(non_local_definitions)]
			impl frame_benchmarking::baseline::Config for Runtime {}

			let whitelist = AllPalletsWithSystem::whitelisted_storage_keys();
			let mut batches = Vec::<BenchmarkBatch>::new();
			let params = (&config, &whitelist);
			add_benchmarks!(params, batches);
			Ok(batches)
		}
	}

	#[cfg(feature = "try-runtime")]
	impl frame_try_runtime::TryRuntime<Block> for Runtime {
		// Only the off-chain try-runtime tool calls these (feature-gated, never in a block): a
		// failed check must abort the tool run with its message, so both panic on error.
		fn on_runtime_upgrade(checks: frame_try_runtime::UpgradeCheckSelect) -> (Weight, Weight) {
			let weight =
				Executive::try_runtime_upgrade(checks).expect("runtime upgrade checks failed");
			(weight, crate::configs::RuntimeBlockWeights::get().max_block)
		}

		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: frame_try_runtime::TryStateSelect,
		) -> Weight {
			Executive::try_execute_block(block, state_root_check, signature_check, select)
				.expect("execute-block failed")
		}
	}
}
