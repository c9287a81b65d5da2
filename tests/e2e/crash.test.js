// Crash safety of one node: kill -9 a dev node with a base path while it is sealing blocks and
// taking transactions, restart it on the same base path, and find the chain and its state intact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { startNode } from './lib/node.js';
import { devAccounts, freshAccount, submitOk } from './lib/tx.js';

test('a node killed with -9 restarts on its base path with its chain and state', async () => {
  const basePath = mkdtempSync(join(tmpdir(), 'citizen-crash-'));
  const args = ['--dev', '--base-path', basePath];
  const accounts = await devAccounts();
  const recipient = freshAccount(accounts.keyring, 'crash');
  let node = await startNode({ args });
  try {
    // A balance changed before the kill, and finalised.
    await submitOk(node.api, node.api.tx.balances.transferKeepAlive(recipient.address, 7_000_000_000_000n), accounts.alice);

    // Keep transactions flowing, and kill the node in the middle of it.
    let lastReported = 0;
    const unsubscribe = await node.api.rpc.chain.subscribeNewHeads((h) => { lastReported = h.number.toNumber(); });
    let flooding = true;
    const flood = (async () => {
      for (let i = 0; flooding; i += 1) {
        try {
          await node.api.tx.system.remark(`load ${i}`).signAndSend(accounts.bob, { nonce: -1 });
        } catch { return; }
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    // Kill it once it has sealed a few blocks under load, with more transactions in flight.
    const started = Date.now();
    while (lastReported < 8 && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 100));
    flooding = false;
    const exited = once(node.process, 'exit');
    node.process.kill('SIGKILL');
    await exited;
    unsubscribe();
    await flood;
    await node.api.disconnect().catch(() => {});
    console.log(`# killed at best #${lastReported}`);
    assert.ok(lastReported > 1, 'blocks were being produced');

    node = await startNode({ args });
    const best = (await node.api.rpc.chain.getHeader()).number.toNumber();
    console.log(`# restarted at best #${best}`);
    assert.ok(best >= lastReported, `best #${best} >= last reported #${lastReported}`);
    const { data } = await node.api.query.system.account(recipient.address);
    assert.equal(data.free.toBigInt(), 7_000_000_000_000n, 'state read back intact');
    // And the chain goes on.
    await submitOk(node.api, node.api.tx.system.remark('after the crash'), accounts.alice);
    assert.ok((await node.api.rpc.chain.getHeader()).number.toNumber() > best);
  } finally {
    await node.stop();
    rmSync(basePath, { recursive: true, force: true });
  }
});
