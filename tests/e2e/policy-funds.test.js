// Policy funds end to end: the city creates and funds a program, a resident applies and
// spends at merchants, `funds_canAccept` agrees with what happens, and after expiry the rest
// is back in the budget with a report that adds up.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, rpcHttp } from './lib/node.js';
import { devAccounts, freshAccount, commitment, submit, submitOk, sealBlocks } from './lib/tx.js';

const DBW = 1;
const BOOKS = 1;
const CRAM = 2;
const GRANT = 300_000n;
let node;
let api;
let a;
let citizen;
let bookshop;
let cramSchool;
let programId;
let spendUntil;

before(async () => {
  node = await startNode();
  api = node.api;
  a = await devAccounts();
  citizen = freshAccount(a.keyring, 'resident');
  bookshop = freshAccount(a.keyring, 'bookshop');
  cramSchool = freshAccount(a.keyring, 'cram-school');
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

test('the city sets up merchants and a resident citizen', async () => {
  await sudo(api.tx.utility.batchAll([
    api.tx.policyFunds.addCategory(BOOKS, { ko: '서점', en: 'Bookstores' }),
    api.tx.policyFunds.addCategory(CRAM, { ko: '학원', en: 'Cram schools' }),
    api.tx.policyFunds.registerMerchant(bookshop.address, BOOKS, 7),
    api.tx.policyFunds.registerMerchant(cramSchool.address, CRAM, 7),
    api.tx.citizenId.registerIssuer(a.charlie.address, ['Resident']),
  ]));
  const events = await submitOk(api, api.tx.citizenId.registerCitizen(citizen.address, commitment('800101-2345678'), 7), a.charlie);
  const id = events.find((e) => api.events.citizenId.CitizenRegistered.is(e)).data.citizen;
  const t = await now();
  await submitOk(api, api.tx.citizenId.issueClaim(id, { Resident: { zone: 7, since: t - 200 * 86_400_000 } }, t - 1000, t + 365 * 86_400_000), a.charlie);
  // Category names are bilingual.
  const books = (await api.query.policyFunds.categories(BOOKS)).unwrap();
  assert.equal(books.ko.toUtf8(), '서점');
  assert.equal(books.en.toUtf8(), 'Bookstores');
  // The citizen holds no native token at all: applying and spending are free for citizens.
  assert.equal((await api.query.system.account(citizen.address)).data.free.toBigInt(), 0n);
});

test('the city creates and funds a program', async () => {
  const t = await now();
  spendUntil = t + 3 * 60_000;
  const terms = {
    name: { ko: '교육 포인트', en: 'Education points' },
    amountPerGrant: GRANT,
    requiredClaims: ['Resident'],
    minResidence: 90 * 86_400_000,
    applyFrom: t - 1000,
    applyUntil: t + 2 * 60_000,
    spendUntil,
    approval: 'Automatic',
    scope: 'PerCitizen',
    allowedCategories: [BOOKS],
    excludedCategories: [],
  };
  const events = await sudo(api.tx.policyFunds.createProgram(terms, [a.dave.address]));
  const created = events.find((e) => api.events.policyFunds.ProgramCreated.is(e)).data;
  programId = created.program.toNumber();
  assert.equal(created.owner.isCity, true, 'a program the city creates is the city\'s');
  const program = (await api.query.policyFunds.programs(programId)).unwrap();
  assert.equal(program.terms.name.ko.toUtf8(), '교육 포인트');
  assert.equal(program.terms.name.en.toUtf8(), 'Education points');
  // Required claims and categories are sets (arrays on the wire).
  assert.equal(program.terms.requiredClaims.size, 1);
  assert.equal([...program.terms.requiredClaims][0].isResident, true);
  await submitOk(api, api.tx.policyFunds.fund(programId, 1_000_000), a.alice);
  const report = await rpc('funds_programReport', [programId]);
  assert.equal(BigInt(report.funded), 1_000_000n);
  assert.equal(BigInt(report.free), 1_000_000n);
  assert.equal(BigInt(report.held), 0n);
});

test('a registered resident applies and gets the voucher, paying no fee', async () => {
  const events = await submitOk(api, api.tx.policyFunds.apply(programId), citizen);
  assert.ok(events.some((e) => api.events.policyFunds.VoucherCredited.is(e)));
  assert.ok(!events.some((e) => api.events.transactionPayment.TransactionFeePaid.is(e)), 'no fee');
  assert.equal((await api.query.system.account(citizen.address)).data.free.toBigInt(), 0n);
  const voucher = await rpc('funds_voucherBalance', [citizen.address, programId]);
  assert.equal(BigInt(voucher.balance), GRANT);
  assert.equal(voucher.program, programId);
  assert.equal(voucher.frozen, false);
  assert.equal(voucher.expiresAt, spendUntil);
  assert.equal(voucher.citizenSuspended, false);
  const again = await submit(api, api.tx.policyFunds.apply(programId), citizen);
  assert.equal(again.error, 'policyFunds.AlreadyApplied');
});

test('a partial spend pays the merchant exactly, and canAccept agrees', async () => {
  const verdict = await rpc('funds_canAccept', [bookshop.address, citizen.address, 45_000]);
  assert.equal(verdict.accepted, true);
  assert.equal(verdict.program, programId);
  const before = await dbw(bookshop);
  await submitOk(api, api.tx.policyFunds.spend(programId, bookshop.address, 45_000), citizen);
  assert.equal(await dbw(bookshop) - before, 45_000n);
  assert.equal(BigInt((await rpc('funds_voucherBalance', [citizen.address, programId])).balance), GRANT - 45_000n);
});

test('a spend at a disallowed category fails, and canAccept said so', async () => {
  const verdict = await rpc('funds_canAccept', [cramSchool.address, citizen.address, 1_000]);
  assert.equal(verdict.accepted, false);
  assert.equal(verdict.refusal, 'CategoryNotAllowed');
  const { error } = await submit(api, api.tx.policyFunds.spend(programId, cramSchool.address, 1_000), citizen);
  assert.equal(error, 'policyFunds.CategoryNotAllowed');
  assert.equal(await dbw(cramSchool), 0n);
  const tooMuch = await rpc('funds_canAccept', [bookshop.address, citizen.address, Number(GRANT)]);
  assert.equal(tooMuch.accepted, false);
  assert.equal(tooMuch.refusal, 'InsufficientBalance');
  const over = await submit(api, api.tx.policyFunds.spend(programId, bookshop.address, GRANT), citizen);
  assert.equal(over.error, 'policyFunds.InsufficientVoucher');
});

test('funds_canAcceptMany answers a batch in one call, as funds_canAccept answers each', async () => {
  const queries = [
    { merchant: bookshop.address, citizenAccount: citizen.address, amount: 1_000 },
    [cramSchool.address, citizen.address, 1_000],
    { merchant: bookshop.address, account: a.ferdie.address, amount: 1 },
    { merchant: bookshop.address, citizenAccount: citizen.address, amount: Number(GRANT) },
  ];
  const verdicts = await rpc('funds_canAcceptMany', [queries]);
  const each = [];
  for (const q of queries) {
    const [merchant, account, amount] = Array.isArray(q) ? q : [q.merchant, q.citizenAccount ?? q.account, q.amount];
    each.push(await rpc('funds_canAccept', [merchant, account, amount]));
  }
  assert.deepEqual(verdicts, each);
  assert.deepEqual(verdicts.map((v) => v.refusal), [null, 'CategoryNotAllowed', 'NotACitizen', 'InsufficientBalance']);
  assert.equal(verdicts[0].program, programId);
  assert.deepEqual(await rpc('funds_canAcceptMany', [[]]), []);
  // Bounded: 1,000 answered, one more refused.
  const full = await rpc('funds_canAcceptMany', [Array.from({ length: 1_000 }, () => queries[0])]);
  assert.equal(full.length, 1_000);
  assert.ok(full.every((v) => v.accepted && v.program === programId));
  const tooLong = await rpcHttp(node.port, 'funds_canAcceptMany', [Array.from({ length: 1_001 }, () => queries[0])]);
  assert.equal(tooLong.error.code, -32602);
  const bad = await rpcHttp(node.port, 'funds_canAcceptMany', [[{ merchant: 'nope', citizenAccount: citizen.address, amount: 1 }]]);
  assert.equal(bad.error.code, -32602);
  const tooMany = await rpcHttp(node.port, 'funds_canAcceptMany', [[], null, 1]);
  assert.equal(tooMany.error.code, -32602);
});

test('the node answers merchants natively exactly as the wasm runtime does (state_call)', async () => {
  // The funds RPC runs the runtime's views in the node's own build while the chain runs that
  // build (node/src/native_views.rs); `api.call` goes through state_call, always in wasm.
  const hash = (await api.rpc.chain.getBlockHash()).toHex();
  const name = (x) => (x === null || x === undefined ? null : String(x).toLowerCase());
  const cases = [
    [bookshop.address, citizen.address, 1_000],
    [cramSchool.address, citizen.address, 1_000],
    [bookshop.address, a.ferdie.address, 1],
    [bookshop.address, citizen.address, GRANT * 2n],
    [citizen.address, citizen.address, 1],
  ];
  for (const [merchant, account, amount] of cases) {
    const native = await rpc('funds_canAccept', [merchant, account, Number(amount), hash]);
    const wasm = (await api.at(hash).then((at) => at.call.policyFundsApi.canAccept(merchant, account, amount))).toJSON();
    assert.equal(native.accepted, wasm.accepted, `${merchant} ${account} ${amount}`);
    assert.equal(native.program, wasm.program);
    assert.equal(name(native.refusal), name(wasm.refusal));
    assert.deepEqual(native.usable.map(([p, b]) => [p, BigInt(b)]), wasm.usable.map(([p, b]) => [p, BigInt(b)]));
  }
  const native = await rpc('funds_voucherBalance', [citizen.address, programId, hash]);
  const wasm = (await api.at(hash).then((at) => at.call.policyFundsApi.voucherBalance(citizen.address, programId))).unwrap().toJSON();
  assert.equal(BigInt(native.balance), BigInt(wasm.balance));
  assert.equal(native.frozen, wasm.frozen);
  assert.equal(native.expiresAt, wasm.expiresAt);
});

test('bad input to the funds RPC is a JSON-RPC error', async () => {
  const unknown = await rpcHttp(node.port, 'funds_programReport', [999]);
  assert.equal(unknown.error.code, 7102);
  const bad = await rpcHttp(node.port, 'funds_canAccept', ['nope', citizen.address, 1]);
  assert.equal(bad.error.code, -32602);
  const stranger = await rpcHttp(node.port, 'funds_voucherBalance', [a.ferdie.address, programId]);
  assert.equal(stranger.error.code, 7101);
  const tooMany = await rpcHttp(node.port, 'funds_programReport', [programId, null, 1]);
  assert.equal(tooMany.error.code, -32602);
});

test('after expiry the rest is back in the budget and the report adds up', async () => {
  while ((await now()) < spendUntil) await sealBlocks(api, 1);
  // One more block: its on_idle sweep expires the program with no transaction from anyone.
  await sealBlocks(api, 1);
  const program = (await api.query.policyFunds.programs(programId)).unwrap();
  assert.equal(program.expired.isTrue, true, 'expired by the idle sweep');
  const report = await rpc('funds_programReport', [programId]);
  const n = (k) => BigInt(report[k]);
  assert.equal(n('outstanding'), 0n);
  assert.equal(n('spent'), 45_000n);
  assert.equal(n('returned'), GRANT - 45_000n);
  assert.equal(n('free'), 1_000_000n - 45_000n);
  assert.equal(n('held'), 0n);
  assert.equal(n('free') + n('spent'), n('funded'));
  assert.equal(report.citizensServed, 1);
  assert.deepEqual(report.spendByCategory.map(([c, v]) => [c, BigInt(v)]), [[BOOKS, 45_000n]]);
  // The program account holds exactly the free budget.
  assert.equal(await dbw(program.account.toString()), 1_000_000n - 45_000n);
  assert.equal(BigInt((await rpc('funds_voucherBalance', [citizen.address, programId])).balance), 0n);
  const late = await submit(api, api.tx.policyFunds.spend(programId, bookshop.address, 1), citizen);
  assert.equal(late.error, 'policyFunds.ProgramExpired');
});
