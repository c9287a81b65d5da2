// A real runtime upgrade: a dev chain on this checkout's runtime is filled as the city and its
// citizens would (an issuer, citizens and their claims, a policy-funds program with vouchers
// and a spend, merchants, a multi-child scheme, a youth-pass round with passes and a booking
// held), then upgraded through the city's origin to "the same code with spec_version + 1"
// (scripts/build-next-runtime.sh; CITIZEN_NEXT_RUNTIME names the blob). Everything the chain
// stores for the city reads back the same through @polkadot/api, the money still adds up, and
// the very same ApiPromise (a wallet that stays connected) keeps working: citizens spend, book
// and register under the new version without anyone reconnecting or loading types.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { u8aToHex } from '@polkadot/util';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { startNode, rpcHttp } from './lib/node.js';
import { devAccounts, freshAccount, commitment, submit, submitOk, sealBlocks } from './lib/tx.js';
import { snapshotStorage, diffSnapshots, waitFor } from './lib/upgrade.js';

const NEXT_RUNTIME = process.env.CITIZEN_NEXT_RUNTIME;
const skip = NEXT_RUNTIME
  ? false
  : 'CITIZEN_NEXT_RUNTIME is not set: build the next runtime with scripts/build-next-runtime.sh '
    + '(scripts/test.sh does) and pass its path to run the upgrade test';

const DAY = 86_400_000;
const DBW = 1;
const BOOKS = 41;
const CULTURE = 42;
const YEAR = 2026;
const GRANT = 300_000n;
const BUDGET = 2_000_000n; // room for a grant after the upgrade
const SCHEME_BUDGET = 2_000_000n;
const WALLET = 100_000n;
const PRICE = 30_000n;

