// The load library of `scripts/bench-blocks.mjs` and `scripts/soak.mjs`: a city of accounts,
// citizens, programs, vouchers and merchants generated into a chain spec, transactions signed
// offline, submitted over WebSocket with a bounded window, and every one of them followed to its
// end: included and succeeded, included and failed (with the dispatch error), refused by the
// pool (with the RPC error), or dropped (accepted, then never included nor reported: must be 0).
//
// The genesis. The pallets' genesis configs hold accounts, balances, issuers and facilities, but
// not citizens, programs or vouchers, so the genesis is made in two steps, cached by parameters
// and node binary under `$CARGO_TARGET_DIR/load-genesis/`:
//   1. the dev chain spec (`build-spec --dev`) with a patched genesis: `senders` funded accounts,
//      `issuers` funded issuers (every claim kind), local currency for the city (Alice) and
//      `facilities` free facilities (categories 1–4) beside Busan's;
//   2. a prelude on that spec (Alice authoring alone): the city adds a merchant category, registers
//      `merchants` and creates `programs + 1` city programs (automatic approval, open to every
//      citizen), funds them; issuers register `citizens`; every citizen applies to program 0, so
//      each holds a voucher there (and has used one free call of the day). Then the node stops
//      and `export-state` turns the state into a raw spec, whose timestamp and Aura slot are
//      cleared (a new chain starts from the wall clock) and whose Aura and GRANDPA authorities
//      are set for the target: Alice alone (`single`) or the city testnet's four validators
//      (`network`, the keys zombienet derives from the node names).
//
// Keys are ed25519 from fixed seeds, signed with Node's native crypto (~40 µs a signature):
// @polkadot's sr25519 takes 0.2–1 ms a signature here, which would make the load generator,
// not the chain, the limit.
import { spawn, execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import WebSocket from '../../tests/e2e/node_modules/ws/index.js';
import { ApiPromise, WsProvider } from '../../tests/e2e/node_modules/@polkadot/api/index.js';
import { Keyring } from '../../tests/e2e/node_modules/@polkadot/keyring/index.js';
import {
  blake2AsU8a, cryptoWaitReady, ed25519PairFromSeed, encodeAddress, xxhashAsU8a,
} from '../../tests/e2e/node_modules/@polkadot/util-crypto/index.js';
import { compactToU8a, hexToU8a, u8aConcat, u8aToHex } from '../../tests/e2e/node_modules/@polkadot/util/index.js';

export const TARGET_DIR = process.env.CARGO_TARGET_DIR || join(homedir(), '.cache/citizen-chain/target');
export const SLOT_MS = 6000;
/** Bumped when the genesis recipe changes, so cached specs are rebuilt. */
const GENESIS_VERSION = 6;
const UNIT = 10n ** 12n;

export const log = (...args) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...args);
export const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

// ---------------------------------------------------------------------------------------------
// Keys

const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

/** An ed25519 key from a label; signs with Node's crypto. */
export class Key {
  constructor(label) {
    this.label = label;
    this.seed = blake2AsU8a(`citizen-chain/load/${label}`);
    this.private = crypto.createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, this.seed]), format: 'der', type: 'pkcs8' });
    this.publicKey = new Uint8Array(crypto.createPublicKey(this.private).export({ format: 'der', type: 'spki' }).subarray(-32));
  }

  get address() {
    this._address ??= encodeAddress(this.publicKey, 42);
    return this._address;
  }

  sign(message) {
    return crypto.sign(null, message, this.private);
  }
}

/** A 32-byte account nobody holds the key of (citizens registered under load). */
export const pseudoAccount = (label) => blake2AsU8a(`citizen-chain/load/account/${label}`);
/** A unique commitment (a salted resident number, as a wallet computes it). */
export const commitmentOf = (label) => blake2AsU8a(`citizen-chain/load/commitment/${label}`);

/** Everyone the genesis knows, from the parameters alone. */
export function population(params) {
  const make = (prefix, n) => Array.from({ length: n }, (_, i) => new Key(`${prefix}/${i}`));
  return {
    senders: make('sender', params.senders),
    citizens: make('citizen', params.citizens),
    issuers: make('issuer', params.issuers),
    merchants: make('merchant', params.merchants),
  };
}

export const DEFAULT_PARAMS = {
  senders: 20_000, // funded accounts: transfers (the soak's burst uses one transaction each)
  citizens: 12_000, // registered, each with a voucher in program 0
  issuers: 16, // funded issuers: registrations under load
  merchants: 50, // registered merchants of category 1
  programs: 20, // city programs 1..20 that take applications under load
  facilities: 100, // free facilities, categories 1..4, capacity 50
  voucher: 100, // won on each citizen's voucher in program 0
  grant: 10, // won a grant in programs 1..20
};

/** DEFAULT_PARAMS with the JSON of `$LOAD_PARAMS` over it (e.g. `{"citizens": 20000}`). */
export function paramsFromEnv() {
  return { ...DEFAULT_PARAMS, ...(process.env.LOAD_PARAMS ? JSON.parse(process.env.LOAD_PARAMS) : {}) };
}

// ---------------------------------------------------------------------------------------------
// Node processes

/** A TCP port on 127.0.0.1 nobody listens on right now. */
export async function freePort() {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

const children = new Set();
const exitHooks = [];
/** Runs `fn` (synchronous) if the process exits before cleaning up, e.g. on Ctrl-C. */
export function onExit(fn) { exitHooks.push(fn); }
process.on('exit', () => {
  for (const c of children) { try { c.kill('SIGKILL'); } catch { /* gone */ } }
  for (const fn of exitHooks) { try { fn(); } catch { /* best effort */ } }
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => { process.exit(130); });
}

/** POST one JSON-RPC request over HTTP. */
export async function rpcHttp(port, method, params = []) {
  const response = await fetch(`http://127.0.0.1:${port}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const json = await response.json();
  if (json.error) throw new Error(`${method}: ${JSON.stringify(json.error)}`);
  return json.result;
}

/** Waits until the node on `port` answers `system_health`. */
export async function waitForRpc(port, { child, timeoutMs = 300_000, logFile } = {}) {
  const started = Date.now();
  for (;;) {
    if (child && child.exitCode !== null) {
      const tail = logFile && existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-3000) : '';
      throw new Error(`node exited with ${child.exitCode}\n${tail}`);
    }
    try { await rpcHttp(port, 'system_health'); return; } catch { /* not yet */ }
    if (Date.now() - started > timeoutMs) throw new Error(`no RPC on port ${port} after ${timeoutMs} ms`);
    await sleep(300);
  }
}

/** Starts `bin` with `args` (plus RPC on a free port), logs to `logFile`; waits for RPC. */
export async function startNode(bin, args, { logFile, port } = {}) {
  port ??= await freePort();
  const p2p = await freePort();
  const out = openSync(logFile, 'a');
  const child = spawn(bin, [...args, '--rpc-port', String(port), '--no-prometheus', '--no-telemetry',
    '--no-mdns', '--listen-addr', `/ip4/127.0.0.1/tcp/${p2p}`], { stdio: ['ignore', out, out] });
  children.add(child);
  const exited = once(child, 'exit');
  await waitForRpc(port, { child, logFile });
  return {
    port,
    pid: child.pid,
    child,
    url: `ws://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT');
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await exited;
        clearTimeout(timer);
      }
      children.delete(child);
    },
  };
}

