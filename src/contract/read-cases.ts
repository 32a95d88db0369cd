// Cases derived from the description for the operations that need nothing to exist: every GET
// without path parameters answers its documented success to its documented request (the
// description's own examples), and a public operation (`security: []`) answers it with no key and
// with a key that is not one, since it ignores Authorization. A new such operation is covered
// with no code here.
import { documentedRequest } from '../../lib/openapi.mjs';
import type { Case } from './case.js';
import { expectStatus, type RequestSpec } from './http.js';
import { operations, type Json, type OperationEntry } from './openapi.js';

const stringValues = (values: Record<string, unknown>) => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));

/** The documented request of a read, as the suite sends it. */
function readRequest(entry: OperationEntry, doc: Json): RequestSpec {
  const { query, headers } = documentedRequest(doc, entry);
  return { query: stringValues(query), headers: stringValues(headers) };
}

const isSafeRead = (entry: OperationEntry) => entry.method === 'get' && !entry.parameters.some((p) => p.in === 'path');

export function readCases(doc: Json): Case[] {
  const reads = operations(doc).filter(isSafeRead);
  const documented = reads.map(
    (entry): Case => ({
      name: `${entry.operationId} documented request → ${entry.successStatus}`,
      group: 'scenario',
      covers: [`${entry.operationId} ${entry.successStatus}`],
      async run(ctx) {
        expectStatus(await ctx.http.send(entry.operationId, readRequest(entry, doc)), entry.successStatus);
      },
    }),
  );
  const keys: Array<{ what: string; apiKey: string | null }> = [
    { what: 'no Authorization header', apiKey: null },
    { what: 'a key that is no key', apiKey: 'kdv_live_short' },
  ];
  const publicOnes = reads
    .filter((entry) => entry.public)
    .flatMap((entry) =>
      keys.map(
        ({ what, apiKey }): Case => ({
          name: `${entry.operationId} is public: ${what} → ${entry.successStatus}`,
          group: 'auth',
          covers: [`${entry.operationId} ${entry.successStatus}`],
          async run(ctx) {
            expectStatus(await ctx.http.send(entry.operationId, { ...readRequest(entry, doc), apiKey }), entry.successStatus, 'a public operation ignores Authorization');
          },
        }),
      ),
    );
  return [...documented, ...publicOnes];
}
