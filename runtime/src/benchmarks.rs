//! The pallets `citizen-node benchmark pallet` can measure in this runtime.
//!
//! Only compiled with `runtime-benchmarks`; `scripts/benchmark.sh` builds that runtime and
//! writes each service pallet's `weights.rs` from the measurements.

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	// What every signed transaction costs around its call: the system extensions and the fee.
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[pallet_transaction_payment, TransactionPayment]
	// The anchors every citizen-facing call is compared with.
	[pallet_balances, Balances]
	[pallet_assets, Assets]
	[pallet_citizen_id, CitizenId]
	[pallet_policy_funds, PolicyFunds]
	[pallet_multi_child_points, MultiChildPoints]
	[pallet_youth_culture_pass, YouthCulturePass]
	[pallet_facility_booking, FacilityBooking]
);
