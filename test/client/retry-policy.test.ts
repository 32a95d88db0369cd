// The retry policy's pure parts: Retry-After in both its forms, the back-off bounds, and the
// option checks that turn a bad setting into a clear KirimConfigError.
import { describe, expect, it } from 'vitest';
import { Kirim } from '../../src/index.js';
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter, retryPolicy } from '../../src/retry-policy.js';

describe('parseRetryAfter', () => {
  it('reads delay-seconds, fractions included', () => {
    expect(parseRetryAfter('12')).toBe(12_000);
    expect(parseRetryAfter(' 0 ')).toBe(0);
    expect(parseRetryAfter('0.25')).toBe(250);
  });
  it('reads an HTTP date as the time left until it, never negative', () => {
    const now = Date.parse('2026-11-02T09:15:27Z');
    expect(parseRetryAfter('Mon, 02 Nov 2026 09:15:30 GMT', now)).toBe(3_000);
    expect(parseRetryAfter('Mon, 02 Nov 2026 09:15:00 GMT', now)).toBe(0);
  });
  it('gives undefined for a missing or unreadable header', () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter('-3')).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  const policy = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1_000 };
  it('doubles each retry, half fixed and half jitter, up to maxDelayMs', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy, () => 0))).toEqual([50, 100, 200, 400, 500]);
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy, () => 1))).toEqual([100, 200, 400, 800, 1_000]);
  });
});

describe('option checks', () => {
  it('merges per-call retry options over the client policy, and false turns retries off', () => {
    expect(retryPolicy({ maxAttempts: 5 }, DEFAULT_RETRY)).toEqual({ ...DEFAULT_RETRY, maxAttempts: 5 });
    expect(retryPolicy(undefined, false)).toBe(false);
    expect(retryPolicy(false, DEFAULT_RETRY)).toBe(false);
  });
  it.each([
    [{ apiKey: '' }, /apiKey is required/],
    [{ apiKey: 'k', timeout: 0 }, /timeout must be a number from 1 to 2147483647, not 0/],
    [{ apiKey: 'k', timeout: Infinity }, /timeout must be a number/],
    [{ apiKey: 'k', retry: { maxAttempts: 0 } }, /retry\.maxAttempts must be a number from 1/],
    [{ apiKey: 'k', retry: { baseDelayMs: Number.NaN } }, /retry\.baseDelayMs must be a number from 0/],
  ])('rejects %o with a message naming the option', (options, message) => {
    expect(() => new Kirim(options as never)).toThrow(message);
  });
});
