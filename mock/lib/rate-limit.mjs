// Per-organisation read and write buckets with a fixed one-minute window (by default), as the
// API reports them: X-RateLimit-Limit / -Remaining / -Reset on every answer, 429 + Retry-After
// when a bucket is empty.

const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);

export const bucketOf = (method) => (WRITE_METHODS.has(method) ? 'write' : 'read');

export class RateLimiter {
  /** `sizeOf(identity, bucket)` → requests allowed per window. */
  constructor(sizeOf, windowSeconds = 60) {
    this.sizeOf = sizeOf;
    this.windowMs = windowSeconds * 1000;
    this.windows = new Map();
  }

  reset() {
    this.windows.clear();
  }

  /**
   * Draws one request from the bucket. Returns { headers, limited, retryAfter }: when `limited`,
   * nothing was drawn. `enforce: false` draws without ever refusing (unauthenticated answers).
   */
  take(identity, bucket, now = Date.now(), enforce = true) {
    const id = `${bucket}:${identity}`;
    let window = this.windows.get(id);
    if (!window || now >= window.resetAt) {
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
