// The Citizen Chain draw: a keyed pseudo-random permutation of the entries 0..n of a lottery,
// computed one entry at a time. The same algorithm as `citizen_drand::draw` in Rust
// (primitives/drand/src/draw.rs, whose module docs are the specification); the vectors in
// tests/vectors/draw.json pin both.
//
//   positionOf(seed, n, index)  the rank (0-based) entry `index` draws; undefined if index >= n
//   entryAt(seed, n, position)  the entry at that rank (the inverse); undefined if position >= n
//
// `seed` is 32 bytes (a Uint8Array), in the chain the randomness of a drand round. Ranks and
// entries are plain numbers (n < 2^32).
import { sha256 } from '../../tests/e2e/node_modules/@noble/hashes/esm/sha2.js';

/** b"citizen-chain/draw/v1": separates this use of sha256 from every other. */
export const DOMAIN_TAG = new TextEncoder().encode('citizen-chain/draw/v1');
/** Feistel rounds. */
export const ROUNDS = 8;

function u32be(value) {
  return Uint8Array.of(value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
}

function checkArgs(seed, n, value) {
  if (!(seed instanceof Uint8Array) || seed.length !== 32) {
    throw new TypeError('seed must be a Uint8Array of 32 bytes');
  }
  for (const [name, x] of [['n', n], ['index/position', value]]) {
    if (!Number.isInteger(x) || x < 0 || x > 0xffffffff) {
      throw new RangeError(`${name} must be an integer in 0..2^32`);
    }
  }
}

/** The permutation of 0..4^h (h the half width) for this seed and n, both directions. */
export function feistel(seed, n) {
  // h: the smallest h >= 1 with 4^h >= n; the domain is 0..4^h, each half h bits.
  let h = 1;
  while (4 ** h < n) h += 1;
  const mask = 2 ** h - 1;
  // The round input up to the round index: tag || seed || n (u32 big-endian).
  const prefix = new Uint8Array(DOMAIN_TAG.length + 32 + 4);
  prefix.set(DOMAIN_TAG, 0);
  prefix.set(seed, DOMAIN_TAG.length);
  prefix.set(u32be(n), DOMAIN_TAG.length + 32);
  const message = new Uint8Array(prefix.length + 1 + 4);
  message.set(prefix, 0);
  // F(i, v): the first 4 bytes of sha256(prefix || i (1 byte) || v (u32 big-endian)), as a
  // big-endian u32, masked to h bits.
  const round = (i, v) => {
    message[prefix.length] = i;
    message.set(u32be(v), prefix.length + 1);
    const d = sha256(message);
    return (((d[0] << 24) | (d[1] << 16) | (d[2] << 8) | d[3]) >>> 0) & mask;
  };
  const split = (x) => [Math.floor(x / 2 ** h), x & mask];
  const join = (l, r) => l * 2 ** h + r;
  return {
    domain: 4 ** h,
    forward(x) {
      let [l, r] = split(x);
      for (let i = 0; i < ROUNDS; i += 1) [l, r] = [r, (l ^ round(i, r)) >>> 0];
      return join(l, r);
    },
    backward(x) {
      let [l, r] = split(x);
      for (let i = ROUNDS - 1; i >= 0; i -= 1) [l, r] = [(r ^ round(i, l)) >>> 0, l];
      return join(l, r);
    },
  };
}

// Cycle walking: apply the permutation until the value lands in 0..n again. The walk stays on
// the cycle of `start`, which contains `start` (< n), so it returns after at most domain - n + 1
// steps; it takes fewer than 4 on average as domain < 4n.
function walk(step, n, domain, start) {
  let x = start;
  for (let steps = 0; steps <= domain - n; steps += 1) {
    x = step(x);
    if (x < n) return x;
  }
  throw new Error('unreachable: a permutation cycle through an entry returns to the entries');
}

/** The rank (0-based) that entry `index` of `n` draws under `seed`; undefined if index >= n. */
export function positionOf(seed, n, index) {
  checkArgs(seed, n, index);
  if (index >= n) return undefined;
  const f = feistel(seed, n);
  return walk(f.forward, n, f.domain, index);
}

/** The entry of `n` at rank `position` under `seed` (the inverse); undefined if position >= n. */
export function entryAt(seed, n, position) {
  checkArgs(seed, n, position);
  if (position >= n) return undefined;
  const f = feistel(seed, n);
  return walk(f.backward, n, f.domain, position);
}

/** The whole draw: the entries of `n` in rank order (O(n)). */
export function drawOrder(seed, n) {
  checkArgs(seed, n, 0);
  const f = feistel(seed, n);
  const order = [];
  for (let position = 0; position < n; position += 1) {
    order.push(walk(f.backward, n, f.domain, position));
  }
  return order;
}
