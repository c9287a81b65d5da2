// Starts a fresh `citizen-node --dev --tmp` on free loopback ports, connects @polkadot/api with
// no custom types, and stops the node again (also when a test fails or the runner is killed).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { appendFileSync, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ApiPromise, WsProvider } from '@polkadot/api';

const targetDir = process.env.CARGO_TARGET_DIR || join(homedir(), '.cache/citizen-chain/target');
export const NODE_BINARY = process.env.CITIZEN_NODE || join(targetDir, 'debug/citizen-node');

/** A TCP port on 127.0.0.1 that nobody listens on right now. */
export async function freePort() {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

const running = new Set();
for (const signal of ['exit', 'SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of running) child.kill('SIGKILL');
    if (signal !== 'exit') process.exit(1);
  });
}

/** POST one JSON-RPC request over HTTP; resolves with the parsed response. */
export async function rpcHttp(port, method, params = []) {
  const response = await fetch(`http://127.0.0.1:${port}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  return response.json();
}

/**
 * Start a node. `args` replace the default `--dev --tmp`. Returns
 * { api, port, process, logs(), stop() }.
 */
export async function startNode({ args = ['--dev', '--tmp'], connect = true, timeoutMs = 180_000 } = {}) {
  if (!existsSync(NODE_BINARY)) {
    throw new Error(`node binary not found at ${NODE_BINARY}; build it with cargo build -p citizen-node`);
  }
  const port = await freePort();
  const p2p = await freePort();
  const child = spawn(
    NODE_BINARY,
    [...args, '--rpc-port', String(port), '--no-prometheus', '--no-telemetry', '--no-mdns',
      '--listen-addr', `/ip4/127.0.0.1/tcp/${p2p}`],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(child);
  let output = '';
  // E2E_NODE_LOG=file: every node's output is also appended there (for reading after a run).
  const collect = (chunk) => {
    output += chunk.toString();
    if (process.env.E2E_NODE_LOG) appendFileSync(process.env.E2E_NODE_LOG, chunk);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = once(child, 'exit');

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) { running.delete(child); return; }
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
    running.delete(child);
  };

  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`citizen-node exited with ${child.exitCode}:\n${output.slice(-4000)}`);
    }
    try {
      const health = await rpcHttp(port, 'system_health');
      if (health.result) break;
    } catch { /* not listening yet */ }
    if (Date.now() - started > timeoutMs) {
      await stop();
      throw new Error(`citizen-node did not serve RPC within ${timeoutMs} ms:\n${output.slice(-4000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const startupMs = Date.now() - started;

  let api;
  if (connect) {
    api = await ApiPromise.create({ provider: new WsProvider(`ws://127.0.0.1:${port}`), noInitWarn: true, throwOnConnect: true });
  }
  return {
    api,
    port,
    process: child,
    startupMs,
    logs: () => output,
    stop: async () => { if (api) await api.disconnect(); await stop(); },
  };
}
