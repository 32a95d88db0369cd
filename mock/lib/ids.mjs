// Ids in the API's format: a prefix, `_`, and 26 Crockford base32 characters (a ULID: 10 for the
// millisecond time, 16 random). Monotonic within a process, so that ids made in the same second
// still sort in creation order, which the list order (created_at, then id) relies on.
import { randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function encodeTime(ms) {
  let out = '';
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[ms % 32] + out;
    ms = Math.floor(ms / 32);
  }
  return out;
}

/** A generator of `prefix_` ids; each call returns an id greater than the previous one. */
export function idGenerator(prefix) {
  let lastMs = -1;
  const random = new Uint8Array(16);
  return function nextId() {
    const now = Date.now();
    if (now > lastMs) {
      lastMs = now;
      randomFillSync(random);
      for (let i = 0; i < 16; i++) random[i] &= 31;
      random[0] &= 15; // headroom, so that increments within one millisecond never overflow
    } else {
      for (let i = 15; i >= 0; i--) {
        if (random[i] < 31) {
          random[i]++;
          break;
        }
        random[i] = 0;
      }
    }
    let tail = '';
    for (let i = 0; i < 16; i++) tail += ALPHABET[random[i]];
    return `${prefix}_${encodeTime(lastMs)}${tail}`;
  };
}

/** Now as the API writes timestamps: RFC 3339, UTC, whole seconds, `Z`. */
export function timestamp(ms = Date.now()) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
