#!/usr/bin/env node
// Re-runs a youth-culture-pass lottery offline and says whether the chain drew it honestly.
//
//   node scripts/verify-draw.mjs ROUND [--ws ws://127.0.0.1:9944] [--json]
//
// From a node it reads only public state: the round's terms (tiers, places, the drand round
// fixed when it opened), the beacon's public key (set at genesis), every entry, the beacon
// signature the draw was seeded with, and the passes. Then, with no help from the chain:
//   1. the beacon signature is a valid BLS signature of the fixed round under the beacon's key
//      (drand quicknet's scheme) and its sha256 is the randomness;
//   2. each tier's commitment, recomputed from the stored entries, matches the chain's, and the
//      seed is sha256("citizen-chain/ycp/seed/v1" ++ randomness ++ round u32 LE ++
//      sha256(tier commitments));
//   3. each entry's rank is its position in the public permutation keyed by the tier's seed
//      (scripts/lib/draw.mjs, the twin of citizen_drand::draw); ranks below the tier's places
//      win;
//   4. every pass the draw issued went to a computed winner, and every computed winner holds
//      one or was refunded because they were no longer eligible at the draw.
// Prints a summary (or JSON with --json) and exits 0 when everything matches, 1 otherwise.
import { ApiPromise, WsProvider } from '../tests/e2e/node_modules/@polkadot/api/index.js';
import { sha256 } from '../tests/e2e/node_modules/@noble/hashes/esm/sha2.js';
import { positionOf } from './lib/draw.mjs';
import { verifyRound } from './dev-beacon.mjs';
import { pathToFileURL } from 'node:url';

const SEED_TAG = new TextEncoder().encode('citizen-chain/ycp/seed/v1');

const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
};
const u32le = (v) => { const b = new Uint8Array(4); new DataView(b.buffer).setUint32(0, v, true); return b; };
const u64le = (v) => { const b = new Uint8Array(8); new DataView(b.buffer).setBigUint64(0, BigInt(v), true); return b; };
const hex = (u8) => `0x${Buffer.from(u8).toString('hex')}`;
const equal = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The commitment after one more entry of a tier (`next_commitment` in the pallet). */
export function nextCommitment(c, round, tier, index, citizen) {
  return sha256(concat(c, u32le(round), Uint8Array.of(tier), u32le(index), u64le(citizen)));
}

/** The round seed (`round_seed` in the pallet). */
export function roundSeed(randomness, round, tierCommitments) {
  return sha256(concat(SEED_TAG, randomness, u32le(round), sha256(concat(...tierCommitments))));
}

/** A tier's seed (`tier_seed` in the pallet). */
export function tierSeed(seed, tier) {
  return sha256(concat(seed, Uint8Array.of(tier)));
}

/** Everything the verification needs, read from a node at its best block. */
export async function readRound(api, round) {
  const q = api.query.youthCulturePass;
  const roundOpt = await q.rounds(round);
  if (roundOpt.isNone) throw new Error(`no round ${round}`);
  const r = roundOpt.unwrap();
  if (!r.terms.mode.isLottery) throw new Error(`round ${round} is first-come: nothing to draw`);
  const beacon = await q.beacon();
  const draw = (await q.draws(round)).unwrap();
  const tally = (await q.tallies(round)).unwrap();
  const entries = [];
  // Map values come back as Options.
  const some = (v) => (v.isSome !== undefined ? v.unwrap() : v);
  for (const [key, value] of await q.entries.entries(round)) {
    const [, [tier, index]] = key.args;
    const entry = some(value);
    entries.push({ tier: tier.toNumber(), index: index.toNumber(), citizen: entry.citizen.toBigInt() });
  }
  const passes = [];
  for (const [key, value] of await q.passes.entries(round)) {
    const pass = some(value);
    passes.push({ citizen: key.args[1].toBigInt(), tier: pass.tier.toNumber(), source: pass.source.toString() });
  }
  return {
    round,
    beaconRound: r.terms.mode.asLottery.beaconRound.toBigInt(),
    places: r.terms.tiers.map((t) => t.places.toNumber()),
    publicKey: beacon.publicKey.toU8a(),
    phase: draw.phase.toString(),
    seed: draw.seed.isSome ? draw.seed.unwrap().toU8a() : null,
    signature: draw.signature.isSome ? draw.signature.unwrap().toU8a() : null,
    commitments: tally.tiers.map((t) => t.commitment.toU8a()),
    entries,
    passes,
  };
}

