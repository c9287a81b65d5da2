// "Near me" at city scale: a release node whose genesis holds 62 living zones and 5,000
// facilities (a synthetic grid over Busan instead of the dev preset's districts) answers `facility_near` under load; printed beside `state_getStorage` (a raw
// storage read: the floor of any RPC) from the same run, on the same machine.
//
//   node scripts/bench-near.mjs spec IN.json OUT.json   put 62 zones and 5,000 facilities in a
//                                                       dev chain spec (from `build-spec --dev`)
//   node scripts/bench-near.mjs load PORT [REQUESTS] [CONNECTIONS]
//
// `scripts/bench-near.sh` does both around a release node. Not part of the tests: timings are
// measured here, never asserted in CI.
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';

// Busan's extent, roughly: 62 zones on an 8 × 8 grid (two corners left out).
const LAT0 = 35_040_000;
const LON0 = 128_880_000;
const CELL_LAT = 34_000; // ~3.8 km
const CELL_LON = 46_000; // ~4.2 km at 35°N
const GRID = 8;
const FACILITIES = 5_000;

/** A small deterministic generator, so every run registers the same city. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function cells() {
  const out = [];
  for (let r = 0; r < GRID; r += 1) {
    for (let c = 0; c < GRID; c += 1) {
      if ((r === 0 && c === 0) || (r === GRID - 1 && c === GRID - 1)) continue;
      out.push({ r, c });
    }
  }
  return out;
}

function makeSpec(input, output) {
  const spec = JSON.parse(readFileSync(input, 'utf8'));
  const patch = spec.genesis.runtimeGenesis.patch;
  const fb = patch.facilityBooking;
  const template = fb.facilities[0];
  const grid = cells();
  const idOf = new Map(grid.map(({ r, c }, i) => [`${r},${c}`, 100 + i]));
  const zones = grid.map(({ r, c }) => {
    const neighbours = [];
    for (const [dr, dc] of [[-1, -1], [-1, 0], [-1, 1], [0, -1], [0, 1], [1, -1], [1, 0], [1, 1]]) {
      const id = idOf.get(`${r + dr},${c + dc}`);
      if (id !== undefined) neighbours.push(id);
    }
    return {
      id: idOf.get(`${r},${c}`),
      nameKo: [...Buffer.from(`생활권 ${r}-${c}`)],
      nameEn: [...Buffer.from(`Living zone ${r}-${c}`)],
      point: { latMicro: LAT0 + Math.round((r + 0.5) * CELL_LAT), lonMicro: LON0 + Math.round((c + 0.5) * CELL_LON) },
      neighbours,
    };
  });
  const random = rng(62);
  const facilities = [];
  for (let i = 0; i < FACILITIES; i += 1) {
    const { r, c } = grid[i % grid.length];
    // Inside the inner 80 % of the cell, so its nearest reference point is its own zone's.
    const lat = LAT0 + Math.round((r + 0.1 + 0.8 * random()) * CELL_LAT);
    const lon = LON0 + Math.round((c + 0.1 + 0.8 * random()) * CELL_LON);
    facilities.push({
      ...template,
      zone: idOf.get(`${r},${c}`),
      category: 1 + (i % 4),
      nameKo: [...Buffer.from(`시설 ${i}`)],
      nameEn: [...Buffer.from(`Facility ${i}`)],
      location: { latMicro: lat, lonMicro: lon },
      capacity: 10,
    });
  }
  // The grid replaces the dev preset's 16 districts (they overlap it): 62 zones, 5,000
  // facilities, the scale the issue names.
  fb.zones = zones;
  fb.facilities = facilities;
  writeFileSync(output, JSON.stringify(spec));
  console.log(`${zones.length} zones and ${facilities.length} facilities at genesis`);
}

/** Runs `requests` JSON-RPC calls over `connections` keep-alive connections; latencies in ms. */
async function load(port, requests, connections, body) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies = [];
  let next = 0;
  let errors = 0;
  const one = (payload) => new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/', agent, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => {
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
        if (JSON.parse(text).error) errors += 1;
        resolve();
      });
    });
    req.on('error', () => { errors += 1; resolve(); });
    req.end(payload);
  });
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: connections }, async () => {
    while (next < requests) {
      const i = next;
      next += 1;
      await one(body(i));
    }
  }));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  return { perSecond: requests / seconds, p50: pct(50), p99: pct(99), errors };
}

async function main() {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === 'spec') return makeSpec(args[0], args[1]);
  if (mode !== 'load') throw new Error('usage: bench-near.mjs spec IN OUT | load PORT [REQUESTS] [CONNECTIONS]');
  const port = Number(args[0]);
  const requests = Number(args[1] ?? 20_000);
  const connections = Number(args[2] ?? 32);
  const random = rng(7);
  // System.Number: twox128("System") ++ twox128("Number").
  const numberKey = '0x26aa394eea5630e07c48ae0c9558cef702a5c1b19ab7a04f536c519aca4983ac';
  const rpc = (method, params) => JSON.stringify({ jsonrpc: '2.0', id: 1, method, params });
  const points = Array.from({ length: 1_000 }, () => [
    LAT0 + Math.round(random() * GRID * CELL_LAT),
    LON0 + Math.round(random() * GRID * CELL_LON),
  ]);
  const sample = JSON.parse(await new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve(text));
    });
    req.end(rpc('facility_near', [...points[0], 2_000, null, 20]));
  }));
  if (sample.error) throw new Error(JSON.stringify(sample.error));
  // Warm up both, then measure.
  await load(port, 2_000, connections, () => rpc('state_getStorage', [numberKey]));
  await load(port, 2_000, connections, (i) => rpc('facility_near', [...points[i % points.length], 2_000, null, 20]));
  // The wasm floor: the cheapest runtime call there is (an account's nonce, 32 zero bytes).
  const trivial = () => rpc('state_call', ['AccountNonceApi_account_nonce', `0x${'00'.repeat(32)}`]);
  const near = (i) => rpc('facility_near', [...points[i % points.length], 2_000, null, 20]);
  console.log(`facility_near answers ${sample.result.length} facilities within 2 km of a sample point.`);
  console.log('| connections | method | req/s | p50 (ms) | p99 (ms) | vs state_getStorage | vs a trivial state_call | errors |');
  console.log('|---|---|---|---|---|---|---|---|');
  const verdicts = [];
  for (const c of [...new Set([connections, 8])]) {
    const storage = await load(port, requests, c, () => rpc('state_getStorage', [numberKey]));
    const floor = await load(port, requests, c, trivial);
    const answer = await load(port, requests, c, near);
    const row = (name, r) => `| ${c} | ${name} | ${Math.round(r.perSecond).toLocaleString('en')} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${(r.perSecond / storage.perSecond).toFixed(2)} | ${(r.perSecond / floor.perSecond).toFixed(2)} | ${r.errors} |`;
    console.log(row('state_getStorage (System.Number)', storage));
    console.log(row('state_call AccountNonceApi_account_nonce', floor));
    console.log(row('facility_near (2 km, 20 results)', answer));
    verdicts.push(`${c} connections: p99 ${answer.p99.toFixed(1)} ms (${answer.p99 < 10 ? 'met' : 'NOT met'}; a trivial runtime call: ${floor.p99.toFixed(1)} ms)`);
  }
  console.log(`goal: p99 < 10 ms. ${verdicts.join('; ')}. ${requests.toLocaleString('en')} requests each; the load generator shares the node's 2 cores.`);
}

main().catch((e) => { console.error(e.message ?? e); process.exit(1); });
