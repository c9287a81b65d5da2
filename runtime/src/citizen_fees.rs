//! Citizens pay no fees for their own public-service calls, and that is no spam hole.
//!
//! [`NonceWeightAndFee`] stands where `CheckNonce`, `CheckWeight` and `ChargeTransactionPayment`
//! would, runs exactly their checks, and encodes and describes itself exactly like those three
//! (the same identifiers, payloads and order in the metadata), so wallets need nothing new. It
//! is one extension rather than three because the free-call decision needs the transaction's
//! nonce (see "In the pool" below).
//!
//! ## The rule
//!
//! A transaction is free when all of these hold; otherwise the usual fee applies:
//!
//! 1. its call is a citizen's own public-service call, as the pallet that owns the call declares
//!    ([`PublicServiceCall`]) — not wrapped in a batch, proxy or sudo;
//! 2. its signer acts for an active citizen (for an objection to a rebind: the account the ID is
//!    bound to, also while the ID is suspended — the owner's "that was not me" button);
//! 3. its encoded length is at most [`MAX_FREE_LENGTH`] bytes, so a free call cannot carry a
//!    large argument (e.g. a `MultiAddress::Raw` of megabytes) for nothing;
//! 4. the citizen has fee-free calls left in this period (`FreeCallsPerPeriod` per
//!    `FreeCallPeriod`, a calendar day of chain time), counting the transactions ahead of it.
//!
//! One call of the allowance is used before dispatch, so a free call that fails still uses it.
//! Worst case per citizen per day: `20 × 256 = 5,120` bytes of free transactions.
//!
//! The owner's objection to a rebind is the exception to rule 4: it does not use the allowance
//! (an owner who spent the day's calls, or whose requester keeps asking, can always object), and
//! it is free only as the signer's next transaction (`nonce = account nonce`). Each rebind
//! request allows one objection, and requests are issuers' paid calls, so this stays bounded.
//!
//! ## In the pool
//!
//! The allowance is counted in validation too, not only in the block: a transaction's *slot* is
//! the number of the signer's transactions ahead of it (`nonce − account nonce`), and it is free
//! only if `slot < calls left`. A citizen who submits 100 "free" calls at once gets at most the
//! calls left admitted as free; the rest must pay the fee like any other transaction (a wallet
//! holding nothing has them refused by the pool at once, `Invalid::Payment`). In a block the
//! transaction's nonce is the account's, so the slot is 0 and the rule is the allowance itself.

use crate::{CitizenId, Runtime, RuntimeCall};
use citizen_primitives::{CitizenRegistry, PublicService, PublicServiceCall};
use codec::{Decode, DecodeWithMemTracking, Encode};
use frame_support::{dispatch::DispatchResult, pallet_prelude::TransactionSource, weights::Weight};
use frame_system::{CheckNonce, CheckWeight};
use pallet_transaction_payment::ChargeTransactionPayment;
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{
		DispatchInfoOf, DispatchOriginOf, Implication, PostDispatchInfoOf, TransactionExtension,
		TransactionExtensionMetadata, ValidateResult,
	},
	transaction_validity::{
		InvalidTransaction, TransactionValidity, TransactionValidityError, ValidTransaction,
	},
};

type Nonce = CheckNonce<Runtime>;
type Weigh = CheckWeight<Runtime>;
type Fee = ChargeTransactionPayment<Runtime>;

/// The largest encoded transaction (signature, extensions and call) that can be free.
pub const MAX_FREE_LENGTH: usize = 256;

/// The runtime's nonce, weight and fee checks in one. See the module docs.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Eq, PartialEq, TypeInfo)]
pub struct NonceWeightAndFee {
	/// The transaction's nonce (`CheckNonce`).
	pub nonce: Nonce,
	/// No payload (`CheckWeight`).
	pub weight: Weigh,
	/// The tip (`ChargeTransactionPayment`).
	pub fee: Fee,
}

impl NonceWeightAndFee {
	/// For a transaction with `nonce` and `tip`.
	pub fn new(nonce: crate::Nonce, tip: crate::Balance) -> Self {
		Self { nonce: Nonce::from(nonce), weight: Weigh::new(), fee: Fee::from(tip) }
	}
}

impl core::fmt::Debug for NonceWeightAndFee {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		write!(f, "NonceWeightAndFee({:?}, {:?})", self.nonce, self.fee)
	}
}

