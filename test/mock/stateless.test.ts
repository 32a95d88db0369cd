// The stateless mock answers every documented response of every operation, selected with
// `Prefer`, as documented (the example, with a fresh request id) and valid against the
// description, with Prism's response validation switched on and zero violations.
import { describe, expect, inject, it } from 'vitest';
import { createKirimClient } from '../../src/index.js';
import { calls } from '../support/calls.js';
import { operations, responseExamples, type Json } from '../support/description.js';
import { responseProblems } from '../support/validator.js';
import { send, expectError, violations } from './http.js';

const KEY = 'kdv_live_Zx8Q2mN4vB7rT1yK9pL3sD6f';
const url = inject('mocks').stateless;

const cases = operations().flatMap((op) =>
  op.statuses.flatMap((status) =>
    Object.entries(responseExamples(op.operationId, status)).map(([example, value]) => ({ op: op.operationId, status, example, value })),
  ),
);

const withoutRequestId = (body: Json) => {
  const copy = structuredClone(body);
  if (copy?.error) delete copy.error.request_id;
  else delete copy?.request_id;
  return copy;
};

describe('stateless mock: every documented response, on request', () => {
  it('answers every (operation, status, example) as documented, valid, with zero violations', async () => {
    const client = createKirimClient({ apiKey: KEY, baseUrl: url });
    const seenIds = new Set<string>();
    const failures: string[] = [];
    await Promise.all(
      cases.map(async ({ op, status, example, value }) => {
        const { response, data, error } = await calls[op]!(client, { headers: { Prefer: `code=${status}, example=${example}` } });
        const body = (data ?? error) as Json;
        const requestId = response.headers.get('x-request-id')!;
        seenIds.add(requestId);
        const where = `${op} ${status} ${example}`;
        if (response.status !== Number(status)) failures.push(`${where}: status ${response.status}`);
        if (JSON.stringify(withoutRequestId(body)) !== JSON.stringify(withoutRequestId(value))) failures.push(`${where}: body differs from the example`);
        const envelope = 'data' in body || 'error' in body;
        if (envelope && (body.request_id ?? body.error?.request_id) !== requestId) failures.push(`${where}: request_id differs from X-Request-Id`);
        failures.push(...responseProblems(op, response.status, response.headers, body).map((p) => `${where}: ${p}`));
      }),
    );
    expect(failures).toEqual([]);
    expect(seenIds.size).toBe(cases.length);
    expect(cases.length).toBeGreaterThan(operations().length * 3);
    expect(await violations(url)).toEqual([]);
  });

  it('answers the first success example without Prefer', async () => {
    const sent = await send(url, 'GET', '/labels/lbl_01JCZ4V9Q8M3T5N7P2R6W0X1YA', { key: KEY, op: 'getLabel' });
    expect(sent.status).toBe(200);
    expect(withoutRequestId(sent.body)).toEqual(withoutRequestId(responseExamples('getLabel', 200).label));
  });

  it('refuses a Prefer code or example that is not documented, naming the header', async () => {
    expectError(await send(url, 'GET', '/labels', { key: KEY, headers: { Prefer: 'code=418' }, op: 'listLabels' }), 400, 'invalid_request_error', 'invalid_field_value', 'Prefer', /418.*200, 400, 401, 429, 500/);
    expectError(await send(url, 'GET', '/labels', { key: KEY, headers: { Prefer: 'example=nope' }, op: 'listLabels' }), 400, 'invalid_request_error', 'invalid_field_value', 'Prefer', /first_page/);
  });

  it('tells the truth over Prefer: an invalid request gets its real error, not the preferred answer', async () => {
    const sent = await send(url, 'GET', '/labels?limit=1000', { key: KEY, headers: { Prefer: 'code=200' }, op: 'listLabels' });
    expectError(sent, 400, 'invalid_request_error', 'invalid_limit', 'limit', /^limit must be an integer from 1 to 100$/);
  });
});