/** Resident set of a process, in MiB (from /proc/<pid>/status), or null. */
export function rssMiB(pid) {
  return rssParts(pid)?.rss ?? null;
}

/**
 * { rss, anon, file } in MiB: anonymous memory (heap: caches, the pool) and file-backed pages
 * (ParityDB maps its tables; the kernel can drop those), or null.
 */
export function rssParts(pid) {
  try {
    const st = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name) => Number(st.match(new RegExp(`${name}:\\s+(\\d+) kB`))?.[1] ?? NaN) / 1024;
    return { rss: kb('VmRSS'), anon: kb('RssAnon'), file: kb('RssFile') + kb('RssShmem') };
  } catch { return null; }
}

// ---------------------------------------------------------------------------------------------
// A small JSON-RPC client over WebSocket (no decoding, no caching: raw results)

export class Rpc {
  static async connect(url) {
    const rpc = new Rpc(url);
    await rpc.open();
    return rpc;
  }

  constructor(url) {
    this.url = url;
    this.nextId = 1;
    this.pending = new Map();
    this.subscriptions = new Map();
    this.early = new Map();
  }

  async open() {
    this.ws = new WebSocket(this.url, { maxPayload: 512 * 1024 * 1024, perMessageDeflate: false });
    this.ws.on('message', (data) => this.onMessage(data));
    this.ws.on('close', () => {
      for (const { reject } of this.pending.values()) reject(new Error('connection closed'));
      this.pending.clear();
    });
    await new Promise((resolve, reject) => { this.ws.once('open', resolve); this.ws.once('error', reject); });
  }

