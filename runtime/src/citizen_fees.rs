//! Citizens pay no fees for their own public-service calls.
//!
//! [`ChargeFeeUnlessCitizenService`] stands where `ChargeTransactionPayment` would: when the
//! signer acts for an active citizen, the call is one of the citizen's own public-service
//! calls ([`is_public_service`]) and the citizen has fee-free calls left this period
//! (`pallet_citizen_id::Config::FreeCallsPerPeriod`), the call is free and one call of the
//! allowance is used — also if the call then fails, so failing calls are no free spam. Any
//! other transaction pays the usual fee. It encodes exactly like `ChargeTransactionPayment`
//! (a tip) and keeps its identifier, so wallets need nothing new.

use crate::{CitizenId, Runtime, RuntimeCall};
use codec::{Decode, DecodeWithMemTracking, Encode};
use frame_support::{dispatch::DispatchResult, pallet_prelude::TransactionSource, weights::Weight};
use pallet_transaction_payment::ChargeTransactionPayment;
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{
		DispatchInfoOf, DispatchOriginOf, Implication, PostDispatchInfoOf, TransactionExtension,
		ValidateResult,
	},
	transaction_validity::{InvalidTransaction, TransactionValidityError, ValidTransaction},
};

type Inner = ChargeTransactionPayment<Runtime>;

/// The fee extension of this runtime. See the module docs.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Eq, PartialEq, TypeInfo)]
pub struct ChargeFeeUnlessCitizenService(pub Inner);

impl ChargeFeeUnlessCitizenService {
	/// With a tip (zero for most transactions).
	pub fn from(tip: crate::Balance) -> Self {
		Self(Inner::from(tip))
	}
}

impl core::fmt::Debug for ChargeFeeUnlessCitizenService {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		write!(f, "ChargeFeeUnlessCitizenService({:?})", self.0)
	}
}

/// The citizen's own public-service calls: applying for and spending benefits, and managing
/// their own ID.
pub fn is_public_service(call: &RuntimeCall) -> bool {
	use pallet_citizen_id::Call as Id;
	use pallet_policy_funds::Call as Funds;
	matches!(
		call,
		RuntimeCall::PolicyFunds(Funds::apply { .. } | Funds::spend { .. })
			| RuntimeCall::CitizenId(Id::cancel_rebind { .. } | Id::deregister { .. })
	)
}

/// What `validate` decided.
pub enum Val {
	/// Free: counts against this citizen's allowance.
	Free(citizen_primitives::CitizenId),
	/// Charged as usual.
	Charge(<Inner as TransactionExtension<RuntimeCall>>::Val),
}

/// What `prepare` did.
pub enum Pre {
	Free,
	Charge(<Inner as TransactionExtension<RuntimeCall>>::Pre),
}

/// The citizen `origin` acts for, if this call may be free for them.
fn free_for(
	origin: &DispatchOriginOf<RuntimeCall>,
	call: &RuntimeCall,
) -> Option<citizen_primitives::CitizenId> {
	use citizen_primitives::CitizenRegistry;
	if !is_public_service(call) {
		return None;
	}
	let who = frame_system::ensure_signed(origin.clone()).ok()?;
	let citizen = <CitizenId as CitizenRegistry<crate::AccountId>>::citizen_of(&who)?;
	(CitizenId::free_calls_left(citizen) > 0).then_some(citizen)
}

impl TransactionExtension<RuntimeCall> for ChargeFeeUnlessCitizenService {
	const IDENTIFIER: &'static str = "ChargeTransactionPayment";
	type Implicit = ();
	type Val = Val;
	type Pre = Pre;

	fn weight(&self, call: &RuntimeCall) -> Weight {
		// The allowance: the citizen lookup and one counter.
		let db: frame_support::weights::RuntimeDbWeight =
			<<Runtime as frame_system::Config>::DbWeight as frame_support::traits::Get<_>>::get();
		self.0.weight(call).saturating_add(db.reads_writes(4, 1))
	}

	fn validate(
		&self,
		origin: DispatchOriginOf<RuntimeCall>,
		call: &RuntimeCall,
		info: &DispatchInfoOf<RuntimeCall>,
		len: usize,
		self_implicit: (),
		inherited_implication: &impl Implication,
		source: TransactionSource,
	) -> ValidateResult<Self::Val, RuntimeCall> {
		if let Some(citizen) = free_for(&origin, call) {
			return Ok((ValidTransaction::default(), Val::Free(citizen), origin));
		}
		let (valid, val, origin) = self.0.validate(
			origin,
			call,
			info,
			len,
			self_implicit,
			inherited_implication,
			source,
		)?;
		Ok((valid, Val::Charge(val), origin))
	}

	fn prepare(
		self,
		val: Self::Val,
		origin: &DispatchOriginOf<RuntimeCall>,
		call: &RuntimeCall,
		info: &DispatchInfoOf<RuntimeCall>,
		len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		match val {
			Val::Free(citizen) => {
				// Counted before dispatch, so it stays counted if the call fails.
				CitizenId::use_free_call(citizen)
					.map_err(|_| InvalidTransaction::ExhaustsResources)?;
				Ok(Pre::Free)
			}
			Val::Charge(val) => Ok(Pre::Charge(self.0.prepare(val, origin, call, info, len)?)),
		}
	}

	fn post_dispatch_details(
		pre: Self::Pre,
		info: &DispatchInfoOf<RuntimeCall>,
		post_info: &PostDispatchInfoOf<RuntimeCall>,
		len: usize,
		result: &DispatchResult,
	) -> Result<Weight, TransactionValidityError> {
		match pre {
			Pre::Free => Ok(Weight::zero()),
			Pre::Charge(pre) => Inner::post_dispatch_details(pre, info, post_info, len, result),
		}
	}
}
