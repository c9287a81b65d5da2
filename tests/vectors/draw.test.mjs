// The JavaScript draw (scripts/lib/draw.mjs) against the vectors the Rust draw
// (citizen_drand::draw) generated: tests/vectors/draw.json. Run: node --test tests/vectors/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DOMAIN_TAG, ROUNDS, drawOrder, entryAt, positionOf } from '../../scripts/lib/draw.mjs';

const vectors = JSON.parse(readFileSync(new URL('./draw.json', import.meta.url), 'utf8'));
const fromHex = (hex) => Uint8Array.from(hex.match(/../g), (byte) => parseInt(byte, 16));

test('the algorithm version matches', () => {
  assert.equal(new TextDecoder().decode(DOMAIN_TAG), vectors.domainTag);
  assert.equal(ROUNDS, vectors.rounds);
});

for (const { seed, n, positions, entries } of vectors.cases) {
  test(`n = ${n}, seed ${seed.slice(0, 8)}…: the same ranks as Rust, both ways`, () => {
    const key = fromHex(seed);
    assert.deepEqual(positions.map((_, i) => positionOf(key, n, i)), positions);
    assert.deepEqual(entries.map((_, p) => entryAt(key, n, p)), entries);
    for (let i = 0; i < positions.length; i += 1) assert.equal(entryAt(key, n, positions[i]), i);
    assert.equal(positionOf(key, n, n), undefined);
    assert.equal(entryAt(key, n, n), undefined);
    if (n <= 1000) assert.deepEqual(drawOrder(key, n).slice(0, entries.length), entries);
  });
}

test('a bijection for small n', () => {
  const key = fromHex(vectors.cases[0].seed);
  for (let n = 1; n < 70; n += 1) {
    const order = drawOrder(key, n);
    assert.deepEqual([...order].sort((a, b) => a - b), [...Array(n).keys()]);
    order.forEach((entry, position) => assert.equal(positionOf(key, n, entry), position));
  }
});

test('large n and bad arguments', () => {
  const key = fromHex(vectors.cases[0].seed);
  for (const n of [2 ** 30 + 1, 2 ** 32 - 1]) {
    for (const i of [0, 12345, n - 1]) assert.equal(entryAt(key, n, positionOf(key, n, i)), i);
  }
  assert.equal(positionOf(key, 0, 0), undefined);
  assert.throws(() => positionOf(new Uint8Array(31), 5, 0), TypeError);
  assert.throws(() => positionOf(key, 2 ** 32, 0), RangeError);
  assert.throws(() => entryAt(key, 5, -1), RangeError);
});