/// Each service pallet declares its citizens' public-service calls on its own `Call`
/// ([`PublicServiceCall`]); the runtime only names the pallets. A new service pallet adds its
/// line here.
impl PublicServiceCall for RuntimeCall {
	fn public_service(&self) -> Option<PublicService> {
		match self {
			RuntimeCall::CitizenId(call) => call.public_service(),
			RuntimeCall::PolicyFunds(call) => call.public_service(),
			RuntimeCall::MultiChildPoints(call) => call.public_service(),
			RuntimeCall::YouthCulturePass(call) => call.public_service(),
			RuntimeCall::FacilityBooking(call) => call.public_service(),
			_ => None,
		}
	}
}

/// Why a transaction is free.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Free {
	/// A public-service call of this citizen, counted against the allowance.
	Counted(citizen_primitives::CitizenId),
	/// The owner's objection to a rebind: outside the allowance.
	Objection,
}

/// Whether the transaction of `who` with `nonce` and encoded length `len` is free, and why.
pub fn free_for(
	who: &crate::AccountId,
	nonce: crate::Nonce,
	call: &RuntimeCall,
	len: usize,
) -> Option<Free> {
	if len > MAX_FREE_LENGTH {
		return None;
	}
	// The signer's transactions ahead of this one.
	let ahead = nonce.saturating_sub(frame_system::Pallet::<Runtime>::account_nonce(who));
	match call.public_service()? {
		PublicService::Citizen => {
			let citizen = <CitizenId as CitizenRegistry<crate::AccountId>>::citizen_of(who)?;
			(ahead < CitizenId::free_calls_left(citizen)).then_some(Free::Counted(citizen))
		}
		PublicService::OwnerObjection(citizen) => {
			(ahead == 0 && CitizenId::may_object(who, citizen)).then_some(Free::Objection)
		}
	}
}

/// The runtime's database weights.
fn db_weight() -> frame_support::weights::RuntimeDbWeight {
	<<Runtime as frame_system::Config>::DbWeight as frame_support::traits::Get<_>>::get()
}

/// What `validate` decided about the fee.
pub enum FeeVal {
	/// Free.
	Free(Free),
	/// Charged as usual.
	Charge(<Fee as TransactionExtension<RuntimeCall>>::Val),
}

/// What `prepare` did about the fee.
pub enum FeePre {
	Free,
	Charge(<Fee as TransactionExtension<RuntimeCall>>::Pre),
}

impl TransactionExtension<RuntimeCall> for NonceWeightAndFee {
	const IDENTIFIER: &'static str = "NonceWeightAndFee";
	type Implicit = ();
	type Val = (
		<Nonce as TransactionExtension<RuntimeCall>>::Val,
		<Weigh as TransactionExtension<RuntimeCall>>::Val,
		FeeVal,
	);
	type Pre = (
		<Nonce as TransactionExtension<RuntimeCall>>::Pre,
		<Weigh as TransactionExtension<RuntimeCall>>::Pre,
		FeePre,
	);

	/// Exactly the three extensions it stands for, in their order.
	fn metadata() -> alloc::vec::Vec<TransactionExtensionMetadata> {
		let mut all = Nonce::metadata();
		all.extend(Weigh::metadata());
		all.extend(Fee::metadata());
		all
	}

	fn weight(&self, call: &RuntimeCall) -> Weight {
		let base = self
			.nonce
			.weight(call)
			.saturating_add(self.weight.weight(call))
			.saturating_add(self.fee.weight(call));
		// What the allowance adds to the three stock extensions is only what nothing else in
		// the transaction reads or writes. `free_for` reads the account nonce (`CheckNonce`'s
		// read, in its weight) and the citizen lookup — the account's binding, the citizen's
		// record, the registering issuer — which is exactly what the call's own
		// `CitizenOrigin` (`EnsureCitizen`) reads first, so the call's benchmarked weight
		// already counts those keys: the extension reads them from the database, the call
		// then from the block's cache, once per key either way. The objection's check (the
		// owner's binding, the pending rebind, its requester) is likewise what
		// `object_to_rebind` itself reads. (The clock is the timestamp inherent's, in the
		// cache.)
		match call.public_service() {
			None => base,
			// The citizen's counter of free calls: read in validation, written in `prepare`.
			Some(PublicService::Citizen) => base.saturating_add(db_weight().reads_writes(1, 1)),
			// Outside the allowance: no counter.
			Some(PublicService::OwnerObjection(_)) => base,
		}
	}

