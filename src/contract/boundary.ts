// What "accepted" means for a boundary value of the negative matrix (the boundary itself is valid).
import { expectError, expectStatus, type Exchange } from './http.js';

// Keys at least this long carry the run's token and so are new to the server; shorter ones cannot be.
const UNIQUE_KEY_LENGTH = 9;

/**
 * Checks that a request carrying a boundary value succeeded. An `Idempotency-Key` too short to be
 * unique to the run (1 character) may have been sent by an earlier run within the server's 24
 * hours with another body: `422 idempotency_key_reuse` then shows that the length was accepted
 * (the key was looked up), and is taken as such.
 */
export function expectAccepted(ex: Exchange, success: number, rule: string, idempotencyKey?: string): string | void {
  if (idempotencyKey !== undefined && idempotencyKey.length < UNIQUE_KEY_LENGTH && ex.status === 422) {
    expectError(ex, { status: 422, code: 'idempotency_key_reuse', param: 'Idempotency-Key' });
    return 'the key was used by an earlier run: its length was accepted';
  }
  expectStatus(ex, success, `${rule} is within the description's bounds`);
}
