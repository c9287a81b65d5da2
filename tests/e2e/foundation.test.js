// The foundation through a wallet's eyes: connect with no custom types, move local currency,
// sudo versus an ordinary account, and bad RPC input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, rpcHttp } from './lib/node.js';
import { devAccounts, submit, submitOk } from './lib/tx.js';

const LOCAL_CURRENCY = 1;
let node;
let api;
let accounts;

before(async () => {
  node = await startNode();
  api = node.api;
  accounts = await devAccounts();
  console.log(`# dev node served RPC ${node.startupMs} ms after spawn`);
});

after(async () => { await node?.stop(); });

test('a wallet connects with no custom types and reads the chain', async () => {
  const [chain, name, version] = await Promise.all([
    api.rpc.system.chain(),
    api.rpc.system.name(),
    api.rpc.system.version(),
  ]);
  assert.equal(chain.toString(), 'Citizen Chain Development');
  assert.equal(name.toString(), 'Citizen Chain Node');
  assert.match(version.toString(), /^\d+\.\d+\.\d+/);
  assert.equal(api.runtimeVersion.specName.toString(), 'citizen-chain');
  assert.ok(api.runtimeMetadata.version >= 15, `metadata v${api.runtimeMetadata.version}`);
  // Pallets and runtime APIs come from metadata alone.
  for (const pallet of ['assets', 'council', 'utility', 'sudo', 'citizenId']) {
    assert.ok(api.tx[pallet], `tx.${pallet}`);
  }
  assert.ok(api.call.citizenIdApi?.verifyClaim, 'runtime API described in metadata');
  const asset = await api.query.assets.metadata(LOCAL_CURRENCY);
  assert.equal(asset.symbol.toUtf8(), 'DBW');
  assert.equal(asset.decimals.toNumber(), 0);
});

test('a transaction is in a block within about a second', async () => {
  const started = Date.now();
  await submitOk(api, api.tx.system.remark('hello city'), accounts.alice);
  const elapsed = Date.now() - started;
  console.log(`# remark included after ${elapsed} ms`);
  assert.ok(elapsed < 3000, `took ${elapsed} ms`);
});

test('a wallet watching its transaction sees it in a block, then finalised', async () => {
  const seen = [];
  await new Promise((resolve, reject) => {
    api.tx.system.remark('watched').signAndSend(accounts.bob, ({ status }) => {
      seen.push(status.type);
      if (status.isFinalized) resolve();
      if (status.isInvalid || status.isDropped) reject(new Error(status.type));
    }).catch(reject);
  });
  assert.deepEqual(seen.filter((s) => s === 'InBlock' || s === 'Finalized'), ['InBlock', 'Finalized'], `statuses: ${seen}`);
});

test('local currency moves between two dev accounts', async () => {
  const { alice, bob } = accounts;
  const before = (await api.query.assets.account(LOCAL_CURRENCY, bob.address)).unwrap().balance.toBigInt();
  const events = await submitOk(api, api.tx.assets.transfer(LOCAL_CURRENCY, bob.address, 12_345), alice);
  const transferred = events.find((e) => api.events.assets.Transferred.is(e));
  assert.ok(transferred, 'Assets.Transferred emitted');
  assert.equal(transferred.data.assetId.toNumber(), LOCAL_CURRENCY);
  assert.equal(transferred.data.from.toString(), alice.address);
  assert.equal(transferred.data.to.toString(), bob.address);
  assert.equal(transferred.data.amount.toBigInt(), 12_345n);
  const after = (await api.query.assets.account(LOCAL_CURRENCY, bob.address)).unwrap().balance.toBigInt();
  assert.equal(after - before, 12_345n);
});

test('sudo acts as the city; an ordinary account cannot', async () => {
  const { alice, bob } = accounts;
  const call = api.tx.citizenId.setRecoveryDelay(45_000);
  const events = await submitOk(api, api.tx.sudo.sudo(call), alice);
  assert.ok(events.some((e) => api.events.sudo.Sudid.is(e) && e.data[0].isOk));
  assert.equal((await api.query.citizenId.recoveryDelay()).toNumber(), 45_000);

  const direct = await submit(api, api.tx.citizenId.setRecoveryDelay(1), bob);
  assert.equal(direct.error, 'BadOrigin');
  const viaSudo = await submit(api, api.tx.sudo.sudo(api.tx.citizenId.setRecoveryDelay(1)), bob);
  assert.equal(viaSudo.error, 'sudo.RequireSudo');
  assert.equal((await api.query.citizenId.recoveryDelay()).toNumber(), 45_000, 'unchanged');
});

test('bad RPC input is a JSON-RPC error and the node keeps serving', async () => {
  const bad = await rpcHttp(node.port, 'citizen_verifyClaim', ['not-an-address', 'Resident']);
  assert.ok(bad.error, 'an error object');
  assert.equal(bad.error.code, -32602, 'invalid params');
  const wrongKind = await rpcHttp(node.port, 'citizen_verifyClaim', [accounts.alice.address, 'Astronaut']);
  assert.equal(wrongKind.error?.code, -32602);
  const unknown = await rpcHttp(node.port, 'chain_getBlockHash', ['not-a-number']);
  assert.ok(unknown.error);
  const nonsense = await rpcHttp(node.port, 'no_suchMethod', []);
  assert.equal(nonsense.error?.code, -32601);
  const health = await rpcHttp(node.port, 'system_health');
  assert.ok(health.result, 'still serving');
  assert.ok((await api.rpc.chain.getHeader()).number.toNumber() > 0);
});
