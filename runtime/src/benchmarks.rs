//! The pallets `citizen-node benchmark pallet` can measure in this runtime.
//!
//! Only compiled with `runtime-benchmarks`; `scripts/benchmark.sh` builds that runtime and
//! writes each service pallet's `weights.rs` from the measurements.

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	// The anchors every citizen-facing call is compared with.
	[pallet_balances, Balances]
	[pallet_assets, Assets]
	[pallet_citizen_id, CitizenId]
	[pallet_policy_funds, PolicyFunds]
	[pallet_multi_child_points, MultiChildPoints]
	[pallet_youth_culture_pass, YouthCulturePass]
	[pallet_facility_booking, FacilityBooking]
);
