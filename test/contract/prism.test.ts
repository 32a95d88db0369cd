// Stock Prism serving generated/openapi.yaml: every documented response of every operation,
// selected with `Prefer`, comes back as documented and valid against the description. This
// proves the description is self-consistent and good for stock Prism (no self-violations).
import { describe, expect, inject, it } from 'vitest';
import { createKirimClient } from '../../src/index.js';
import { calls } from '../support/calls.js';
import { operations, responseExamples } from '../support/description.js';
import { responseProblems } from '../support/validator.js';

const client = createKirimClient({ apiKey: 'kdv_live_Zx8Q2mN4vB7rT1yK9pL3sD6f', baseUrl: inject('prismUrl') });

const cases = operations().flatMap((op) =>
  op.statuses.flatMap((status) =>
    Object.entries(responseExamples(op.operationId, status)).map(([example, value]) => ({ op: op.operationId, status, example, value })),
  ),
);

describe('stock Prism on the bundled description', () => {
  it('has a case for every documented (operation, status) pair', () => {
    const covered = new Set(cases.map((c) => `${c.op} ${c.status}`));
    const documented = operations().flatMap((op) => op.statuses.map((s) => `${op.operationId} ${s}`));
    expect(documented.filter((pair) => !covered.has(pair))).toEqual([]);
    expect(documented.length).toBeGreaterThanOrEqual(operations().length * 3);
  });

  // Concurrent (vitest's default of five at a time): each case mostly waits for Prism, which runs
  // in a process of its own on the other core.
  it.concurrent.for(cases)('$op $status example=$example', async ({ op, status, example, value }, { expect }) => {
    const call = calls[op];
    if (!call) throw new Error(`no call for ${op}`);
    const { response, data, error } = await call(client, { headers: { Prefer: `code=${status}, example=${example}` } });
    expect(response.status).toBe(Number(status));
    const body = data ?? error;
    expect(body).toEqual(value);
    expect(responseProblems(op, response.status, response.headers, body)).toEqual([]);
  });

  it('answers a request without a key with the documented 401', async () => {
    const response = await fetch(`${inject('prismUrl')}/labels`);
    expect(response.status).toBe(401);
    const body = await response.json();
    expect(body.error.type).toBe('authentication_error');
    expect(body.error.code).toBe('missing_api_key');
    expect(responseProblems('listLabels', 401, response.headers, body)).toEqual([]);
  });
});