  onMessage(data) {
    const msg = JSON.parse(data);
    if (msg.id !== undefined && msg.id !== null) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(Object.assign(new Error(msg.error.message), { rpc: msg.error }));
      else p.resolve(msg.result);
    } else if (msg.params?.subscription !== undefined) {
      const cb = this.subscriptions.get(msg.params.subscription);
      if (cb) cb(msg.params.result);
      else {
        const list = this.early.get(msg.params.subscription) ?? [];
        list.push(msg.params.result);
        this.early.set(msg.params.subscription, list);
      }
    }
  }

  send(method, params = []) {
    const id = this.nextId;
    this.nextId += 1;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });
  }

  async subscribe(method, params, cb) {
    const id = await this.send(method, params);
    this.subscriptions.set(id, cb);
    for (const r of this.early.get(id) ?? []) cb(r);
    this.early.delete(id);
    return id;
  }

  close() {
    this.ws.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Offline signing

/**
 * Builds signed v4 extrinsics without @polkadot's per-transaction machinery: the call bytes
 * (from `api.tx`, cached by the caller where they repeat), then the transaction extensions as
 * the metadata lists them, immortal era, no tip. Checked against @polkadot's own signing once
 * (`selfTest`): ed25519 signatures are deterministic, so both must give the same bytes.
 */
export class Signer {
  constructor(api, genesisHash) {
    this.api = api;
    const genesis = hexToU8a(genesisHash ?? api.genesisHash.toHex());
    const spec = new Uint8Array(4);
    new DataView(spec.buffer).setUint32(0, api.runtimeVersion.specVersion.toNumber(), true);
    const txv = new Uint8Array(4);
    new DataView(txv.buffer).setUint32(0, api.runtimeVersion.transactionVersion.toNumber(), true);
    this.genesis = genesis;
    // Explicit parts are built per transaction: [kind] with kind 'era' | 'nonce' | 'tip' | 'mode'.
    this.explicit = [];
    const implicit = [];
    for (const id of api.registry.signedExtensions) {
      switch (id) {
        case 'CheckNonZeroSender': case 'CheckWeight': case 'WeightReclaim': case 'StorageWeightReclaim': break;
        case 'CheckSpecVersion': implicit.push(spec); break;
        case 'CheckTxVersion': implicit.push(txv); break;
        case 'CheckGenesis': implicit.push(genesis); break;
        case 'CheckMortality': case 'CheckEra': this.explicit.push('era'); implicit.push(genesis); break;
        case 'CheckNonce': this.explicit.push('nonce'); break;
        case 'ChargeTransactionPayment': this.explicit.push('tip'); break;
        case 'CheckMetadataHash': this.explicit.push('mode'); implicit.push(new Uint8Array([0])); break;
        default: throw new Error(`transaction extension ${id} is not known to scripts/lib/load.mjs`);
      }
    }
    this.implicit = u8aConcat(...implicit);
  }

  /** { hash, hex, len } of `key`'s transaction with `nonce` calling `call` (bytes). */
  sign(key, nonce, call) {
    const parts = this.explicit.map((k) => (k === 'nonce' ? compactToU8a(nonce) : new Uint8Array([0])));
    const explicit = u8aConcat(...parts);
    let payload = u8aConcat(call, explicit, this.implicit);
    if (payload.length > 256) payload = blake2AsU8a(payload);
    const signature = key.sign(payload);
    const body = u8aConcat(
      new Uint8Array([0x84, 0x00]), key.publicKey, // signed v4, MultiAddress::Id
      new Uint8Array([0x00]), signature, // MultiSignature::Ed25519
      explicit, call,
    );
    const bytes = u8aConcat(compactToU8a(body.length), body);
    return { hash: u8aToHex(blake2AsU8a(bytes)), hex: u8aToHex(bytes), len: bytes.length };
  }

  selfTest() {
    const key = new Key('self-test');
    const keyring = new Keyring({ type: 'ed25519' });
    const pair = keyring.addFromPair(ed25519PairFromSeed(key.seed));
    const tx = this.api.tx.system.remark('0x0102');
    const g = u8aToHex(this.genesis);
    tx.sign(pair, { nonce: 7, era: 0, blockHash: g, genesisHash: g, runtimeVersion: this.api.runtimeVersion, signedExtensions: this.api.registry.signedExtensions });
    const mine = this.sign(key, 7, tx.method.toU8a());
    if (mine.hex !== tx.toHex()) throw new Error(`offline signing differs from @polkadot's:\n${mine.hex}\n${tx.toHex()}`);
  }
}

/** Call bytes of `api.tx[section][method]` with arguments by name (missing ones: 0). */
export function callBytes(api, section, method, args) {
  const fn = api.tx[section]?.[method];
  if (!fn) throw new Error(`no call ${section}.${method} in this runtime`);
  const values = fn.meta.args.map((a) => {
    const name = a.name.toString();
    if (!(name in args)) {
      if (!/^(u\d+|Compact<u\d+>|u128|Balance)$/.test(a.type.toString())) throw new Error(`${section}.${method}: no value for ${name}: ${a.type}`);
      return 0;
    }
    return args[name];
  });
  return fn(...values).method.toU8a();
}

// ---------------------------------------------------------------------------------------------
// Chain spec

/** `bin build-spec --dev` as JSON. */
export function devSpec(bin) {
  return JSON.parse(execFileSync(bin, ['build-spec', '--dev'], { maxBuffer: 2 ** 30, stdio: ['ignore', 'pipe', 'ignore'] }).toString());
}

/** The patched dev spec of step 1 (see the top of this file). */
export function plainSpec(dev, params, pop) {
  const spec = structuredClone(dev);
  spec.name = 'Citizen Chain Load';
  spec.id = 'citizen_load';
  // Not `Development`: instant sealing loses transactions under this load (see `prelude`).
  spec.chainType = 'Local';
  const patch = spec.genesis.runtimeGenesis.patch;
  const endowment = Number(10n ** 6n * UNIT); // exactly representable
  for (const k of [...pop.senders, ...pop.issuers]) patch.balances.balances.push([k.address, endowment]);
  patch.citizenId.issuers = pop.issuers.map((k) => [k.address, ['Resident', 'YouthAgeBand', 'MultiChildHousehold']]);
  // The city (Alice) funds every program.
  const city = patch.sudo.key;
  for (const a of patch.assets.accounts) if (a[1] === city) a[2] = 1_000_000_000_000;
  const fb = patch.facilityBooking;
  const template = fb.facilities[0];
  for (let i = 0; i < params.facilities; i += 1) {
    const zone = fb.zones[i % fb.zones.length];
    fb.facilities.push({
      ...template,
      zone: zone.id,
      category: 1 + (i % 4),
      nameKo: [...Buffer.from(`부하 시설 ${i}`)],
      nameEn: [...Buffer.from(`Load hall ${i}`)],
      location: zone.point,
      capacity: 50,
      maxParty: null,
      fee: null,
      manager: city,
    });
  }
  return spec;
}

const twox128 = (s) => xxhashAsU8a(s, 128);
const storageKey = (pallet, item) => u8aToHex(u8aConcat(twox128(pallet), twox128(item)));
export const KEYS = {
  timestampNow: storageKey('Timestamp', 'Now'),
  auraSlot: storageKey('Aura', 'CurrentSlot'),
  auraAuthorities: storageKey('Aura', 'Authorities'),
  grandpaAuthorities: storageKey('Grandpa', 'Authorities'),
  events: storageKey('System', 'Events'),
  blockWeight: storageKey('System', 'BlockWeight'),
  number: storageKey('System', 'Number'),
  blockHashPrefix: storageKey('System', 'BlockHash'),
};

/** Aura (sr25519) and GRANDPA (ed25519) public keys of `//Name` on the dev phrase. */
export function validatorKeys(names) {
  const sr = new Keyring({ type: 'sr25519' });
  const ed = new Keyring({ type: 'ed25519' });
  return names.map((n) => ({ name: n, aura: sr.addFromUri(`//${n}`).publicKey, grandpa: ed.addFromUri(`//${n}`).publicKey }));
}

/** The exported state as a spec for `validators` (see the top of this file). */
export function finishSpec(exported, validators, { name, id, chainType }) {
  const spec = structuredClone(exported);
  spec.name = name;
  spec.id = id;
  spec.chainType = chainType;
  spec.bootNodes = [];
  const top = spec.genesis.raw.top;
  // A new chain: no block number, time or slot yet, no hashes of the prelude's blocks (block 1
  // writes the genesis hash at 0).
  for (const k of [KEYS.timestampNow, KEYS.auraSlot, KEYS.number]) delete top[k];
  for (const k of Object.keys(top)) {
    if (k.startsWith(KEYS.blockHashPrefix) && Buffer.from(k.slice(-8), 'hex').readUInt32LE() > 0) delete top[k];
  }
  // Alice is the dev preset's only authority: check the layout before rewriting it.
  const [alice] = validatorKeys(['Alice']);
  const wantAura = u8aToHex(u8aConcat(compactToU8a(1), alice.aura));
  const weight1 = new Uint8Array(8); weight1[0] = 1;
  const wantGrandpa = u8aToHex(u8aConcat(compactToU8a(1), alice.grandpa, weight1));
  if (top[KEYS.auraAuthorities] !== wantAura) throw new Error(`unexpected Aura.Authorities ${top[KEYS.auraAuthorities]}`);
  if (top[KEYS.grandpaAuthorities] !== wantGrandpa) throw new Error(`unexpected Grandpa.Authorities ${top[KEYS.grandpaAuthorities]}`);
  top[KEYS.auraAuthorities] = u8aToHex(u8aConcat(compactToU8a(validators.length), ...validators.map((v) => v.aura)));
  top[KEYS.grandpaAuthorities] = u8aToHex(u8aConcat(compactToU8a(validators.length), ...validators.flatMap((v) => [v.grandpa, weight1])));
  return spec;
}

/** Connects @polkadot/api (for metadata, queries, call encoding and event decoding). */
export async function connectApi(url) {
  await cryptoWaitReady();
  return ApiPromise.create({ provider: new WsProvider(url, 1000, {}, 600_000), noInitWarn: true, throwOnConnect: true });
}

/** Chain time: the best block's timestamp (ms), the wall clock at genesis or if later. */
export async function chainNow(api) {
  return Math.max((await api.query.timestamp.now()).toNumber(), Date.now());
}

/** Sign and submit with @polkadot (the prelude's few city calls); resolves with the events. */
export async function submitOk(api, tx, signer, what) {
  return new Promise((resolve, reject) => {
    let unsub = () => {};
    tx.signAndSend(signer, ({ status, events, dispatchError }) => {
      if (status.isInBlock || status.isFinalized) {
        unsub();
        let error = dispatchError ? errorName(api, dispatchError) : null;
        for (const { event } of events) {
          if (api.events.sudo.Sudid.is(event) && event.data[0].isErr) error ??= errorName(api, event.data[0].asErr);
          if (api.events.utility.BatchInterrupted.is(event)) error ??= `BatchInterrupted at ${event.data[0]}: ${errorName(api, event.data[1])}`;
        }
        if (error) reject(new Error(`${what}: ${error}`));
        else resolve(events);
      } else if (status.isInvalid || status.isDropped || status.isUsurped) {
        unsub();
        reject(new Error(`${what}: ${status.type}`));
      }
    }).then((u) => { unsub = u; }, reject);
  });
}

export function errorName(api, e) {
  if (e.isModule) {
    const { section, name } = api.registry.findMetaError(e.asModule);
    return `${section}.${name}`;
  }
  const inner = e.value && e.value.type ? `.${e.value.type}` : '';
  return `${e.type}${inner}`;
}

// ---------------------------------------------------------------------------------------------
// Transactions by kind

export const ZONES = Array.from({ length: 16 }, (_, i) => i + 1);

/**
 * The registration calls: the bulk `register_citizens` when the runtime has it and `batch > 1`,
 * else one `register_citizen` per citizen. `items` are { account, commitment, zone }. The bulk
 * form's shape (a list of { account, commitment, zone, since }, a Resident claim window) is read
 * from the metadata by name; adapt `bulkArgs` if it changes.
 */
export function registrationCalls(api, items, { batch, now }) {
  const bulk = api.tx.citizenId.registerCitizens;
  if (bulk && batch > 1) {
    const calls = [];
    for (let i = 0; i < items.length; i += batch) {
      const chunk = items.slice(i, i + batch);
      const citizens = chunk.map((c) => ({ account: c.account, commitment: c.commitment, zone: c.zone, since: now - 365 * 86_400_000 }));
      calls.push({ call: callBytes(api, 'citizenId', 'registerCitizens', { citizens, validFrom: now - 86_400_000, validUntil: now + 365 * 86_400_000 }), items: chunk.length });
    }
    return calls;
  }
  return items.map((c) => ({ call: callBytes(api, 'citizenId', 'registerCitizen', { account: { Id: c.account }, commitment: c.commitment, homeZone: c.zone }), items: 1 }));
}

/** The bulk registration's largest batch in this runtime (0 without the bulk call). */
export function maxRegistrationBatch(api) {
  if (!api.tx.citizenId.registerCitizens) return 0;
  const c = api.consts.citizenId.maxRegistrationBatch;
  return c ? c.toNumber() : 0;
}

/** A cache of call bytes that repeat (same arguments). */
export class CallCache {
  constructor(api) { this.api = api; this.map = new Map(); }

  get(section, method, args) {
    const key = `${section}.${method}:${JSON.stringify(args, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}`;
    let c = this.map.get(key);
    if (!c) { c = callBytes(this.api, section, method, args); this.map.set(key, c); }
    return c;
  }
}

/** What the genesis left for the load: facility ids by category, programs, merchants. */
export async function loadContext(api, params, pop) {
  const facilities = await api.query.facilityBooking.facilities.entries();
  const byCategory = { 1: [], 2: [], 3: [], 4: [] };
  for (const [k, v] of facilities) {
    const f = v.unwrap();
    const spec = f.spec ?? f;
    const name = Buffer.from(spec.name.en.toU8a(true)).toString();
    if (name.startsWith('Load hall')) byCategory[spec.category.toNumber()].push(k.args[0].toNumber());
  }
  for (const c of Object.keys(byCategory)) byCategory[c].sort((a, b) => a - b);
  const programs = (await api.query.policyFunds.programs.entries())
    .filter(([, v]) => Buffer.from(v.unwrap().terms.name.en.toU8a(true)).toString().startsWith('Load program'))
    .map(([k, v]) => ({ id: k.args[0].toNumber(), name: Buffer.from(v.unwrap().terms.name.en.toU8a(true)).toString() }))
    .sort((a, b) => a.id - b.id);
  const voucherProgram = programs.find((p) => p.name === 'Load program 0')?.id;
  const applyPrograms = programs.filter((p) => p.name !== 'Load program 0').map((p) => p.id);
  if (voucherProgram === undefined || applyPrograms.length !== params.programs) throw new Error('the load programs are missing from the genesis');
  return { facilitiesByCategory: byCategory, voucherProgram, applyPrograms, merchants: pop.merchants };
}

/** Free calls a citizen of the genesis has left today (the prelude's application used one). */
export const FREE_LEFT = 19;

/** The account nonces of `keys`, from the best block (label -> nonce). */
export async function accountNonces(api, keys) {
  const out = new Map();
  for (let i = 0; i < keys.length; i += 2000) {
    const chunk = keys.slice(i, i + 2000);
    const infos = await api.query.system.account.multi(chunk.map((k) => k.publicKey));
    chunk.forEach((k, j) => out.set(k.label, infos[j].nonce.toNumber()));
  }
  return out;
}

/**
 * Transaction generators, one per kind. Each `next()` returns { kind, key, nonce, call, items }
 * or null when the kind has used up its accounts (`capacity` says how many it can make).
 * `citizenSlices` gives the citizens each citizen kind may use; `nonces` the accounts' nonces
 * now (`accountNonces`; default 0 for senders and issuers, 1 for citizens).
 */
export function generators({ api, ctx, pop, now, runTag, regBatch, citizenSlices, nonces: startNonces, perCitizen = FREE_LEFT, perSender = 1_000_000 }) {
  const start = (k, dflt) => startNonces?.get(k.label) ?? dflt;
  const cache = new CallCache(api);
  const gens = {};
  // Transfers: each sender sends to the next one (existing accounts), round robin.
  {
    const senders = pop.senders;
    const first = senders.map((k) => start(k, 0));
    const nonces = [...first];
    let i = 0;
    gens.transfers = {
      capacity: senders.length * perSender,
      next() {
        const s = i % senders.length;
        if (nonces[s] - first[s] >= perSender) return null;
        i += 1;
        const to = pop.senders[(s + 1) % senders.length];
        const call = cache.get('balances', 'transferKeepAlive', { dest: { Id: u8aToHex(to.publicKey) }, value: UNIT });
        const nonce = nonces[s];
        nonces[s] += 1;
        return { kind: 'transfers', key: senders[s], nonce, call, items: 1 };
      },
    };
  }
  // Registrations: issuers round robin, fresh accounts and commitments.
  {
    const issuers = pop.issuers;
    const nonces = issuers.map((k) => start(k, 0));
    let i = 0;
    let n = 0;
    const batch = regBatch;
    gens.registrations = {
      capacity: Infinity,
      next() {
        const k = i % issuers.length;
        i += 1;
        const count = batch > 1 ? batch : 1;
        const items = [];
        for (let j = 0; j < count; j += 1) {
          const label = `${runTag}/${n}`;
          n += 1;
          items.push({ account: pseudoAccount(label), commitment: commitmentOf(label), zone: ZONES[n % ZONES.length] });
        }
        const [{ call, items: m }] = registrationCalls(api, items, { batch, now });
        const nonce = nonces[k];
        nonces[k] += 1;
        return { kind: 'registrations', key: issuers[k], nonce, call, items: m };
      },
    };
  }
  // Citizens' free calls: round robin over the kind's slice, at most `cap` calls each.
  const citizenGen = (kind, slice, cap, make) => {
    const used = new Array(slice.length).fill(0);
    const first = slice.map((k) => start(k, 1));
    let i = 0;
    return {
      capacity: slice.length * cap,
      next() {
        const c = i % slice.length;
        if (used[c] >= cap) return null;
        i += 1;
        const call = make(c, used[c]);
        const nonce = first[c] + used[c];
        used[c] += 1;
        return { kind, key: slice[c], nonce, call, items: 1 };
      },
    };
  };
  const spendCap = Math.min(perCitizen, FREE_LEFT);
  gens.spends = citizenGen('spends', citizenSlices.spends, spendCap, (c, k) => cache.get('policyFunds', 'spend', {
    program: ctx.voucherProgram,
    merchant: { Id: u8aToHex(ctx.merchants[(c + k) % ctx.merchants.length].publicKey) },
    amount: 1,
  }));
  const applyCap = Math.min(perCitizen, FREE_LEFT, ctx.applyPrograms.length);
  gens.applications = citizenGen('applications', citizenSlices.applications, applyCap, (c, k) => cache.get('policyFunds', 'apply', { program: ctx.applyPrograms[k] }));
  // Bookings: 4 a month per category per citizen, 16 live at most: 4 in each category. Slots
  // from tomorrow to 6 days ahead (the public horizon is 7), open days only, filled in turn.
  {
    const offset = 9 * 60; // KST
    const today = Math.floor((now + offset * 60_000) / 86_400_000);
    const places = []; // [day, slot] of every open one-hour slot
    for (let d = today + 1; d <= today + 6; d += 1) {
      const weekday = (d + 3) % 7; // Monday 0
      if (weekday === 6) continue;
      const [open, close] = weekday === 5 ? [10, 17] : [9, 18];
      for (let s = open; s < close; s += 1) places.push([d, s]);
    }
    const counters = { 1: 0, 2: 0, 3: 0, 4: 0 };
    gens.bookings = citizenGen('bookings', citizenSlices.bookings, Math.min(16, perCitizen, FREE_LEFT), (c, k) => {
      const category = 1 + (k % 4);
      const facs = ctx.facilitiesByCategory[category];
      const g = counters[category];
      counters[category] += 1;
      const facility = facs[g % facs.length];
      const [day, slot] = places[Math.floor(g / facs.length) % places.length];
      return cache.get('facilityBooking', 'book', { facility, day, slot, party: 1, maxFee: 0 });
    });
  }
  return gens;
}

// ---------------------------------------------------------------------------------------------
// Submission and tracking

const S = { NEW: 0, SENT: 1, POOL: 2, REJECTED: 3, OK: 4, FAILED: 5, INBLOCK: 6 };

/**
 * Follows transactions from submission to their end. Blocks are read along the finalized chain
 * (every finalized block, in order, once), so a transaction counts once even across forks. New
 * best heads give the finality lag (best − finalized) and the import time of each block.
 */
export class Tracker {
  constructor({ api, rpc, submitRpcs, label = 'node', deferEvents = false }) {
    this.api = api;
    // Decoding a full block's events takes @polkadot ~0.3–0.5 ms a transaction: deferred, it
    // waits until the load is over (`decodeAll`, also at the end of `settle`), so the load
    // generator does not take that CPU from the node while it is measured.
    this.deferEvents = deferEvents;
    this.undecoded = [];
    this.rpc = rpc; // blocks, heads
    this.submitRpcs = submitRpcs ?? [rpc];
    this.label = label;
    this.txs = new Map(); // hash -> record
    this.blocks = []; // finalized blocks read, in order
    this.bestSeen = new Map(); // number -> ms when first seen as best
    this.lags = []; // best − finalized at each new best head
    this.finalized = 0;
    this.best = 0;
    this.nextToRead = null;
    this.inflight = 0;
    this.poolCount = 0; // accepted, not yet in a finalized block
    this.readingBlocks = Promise.resolve();
    this.waiters = [];
    const typeOf = (entry) => api.registry.lookup.getTypeDef(entry.creator.meta.type.asPlain).type;
    this.eventsType = typeOf(api.query.system.events);
    this.weightType = typeOf(api.query.system.blockWeight);
  }

  async start() {
    const header = await this.rpc.send('chain_getHeader', []);
    this.best = parseInt(header.number, 16);
    const fin = await this.rpc.send('chain_getFinalizedHead', []);
    const finHeader = await this.rpc.send('chain_getHeader', [fin]);
    this.finalized = parseInt(finHeader.number, 16);
    this.nextToRead = this.finalized + 1;
    await this.rpc.subscribe('chain_subscribeNewHeads', [], (h) => {
      const n = parseInt(h.number, 16);
      if (!this.bestSeen.has(n)) this.bestSeen.set(n, Date.now());
      if (n > this.best) this.best = n;
      this.lags.push({ at: Date.now(), best: n, lag: n - this.finalized });
    });
    await this.rpc.subscribe('chain_subscribeFinalizedHeads', [], (h) => {
      const n = parseInt(h.number, 16);
      if (n <= this.finalized) return;
      this.finalized = n;
      this.readingBlocks = this.readingBlocks.then(() => this.readUpTo(n)).catch((e) => { log('reading blocks:', e.message); });
    });
  }

  async readUpTo(n) {
    while (this.nextToRead <= n) {
      const number = this.nextToRead;
      const hash = await this.rpc.send('chain_getBlockHash', [number]);
      const [block, events, weight] = await Promise.all([
        this.rpc.send('chain_getBlock', [hash]),
        this.rpc.send('state_getStorage', [KEYS.events, hash]),
        this.rpc.send('state_getStorage', [KEYS.blockWeight, hash]),
      ]);
      this.onBlock(number, hash, block.block, events, weight);
      this.nextToRead += 1;
    }
    for (const w of this.waiters.splice(0)) w();
  }

  onBlock(number, hash, block, eventsHex, weightHex) {
    const t0 = performance.now();
    const slotLog = block.header.digest.logs.find((l) => l.startsWith('0x0661757261'));
    const slot = slotLog ? Number(Buffer.from(slotLog.slice(14, 30), 'hex').readBigUInt64LE()) : null;
    const exts = block.extrinsics;
    const ours = new Map(); // index -> record
    let bytes = 0;
    const b = {
      number, hash, slot, seenAt: this.bestSeen.get(number) ?? Date.now(), extrinsics: exts.length, bytes: 0,
      byKind: {}, itemsByKind: {}, failedByKind: {}, weightNormal: null, decoded: false,
    };
    for (let i = 0; i < exts.length; i += 1) {
      bytes += (exts[i].length - 2) / 2;
      const h = u8aToHex(blake2AsU8a(hexToU8a(exts[i])));
      const rec = this.txs.get(h);
      if (rec && rec.block === undefined) {
        rec.block = number;
        if (rec.state === S.POOL) this.poolCount -= 1;
        rec.state = S.INBLOCK;
        rec.inBlockAt = b.seenAt;
        ours.set(i, rec);
        b.byKind[rec.kind] = (b.byKind[rec.kind] ?? 0) + 1;
      }
    }
    b.bytes = bytes;
    if (weightHex) b.weightNormal = this.api.registry.createType(this.weightType, weightHex).normal.refTime.toNumber();
    const entry = { b, ours, eventsHex };
    if (this.deferEvents && ours.size) this.undecoded.push(entry);
    else this.decode(entry);
    b.readMs = performance.now() - t0;
    this.blocks.push(b);
    if (this.onBlockCb) this.onBlockCb(b);
  }

  /** Events: success or failure of each of ours in a block, and the registrations each made. */
  decode({ b, ours, eventsHex }) {
    const records = ours.size ? this.api.registry.createType(this.eventsType, eventsHex) : [];
    const registered = new Map();
    for (const r of records) {
      if (!r.phase.isApplyExtrinsic) continue;
      const i = r.phase.asApplyExtrinsic.toNumber();
      const rec = ours.get(i);
      if (!rec) continue;
      const { section, method } = r.event;
      if (section === 'system' && method === 'ExtrinsicSuccess') rec.state = S.OK;
      else if (section === 'system' && method === 'ExtrinsicFailed') {
        rec.state = S.FAILED;
        rec.error = errorName(this.api, r.event.data[0]);
      } else if (section === 'citizenId' && method === 'CitizenRegistered') registered.set(i, (registered.get(i) ?? 0) + 1);
      else if (section === 'citizenId' && method === 'RegistrationRefused') {
        rec.refused = (rec.refused ?? 0) + 1;
        rec.refusal ??= JSON.stringify(r.event.data.toHuman());
      }
    }
    for (const [i, rec] of ours) {
      if (rec.state !== S.OK && rec.state !== S.FAILED) { rec.state = S.FAILED; rec.error = 'no ExtrinsicSuccess/Failed event'; }
      rec.included = rec.kind === 'registrations' ? (registered.get(i) ?? 0) : (rec.state === S.OK ? 1 : 0);
      b.itemsByKind[rec.kind] = (b.itemsByKind[rec.kind] ?? 0) + rec.included;
      if (rec.state === S.FAILED) b.failedByKind[rec.kind] = (b.failedByKind[rec.kind] ?? 0) + 1;
    }
    b.decoded = true;
  }

  /** Decodes the events of every block read so far whose decoding was deferred. */
  decodeAll() {
    const t0 = performance.now();
    const n = this.undecoded.length;
    for (const entry of this.undecoded.splice(0)) this.decode(entry);
    return { blocks: n, ms: performance.now() - t0 };
  }

  /** Waits for the next finalized block to be read. */
  nextBlock() { return new Promise((resolve) => { this.waiters.push(resolve); }); }

  /**
   * Submits one signed transaction ({ hash, hex, kind, items }); never throws. `watch` uses
   * `author_submitAndWatchExtrinsic`, so a transaction the pool accepts and later gives up
   * ("dropped", "invalid", "usurped") is reported, not lost.
   */
  submit(tx, rpc, { watch = false } = {}) {
    const rec = { kind: tx.kind, hash: tx.hash, hex: tx.hex, items: tx.items, who: tx.who, nonce: tx.nonce, phase: tx.phase, state: S.SENT, sentAt: Date.now() };
    this.txs.set(tx.hash, rec);
    this.inflight += 1;
    const r = rpc ?? this.submitRpcs[0];
    const sent = watch
      ? r.subscribe('author_submitAndWatchExtrinsic', [tx.hex], (status) => {
        const s = typeof status === 'string' ? status : Object.keys(status)[0];
        if (['dropped', 'invalid', 'usurped'].includes(s)) rec.poolVerdict ??= s;
      })
      : r.send('author_submitExtrinsic', [tx.hex]);
    return sent.then(
      () => {
        rec.answeredAt = Date.now();
        if (rec.state === S.SENT) { rec.state = S.POOL; if (rec.block === undefined) this.poolCount += 1; }
      },
      (e) => {
        rec.answeredAt = Date.now();
        const err = e.rpc ? `${e.rpc.code} ${e.rpc.message}${e.rpc.data ? `: ${e.rpc.data}` : ''}` : e.message;
        if (rec.block === undefined) { rec.state = S.REJECTED; rec.error = err; } else rec.lateError = err;
      },
    ).finally(() => { this.inflight -= 1; });
  }

  /**
   * Submits `source()` transactions (null ends) keeping at most `inflight` RPC calls open and
   * at most `window` accepted transactions waiting for a finalized block.
   */
  async submitWindowed(source, { inflight = 256, window = 20_000, watch = false } = {}) {
    let rr = 0;
    const started = Date.now();
    let held = 0; // ms waiting for the pool window (not for RPC answers)
    for (;;) {
      while (this.inflight >= inflight || this.poolCount + this.inflight >= window) {
        const full = this.poolCount + this.inflight >= window && this.inflight < inflight;
        const t = Date.now();
        await sleep(5);
        if (full) held += Date.now() - t;
      }
      const tx = source();
      if (!tx) break;
      this.submit(tx, this.submitRpcs[rr % this.submitRpcs.length], { watch });
      rr += 1;
    }
    while (this.inflight > 0) await sleep(20);
    // Answers per second while the window was open: the node's admission rate when that
    // was the bottleneck.
    return { count: rr, seconds: (Date.now() - started) / 1000, admissionPerSecond: rr / Math.max(0.001, (Date.now() - started - held) / 1000) };
  }

  /**
   * Waits until every accepted transaction is in a finalized block, or `idleBlocks` finalized
   * blocks pass without one; then asks the node about the rest: still in the pool, or why the
   * pool no longer holds it (its validity now). Those are "dropped". `poke` (instant seal) is
   * called when no block came for 2 s.
   */
  async settle({ idleBlocks = 4, timeoutMs = 600_000, kinds, poke } = {}) {
    const started = Date.now();
    let idle = 0;
    let lastCount = -1;
    while (Date.now() - started < timeoutMs) {
      const open = this.open(kinds);
      if (open.length === 0) break;
      // An instant-seal node seals for imported transactions only: `poke` asks for a block.
      if (poke) await Promise.race([this.nextBlock(), sleep(2000).then(poke)]);
      else await Promise.race([this.nextBlock(), sleep(SLOT_MS * 3)]);
      const count = this.open(kinds).length;
      if (count === lastCount) idle += 1; else idle = 0;
      lastCount = count;
      if (idle >= idleBlocks) break;
    }
    this.decodeAll();
    const open = this.open(kinds);
    if (open.length === 0) return;
    const pending = new Set((await this.rpc.send('author_pendingExtrinsics', [])).map((x) => u8aToHex(blake2AsU8a(hexToU8a(x)))));
    const best = await this.rpc.send('chain_getBlockHash', []);
    // An account's transaction refused by the pool leaves its later nonces waiting for ever:
    // those are consequences of that refusal, not losses.
    const refusedNonce = new Map();
    for (const rec of this.txs.values()) {
      if (rec.state === S.REJECTED && !rec.dropped && rec.who !== undefined) {
        refusedNonce.set(rec.who, Math.min(refusedNonce.get(rec.who) ?? Infinity, rec.nonce));
      }
    }
    for (const rec of open) {
      if (rec.state === S.POOL) this.poolCount -= 1;
      rec.state = S.REJECTED;
      if (rec.poolVerdict) {
        rec.error = `accepted, then reported "${rec.poolVerdict}" by the pool`;
        continue;
      }
      if (rec.who !== undefined && refusedNonce.get(rec.who) < rec.nonce) {
        rec.error = 'stranded behind an earlier transaction of its account that the pool refused';
        continue;
      }
      rec.dropped = true;
      if (pending.has(rec.hash)) { rec.error = 'dropped: still in the pool'; continue; }
      try {
        const arg = u8aToHex(u8aConcat(new Uint8Array([2]), hexToU8a(rec.hex), hexToU8a(best)));
        const res = await this.rpc.send('state_call', ['TaggedTransactionQueue_validate_transaction', arg, best]);
        const v = this.api.registry.createType('TransactionValidity', res);
        if (v.isErr) rec.error = `dropped: invalid now: ${JSON.stringify(v.asErr.toHuman())}`;
        else if (v.asOk.requires.length) rec.error = 'dropped: not in the pool, valid after an earlier nonce of its sender (future)';
        else rec.error = 'dropped: not in the pool, valid now (ready)';
      } catch (e) { rec.error = `dropped: ${e.message}`; }
    }
  }

  /**
   * Submits `kinds`' dropped transactions again (the prelude only: it must register everyone;
   * a measurement reports them instead). An answer "already imported" means it was in the pool.
   */
  async resubmitDropped(kinds) {
    const lost = [...this.txs.values()].filter((r) => r.dropped && kinds.includes(r.kind));
    for (const rec of lost) {
      rec.dropped = false;
      rec.state = S.SENT;
      rec.error = undefined;
      this.inflight += 1;
      this.rpc.send('author_submitExtrinsic', [rec.hex]).then(
        () => { if (rec.state === S.SENT && rec.block === undefined) { rec.state = S.POOL; this.poolCount += 1; } },
        (e) => {
          if (rec.block !== undefined) return;
          if (e.rpc?.code === 1013) { rec.state = S.POOL; this.poolCount += 1; } else { rec.state = S.REJECTED; rec.error = e.message; }
        },
      ).finally(() => { this.inflight -= 1; });
    }
    while (this.inflight > 0) await sleep(20);
    return lost.length;
  }

  open(kinds) {
    const out = [];
    for (const rec of this.txs.values()) {
      if ((rec.state === S.POOL || rec.state === S.SENT) && (!kinds || kinds.includes(rec.kind))) out.push(rec);
    }
    return out;
  }

  /**
   * Totals of `kind` (or all) in `phase` (or all): sent, included ok/failed, rejected and
   * dropped by reason, inclusion and RPC answer latencies (ms).
   */
  summary(kind, phase) {
    const s = { sent: 0, ok: 0, failed: 0, rejected: 0, dropped: 0, items: 0, open: 0, reasons: new Map(), latencies: [], answers: [] };
    for (const rec of this.txs.values()) {
      if (kind && rec.kind !== kind) continue;
      if (phase && rec.phase !== phase) continue;
      if (rec.answeredAt) s.answers.push(rec.answeredAt - rec.sentAt);
      s.sent += 1;
      const why = (r) => s.reasons.set(r, (s.reasons.get(r) ?? 0) + 1);
      if (rec.state === S.OK) { s.ok += 1; s.items += rec.included; if (rec.refused) why(`${rec.refused} refused in batch: ${rec.refusal}`); }
      else if (rec.state === S.FAILED) { s.failed += 1; why(`failed: ${rec.error}`); }
      else if (rec.state === S.REJECTED) {
        if (rec.dropped) s.dropped += 1; else s.rejected += 1;
        why(rec.dropped || rec.error?.startsWith('stranded') || rec.poolVerdict ? rec.error : `pool: ${rec.error}`);
      } else s.open += 1;
      if (rec.inBlockAt) s.latencies.push(rec.inBlockAt - rec.sentAt);
    }
    return s;
  }
}

// ---------------------------------------------------------------------------------------------
// Statistics and tables

export const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);
export const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d }) : '–');
export const reasonsText = (reasons) => ([...reasons].map(([r, n]) => `${fmt(n)}× ${r}`).join('; ') || '–');

