// Per-organisation read and write buckets with a fixed one-minute window (by default), as the
// API reports them: X-RateLimit-Limit / -Remaining / -Reset on every answer, 429 + Retry-After
// when a bucket is empty.

const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);

export const bucketOf = (method) => (WRITE_METHODS.has(method) ? 'write' : 'read');

// Windows kept at most: one per identity seen within a window (an organisation, a client
// address, or a key of stateless mode), so that a stream of new keys cannot grow memory for ever.
const MAX_WINDOWS = 10_000;

export class RateLimiter {
  /** `sizeOf(identity, bucket)` → requests allowed per window; at most `maxWindows` windows are held. */
  constructor(sizeOf, windowSeconds = 60, maxWindows = MAX_WINDOWS) {
    this.sizeOf = sizeOf;
    this.windowMs = windowSeconds * 1000;
    this.maxWindows = maxWindows;
    this.windows = new Map();
    this.nextSweep = 0;
  }

  /** Forgets every window, or only those of one identity. */
  reset(identity) {
    if (identity === undefined) return this.windows.clear();
    for (const bucket of ['read', 'write']) this.windows.delete(`${bucket}:${identity}`);
  }

  /**
   * Drops ended windows (once a window length), and when still full the oldest ones: a window
   * dropped early only gives its identity a fresh bucket, which a mock can afford.
   */
  #sweep(now) {
    if (now >= this.nextSweep) {
      for (const [id, window] of this.windows) if (now >= window.resetAt) this.windows.delete(id);
      this.nextSweep = now + this.windowMs;
    }
    for (const id of this.windows.keys()) {
      if (this.windows.size < this.maxWindows) break;
      this.windows.delete(id);
    }
  }

  /**
   * Draws one request from the bucket. Returns { headers, limited, retryAfter }: when `limited`,
   * nothing was drawn. `enforce: false` draws without ever refusing (unauthenticated answers).
   */
  take(identity, bucket, now = Date.now(), enforce = true) {
    const id = `${bucket}:${identity}`;
    let window = this.windows.get(id);
    if (!window || now >= window.resetAt) {
      if (!window) this.#sweep(now);
      window = { used: 0, resetAt: now + this.windowMs, limit: this.sizeOf(identity, bucket) };
      this.windows.set(id, window);
    }
    const limited = enforce && window.used >= window.limit;
    if (!limited && window.used < window.limit) window.used++;
    const headers = {
      'x-ratelimit-limit': String(window.limit),
      'x-ratelimit-remaining': String(window.limit - window.used),
      'x-ratelimit-reset': String(Math.ceil(window.resetAt / 1000)),
    };
    const retryAfter = Math.max(1, Math.ceil((window.resetAt - now) / 1000));
    if (limited) headers['retry-after'] = String(retryAfter);
    return { headers, limited, retryAfter, limit: window.limit };
  }
}
