// Merchant answers at the wasm floor: every method a merchant, back office or kiosk calls,
// loaded with `wrk` (2 threads, CONNECTIONS connections, loopback) on a release node whose
// genesis holds the load library's city (12,000 citizens with a Resident claim and a voucher,
// merchants, programs), each printed beside `state_getStorage` (a raw storage read: the floor
// of any RPC) and a trivial `state_call` (the floor of any runtime call) from the same run.
// The node answers the merchant methods in its own build of the runtime while the chain runs
// that build (node/src/native_views.rs); the `state_call … (wasm)` rows are the same answers
// from the wasm runtime, what a merchant gets after an upgrade until the node is updated.
//
//   [ROUNDS=3] node scripts/bench-rpc.mjs [SECONDS] [CONNECTIONS]   (scripts/bench.sh runs it)
//
// Goals (issue 15): every merchant method ≥ 0.9× the trivial `state_call` with p99 ≤ 10 ms at
// 32 connections; the batch forms verify ≥ 40,000 accounts a second.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  TARGET_DIR, ensureGenesis, fmt, log, paramsFromEnv, population, rpcHttp, startLoadNode, table,
} from './lib/load.mjs';
import { bnToU8a, u8aConcat, u8aToHex } from '../tests/e2e/node_modules/@polkadot/util/index.js';
import { decodeAddress } from '../tests/e2e/node_modules/@polkadot/util-crypto/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 32);
const BATCH = 100;
const rounds = Number(process.env.ROUNDS ?? 3);

const bin = process.env.CITIZEN_NODE_RELEASE ?? join(TARGET_DIR, 'release/citizen-node');
const params = paramsFromEnv();
const { single } = await ensureGenesis(bin, params);
const pop = population(params);
const work = mkdtempSync(join(tmpdir(), 'bench-rpc-'));
const node = await startLoadNode(bin, single, { logFile: join(work, 'node.log') });

const body = (method, params_) => JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: params_ });
const citizens = pop.citizens.slice(0, 2_000).map((k) => k.address);
const merchant = pop.merchants[0].address;
// The program every load citizen holds a voucher in.
let program = null;
for (const id of [0, 1, 2]) {
  const balance = await rpcHttp(node.port, 'funds_voucherBalance', [citizens[0], id]).catch(() => null);
  if (balance !== null) { program = id; break; }
}
if (program === null) throw new Error('no program holds the load citizens\' vouchers');
const amount = 1;
const many = (n, f) => Array.from({ length: Math.ceil(citizens.length / n) }, (_, i) =>
  f(Array.from({ length: n }, (__, j) => citizens[(i * n + j) % citizens.length])));

// System.Number: twox128("System") ++ twox128("Number").
const NUMBER_KEY = '0x26aa394eea5630e07c48ae0c9558cef702a5c1b19ab7a04f536c519aca4983ac';
const cases = [
  { name: 'state_getStorage (System.Number)', floor: 'storage', bodies: [body('state_getStorage', [NUMBER_KEY])] },
  { name: 'state_call AccountNonceApi_account_nonce', floor: 'call', bodies: [body('state_call', ['AccountNonceApi_account_nonce', u8aToHex(new Uint8Array(32))])] },
  { name: 'citizen_verifyClaim', merchant: true, bodies: citizens.map((a) => body('citizen_verifyClaim', [a, 'Resident'])) },
  { name: 'funds_canAccept', merchant: true, bodies: citizens.map((a) => body('funds_canAccept', [merchant, a, amount])) },
  { name: 'funds_voucherBalance', merchant: true, bodies: citizens.map((a) => body('funds_voucherBalance', [a, program])) },
  // The same three answers from the wasm runtime (state_call), which the merchant methods use
  // only when the chain runs a runtime other than the node's own build (node/src/native_views.rs).
  { name: 'state_call CitizenIdApi_account_claim (wasm)', wasm: true, bodies: citizens.map((a) => body('state_call', ['CitizenIdApi_account_claim', u8aToHex(u8aConcat(decodeAddress(a), [0]))])) },
  { name: 'state_call PolicyFundsApi_can_accept (wasm)', wasm: true, bodies: citizens.map((a) => body('state_call', ['PolicyFundsApi_can_accept', u8aToHex(u8aConcat(decodeAddress(merchant), decodeAddress(a), bnToU8a(amount, { bitLength: 128 })))])) },
  { name: 'state_call PolicyFundsApi_voucher_balance (wasm)', wasm: true, bodies: citizens.map((a) => body('state_call', ['PolicyFundsApi_voucher_balance', u8aToHex(u8aConcat(decodeAddress(a), bnToU8a(program, { bitLength: 32 })))])) },
  { name: `citizen_verifyClaims (${BATCH} accounts)`, batch: BATCH, bodies: many(BATCH, (accounts) => body('citizen_verifyClaims', [accounts, 'Resident'])) },
  { name: `funds_canAcceptMany (${BATCH} queries)`, batch: BATCH, bodies: many(BATCH, (accounts) => body('funds_canAcceptMany', [accounts.map((a) => ({ merchant, citizenAccount: a, amount }))])) },
];

