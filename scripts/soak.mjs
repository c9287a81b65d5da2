// Soak: a steady stream of mixed transactions at just under the chain's measured capacity, for
// minutes, on a release node (Alice alone, 6-second Aura blocks, GRANDPA) or on the
// 4-validator zombienet network of `zombienet/city-network.toml` (`--network`), both on the load
// genesis of `scripts/lib/load.mjs`. Then an excess burst. Checks that memory stays bounded, no
// block is missed (no gap over 2 slots), finality keeps pace, the pool answers excess with
// errors rather than stalling, and no transaction is lost (every one accepted is in a block or
// reported invalid).
//
//   node scripts/soak.mjs [SECONDS] [--network] [--rate ITEMS_PER_S] [--mix transfers=0.35,...]
//                         [--burst N] [--reg-batch N] [--node-arg --FLAG=VALUE]... [--bin PATH] [--keep DIR]
//
// The stream: transfers, registrations, applications, spends and bookings (`--mix`, fractions of
// items: a transaction, or a citizen of a bulk registration; default 0.35/0.15/0.15/0.30/0.05),
// at `--rate` items a second, by default 90 % of the mix's capacity from the last
// `scripts/bench-blocks.mjs` run (`$CARGO_TARGET_DIR/bench-blocks.json`: 1 / Σ(fraction /
// per-block capacity) a block, over 6 s). With the bulk `register_citizens` in the runtime,
// registrations go `--reg-batch` citizens a call (default 100). Transactions are signed before the clock starts and submitted on a fixed schedule, not
// waiting for the node: if the node falls behind, the pool (its default limits, 8,192
// transactions) must refuse the excess. After the stream has settled, `--burst` transfers
// (default 16,384: twice the pool) arrive at once from accounts not used before, one each, to
// see the pool refuse what does not fit, with answers, not silence: once only submitted, once
// watched (a watcher hears "dropped" for what the pool accepted and gave up; a wallet that only
// submits does not). "Lost" counts the steady stream's; the bursts' are reported beside.
//
// Prints two markdown tables: the whole run (transactions sent, included, rejected by reason,
// blocks, finality lag p99, node RSS at start and end, ...) and one line per kind.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Rpc, SLOT_MS, Signer, TARGET_DIR, Tracker, accountNonces, chainNow, connectApi, ensureGenesis, fmt, freePort,
  generators, loadContext, log, maxRegistrationBatch, onExit, paramsFromEnv, pct, population, reasonsText, rssMiB, rssParts, sleep,
  startLoadNode, table, waitForHeight, waitForRpc,
} from './lib/load.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const KINDS = ['transfers', 'registrations', 'applications', 'spends', 'bookings'];
const DEFAULT_MIX = { transfers: 0.35, registrations: 0.15, applications: 0.15, spends: 0.30, bookings: 0.05 };
/** Per-block capacities when no bench-blocks.json exists (measured 2026-11-29, node 011c07df13f). */
const FALLBACK_CAPACITY = { transfers: 2396, registrations: 1739, applications: 1414, spends: 1168, bookings: 320 };
const POOL_LIMIT = 8192; // the node's default

function parseArgs(argv) {
  const o = { seconds: 600, network: false, rate: null, mix: DEFAULT_MIX, burst: 2 * POOL_LIMIT, bin: join(TARGET_DIR, 'release/citizen-node'), keep: null, regBatch: null, nodeArgs: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    const v = () => { i += 1; return argv[i]; };
    if (/^\d+$/.test(a)) o.seconds = Number(a);
    else if (a === '--network') o.network = true;
    else if (a === '--rate') o.rate = Number(v());
    else if (a === '--burst') o.burst = Number(v());
    else if (a === '--bin') o.bin = v();
    else if (a === '--keep') o.keep = v();
    else if (a === '--reg-batch') o.regBatch = Number(v());
    else if (a === '--node-arg') o.nodeArgs.push(v());
    else if (a === '--mix') {
      o.mix = Object.fromEntries(v().split(',').map((p) => { const [k, f] = p.split('='); return [k, Number(f)]; }));
      for (const k of Object.keys(o.mix)) if (!KINDS.includes(k)) throw new Error(`unknown kind ${k}`);
    } else throw new Error(`unknown argument ${a}`);
  }
  const total = Object.values(o.mix).reduce((a, b) => a + b, 0);
  for (const k of Object.keys(o.mix)) o.mix[k] /= total;
  return o;
}

