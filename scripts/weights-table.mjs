// Prints every service pallet's call weights beside `pallet_balances::transfer_keep_alive`,
// all measured in the same `scripts/benchmark.sh` run on this machine.
// Usage: node scripts/weights-table.mjs ANCHOR.rs pallets/*/src/weights.rs
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

const [anchorFile, ...files] = process.argv.slice(2);
const anchor = parse(anchorFile).transfer_keep_alive;
if (!anchor) throw new Error(`no transfer_keep_alive in ${anchorFile}`);
const us = (ps) => (ps / 1e6).toFixed(1);
console.log(`| call | execution (µs) | reads | writes | total (µs) | × balances.transfer_keep_alive |`);
console.log('|---|---|---|---|---|---|');
console.log(`| balances.transfer_keep_alive | ${us(anchor.exec)} | ${anchor.reads} | ${anchor.writes} | ${us(anchor.total)} | 1.00 |`);
for (const file of files) {
  const pallet = basename(dirname(dirname(file)));
  for (const [name, w] of Object.entries(parse(file))) {
    console.log(`| ${pallet}.${name} | ${us(w.exec)} | ${w.reads} | ${w.writes} | ${us(w.total)} | ${(w.total / anchor.total).toFixed(2)} |`);
  }
}
