// Block capacity, end to end: a release node (Alice alone, authoring a block every 6 s,
// finalising with GRANDPA) on the load genesis of `scripts/lib/load.mjs`, filled with pre-signed
// transactions of one kind at a time, and how many of each a block took.
//
//   node scripts/bench-blocks.mjs [--bin PATH] [--kinds transfers,spends,applications,registrations,bookings]
//                                 [--blocks N] [--reg-batch N] [--json FILE] [--keep-log DIR]
//
// Kinds: `transfers` (balances.transfer_keep_alive to an existing account: the anchor),
// `spends` (policy_funds.spend of 1 won at a merchant, fee-free), `applications`
// (policy_funds.apply to an automatic program, fee-free), `registrations`
// (citizen_id.register_citizen by 16 issuers, or the bulk `register_citizens` when the runtime
// has it: `--reg-batch` citizens a call, default its MaxRegistrationBatch (up to 1,000); 1
// forces single calls) and `bookings` (facility_booking.book of a free facility, fee-free).
//
// Each kind gets enough transactions to fill about `--blocks` blocks (default 6) at its
// capacity by weight, submitted as fast as the node takes them with at most 3 blocks' worth
// waiting in the pool. Every transaction ends up included (succeeded or failed, with the
// dispatch error), refused by the pool (with the RPC error) or dropped (none should be). The
// "steady" blocks are those between the first and the last block with the kind (both left out:
// they are partly filled). Prints a markdown table; writes the numbers to `--json` (default
// `$CARGO_TARGET_DIR/bench-blocks.json`, which `scripts/soak.mjs` reads for its rate).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Rpc, SLOT_MS, accountNonces, Signer, TARGET_DIR, Tracker, connectApi, chainNow, ensureGenesis, fmt,
  generators, loadContext, log, maxRegistrationBatch, paramsFromEnv, population, reasonsText, rssMiB, sleep, startLoadNode, table,
  waitForHeight,
} from './lib/load.mjs';

const ALL_KINDS = ['transfers', 'spends', 'applications', 'registrations', 'bookings'];
/** Per-block capacity by weight (README's weights table), to size each kind's load. */
const BY_WEIGHT = { transfers: 6958, spends: 1738, applications: 2345, registrations: 3394, bookings: 351 };
export const GOAL_REGISTRATIONS = 5_700;

function parseArgs(argv) {
  const o = { bin: join(TARGET_DIR, 'release/citizen-node'), kinds: ALL_KINDS, blocks: 6, regBatch: null, json: join(TARGET_DIR, 'bench-blocks.json'), keepLog: null };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    const v = () => { i += 1; return argv[i]; };
    if (a === '--bin') o.bin = v();
    else if (a === '--kinds') o.kinds = v().split(',').filter(Boolean);
    else if (a === '--blocks') o.blocks = Number(v());
    else if (a === '--reg-batch') o.regBatch = Number(v());
    else if (a === '--json') o.json = v();
    else if (a === '--keep-log') o.keepLog = v();
    else throw new Error(`unknown argument ${a}`);
  }
  for (const k of o.kinds) if (!ALL_KINDS.includes(k)) throw new Error(`unknown kind ${k} (${ALL_KINDS.join(', ')})`);
  return o;
}

/** How long the author took to build each block (ms), from its log: number -> ms. */
export function buildTimes(logFile) {
  const out = new Map();
  for (const m of readFileSync(logFile, 'utf8').matchAll(/Prepared block for proposing at (\d+) \((\d+) ms\)/g)) out.set(Number(m[1]), Number(m[2]));
  return out;
}

