// The contract suite's pacing (src/contract/pacing.ts): it holds requests while a bucket is spent
// until the window the server reports resets, waits out Retry-After after a 429, and is not
// misled by a late answer from a window already over.
import { describe, expect, it } from 'vitest';
import { Pacer } from '../../src/contract/pacing.js';

const headers = (remaining: number, resetEpoch: number, extra: Record<string, string> = {}) =>
  new Headers({ 'x-ratelimit-limit': '2', 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': String(resetEpoch), ...extra });
// The reset of a window still open: the first whole second at least 200 ms ahead (the headers
// count whole seconds), far enough that only a wait reaches it, near enough that the wait is short
// (it was the next second but one: up to two seconds of a worker's time).
const nextSecond = () => Math.ceil((Date.now() + 200) / 1000);

// Concurrent: each test has its own Pacer, and most of their time is waiting for a clock second.
describe.concurrent('pacing by X-RateLimit-*', () => {
  it('sends at once while the bucket has requests left', async () => {
    const pacer = new Pacer();
    await pacer.before('write');
    pacer.after('write', 201, headers(1, nextSecond()));
    await pacer.before('write');
    expect(pacer.waitedMs).toBe(0);
  });

  it('holds a request until the reported reset when the bucket is spent', async () => {
    const pacer = new Pacer();
    const reset = nextSecond();
    await pacer.before('write');
    pacer.after('write', 201, headers(0, reset));
    await pacer.before('write');
    expect(Date.now()).toBeGreaterThanOrEqual(reset * 1000);
    expect(pacer.waitedMs).toBeGreaterThan(0);
    // The read bucket is another bucket.
    const before = pacer.waitedMs;
    await pacer.before('read');
    expect(pacer.waitedMs).toBe(before);
  });

  it('after a 429 waits Retry-After before the next request', async () => {
    const pacer = new Pacer();
    await pacer.before('read');
    const wait = pacer.after('read', 429, headers(0, Math.floor(Date.now() / 1000), { 'retry-after': '1' }));
    expect(wait).toBeGreaterThanOrEqual(1000);
    const asked = Date.now();
    await pacer.before('read');
    expect(Date.now() - asked).toBeGreaterThanOrEqual(1000 - 5);
    expect(pacer.limited).toBe(1);
  });

  it('ignores a late answer from a window already over', async () => {
    const pacer = new Pacer();
    const reset = nextSecond();
    await pacer.before('write');
    pacer.after('write', 201, headers(1, reset));
    await pacer.before('write');
    // An answer of the previous window arrives after one of the current: it must not reopen the bucket.
    pacer.after('write', 201, headers(0, Math.floor(Date.now() / 1000)));
    await pacer.before('write');
    expect(Date.now()).toBeGreaterThanOrEqual(reset * 1000);
  });
});
