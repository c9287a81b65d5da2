// The youth culture pass end to end, as the city, youths' wallets, a box office and anyone
// checking the lottery would use it: a first-come round sells out with the right error for the
// next buyer; an oversubscribed lottery round is seeded by the (dev) drand beacon, draws exactly
// its places, refunds everyone else, and `scripts/verify-draw.mjs` re-runs it offline and
// agrees; a pass books and cancels a designated offer (the voucher restored), cannot be spent
// at a counter, and pays the organiser after the date.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { startNode, rpcHttp } from './lib/node.js';
import { devAccounts, freshAccount, commitment, submit, submitOk, sealBlocks } from './lib/tx.js';
import { signRound, roundAt, roundTimeMs } from '../../scripts/dev-beacon.mjs';
import { readRound, verify } from '../../scripts/verify-draw.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DAY = 86_400_000;
const DBW = 1;
const CULTURE = 31;
const WALLET = 100_000n;
let node;
let api;
let a;
let organiser;
const youths = [];
let firstCome;
let lottery;
let offerId;

before(async () => {
  node = await startNode();
  api = node.api;
  a = await devAccounts();
  organiser = freshAccount(a.keyring, 'ycp-organiser');
  for (let i = 0; i < 10; i += 1) youths.push(freshAccount(a.keyring, `youth-${i}`));
});

after(async () => { await node?.stop(); });

const sudo = (call) => submitOk(api, api.tx.sudo.sudo(call), a.alice);
const now = async () => (await api.query.timestamp.now()).toNumber();
const dbw = async (who) => {
  const account = await api.query.assets.account(DBW, who.address ?? who);
  return account.isSome ? account.unwrap().balance.toBigInt() : 0n;
};
const rpc = async (method, params) => {
  const response = await rpcHttp(node.port, method, params);
  if (response.error) throw Object.assign(new Error(`${method}: ${JSON.stringify(response.error)}`), { code: response.error.code });
  return response.result;
};
const feePaid = (events) => events.some((e) => api.events.transactionPayment.TransactionFeePaid.is(e));
const name = (ko, en) => ({ ko, en });
const opened = (events) => events.find((e) => api.events.youthCulturePass.RoundOpened.is(e)).data.round.toNumber();
const waitUntil = async (t) => { while ((await now()) < t) await sealBlocks(api, 1); };

test('an issuer attests ten youths of the city, each with 100,000 won in their wallet', async () => {
  await sudo(api.tx.utility.batchAll([
    api.tx.citizenId.registerIssuer(a.charlie.address, ['Resident', 'YouthAgeBand']),
    api.tx.policyFunds.addCategory(CULTURE, name('공연', 'Performances')),
    api.tx.policyFunds.registerMerchant(organiser.address, CULTURE, 5),
  ]));
  await submitOk(api, api.tx.utility.batchAll(youths.map((y) => api.tx.assets.transfer(DBW, y.address, WALLET))), a.alice);
  const t = await now();
  for (const youth of youths) {
    const events = await submitOk(api, api.tx.citizenId.registerCitizen(youth.address, commitment(youth.address), 5), a.charlie);
    const id = events.find((e) => api.events.citizenId.CitizenRegistered.is(e)).data.citizen;
    await submitOk(api, api.tx.citizenId.issueClaim(id, { Resident: { zone: 5, since: t - 400 * DAY } }, t - 1000, t + 365 * DAY), a.charlie);
    await submitOk(api, api.tx.citizenId.issueClaim(id, { YouthAgeBand: null }, t - 1000, t + 365 * DAY), a.charlie);
  }
});

