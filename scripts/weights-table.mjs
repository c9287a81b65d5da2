// Prints every service pallet's call weights beside `pallet_balances::transfer_keep_alive` and
// `pallet_assets::transfer_keep_alive` (a local-currency transfer), all measured in the same
// `scripts/benchmark.sh` run on this machine, and how many of each call fit one block.
// Usage: node scripts/weights-table.mjs BALANCES.rs ASSETS.rs pallets/*/src/weights.rs
// The total of a call is its measured execution time plus its database reads and writes at
// ParityDB's costs (8 µs a read, 50 µs a write), as the runtime charges it.
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';

const READ_PS = 8_000_000;
const WRITE_PS = 50_000_000;

/** { call: { exec, reads, writes, total } } from a generated weights.rs (SubstrateWeight). */
function parse(file) {
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf('for SubstrateWeight<T>');
  const end = text.indexOf('impl WeightInfo for ()');
  const body = text.slice(start, end === -1 ? undefined : end);
  const calls = {};
  const fn = /fn (\w+)\([^)]*\) -> Weight \{([\s\S]*?)\n\t\}/g;
  for (const [, name, inner] of body.matchAll(fn)) {
    const parts = inner.match(/Weight::from_parts\(([\d_]+),/);
    if (!parts) continue;
    const exec = Number(parts[1].replaceAll('_', ''));
    const reads = Number(inner.match(/reads\((\d+)_u64\)/)?.[1] ?? 0);
    const writes = Number(inner.match(/writes\((\d+)_u64\)/)?.[1] ?? 0);
    calls[name] = { exec, reads, writes, total: exec + reads * READ_PS + writes * WRITE_PS };
  }
  return calls;
}

// What the runtime charges around a call: frame-support's `ExtrinsicBaseWeight` for every
// extrinsic, and for a citizen's fee-free call the allowance the fee extension keeps (6 reads,
// 1 write: `runtime/src/citizen_fees.rs`). A block's normal class has 75 % of 2 s.
const BASE_PS = 108_157_000;
const ALLOWANCE_PS = 6 * READ_PS + WRITE_PS;
const NORMAL_PS = 1_500_000_000_000;
// The calls a citizen makes fee-free (`PublicServiceCall`).
const FREE = new Set([
  'citizen-id.object_to_rebind', 'policy-funds.apply', 'policy-funds.spend',
  'multi-child-points.apply', 'youth-culture-pass.buy', 'youth-culture-pass.enter',
  'youth-culture-pass.book', 'youth-culture-pass.cancel_booking', 'youth-culture-pass.give_up',
  'youth-culture-pass.claim_place', 'facility-booking.book', 'facility-booking.cancel',
  'facility-booking.self_check_in',
]);

const [balancesFile, assetsFile, ...files] = process.argv.slice(2);
const anchor = parse(balancesFile).transfer_keep_alive;
if (!anchor) throw new Error(`no transfer_keep_alive in ${balancesFile}`);
const assets = parse(assetsFile).transfer_keep_alive;
if (!assets) throw new Error(`no transfer_keep_alive in ${assetsFile}`);
const us = (ps) => (ps / 1e6).toFixed(1);
const perBlock = (total, free) => Math.floor(NORMAL_PS / (total + BASE_PS + (free ? ALLOWANCE_PS : 0)));
const row = (name, w, free) =>
  `| ${name}${free ? ' (free)' : ''} | ${us(w.exec)} | ${w.reads} | ${w.writes} | ${us(w.total)} | ${(w.total / anchor.total).toFixed(2)} | ${(w.total / assets.total).toFixed(2)} | ${perBlock(w.total, free)} |`;
console.log('| call | execution (µs) | reads | writes | total (µs) | × balances.transfer_keep_alive | × assets.transfer_keep_alive | per block |');
console.log('|---|---|---|---|---|---|---|---|');
console.log(row('balances.transfer_keep_alive', anchor, false));
console.log(row('assets.transfer_keep_alive', assets, false));
for (const file of files) {
  const pallet = basename(dirname(dirname(file)));
  for (const [name, w] of Object.entries(parse(file))) {
    const call = `${pallet}.${name}`;
    console.log(row(call, w, FREE.has(call)));
  }
}