/** The numbers of one kind from the tracker's blocks. */
export function kindStats(tracker, kind, limits, built = new Map()) {
  const s = tracker.summary(kind);
  const blocks = tracker.blocks.filter((b) => b.byKind[kind]);
  const steady = blocks.length >= 3 ? blocks.slice(1, -1) : blocks;
  const items = steady.map((b) => b.itemsByKind[kind] ?? 0);
  const txs = steady.map((b) => b.byKind[kind]);
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  // Wall time of the steady blocks: their slots (a missed slot counts).
  let slots = 0;
  for (const b of steady) {
    const i = tracker.blocks.indexOf(b);
    const prev = tracker.blocks[i - 1];
    slots += prev && prev.slot !== null && b.slot !== null ? b.slot - prev.slot : 1;
  }
  const weightPct = steady.map((b) => (b.weightNormal ?? 0) / limits.normalWeight * 100);
  const bytesPct = steady.map((b) => b.bytes / limits.normalLength * 100);
  const perTxWeight = sum(steady.map((b) => b.weightNormal ?? 0)) / Math.max(1, sum(txs));
  const buildMs = steady.map((b) => built.get(b.number)).filter((x) => x !== undefined);
  return {
    kind,
    sent: s.sent,
    ok: s.ok,
    failed: s.failed,
    rejected: s.rejected,
    dropped: s.dropped,
    reasons: s.reasons,
    items: s.items,
    blocks: blocks.length,
    steadyBlocks: steady.length,
    meanPerBlock: items.length ? sum(items) / items.length : 0,
    maxPerBlock: Math.max(0, ...blocks.map((b) => b.itemsByKind[kind] ?? 0)),
    txPerBlock: txs.length ? sum(txs) / txs.length : 0,
    perSecond: slots ? sum(items) / (slots * SLOT_MS / 1000) : 0,
    weightPct: weightPct.length ? sum(weightPct) / weightPct.length : 0,
    bytesPct: bytesPct.length ? sum(bytesPct) / bytesPct.length : 0,
    perTxWeightUs: perTxWeight / 1e6,
    perItemWeightUs: sum(steady.map((b) => b.weightNormal ?? 0)) / Math.max(1, sum(items)) / 1e6,
    fitByWeight: perTxWeight ? limits.normalWeight / perTxWeight : 0,
    missedSlots: slots - steady.length,
    buildMs: buildMs.length ? sum(buildMs) / buildMs.length : NaN,
  };
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const params = paramsFromEnv();
  const genesis = await ensureGenesis(o.bin, params);
  const pop = population(params);
  const work = o.keepLog ?? mkdtempSync(join(tmpdir(), 'bench-blocks-'));
  mkdirSync(work, { recursive: true });
  const logFile = join(work, 'node.log');
  const node = await startLoadNode(o.bin, genesis.single, { logFile });
  log(`node pid ${node.pid}, RPC ${node.port}, log ${logFile}`);
  const api = await connectApi(node.url);
  const rpc = await Rpc.connect(node.url);
  const submitRpcs = await Promise.all([1, 2, 3, 4].map(() => Rpc.connect(node.url)));
  const results = [];
  const rssStart = rssMiB(node.pid);
  try {
    await waitForHeight(rpc, 1);
    const signer = new Signer(api);
    signer.selfTest();
    const ctx = await loadContext(api, params, pop);
    const normalWeight = api.consts.system.blockWeights.perClass.normal.maxTotal.unwrap().refTime.toNumber();
    const normalLength = api.consts.system.blockLength.max.normal.toNumber();
    const limits = { normalWeight, normalLength };
    const maxBatch = maxRegistrationBatch(api);
    // A full batch, as an issuer sends them (measured: 500 and 300 a call both fill a block
    // with 6,000 citizens; smaller calls pay the per-call overhead more often).
    const regBatch = o.regBatch ?? Math.min(maxBatch, 1000);
    const bulk = maxBatch > 0 && regBatch > 1;
    log(`registrations: ${bulk ? `bulk register_citizens, ${regBatch} a call (MaxRegistrationBatch ${maxBatch})` : 'single register_citizen calls (no bulk call in this runtime)'}`);
    // How many of each: `blocks + 2` blocks at the capacity by weight (bulk registrations: the
    // goal's rate, until the bulk call has measured weights).
    const perBlock = { ...BY_WEIGHT, registrations: bulk ? 2 * GOAL_REGISTRATIONS : BY_WEIGHT.registrations };
    const want = Object.fromEntries(o.kinds.map((k) => [k, Math.ceil(perBlock[k] * (o.blocks + 2))]));
    // Citizens: separate slices per kind (the free-call allowance is per citizen), up to 10
    // calls each so no citizen carries a long chain of nonces.
    const slices = {};
    let next = 0;
    for (const k of ['spends', 'applications', 'bookings']) {
      if (!o.kinds.includes(k)) { slices[k] = []; continue; }
      const cap = k === 'applications' ? Math.min(10, ctx.applyPrograms.length) : k === 'bookings' ? 16 : 10;
      const n = Math.ceil(want[k] / cap);
      if (next + n > pop.citizens.length) throw new Error(`not enough citizens for ${k}: raise the citizens of LOAD_PARAMS`);
      slices[k] = pop.citizens.slice(next, next + n);
      next += n;
    }
    const now = await chainNow(api);
    const nonces = await accountNonces(api, [...pop.issuers, ...(o.kinds.includes('transfers') ? pop.senders : []), ...slices.spends, ...slices.applications, ...slices.bookings]);
    const gens = generators({ api, ctx, pop, now, runTag: `bench/${Date.now()}`, regBatch: bulk ? regBatch : 1, citizenSlices: slices, nonces, perCitizen: 10 });
    const tracker = new Tracker({ api, rpc, submitRpcs, deferEvents: true });
    await tracker.start();
    tracker.onBlockCb = (b) => {
      const kinds = Object.entries(b.byKind).map(([k, n]) => `${k} ${n}`).join(', ');
      log(`#${b.number} slot ${b.slot}: ${b.extrinsics} extrinsics, ${fmt(b.bytes / 1024)} KiB, weight ${fmt((b.weightNormal ?? 0) / normalWeight * 100)}%${kinds ? `; ${kinds}` : ''}; waiting ${fmt(tracker.poolCount)}; read in ${fmt(b.readMs)} ms`);
    };
    for (const kind of o.kinds) {
      const count = bulk && kind === 'registrations' ? Math.ceil(want[kind] / regBatch) : want[kind];
      const t0 = performance.now();
      const txs = [];
      for (let i = 0; i < count; i += 1) {
        const g = gens[kind].next();
        if (!g) break;
        txs.push({ ...signer.sign(g.key, g.nonce, g.call), kind, items: g.items, who: g.key.label, nonce: g.nonce });
      }
      const signSecs = (performance.now() - t0) / 1000;
      log(`${kind}: ${fmt(txs.length)} transactions signed in ${signSecs.toFixed(1)} s (${fmt(txs.length / signSecs)}/s)`);
      let i = 0;
      const window = Math.max(2_000, Math.ceil(3 * (bulk && kind === 'registrations' ? perBlock[kind] / regBatch : perBlock[kind])));
      const t1 = Date.now();
      const sub = await tracker.submitWindowed(() => txs[i++] ?? null, { inflight: 512, window });
      log(`${kind}: submitted in ${sub.seconds.toFixed(1)} s (${fmt(sub.admissionPerSecond)}/s while the pool window was open)`);
      await tracker.settle({ kinds: [kind] });
      const st = kindStats(tracker, kind, limits, buildTimes(logFile));
      st.signPerSecond = txs.length / signSecs;
      st.admissionPerSecond = sub.admissionPerSecond;
      results.push(st);
      log(`${kind}: ${fmt(st.meanPerBlock)} a block (max ${fmt(st.maxPerBlock)}), ${fmt(st.perSecond)}/s; ${reasonsText(st.reasons)}`);
      // One quiet block between kinds.
      await tracker.nextBlock();
    }
    const rssEnd = rssMiB(node.pid);
    const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
    const version = (await rpc.send('system_version', [])).toString();
    console.log(`\n### Block capacity (${date} UTC, citizen-node ${version}, release, this machine: ${(await import('node:os')).cpus().length} cores shared with the load generator)\n`);
    console.log(`One validator (Alice) authoring 6-second blocks, GRANDPA finality; pool limit 65,536 transactions; transactions signed offline (ed25519, immortal), submitted over 4 WebSocket connections with up to 3 blocks' worth waiting. Normal class: ${fmt(normalWeight / 1e12, 2)} s of weight, ${fmt(normalLength / 1048576, 2)} MiB. Steady blocks leave out the first and last block of each kind. "Weight per tx" is the block's normal-class weight over its transactions (call, transaction extensions and extrinsic base, as charged); "block build" is how long Alice took to author a steady block (the proposal, from its log).\n`);
    const rows = results.map((r) => {
      const unit = r.kind === 'registrations' && bulk ? ' (citizens)' : '';
      const goal = r.kind === 'registrations'
        ? `≥ ${fmt(GOAL_REGISTRATIONS)}/block: ${r.meanPerBlock >= GOAL_REGISTRATIONS ? '**met**' : '**NOT met**'}${bulk ? ` (bulk, ${regBatch} a call)` : ' (single calls)'}`
        : '–';
      const limit = r.weightPct >= 93 ? `weight (${fmt(r.weightPct)}% full)` : r.bytesPct >= 93 ? `length (${fmt(r.bytesPct)}%)` : `not weight (${fmt(r.weightPct)}% full, ${fmt(r.bytesPct)}% length)`;
      return [
        r.kind + unit, fmt(r.sent), fmt(r.ok), `${fmt(r.failed + r.rejected + r.dropped)}${r.reasons.size ? ` (${reasonsText(r.reasons)})` : ''}`,
        `${fmt(r.blocks)} (${fmt(r.steadyBlocks)} steady)`, `${fmt(r.meanPerBlock)} / ${fmt(r.maxPerBlock)}`, fmt(r.perSecond),
        r.kind === 'registrations' && bulk
          ? `${fmt(r.perItemWeightUs, 1)} µs a citizen → ${fmt(limits.normalWeight / (r.perItemWeightUs * 1e6))}`
          : `${fmt(r.perTxWeightUs, 1)} µs → ${fmt(r.fitByWeight)}`,
        fmt(r.buildMs), limit, goal,
      ];
    });
    console.log(table(['kind', 'submitted', 'included ok', 'invalid (reasons)', 'blocks', 'included per block (mean / max)', 'included per second', 'weight per tx → fit by weight', 'block build (ms)', 'limit', 'goal / verdict'], rows));
    const dropped = results.reduce((a, r) => a + r.dropped, 0);
    console.log(`\nLost (accepted, never included nor reported): ${dropped}. Node RSS ${fmt(rssStart)} → ${fmt(rssEnd)} MiB. Signing: ${results.map((r) => `${r.kind} ${fmt(r.signPerSecond)}/s`).join(', ')}. Pool admission (RPC answers per second while the window was open): ${results.map((r) => `${r.kind} ${fmt(r.admissionPerSecond)}/s`).join(', ')}.`);
    writeFileSync(o.json, JSON.stringify({
      date, version, bulk, regBatch,
      kinds: Object.fromEntries(results.map((r) => [r.kind, { ...r, reasons: Object.fromEntries(r.reasons) }])),
    }, null, 1));
    log(`numbers in ${o.json}`);
    if (dropped > 0) process.exitCode = 2;
  } finally {
    rpc.close();
    for (const r of submitRpcs) r.close();
    await api.disconnect();
    await node.stop();
  }
}

main().then(() => process.exit(process.exitCode ?? 0), (e) => { console.error(e.stack ?? e); process.exit(1); });
