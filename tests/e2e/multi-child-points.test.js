// Multi-child education points end to end: the city opens a year's scheme (funded from its
// treasury), an issuer attests households, guardians apply fee-free with nothing in their
// wallets, one grant per household, points spent at a bookstore and refused at a cram school
// (merchants told first), and after spend-until the rest is forfeited with a report that adds up.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, rpcHttp } from './lib/node.js';
import { devAccounts, freshAccount, commitment, submit, submitOk, sealBlocks } from './lib/tx.js';

const DAY = 86_400_000;
const DBW = 1;
const BOOKS = 11;
const CRAM = 12;
const YEAR = 2026;
const BUDGET = 2_000_000n;
let node;
let api;
let a;
let guardianA; // three children, with guardianB
let guardianB;
let guardianC; // two children
let bookshop;
let cramSchool;
let programId;
let spendUntil;
const threeChildren = commitment('household-3', 'household');
const twoChildren = commitment('household-2', 'household');

before(async () => {
  node = await startNode();
  api = node.api;
  a = await devAccounts();
  guardianA = freshAccount(a.keyring, 'guardian-a');
  guardianB = freshAccount(a.keyring, 'guardian-b');
  guardianC = freshAccount(a.keyring, 'guardian-c');
  bookshop = freshAccount(a.keyring, 'mc-bookshop');
  cramSchool = freshAccount(a.keyring, 'mc-cram');
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
  if (response.error) throw new Error(`${method}: ${JSON.stringify(response.error)}`);
  return response.result;
};
const feePaid = (events) => events.some((e) => api.events.transactionPayment.TransactionFeePaid.is(e));

test('an issuer attests two households to three guardians', async () => {
  await sudo(api.tx.utility.batchAll([
    api.tx.policyFunds.addCategory(BOOKS, { ko: '서점', en: 'Bookstores' }),
    api.tx.policyFunds.addCategory(CRAM, { ko: '학원', en: 'Cram schools' }),
    api.tx.policyFunds.registerMerchant(bookshop.address, BOOKS, 7),
    api.tx.policyFunds.registerMerchant(cramSchool.address, CRAM, 7),
    api.tx.citizenId.registerIssuer(a.charlie.address, ['Resident', 'YouthAgeBand', 'MultiChildHousehold']),
  ]));
  const t = await now();
  for (const [guardian, household, children] of [
    [guardianA, threeChildren, 3], [guardianB, threeChildren, 3], [guardianC, twoChildren, 2],
  ]) {
    const events = await submitOk(api, api.tx.citizenId.registerCitizen(guardian.address, commitment(guardian.address), 7), a.charlie);
    const id = events.find((e) => api.events.citizenId.CitizenRegistered.is(e)).data.citizen;
    await submitOk(api, api.tx.citizenId.issueClaim(id, { Resident: { zone: 7, since: t - 200 * DAY } }, t - 1000, t + 365 * DAY), a.charlie);
    await submitOk(api, api.tx.citizenId.issueClaim(id, { MultiChildHousehold: { household, children } }, t - 1000, t + 365 * DAY), a.charlie);
  }
});

test('the city opens the year\'s scheme, funded from its treasury', async () => {
  const t = await now();
  spendUntil = t + 3 * 60_000;
  const treasuryBefore = await dbw(a.alice);
  const events = await sudo(api.tx.multiChildPoints.openScheme(YEAR, {
    name: { ko: '다자녀 교육포인트', en: 'Multi-child education points' },
    tiers: [{ minChildren: 2, amount: 300_000 }, { minChildren: 3, amount: 500_000 }],
    minResidence: 90 * DAY,
    applyFrom: t - 1000,
    applyUntil: t + 2 * 60_000,
    spendUntil,
    allowedCategories: [BOOKS],
    excludedCategories: [CRAM],
    budget: BUDGET,
  }));
  const opened = events.find((e) => api.events.multiChildPoints.SchemeOpened.is(e));
  assert.ok(opened, 'SchemeOpened');
  programId = opened.data.program.toNumber();
  assert.equal(treasuryBefore - (await dbw(a.alice)), BUDGET);
  const report = await rpc('funds_programReport', [programId]);
  assert.equal(BigInt(report.free), BUDGET);
  // Nobody applies to the points' program directly.
  const direct = await submit(api, api.tx.policyFunds.apply(programId), guardianA);
  assert.equal(direct.error, 'policyFunds.NotOpenToApplications');
});

test('guardian A applies fee-free with nothing in the wallet and receives 500,000', async () => {
  const quote = await api.call.multiChildPointsApi.quote(guardianA.address, YEAR);
  assert.equal(quote.asOk.toBigInt(), 500_000n);
  assert.equal((await api.query.system.account(guardianA.address)).data.free.toBigInt(), 0n);
  const events = await submitOk(api, api.tx.multiChildPoints.apply(YEAR), guardianA);
  assert.ok(events.some((e) => api.events.multiChildPoints.PointsGranted.is(e)));
  assert.ok(!feePaid(events), 'no fee');
  const voucher = await rpc('funds_voucherBalance', [guardianA.address, programId]);
  assert.equal(BigInt(voucher.balance), 500_000n);
});

test('guardian B of the same household is refused, and the household shows who was granted', async () => {
  const { error } = await submit(api, api.tx.multiChildPoints.apply(YEAR), guardianB);
  assert.equal(error, 'multiChildPoints.HouseholdAlreadyGranted');
  const quote = await api.call.multiChildPointsApi.quote(guardianB.address, YEAR);
  assert.equal(quote.asErr.toString(), 'HouseholdAlreadyGranted');
  const status = (await api.call.multiChildPointsApi.householdStatus(YEAR, threeChildren)).unwrap().toJSON();
  const idA = (await api.query.citizenId.citizenOf(guardianA.address)).unwrap().toNumber();
  assert.equal(JSON.stringify(status).includes(`"citizen":${idA}`), true, JSON.stringify(status));
  assert.equal(BigInt((await rpc('funds_voucherBalance', [guardianB.address, programId])).balance), 0n);
});

test('a two-child household receives 300,000', async () => {
  await submitOk(api, api.tx.multiChildPoints.apply(YEAR), guardianC);
  assert.equal(BigInt((await rpc('funds_voucherBalance', [guardianC.address, programId])).balance), 300_000n);
});

test('a bookstore spend settles; a cram school is refused, and canAccept said so first', async () => {
  const refused = await rpc('funds_canAccept', [cramSchool.address, guardianA.address, 10_000]);
  assert.equal(refused.accepted, false);
  assert.equal(refused.refusal, 'CategoryNotAllowed');
  const { error } = await submit(api, api.tx.policyFunds.spend(programId, cramSchool.address, 10_000), guardianA);
  assert.equal(error, 'policyFunds.CategoryNotAllowed');
  assert.equal(await dbw(cramSchool), 0n);
  const accepted = await rpc('funds_canAccept', [bookshop.address, guardianA.address, 120_000]);
  assert.equal(accepted.accepted, true);
  assert.equal(accepted.program, programId);
  await submitOk(api, api.tx.policyFunds.spend(programId, bookshop.address, 120_000), guardianA);
  assert.equal(await dbw(bookshop), 120_000n);
});

test('after spend-until the rest is forfeited and the report adds up', async () => {
  while ((await now()) < spendUntil) await sealBlocks(api, 1);
  await sealBlocks(api, 1);
  const funds = await rpc('funds_programReport', [programId]);
  const n = (k) => BigInt(funds[k]);
  assert.equal(n('outstanding'), 0n);
  assert.equal(n('spent'), 120_000n);
  assert.equal(n('returned'), 500_000n - 120_000n + 300_000n, 'forfeited');
  assert.equal(n('free') + n('spent'), BUDGET);
  assert.equal(await dbw(api.registry.createType('AccountId', (await api.query.policyFunds.programs(programId)).unwrap().account)), n('free'));
  const report = (await api.call.multiChildPointsApi.report(YEAR)).unwrap();
  assert.equal(report.households.toNumber(), 2);
  assert.equal(report.pointsGranted.toBigInt(), 800_000n);
  const late = await submit(api, api.tx.policyFunds.spend(programId, bookshop.address, 1), guardianA);
  assert.equal(late.error, 'policyFunds.ProgramExpired');
});