test('a first-come round sells out, and the next buyer is told so', async () => {
  const t = await now();
  // A round is announced at least a minute (the runtime's MinNotice) before entries open.
  const entryOpens = t + 90_000;
  firstCome = opened(await sudo(api.tx.youthCulturePass.openRound({
    year: 2026,
    name: name('2026 청년문화패스', 'Youth culture pass 2026'),
    tiers: [{ face: 100_000, coPayment: 10_000, places: 2 }],
    mode: 'FirstCome',
    excludedRound: null,
    entryOpens,
    entryCloses: t + 10 * 60_000,
    spendUntil: t + 60 * 60_000,
  })));
  await waitUntil(entryOpens);
  for (const youth of youths.slice(0, 2)) {
    const events = await submitOk(api, api.tx.youthCulturePass.buy(firstCome, 0), youth);
    assert.ok(!feePaid(events), 'buying is a fee-free public service');
    assert.equal(await dbw(youth), WALLET - 10_000n, 'the co-payment was paid');
    const pass = await rpc('youthPass_passStatus', [youth.address, firstCome]);
    assert.equal(BigInt(pass.balance), 100_000n);
  }
  const soldOut = await submit(api, api.tx.youthCulturePass.buy(firstCome, 0), youths[2]);
  assert.equal(soldOut.error, 'youthCulturePass.SoldOut');
  assert.equal(await dbw(youths[2]), WALLET, 'nothing paid');
  const again = await submit(api, api.tx.youthCulturePass.buy(firstCome, 0), youths[0]);
  assert.notEqual(again.error, null, 'one pass a year');
  await assert.rejects(rpc('youthPass_passStatus', [youths[2].address, firstCome]), (e) => e.code === 7301);
  await assert.rejects(rpc('youthPass_passStatus', [youths[2].address, 999]), (e) => e.code === 7302);
  await assert.rejects(rpc('youthPass_passStatus', [youths[2].address, firstCome, null, 'extra']), (e) => e.code === -32602);
});

test('a lottery round with more entries than places draws exactly its places from the beacon, refunds the rest, and verify-draw agrees', async () => {
  const t = await now();
  // Each of the dev chain's blocks moves its clock on by a slot (6 s): a window of a few
  // minutes of chain time holds the nine entries below.
  const entryOpens = t + 90_000;
  const entryCloses = entryOpens + 3 * 60_000;
  // The beacon round must come at least ten minutes (the runtime's MinBeaconDelay) after
  // the entries close.
  const beaconRound = roundAt(entryCloses + 10 * 60_000) + 2;
  lottery = opened(await sudo(api.tx.youthCulturePass.openRound({
    year: 2027,
    name: name('2027 청년문화패스', 'Youth culture pass 2027'),
    tiers: [{ face: 100_000, coPayment: 10_000, places: 2 }, { face: 50_000, coPayment: 5_000, places: 1 }],
    mode: { Lottery: { beaconRound } },
    excludedRound: firstCome,
    entryOpens,
    entryCloses,
    // The pass period outlasts the beacon's grace (anyone may abandon an unfed draw then).
    spendUntil: t + 3 * DAY,
  })));
  await waitUntil(entryOpens);
  // Last round's recipients are excluded.
  const excluded = await submit(api, api.tx.youthCulturePass.enter(lottery, 0), youths[0]);
  assert.equal(excluded.error, 'youthCulturePass.RecipientLastRound');
  const tier0 = youths.slice(2, 7);
  const tier1 = youths.slice(7, 9);
  for (const youth of tier0) await submitOk(api, api.tx.youthCulturePass.enter(lottery, 0), youth);
  for (const youth of tier1) await submitOk(api, api.tx.youthCulturePass.enter(lottery, 1), youth);
  const twice = await submit(api, api.tx.youthCulturePass.enter(lottery, 1), tier0[0]);
  assert.notEqual(twice.error, null, 'one entry per citizen');
  assert.equal(await dbw(tier0[0]), WALLET - 10_000n, 'the co-payment is kept while the entry is live');
  const entry = await rpc('youthPass_entryStatus', [lottery, tier0[0].address]);
  assert.equal(entry.tier, 0);

  // The window closes; the beacon round is published later; anyone feeds it.
  await waitUntil(entryCloses);
  await sealBlocks(api, 1);
  const early = await submit(api, api.tx.youthCulturePass.enter(lottery, 0), youths[9]);
  assert.notEqual(early.error, null, 'entries are frozen after the window');
  const wrong = signRound(beaconRound + 1);
  const refused = await submit(api, api.tx.youthCulturePass.feedBeacon(lottery, wrong.signature), a.bob);
  assert.notEqual(refused.error, null, 'only the fixed round\'s signature seeds the draw');
  // A real drand round exists only from its time on; the dev beacon could sign earlier, so the
  // test waits as a real feeder would.
  await waitUntil(Number(roundTimeMs(beaconRound)));
  const { signature } = signRound(beaconRound);
  await submitOk(api, api.tx.youthCulturePass.feedBeacon(lottery, signature), a.bob);

  // The draw runs in bounded steps in the blocks that follow.
  for (let i = 0; i < 20; i += 1) {
    const draw = (await api.query.youthCulturePass.draws(lottery)).unwrap();
    if (draw.phase.toString() === 'Drawn') break;
    await sealBlocks(api, 1);
  }
  assert.equal((await api.query.youthCulturePass.draws(lottery)).unwrap().phase.toString(), 'Drawn');
  const holders = async (list) => {
    const out = [];
    for (const y of list) {
      try {
        await rpc('youthPass_passStatus', [y.address, lottery]);
        out.push(y);
      } catch (e) {
        assert.equal(e.code, 7301);
      }
    }
    return out;
  };
  const winners0 = await holders(tier0);
  const winners1 = await holders(tier1);
  assert.equal(winners0.length, 2, 'exactly the places of tier 0');
  assert.equal(winners1.length, 1, 'exactly the places of tier 1');
  for (const y of tier0) assert.equal(await dbw(y), winners0.includes(y) ? WALLET - 10_000n : WALLET, 'losers refunded');
  for (const y of tier1) assert.equal(await dbw(y), winners1.includes(y) ? WALLET - 5_000n : WALLET, 'losers refunded');
  const status = await rpc('youthPass_entryStatus', [lottery, tier0[0].address]);
  assert.equal(typeof status.rank, 'number', 'an entrant sees their rank');

  const { stdout } = await promisify(execFile)(process.execPath, [
    join(root, 'scripts', 'verify-draw.mjs'), String(lottery), '--ws', `ws://127.0.0.1:${node.port}`, '--json',
  ]);
  const verdict = JSON.parse(stdout);
  assert.equal(verdict.ok, true, JSON.stringify(verdict.problems));
  assert.deepEqual(verdict.tiers.map((t) => t.winners), [2, 1]);
  // And it would notice a chain that drew otherwise: a swapped entry, a different beacon.
  const data = await readRound(api, lottery);
  const swapped = structuredClone(data);
  swapped.entries[0].citizen += 1000n;
  assert.equal(verify(swapped).ok, false);
  const otherBeacon = { ...data, signature: signRound(beaconRound + 1).signature };
  assert.equal(verify(otherBeacon).ok, false);
});

