// Idempotency-Key memory, per organisation: a key is locked while its first request is being
// processed (409 for another request with it), remembered for 24 hours once that request
// succeeded (replay for the same fingerprint, 422 for another), and forgotten if it failed.

const DAY_MS = 24 * 60 * 60 * 1000;

/** method + path + body, with the body's keys sorted so that key order and spacing do not count. */
export function fingerprint(method, path, body) {
  const canonical = (v) =>
    Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])])) : v;
  return `${method.toUpperCase()} ${path} ${JSON.stringify(canonical(body ?? null))}`;
}

export class IdempotencyStore {
  constructor(ttlMs = DAY_MS) {
    this.ttlMs = ttlMs;
    this.entries = new Map();
  }

  reset() {
    this.entries.clear();
  }

  /**
   * Called when a request with a key starts: 'busy' while another request holds the key,
   * 'stored' when an answer is remembered (see `stored`), else 'locked': the key is now held
   * by this request until `finish`.
   */
  lock(scope, key, now = Date.now()) {
    const id = `${scope}\u0000${key}`;
    const entry = this.entries.get(id);
    if (entry?.state === 'in_flight') return 'busy';
    if (entry && now - entry.storedAt <= this.ttlMs) return 'stored';
    this.entries.set(id, { state: 'in_flight' });
    return 'locked';
  }

  /** The stored answer for a key, if any: { fingerprint, status, body }. */
  stored(scope, key) {
    const entry = this.entries.get(`${scope}\u0000${key}`);
    return entry?.state === 'done' ? entry : undefined;
  }

  /** Releases a key held by `lock`: a 2xx answer is remembered, anything else forgets the key. */
  finish(scope, key, result, now = Date.now()) {
    const id = `${scope}\u0000${key}`;
    if (result && result.status >= 200 && result.status < 300) this.entries.set(id, { state: 'done', storedAt: now, ...result });
    else this.entries.delete(id);
  }
}
