// Idempotency-Key memory, per organisation: a key is locked while its first request is being
// processed (409 for another request with it), remembered for 24 hours once that request
// succeeded (replay for the same fingerprint, 422 for another), and forgotten if it failed.
// Memory is bounded: entries older than 24 hours are dropped, and an organisation holds at most
// `maxPerScope` answers (the oldest go first).
import { createHash } from 'node:crypto';

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_PER_SCOPE = 10_000;

/**
 * method + path + body, with the body's keys sorted so that key order and spacing do not count,
 * as a digest: a 1,000-id bulk body is not kept whole for 24 hours.
 */
export function fingerprint(method, path, body) {
  const canonical = (v) =>
    Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])])) : v;
  return createHash('sha256').update(`${method.toUpperCase()} ${path} ${JSON.stringify(canonical(body ?? null))}`).digest('base64url');
}

export class IdempotencyStore {
  constructor(ttlMs = DAY_MS, maxPerScope = MAX_PER_SCOPE) {
    this.ttlMs = ttlMs;
    this.maxPerScope = maxPerScope;
    /** scope → (key → entry), each map in the order its keys were first locked. */
    this.scopes = new Map();
  }

  /** Forgets every key, or only those of one scope (organisation). */
  reset(scope) {
    if (scope === undefined) this.scopes.clear();
    else this.scopes.delete(scope);
  }

  /** The keys one scope holds (in flight and remembered). */
  size(scope) {
    return this.scopes.get(scope)?.size ?? 0;
  }

  #entries(scope) {
    let entries = this.scopes.get(scope);
    if (!entries) this.scopes.set(scope, (entries = new Map()));
    return entries;
  }

  /** Drops, oldest first, the answers past their 24 hours, then any beyond the cap. Keys in flight stay. */
  #trim(entries, now) {
    for (const [key, entry] of entries) {
      if (entries.size < this.maxPerScope && (entry.state !== 'done' || now - entry.storedAt <= this.ttlMs)) break;
      if (entry.state === 'done') entries.delete(key);
    }
  }

  /**
   * Called when a request with a key starts: 'busy' while another request holds the key,
   * 'stored' when an answer is remembered (see `stored`), else 'locked': the key is now held
   * by this request until `finish`.
   */
  lock(scope, key, now = Date.now()) {
    const entries = this.#entries(scope);
    const entry = entries.get(key);
    if (entry?.state === 'in_flight') return 'busy';
    if (entry && now - entry.storedAt <= this.ttlMs) return 'stored';
    // An expired entry is locked anew at the end of the order.
    entries.delete(key);
    this.#trim(entries, now);
    entries.set(key, { state: 'in_flight' });
    return 'locked';
  }

  /** The stored answer for a key, if any: { fingerprint, status, text, requestId }. */
  stored(scope, key) {
    const entry = this.scopes.get(scope)?.get(key);
    return entry?.state === 'done' ? entry : undefined;
  }

  /** Releases a key held by `lock`: a 2xx answer is remembered, anything else forgets the key. */
  finish(scope, key, result, now = Date.now()) {
    const entries = this.#entries(scope);
    if (result && result.status >= 200 && result.status < 300) entries.set(key, { state: 'done', storedAt: now, ...result });
    else entries.delete(key);
  }
}
