// Turns the generated negative matrix into runnable cases: an invalid change is applied to a
// request whose other parts are valid but need not exist (validation comes before lookups, so
// these cases never write); a boundary value goes into a real request and must succeed.
import type { Case } from './case.js';
import type { Context } from './context.js';
import { expectAccepted } from './boundary.js';
import { expectError, type RequestSpec } from './http.js';
import { examplePath, exampleBody, isFill, negativeMatrix, type NegativeCase } from './negative.js';
import { documentedRequest } from '../../lib/openapi.mjs';
import { deref, operation, requestSchema, successStatus, type Json, type OperationEntry } from './openapi.js';
import type { Capability } from './target.js';

/**
 * How a valid request gets an id of the description's resources that exists on the target, by
 * the id's prefix (`lbl_…`, `ctc_…`), and what that needs of the target. This is the suite's
 * only knowledge of resources: an example id of a new kind is an error that names its prefix.
 */
const LIVE_IDS: Record<string, { needs: Capability[]; make(ctx: Context, count: number): Promise<string[]> }> = {
  lbl: { needs: ['writes'], make: async (ctx, count) => Promise.all(Array.from({ length: count }, async () => (await ctx.createLabel()).id as string)) },
  ctc: {
    needs: ['contacts'],
    make: async (ctx, count) => {
      const ids = ctx.contactsOf(ctx.teamId).slice(0, count);
      if (ids.length === 0) throw new Error(`no contact of team ${ctx.teamId} in the target's fixtures`);
      return ids;
    },
  },
};
const ID = /^([a-z]+)_[0-9A-HJKMNP-TV-Z]{26}$/;

function liveIds(prefix: string) {
  const live = LIVE_IDS[prefix];
  if (!live) throw new Error(`the description's examples use ${prefix}_ ids, and the contract suite does not know how to get a live one: add it to LIVE_IDS in src/contract/negative-cases.ts`);
  return live;
}

/** The id prefixes of the example values of the operation's documented request. */
function prefixesOf(value: unknown): string[] {
  if (typeof value === 'string') return ID.exec(value)?.slice(1, 2) ?? [];
  if (Array.isArray(value)) return value.flatMap(prefixesOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(prefixesOf);
  return [];
}

/**
 * A request of the operation that can succeed on the target: the description's documented
 * request (lib/openapi.mjs), with its example ids replaced by live ones (created or taken from
 * the target's fixtures), `team_id` by the team under test, and the other free-form strings
 * (names, keys) made unique to the run.
 */
export async function realRequest(ctx: Context, entry: OperationEntry, doc: Json): Promise<RequestSpec> {
  const documented = documentedRequest(doc, entry);
  const schema = requestSchema(entry, doc);
  const live = async (value: unknown): Promise<unknown> => {
    if (typeof value === 'string') {
      const prefix = ID.exec(value)?.[1];
      return prefix ? (await liveIds(prefix).make(ctx, 1))[0] : value;
    }
    if (Array.isArray(value)) {
      const prefix = value.length && typeof value[0] === 'string' ? ID.exec(value[0])?.[1] : undefined;
      return prefix ? liveIds(prefix).make(ctx, value.length) : value;
    }
    return value;
  };
  const path: Record<string, string> = {};
  for (const [name, value] of Object.entries(documented.path)) path[name] = String(await live(value));
  const headers: Record<string, string> = {};
  // A documented header value (the Idempotency-Key's example) would be reused by every case.
  for (const name of Object.keys(documented.headers)) headers[name] = ctx.unique(36);
  let body: Record<string, unknown> | undefined;
  if (documented.body !== undefined) {
    body = {};
    for (const [field, value] of Object.entries(documented.body as Record<string, unknown>)) {
      const fieldSchema = deref(doc, schema?.properties?.[field] ?? {});
      const freeForm = fieldSchema.type === 'string' && !fieldSchema.pattern && !fieldSchema.enum;
      if (field === 'team_id') body[field] = ctx.teamId;
      else if (freeForm) body[field] = ctx.unique(Math.min(fieldSchema.maxLength ?? 24, Math.max(fieldSchema.minLength ?? 1, 24)));
      else body[field] = await live(value);
    }
  }
  const query = Object.fromEntries(Object.entries(documented.query).map(([k, v]) => [k, String(v)]));
  return { path, query, headers, body };
}

/** What a case needs of the target: nothing for an invalid request (it never writes), else what its live ids and a write need. */
export function needsOf(entry: OperationEntry, doc: Json, valid: boolean): Capability[] {
  if (!valid) return [];
  const documented = documentedRequest(doc, entry);
  const needs = new Set<Capability>(entry.method === 'get' || entry.method === 'head' ? [] : ['writes']);
  for (const prefix of prefixesOf([documented.path, documented.body])) for (const n of liveIds(prefix).needs) needs.add(n);
  return [...needs];
}

function apply(ctx: Context, spec: RequestSpec, c: NegativeCase): RequestSpec {
  const change = c.change;
  if ('raw' in change) return { ...spec, body: undefined, raw: change.raw, contentType: change.contentType };
  if ('remove' in change) {
    const { [change.remove]: _, ...rest } = spec.body as Record<string, unknown>;
    return { ...spec, body: rest };
  }
  if ('replace' in change) return { ...spec, body: change.replace };
  // A boundary name in the team must not collide with another label: unique per run.
  const value = isFill(change.value) ? ctx.unique(change.value.fill) : change.value;
  switch (change.in) {
    case 'path':
      return { ...spec, path: { ...spec.path, [change.name]: String(value) } };
    case 'query':
      return { ...spec, query: { ...spec.query, [change.name]: String(value) } };
    case 'header':
      return { ...spec, headers: { ...spec.headers, [change.name]: String(value) } };
    case 'body':
      return { ...spec, body: { ...(spec.body as Record<string, unknown>), [change.name]: value } };
  }
}

export function negativeCases(doc: Json): Case[] {
  return negativeMatrix(doc).map((c): Case => {
    const entry = operation(c.operationId, doc);
    const valid = c.expect === 'valid';
    const success = successStatus(entry);
    return {
      name: c.name,
      group: 'negative',
      covers: [`${c.operationId} ${valid ? success : (c.expect as { status: number }).status}`],
      needs: needsOf(entry, doc, valid),
      async run(ctx) {
        const base: RequestSpec = valid
          ? await realRequest(ctx, entry, doc)
          : { path: examplePath(entry, doc), body: exampleBody(entry, doc), query: entry.parameters.some((p) => p.in === 'query') ? {} : undefined };
        const sent = apply(ctx, base, c);
        const ex = await ctx.http.send(c.operationId, sent);
        if (c.expect === 'valid') return expectAccepted(ex, success, c.rule, sent.headers?.['Idempotency-Key']);
        expectError(ex, c.expect);
      },
    };
  });
}