describe('a runtime upgrade keeps the city\'s chain', { skip }, () => {
  let node;
  let api;
  let a;
  let issuer;
  let resident; // a resident with a voucher, who spent part of it
  let guardians; // three children (two guardians of one household), two children
  let youths; // passes of the first-come round; the first books a seat
  let bookshop;
  let organiser;
  let newcomer; // registers after the upgrade
  let program; // the city's policy-funds program
  let schemeProgram; // the multi-child scheme's program
  let round; // the youth pass round
  let offer; // the designated offer
  const citizens = new Map(); // account → citizen id
  let upgrade; // { specBefore, fee, blockHash }
  let stored; // the storage snapshot before the upgrade
  let rpcBefore; // what the JSON-RPC methods answered before the upgrade
  let runtimeBefore; // what the runtime APIs answered

  before(async () => {
    if (!existsSync(NEXT_RUNTIME)) throw new Error(`CITIZEN_NEXT_RUNTIME=${NEXT_RUNTIME} does not exist`);
    node = await startNode();
    api = node.api;
    a = await devAccounts();
    issuer = a.charlie;
    resident = freshAccount(a.keyring, 'up-resident');
    guardians = ['up-guardian-a', 'up-guardian-b', 'up-guardian-c'].map((s) => freshAccount(a.keyring, s));
    youths = ['up-youth-a', 'up-youth-b', 'up-youth-c'].map((s) => freshAccount(a.keyring, s));
    bookshop = freshAccount(a.keyring, 'up-bookshop');
    organiser = freshAccount(a.keyring, 'up-organiser');
    newcomer = freshAccount(a.keyring, 'up-newcomer');
  });

  after(async () => { await node?.stop(); });

  const sudo = (call) => submitOk(api, api.tx.sudo.sudo(call), a.alice);
  const now = async () => (await api.query.timestamp.now()).toNumber();
  const waitUntil = async (t) => { while ((await now()) < t) await sealBlocks(api, 1); };
  const rpc = async (method, params) => {
    const response = await rpcHttp(node.port, method, params);
    if (response.error) throw new Error(`${method}: ${JSON.stringify(response.error)}`);
    return response.result;
  };
  const dbw = async (who) => {
    const account = await api.query.assets.account(DBW, who.address ?? who);
    return account.isSome ? account.unwrap().balance.toBigInt() : 0n;
  };
  const voucher = async (who, id) => BigInt((await rpc('funds_voucherBalance', [who.address, id])).balance);
  const feePaid = (events) => events.some((e) => api.events.transactionPayment.TransactionFeePaid.is(e));

  /** The issuer registers `who` and attests each claim of `claims` for a year. */
  async function register(who, zone, claims) {
    const events = await submitOk(api, api.tx.citizenId.registerCitizen(who.address, commitment(who.address, 'upgrade'), zone), issuer);
    const registered = events.find((e) => api.events.citizenId.CitizenRegistered.is(e));
    assert.ok(registered, `CitizenRegistered among ${events.map((e) => `${e.section}.${e.method}`)}`);
    const id = registered.data.citizen.toNumber();
    citizens.set(who.address, id);
    const t = await now();
    for (const claim of claims) {
      await submitOk(api, api.tx.citizenId.issueClaim(id, claim, t - 1000, t + 365 * DAY), issuer);
    }
    return id;
  }

  /** What wallets, merchants and kiosks read through the node's JSON-RPC methods. */
  async function rpcViews() {
    const out = {};
    const call = async (method, params) => (await rpcHttp(node.port, method, params));
    for (const [account, id] of citizens) out[`verify ${id}`] = await call('citizen_verifyClaim', [account, 'Resident']);
    for (const id of [program, schemeProgram]) out[`report ${id}`] = await call('funds_programReport', [id]);
    for (const who of [resident, guardians[0], guardians[2], youths[0]]) {
      for (const id of [program, schemeProgram]) out[`voucher ${who.address} ${id}`] = await call('funds_voucherBalance', [who.address, id]);
    }
    out['can accept'] = await call('funds_canAccept', [bookshop.address, resident.address, 1_000]);
    for (const youth of youths.slice(0, 2)) out[`pass ${youth.address}`] = await call('youthPass_passStatus', [youth.address, round]);
    return out;
  }

  /** What wallets read through the runtime APIs (`api.call`) of the ApiPromise `with`. */
  async function runtimeViews(with_) {
    const out = {};
    for (const id of citizens.values()) out[`citizen ${id}`] = (await with_.call.citizenIdApi.citizen(id)).toJSON();
    out['scheme report'] = (await with_.call.multiChildPointsApi.report(YEAR)).toJSON();
    out['household quote'] = (await with_.call.multiChildPointsApi.quote(guardians[1].address, YEAR)).toJSON();
    return out;
  }

  /**
   * At the best block: every program's account holds its free budget, what its vouchers hold
   * and what is held; the local currency's accounts add up to its supply.
   */
  async function moneyAddsUp() {
    const blockHash = (await api.rpc.chain.getBlockHash()).toHex();
    const at = await api.at(blockHash);
    const programs = await at.query.policyFunds.programs.entries();
    assert.ok(programs.length >= 3, 'the city\'s program, the scheme\'s and the round\'s');
    for (const [key, value] of programs) {
      const id = key.args[0].toNumber();
      const report = await rpc('funds_programReport', [id, blockHash]);
      const account = await at.query.assets.account(DBW, value.unwrap().account);
      const balance = account.isSome ? account.unwrap().balance.toBigInt() : 0n;
      const owed = BigInt(report.free) + BigInt(report.outstanding) + BigInt(report.held);
      assert.equal(balance, owed, `program ${id}: account = free + outstanding + held`);
    }
    const supply = (await at.query.assets.asset(DBW)).unwrap().supply.toBigInt();
    let sum = 0n;
    for (const [, account] of await at.query.assets.account.entries(DBW)) sum += account.unwrap().balance.toBigInt();
    assert.equal(sum, supply, 'the local currency\'s accounts add up to its supply');
  }

  test('the city and its citizens fill the chain', async () => {
    await sudo(api.tx.utility.batchAll([
      api.tx.citizenId.registerIssuer(issuer.address, ['Resident', 'YouthAgeBand', 'MultiChildHousehold']),
      api.tx.policyFunds.addCategory(BOOKS, { ko: '서점', en: 'Bookstores' }),
      api.tx.policyFunds.addCategory(CULTURE, { ko: '공연', en: 'Performances' }),
      api.tx.policyFunds.registerMerchant(bookshop.address, BOOKS, 7),
      api.tx.policyFunds.registerMerchant(organiser.address, CULTURE, 5),
    ]));
    await submitOk(api, api.tx.utility.batchAll(youths.map((y) => api.tx.assets.transfer(DBW, y.address, WALLET))), a.alice);
    const t = await now();
    const residentSince = (zone) => ({ Resident: { zone, since: t - 400 * DAY } });
    const threeChildren = commitment('up-household-3', 'household');
    const twoChildren = commitment('up-household-2', 'household');
    await register(resident, 7, [residentSince(7)]);
    await register(guardians[0], 7, [residentSince(7), { MultiChildHousehold: { household: threeChildren, children: 3 } }]);
    await register(guardians[1], 7, [residentSince(7), { MultiChildHousehold: { household: threeChildren, children: 3 } }]);
    await register(guardians[2], 3, [residentSince(3), { MultiChildHousehold: { household: twoChildren, children: 2 } }]);
    for (const youth of youths) await register(youth, 5, [residentSince(5), { YouthAgeBand: null }]);

    // The city's program: residents apply, fee-free, for a voucher spendable at bookstores.
    const created = await sudo(api.tx.policyFunds.createProgram({
      name: { ko: '교육 포인트', en: 'Education points' },
      amountPerGrant: GRANT,
      requiredClaims: ['Resident'],
      minResidence: 90 * DAY,
      applyFrom: t - 1000,
      applyUntil: t + 2 * DAY,
      spendUntil: t + 3 * DAY,
      approval: 'Automatic',
      scope: 'PerCitizen',
      allowedCategories: [BOOKS],
      excludedCategories: [],
    }, [a.dave.address]));
    program = created.find((e) => api.events.policyFunds.ProgramCreated.is(e)).data.program.toNumber();
    await submitOk(api, api.tx.policyFunds.fund(program, BUDGET), a.alice);
    for (const who of [resident, guardians[0], youths[0]]) {
      assert.ok(!feePaid(await submitOk(api, api.tx.policyFunds.apply(program), who)), 'applying is free');
    }
    await submitOk(api, api.tx.policyFunds.spend(program, bookshop.address, 45_000), resident);

    // The multi-child scheme, funded from the city's treasury: one grant per household.
    const opened = await sudo(api.tx.multiChildPoints.openScheme(YEAR, {
      name: { ko: '다자녀 교육포인트', en: 'Multi-child education points' },
      tiers: [{ minChildren: 2, amount: 300_000 }, { minChildren: 3, amount: 500_000 }],
      minResidence: 90 * DAY,
      applyFrom: t - 1000,
      applyUntil: t + 2 * DAY,
      spendUntil: t + 3 * DAY,
      allowedCategories: [BOOKS],
      excludedCategories: [],
      budget: SCHEME_BUDGET,
    }));
    schemeProgram = opened.find((e) => api.events.multiChildPoints.SchemeOpened.is(e)).data.program.toNumber();
    await submitOk(api, api.tx.multiChildPoints.apply(YEAR), guardians[0]);
    await submitOk(api, api.tx.multiChildPoints.apply(YEAR), guardians[2]);
    assert.equal((await submit(api, api.tx.multiChildPoints.apply(YEAR), guardians[1])).error, 'multiChildPoints.HouseholdAlreadyGranted');
    await submitOk(api, api.tx.policyFunds.spend(schemeProgram, bookshop.address, 100_000), guardians[0]);

    // A first-come youth-pass round (announced a minute ahead): two passes bought, the first
    // books a seat of a designated performance, so a hold crosses the upgrade.
    const t2 = await now();
    const entryOpens = t2 + 90_000;
    const roundOpened = await sudo(api.tx.youthCulturePass.openRound({
      year: YEAR,
      name: { ko: '청년문화패스', en: 'Youth culture pass' },
      tiers: [{ face: 100_000, coPayment: 10_000, places: 5 }],
      mode: 'FirstCome',
      excludedRound: null,
      entryOpens,
      entryCloses: t2 + 2 * DAY,
      spendUntil: t2 + 3 * DAY,
    }));
    round = roundOpened.find((e) => api.events.youthCulturePass.RoundOpened.is(e)).data.round.toNumber();
    await waitUntil(entryOpens);
    for (const youth of youths.slice(0, 2)) await submitOk(api, api.tx.youthCulturePass.buy(round, 0), youth);
    const designated = await sudo(api.tx.youthCulturePass.designateOffer(round, {
      organiser: organiser.address,
      kind: 'Performance',
      name: { ko: '부산국제록페스티벌', en: 'Busan International Rock Festival' },
      price: PRICE,
      seats: 10,
      date: t2 + DAY,
      cancelUntil: t2 + DAY / 2,
    }));
    offer = designated.find((e) => api.events.youthCulturePass.OfferDesignated.is(e)).data.offer.toNumber();
    await submitOk(api, api.tx.youthCulturePass.book(offer), youths[0]);

    assert.equal(await voucher(resident, program), GRANT - 45_000n);
    assert.equal(await voucher(guardians[0], schemeProgram), 500_000n - 100_000n);
    assert.equal(BigInt((await rpc('youthPass_passStatus', [youths[0].address, round])).balance), 100_000n - PRICE);
    assert.equal(await dbw(bookshop), 145_000n);
    await moneyAddsUp();
  });

  test('the chain at rest reads the same from block to block', async (t) => {
    // The control for the comparison after the upgrade: nothing moves in empty blocks, so
    // whatever differs after the upgrade is the upgrade's doing.
    const first = await snapshotStorage(api);
    rpcBefore = await rpcViews();
    runtimeBefore = await runtimeViews(api);
    await sealBlocks(api, 2);
    const second = await snapshotStorage(api);
    assert.deepEqual(diffSnapshots(first, second), []);
    assert.deepEqual(await rpcViews(), rpcBefore);
    assert.deepEqual(await runtimeViews(api), runtimeBefore);
    // The snapshot holds what the test filled.
    const count = (item) => Object.keys(second[item] ?? {}).length;
    assert.equal(count('citizenId.citizens'), 7);
    assert.equal(count('policyFunds.programs'), 3);
    assert.equal(count('multiChildPoints.grants'), 2);
    assert.equal(count('youthCulturePass.passes'), 2);
    // Resident claims live in the citizen records; the households' and the youths' here.
    assert.equal(count('citizenId.claims'), 6);
    // Alice, the youths, the bookshop, the three programs' accounts.
    assert.ok(count('assets.account') >= 8, `local currency accounts: ${count('assets.account')}`);
    const items = Object.keys(second);
    const entries = items.reduce((n, item) => n + (typeof second[item] === 'object' && second[item] !== null ? Object.keys(second[item]).length : 1), 0);
    t.diagnostic(`snapshot: ${items.length} storage items, about ${entries} values`);
    stored = second;
  });

  test('the city upgrades the runtime to the next spec_version', async () => {
    const code = readFileSync(NEXT_RUNTIME);
    const specBefore = api.runtimeVersion.specVersion.toNumber();
    const lastBefore = (await api.query.system.lastRuntimeUpgrade()).unwrap().specVersion.toNumber();
    assert.equal(lastBefore, specBefore);
    // `system.setCode` needs Root: on a dev chain the city's Root is sudo. The upgrade's
    // weight is a whole block's; sudo's unchecked weight lets it in beside the block's inherents.
    const { events, blockHash } = await submit(api,
      api.tx.sudo.sudoUncheckedWeight(api.tx.system.setCode(u8aToHex(code)), { refTime: 0, proofSize: 0 }), a.alice);
    const sudid = events.find((e) => api.events.sudo.Sudid.is(e));
    assert.ok(sudid && sudid.data[0].isOk, `sudo dispatched setCode: ${sudid?.data[0]}`);
    assert.ok(events.some((e) => api.events.system.CodeUpdated.is(e)), 'CodeUpdated');
    // Sudo's own calls pay no fee; were there one, it would be burnt.
    const paid = events.find((e) => api.events.transactionPayment.TransactionFeePaid.is(e));
    const fee = paid ? paid.data.actualFee.toBigInt() : 0n;
    // The same ApiPromise follows the new version (and its metadata) by itself.
    await waitFor(() => api.runtimeVersion.specVersion.toNumber() === specBefore + 1, 60_000, 'the new spec_version through api.runtimeVersion');
    assert.equal((await api.rpc.state.getRuntimeVersion()).specVersion.toNumber(), specBefore + 1);
    // The next block runs the upgrade's migrations (`on_runtime_upgrade`) under the new code.
    await sealBlocks(api, 1);
    const last = (await api.query.system.lastRuntimeUpgrade()).unwrap();
    assert.equal(last.specVersion.toNumber(), specBefore + 1, 'the new code ran its upgrade');
    upgrade = { specBefore, fee, blockHash };
  });

  test('every citizen, claim, voucher, hold and balance reads back the same', async () => {
    assert.ok(upgrade, 'upgraded');
    const upgraded = await snapshotStorage(api);
    const alice = a.alice.address;
    const diffs = diffSnapshots(stored, upgraded);
    // Only the sudo key's account moved: its nonce, and its balance by the fee if any (burnt,
    // so the issuance fell by as much).
    const expected = [`system.account ${alice}`, ...(upgrade.fee > 0n ? ['balances.totalIssuance'] : [])];
    assert.deepEqual(diffs.map((d) => d.path).sort(), expected.sort(), JSON.stringify(diffs, null, 1));
    const aliceBefore = stored['system.account'][alice];
    const aliceAfter = upgraded['system.account'][alice];
    assert.equal(aliceAfter.nonce, aliceBefore.nonce + 1);
    assert.equal(BigInt(aliceBefore.data.free) - BigInt(aliceAfter.data.free), upgrade.fee);
    assert.equal(BigInt(stored['balances.totalIssuance']) - BigInt(upgraded['balances.totalIssuance']), upgrade.fee);
    // Storage versions (`:__STORAGE_VERSION__:` of every pallet) are in the snapshot: no
    // migration moved any (a chain created with this code has nothing to migrate).
    const versions = Object.keys(upgraded).filter((k) => k.endsWith('.palletVersion'));
    assert.ok(versions.length >= 10, versions.join(', '));
    assert.deepEqual(await rpcViews(), rpcBefore, 'merchants and kiosks read the same');
    // A wallet that connects now reads the same through the runtime APIs.
    const fresh = await ApiPromise.create({ provider: new WsProvider(`ws://127.0.0.1:${node.port}`), noInitWarn: true });
    try {
      assert.deepEqual(await runtimeViews(fresh), runtimeBefore, 'wallets read the same');
    } finally {
      await fresh.disconnect();
    }
    await moneyAddsUp();
  });

  // @polkadot/api (16.5.6) follows an upgrade on a live connection by reloading the metadata
  // with `state_getMetadata`, which is V14: no runtime APIs in it, so `api.call` keeps only
  // the APIs it has built-in definitions of (core, metadata, ...) and loses the city's
  // (`citizenIdApi`, `policyFundsApi`, ...) until the wallet reconnects. Transactions,
  // storage, events and the JSON-RPC methods are unaffected (the tests around this one).
  test('runtime API calls keep working on the same connection', {
    todo: '@polkadot/api reloads V14 metadata on an upgrade: the custom runtime APIs are gone from api.call until a reconnect',
  }, async () => {
    assert.ok(upgrade, 'upgraded');
    assert.ok(api.call.citizenIdApi, `api.call after the upgrade: ${Object.keys(api.call).join(', ')}`);
    assert.deepEqual(await runtimeViews(api), runtimeBefore);
  });

  test('the same connection keeps serving citizens under the new runtime', async () => {
    assert.ok(upgrade, 'upgraded');
    const spec = api.runtimeVersion.specVersion.toNumber();
    // A citizen spends, fee-free, with a transaction signed for the new spec_version.
    const spent = await submitOk(api, api.tx.policyFunds.spend(program, bookshop.address, 5_000), resident);
    assert.ok(!feePaid(spent), 'still free');
    assert.equal(await voucher(resident, program), GRANT - 50_000n);
    assert.equal(await dbw(bookshop), 150_000n);
    // A youth cancels the booking made before the upgrade (the hold comes back), the other
    // books.
    await submitOk(api, api.tx.youthCulturePass.cancelBooking(offer), youths[0]);
    assert.equal(BigInt((await rpc('youthPass_passStatus', [youths[0].address, round])).balance), 100_000n);
    await submitOk(api, api.tx.youthCulturePass.book(offer), youths[1]);
    assert.equal(BigInt((await rpc('youthPass_passStatus', [youths[1].address, round])).balance), 100_000n - PRICE);
    // A newcomer registers, is attested, applies and spends.
    const t = await now();
    const id = await register(newcomer, 7, [{ Resident: { zone: 7, since: t - 100 * DAY } }]);
    assert.equal((await api.query.citizenId.citizens(id)).unwrap().account.toString(), newcomer.address);
    await submitOk(api, api.tx.policyFunds.apply(program), newcomer);
    await submitOk(api, api.tx.policyFunds.spend(program, bookshop.address, 1_000), newcomer);
    assert.equal(await voucher(newcomer, program), GRANT - 1_000n);
    // Guardian B's household was granted before the upgrade: still refused after it.
    assert.equal((await submit(api, api.tx.multiChildPoints.apply(YEAR), guardians[1])).error, 'multiChildPoints.HouseholdAlreadyGranted');
    await moneyAddsUp();
    assert.equal(api.runtimeVersion.specVersion.toNumber(), spec, 'no further upgrade on the way');
    assert.equal(spec, upgrade.specBefore + 1);
  });
});
