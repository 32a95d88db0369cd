// Rules of the API that no schema can express and that providers get wrong in one line: limits
// counted in code points, rate-limit headers that mean what they say, timestamps that move,
// tenant isolation on every operation with an id, the idempotency rules, deleted labels gone,
// and the team rules that hold in any organisation. Each case stands for a kind of bug.
import type { Case } from './case.js';
import type { Context } from './context.js';
import { CaseFailure, check, expectError, expectStatus, type Exchange } from './http.js';
import { needsOf, realRequest } from './negative-cases.js';
import { exampleBody } from './negative.js';
import { deref, operations, successStatus, type Json, type OperationEntry } from './openapi.js';
import { walk } from './scenarios.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function rule(name: string, covers: string[], needs: Case['needs'], run: Case['run']): Case {
  return { name, group: 'scenario', covers, needs, run };
}

/** A name of exactly `length` code points, unique to the run, mostly outside ASCII (2- and 4-byte UTF-8, astral in UTF-16). */
function nonAsciiName(ctx: Context, length: number): string {
  const head = ctx.unique(10);
  const tail = Array.from({ length: length - head.length }, (_, i) => (i % 2 ? '🏷' : 'é')).join('');
  return head + tail;
}

/** The kind of thing an id parameter or field names, from its pattern's prefix (`^lbl_`, `^ctc_`). */
function idKind(schema: Json): 'label' | 'contact' | undefined {
  const prefix = /^\^(\w+)_/.exec(schema?.pattern ?? '')?.[1];
  return prefix === 'lbl' ? 'label' : prefix === 'ctc' ? 'contact' : undefined;
}

interface RateHeaders {
  limit: number;
  remaining: number;
  reset: number;
}

function rateHeaders(ex: Exchange): RateHeaders {
  const read = (name: string) => {
    const text = ex.headers.get(name);
    check(text !== null && /^\d+$/.test(text), `${ex.request} → ${ex.status}: ${name} is ${JSON.stringify(text)}, not a non-negative integer`);
    return Number(text);
  };
  return { limit: read('x-ratelimit-limit'), remaining: read('x-ratelimit-remaining'), reset: read('x-ratelimit-reset') };
}

