// The description is the only source of the rules: the global setup starts a stateful mock on
// a scratch copy of the description changed by `scratchChanges` (a limit, a query bound, an
// enum, two defaults, the base path), which follows with no code edit; the stateless mock on
// the repository's description answers the same requests by the original rules.
import { describe, expect, inject, it } from 'vitest';
import { keys } from '../../mock/index.mjs';
import { expectError, reset, send } from './http.js';

const { stateless: original, scratch } = inject('mocks');
const key = keys.singleTeam;

describe('the mock follows the description', () => {
  it('serves under the base path of the first server', () => {
    expect(original).toMatch(/\/v1$/);
    expect(scratch).toMatch(/\/v2$/);
  });

  it('takes a changed length limit, enum, query bound and defaults from the description', async () => {
    await reset(scratch);
    const name = 'Eleven char';
    expect((await send(original, 'POST', '/labels', { key, body: { name } })).status).toBe(201);
    expectError(await send(scratch, 'POST', '/labels', { key, body: { name } }), 400, 'invalid_request_error', 'invalid_field_value', 'name', /^name must be at most 10 characters$/);

    expectError(await send(original, 'POST', '/labels', { key, body: { name: 'Dark', color: 'black' } }), 400, 'invalid_request_error', 'invalid_field_value', 'color');
    expect((await send(scratch, 'POST', '/labels', { key, body: { name: 'Dark', color: 'black' } })).status).toBe(201);
    expect((await send(scratch, 'POST', '/labels', { key, body: { name: 'Plain' } })).body.data.color).toBe('blue');

    expect((await send(original, 'GET', '/labels?limit=6', { key })).status).toBe(200);
    expectError(await send(scratch, 'GET', '/labels?limit=6', { key }), 400, 'invalid_request_error', 'invalid_limit', 'limit', /^limit must be an integer from 1 to 5$/);
    expect((await send(scratch, 'GET', '/labels', { key })).body.data).toHaveLength(2);
  });
});
