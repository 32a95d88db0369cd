// Stateful scenarios: what a sequence of requests must show, beyond the shape of each answer.
// They create their own labels with run-unique names, so they can run side by side.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Case } from './case.js';
import type { Context } from './context.js';
import { CaseFailure, check, expectError, expectStatus } from './http.js';
import { examplePath, patternedStrings } from './negative.js';
import type { Label } from './api-types.js';
import { deref, operations, type Json, type OperationEntry } from './openapi.js';

const FAKE_CONTACT = 'ctc_0000000000000000000000ZZZZ';
const FAKE_LABEL = 'lbl_0000000000000000000000ZZZZ';
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Walks the whole list with `limit`, checking page size and order; returns the ids in list order. */
export async function walk(ctx: Context, limit: number): Promise<Label[]> {
  const seen: Label[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 10_000; page++) {
    const ex = await ctx.http.send('listLabels', { query: { limit: String(limit), ...(cursor ? { cursor } : {}) } });
    expectStatus(ex, 200);
    check(ex.body.data.length <= limit, `a page with limit=${limit} has ${ex.body.data.length} labels`);
    check(!ex.body.has_more || ex.body.data.length === limit, `a page that is not the last has ${ex.body.data.length} labels, fewer than limit=${limit}`);
    seen.push(...ex.body.data);
    if (!ex.body.has_more) return seen;
    cursor = ex.body.next_cursor;
  }
  throw new CaseFailure('the list did not end after 10,000 pages');
}

async function inspectContact(ctx: Context, contactId: string): Promise<string[]> {
  // The mock shows a contact only to its own organisation's key.
  const response = await fetch(`${ctx.target.inspectContactUrl}${contactId}`, { headers: { authorization: `Bearer ${ctx.target.apiKey}` } });
  return ((await response.json()) as { label_ids: string[] }).label_ids;
}

/**
 * A POST whose body arrives in two parts; `during` runs after the first part has been sent, while
 * the server is still waiting for the rest. Resolves the answer's status and body.
 */
function slowPost(url: string, apiKey: string, headers: Record<string, string>, body: string, during: () => Promise<void>): Promise<{ status: number; body: Json }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(u, { method: 'POST', headers: { ...headers, authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    const half = Math.floor(body.length / 2);
    req.write(body.slice(0, half), () => {
      during().then(
        () => req.end(body.slice(half)),
        (error) => {
          req.destroy();
          reject(error);
        },
      );
    });
  });
}

function scenario(name: string, covers: string[], needs: Case['needs'], run: Case['run']): Case {
  return { name, group: 'scenario', covers, needs, run };
}