export function ruleCases(doc: Json): Case[] {
  const nameSchema = deref(doc, doc.components.schemas.LabelName);
  const max = nameSchema.maxLength as number;
  const withKey = operations(doc).filter((o) => o.parameters.some((p) => p.in === 'header' && p.name === 'Idempotency-Key'));
  const withIds = operations(doc).filter((o) => o.parameters.some((p) => p.in === 'path' && idKind(deref(doc, p.schema))));

  const cases: Case[] = [
    rule(`name limits count code points: ${max} non-ASCII characters are accepted, ${max + 1} refused, on create and update`, ['createLabel 201', 'createLabel 400', 'updateLabel 200', 'updateLabel 400'], ['writes'], async (ctx) => {
      const name = nonAsciiName(ctx, max);
      const created = await ctx.createLabel({ name });
      check(created.name === name, `created ${JSON.stringify(created.name)}, sent ${JSON.stringify(name)}`);
      expectError(await ctx.http.send('createLabel', { body: { ...(ctx.teamId ? { team_id: ctx.teamId } : {}), name: `${nonAsciiName(ctx, max)}é` } }), { status: 400, code: 'invalid_field_value', param: 'name' });
      const renamed = nonAsciiName(ctx, max);
      expectStatus(await ctx.http.send('updateLabel', { path: { id: created.id }, body: { name: renamed } }), 200, `a name of ${max} code points (${Buffer.byteLength(renamed)} UTF-8 bytes)`);
      expectError(await ctx.http.send('updateLabel', { path: { id: created.id }, body: { name: `${renamed}é` } }), { status: 400, code: 'invalid_field_value', param: 'name' });
    }),

    rule('rate-limit headers: X-RateLimit-Reset is a Unix time within the hour, X-RateLimit-Remaining counts down within a window', ['listLabels 200'], [], async (ctx) => {
      for (let attempt = 0; attempt < 5; attempt++) {
        const first = await ctx.http.send('listLabels', { query: { limit: '1' } });
        const second = await ctx.http.send('listLabels', { query: { limit: '1' } });
        const [a, b] = [rateHeaders(first), rateHeaders(second)];
        const now = Date.now() / 1000;
        for (const h of [a, b]) {
          check(h.remaining <= h.limit, `X-RateLimit-Remaining ${h.remaining} is over X-RateLimit-Limit ${h.limit}`);
          check(h.reset >= now - 5 && h.reset <= now + 3600, `X-RateLimit-Reset is ${h.reset}: not the Unix time (seconds) of the window's end, now being ${Math.round(now)}`);
        }
        // Another window, or an empty bucket (a 429 takes nothing): try again.
        if (a.reset !== b.reset || a.remaining === 0) continue;
        check(b.remaining < a.remaining, `two reads in one window (X-RateLimit-Reset ${a.reset}) both report X-RateLimit-Remaining ${a.remaining}: it does not count down`);
        return;
      }
      throw new CaseFailure('five pairs of reads never fell in one rate-limit window');
    }),

    rule('updated_at moves on PATCH, created_at does not', ['updateLabel 200', 'getLabel 200'], ['writes'], async (ctx) => {
      const label = await ctx.createLabel();
      // Past the next whole second, so that a server keeping seconds only must also move.
      await sleep(1100);
      const updated = await ctx.http.send('updateLabel', { path: { id: label.id }, body: { color: label.color === 'teal' ? 'pink' : 'teal' } });
      expectStatus(updated, 200);
      const u = updated.body.data;
      check(u.created_at === label.created_at, `a PATCH changed created_at from ${label.created_at} to ${u.created_at}`);
      check(Date.parse(u.updated_at) > Date.parse(label.updated_at), `a PATCH 1.1 s after the create left updated_at at ${u.updated_at} (created ${label.updated_at})`);
      const got = await ctx.http.send('getLabel', { path: { id: label.id } });
      expectStatus(got, 200);
      check(got.body.data.updated_at === u.updated_at, `get shows updated_at ${got.body.data.updated_at}, the PATCH answered ${u.updated_at}`);
    }),

    rule("tenant isolation: another organisation's label and contact ids are 404 (never 403) on every operation with an id", withIds.map((o) => `${o.operationId} 404`), ['writes', 'foreign'], async (ctx) => {
      const foreign = { label: ctx.target.foreignLabels ?? [], contact: ctx.target.foreignContacts ?? [] };
      const own = { label: (await ctx.createLabel()).id, contact: ctx.contactsOf(ctx.teamId)[0] };
      const probes: Array<{ entry: OperationEntry; param: string; where: 'path' | 'body'; kind: 'label' | 'contact' }> = [];
      for (const entry of withIds) {
        for (const p of entry.parameters) if (p.in === 'path' && idKind(deref(doc, p.schema))) probes.push({ entry, param: p.name, where: 'path', kind: idKind(deref(doc, p.schema))! });
        // A label named in the body of an operation on a contact is looked up like a path id.
        if ('label_id' in (exampleBody(entry, doc) ?? {})) probes.push({ entry, param: 'label_id', where: 'body', kind: 'label' });
      }
      let ran = 0;
      for (const { entry, param, where, kind } of probes) {
        const ids: Record<string, string | undefined> = {};
        for (const p of entry.parameters) if (p.in === 'path') ids[p.name] = own[idKind(deref(doc, p.schema))!];
        const example = exampleBody(entry, doc);
        const body = example && { ...example, ...('name' in example ? { name: `Label ${ctx.unique()}` } : {}), ...('label_id' in example ? { label_id: own.label } : {}) };
        for (const id of foreign[kind].slice(0, 1)) {
          if (where === 'path') ids[param] = id;
          else body!.label_id = id;
          if (Object.values(ids).some((v) => v === undefined)) continue;
          const ex = await ctx.http.send(entry.operationId, { path: ids as Record<string, string>, body });
          expectError(ex, { status: 404, code: 'resource_not_found', param });
          ran++;
        }
      }
      check(ran > 0, 'no probe could run: give foreignLabels or foreignContacts (and contacts of teamId)');
      return `${ran} of ${probes.length} id parameters probed`;
    }),

    rule('a deleted label is neither found nor listed', ['deleteLabel 200', 'getLabel 404', 'listLabels 200'], ['writes'], async (ctx) => {
      const label = await ctx.createLabel();
      expectStatus(await ctx.http.send('deleteLabel', { path: { id: label.id } }), 200);
      expectError(await ctx.http.send('getLabel', { path: { id: label.id } }), { status: 404, code: 'resource_not_found', param: 'id' });
      const listed = (await walk(ctx, 100)).filter((l) => l.id === label.id);
      check(listed.length === 0, `deleted label ${label.id} is still listed: ${JSON.stringify(listed[0])}`);
    }),

    rule('team rules in any organisation: an unknown team_id is 400; with one team, a label created without team_id goes to it', ['createLabel 400', 'createLabel 201'], ['writes'], async (ctx) => {
      expectError(await ctx.http.send('createLabel', { body: { team_id: `no_such_team_${ctx.unique(8)}`, name: `Team ${ctx.unique()}` } }), { status: 400, code: 'invalid_field_value', param: 'team_id' });
      if (ctx.target.otherTeamId) return 'several teams: resolution is not asked of this organisation';
      const ex = await ctx.http.send('createLabel', { body: { name: `Team ${ctx.unique()}` } });
      expectStatus(ex, 201, 'a single-team organisation resolves team_id by itself');
      check(!ctx.teamId || ex.body.data.team_id === ctx.teamId, `a label created without team_id went to ${ex.body.data.team_id}, not the organisation's team ${ctx.teamId}`);
    }),
  ];

  // The description: a request refused with a 4xx leaves its Idempotency-Key unused.
  for (const entry of withKey) {
    const success = successStatus(entry);
    cases.push(
      rule(`${entry.operationId} idempotency: a request refused with 400 leaves its key unused`, [`${entry.operationId} 400`, `${entry.operationId} ${success}`], needsOf(entry, doc, true), async (ctx) => {
        const key = `contract-${ctx.unique()}`;
        const real = await realRequest(ctx, entry, doc);
        const refused = await ctx.http.send(entry.operationId, { ...real, body: {}, headers: { 'Idempotency-Key': key } });
        expectStatus(refused, 400, 'an empty body');
        const ex = await ctx.http.send(entry.operationId, { ...real, headers: { 'Idempotency-Key': key } });
        expectStatus(ex, success, 'the key of a refused request is unused');
        check(ex.headers.get('idempotent-replayed') === 'false', `a first success with the key has Idempotent-Replayed: ${ex.headers.get('idempotent-replayed')}`);
      }),
    );
  }
  return cases;
}
