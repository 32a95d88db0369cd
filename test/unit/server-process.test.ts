// The servers the tests and benchmarks start in processes of their own are always stopped: one
// that ignores SIGTERM is killed after the grace period, and one that never answers is not left
// running with its port held.
import { describe, expect, it } from 'vitest';
import { startServerProcess } from '../../scripts/lib/server-process.mjs';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('startServerProcess', () => {
  it('stops a server that ignores SIGTERM', async () => {
    const server = await startServerProcess('stubborn', (port) => ['-e', `process.on('SIGTERM', () => {}); require('node:http').createServer((q, r) => r.end('x')).listen(${port}, '127.0.0.1')`], 10_000, 200);
    await server.stop();
    expect(alive(server.pid!)).toBe(false);
    await expect(fetch(server.origin)).rejects.toThrow();
  });

  it('kills a server that never answers, and names it', async () => {
    const error = await startServerProcess('silent', () => ['-e', 'setInterval(() => {}, 1000)'], 300).catch((e: Error) => e);
    expect(String(error)).toMatch(/silent did not answer on http:\/\/127\.0\.0\.1:\d+ within 300 ms \(process \d+ stopped\)/);
    expect(alive(Number(/process (\d+)/.exec(String(error))![1]))).toBe(false);
  });
});
