// Submitting extrinsics and reading their outcome.
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, blake2AsHex } from '@polkadot/util-crypto';

/** The dev accounts (sr25519), once the crypto is ready. */
export async function devAccounts() {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519' });
  const named = {};
  for (const name of ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie']) {
    named[name.toLowerCase()] = keyring.addFromUri(`//${name}`);
  }
  return { keyring, ...named };
}

/** A fresh account with no funds, from a unique seed. */
export function freshAccount(keyring, seed) {
  return keyring.addFromUri(`//e2e//${seed}//${Date.now()}`);
}

/** A salted commitment of a made-up resident number (what a wallet would compute). */
export function commitment(residentNumber, salt = 'e2e-salt') {
  return blake2AsHex(`${salt}:${residentNumber}`, 256);
}

/** Decode a dispatch error into `section.Name` (or `BadOrigin`, ...). */
export function errorName(api, dispatchError) {
  if (dispatchError.isModule) {
    const { section, name } = api.registry.findMetaError(dispatchError.asModule);
    return `${section}.${name}`;
  }
  return dispatchError.type;
}

/**
 * Sign and submit `tx` as `signer`; resolves once it is in a block with
 * { events, error, blockHash } where `error` is the decoded dispatch error or null.
 */
export function submit(api, tx, signer) {
  return new Promise((resolve, reject) => {
    let unsubscribe = () => {};
    tx.signAndSend(signer, ({ status, events, dispatchError }) => {
      if (status.isInBlock || status.isFinalized) {
        unsubscribe();
        let error = dispatchError ? errorName(api, dispatchError) : null;
        // Errors inside sudo/collective dispatches are reported as events.
        for (const { event } of events) {
          if (api.events.sudo?.Sudid?.is(event) && event.data[0].isErr) {
            error = error ?? errorName(api, event.data[0].asErr);
          }
        }
        resolve({ events: events.map((e) => e.event), error, blockHash: status.isInBlock ? status.asInBlock : status.asFinalized });
      } else if (status.isInvalid || status.isDropped || status.isUsurped) {
        unsubscribe();
        reject(new Error(`transaction ${status.type}`));
      }
    }).then((u) => { unsubscribe = u; }, reject);
  });
}

/** Submit and require success; returns the events. */
export async function submitOk(api, tx, signer) {
  const { events, error } = await submit(api, tx, signer);
  if (error) throw new Error(`${tx.method.section}.${tx.method.method} failed: ${error}`);
  return events;
}

/** Seal `n` empty blocks on the dev chain (each moves chain time by at least one slot). */
export async function sealBlocks(api, n) {
  // The parent hash is left out (not null, which would encode as the zero hash).
  for (let i = 0; i < n; i += 1) await api.rpc.engine.createBlock(true, true);
}