export function scenarioCases(doc: Json): Case[] {
  const contactPath = (ctx: Context) => ctx.contactsOf(ctx.teamId)[0]!;
  const limitParam = deref(doc, doc.components.parameters.Limit);

  const cases: Case[] = [
    scenario(
      'life cycle: create, get, list contains it, update, delete, get is 404, second delete is 404',
      ['createLabel 201', 'getLabel 200', 'listLabels 200', 'updateLabel 200', 'deleteLabel 200', 'getLabel 404', 'deleteLabel 404', 'updateLabel 404'],
      ['writes'],
      async (ctx) => {
        const name = `Life ${ctx.unique()}`;
        const created = await ctx.http.send('createLabel', { body: { team_id: ctx.teamId, name } });
        expectStatus(created, 201);
        const label = created.body.data;
        check(label.name === name && label.team_id === ctx.teamId, `created ${JSON.stringify(label)}, asked for ${name} in ${ctx.teamId}`);
        check(label.color === doc.components.schemas.CreateLabelRequest.properties.color.default, `a label created without color is ${label.color}, not the documented default`);
        const got = await ctx.http.send('getLabel', { path: { id: label.id } });
        expectStatus(got, 200);
        check(same(got.body.data, label), `get answered ${JSON.stringify(got.body.data)}, create ${JSON.stringify(label)}`);
        const listed = await walk(ctx, limitParam.schema.maximum);
        check(listed.filter((l) => l.id === label.id).length === 1, `the list shows ${label.id} ${listed.filter((l) => l.id === label.id).length} times`);
        const renamed = `Life ${ctx.unique()}`;
        const updated = await ctx.http.send('updateLabel', { path: { id: label.id }, body: { name: renamed, color: 'teal' } });
        expectStatus(updated, 200);
        const u = updated.body.data;
        check(u.name === renamed && u.color === 'teal' && u.team_id === label.team_id && u.created_at === label.created_at, `update answered ${JSON.stringify(u)}`);
        check(u.updated_at >= label.updated_at, 'updated_at went back in time');
        const deleted = await ctx.http.send('deleteLabel', { path: { id: label.id } });
        expectStatus(deleted, 200);
        check(same(deleted.body.data, { id: label.id, object: 'label', deleted: true }), `delete answered ${JSON.stringify(deleted.body.data)}`);
        expectError(await ctx.http.send('getLabel', { path: { id: label.id } }), { status: 404, code: 'resource_not_found', param: 'id' });
        expectError(await ctx.http.send('deleteLabel', { path: { id: label.id } }), { status: 404, code: 'resource_not_found', param: 'id' });
        expectError(await ctx.http.send('updateLabel', { path: { id: label.id }, body: { color: 'red' } }), { status: 404, code: 'resource_not_found', param: 'id' });
      },
    ),
    scenario('uniqueness per team: names compared without case and surrounding spaces', ['createLabel 400', 'updateLabel 400', 'updateLabel 200'], ['writes'], async (ctx) => {
      const name = `Uniq ${ctx.unique()}`;
      const first = await ctx.createLabel({ name });
      expectError(await ctx.http.send('createLabel', { body: { team_id: ctx.teamId, name: `  ${name.toUpperCase()} ` } }), { status: 400, code: 'invalid_field_value', param: 'name' });
      const other = await ctx.createLabel();
      expectError(await ctx.http.send('updateLabel', { path: { id: other.id }, body: { name: name.toLowerCase() } }), { status: 400, code: 'invalid_field_value', param: 'name' });
      const own = await ctx.http.send('updateLabel', { path: { id: first.id }, body: { name: name.toLowerCase() } });
      expectStatus(own, 200, 'renaming a label to another casing of its own name');
      if (ctx.target.otherTeamId) {
        const elsewhere = await ctx.http.send('createLabel', { body: { team_id: ctx.target.otherTeamId, name } });
        expectStatus(elsewhere, 201, 'the same name in another team');
      }
    }),
    scenario('pagination: a walk over more labels than limit sees each exactly once, newest first', ['listLabels 200', 'listLabels 400'], ['writes'], async (ctx) => {
      const mine: string[] = [];
      for (let i = 0; i < 7; i++) mine.push((await ctx.createLabel()).id);
      const seen = await walk(ctx, 3);
      const ids = seen.map((l) => l.id);
      const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
      check(repeated.length === 0, `the walk saw ${[...new Set(repeated)].join(', ')} more than once`);
      for (const id of mine) check(ids.includes(id), `the walk never saw ${id}`);
      for (const [i, b] of seen.entries()) {
        const a = seen[i - 1];
        if (!a) continue;
        check(a.created_at > b.created_at || (a.created_at === b.created_at && a.id > b.id), `${a.id} (${a.created_at}) is listed before ${b.id} (${b.created_at}): not newest first`);
      }
      const page = await ctx.http.send('listLabels', { query: { limit: '1' } });
      const cursor: string = page.body.next_cursor;
      check(typeof cursor === 'string', 'a page of 1 over 7+ labels has no next_cursor');
      const flipped = cursor.slice(0, -2) + (cursor.at(-2) === 'A' ? 'B' : 'A') + cursor.at(-1);
      expectError(await ctx.http.send('listLabels', { query: { limit: '1', cursor: flipped } }), { status: 400, code: 'invalid_cursor', param: 'cursor' });
    }),
    scenario('attach and detach are idempotent', ['attachContactLabel 200', 'detachContactLabel 200'], ['writes', 'contacts'], async (ctx) => {
      const label = await ctx.createLabel();
      const contact = contactPath(ctx);
      const attach = () => ctx.http.send('attachContactLabel', { path: { id: contact }, body: { label_id: label.id } });
      const detach = () => ctx.http.send('detachContactLabel', { path: { id: contact, label_id: label.id } });
      const want = (attached: boolean) => ({ contact_id: contact, label_id: label.id, attached });
      for (const [step, expected] of [[attach, true], [attach, true], [detach, false], [detach, false]] as const) {
        const ex = await step();
        expectStatus(ex, 200);
        check(same(ex.body.data, want(expected)), `${ex.request} answered ${JSON.stringify(ex.body.data)}, expected ${JSON.stringify(want(expected))}`);
        if (ctx.target.inspectContactUrl) {
          const held = await inspectContact(ctx, contact);
          check(held.includes(label.id) === expected, `after ${ex.request} the contact's labels are ${JSON.stringify(held)}`);
        }
      }
    }),
    scenario('unknown contact and label ids are 404 naming which', ['attachContactLabel 404', 'detachContactLabel 404'], ['contacts'], async (ctx) => {
      const contact = contactPath(ctx);
      expectError(await ctx.http.send('attachContactLabel', { path: { id: FAKE_CONTACT }, body: { label_id: FAKE_LABEL } }), { status: 404, code: 'resource_not_found', param: 'id' });
      expectError(await ctx.http.send('attachContactLabel', { path: { id: contact }, body: { label_id: FAKE_LABEL } }), { status: 404, code: 'resource_not_found', param: 'label_id' });
      expectError(await ctx.http.send('detachContactLabel', { path: { id: FAKE_CONTACT, label_id: FAKE_LABEL } }), { status: 404, code: 'resource_not_found', param: 'id' });
      expectError(await ctx.http.send('detachContactLabel', { path: { id: contact, label_id: FAKE_LABEL } }), { status: 404, code: 'resource_not_found', param: 'label_id' });
      expectError(await ctx.http.send('bulkLabelContacts', { body: { contact_ids: [contact], label_id: FAKE_LABEL, operation: 'attach' } }), { status: 400, code: 'invalid_field_value', param: 'label_id' });
    }),
    scenario('delete cascades: the label leaves every contact, which stays', ['deleteLabel 200', 'attachContactLabel 404', 'bulkLabelContacts 400'], ['writes', 'contacts'], async (ctx) => {
      const label = await ctx.createLabel();
      const contacts = ctx.contactsOf(ctx.teamId).slice(0, 2);
      const bulk = await ctx.http.send('bulkLabelContacts', { body: { contact_ids: contacts, label_id: label.id, operation: 'attach' } });
      expectStatus(bulk, 200);
      expectStatus(await ctx.http.send('deleteLabel', { path: { id: label.id } }), 200);
      for (const contact of contacts) {
        if (ctx.target.inspectContactUrl) check(!(await inspectContact(ctx, contact)).includes(label.id), `contact ${contact} still has deleted label ${label.id}`);
        expectError(await ctx.http.send('attachContactLabel', { path: { id: contact }, body: { label_id: label.id } }), { status: 404, code: 'resource_not_found', param: 'label_id' });
      }
      expectError(await ctx.http.send('bulkLabelContacts', { body: { contact_ids: contacts, label_id: label.id, operation: 'detach' } }), { status: 400, code: 'invalid_field_value', param: 'label_id' });
    }),
    scenario('team rules: team_id required with several teams, unknown team, cross-team attach, bulk counts', ['createLabel 400', 'attachContactLabel 400', 'bulkLabelContacts 200'], ['writes', 'contacts', 'otherTeam'], async (ctx) => {
      const other = ctx.target.otherTeamId!;
      expectError(await ctx.http.send('createLabel', { body: { name: `Team ${ctx.unique()}` } }), { status: 400, code: 'missing_required_field', param: 'team_id' });
      expectError(await ctx.http.send('createLabel', { body: { team_id: `no_such_team_${ctx.unique(8)}`, name: `Team ${ctx.unique()}` } }), { status: 400, code: 'invalid_field_value', param: 'team_id' });
      const label = await ctx.createLabel();
      const stranger = ctx.contactsOf(other)[0];
      check(stranger, `no contact of team ${other} in the fixtures`);
      expectError(await ctx.http.send('attachContactLabel', { path: { id: stranger }, body: { label_id: label.id } }), { status: 400, code: 'invalid_field_value', param: 'label_id' });
      const mine = ctx.contactsOf(ctx.teamId);
      const foreign = ctx.target.foreignContacts ?? [];
      const unknown = patternedStrings(deref(doc, doc.components.schemas.ContactId), 2, 99);
      const ex = await ctx.http.send('bulkLabelContacts', { body: { contact_ids: [...mine, stranger, ...foreign, ...unknown], label_id: label.id, operation: 'attach' } });
      expectStatus(ex, 200);
      const want = { applied: mine.length, skipped_cross_org: foreign.length + unknown.length, skipped_team_mismatch: 1 };
      check(same(ex.body.data, want), `bulk answered ${JSON.stringify(ex.body.data)}, expected ${JSON.stringify(want)}`);
      expectError(await ctx.http.send('updateLabel', { path: { id: label.id }, body: { team_id: other } }), { status: 400, code: 'invalid_field_value', param: 'team_id' });
    }),
  ];

  // Idempotency, for each POST that declares the header: replay, reuse, and in progress.
  const idempotent: Array<[string, (ctx: Context) => Promise<{ path?: Record<string, string>; body: Json; other: Json }>, Case['needs']]> = [
    ['createLabel', async (ctx) => ({ body: { team_id: ctx.teamId, name: `Idem ${ctx.unique()}` }, other: { team_id: ctx.teamId, name: `Idem ${ctx.unique()}` } }), ['writes']],
    [
      'attachContactLabel',
      async (ctx) => {
        const [a, b] = [await ctx.createLabel(), await ctx.createLabel()];
        return { path: { id: contactPath(ctx) }, body: { label_id: a.id }, other: { label_id: b.id } };
      },
      ['writes', 'contacts'],
    ],
    [
      'bulkLabelContacts',
      async (ctx) => {
        const label = await ctx.createLabel();
        return { body: { contact_ids: [contactPath(ctx)], label_id: label.id, operation: 'attach' }, other: { contact_ids: [contactPath(ctx)], label_id: label.id, operation: 'detach' } };
      },
      ['writes', 'contacts'],
    ],
  ];
  for (const [operationId, prepare, needs] of idempotent) {
    cases.push(
      scenario(`${operationId} idempotency: replay answers the first response, reuse is 422`, [`${operationId} 422`], needs, async (ctx) => {
        const { path, body, other } = await prepare(ctx);
        const key = `contract-${ctx.unique()}`;
        const first = await ctx.http.send(operationId, { path, body, headers: { 'Idempotency-Key': key } });
        check(first.status < 300, `${first.request} → ${first.status}`);
        check(first.headers.get('idempotent-replayed') === 'false', `the first answer has Idempotent-Replayed: ${first.headers.get('idempotent-replayed')}`);
        const replay = await ctx.http.send(operationId, { path, body, headers: { 'Idempotency-Key': key } });
        check(replay.status === first.status && same(replay.body, first.body), `the replay answered ${replay.status} ${JSON.stringify(replay.body)}, the first ${first.status} ${JSON.stringify(first.body)}`);
        check(replay.headers.get('idempotent-replayed') === 'true', `the replay has Idempotent-Replayed: ${replay.headers.get('idempotent-replayed')}`);
        if (operationId === 'createLabel') {
          const named = (await walk(ctx, 100)).filter((l) => l.name.includes(body.name.slice(5)));
          check(named.length === 1, `after a replayed create the list holds ${named.length} labels named like ${body.name}`);
        }
        expectError(await ctx.http.send(operationId, { path, body: other, headers: { 'Idempotency-Key': key } }), { status: 422, code: 'idempotency_key_reuse', param: 'Idempotency-Key' });
      }),
      scenario(`${operationId} idempotency: the same key while the first request is in flight is 409`, [`${operationId} 409`], needs, async (ctx) => {
        const entry = ctx.http.entry(operationId);
        // The server takes the key when the request arrives; a second request races that, so a
        // few attempts with fresh keys and bodies are allowed before concluding that 409 never comes.
        for (let attempt = 0; attempt < 5; attempt++) {
          const { path, body } = await prepare(ctx);
          const url = ctx.target.baseUrl + entry.path.replace(/\{([^}]+)\}/g, (_, n: string) => encodeURIComponent(path?.[n] ?? ''));
          const key = `contract-${ctx.unique()}`;
          let conflict: Awaited<ReturnType<typeof ctx.http.send>> | undefined;
          const first = await slowPost(url, ctx.target.apiKey, { 'Idempotency-Key': key }, JSON.stringify(body), async () => {
            await new Promise((r) => setTimeout(r, attempt * 20));
            conflict = await ctx.http.send(operationId, { path, body, headers: { 'Idempotency-Key': key } });
          });
          if (operationId === 'createLabel' && first.status === 201) ctx.created.add(first.body.data.id);
          if (conflict!.status === 409) {
            expectError(conflict!, { status: 409, code: 'idempotency_in_progress', param: 'Idempotency-Key' });
            check(first.status < 300, `the first request answered ${first.status} after the conflict`);
            return;
          }
        }
        throw new CaseFailure(`${operationId}: a second request with the key of a request still in flight never got 409 in 5 attempts`);
      }),
    );
  }

  // Every operation that documents 429: a new operation is covered by itself. The limit is
  // checked before the body, so a body that is not an object draws from the bucket without
  // ever writing while the bucket drains.
  const limited = operations(doc).filter((entry) => entry.statuses.includes('429'));
  cases.push(
    scenario(
      'rate limit: every operation answers 429 with Retry-After when its bucket is empty, and waiting Retry-After is enough',
      limited.map((entry) => `${entry.operationId} 429`),
      ['rateLimited'],
      async (ctx) => {
        const { baseUrl, apiKey } = ctx.target.rateLimited!;
        const request = (entry: OperationEntry) => ({ baseUrl, apiKey, path: examplePath(entry, doc), ...(entry.requestBody ? { raw: '[]' } : {}) });
        const drain = async (entry: OperationEntry) => {
          for (let i = 0; i < 1000; i++) if ((await ctx.http.send(entry.operationId, request(entry))).status === 429) return;
          throw new CaseFailure(`${entry.operationId}: 1,000 requests and no 429`);
        };
        let wait = 0;
        for (const entry of limited) {
          // Drain the bucket right before each check: the test windows are short, and on a busy
          // machine one can roll over between the drain and the check; a check that finds a fresh
          // window drains again (three times at most).
          let ex = await ctx.http.send(entry.operationId, request(entry));
          for (let attempt = 0; attempt < 3 && ex.status !== 429; attempt++) {
            await drain(entry);
            ex = await ctx.http.send(entry.operationId, request(entry));
          }
          expectError(ex, { status: 429, code: 'rate_limit_exceeded' });
          wait = Math.max(wait, Number(ex.headers.get('retry-after')));
        }
        await new Promise((r) => setTimeout(r, wait * 1000));
        const after = await ctx.http.send(limited[0]!.operationId, request(limited[0]!));
        check(after.status !== 429, `still 429 after waiting Retry-After (${wait} s)`);
      },
    ),
  );
  return cases;
}
