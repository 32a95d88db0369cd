// Turns the generated negative matrix into runnable cases: an invalid change is applied to a
// request whose other parts are valid but need not exist (validation comes before lookups, so
// these cases never write); a boundary value goes into a real request and must succeed.
import type { Case } from './case.js';
import type { Context } from './context.js';
import { expectAccepted } from './boundary.js';
import { expectError, type RequestSpec } from './http.js';
import { examplePath, exampleBody, isFill, negativeMatrix, type NegativeCase } from './negative.js';
import { operation, successStatus, type Json } from './openapi.js';
import type { Capability } from './target.js';

/** A request of the operation that can succeed on the target; creates what it needs. */
export async function realRequest(ctx: Context, operationId: string): Promise<RequestSpec> {
  const contact = () => {
    const id = ctx.contactsOf(ctx.teamId)[0];
    if (!id) throw new Error(`no contact of team ${ctx.teamId} in the target's fixtures`);
    return id;
  };
  switch (operationId) {
    case 'listLabels':
      return { query: { limit: '25' } };
    case 'createLabel':
      return { body: { team_id: ctx.teamId, name: `Label ${ctx.unique()}`, color: 'red' } };
    case 'updateLabel':
      return { path: { id: (await ctx.createLabel()).id }, body: { name: `Label ${ctx.unique()}`, color: 'blue' } };
    case 'attachContactLabel':
      return { path: { id: contact() }, body: { label_id: (await ctx.createLabel()).id } };
    case 'bulkLabelContacts':
      return { body: { contact_ids: [contact()], label_id: (await ctx.createLabel()).id, operation: 'attach' } };
    default:
      throw new Error(`no real request for ${operationId}`);
  }
}

export function needsOf(operationId: string, valid: boolean): Capability[] {
  if (!valid || operationId === 'listLabels') return [];
  return operationId === 'attachContactLabel' || operationId === 'bulkLabelContacts' ? ['writes', 'contacts'] : ['writes'];
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
      needs: needsOf(c.operationId, valid),
      async run(ctx) {
        const base: RequestSpec = valid
          ? await realRequest(ctx, c.operationId)
          : { path: examplePath(entry, doc), body: exampleBody(entry, doc), query: entry.parameters.some((p) => p.in === 'query') ? {} : undefined };
        const sent = apply(ctx, base, c);
        const ex = await ctx.http.send(c.operationId, sent);
        if (c.expect === 'valid') return expectAccepted(ex, success, c.rule, sent.headers?.['Idempotency-Key']);
        expectError(ex, c.expect);
      },
    };
  });
}
