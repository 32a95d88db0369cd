// Keeps the suite within the target's rate limits, as a polite client would: it reads the
// `X-RateLimit-Remaining` and `X-RateLimit-Reset` of every answer, holds requests back when a
// bucket (reads or writes, kirim-api-facts.md) is spent until its window resets, and after a 429
// waits `Retry-After` before sending again. A live organisation on the free tier (60 writes a
// minute) then passes in minutes instead of failing on 429s within seconds.

/** The bucket a request draws from. */
export const bucketOf = (method: string) => (method === 'GET' || method === 'HEAD' ? 'read' : 'write');

interface Bucket {
  /** The bucket's size, from `X-RateLimit-Limit`. */
  limit?: number;
  /** Requests the server still allows in this window, less those sent since it said so. */
  left?: number;
  /** When the window resets (ms since the epoch), from `X-RateLimit-Reset`. */
  resetAt: number;
  /** Until when a 429's `Retry-After` says to hold back (ms since the epoch). */
  holdUntil: number;
  /** Requests sent and not yet answered. */
  inflight: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// Whole-second headers and clocks a little apart: a margin so that the first request of the new
// window does not arrive just before it opens.
const MARGIN_MS = 250;
// A Reset further away than this is not an epoch time the suite can trust for pacing (the
// rate-limit case reports it); Retry-After still applies.
const LONGEST_WINDOW_MS = 3600_000;

export class Pacer {
  private readonly buckets = new Map<string, Bucket>();
  /** Wall time during which at least one request was held back, for the report. */
  waitedMs = 0;
  private waiting = 0;
  private waitingSince = 0;
  /** 429s received and waited out. */
  limited = 0;

  /** At most this many writes a minute, evenly spaced (leaves the organisation's budget to others). */
  writesPerMinute?: number;
  private nextWrite = 0;

  private async hold(until: number): Promise<void> {
    const now = Date.now();
    if (until <= now) return;
    if (this.waiting++ === 0) this.waitingSince = now;
    await sleep(until - now);
    if (--this.waiting === 0) this.waitedMs += Date.now() - this.waitingSince;
  }

  private bucket(name: string): Bucket {
    let b = this.buckets.get(name);
    if (!b) this.buckets.set(name, (b = { resetAt: 0, holdUntil: 0, inflight: 0 }));
    return b;
  }

  /** Waits until the bucket may take one more request, and counts it as sent. */
  async before(name: string): Promise<void> {
    const b = this.bucket(name);
    if (name === 'write' && this.writesPerMinute) {
      const slot = Math.max(Date.now(), this.nextWrite);
      this.nextWrite = slot + 60_000 / this.writesPerMinute;
      await this.hold(slot);
    }
    for (;;) {
      const now = Date.now();
      const spentUntil = b.left !== undefined && b.left <= 0 && b.resetAt > now ? b.resetAt + MARGIN_MS : 0;
      const until = Math.max(b.holdUntil, spentUntil);
      if (until <= now) break;
      await this.hold(until);
      // A new window: a full bucket, until the next answer says otherwise.
      if (Date.now() >= b.resetAt) b.left = b.limit;
    }
    if (b.left !== undefined) b.left--;
    b.inflight++;
  }

  /** Learns from an answer's headers (status 0: no answer came); returns how long to wait before retrying a 429 (ms), else undefined. */
  after(name: string, status: number, headers: Headers): number | undefined {
    const b = this.bucket(name);
    b.inflight--;
    const remaining = Number(headers.get('x-ratelimit-remaining'));
    const limit = Number(headers.get('x-ratelimit-limit'));
    if (Number.isInteger(limit) && limit > 0) b.limit = limit;
    const reset = Number(headers.get('x-ratelimit-reset')) * 1000;
    const now = Date.now();
    // An answer from a window already over (it overtook nothing: it is late) says nothing new.
    if (headers.has('x-ratelimit-remaining') && Number.isInteger(remaining) && reset >= b.resetAt && reset > now - 1000 && reset < now + LONGEST_WINDOW_MS) {
      // Answers overtake each other: within one window the lowest count is the freshest; in a new
      // one, the requests still unanswered may all land in it.
      b.left = reset === b.resetAt && b.left !== undefined ? Math.min(b.left, remaining) : remaining - b.inflight;
      b.resetAt = reset;
    }
    if (status !== 429) return undefined;
    this.limited++;
    const retryAfter = Number(headers.get('retry-after'));
    const wait = (Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : Math.max(1000, b.resetAt - now)) + MARGIN_MS;
    b.holdUntil = Math.max(b.holdUntil, now + wait);
    b.left = 0;
    return wait;
  }
}
