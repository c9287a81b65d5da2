// Prints every service pallet's call weights beside `pallet_balances::transfer_keep_alive` and
// `pallet_assets::transfer_keep_alive` (a local-currency transfer), all measured in the same
// `scripts/benchmark.sh` run on this machine, how many of each call fit one block, and the
// goal each issue set with its verdict.
// Usage: node scripts/weights-table.mjs runtime/src/weights/pallet_balances.rs runtime/src/weights/pallet_assets.rs pallets/*/src/weights.rs
//
// The weight of a call is its measured execution time plus its database reads and writes at
// ParityDB's costs (8 µs a read, 50 µs a write), as the runtime charges it. "Per block" is how
// many fit the normal class of one block (75 % of 2 s) with everything the runtime adds to each
// transaction: frame-support's `ExtrinsicBaseWeight`, the transaction extensions (nonce, weight
// and fee, measured in the same run when `runtime/src/weights/` has them), and for a citizen's
// fee-free call the allowance the fee extension keeps (`runtime/src/citizen_fees.rs`).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const READ_PS = 8_000_000;
const WRITE_PS = 50_000_000;
const BASE_PS = 108_157_000;
const NORMAL_PS = 1_500_000_000_000;

const cost = (exec, reads, writes) => exec + reads * READ_PS + writes * WRITE_PS;
const num = (s) => Number(s.replaceAll('_', ''));

/** { call: { exec, reads, writes, total, item? } } from a generated weights file: a service
 * pallet's `weights.rs` (`SubstrateWeight<T>`) or a FRAME pallet's in `runtime/src/weights/`
 * (`WeightInfo<T>`). `item` is the per-unit part of a call with one component. */