	fn validate(
		&self,
		origin: DispatchOriginOf<RuntimeCall>,
		call: &RuntimeCall,
		info: &DispatchInfoOf<RuntimeCall>,
		len: usize,
		_self_implicit: (),
		inherited_implication: &impl Implication,
		source: TransactionSource,
	) -> ValidateResult<Self::Val, RuntimeCall> {
		let free = frame_system::ensure_signed(origin.clone())
			.ok()
			.and_then(|who| free_for(&who, self.nonce.0, call, len));
		let (nonce_valid, nonce_val, origin) =
			self.nonce.validate(origin, call, info, len, (), inherited_implication, source)?;
		let (weight_valid, weight_val, origin) =
			self.weight.validate(origin, call, info, len, (), inherited_implication, source)?;
		let (fee_valid, fee_val, origin) = match free {
			Some(free) => (ValidTransaction::default(), FeeVal::Free(free), origin),
			None => {
				let (valid, val, origin) = self.fee.validate(
					origin,
					call,
					info,
					len,
					(),
					inherited_implication,
					source,
				)?;
				(valid, FeeVal::Charge(val), origin)
			}
		};
		let valid = nonce_valid.combine_with(weight_valid).combine_with(fee_valid);
		Ok((valid, (nonce_val, weight_val, fee_val), origin))
	}

	fn prepare(
		self,
		val: Self::Val,
		origin: &DispatchOriginOf<RuntimeCall>,
		call: &RuntimeCall,
		info: &DispatchInfoOf<RuntimeCall>,
		len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		let (nonce_val, weight_val, fee_val) = val;
		let nonce_pre = self.nonce.prepare(nonce_val, origin, call, info, len)?;
		// `CheckWeight` prepares nothing to carry (its `Pre` is `()`).
		self.weight.prepare(weight_val, origin, call, info, len)?;
		let fee_pre = match fee_val {
			FeeVal::Free(Free::Counted(citizen)) => {
				// Counted before dispatch, so it stays counted if the call fails.
				CitizenId::use_free_call(citizen)
					.map_err(|_| InvalidTransaction::ExhaustsResources)?;
				FeePre::Free
			}
			FeeVal::Free(Free::Objection) => FeePre::Free,
			FeeVal::Charge(val) => FeePre::Charge(self.fee.prepare(val, origin, call, info, len)?),
		};
		Ok((nonce_pre, (), fee_pre))
	}

	fn post_dispatch_details(
		pre: Self::Pre,
		info: &DispatchInfoOf<RuntimeCall>,
		post_info: &PostDispatchInfoOf<RuntimeCall>,
		len: usize,
		result: &DispatchResult,
	) -> Result<Weight, TransactionValidityError> {
		let (nonce_pre, weight_pre, fee_pre) = pre;
		let mut unspent = Nonce::post_dispatch_details(nonce_pre, info, post_info, len, result)?;
		unspent = unspent.saturating_add(Weigh::post_dispatch_details(
			weight_pre, info, post_info, len, result,
		)?);
		if let FeePre::Charge(pre) = fee_pre {
			unspent = unspent
				.saturating_add(Fee::post_dispatch_details(pre, info, post_info, len, result)?);
		}
		Ok(unspent)
	}

	/// Like the three extensions in a row: each sees the refunds of those before it.
	fn post_dispatch(
		pre: Self::Pre,
		info: &DispatchInfoOf<RuntimeCall>,
		post_info: &mut PostDispatchInfoOf<RuntimeCall>,
		len: usize,
		result: &DispatchResult,
	) -> Result<(), TransactionValidityError> {
		let (nonce_pre, weight_pre, fee_pre) = pre;
		Nonce::post_dispatch(nonce_pre, info, post_info, len, result)?;
		Weigh::post_dispatch(weight_pre, info, post_info, len, result)?;
		if let FeePre::Charge(pre) = fee_pre {
			Fee::post_dispatch(pre, info, post_info, len, result)?;
		}
		Ok(())
	}

	fn bare_validate(
		call: &RuntimeCall,
		info: &DispatchInfoOf<RuntimeCall>,
		len: usize,
	) -> TransactionValidity {
		let valid = Nonce::bare_validate(call, info, len)?;
		let valid = valid.combine_with(Weigh::bare_validate(call, info, len)?);
		Ok(valid.combine_with(Fee::bare_validate(call, info, len)?))
	}

	fn bare_validate_and_prepare(
		call: &RuntimeCall,
		info: &DispatchInfoOf<RuntimeCall>,
		len: usize,
	) -> Result<(), TransactionValidityError> {
		Nonce::bare_validate_and_prepare(call, info, len)?;
		Weigh::bare_validate_and_prepare(call, info, len)?;
		Fee::bare_validate_and_prepare(call, info, len)
	}

	fn bare_post_dispatch(
		info: &DispatchInfoOf<RuntimeCall>,
		post_info: &mut PostDispatchInfoOf<RuntimeCall>,
		len: usize,
		result: &DispatchResult,
	) -> Result<(), TransactionValidityError> {
		Nonce::bare_post_dispatch(info, post_info, len, result)?;
		Weigh::bare_post_dispatch(info, post_info, len, result)?;
		Fee::bare_post_dispatch(info, post_info, len, result)
	}
}
