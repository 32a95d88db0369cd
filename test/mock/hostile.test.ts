// The mock under careless and hostile requests (issue 12): no 500 from an ordinary mistake, admin
// routes out of reach of other tenants and of web pages, bounded memory, a strict `limit`, the
// name rules, newest-first order, and the smaller cases. The stateful mocks are its own, since it
// resets and seeds them, and in this process, since one case watches what the mock writes to
// stderr; the stateless mock, which keeps nothing, is the global setup's (its mocker is the slow
// part of Prism's engine to load).
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { contacts, keys, labels, orgs, seed, startMock } from '../../mock/index.mjs';
import { IdempotencyStore, fingerprint } from '../../mock/lib/idempotency.mjs';
import { RateLimiter } from '../../mock/lib/rate-limit.mjs';
import { expectError, send } from './http.js';

const IRE = 'invalid_request_error';
const [SUPPORT] = orgs.multiTeam.teams as [string, string];
const [SOLO_TEAM] = orgs.singleTeam.teams as [string];
const ADMIN = { 'kirim-mock-admin': 'true' };
const BODY_LIMIT = 1024;

type Mock = Awaited<ReturnType<typeof startMock>>;
let stateful: Mock;
const stateless = { url: inject('mocks').stateless };
beforeAll(async () => {
  stateful = await startMock({ stateful: true, bodyLimit: BODY_LIMIT });
});
afterAll(() => stateful.stop());

/** One raw request (node:http lets a GET carry a body); resolves status, headers and text, or the socket error. */
function raw(url: string, method: string, headers: Record<string, string>, body?: Buffer | string): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const envelope = (text: string) => JSON.parse(text).error as { type: string; code: string; param?: string; message: string };
const auth = (key: string) => ({ authorization: `Bearer ${key}` });

describe('item 1: no 500 from ordinary mistakes', () => {
  it.each(['GET', 'DELETE'])('a body with Content-Length on %s: 400 invalid_request, both modes', async (method) => {
    for (const mock of [stateful, stateless]) {
      const answer = await raw(`${mock.url}/labels/${labels[SUPPORT]![0]}`, method, { ...auth(keys.multiTeam), 'content-type': 'application/json' }, '{"x":1}');
      expect(answer.status).toBe(400);
      expect(envelope(answer.text)).toMatchObject({ type: IRE, code: 'invalid_request' });
    }
  });

  it('a malformed percent-escape in a path: 400 naming the id, and the admin route does not fail', async () => {
    for (const mock of [stateful, stateless]) {
      expectError(await send(mock.url, 'GET', '/labels/%ZZ', { key: keys.multiTeam }), 400, IRE, 'invalid_field_value', 'id');
    }
    const admin = await raw(`${stateful.origin}/__mock/contacts/%`, 'GET', ADMIN);
    expect(admin.status).toBeLessThan(500);
  });

  it.each(['?limit=', '?limit'])('%s in stateful mode: 400 invalid_limit', async (query) => {
    expectError(await send(stateful.url, 'GET', `/labels${query}`, { key: keys.multiTeam }), 400, IRE, 'invalid_limit', 'limit');
  });
});

