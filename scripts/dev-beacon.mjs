// The dev beacon: a drand-style beacon for local chains and end-to-end tests, signing rounds
// exactly as drand quicknet does (scheme bls-unchained-g1-rfc9380) but with a secret key
// everybody knows. A chain configured with `citizen_drand::BeaconInfo::DEV` accepts its rounds;
// never configure a real chain with it: anyone can compute any round in advance.
//
//   secret key   sk = int(sha256("citizen-chain dev beacon"), big-endian) mod r
//                (r the BLS12-381 group order)
//   public key   sk·G2, 96 bytes compressed (zcash format): DEV_PUBLIC_KEY, BeaconInfo::DEV
//   round m      sha256(round as u64 big-endian)
//   signature    sk·H(m), 48 bytes compressed G1, H the RFC 9380 hash to G1 with the DST
//                BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_
//   randomness   sha256(signature)
//   timing       quicknet's: round 1 at 1692803367 s (Unix), one round every 3 s
//
// Usage: node scripts/dev-beacon.mjs ROUND [ROUND...]   prints {round, signature, randomness}
//        (hex) per round, one JSON line each; `node scripts/dev-beacon.mjs now` signs the
//        latest round by the clock.
import { bls12_381 as bls } from '../tests/e2e/node_modules/@noble/curves/esm/bls12-381.js';
import { sha256 } from '../tests/e2e/node_modules/@noble/hashes/esm/sha2.js';
import { bytesToHex } from '../tests/e2e/node_modules/@noble/hashes/esm/utils.js';
import { pathToFileURL } from 'node:url';

/** BLS12-381 group order r. */
const R = bls.fields.Fr.ORDER;

/** The documented, public secret key of the dev beacon (a bigint in 1..r). */
export const DEV_SECRET_KEY =
  BigInt('0x' + bytesToHex(sha256(new TextEncoder().encode('citizen-chain dev beacon')))) % R;

/** The dev beacon's public key: 96 bytes, compressed G2. Equals `BeaconInfo::DEV.public_key`. */
export const DEV_PUBLIC_KEY = bls.shortSignatures.getPublicKey(DEV_SECRET_KEY).toBytes(true);

/** Quicknet's clock, which the dev beacon shares. */
export const GENESIS_MS = 1692803367000;
export const PERIOD_MS = 3000;

/** The latest round published at `timeMs` (0 before genesis), as `BeaconInfo::round_at`. */
export function roundAt(timeMs) {
  if (timeMs < GENESIS_MS) return 0;
  return Math.floor((timeMs - GENESIS_MS) / PERIOD_MS) + 1;
}

/** When round `round` (>= 1) is published, in ms since the Unix epoch. */
export function roundTimeMs(round) {
  return GENESIS_MS + (round - 1) * PERIOD_MS;
}

/** drand's message for an unchained round: sha256 of the round as a u64, big-endian. */
export function roundMessage(round) {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(round), false);
  return sha256(bytes);
}

/** Signs `round` (a positive integer or bigint): { signature: Uint8Array(48), randomness }. */
export function signRound(round) {
  const r = BigInt(round);
  if (r < 1n || r >= 2n ** 64n) throw new RangeError('round must be in 1..2^64');
  const point = bls.shortSignatures.hash(roundMessage(r));
  const signature = bls.shortSignatures.Signature.toBytes(
    bls.shortSignatures.sign(point, DEV_SECRET_KEY),
  );
  return { signature, randomness: sha256(signature) };
}

/** Verifies a quicknet-scheme round signature against `publicKey` (96 bytes) with noble. */
export function verifyRound(publicKey, round, signature) {
  try {
    const point = bls.shortSignatures.hash(roundMessage(round));
    return bls.shortSignatures.verify(signature, point, publicKey);
  } catch {
    return false;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  if (args.length === 0) {
    console.error('usage: node scripts/dev-beacon.mjs ROUND|now [ROUND...]');
    console.error(`public key: ${bytesToHex(DEV_PUBLIC_KEY)}`);
    process.exit(2);
  }
  for (const arg of args) {
    const round = arg === 'now' ? roundAt(Date.now()) : Number(arg);
    if (!Number.isSafeInteger(round) || round < 1) {
      console.error(`not a round: ${arg}`);
      process.exit(2);
    }
    const { signature, randomness } = signRound(round);
    console.log(
      JSON.stringify({
        round,
        signature: bytesToHex(signature),
        randomness: bytesToHex(randomness),
      }),
    );
  }
}
