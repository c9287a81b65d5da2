// The committed city-testnet spec boots a node with the genesis a real network starts from,
// and a bad --chain argument fails fast with a one-line reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import { startNode, NODE_BINARY } from './lib/node.js';

const SPEC = join(dirname(fileURLToPath(import.meta.url)), '../../chain-specs/city-testnet.raw.json');
const INSTITUTIONS = ['CityHall', 'PartnerBank', 'DistrictOffice', 'University'];

test('a node boots from the committed city-testnet spec with its genesis', async () => {
  await cryptoWaitReady();
  const sr = new Keyring({ type: 'sr25519' });
  const ed = new Keyring({ type: 'ed25519' });
  const accounts = INSTITUTIONS.map((n) => sr.addFromUri(`//${n}`));
  const grandpaKeys = INSTITUTIONS.map((n) => u8aToHex(ed.addFromUri(`//${n}`).publicKey));

  const node = await startNode({ args: ['--chain', SPEC, '--tmp'] });
  try {
    const { api } = node;
    assert.equal((await api.rpc.system.chain()).toString(), 'Citizen Chain City Testnet');
    const aura = (await api.query.aura.authorities()).map((k) => k.toHex());
    assert.deepEqual(aura, accounts.map((a) => u8aToHex(a.publicKey)), 'Aura authorities');
    const grandpa = (await api.call.grandpaApi.grandpaAuthorities()).map(([k]) => k.toHex());
    assert.deepEqual(grandpa, grandpaKeys, 'GRANDPA authorities');
    const council = (await api.query.council.members()).map((m) => m.toString()).sort();
    assert.deepEqual(council, accounts.map((a) => a.address).sort(), 'council = the four operators');
    assert.equal((await api.query.sudo.key()).unwrap().toString(), accounts[0].address, 'city hall is sudo');
    const asset = (await api.query.assets.asset(1)).unwrap();
    assert.equal(asset.admin.toString(), accounts[0].address, 'city hall administers the currency');
    assert.equal(asset.isSufficient.isTrue, true);
    assert.equal((await api.query.assets.metadata(1)).symbol.toUtf8(), 'DBW');
    assert.equal((await api.query.citizenId.recoveryDelay()).toNumber(), 86_400_000);
  } finally {
    await node.stop();
  }
});

test('a bad --chain exits non-zero with a one-line reason', () => {
  const dir = mkdtempSync(join(tmpdir(), 'citizen-spec-'));
  const malformed = join(dir, 'broken.json');
  writeFileSync(malformed, '{ "name": "half a spec", ');
  for (const chain of [join(dir, 'missing.json'), malformed]) {
    const run = spawnSync(NODE_BINARY, ['--chain', chain, '--tmp'], { encoding: 'utf8', timeout: 60_000 });
    assert.notEqual(run.status, 0, `${chain}: exit status`);
    const lines = run.stderr.trim().split('\n').filter((l) => l.trim());
    assert.equal(lines.length, 1, `one line: ${run.stderr}`);
    assert.match(lines[0], /cannot load chain spec/);
  }
});