/**
 * Capacity a block of each kind, in items (a registration is a citizen, whether one a call or in
 * bulk; everything else a transaction), from the last bench-blocks run if any. Registrations
 * measured one way and soaked the other fall back to the single calls' number (conservative).
 */
function capacities(regBatch) {
  const file = join(TARGET_DIR, 'bench-blocks.json');
  const cap = { ...FALLBACK_CAPACITY };
  let source = 'fallback numbers of 2026-11-29';
  if (existsSync(file)) {
    const j = JSON.parse(readFileSync(file, 'utf8'));
    for (const [k, r] of Object.entries(j.kinds)) if (r.meanPerBlock > 0) cap[k] = r.meanPerBlock;
    if (Boolean(j.bulk) !== regBatch > 1) cap.registrations = FALLBACK_CAPACITY.registrations;
    source = `${file} (${j.date} UTC)`;
  }
  return { cap, source };
}

/** Best and finalized heads of one node: the finality lag at every new best block. */
class HeadWatch {
  constructor(name, rpc) { this.name = name; this.rpc = rpc; this.finalized = 0; this.samples = []; }

  async start() {
    await this.rpc.subscribe('chain_subscribeFinalizedHeads', [], (h) => { this.finalized = Math.max(this.finalized, parseInt(h.number, 16)); });
    await this.rpc.subscribe('chain_subscribeNewHeads', [], (h) => {
      const n = parseInt(h.number, 16);
      this.samples.push({ at: Date.now(), best: n, lag: n - this.finalized });
    });
  }

  lags(from, to) {
    return this.samples.filter((s) => s.at >= from && s.at <= to).map((s) => s.lag).sort((a, b) => a - b);
  }
}

/** Pids of citizen-node processes serving RPC on `port` (read from /proc). */
function pidOfPort(port) {
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    let argv;
    try { argv = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0'); } catch { continue; }
    if (!argv[0]?.endsWith('citizen-node')) continue;
    const i = argv.indexOf('--rpc-port');
    if ((i >= 0 && argv[i + 1] === String(port)) || argv.includes(`--rpc-port=${port}`)) return Number(d);
  }
  return null;
}

