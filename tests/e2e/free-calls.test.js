// Fee-free public-service calls are no spam hole, shown against a real node through
// @polkadot/api: a failing free call still uses the allowance; a wrapped batch, an oversized
// call and a suspended citizen's calls are refused by the pool for a wallet that holds nothing;
// a flood of 100 free calls at once gets exactly the allowance in; and the owner's objection to
// a rebind stays free while the ID is suspended.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode } from './lib/node.js';
import { devAccounts, freshAccount, commitment, submit, submitOk } from './lib/tx.js';

const DAY = 86_400_000;
const ALLOWANCE = 20;
const UNKNOWN_PROGRAM = 999;
let node;
let api;
let a;
let citizen; // holds nothing at all, ever
let citizenId;

before(async () => {
  node = await startNode();
  api = node.api;
  a = await devAccounts();
  citizen = freshAccount(a.keyring, 'free-calls');
});

after(async () => { await node?.stop(); });

const now = async () => (await api.query.timestamp.now()).toNumber();
const used = async () => (await api.query.citizenId.freeCallsUsed(citizenId))[1].toNumber();
const nonceOf = async (who) => (await api.query.system.account(who.address)).nonce.toNumber();
const freeBalance = async (who) => (await api.query.system.account(who.address)).data.free.toBigInt();
const feePaid = (events) => events.some((e) => api.events.transactionPayment.TransactionFeePaid.is(e));

/** Sign `tx` as `signer` with `nonce` and hand it to the pool; resolves to 'ok' or the error. */
async function toPool(tx, signer, nonce) {
  const signed = await tx.signAsync(signer, { nonce });
  try {
    await api.rpc.author.submitExtrinsic(signed);
    return 'ok';
  } catch (e) {
    return e.message;
  }
}

test('the city registers a citizen who holds nothing', async () => {
  await submitOk(api, api.tx.sudo.sudo(api.tx.citizenId.registerIssuer(a.charlie.address, ['Resident'])), a.alice);
  await submitOk(api, api.tx.sudo.sudo(api.tx.citizenId.registerIssuer(a.dave.address, ['Resident'])), a.alice);
  const events = await submitOk(api, api.tx.citizenId.registerCitizen(citizen.address, commitment('free-calls'), 3), a.charlie);
  citizenId = events.find((e) => api.events.citizenId.CitizenRegistered.is(e)).data.citizen.toNumber();
  const t = await now();
  await submitOk(api, api.tx.citizenId.issueClaim(citizenId, { Resident: { zone: 3, since: t - 200 * DAY } }, t - 1000, t + 365 * DAY), a.charlie);
  assert.equal(await freeBalance(citizen), 0n);
});

test('a failing free call is included, pays nothing, and uses the allowance', async () => {
  const { error, events } = await submit(api, api.tx.policyFunds.apply(UNKNOWN_PROGRAM), citizen);
  assert.equal(error, 'policyFunds.UnknownProgram');
  assert.ok(!feePaid(events));
  assert.equal(await used(), 1);
});

test('a wrapped batch of free calls is not free: the pool refuses it', async () => {
  const batch = api.tx.utility.batch([api.tx.policyFunds.apply(UNKNOWN_PROGRAM), api.tx.policyFunds.apply(UNKNOWN_PROGRAM)]);
  const answer = await toPool(batch, citizen, await nonceOf(citizen));
  assert.match(answer, /1010/);
  assert.match(answer, /Inability to pay/);
  assert.equal(await used(), 1);
});

test('an oversized free call is not free: the pool refuses it', async () => {
  // A merchant address of 4,000 raw bytes would decode and fail only in dispatch.
  const spend = api.tx.policyFunds.spend(0, { Raw: `0x${'ab'.repeat(4000)}` }, 1);
  assert.ok(spend.encodedLength > 4000);
  const answer = await toPool(spend, citizen, await nonceOf(citizen));
  assert.match(answer, /1010/);
  assert.equal(await used(), 1);
});

test('a flood of 100 free calls at once gets exactly the allowance in', async () => {
  const left = ALLOWANCE - (await used());
  const first = await nonceOf(citizen);
  const answers = await Promise.all(
    Array.from({ length: 100 }, (_, i) => toPool(api.tx.policyFunds.apply(UNKNOWN_PROGRAM), citizen, first + i)),
  );
  const admitted = answers.filter((x) => x === 'ok').length;
  const refused = answers.filter((x) => /1010/.test(x)).length;
  assert.equal(admitted, left, `admitted ${admitted}: ${answers.filter((x) => x !== 'ok')[0]}`);
  assert.equal(refused, 100 - left);
  // Everything admitted lands (the dev chain seals on arrival); nothing more.
  const deadline = Date.now() + 60_000;
  while ((await nonceOf(citizen)) < first + left && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.equal(await nonceOf(citizen), first + left);
  assert.equal(await used(), ALLOWANCE);
  assert.equal(await freeBalance(citizen), 0n);
  // The 21st call simply needs a fee, which this wallet cannot pay.
  assert.match(await toPool(api.tx.policyFunds.apply(UNKNOWN_PROGRAM), citizen, first + left), /1010/);
});

test('a suspended citizen pays like anyone, except to object to a rebind', async () => {
  // A fresh citizen, so the allowance is not in the way.
  const owner = freshAccount(a.keyring, 'owner');
  const events = await submitOk(api, api.tx.citizenId.registerCitizen(owner.address, commitment('owner'), 3), a.charlie);
  const ownerId = events.find((e) => api.events.citizenId.CitizenRegistered.is(e)).data.citizen.toNumber();
  await submitOk(api, api.tx.citizenId.suspendCitizen(ownerId), a.charlie);
  assert.match(await toPool(api.tx.policyFunds.apply(UNKNOWN_PROGRAM), owner, await nonceOf(owner)), /1010/);

  // A fraudster talks the office into moving the ID.
  const fraudster = freshAccount(a.keyring, 'fraudster');
  await submitOk(api, api.tx.citizenId.requestRebind(ownerId, fraudster.address), a.charlie);
  // The owner's "that was not me" is free although the ID is suspended and the wallet empty.
  const objected = await submitOk(api, api.tx.citizenId.objectToRebind(ownerId), owner);
  assert.ok(objected.some((e) => api.events.citizenId.RebindObjected.is(e)));
  assert.ok(!feePaid(objected));
  // The requesting issuer cannot overrule it; another issuer upholds it.
  assert.equal((await submit(api, api.tx.citizenId.resolveRebind(ownerId, true), a.charlie)).error, 'citizenId.RequesterCannotResolve');
  await submitOk(api, api.tx.citizenId.resolveRebind(ownerId, false), a.dave);
  assert.ok((await api.query.citizenId.pendingRebinds(ownerId)).isNone);
  assert.equal((await api.query.citizenId.citizenOf(owner.address)).unwrap().toNumber(), ownerId);
});