test('a pass books and cancels a designated offer, cannot be spent at a counter, and pays the organiser after the date', async () => {
  const t = await now();
  const date = t + 40_000;
  const events = await sudo(api.tx.youthCulturePass.designateOffer(firstCome, {
    organiser: organiser.address,
    kind: 'Performance',
    name: name('부산국제록페스티벌', 'Busan International Rock Festival'),
    price: 30_000,
    seats: 10,
    date,
    cancelUntil: t + 25_000,
  }));
  offerId = events.find((e) => api.events.youthCulturePass.OfferDesignated.is(e)).data.offer.toNumber();
  const youth = youths[0];
  const balance = async () => BigInt((await rpc('youthPass_passStatus', [youth.address, firstCome])).balance);
  const booked = await submitOk(api, api.tx.youthCulturePass.book(offerId), youth);
  assert.ok(!feePaid(booked), 'booking is free');
  assert.equal(await balance(), 70_000n, 'the price is held');
  await submitOk(api, api.tx.youthCulturePass.cancelBooking(offerId), youth);
  assert.equal(await balance(), 100_000n, 'cancelled before the deadline: restored');
  await submitOk(api, api.tx.youthCulturePass.book(offerId), youth);
  assert.equal(await balance(), 70_000n);
  // The pass pays for designated offers only.
  const program = (await api.query.youthCulturePass.rounds(firstCome)).unwrap().program.toNumber();
  const direct = await submit(api, api.tx.policyFunds.spend(program, organiser.address, 1_000), youth);
  assert.equal(direct.error, 'policyFunds.BookingsOnly');
  // After the date the organiser is paid, without anyone's transaction but the blocks'.
  await waitUntil(date);
  for (let i = 0; i < 5 && (await dbw(organiser)) === 0n; i += 1) await sealBlocks(api, 1);
  assert.equal(await dbw(organiser), 30_000n);
  assert.equal(await balance(), 70_000n);
});