/** The zombienet network of `zombienet/city-network.toml` on the load genesis (release nodes). */
async function startNetwork(bin, specPath, work, nodeArgs = []) {
  const zdir = join(ROOT, 'zombienet');
  if (!existsSync(join(zdir, 'node_modules/.bin/zombienet'))) {
    log('zombienet: npm ci');
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--silent'], { cwd: zdir, stdio: 'inherit' });
  }
  // The same four validators as the city network, with fixed RPC ports so we find them.
  const base = readFileSync(join(zdir, 'city-network.toml'), 'utf8');
  const names = [...base.matchAll(/^name = "(\w+)"/gm)].map((m) => m[1]);
  const ports = [];
  for (const _ of names) ports.push(await freePort());
  const toml = [
    '[settings]', 'timeout = 900', 'provider = "native"', '',
    '[relaychain]', `default_command = "${bin}"`, 'chain = "citizen_load_network"', `chain_spec_path = "${specPath}"`,
    `default_args = ${JSON.stringify(['--discover-local', '--rpc-max-connections=1000', '--rpc-max-response-size=500', '--rpc-max-subscriptions-per-connection=16384', ...nodeArgs])}`, '',
    ...names.flatMap((n, i) => ['[[relaychain.nodes]]', `name = "${n}"`, 'validator = true', `rpc_port = ${ports[i]}`, '']),
  ].join('\n');
  const tomlPath = join(work, 'network.toml');
  writeFileSync(tomlPath, toml);
  const zombieDir = join(work, 'zombie');
  const out = openSync(join(work, 'zombienet.log'), 'a');
  const child = spawn(join(zdir, 'node_modules/.bin/zombienet'), ['--provider', 'native', '--logType', 'text', '--spawn-concurrency', '2', '-d', zombieDir, '-f', 'spawn', tomlPath],
    { cwd: zdir, stdio: ['ignore', out, out] });
  log(`zombienet pid ${child.pid}, config ${tomlPath}, logs ${zombieDir}`);
  const nodes = [];
  // On Ctrl-C: zombienet tears its network down on SIGINT; the nodes we know go at once.
  onExit(() => {
    if (child.exitCode === null) child.kill('SIGINT');
    for (const n of nodes) if (n.pid && existsSync(`/proc/${n.pid}`)) process.kill(n.pid, 'SIGKILL');
  });
  for (let i = 0; i < names.length; i += 1) {
    await waitForRpc(ports[i], { child, timeoutMs: 900_000, logFile: join(work, 'zombienet.log') });
    nodes.push({ name: names[i], port: ports[i], url: `ws://127.0.0.1:${ports[i]}`, pid: pidOfPort(ports[i]), log: join(zombieDir, `${names[i]}.log`) });
  }
  return {
    nodes,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGINT');
        const deadline = Date.now() + 60_000;
        while (child.exitCode === null && Date.now() < deadline) await sleep(500);
      }
      for (const n of nodes) {
        if (n.pid && existsSync(`/proc/${n.pid}`)) { try { process.kill(n.pid, 'SIGKILL'); } catch { /* gone */ } }
      }
      if (child.exitCode === null) child.kill('SIGKILL');
      // The nodes' databases (hundreds of MiB each) go; their logs stay.
      for (const n of names) rmSync(join(zombieDir, n), { recursive: true, force: true });
    },
  };
}

