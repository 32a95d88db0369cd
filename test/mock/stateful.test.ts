// The stateful mock keeps the documented rules: every answer is checked against the description
// (ajv over the bundle, and Prism's response validator inside the mock: zero violations).
import { request as httpRequest } from 'node:http';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { contacts, keys, labels, orgs } from '../../mock/index.mjs';
import { send, expectError, inspectContact, MOCK_ADMIN, reset, violations, type RequestOptions } from './http.js';

const IRE = 'invalid_request_error';
const [SUPPORT, SALES] = orgs.multiTeam.teams as [string, string];
const [SOLO_TEAM] = orgs.singleTeam.teams as [string];
const BUG = labels[SUPPORT]![0]!; // "Bug"
const SALES_LABEL = labels[SALES]![0]!;
const SOLO_LABEL = labels[SOLO_TEAM]![0]!;
const SUPPORT_CONTACT = contacts[SUPPORT]![0]!;
const SALES_CONTACT = contacts[SALES]![0]!;
const SOLO_CONTACT = contacts[SOLO_TEAM]![0]!;

const { stateful: url, limited: limitedUrl } = inject('mocks');
beforeEach(() => reset(url));
afterEach(async () => expect(await violations(url)).toEqual([]));

const multi = (method: string, path: string, op: string, o: RequestOptions = {}) => send(url, method, path, { key: keys.multiTeam, op, ...o });
const solo = (method: string, path: string, op: string, o: RequestOptions = {}) => send(url, method, path, { key: keys.singleTeam, op, ...o });
const inspect = (contactId: string) => inspectContact(url, contactId);

