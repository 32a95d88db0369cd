// When to retry and how long to wait: pure functions, so the transport stays a loop and the
// policy can be read (and tested) on its own.
import { KirimConfigError } from './errors.js';

export interface RetryOptions {
  /** Attempts in all, the first included. Default 3. */
  maxAttempts?: number;
  /** The first back-off step in milliseconds; it doubles on each retry. Default 500. */
  baseDelayMs?: number;
  /** The largest back-off step in milliseconds. Default 8000. */
  maxDelayMs?: number;
  /**
   * The whole call's budget in milliseconds, attempts and waits included: no retry starts when
   * its wait would end past it, and an attempt still running when it runs out is ended as a
   * time-out. Default 30000.
   */
  maxElapsedMs?: number;
}

export type RetryPolicy = Required<RetryOptions>;

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 8_000, maxElapsedMs: 30_000 };

/** The statuses that mean "try again later": rate limited, or a gateway that lost the server. */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

/**
 * Whether an answer means "try again later". Besides the statuses above, a 409
 * `idempotency_in_progress`: the first attempt of this very call (timed out on our side) is still
 * running on the server, and a later retry gets its result.
 */
export function isRetryableAnswer(status: number, errorCode: () => string | undefined): boolean {
  return RETRYABLE_STATUSES.has(status) || (status === 409 && errorCode() === 'idempotency_in_progress');
}

/** `retry` merged over a base policy and checked; `false` turns retries off. */
export function retryPolicy(options: RetryOptions | false | undefined, base: RetryPolicy | false): RetryPolicy | false {
  if (options === false || (options === undefined && base === false)) return false;
  const policy: RetryPolicy = { ...(base || DEFAULT_RETRY), ...options };
  for (const name in policy) bounded(`retry.${name}`, policy[name as keyof RetryPolicy], name === 'maxAttempts' ? 1 : 0);
  return policy;
}

/** The value, when it is a number from `min` to setTimeout's limit; a KirimConfigError naming the option otherwise. */
export function bounded(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !(value >= min && value <= 2_147_483_647)) {
    throw new KirimConfigError(name, `${name} must be a number from ${min} to 2147483647, not ${String(value)}`);
  }
  return value;
}

/**
 * `Retry-After` in milliseconds: delay-seconds or an HTTP date (RFC 9110). Fractional seconds
 * are accepted too (some gateways send them). Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // An HTTP date always names its day and month; Date.parse alone would take "-3" for a year.
  const date = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Exponential back-off with "equal jitter": half of the step is fixed, half random, so that
 * clients that failed together do not retry together, and every wait has a known floor.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(step / 2 + random() * (step / 2));
}
