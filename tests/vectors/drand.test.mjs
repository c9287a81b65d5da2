// noble (@noble/curves) and the Rust verifier agree both ways: noble verifies the real
// quicknet rounds the Rust tests verify (tests/vectors/drand-quicknet.json), and the dev beacon
// (scripts/dev-beacon.mjs) still signs the rounds the Rust tests verify
// (tests/vectors/drand-dev.json, pasted into primitives/drand/src/tests/beacon.rs).
// Run: node --test tests/vectors/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sha256 } from '../e2e/node_modules/@noble/hashes/esm/sha2.js';
import {
  DEV_PUBLIC_KEY,
  GENESIS_MS,
  PERIOD_MS,
  roundAt,
  roundTimeMs,
  signRound,
  verifyRound,
} from '../../scripts/dev-beacon.mjs';

const read = (name) => JSON.parse(readFileSync(new URL(name, import.meta.url), 'utf8'));
const quicknet = read('./drand-quicknet.json');
const dev = read('./drand-dev.json');
const fromHex = (hex) => Uint8Array.from(hex.match(/../g), (byte) => parseInt(byte, 16));
const toHex = (bytes) => Buffer.from(bytes).toString('hex');

test('noble verifies real quicknet rounds, and their randomness is sha256(signature)', () => {
  const key = fromHex(quicknet.info.public_key);
  for (const { round, signature, randomness } of quicknet.rounds) {
    const sig = fromHex(signature);
    assert.ok(verifyRound(key, round, sig), `round ${round}`);
    assert.ok(!verifyRound(key, round + 1, sig), `round ${round} as ${round + 1}`);
    assert.ok(!verifyRound(DEV_PUBLIC_KEY, round, sig));
    if (randomness) assert.equal(toHex(sha256(sig)), randomness);
  }
});

test('noble rejects flipped bits and the identity', () => {
  const key = fromHex(quicknet.info.public_key);
  const { round, signature } = quicknet.rounds[0];
  for (const bit of [0, 3, 7, 100, 383]) {
    const sig = fromHex(signature);
    sig[bit >> 3] ^= 1 << (bit & 7);
    assert.ok(!verifyRound(key, round, sig), `bit ${bit}`);
  }
  const identity = new Uint8Array(48);
  identity[0] = 0xc0;
  assert.ok(!verifyRound(key, round, identity));
});

test('the dev beacon signs the rounds the Rust verifier accepts', () => {
  assert.equal(toHex(DEV_PUBLIC_KEY), dev.public_key);
  assert.equal(dev.genesis_time * 1000, GENESIS_MS);
  assert.equal(dev.period * 1000, PERIOD_MS);
  for (const { round, signature, randomness } of dev.rounds) {
    const signed = signRound(round);
    assert.equal(toHex(signed.signature), signature, `round ${round}`);
    assert.equal(toHex(signed.randomness), randomness);
    assert.ok(verifyRound(DEV_PUBLIC_KEY, round, signed.signature));
  }
});

test('the dev beacon keeps quicknet time', () => {
  assert.equal(roundAt(GENESIS_MS - 1), 0);
  assert.equal(roundAt(GENESIS_MS), 1);
  assert.equal(roundAt(GENESIS_MS + PERIOD_MS), 2);
  assert.equal(roundTimeMs(30662982), 1784792310000);
  assert.equal(roundAt(roundTimeMs(30662982) + 2999), 30662982);
});
