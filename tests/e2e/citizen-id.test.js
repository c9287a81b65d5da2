// The digital citizen ID end to end: the city appoints an issuer, the issuer registers and
// attests a citizen and registers more in bulk, a merchant verifies through RPC (one account
// or many at once) and the runtime API, and a lost phone is recovered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, rpcHttp } from './lib/node.js';
import { devAccounts, freshAccount, commitment, errorName, submit, submitOk, sealBlocks } from './lib/tx.js';

let node;
let api;
let accounts;
let issuer;
let citizen;
let citizenId;
const DAY = 24 * 60 * 60 * 1000;

before(async () => {
  node = await startNode();
  api = node.api;
  accounts = await devAccounts();
  issuer = accounts.charlie; // the district office
  citizen = freshAccount(accounts.keyring, 'citizen'); // holds no tokens at all
});

after(async () => { await node?.stop(); });

const now = async () => (await api.query.timestamp.now()).toNumber();

/** What a merchant sees: the RPC method and the runtime API must agree. */
async function merchantSees(account, kind = 'Resident') {
  const rpc = await rpcHttp(node.port, 'citizen_verifyClaim', [account, kind]);
  const runtime = await api.call.citizenIdApi.verifyAccountClaim(account, kind);
  if (rpc.error) {
    assert.ok(runtime.isNone, 'runtime API agrees there is no such claim');
    return { error: rpc.error };
  }
  assert.equal(runtime.unwrap().status.toString(), rpc.result.status, 'RPC and runtime API agree');
  return rpc.result;
}

test('the city registers an issuer', async () => {
  const kinds = ['Resident', 'YouthAgeBand', 'MultiChildHousehold'];
  const events = await submitOk(api, api.tx.sudo.sudo(api.tx.citizenId.registerIssuer(issuer.address, kinds)), accounts.alice);
  assert.ok(events.some((e) => api.events.citizenId.IssuerRegistered.is(e)));
  const info = (await api.query.citizenId.issuers(issuer.address)).unwrap();
  // A set on chain (no kind twice), in encoding order.
  assert.deepEqual(Array.from(info.kinds, (k) => k.toString()), kinds);
});

test('the issuer registers a citizen and attests residence; a merchant sees it valid', async () => {
  const events = await submitOk(api, api.tx.citizenId.registerCitizen(citizen.address, commitment('900101-1234567'), 7), issuer);
  const registered = events.find((e) => api.events.citizenId.CitizenRegistered.is(e));
  citizenId = registered.data.citizen.toNumber();
  assert.equal(registered.data.account.toString(), citizen.address);

  const t = await now();
  await submitOk(api, api.tx.citizenId.issueClaim(citizenId, { Resident: { zone: 7, since: t - 120 * DAY } }, t - 1000, t + 365 * DAY), issuer);

  const verdict = await merchantSees(citizen.address);
  assert.equal(verdict.status, 'Active');
  assert.equal(verdict.issuer, issuer.address);
  assert.equal(verdict.validUntil, t + 365 * DAY);
  assert.deepEqual(verdict.value, { Resident: { zone: 7, since: t - 120 * DAY } });

  // The citizen's own view: no personal data, just the record and claims.
  const view = (await api.call.citizenIdApi.citizen(citizenId)).unwrap();
  assert.equal(view.record.account.toString(), citizen.address);
  assert.equal(view.record.homeZone.toNumber(), 7);
  assert.equal(view.claims.length, 1);
});

test('a merchant gets a clear error for an account that is no citizen', async () => {
  const { error } = await merchantSees(accounts.ferdie.address);
  assert.equal(error.code, 7001);
  assert.match(error.message, /not a registered citizen/);
  const noClaim = await rpcHttp(node.port, 'citizen_verifyClaim', [citizen.address, 'YouthAgeBand']);
  assert.equal(noClaim.error.code, 7002);
});

test('extra positional parameters are refused, not ignored', async () => {
  const extra = await rpcHttp(node.port, 'citizen_verifyClaim', [citizen.address, 'Resident', null, 'surplus']);
  assert.equal(extra.error.code, -32602);
  assert.match(extra.error.message + JSON.stringify(extra.error.data ?? ''), /too many parameters/);
  const extraDigest = await rpcHttp(node.port, 'citizen_credentialStatus', [commitment('x', 'vc'), null, 1]);
  assert.equal(extraDigest.error.code, -32602);
  // A trailing null is the same as leaving the parameter out.
  const ok = await rpcHttp(node.port, 'citizen_verifyClaim', [citizen.address, 'Resident', null, null]);
  assert.equal(ok.result.status, 'Active');
});

test('one person, one ID: the same commitment cannot register again', async () => {
  const other = freshAccount(accounts.keyring, 'impostor');
  const { error } = await submit(api, api.tx.citizenId.registerCitizen(other.address, commitment('900101-1234567'), 3), issuer);
  assert.equal(error, 'citizenId.AlreadyRegistered');
  assert.ok((await api.query.citizenId.citizenOf(other.address)).isNone, 'nothing registered');
});