// Every method answers without error before it is loaded.
for (const c of cases) {
  const { method, params: p } = JSON.parse(c.bodies[0]);
  await rpcHttp(node.port, method, p).catch((e) => { throw new Error(`${c.name}: ${e.message}`); });
}

function wrk(bodies) {
  const file = join(work, 'bodies.txt');
  writeFileSync(file, `${bodies.join('\n')}\n`);
  const out = execFileSync('wrk', ['-t2', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', join(here, 'bench-rpc.lua'),
    `http://127.0.0.1:${node.port}`, '--', file], { encoding: 'utf8' });
  const m = out.match(/RESULT requests=(\d+) seconds=([\d.]+) p50_us=(\d+) p99_us=(\d+) rpc_errors=(\d+)/);
  if (!m) throw new Error(`wrk said:\n${out}`);
  return { perSecond: Number(m[1]) / Number(m[2]), p50: Number(m[3]) / 1000, p99: Number(m[4]) / 1000, errors: Number(m[5]) };
}

try {
  // Warm up: the runtime's code cache and the state cache.
  for (const c of cases) wrk(c.bodies.slice(0, 200));
  // ROUNDS rounds (default 3), each running every method once, in a rotated order so no
  // method always follows the same one; each figure is the median of its rounds (one 10 s
  // sample swung a ratio by 10 % between two runs).
  const runs = cases.map(() => []);
  for (let round = 0; round < rounds; round += 1) {
    for (let k = 0; k < cases.length; k += 1) {
      const i = (k + round) % cases.length;
      log(`wrk (round ${round + 1}/${rounds}): ${cases[i].name}`);
      runs[i].push(wrk(cases[i].bodies));
    }
  }
  const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
  const results = cases.map((c, i) => ({
    ...c,
    perSecond: median(runs[i].map((r) => r.perSecond)),
    p50: median(runs[i].map((r) => r.p50)),
    p99: median(runs[i].map((r) => r.p99)),
    errors: runs[i].reduce((n, r) => n + r.errors, 0),
    spread: Math.max(...runs[i].map((r) => r.perSecond)) / Math.min(...runs[i].map((r) => r.perSecond)) - 1,
  }));
  const storage = results.find((r) => r.floor === 'storage');
  const call = results.find((r) => r.floor === 'call');
  const rows = results.map((r) => {
    const vsCall = r.perSecond / call.perSecond;
    let goal = '';
    let verdict = '';
    if (r.merchant) {
      goal = '≥ 0.9× state_call, p99 ≤ 10 ms';
      verdict = vsCall >= 0.9 && r.p99 <= 10 ? 'met' : 'not met';
    } else if (r.batch) {
      goal = '≥ 40,000 accounts/s';
      verdict = r.perSecond * r.batch >= 40_000 ? 'met' : 'not met';
    }
    return [r.name, `${fmt(r.perSecond)} (±${(r.spread * 50).toFixed(0)} %)`, r.batch ? fmt(r.perSecond * r.batch) : '', r.p50.toFixed(2), r.p99.toFixed(2),
      (r.perSecond / storage.perSecond).toFixed(2), vsCall.toFixed(2), String(r.errors), goal, verdict];
  });
  console.log(`RPC on a release node, wrk -t2 -c${connections} -d${seconds}s on loopback (the load shares the node's 2 cores), ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; medians of ${rounds} rounds (± half the spread between rounds):\n`);
  console.log(table(['method', 'req/s', 'accounts/s', 'p50 (ms)', 'p99 (ms)', 'vs state_getStorage', 'vs a trivial state_call', 'errors', 'goal', 'verdict'], rows));
} finally {
  await node.stop();
}