export function table(header, rows) {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

// ---------------------------------------------------------------------------------------------
// The genesis (two steps, cached)

function binaryStamp(bin) {
  const st = statSync(bin);
  return `${st.size}-${st.mtimeMs}`;
}

/**
 * The load specs for `bin` and `params`: { single, network, dir } (paths), built once and
 * cached in `$CARGO_TARGET_DIR/load-genesis/<hash>/`. A cached genesis older than 20 days is
 * rebuilt (the programs take applications for 30 days from the prelude).
 */
export async function ensureGenesis(bin, params = DEFAULT_PARAMS) {
  const key = crypto.createHash('sha256').update(JSON.stringify({ v: GENESIS_VERSION, params, bin: binaryStamp(bin) })).digest('hex').slice(0, 16);
  const dir = join(TARGET_DIR, 'load-genesis', key);
  const single = join(dir, 'single.json');
  const network = join(dir, 'network.json');
  if (existsSync(single) && existsSync(network) && Date.now() - statSync(single).mtimeMs < 20 * 86_400_000) {
    log(`genesis: cached in ${dir}`);
    return { single, network, dir };
  }
  mkdirSync(dir, { recursive: true });
  const t0 = Date.now();
  log(`genesis: generating ${fmt(params.senders)} senders, ${fmt(params.citizens)} citizens, ${params.issuers} issuers, ${params.merchants} merchants, ${params.programs + 1} programs, ${params.facilities} facilities`);
  await cryptoWaitReady();
  const pop = population(params);
  const plain = plainSpec(devSpec(bin), params, pop);
  const plainPath = join(dir, 'plain.json');
  writeFileSync(plainPath, JSON.stringify(plain));
  const base = join(dir, 'prelude-db');
  execFileSync('rm', ['-rf', base]);
  const node = await startNode(bin, ['--chain', plainPath, '--base-path', base, '--alice', '--validator', '--force-authoring',
    '--node-key', crypto.randomBytes(32).toString('hex'), '--pool-limit', '100000', '--pool-kbytes', '1000000',
    '--rpc-max-connections', '100', '--rpc-max-response-size', '500', '--state-pruning', 'archive-canonical'], { logFile: join(dir, 'prelude.log') });
  try {
    await prelude(node, params, pop);
  } finally {
    await node.stop();
  }
  log('genesis: exporting the state');
  const exportedPath = join(dir, 'exported.json');
  execFileSync(bin, ['export-state', '--chain', plainPath, '--base-path', base], { stdio: ['ignore', openSync(exportedPath, 'w'), 'ignore'] });
  const exported = JSON.parse(readFileSync(exportedPath, 'utf8'));
  execFileSync('rm', ['-rf', base]);
  const city = ['CityHall', 'PartnerBank', 'DistrictOffice', 'University'];
  writeFileSync(`${single}.tmp`, JSON.stringify(finishSpec(exported, validatorKeys(['Alice']), { name: 'Citizen Chain Load', id: 'citizen_load', chainType: 'Local' })));
  writeFileSync(`${network}.tmp`, JSON.stringify(finishSpec(exported, validatorKeys(city), { name: 'Citizen Chain Load Network', id: 'citizen_load_network', chainType: 'Live' })));
  writeFileSync(join(dir, 'params.json'), JSON.stringify(params, null, 1));
  execFileSync('rm', ['-f', exportedPath]);
  renameSync(`${network}.tmp`, network);
  renameSync(`${single}.tmp`, single);
  log(`genesis: ready in ${((Date.now() - t0) / 1000).toFixed(0)} s (${dir})`);
  return { single, network, dir };
}

/** Step 2 of the genesis, on a node authoring with Aura alone. */
async function prelude(node, params, pop) {
  const api = await connectApi(node.url);
  const rpc = await Rpc.connect(node.url);
  try {
    const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
    const now = await chainNow(api);
    const DAY = 86_400_000;
    const name = (s) => ({ ko: s, en: s });
    const admin = [api.tx.policyFunds.addCategory(1, name('Load shop'))];
    for (const m of pop.merchants) admin.push(api.tx.policyFunds.registerMerchant({ Id: m.address }, 1, 1));
    const programTerms = (i, amount) => ({
      name: name(`Load program ${i}`), amountPerGrant: amount, requiredClaims: [], minResidence: 0,
      applyFrom: now - DAY, applyUntil: now + 30 * DAY, spendUntil: now + 60 * DAY,
      approval: 'Automatic', scope: 'PerCitizen', allowedCategories: [], excludedCategories: [],
    });
    const firstProgram = (await api.query.policyFunds.nextProgramId()).toNumber();
    for (let i = 0; i <= params.programs; i += 1) admin.push(api.tx.policyFunds.createProgram(programTerms(i, i === 0 ? params.voucher : params.grant), [alice.address]));
    await submitOk(api, api.tx.sudo.sudo(api.tx.utility.batchAll(admin)), alice, 'the city\'s set-up');
    const funding = [];
    for (let i = 0; i <= params.programs; i += 1) {
      funding.push(api.tx.policyFunds.fund(firstProgram + i, params.citizens * (i === 0 ? params.voucher : params.grant)));
    }
    await submitOk(api, api.tx.utility.batchAll(funding), alice, 'funding the programs');
    log(`genesis: ${params.merchants} merchants, programs ${firstProgram}..${firstProgram + params.programs} funded`);

    const signer = new Signer(api);
    signer.selfTest();
    const tracker = new Tracker({ api, rpc });
    await tracker.start();
    // Issuers register every citizen (bulk when the runtime has it), then each applies.
    const batch = Math.min(maxRegistrationBatch(api), 500);
    const items = pop.citizens.map((k, i) => ({ account: k.publicKey, commitment: commitmentOf(`genesis/${i}`), zone: ZONES[i % ZONES.length] }));
    const calls = registrationCalls(api, items, { batch, now });
    const nonces = new Array(pop.issuers.length).fill(0);
    const regs = calls.map(({ call, items: n }, i) => {
      const k = i % pop.issuers.length;
      const tx = signer.sign(pop.issuers[k], nonces[k], call);
      nonces[k] += 1;
      return { ...tx, kind: 'registrations', items: n };
    });
    let i = 0;
    await tracker.submitWindowed(() => regs[i++] ?? null, { window: 30_000 });
    // The prelude runs Aura (6-second blocks), not the dev chain's instant sealing: sealing a
    // block for every imported transaction, the pool kept thousands of these transactions in
    // its mempool without ever proposing them, and answered "temporarily banned" to a resubmission
    // (release node 0.1.0-011c07df13f, fork-aware and single-state pools alike). Anything dropped
    // anyway is submitted again.
    const settleAll = async (kind) => {
      for (let round = 0; round < 4; round += 1) {
        await tracker.settle({ kinds: [kind] });
        const n = await tracker.resubmitDropped([kind]);
        if (n === 0) return;
        log(`genesis: ${n} ${kind} dropped by the pool, submitted again`);
      }
    };
    await settleAll('registrations');
    const reg = tracker.summary('registrations');
    if (reg.items !== params.citizens) throw new Error(`genesis: ${reg.items} of ${params.citizens} citizens registered: ${reasonsText(reg.reasons)}`);
    log(`genesis: ${fmt(reg.items)} citizens registered (${calls.length} transactions)`);
    const applyCall = callBytes(api, 'policyFunds', 'apply', { program: firstProgram });
    const applies = pop.citizens.map((k) => ({ ...signer.sign(k, 0, applyCall), kind: 'applications', items: 1 }));
    i = 0;
    await tracker.submitWindowed(() => applies[i++] ?? null, { window: 30_000 });
    await settleAll('applications');
    const app = tracker.summary('applications');
    if (app.ok !== params.citizens) throw new Error(`genesis: ${app.ok} of ${params.citizens} vouchers credited: ${reasonsText(app.reasons)}`);
    log(`genesis: ${fmt(app.ok)} vouchers of ${params.voucher} won in program ${firstProgram}`);
    // Everything final before the state is exported.
    const target = tracker.best;
    while (tracker.finalized < target) await sleep(200);
  } finally {
    rpc.close();
    await api.disconnect();
  }
}

/** Starts the single-authority node on the load genesis (Alice authors 6-second blocks). */
export async function startLoadNode(bin, specPath, { logFile, poolLimit = 65_536, poolKbytes = 512_000, extra = [] } = {}) {
  return startNode(bin, ['--chain', specPath, '--alice', '--validator', '--force-authoring', '--tmp',
    '--node-key', crypto.randomBytes(32).toString('hex'),
    '--pool-limit', String(poolLimit), '--pool-kbytes', String(poolKbytes),
    '--rpc-max-connections', '1000', '--rpc-max-response-size', '500', '--rpc-max-subscriptions-per-connection', '16384',
    ...extra], { logFile });
}

/** Waits until the chain has authored `n` blocks past genesis (signing needs block 1: see below). */
export async function waitForHeight(rpc, n, timeoutMs = 120_000) {
  const started = Date.now();
  for (;;) {
    const h = await rpc.send('chain_getHeader', []);
    if (parseInt(h.number, 16) >= n) return;
    if (Date.now() - started > timeoutMs) throw new Error(`no block #${n} after ${timeoutMs} ms`);
    await sleep(500);
  }
}