test('an issuer registers citizens in bulk; a kiosk verifies many accounts in one request', async () => {
  const fresh = [1, 2, 3].map((n) => freshAccount(accounts.keyring, `bulk-${n}`));
  const t = await now();
  const since = t - 400 * DAY;
  const citizens = [
    { account: fresh[0].address, commitment: commitment('bulk-1'), zone: 5, since },
    // The first citizen's resident number again: one person, one ID.
    { account: fresh[1].address, commitment: commitment('900101-1234567'), zone: 5, since },
    { account: fresh[2].address, commitment: commitment('bulk-3'), zone: 9, since },
  ];
  const events = await submitOk(api, api.tx.citizenId.registerCitizens(citizens, t - 1000, t + 365 * DAY), issuer);
  const registered = events.filter((e) => api.events.citizenId.CitizenRegistered.is(e));
  assert.deepEqual(registered.map((e) => e.data.account.toString()), [fresh[0].address, fresh[2].address]);
  const refused = events.find((e) => api.events.citizenId.RegistrationRefused.is(e));
  assert.equal(refused.data.index.toNumber(), 1);
  assert.equal(errorName(api, refused.data.error), 'citizenId.AlreadyRegistered');
  const batch = events.find((e) => api.events.citizenId.BatchRegistered.is(e));
  assert.deepEqual([batch.data.registered.toNumber(), batch.data.refused.toNumber()], [2, 1]);

  // A kiosk asks about four accounts at once: two new residents, the refused one, and the
  // citizen registered one by one.
  const asked = [fresh[0].address, fresh[1].address, citizen.address, fresh[2].address];
  const { result } = await rpcHttp(node.port, 'citizen_verifyClaims', [asked, 'Resident']);
  assert.deepEqual(result.map((r) => r.status ?? r.error.code), ['Active', 7001, 'Active', 'Active']);
  assert.deepEqual(result[3].value, { Resident: { zone: 9, since } });
  assert.equal(result[3].issuer, issuer.address);
  // Each answer is what the single form answers.
  for (const [i, account] of asked.entries()) {
    const single = await rpcHttp(node.port, 'citizen_verifyClaim', [account, 'Resident']);
    if (single.error) assert.deepEqual(result[i].error, { code: single.error.code, message: single.error.message });
    else assert.deepEqual(result[i], single.result);
  }
  const runtime = await api.call.citizenIdApi.verifyClaims(asked, 'Resident');
  assert.deepEqual(runtime.map((r) => (r.isOk ? r.asOk.status.toString() : r.asErr.toString())), ['Active', 'NotACitizen', 'Active', 'Active']);
  const noClaim = await rpcHttp(node.port, 'citizen_verifyClaims', [[fresh[0].address], 'YouthAgeBand']);
  assert.equal(noClaim.result[0].error.code, 7002);
  // Bounded: 1,000 accounts a request.
  assert.deepEqual((await rpcHttp(node.port, 'citizen_verifyClaims', [[], 'Resident'])).result, []);
  const thousand = await rpcHttp(node.port, 'citizen_verifyClaims', [Array(1000).fill(fresh[0].address), 'Resident']);
  assert.equal(thousand.result.length, 1000);
  const tooMany = await rpcHttp(node.port, 'citizen_verifyClaims', [Array(1001).fill(fresh[0].address), 'Resident']);
  assert.equal(tooMany.error.code, -32602);
});

test('anchored credentials are verifiable by digest', async () => {
  const digest = commitment('credential-1', 'vc');
  await submitOk(api, api.tx.citizenId.anchorCredential(citizenId, digest, null), issuer);
  const status = await rpcHttp(node.port, 'citizen_credentialStatus', [digest]);
  assert.equal(status.result.status, 'Active');
  assert.equal(status.result.citizen, citizenId);
  const unknown = await rpcHttp(node.port, 'citizen_credentialStatus', [commitment('nothing', 'vc')]);
  assert.equal(unknown.error.code, 7003);
  const malformed = await rpcHttp(node.port, 'citizen_credentialStatus', ['0x1234']);
  assert.equal(malformed.error.code, -32602);
});

test('a lost phone: suspended, then rebound to a new account after the delay', async () => {
  await submitOk(api, api.tx.citizenId.suspendCitizen(citizenId), issuer);
  assert.equal((await merchantSees(citizen.address)).status, 'Suspended');

  const newPhone = freshAccount(accounts.keyring, 'new-phone');
  const events = await submitOk(api, api.tx.citizenId.requestRebind(citizenId, newPhone.address), issuer);
  const requested = events.find((e) => api.events.citizenId.RebindRequested.is(e));
  const effectiveAt = requested.data.effectiveAt.toNumber();

  const early = await submit(api, api.tx.citizenId.enactRebind(citizenId), accounts.bob);
  assert.equal(early.error, 'citizenId.RebindNotDue');

  // Let chain time pass the delay (each sealed block moves it by at least one slot).
  while ((await now()) < effectiveAt) await sealBlocks(api, 1);
  const enacted = await submitOk(api, api.tx.citizenId.enactRebind(citizenId), accounts.bob);
  const rebound = enacted.find((e) => api.events.citizenId.CitizenRebound.is(e));
  assert.equal(rebound.data.newAccount.toString(), newPhone.address);

  assert.equal((await api.query.citizenId.citizenOf(newPhone.address)).unwrap().toNumber(), citizenId);
  assert.ok((await api.query.citizenId.citizenOf(citizen.address)).isNone);
  // The claim followed the citizen to the new key, and the lost key reaches nothing.
  assert.equal((await merchantSees(newPhone.address)).status, 'Active');
  assert.equal((await merchantSees(citizen.address)).error.code, 7001);
});
