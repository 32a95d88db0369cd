// Authentication for every operation that takes a key (public ones: read-cases.ts): no key, a non-Bearer scheme, a malformed key and an
// expired key, each the documented 401 with WWW-Authenticate (validated as a documented header).
import type { Case } from './case.js';
import { expectError } from './http.js';
import { documentedRequest } from '../../lib/openapi.mjs';
import { operations, type Json, type OperationEntry } from './openapi.js';

/** The description's documented request of an operation (path and body): valid, and its ids need not exist. */
function documented(entry: OperationEntry, doc: Json) {
  const { path, body } = documentedRequest(doc, entry);
  return { path, body };
}

export function authCases(doc: Json): Case[] {
  const variants: Array<{ what: string; key: (expired?: string) => string | null; code: string; expired?: boolean }> = [
    { what: 'no Authorization header', key: () => null, code: 'missing_api_key' },
    { what: 'Basic scheme', key: () => 'Basic dXNlcjpwYXNz', code: 'missing_api_key' },
    { what: 'malformed key', key: () => 'kdv_live_short', code: 'invalid_api_key' },
    { what: 'unknown well-formed key', key: () => 'kdv_live_UnknownKeyOfNoOrg000000', code: 'invalid_api_key' },
    { what: 'expired key', key: (expired) => expired ?? null, code: 'expired_api_key', expired: true },
  ];
  return operations(doc)
    .filter((entry) => !entry.public)
    .flatMap((entry) =>
    variants.map(
      (v): Case => ({
        name: `${entry.operationId} ${v.what} → 401 ${v.code}`,
        group: 'auth',
        covers: [`${entry.operationId} 401`],
        needs: v.expired ? ['expiredKey'] : [],
        async run(ctx) {
          const ex = await ctx.http.send(entry.operationId, { ...documented(entry, doc), apiKey: v.key(ctx.target.expiredKey) });
          expectError(ex, { status: 401, code: v.code });
        },
      }),
    ),
  );
}

/** Statuses a healthy server cannot be made to send (500), asked of a server that honours `Prefer: code=N`. */
export function forcedCases(doc: Json): Case[] {
  return operations(doc)
    .filter((entry) => entry.statuses.includes('500'))
    .map(
      (entry): Case => ({
        name: `${entry.operationId} Prefer: code=500 → documented 500 internal_error`,
        group: 'forced',
        covers: [`${entry.operationId} 500`],
        needs: ['prefer'],
        async run(ctx) {
          const ex = await ctx.http.send(entry.operationId, {
            baseUrl: ctx.target.preferUrl,
            ...documented(entry, doc),
            headers: { Prefer: 'code=500' },
          });
          expectError(ex, { status: 500, code: 'internal_error' });
        },
      }),
    );
}
