// Every kind of invalid request gets the API's envelope with the documented status, type, code
// and param, a message naming the field and the rule, in the documented order of checks (auth,
// content type, JSON syntax, path, query, headers, body). Runs on the stateless mock: the checks
// are the same in both modes.
import { describe, expect, inject, it } from 'vitest';
import { keys } from '../../mock/index.mjs';
import { send, expectError, violations } from './http.js';
import { STATELESS_BODY_LIMIT as BODY_LIMIT } from './servers.js';

const KEY = 'kdv_live_Zx8Q2mN4vB7rT1yK9pL3sD6f';
const LABEL = 'lbl_01JCZ4V9Q8M3T5N7P2R6W0X1YA';
const CONTACT = 'ctc_01JB7Y2K8N4Q6S0T3V5W7X9Z1C';
const url = inject('mocks').stateless;
const origin = new URL(url).origin;

const IRE = 'invalid_request_error';

interface Case {
  name: string;
  method: string;
  path: string;
  /** The operation whose documented responses the answer must match; none for unknown routes. */
  op?: string;
  key?: string | null;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  expect: [number, string, string, string | undefined, RegExp];
}

const cases: Case[] = [
  // Authentication
  { name: 'no Authorization header', method: 'GET', path: '/labels', op: 'listLabels', key: null, expect: [401, 'authentication_error', 'missing_api_key', undefined, /Bearer/] },
  { name: 'a Basic Authorization header', method: 'GET', path: '/labels', op: 'listLabels', key: null, headers: { authorization: 'Basic a2V5Og==' }, expect: [401, 'authentication_error', 'missing_api_key', undefined, /Bearer/] },
  { name: 'a malformed key', method: 'GET', path: '/labels', op: 'listLabels', key: 'kdv_live_short', expect: [401, 'authentication_error', 'invalid_api_key', undefined, /kdv_live_ followed by 24/] },
  { name: 'a kdv_test_ key (reserved)', method: 'GET', path: '/labels', op: 'listLabels', key: 'kdv_test_Zx8Q2mN4vB7rT1yK9pL3sD6f', expect: [401, 'authentication_error', 'invalid_api_key', undefined, /not valid/] },
  { name: 'a revoked seeded key', method: 'GET', path: '/labels', op: 'listLabels', key: keys.revoked, expect: [401, 'authentication_error', 'invalid_api_key', undefined, /revoked/] },
  { name: 'an expired seeded key', method: 'GET', path: '/labels', op: 'listLabels', key: keys.expired, expect: [401, 'authentication_error', 'expired_api_key', undefined, /expired/] },
  // Body syntax and type
  { name: 'a content type other than JSON', method: 'POST', path: '/labels', op: 'createLabel', raw: 'name=Bug', headers: { 'content-type': 'application/x-www-form-urlencoded' }, expect: [400, IRE, 'invalid_request', undefined, /^Content-Type must be application\/json$/] },
  { name: 'no content type', method: 'POST', path: '/labels', op: 'createLabel', raw: '{"name":"Bug"}', headers: { 'content-type': '' }, expect: [400, IRE, 'invalid_request', undefined, /Content-Type/] },
  { name: 'malformed JSON', method: 'POST', path: '/labels', op: 'createLabel', raw: '{"name": "Bug"', expect: [400, IRE, 'invalid_request', undefined, /not valid JSON/] },
  { name: 'an empty body', method: 'POST', path: '/labels', op: 'createLabel', raw: '', headers: { 'content-type': 'application/json' }, expect: [400, IRE, 'invalid_request', undefined, /empty/] },
  { name: 'a JSON array body', method: 'POST', path: '/labels', op: 'createLabel', raw: '[{"name":"Bug"}]', expect: [400, IRE, 'invalid_request', undefined, /must be a JSON object/] },
  { name: 'a JSON string body', method: 'PATCH', path: `/labels/${LABEL}`, op: 'updateLabel', raw: '"Bug"', expect: [400, IRE, 'invalid_request', undefined, /must be a JSON object/] },
  { name: 'a body over the size cap', method: 'POST', path: '/labels', op: 'createLabel', body: { name: 'x'.repeat(BODY_LIMIT) }, expect: [400, IRE, 'invalid_request', undefined, new RegExp(`at most ${BODY_LIMIT} bytes`)] },
  // Path, query, header
  { name: 'a malformed label id in the path', method: 'GET', path: '/labels/lbl_123', op: 'getLabel', expect: [400, IRE, 'invalid_field_value', 'id', /^id must be a label id: lbl_ followed by 26 Crockford base32 characters$/] },
  { name: 'a malformed contact id in the path', method: 'POST', path: '/contacts/abc/labels', op: 'attachContactLabel', body: { label_id: LABEL }, expect: [400, IRE, 'invalid_field_value', 'id', /^id must be a contact id: ctc_/] },
  { name: 'a malformed label_id in the path', method: 'DELETE', path: `/contacts/${CONTACT}/labels/lbl_x`, op: 'detachContactLabel', expect: [400, IRE, 'invalid_field_value', 'label_id', /^label_id must be a label id/] },
  { name: 'limit over 100', method: 'GET', path: '/labels?limit=101', op: 'listLabels', expect: [400, IRE, 'invalid_limit', 'limit', /^limit must be an integer from 1 to 100$/] },
  { name: 'limit 0', method: 'GET', path: '/labels?limit=0', op: 'listLabels', expect: [400, IRE, 'invalid_limit', 'limit', /from 1 to 100/] },
  { name: 'limit not an integer', method: 'GET', path: '/labels?limit=2.5', op: 'listLabels', expect: [400, IRE, 'invalid_limit', 'limit', /integer/] },
  { name: 'limit not a number', method: 'GET', path: '/labels?limit=ten', op: 'listLabels', expect: [400, IRE, 'invalid_limit', 'limit', /integer/] },
  { name: 'an empty cursor', method: 'GET', path: '/labels?cursor=', op: 'listLabels', expect: [400, IRE, 'invalid_cursor', 'cursor', /cursor must be at least 1 character/] },
  { name: 'an Idempotency-Key over 255 characters', method: 'POST', path: '/labels', op: 'createLabel', body: { name: 'Bug' }, headers: { 'Idempotency-Key': 'k'.repeat(256) }, expect: [400, IRE, 'invalid_field_value', 'Idempotency-Key', /^Idempotency-Key must be at most 255 characters$/] },
  // Body fields
  { name: 'name missing', method: 'POST', path: '/labels', op: 'createLabel', body: { color: 'red' }, expect: [400, IRE, 'missing_required_field', 'name', /^name is required$/] },
  { name: 'name empty', method: 'POST', path: '/labels', op: 'createLabel', body: { name: '' }, expect: [400, IRE, 'invalid_field_value', 'name', /^name must be at least 1 character$/] },
  { name: 'name too long', method: 'POST', path: '/labels', op: 'createLabel', body: { name: 'x'.repeat(51) }, expect: [400, IRE, 'invalid_field_value', 'name', /^name must be at most 50 characters$/] },
  { name: 'name not a string', method: 'POST', path: '/labels', op: 'createLabel', body: { name: 42 }, expect: [400, IRE, 'invalid_field_value', 'name', /^name must be a string$/] },
  { name: 'color not one of the 13', method: 'POST', path: '/labels', op: 'createLabel', body: { name: 'Bug', color: 'purple' }, expect: [400, IRE, 'invalid_field_value', 'color', /^color must be one of gray, red, orange, amber, yellow, lime, green, emerald, teal, sky, blue, violet, pink$/] },
  { name: 'team_id too long', method: 'POST', path: '/labels', op: 'createLabel', body: { name: 'Bug', team_id: 't'.repeat(65) }, expect: [400, IRE, 'invalid_field_value', 'team_id', /^team_id must be at most 64 characters$/] },
  { name: 'an unknown field', method: 'POST', path: '/labels', op: 'createLabel', body: { name: 'Bug', colour: 'red' }, expect: [400, IRE, 'invalid_field_value', 'colour', /^colour is not a field of this request$/] },
  { name: 'team_id in an update', method: 'PATCH', path: `/labels/${LABEL}`, op: 'updateLabel', body: { team_id: 'team_sales' }, expect: [400, IRE, 'invalid_field_value', 'team_id', /team_id is not a field/] },
  { name: 'an empty update', method: 'PATCH', path: `/labels/${LABEL}`, op: 'updateLabel', body: {}, expect: [400, IRE, 'missing_required_field', undefined, /^send at least one of the updatable fields: name, color$/] },
  { name: 'label_id missing', method: 'POST', path: `/contacts/${CONTACT}/labels`, op: 'attachContactLabel', body: {}, expect: [400, IRE, 'missing_required_field', 'label_id', /^label_id is required$/] },
  { name: 'label_id malformed', method: 'POST', path: `/contacts/${CONTACT}/labels`, op: 'attachContactLabel', body: { label_id: 'lbl_01jcz4v9q8m3t5n7p2r6w0x1ya' }, expect: [400, IRE, 'invalid_field_value', 'label_id', /^label_id must be a label id: lbl_ followed by 26/] },
  { name: 'contact_ids empty', method: 'POST', path: '/contacts/bulk_label', op: 'bulkLabelContacts', body: { contact_ids: [], label_id: LABEL, operation: 'attach' }, expect: [400, IRE, 'invalid_field_value', 'contact_ids', /^contact_ids must have at least 1 item$/] },
  { name: 'contact_ids over 1000', method: 'POST', path: '/contacts/bulk_label', op: 'bulkLabelContacts', body: { contact_ids: Array.from({ length: 1001 }, (_, i) => `ctc_${String(i).padStart(26, '0')}`), label_id: LABEL, operation: 'attach' }, expect: [400, IRE, 'invalid_field_value', 'contact_ids', /^contact_ids must have at most 1000 items$/] },
  { name: 'contact_ids repeating an id', method: 'POST', path: '/contacts/bulk_label', op: 'bulkLabelContacts', body: { contact_ids: [CONTACT, CONTACT], label_id: LABEL, operation: 'attach' }, expect: [400, IRE, 'invalid_field_value', 'contact_ids', /same item twice \(items 0 and 1/] },
  { name: 'a malformed contact id in contact_ids', method: 'POST', path: '/contacts/bulk_label', op: 'bulkLabelContacts', body: { contact_ids: [CONTACT, 'ctc_nope'], label_id: LABEL, operation: 'attach' }, expect: [400, IRE, 'invalid_field_value', 'contact_ids', /^contact_ids\[1\] must be a contact id: ctc_ followed by 26 Crockford base32 characters$/] },
  { name: 'operation not attach or detach', method: 'POST', path: '/contacts/bulk_label', op: 'bulkLabelContacts', body: { contact_ids: [CONTACT], label_id: LABEL, operation: 'toggle' }, expect: [400, IRE, 'invalid_field_value', 'operation', /^operation must be one of attach, detach$/] },
  // The documented order when several things are wrong
  { name: 'order: an unknown route before auth', method: 'POST', path: '/label', key: null, raw: '{', expect: [404, 'not_found', 'resource_not_found', undefined, /no route POST \/v1\/label/] },
  { name: 'order: auth before content type', method: 'POST', path: '/labels', op: 'createLabel', key: null, raw: '{', headers: { 'content-type': 'text/plain' }, expect: [401, 'authentication_error', 'missing_api_key', undefined, /Bearer/] },
  { name: 'order: content type before JSON syntax', method: 'POST', path: '/labels', op: 'createLabel', raw: '{', headers: { 'content-type': 'text/plain' }, expect: [400, IRE, 'invalid_request', undefined, /Content-Type/] },
  { name: 'order: JSON syntax before path', method: 'PATCH', path: '/labels/bad', op: 'updateLabel', raw: '{', expect: [400, IRE, 'invalid_request', undefined, /not valid JSON/] },
  { name: 'order: path before body', method: 'PATCH', path: '/labels/bad', op: 'updateLabel', body: { name: '' }, expect: [400, IRE, 'invalid_field_value', 'id', /label id/] },
  { name: 'order: path id before path label_id', method: 'DELETE', path: '/contacts/bad/labels/bad', op: 'detachContactLabel', expect: [400, IRE, 'invalid_field_value', 'id', /contact id/] },
  { name: 'order: header before body', method: 'POST', path: '/labels', op: 'createLabel', body: {}, headers: { 'Idempotency-Key': 'k'.repeat(256) }, expect: [400, IRE, 'invalid_field_value', 'Idempotency-Key', /255/] },
  { name: 'order: body fields in schema order', method: 'POST', path: '/labels', op: 'createLabel', body: { color: 'purple', name: 'x'.repeat(51), team_id: '' }, expect: [400, IRE, 'invalid_field_value', 'team_id', /team_id must be at least 1 character/] },
  { name: 'order: missing field before an unknown one', method: 'POST', path: '/labels', op: 'createLabel', body: { colour: 'red' }, expect: [400, IRE, 'missing_required_field', 'name', /name is required/] },
  { name: 'order: array size before items', method: 'POST', path: '/contacts/bulk_label', op: 'bulkLabelContacts', body: { contact_ids: Array.from({ length: 1001 }, () => 'bad'), label_id: 'bad', operation: 'attach' }, expect: [400, IRE, 'invalid_field_value', 'contact_ids', /at most 1000 items/] },
];

describe('invalid requests get the documented envelope', () => {
  it.each(cases)('$name', async (c) => {
    const sent = await send(url, c.method, c.path, { key: c.key === undefined ? KEY : c.key, body: c.body, raw: c.raw, headers: c.headers, op: c.op });
    expectError(sent, ...c.expect);
  });

  it('answers an unknown path, an unknown method and a path outside the base path with the envelope', async () => {
    expectError(await send(url, 'GET', '/tags', { key: KEY }), 404, 'not_found', 'resource_not_found', undefined, /no route GET \/v1\/tags/);
    const wrongMethod = await send(url, 'PUT', `/labels/${LABEL}`, { key: KEY, body: { name: 'x' } });
    expectError(wrongMethod, 405, IRE, 'invalid_request', undefined, /PUT is not allowed/);
    expect(wrongMethod.headers.get('allow')).toBe('GET, PATCH, DELETE');
    expectError(await send(origin, 'GET', '/labels', { key: KEY }), 404, 'not_found', 'resource_not_found', undefined, /served under \/v1/);
    expect(await violations(url)).toEqual([]);
  });

  it('gives a fresh request id to every answer and coherent rate-limit headers', async () => {
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await send(url, 'GET', '/labels', { key: 'kdv_live_FreshKeyForRateHeader000', op: 'listLabels' }));
    const ids = answers.map((a) => a.headers.get('x-request-id'));
    expect(new Set(ids).size).toBe(3);
    const remaining = answers.map((a) => Number(a.headers.get('x-ratelimit-remaining')));
    const limit = Number(answers[0]!.headers.get('x-ratelimit-limit'));
    expect(remaining).toEqual([limit - 1, limit - 2, limit - 3]);
    const reset = Number(answers[0]!.headers.get('x-ratelimit-reset'));
    expect(reset).toBeGreaterThan(Date.now() / 1000);
    expect(reset).toBeLessThanOrEqual(Date.now() / 1000 + 61);
    // A write draws from the other bucket.
    const write = await send(url, 'POST', '/labels', { key: 'kdv_live_FreshKeyForRateHeader000', body: { name: 'Bug' }, op: 'createLabel' });
    expect(Number(write.headers.get('x-ratelimit-remaining'))).toBe(Number(write.headers.get('x-ratelimit-limit')) - 1);
  });

  it('answers HEAD like GET without a body', async () => {
    const response = await fetch(`${url}/labels`, { method: 'HEAD', headers: { authorization: `Bearer ${KEY}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    expect(await response.text()).toBe('');
  });
});