/** Smooth weighted round robin over `mix`: the order kinds are submitted in. */
function* interleave(mix) {
  const current = Object.fromEntries(Object.keys(mix).map((k) => [k, 0]));
  for (;;) {
    let best = null;
    for (const k of Object.keys(mix)) {
      current[k] += mix[k];
      if (best === null || current[k] > current[best]) best = k;
    }
    current[best] -= 1;
    yield best;
  }
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const params = paramsFromEnv();
  const genesis = await ensureGenesis(o.bin, params);
  const pop = population(params);
  const work = o.keep ?? mkdtempSync(join(tmpdir(), 'soak-'));
  mkdirSync(work, { recursive: true });

  let target;
  if (o.network) {
    target = await startNetwork(o.bin, genesis.network, work, o.nodeArgs);
  } else {
    const logFile = join(work, 'node.log');
    const node = await startLoadNode(o.bin, genesis.single, { logFile, poolLimit: POOL_LIMIT, poolKbytes: 20_480, extra: o.nodeArgs.flatMap((a) => a.split('=', 2)) });
    target = { nodes: [{ name: 'alice', port: node.port, url: node.url, pid: node.pid, log: logFile }], stop: () => node.stop() };
  }
  const main = target.nodes[0];
  log(`nodes: ${target.nodes.map((n) => `${n.name} (pid ${n.pid}, RPC ${n.port})`).join(', ')}; work dir ${work}`);
  const api = await connectApi(main.url);
  const rpc = await Rpc.connect(main.url);
  const submitRpcs = await Promise.all([1, 2, 3, 4].map(() => Rpc.connect(main.url)));
  const watchRpcs = [];
  try {
    await waitForHeight(rpc, 1, 600_000);
    const watches = [];
    for (const n of target.nodes) {
      const r = await Rpc.connect(n.url);
      watchRpcs.push(r);
      const w = new HeadWatch(n.name, r);
      await w.start();
      watches.push(w);
    }
    const signer = new Signer(api);
    signer.selfTest();
    const ctx = await loadContext(api, params, pop);
    const maxBatch = maxRegistrationBatch(api);
    const regBatch = o.regBatch ?? (maxBatch > 0 ? Math.min(maxBatch, 100) : 1);
    const { cap, source } = capacities(regBatch);
    const perBlock = 1 / Object.entries(o.mix).reduce((a, [k, f]) => a + f / cap[k], 0);
    const rate = o.rate ?? Math.floor(0.9 * perBlock / (SLOT_MS / 1000));
    log(`mix ${Object.entries(o.mix).map(([k, f]) => `${k} ${(f * 100).toFixed(0)}%`).join(', ')}: ${fmt(perBlock)} a block by ${source}; rate ${rate}/s${o.rate ? ' (given)' : ' (90 %)'}`);
    const itemsPerTx = Object.fromEntries(KINDS.map((k) => [k, k === 'registrations' ? regBatch : 1]));
    // The order transactions go in: items in the mix's proportions.
    const txMix = Object.fromEntries(Object.entries(o.mix).map(([k, f]) => [k, f / itemsPerTx[k]]));

    // Transactions of each kind for the whole run, and citizens for them.
    const want = Object.fromEntries(Object.entries(o.mix).map(([k, f]) => [k, Math.ceil((rate * o.seconds * f * 1.02) / itemsPerTx[k]) + 10]));
    const caps = { spends: 19, applications: Math.min(19, ctx.applyPrograms.length), bookings: 16 };
    const slices = { spends: [], applications: [], bookings: [] };
    let next = 0;
    for (const k of Object.keys(slices)) {
      if (!want[k]) continue;
      const n = Math.ceil(want[k] / caps[k]);
      if (next + n > pop.citizens.length) throw new Error(`${k} needs ${n} more citizens than the genesis has: LOAD_PARAMS='{"citizens": ${next + n + 1000}}'`);
      slices[k] = pop.citizens.slice(next, next + n);
      next += n;
    }
    const steadySenders = Math.min(pop.senders.length - o.burst, Math.max(1000, Math.ceil((want.transfers ?? 0) / 4)));
    if (steadySenders < 1) throw new Error('not enough senders for the burst: lower --burst or raise LOAD_PARAMS senders');
    const senders = pop.senders.slice(0, steadySenders);
    const burstSenders = pop.senders.slice(steadySenders, steadySenders + o.burst);
    const nonces = await accountNonces(api, [...pop.issuers, ...senders, ...burstSenders, ...slices.spends, ...slices.applications, ...slices.bookings]);
    const now = await chainNow(api);
    const gens = generators({ api, ctx, pop: { ...pop, senders }, now, runTag: `soak/${Date.now()}`, regBatch, citizenSlices: slices, nonces });
    const t0s = performance.now();
    const queues = {};
    for (const [k, n] of Object.entries(want)) {
      queues[k] = [];
      for (let i = 0; i < n; i += 1) {
        const g = gens[k].next();
        if (!g) break;
        queues[k].push({ ...signer.sign(g.key, g.nonce, g.call), kind: k, items: g.items, who: g.key.label, nonce: g.nonce, phase: 'steady' });
      }
    }
    // The watched burst sends another amount: a transaction the first burst lost has the same
    // sender and nonce, and the pool bans the hash of what it dropped.
    const burstCall = (units) => api.tx.balances.transferKeepAlive({ Id: pop.senders[0].publicKey }, BigInt(units) * 10n ** 12n).method.toU8a();
    const burstOf = (nonceOf, phase) => burstSenders.map((k) => {
      const nonce = nonceOf.get(k.label);
      return { ...signer.sign(k, nonce, burstCall(phase === 'burst' ? 1 : 2)), kind: 'transfers', items: 1, who: k.label, nonce, phase };
    });
    const burst = burstOf(nonces, 'burst');
    const signed = Object.values(queues).reduce((a, q) => a + q.length, 0) + burst.length;
    log(`signed ${fmt(signed)} transactions in ${((performance.now() - t0s) / 1000).toFixed(1)} s; ${Object.entries(queues).map(([k, q]) => `${k} ${fmt(q.length)}`).join(', ')}, burst ${fmt(burst.length)}`);

    const tracker = new Tracker({ api, rpc, submitRpcs, deferEvents: true });
    await tracker.start();
    let lastLog = 0;
    tracker.onBlockCb = (b) => {
      if (Date.now() - lastLog < 30_000) return;
      lastLog = Date.now();
      const ours = Object.values(b.byKind).reduce((a, n) => a + n, 0);
      log(`#${b.number}: ${ours} of ours, ${fmt(b.bytes / 1024)} KiB; waiting ${fmt(tracker.poolCount)}; lag ${watches.map((w) => `${w.name} ${w.samples.at(-1)?.lag ?? '?'}`).join(' ')}; RSS ${target.nodes.map((n) => fmt(rssMiB(n.pid))).join('/')} MiB`);
    };
    // Wait for a fresh block so the stream starts at a block boundary.
    await tracker.nextBlock();

    // RSS of every node every 5 s.
    const rss = target.nodes.map(() => []);
    const sampleRss = () => target.nodes.forEach((n, i) => { const p = rssParts(n.pid); rss[i].push({ at: Date.now(), mib: p?.rss ?? null, anon: p?.anon, file: p?.file }); });
    sampleRss();
    const rssTimer = setInterval(sampleRss, 5000);

    // The steady stream, on a fixed schedule.
    const order = interleave(txMix);
    const MAX_INFLIGHT = 4096;
    let sent = 0; // items
    let stalledMs = 0;
    let rr = 0;
    const start = Date.now();
    const end = start + o.seconds * 1000;
    const startBlock = tracker.blocks.at(-1)?.number ?? 0;
    log(`steady stream: ${rate}/s for ${o.seconds} s`);
    while (Date.now() < end) {
      const due = Math.floor(rate * (Date.now() - start) / 1000);
      while (sent < due) {
        if (tracker.inflight >= MAX_INFLIGHT) break;
        let tx = null;
        for (let tries = 0; tries < 10 && !tx; tries += 1) tx = queues[order.next().value].shift() ?? null;
        if (!tx) break;
        tracker.submit(tx, submitRpcs[rr % submitRpcs.length]);
        rr += 1;
        sent += tx.items;
      }
      if (tracker.inflight >= MAX_INFLIGHT) stalledMs += 50;
      await sleep(50);
    }
    const steadyEnd = Date.now();
    log(`steady stream over: ${fmt(rr)} transactions sent; settling`);
    await tracker.settle({ idleBlocks: 5, timeoutMs: 300_000 });
    const endBlock = tracker.blocks.at(-1)?.number ?? 0;
    const rssSteadyEnd = target.nodes.map((n) => rssParts(n.pid));

    // The bursts: more than the pool holds, at once; first as a wallet that only submits
    // (`author_submitExtrinsic`), then watched (`author_submitAndWatchExtrinsic`, which hears
    // of a transaction the pool accepted and later gave up), from the same accounts.
    const bursts = [];
    for (const watch of burst.length ? [false, true] : []) {
      const phase = watch ? 'burst-watched' : 'burst';
      const txs = watch ? burstOf(await accountNonces(api, burstSenders), phase) : burst;
      log(`burst${watch ? ' (watched)' : ''}: ${fmt(txs.length)} transfers at once`);
      let i = 0;
      const b0 = Date.now();
      const sub = await tracker.submitWindowed(() => txs[i++] ?? null, { inflight: 1024, window: Infinity, watch });
      const answered = (Date.now() - b0) / 1000;
      await tracker.settle({ idleBlocks: 5, timeoutMs: 300_000 });
      bursts.push({ ...tracker.summary(null, phase), watch, answeredIn: answered, perSecond: sub.admissionPerSecond });
    }
    clearInterval(rssTimer);
    sampleRss();
    tracker.decodeAll();

    // Numbers.
    const steady = tracker.summary(null, 'steady');
    const blocks = tracker.blocks.filter((b) => b.number > startBlock && b.number <= endBlock);
    const gaps = [];
    for (let i = 1; i < blocks.length; i += 1) if (blocks[i].slot !== null && blocks[i - 1].slot !== null) gaps.push(blocks[i].slot - blocks[i - 1].slot);
    const maxGap = gaps.length ? Math.max(...gaps) : 0;
    const missed = gaps.reduce((a, g) => a + g - 1, 0);
    const perBlockOurs = blocks.map((b) => Object.values(b.byKind).reduce((a, n) => a + n, 0));
    const lagText = watches.map((w) => {
      const l = w.lags(start, steadyEnd);
      return `${w.name} ${pct(l, 99)} (max ${l.at(-1) ?? '–'})`;
    }).join(', ');
    const rssText = target.nodes.map((n, i) => {
      const xs = rss[i].filter((x) => x.mib !== null);
      const inSteady = xs.filter((x) => x.at <= steadyEnd);
      const atQuarter = inSteady.find((x) => x.at >= start + (steadyEnd - start) / 4);
      const atHalf = inSteady.find((x) => x.at >= start + (steadyEnd - start) / 2);
      const e = rssSteadyEnd[i];
      return `${n.name} ${fmt(xs[0]?.mib)} → ${fmt(e?.rss)} (anonymous ${fmt(xs[0]?.anon)} → ${fmt(e?.anon)}, file-backed ${fmt(xs[0]?.file)} → ${fmt(e?.file)}; ${fmt(atQuarter?.mib)} at a quarter, ${fmt(atHalf?.mib)} at half)${burst.length ? `, ${fmt(xs.at(-1)?.mib)} after the burst` : ''}`;
    }).join('; ');
    const lat = steady.latencies.sort((a, b) => a - b);
    const ans = steady.answers.sort((a, b) => a - b);
    const date = new Date(start).toISOString().slice(0, 16).replace('T', ' ');
    const version = await rpc.send('system_version', []);
    const mode = o.network ? `the 4-validator zombienet network (${target.nodes.map((n) => n.name).join(', ')}; submitted to ${main.name})` : 'one release node (Alice alone)';
    console.log(`\n### Soak (${date} UTC, ${o.seconds} s, ${mode}, citizen-node ${version}, ${cpus().length} cores shared with the load generator)\n`);
    if (o.nodeArgs.length) console.log(`Node arguments added: ${o.nodeArgs.join(' ')}.\n`);
    console.log(`Stream: ${rate} items/s (${fmt(perBlock)} a block is the mix's capacity by ${source}), ${Object.entries(o.mix).map(([k, f]) => `${k} ${(f * 100).toFixed(0)}%`).join(', ')}${regBatch > 1 ? `; registrations in bulk, ${regBatch} a call` : '; single registrations'}. Pool: ${fmt(POOL_LIMIT)} transactions (the default).\n`);
    const rows = [
      ['transactions sent', `${fmt(steady.sent)} (${fmt(steady.sent / o.seconds, 1)}/s)`],
      ['included', `${fmt(steady.ok + steady.failed)}: ${fmt(steady.ok)} succeeded, ${fmt(steady.failed)} failed`],
      ['rejected (by reason)', `${fmt(steady.rejected)}${steady.reasons.size ? `: ${reasonsText(steady.reasons)}` : ''}`],
      ['lost (accepted, never included nor reported)', `${fmt(steady.dropped)}`],
      ['blocks', `${fmt(blocks.length)} (#${startBlock + 1}–#${endBlock}); ours a block: mean ${fmt(perBlockOurs.reduce((a, n) => a + n, 0) / Math.max(1, perBlockOurs.length))}, max ${fmt(Math.max(0, ...perBlockOurs))}`],
      ['block gaps', `largest ${maxGap} slot${maxGap === 1 ? '' : 's'} (${maxGap <= 2 ? 'no gap over 2 slots' : '**a gap over 2 slots**'}); ${missed} slot${missed === 1 ? '' : 's'} without a block`],
      ['finality lag p99 (best − finalized, blocks)', lagText],
      ['node RSS at start → end of the stream (MiB)', rssText],
      ['inclusion latency p50 / p99', `${fmt(pct(lat, 50) / 1000, 1)} s / ${fmt(pct(lat, 99) / 1000, 1)} s`],
      ['RPC answer p50 / p99 / max', `${fmt(pct(ans, 50))} / ${fmt(pct(ans, 99))} / ${fmt(ans.at(-1))} ms; submission held back (4,096 unanswered) for ${fmt(stalledMs / 1000, 1)} s`],
    ];
    for (const b of bursts) {
      rows.push([`burst ${b.watch ? '(watched)' : '(submitted only)'}`, `${fmt(b.sent)} transfers at once, all answered in ${fmt(b.answeredIn, 1)} s (${fmt(b.perSecond)}/s; p99 ${fmt(pct(b.answers.sort((x, y) => x - y), 99))} ms): ${fmt(b.ok)} included, ${fmt(b.rejected)} refused or given up by the pool, ${fmt(b.dropped)} accepted then never included nor reported (${reasonsText(b.reasons)})`]);
    }
    rows.push(['node RSS every minute (MiB)', target.nodes.map((n, i) => `${n.name} ${rss[i].filter((x, j) => j % 12 === 0 || j === rss[i].length - 1).map((x) => fmt(x.mib)).join(' ')}`).join('; ')]);
    console.log(table(['', ''], rows));
    console.log('');
    console.log(table(['kind', 'sent', 'included ok', 'failed', 'rejected', 'lost', 'reasons'], KINDS.filter((k) => o.mix[k]).map((k) => {
      const s = tracker.summary(k, 'steady');
      const ok = k === 'registrations' && regBatch > 1 ? `${fmt(s.ok)} (${fmt(s.items)} citizens)` : fmt(s.ok);
      return [k, fmt(s.sent), ok, fmt(s.failed), fmt(s.rejected), fmt(s.dropped), reasonsText(s.reasons)];
    })));
    const lost = steady.dropped;
    const burstLost = bursts.reduce((a, b) => a + b.dropped, 0);
    const verdicts = [
      lost === 0 ? 'no transaction lost' : `**${lost} lost**`,
      maxGap <= 2 ? 'no block missed (no gap over 2 slots)' : '**blocks missed**',
      `finality lag p99 ${watches.map((w) => pct(w.lags(start, steadyEnd), 99)).join('/')} blocks`,
      bursts.length ? (bursts.every((b) => b.answers.length === b.sent) ? 'the pool answered every burst transaction' : '**burst transactions unanswered**') : null,
      bursts.length ? `${burstLost} burst transactions accepted then silently given up (${bursts.map((b) => `${b.dropped} ${b.watch ? 'watched' : 'submitted only'}`).join(', ')})` : null,
    ].filter(Boolean);
    console.log(`\n${verdicts.join('; ')}. Logs in ${work}.`);
    writeFileSync(join(work, 'soak.json'), JSON.stringify({ date, seconds: o.seconds, network: o.network, rate, perBlock, rows, rss, lags: watches.map((w) => ({ name: w.name, samples: w.samples })) }));
    if (lost > 0) process.exitCode = 2;
  } finally {
    rpc.close();
    for (const r of [...submitRpcs, ...watchRpcs]) r.close();
    await api.disconnect();
    await target.stop();
  }
}

main().then(() => process.exit(process.exitCode ?? 0), (e) => { console.error(e.stack ?? e); process.exit(1); });