describe('labels: create, read, update, delete', () => {
  it('creates a label with a new id and timestamps, which get, list, update and delete then see', async () => {
    const created = await multi('POST', '/labels', 'createLabel', { body: { team_id: SUPPORT, name: 'Follow-up' } });
    expect(created.status).toBe(201);
    const label = created.body.data;
    expect(label).toMatchObject({ object: 'label', name: 'Follow-up', color: 'gray', team_id: SUPPORT });
    expect(label.id).toMatch(/^lbl_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(label.created_at).toBe(label.updated_at);
    expect(Math.abs(Date.parse(label.created_at) - Date.now())).toBeLessThan(5_000);

    expect((await multi('GET', `/labels/${label.id}`, 'getLabel')).body.data).toEqual(label);
    expect((await multi('GET', '/labels?limit=1', 'listLabels')).body.data).toEqual([label]);

    const updated = await multi('PATCH', `/labels/${label.id}`, 'updateLabel', { body: { color: 'amber' } });
    expect(updated.body.data).toEqual({ ...label, color: 'amber', updated_at: updated.body.data.updated_at });

    const deleted = await multi('DELETE', `/labels/${label.id}`, 'deleteLabel');
    expect(deleted.body.data).toEqual({ id: label.id, object: 'label', deleted: true });
    expectError(await multi('DELETE', `/labels/${label.id}`, 'deleteLabel'), 404, 'not_found', 'resource_not_found', 'id', new RegExp(label.id));
    expectError(await multi('GET', `/labels/${label.id}`, 'getLabel'), 404, 'not_found', 'resource_not_found', 'id');
  });

  it('keeps names unique per team, case-insensitively and trimmed, on create and rename', async () => {
    expectError(await multi('POST', '/labels', 'createLabel', { body: { team_id: SUPPORT, name: ' bug ' } }), 400, IRE, 'invalid_field_value', 'name', /"Bug" already exists in team/);
    // The same name in another team is fine.
    expect((await multi('POST', '/labels', 'createLabel', { body: { team_id: SALES, name: 'BUG' } })).status).toBe(201);
    const other = (await multi('POST', '/labels', 'createLabel', { body: { team_id: SUPPORT, name: 'Defect' } })).body.data;
    expectError(await multi('PATCH', `/labels/${other.id}`, 'updateLabel', { body: { name: 'BUG  ' } }), 400, IRE, 'invalid_field_value', 'name');
    // Renaming a label to a casing of its own name is allowed, and frees the old name.
    expect((await multi('PATCH', `/labels/${BUG}`, 'updateLabel', { body: { name: 'bug' } })).body.data.name).toBe('bug');
    expect((await multi('PATCH', `/labels/${BUG}`, 'updateLabel', { body: { name: 'Issue' } })).status).toBe(200);
    expect((await multi('POST', '/labels', 'createLabel', { body: { team_id: SUPPORT, name: 'Bug' } })).status).toBe(201);
  });

  it('resolves the team of a single-team organisation and requires it in a multi-team one', async () => {
    const created = await solo('POST', '/labels', 'createLabel', { body: { name: 'Follow-up', color: 'teal' } });
    expect(created.body.data).toMatchObject({ team_id: SOLO_TEAM, color: 'teal' });
    expectError(await multi('POST', '/labels', 'createLabel', { body: { name: 'Follow-up' } }), 400, IRE, 'missing_required_field', 'team_id', /several teams/);
    expectError(await multi('POST', '/labels', 'createLabel', { body: { name: 'Follow-up', team_id: 'team_marketing' } }), 400, IRE, 'invalid_field_value', 'team_id', /team_marketing is not a team/);
    expectError(await solo('POST', '/labels', 'createLabel', { body: { name: 'Follow-up', team_id: SUPPORT } }), 400, IRE, 'invalid_field_value', 'team_id');
  });

  it("answers 404 for another organisation's ids, never 403", async () => {
    expectError(await solo('GET', `/labels/${BUG}`, 'getLabel'), 404, 'not_found', 'resource_not_found', 'id');
    expectError(await solo('PATCH', `/labels/${BUG}`, 'updateLabel', { body: { name: 'Mine' } }), 404, 'not_found', 'resource_not_found', 'id');
    expectError(await solo('DELETE', `/labels/${BUG}`, 'deleteLabel'), 404, 'not_found', 'resource_not_found', 'id');
    expectError(await solo('POST', `/contacts/${SUPPORT_CONTACT}/labels`, 'attachContactLabel', { body: { label_id: SOLO_LABEL } }), 404, 'not_found', 'resource_not_found', 'id');
    expectError(await solo('POST', `/contacts/${SOLO_CONTACT}/labels`, 'attachContactLabel', { body: { label_id: BUG } }), 404, 'not_found', 'resource_not_found', 'label_id');
    expect((await solo('GET', '/labels', 'listLabels')).body.data.map((l: { id: string }) => l.id)).toEqual([SOLO_LABEL]);
    expect((await multi('GET', `/labels/${BUG}`, 'getLabel')).status).toBe(200);
  });
});

describe('pagination', () => {
  it('pages through real data newest first, with coherent has_more and next_cursor', async () => {
    const made: string[] = [];
    for (let i = 0; i < 7; i++) made.push((await solo('POST', '/labels', 'createLabel', { body: { name: `L${i}` } })).body.data.id);
    const expected = [...made].reverse().concat(SOLO_LABEL);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof solo>> = await solo('GET', `/labels?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, 'listLabels');
      pages++;
      seen.push(...page.body.data.map((l: { id: string }) => l.id));
      expect(page.body.next_cursor === null).toBe(!page.body.has_more);
      cursor = page.body.next_cursor;
      // A label created while paging is newer than the cursor: it never shows up on later pages.
      if (pages === 1) await solo('POST', '/labels', 'createLabel', { body: { name: 'Late' } });
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(expected);
  });

  it('uses the description default limit and refuses a tampered or foreign cursor', async () => {
    for (let i = 0; i < 26; i++) await solo('POST', '/labels', 'createLabel', { body: { name: `N${i}` } });
    const first = await solo('GET', '/labels', 'listLabels');
    expect(first.body.data).toHaveLength(25);
    expect(first.body.has_more).toBe(true);
    const cursor: string = first.body.next_cursor;
    const [payload, signature] = cursor.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ c: '2099-01-01T00:00:00Z', i: 'lbl_00000000000000000000000000' })).toString('base64url');
    for (const bad of [`${forged}.${signature}`, `${payload}.${signature.slice(1)}x`, 'not-a-cursor', payload]) {
      expectError(await solo('GET', `/labels?cursor=${encodeURIComponent(bad)}`, 'listLabels'), 400, IRE, 'invalid_cursor', 'cursor', /next_cursor/);
    }
    // A cursor is bound to the organisation it was issued to.
    expectError(await multi('GET', `/labels?cursor=${encodeURIComponent(cursor)}`, 'listLabels'), 400, IRE, 'invalid_cursor', 'cursor');
    const last = await solo('GET', `/labels?cursor=${encodeURIComponent(cursor)}`, 'listLabels');
    expect(last.body).toMatchObject({ has_more: false, next_cursor: null });
    expect(last.body.data).toHaveLength(2);
  });
});

describe('contacts and labels', () => {
  it('attaches and detaches idempotently, and refuses a team mismatch', async () => {
    for (let i = 0; i < 2; i++) {
      const attached = await multi('POST', `/contacts/${SUPPORT_CONTACT}/labels`, 'attachContactLabel', { body: { label_id: BUG } });
      expect(attached.body.data).toEqual({ contact_id: SUPPORT_CONTACT, label_id: BUG, attached: true });
    }
    expect((await inspect(SUPPORT_CONTACT)).label_ids).toEqual([BUG]);
    for (let i = 0; i < 2; i++) {
      const detached = await multi('DELETE', `/contacts/${SUPPORT_CONTACT}/labels/${BUG}`, 'detachContactLabel');
      expect(detached.body.data).toEqual({ contact_id: SUPPORT_CONTACT, label_id: BUG, attached: false });
    }
    expect((await inspect(SUPPORT_CONTACT)).label_ids).toEqual([]);
    expectError(
      await multi('POST', `/contacts/${SUPPORT_CONTACT}/labels`, 'attachContactLabel', { body: { label_id: SALES_LABEL } }),
      400, IRE, 'invalid_field_value', 'label_id', /belongs to team team_sales and contact .* to team team_support/,
    );
    expectError(await multi('DELETE', `/contacts/ctc_00000000000000000000000000/labels/${BUG}`, 'detachContactLabel'), 404, 'not_found', 'resource_not_found', 'id');
    expectError(await multi('DELETE', `/contacts/${SUPPORT_CONTACT}/labels/lbl_00000000000000000000000000`, 'detachContactLabel'), 404, 'not_found', 'resource_not_found', 'label_id');
  });

  it('detaches a deleted label from every contact, which stay', async () => {
    await multi('POST', '/contacts/bulk_label', 'bulkLabelContacts', { body: { contact_ids: contacts[SUPPORT], label_id: BUG, operation: 'attach' } });
    for (const c of contacts[SUPPORT]!) expect((await inspect(c)).label_ids).toContain(BUG);
    await multi('DELETE', `/labels/${BUG}`, 'deleteLabel');
    for (const c of contacts[SUPPORT]!) expect((await inspect(c)).label_ids).not.toContain(BUG);
    expectError(await multi('DELETE', `/contacts/${SUPPORT_CONTACT}/labels/${BUG}`, 'detachContactLabel'), 404, 'not_found', 'resource_not_found', 'label_id');
  });

  it('counts bulk results truthfully', async () => {
    const body = { contact_ids: [...contacts[SUPPORT]!, SALES_CONTACT, SOLO_CONTACT, 'ctc_00000000000000000000000000'], label_id: BUG, operation: 'attach' };
    const attach = await multi('POST', '/contacts/bulk_label', 'bulkLabelContacts', { body });
    expect(attach.body.data).toEqual({ applied: contacts[SUPPORT]!.length, skipped_cross_org: 2, skipped_team_mismatch: 1 });
    expect((await inspect(SALES_CONTACT)).label_ids).not.toContain(BUG);
    const detach = await multi('POST', '/contacts/bulk_label', 'bulkLabelContacts', { body: { ...body, operation: 'detach' } });
    expect(detach.body.data).toEqual(attach.body.data);
    expect((await inspect(SUPPORT_CONTACT)).label_ids).toEqual([]);
    expectError(
      await multi('POST', '/contacts/bulk_label', 'bulkLabelContacts', { body: { ...body, label_id: SOLO_LABEL } }),
      400, IRE, 'invalid_field_value', 'label_id', /not a label of this organisation/,
    );
  });
});

describe('Idempotency-Key', () => {
  it('replays the first answer, refuses another body (422), and forgets a failed request', async () => {
    const headers = { 'Idempotency-Key': 'key-1' };
    const first = await multi('POST', '/labels', 'createLabel', { body: { team_id: SUPPORT, name: 'Once' }, headers });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBe('false');
    const again = await multi('POST', '/labels', 'createLabel', { raw: JSON.stringify({ name: 'Once', team_id: SUPPORT }, null, 2), headers });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect((await multi('GET', '/labels?limit=100', 'listLabels')).body.data.filter((l: { name: string }) => l.name === 'Once')).toHaveLength(1);
    expectError(await multi('POST', '/labels', 'createLabel', { body: { team_id: SUPPORT, name: 'Twice' }, headers }), 422, IRE, 'idempotency_key_reuse', 'Idempotency-Key');
    // Scoped to the organisation: another one may use the same key.
    expect((await solo('POST', '/labels', 'createLabel', { body: { name: 'Once' }, headers })).headers.get('idempotent-replayed')).toBe('false');
    // A rejected request leaves its key unused.
    const failed = { 'Idempotency-Key': 'key-2' };
    expect((await multi('POST', '/labels', 'createLabel', { body: { team_id: SUPPORT, name: 'bug' }, headers: failed })).status).toBe(400);
    expect((await multi('POST', '/labels', 'createLabel', { body: { team_id: SUPPORT, name: 'Fixed' }, headers: failed })).status).toBe(201);
  });

  it('answers 409 while the first request with the key is still in flight', async () => {
    const target = new URL(`${url}/contacts/${SUPPORT_CONTACT}/labels`);
    const body = JSON.stringify({ label_id: BUG });
    // The first request sends its headers and half its body, and waits.
    const slow = httpRequest(target, {
      method: 'POST',
      headers: { authorization: `Bearer ${keys.multiTeam}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'idempotency-key': 'slow' },
    });
    const slowAnswer = new Promise<{ status: number; replayed: string | undefined }>((resolve, reject) => {
      slow.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode!, replayed: res.headers['idempotent-replayed'] as string | undefined }));
      });
      slow.on('error', reject);
    });
    slow.write(body.slice(0, 5));
    await new Promise((r) => setTimeout(r, 50)); // let the headers reach the mock
    const busy = await multi('POST', target.pathname.replace(/^\/v1/, ''), 'attachContactLabel', { body: { label_id: BUG }, headers: { 'Idempotency-Key': 'slow' } });
    expectError(busy, 409, 'conflict', 'idempotency_in_progress', 'Idempotency-Key');
    slow.end(body.slice(5));
    expect(await slowAnswer).toEqual({ status: 200, replayed: 'false' });
  });
});

