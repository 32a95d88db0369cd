// Starts stock Prism (the pinned @stoplight/prism-cli) on the bundled description, on a free
// port of 127.0.0.1, and stops it. Used by the stock-Prism contract test and the README's mock.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { yamlBundlePath } from './description.js';
import { freePort } from './free-port.js';

const prismBin = path.join(path.dirname(createRequire(import.meta.url).resolve('@stoplight/prism-cli/package.json')), 'dist/index.js');

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

async function waitUntilServing(url: string, child: ChildProcess, output: () => string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prism exited with ${child.exitCode}:\n${output()}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(500) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`prism did not answer on ${url} within ${timeoutMs} ms:\n${output()}`);
}

export async function startPrism(): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [prismBin, 'mock', yamlBundlePath, '-h', '127.0.0.1', '-p', String(port), '-v', 'silent'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  await waitUntilServing(url, child, () => log);
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