describe('item 2: the admin routes', () => {
  const create = (key: string, name: string, team?: string) => send(stateful.url, 'POST', '/labels', { key, body: { name, ...(team ? { team_id: team } : {}) } });
  const exists = async (key: string, id: string) => (await send(stateful.url, 'GET', `/labels/${id}`, { key })).status === 200;

  it('refuse a reset with neither a key nor the admin header, as a web page would send it, with no CORS header', async () => {
    const label = (await create(keys.singleTeam, 'Kept')).body.data;
    const answer = await raw(`${stateful.origin}/__mock/reset`, 'POST', { 'content-type': 'text/plain', origin: 'http://evil.example' }, 'x');
    expect(answer.status).toBe(403);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    expect(await exists(keys.singleTeam, label.id)).toBe(true);
    const preflight = await raw(`${stateful.origin}/__mock/reset`, 'OPTIONS', { origin: 'http://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'kirim-mock-admin' });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('a reset with a tenant key resets that tenant only; the admin header resets all', async () => {
    const solo = (await create(keys.singleTeam, 'Solo temp')).body.data;
    const multi = (await create(keys.multiTeam, 'Multi temp', SUPPORT)).body.data;
    const tenant = await raw(`${stateful.origin}/__mock/reset`, 'POST', auth(keys.singleTeam));
    expect(tenant.status).toBe(200);
    expect(JSON.parse(tenant.text)).toEqual({ reset: true, scope: orgs.singleTeam.id });
    expect(await exists(keys.singleTeam, solo.id)).toBe(false);
    expect(await exists(keys.multiTeam, multi.id)).toBe(true);
    expect((await raw(`${stateful.origin}/__mock/reset`, 'POST', auth('kdv_live_Zx8Q2mN4vB7rT1yK9pL3sD6f'))).status).toBe(401);
    expect((await raw(`${stateful.origin}/__mock/reset`, 'POST', ADMIN)).status).toBe(200);
    expect(await exists(keys.multiTeam, multi.id)).toBe(false);
  });

  it("a contact is shown to its own organisation's key or the admin header, never to another tenant", async () => {
    const mine = contacts[SUPPORT]![0]!;
    expect((await raw(`${stateful.origin}/__mock/contacts/${mine}`, 'GET', auth(keys.multiTeam))).status).toBe(200);
    expect((await raw(`${stateful.origin}/__mock/contacts/${mine}`, 'GET', ADMIN)).status).toBe(200);
    expect((await raw(`${stateful.origin}/__mock/contacts/${mine}`, 'GET', auth(keys.singleTeam))).status).toBe(404);
    const anonymous = await raw(`${stateful.origin}/__mock/contacts/${mine}`, 'GET', {});
    expect(anonymous.status).toBe(403);
    expect(anonymous.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('item 3: bounded memory', () => {
  it('unauthenticated requests are counted per client address, whatever token they carry', async () => {
    const remaining = [];
    for (let i = 0; i < 3; i++) {
      const answer = await raw(`${stateful.url}/labels`, 'GET', auth(`kdv_live_Unknown${String(i).padStart(15, '0')}`));
      expect(answer.status).toBe(401);
      remaining.push(Number(answer.headers['x-ratelimit-remaining']));
    }
    expect(remaining[1]).toBe(remaining[0]! - 1);
    expect(remaining[2]).toBe(remaining[0]! - 2);
  });

  // Caps of 100 (the defaults are 10,000) and fifty times as many keys: the same overflow, and a
  // tenth of the loop.
  it('the rate limiter forgets ended windows and holds at most its cap', () => {
    const limiter = new RateLimiter(() => 10, 60, 100);
    for (let i = 0; i < 5_000; i++) limiter.take(`key:${i}`, 'read', 0);
    expect(limiter.windows.size).toBeLessThanOrEqual(100);
    limiter.take('key:late', 'read', 61_000);
    expect(limiter.windows.size).toBe(1);
  });

  it('the idempotency store forgets entries after 24 hours and holds at most its cap per organisation', () => {
    const store = new IdempotencyStore(24 * 3600_000, 100);
    const answer = { status: 200, fingerprint: 'f', text: '{}', requestId: 'req_x' };
    // Every lock's answer, checked at once: one expect per key was most of this case's time.
    const notLocked: string[] = [];
    for (let i = 0; i < 5_000; i++) {
      const locked = store.lock('org:a', `k${i}`, i);
      if (locked !== 'locked') notLocked.push(`k${i}: ${locked}`);
      store.finish('org:a', `k${i}`, answer, i);
    }
    expect(notLocked).toEqual([]);
    store.lock('org:b', 'k', 0);
    store.finish('org:b', 'k', answer, 0);
    expect(store.size('org:a')).toBeLessThanOrEqual(100);
    expect(store.size('org:b')).toBe(1);
    expect(store.lock('org:b', 'k', 24 * 3600_000 + 1)).toBe('locked');
    expect(store.lock('org:a', 'k4999', 4_999)).toBe('stored');
  });

  it('a fingerprint is a fixed-size digest, not the body', () => {
    const big = { contact_ids: Array.from({ length: 1_000 }, (_, i) => `ctc_${String(i).padStart(26, '0')}`) };
    expect(fingerprint('POST', '/contacts/bulk_label', big).length).toBeLessThan(100);
    expect(fingerprint('POST', '/x', { a: 1, b: 2 })).toBe(fingerprint('POST', '/x', { b: 2, a: 1 }));
  });
});

describe('item 4: only a plain decimal integer is a limit', () => {
  it.each(['0x10', '0b11', '1e1', '+5', '05', '1.0', '%201', '1%20', '-0', ''])('limit=%s: 400 invalid_limit, both modes', async (value) => {
    for (const mock of [stateful, stateless]) {
      expectError(await send(mock.url, 'GET', `/labels?limit=${value}`, { key: keys.multiTeam }), 400, IRE, 'invalid_limit', 'limit');
    }
  });

  it('limit=1 and limit=100 are limits', async () => {
    for (const value of ['1', '100']) expect((await send(stateful.url, 'GET', `/labels?limit=${value}`, { key: keys.multiTeam })).status).toBe(200);
  });
});

describe('item 5: names', () => {
  const createName = (name: string) => send(stateful.url, 'POST', '/labels', { key: keys.singleTeam, body: { name } });

  it('a name that is empty after trimming: 400 invalid_field_value, on create and rename', async () => {
    expectError(await createName(' \t\u00a0 '), 400, IRE, 'invalid_field_value', 'name', /empty/);
    expectError(await send(stateful.url, 'PATCH', `/labels/${labels[SOLO_TEAM]![0]}`, { key: keys.singleTeam, body: { name: '   ' } }), 400, IRE, 'invalid_field_value', 'name');
  });

  it('NFC and NFD forms of a name are the same name', async () => {
    expect((await createName('Caf\u00e9 A')).status).toBe(201);
    expectError(await createName('Cafe\u0301 a'), 400, IRE, 'invalid_field_value', 'name', /already exists/);
  });

  it('the length counts code points: 50 emoji pass, 51 do not', async () => {
    expect((await createName('😀'.repeat(50))).status).toBe(201);
    expectError(await createName('😁'.repeat(51)), 400, IRE, 'invalid_field_value', 'name', /at most 50/);
  });

  it('a body that is not valid UTF-8: 400 invalid_request, nothing stored', async () => {
    const body = Buffer.concat([Buffer.from('{"name":"Bad '), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    for (const mock of [stateful, stateless]) {
      const answer = await raw(`${mock.url}/labels`, 'POST', { ...auth(keys.singleTeam), 'content-type': 'application/json' }, body);
      expect(answer.status).toBe(400);
      expect(envelope(answer.text)).toMatchObject({ code: 'invalid_request', message: expect.stringMatching(/UTF-8/) });
    }
  });
});

describe('item 6: newest first, by created_at', () => {
  it('a seed label dated in the future comes first, and a walk sees every label once', async () => {
    const future = { id: 'lbl_01KZZZZZZZZZZZZZZZZZZZZZZZ', name: 'From the future', color: 'red', team_id: SOLO_TEAM, created_at: '2099-01-01T00:00:00Z', updated_at: '2099-01-01T00:00:00Z' };
    const custom = structuredClone(seed);
    const solo = custom.organizations.find((o: { id: string }) => o.id === orgs.singleTeam.id)!;
    solo.labels = [future, ...(solo.labels ?? [])];
    const mock = await startMock({ stateful: true, seed: custom });
    try {
      const created = (await send(mock.url, 'POST', '/labels', { key: keys.singleTeam, body: { name: 'Now' } })).body.data;
      const walked: { id: string; created_at: string }[] = [];
      let cursor: string | null = null;
      do {
        const page = await send(mock.url, 'GET', `/labels?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { key: keys.singleTeam });
        walked.push(...page.body.data);
        cursor = page.body.next_cursor;
      } while (cursor);
      expect(walked[0]!.id).toBe(future.id);
      expect(walked[1]!.id).toBe(created.id);
      expect(walked).toHaveLength(solo.labels.length + 1);
      const times = walked.map((l) => l.created_at);
      expect(times).toEqual([...times].sort().reverse());
    } finally {
      await mock.stop();
    }
  });
});

describe('item 7: smaller cases', () => {
  it.each(['constructor', '__proto__', 'toString'])('stateless Prefer: code=%s is a 400 naming Prefer', async (code) => {
    expectError(await send(stateless.url, 'GET', '/labels', { key: keys.multiTeam, headers: { prefer: `code=${code}` } }), 400, IRE, 'invalid_field_value', 'Prefer');
    expectError(await send(stateless.url, 'GET', '/labels', { key: keys.multiTeam, headers: { prefer: `example=${code}` } }), 400, IRE, 'invalid_field_value', 'Prefer');
  });

  it('GET /v1/labels/ names the missing id, with no "undefined" in the message', async () => {
    for (const mock of [stateful, stateless]) {
      const answer = await send(mock.url, 'GET', '/labels/', { key: keys.multiTeam });
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(answer.body.error.message).not.toMatch(/undefined/);
    }
  });

  it('a client that disconnects mid-body is not logged as an internal error', async () => {
    const writes = vi.spyOn(process.stderr, 'write');
    try {
      await new Promise<void>((resolve) => {
        const req = httpRequest(`${stateful.url}/labels`, { method: 'POST', headers: { ...auth(keys.singleTeam), 'content-type': 'application/json', 'content-length': '100' } });
        req.on('error', () => resolve());
        req.write('{"name":', () => setTimeout(() => (req.destroy(), resolve()), 50));
      });
      await new Promise((r) => setTimeout(r, 100));
      expect(writes.mock.calls.map((c) => String(c[0])).join('')).not.toMatch(/internal error/);
    } finally {
      writes.mockRestore();
    }
  });

  it('a body far over the limit gets the envelope, not a reset', async () => {
    const answer = await raw(`${stateful.url}/labels`, 'POST', { ...auth(keys.singleTeam), 'content-type': 'application/json' }, `{"name":"${'x'.repeat(BODY_LIMIT * 20)}"}`);
    expect(answer.status).toBe(400);
    expect(envelope(answer.text)).toMatchObject({ code: 'invalid_request', message: expect.stringMatching(/at most 1024 bytes/) });
  });
});