/** The offline verification of what `readRound` read. */
export function verify(data) {
  const problems = [];
  const tiers = data.places.map((places, tier) => {
    const list = data.entries.filter((e) => e.tier === tier).sort((a, b) => a.index - b.index);
    list.forEach((e, i) => { if (e.index !== i) problems.push(`tier ${tier}: entry index ${i} missing`); });
    let c = new Uint8Array(32);
    for (const e of list) c = nextCommitment(c, data.round, tier, e.index, e.citizen);
    if (!equal(c, data.commitments[tier] ?? new Uint8Array(0))) {
      problems.push(`tier ${tier}: the entries do not hash to the chain's commitment`);
    }
    return { tier, places, entries: list, commitment: c };
  });
  const oversubscribed = tiers.some((t) => t.entries.length > t.places);
  let seed = null;
  if (oversubscribed) {
    if (!data.signature) {
      problems.push('no beacon signature on chain yet (the draw has not been seeded)');
    } else {
      if (!verifyRound(data.publicKey, data.beaconRound, data.signature)) {
        problems.push(`the stored signature is not the beacon's signature of round ${data.beaconRound}`);
      }
      seed = roundSeed(sha256(data.signature), data.round, tiers.map((t) => t.commitment));
      if (!data.seed || !equal(seed, data.seed)) problems.push('the seed does not follow from the beacon and the entries');
    }
  }
  const drawnPasses = new Map(data.passes.filter((p) => p.source === 'Drawn').map((p) => [p.citizen, p]));
  const report = tiers.map((t) => {
    const n = t.entries.length;
    const ts = seed && n > t.places ? tierSeed(seed, t.tier) : null;
    const ranked = t.entries.map((e) => ({ ...e, rank: n <= t.places ? e.index : ts ? positionOf(ts, n, e.index) : null }));
    const winners = ranked.filter((e) => e.rank !== null && e.rank < t.places);
    const declined = [];
    for (const w of winners) {
      if (!drawnPasses.has(w.citizen)) declined.push(w.citizen);
    }
    for (const [citizen, p] of drawnPasses) {
      if (p.tier === t.tier && !winners.some((w) => w.citizen === citizen)) {
        problems.push(`tier ${t.tier}: citizen ${citizen} holds a drawn pass but did not win`);
      }
    }
    return {
      tier: t.tier,
      places: t.places,
      entries: n,
      winners: winners.length,
      passesIssued: [...drawnPasses.values()].filter((p) => p.tier === t.tier).length,
      declined,
      ranking: ranked.filter((e) => e.rank !== null).sort((a, b) => a.rank - b.rank).map((e) => ({ citizen: e.citizen, rank: e.rank })),
    };
  });
  return { ok: problems.length === 0, problems, seed: seed && hex(seed), tiers: report };
}

async function main() {
  const args = process.argv.slice(2);
  const round = Number(args.find((a) => /^\d+$/.test(a)));
  if (!Number.isInteger(round)) {
    console.error('usage: node scripts/verify-draw.mjs ROUND [--ws ws://127.0.0.1:9944] [--json]');
    process.exit(2);
  }
  const ws = args.includes('--ws') ? args[args.indexOf('--ws') + 1] : 'ws://127.0.0.1:9944';
  const api = await ApiPromise.create({ provider: new WsProvider(ws), noInitWarn: true });
  try {
    const data = await readRound(api, round);
    const result = verify(data);
    if (args.includes('--json')) {
      console.log(JSON.stringify(result, (_, v) => (typeof v === 'bigint' ? v.toString() : v)));
    } else {
      console.log(`round ${round}: beacon round ${data.beaconRound}, phase ${data.phase}, seed ${result.seed ?? '(none needed)'}`);
      for (const t of result.tiers) {
        console.log(`  tier ${t.tier}: ${t.entries} entries for ${t.places} places; ${t.winners} winners, ${t.passesIssued} passes issued${t.declined.length ? `, ${t.declined.length} declined` : ''}`);
      }
      console.log(result.ok ? 'MATCH: the on-chain draw is the one the beacon and the entries determine' : `MISMATCH:\n  ${result.problems.join('\n  ')}`);
    }
    process.exitCode = result.ok ? 0 : 1;
  } finally {
    await api.disconnect();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => { console.error(e.message ?? e); process.exit(2); });
}
