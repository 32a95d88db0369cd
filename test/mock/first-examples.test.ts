// The documented request of every operation (parameter examples and the first named request
// example: what tools such as Redocly Respect or Portman send) works as it is against the
// stateful mock's seed with the key the README names, answering the documented success.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys, startMock } from '../../mock/index.mjs';
import { createKirimClient } from '../../src/index.js';
import { calls } from '../support/calls.js';
import { operations } from '../support/description.js';

let mock: Awaited<ReturnType<typeof startMock>>;
beforeAll(async () => {
  mock = await startMock({ stateful: true });
});
afterAll(async () => {
  await mock?.stop();
});

// A delete of the example label runs last, so that the others still find it.
const deletesAResource = (op: { method: string; path: string }) => op.method === 'delete' && op.path.split('/').length === 3;
const ordered = [...operations()].sort((a, b) => Number(deletesAResource(a)) - Number(deletesAResource(b)));

describe('the first example of every operation', () => {
  it('answers its documented success with the README key (Northwind)', async () => {
    const client = createKirimClient({ apiKey: keys.multiTeam, baseUrl: mock.url });
    const answers: string[] = [];
    for (const op of ordered) {
      const { response, error } = await calls[op.operationId]!(client);
      answers.push(`${op.operationId} ${response.status}${error ? ` ${JSON.stringify(error)}` : ''}`);
    }
    expect(answers).toEqual(ordered.map((op) => `${op.operationId} ${op.successStatus}`));
  });
});