function parse(file) {
  const text = readFileSync(file, 'utf8');
  let start = text.indexOf('for SubstrateWeight<T>');
  if (start === -1) start = text.indexOf('WeightInfo for WeightInfo<T>');
  const end = text.indexOf('impl WeightInfo for ()');
  const body = text.slice(start, end === -1 ? undefined : end);
  const calls = {};
  const fn = /fn (\w+)\(([^)]*)\) -> Weight \{([\s\S]*?)\n\t\}/g;
  for (const [, name, params, inner] of body.matchAll(fn)) {
    const parts = inner.match(/Weight::from_parts\(([\d_]+),/);
    if (!parts) continue;
    const exec = num(parts[1]);
    const reads = Number(inner.match(/reads\((\d+)(?:_u64)?\)/)?.[1] ?? 0);
    const writes = Number(inner.match(/writes\((\d+)(?:_u64)?\)/)?.[1] ?? 0);
    const w = { exec, reads, writes, total: cost(exec, reads, writes) };
    const component = params.match(/(\w+): u32/)?.[1];
    if (component) {
      const slope = inner.match(/Weight::from_parts\(([\d_]+), 0\)\.saturating_mul\(/)?.[1];
      const r = inner.match(/reads\(\((\d+)_u64\)\.saturating_mul/)?.[1] ?? 0;
      const wr = inner.match(/writes\(\((\d+)_u64\)\.saturating_mul/)?.[1] ?? 0;
      const ie = slope ? num(slope) : 0;
      w.item = { component, exec: ie, reads: Number(r), writes: Number(wr), total: cost(ie, Number(r), Number(wr)) };
    }
    calls[name] = w;
  }
  return calls;
}

// The transaction extensions every signed transaction runs, as measured (zero where the run
// did not measure them: an older weights directory).
const weightsDir = join(ROOT, 'runtime/src/weights');
const measured = (file, call) => {
  const path = join(weightsDir, file);
  return existsSync(path) ? (parse(path)[call]?.total ?? 0) : 0;
};
const EXTENSIONS_PS =
  measured('frame_system_extensions.rs', 'check_nonce') +
  measured('frame_system_extensions.rs', 'check_weight') +
  measured('pallet_transaction_payment.rs', 'charge_transaction_payment');
// The allowance of a fee-free call, as `citizen_fees.rs` charges it.
const fees = readFileSync(join(ROOT, 'runtime/src/citizen_fees.rs'), 'utf8');
const [, aReads, aWrites] = fees.match(/reads_writes\((\d+), (\d+)\)/) ?? [0, 0, 0];
const ALLOWANCE_PS = cost(0, Number(aReads), Number(aWrites));

// The calls a citizen makes fee-free: each pallet's `PublicServiceCall` impl.
function freeCalls(pallet) {
  const src = join(ROOT, 'pallets', pallet, 'src');
  if (!existsSync(src)) return new Set();
  const text = readdirSync(src)
    .filter((f) => f.endsWith('.rs'))
    .map((f) => readFileSync(join(src, f), 'utf8'))
    .find((t) => t.includes('fn public_service(&self)'));
  if (!text) return new Set();
  const at = text.indexOf('fn public_service(&self)');
  if (at === -1) return new Set();
  const body = text.slice(at, text.indexOf('\n\t}\n', at));
  const names = new Set();
  // The arms that answer `Some(...)`: the calls named before their arrow.
  for (const m of body.matchAll(/((?:Call::\w+ \{[^}]*\}\s*\|?\s*)+)=>\s*\{?\s*Some/g)) {
    for (const c of m[1].matchAll(/Call::(\w+)/g)) names.add(c[1]);
  }
  return names;
}

// The goals the issues set. `ratio`: at most this many times `assets.transfer_keep_alive`;
// `perBlock`: at least this many in one block (per item for a batch call).
const GOALS = {
  'policy-funds.spend': { ratio: 1.5 },
  'policy-funds.apply': { ratio: 1.5 },
  'multi-child-points.apply': { ratio: 1.5 },
  'citizen-id.register_citizens': { perBlock: 5_700 },
  'youth-culture-pass.enter': { perBlock: 1_000 },
};
// Batch calls are counted with batches of this many items (their bound in the runtime).
const BATCH = { 'citizen-id.register_citizens': Number(process.env.REGISTER_BATCH ?? 500) };

const [balancesFile, assetsFile, ...files] = process.argv.slice(2);
const anchor = parse(balancesFile).transfer_keep_alive;
if (!anchor) throw new Error(`no transfer_keep_alive in ${balancesFile}`);
const assets = parse(assetsFile).transfer_keep_alive;
if (!assets) throw new Error(`no transfer_keep_alive in ${assetsFile}`);
const us = (ps) => (ps / 1e6).toFixed(1);
const around = (free) => BASE_PS + EXTENSIONS_PS + (free ? ALLOWANCE_PS : 0);
/** How many fit a block: calls, or for a batch call the items in batches of `batch`. */
function perBlock(w, free, batch) {
  if (w.item && batch) {
    const perItem = w.item.total + (w.total + around(free)) / batch;
    return Math.floor(NORMAL_PS / perItem);
  }
  return Math.floor(NORMAL_PS / (w.total + around(free)));
}
function verdict(call, w, fit) {
  const goal = GOALS[call];
  if (!goal) return ['', ''];
  if (goal.ratio) {
    const r = w.total / assets.total;
    return [`≤ ${goal.ratio}× assets`, r <= goal.ratio ? 'met' : 'not met'];
  }
  return [`≥ ${goal.perBlock.toLocaleString('en')} a block`, fit >= goal.perBlock ? 'met' : 'not met'];
}
function row(call, w, free) {
  const batch = BATCH[call];
  const fit = perBlock(w, free, batch);
  const [goal, ok] = verdict(call, w, fit);
  const item = w.item ? ` + ${us(w.item.total)}/${w.item.component}` : '';
  const ratio = (x) => (w.total / x.total).toFixed(2);
  return `| ${call}${free ? ' (free)' : ''} | ${us(w.exec)} | ${w.reads} | ${w.writes} | ${us(w.total)}${item} | ${ratio(anchor)} | ${ratio(assets)} | ${fit}${batch ? ` (batches of ${batch})` : ''} | ${goal} | ${ok} |`;
}

console.log(
  `Around each call: extrinsic base ${us(BASE_PS)} µs, transaction extensions ${us(EXTENSIONS_PS)} µs` +
    `${EXTENSIONS_PS ? ' (measured)' : ' (not measured in this run)'}, and for a fee-free call the allowance ${us(ALLOWANCE_PS)} µs` +
    ` (${aReads} reads, ${aWrites} writes). A block's normal class: ${us(NORMAL_PS)} µs.\n`,
);
console.log('| call | execution (µs) | reads | writes | weight (µs) | × balances.transfer_keep_alive | × assets.transfer_keep_alive | per block | goal | verdict |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
console.log(row('balances.transfer_keep_alive', anchor, false));
console.log(row('assets.transfer_keep_alive', assets, false));
for (const file of files) {
  const pallet = basename(dirname(dirname(file)));
  const free = freeCalls(pallet);
  for (const [name, w] of Object.entries(parse(file))) {
    console.log(row(`${pallet}.${name}`, w, free.has(name)));
  }
}