describe('rate limits and reset', () => {
  it('answers 429 with Retry-After when a bucket is empty, per organisation and per bucket', async () => {
    await reset(limitedUrl);
    {
      const write = (key: string) => send(limitedUrl, 'POST', '/labels', { key, body: { name: `n${Math.random()}` }, op: 'createLabel' });
      await write(keys.singleTeam);
      const second = await write(keys.singleTeam);
      expect(second.headers.get('x-ratelimit-remaining')).toBe('0');
      const refused = await write(keys.singleTeam);
      expectError(refused, 429, 'rate_limit_error', 'rate_limit_exceeded', undefined, /2 a minute/);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      // Reads have their own bucket, other organisations their own.
      expect((await send(limitedUrl, 'GET', '/labels', { key: keys.singleTeam, op: 'listLabels' })).status).toBe(200);
      expect((await write(keys.multiTeam)).status).toBe(400); // multi-team: team_id missing, but not limited
      await reset(limitedUrl);
      expect((await write(keys.singleTeam)).status).toBe(201);
    }
  });

  it('goes back to the seed on POST /__mock/reset', async () => {
    const created = (await multi('POST', '/labels', 'createLabel', { body: { team_id: SUPPORT, name: 'Temp' } })).body.data;
    await reset(url);
    expectError(await multi('GET', `/labels/${created.id}`, 'getLabel'), 404, 'not_found', 'resource_not_found', 'id');
    await multi('DELETE', `/labels/${BUG}`, 'deleteLabel');
    const answer = await fetch(`${new URL(url).origin}/__mock/reset`, { method: 'POST', headers: MOCK_ADMIN });
    expect(await answer.json()).toEqual({ reset: true });
    expect((await multi('GET', `/labels/${BUG}`, 'getLabel')).status).toBe(200);
  });
});
