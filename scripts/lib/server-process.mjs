// A server in a child process of its own (stock Prism, the mock's CLI, a bare node:http server),
// on a free port of 127.0.0.1: started, awaited until it answers, and stopped. Shared by the
// benchmarks and the tests.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { freePort } from './free-port.mjs';

/** Stock Prism's CLI entry (the pinned @stoplight/prism-cli), to run with node. */
export const prismCli = path.join(path.dirname(createRequire(import.meta.url).resolve('@stoplight/prism-cli/package.json')), 'dist/index.js');

/**
 * Runs `node ...args(port)` and resolves once `http://127.0.0.1:port/` answers anything.
 * Rejects with the child's output when it exits first or does not answer within `timeoutMs`.
 * @param {string} name for messages
 * @param {(port: number) => string[]} args node's arguments, given the port
 * @param {number} [timeoutMs] how long to wait for its first answer
 * @param {number} [graceMs] how long `stop` waits after SIGTERM before SIGKILL
 * @returns {Promise<{ origin: string, port: number, pid: number | undefined, stop(): Promise<void> }>}
 */
export async function startServerProcess(name, args, timeoutMs = 20_000, graceMs = 3000) {
  const port = await freePort();
  const child = spawn(process.execPath, args(port), { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${output}`);
    try {
      await fetch(origin, { signal: AbortSignal.timeout(500) });
      break;
    } catch {
      if (Date.now() > deadline) {
        // Not left running with the port held.
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
        throw new Error(`${name} did not answer on ${origin} within ${timeoutMs} ms (process ${child.pid} stopped):\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  // SIGTERM, then SIGKILL after a grace period: a server that ignores SIGTERM (Prism busy or
  // wedged) must not keep a test run from ending or keep its port.
  const stop = () =>
    /** @type {Promise<void>} */ (new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    }));
  return { origin, port, pid: child.pid, stop };
}
