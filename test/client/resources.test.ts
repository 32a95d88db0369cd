// The resource methods: every operation of the description has one (or is raw-only by
// decision), each named method exists, and the Meta methods answer from the stateful mock.
import { describe, expect, inject, it } from 'vitest';
import { keys, orgs } from '../../mock/index.mjs';
import { Kirim } from '../../src/index.js';
import { RESOURCE_METHODS } from '../../src/resources.js';
import { operations } from '../support/description.js';

const url = inject('mocks').stateful;

describe('resource methods', () => {
  it('cover every operation of the description, each a method of Kirim', () => {
    expect(Object.keys(RESOURCE_METHODS).sort()).toEqual(operations().map((o) => o.operationId).sort());
    const kirim = new Kirim({ apiKey: keys.multiTeam, baseUrl: url });
    const missing = Object.entries(RESOURCE_METHODS)
      .filter(([, method]) => method !== null)
      .filter(([, method]) => typeof method!.split('.').reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], kirim) !== 'function')
      .map(([operationId, method]) => `${operationId}: kirim.${method}`);
    expect(missing).toEqual([]);
  });

  it('kirim.me() answers the key context of the key', async () => {
    const kirim = new Kirim({ apiKey: keys.multiTeam, baseUrl: url });
    const me = await kirim.me();
    expect(me.data.organization).toMatchObject({ id: orgs.multiTeam.id, name: orgs.multiTeam.name });
    expect(me.data.api_key.last4).toBe(keys.multiTeam.slice(-4));
    expect(me.requestId).toMatch(/^req_/);
  });

  it('kirim.health() answers ok, whatever the key', async () => {
    const kirim = new Kirim({ apiKey: 'kdv_live_short', baseUrl: url, retry: false });
    expect((await kirim.health()).data).toEqual({ status: 'ok' });
  });
});
