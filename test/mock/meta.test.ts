// The Meta operations on the mock: getMe answers from the seed and agrees with the
// X-RateLimit-Limit the same key sees; getHealth and getOpenApiDescription take no key, ignore
// Authorization and count per client address on the free tier's read bucket; /openapi.json is
// the bundled description itself, with an X-Request-Id and no request_id in the body.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { keys, orgs, seed } from '../../mock/index.mjs';
import { description } from '../support/description.js';
import { expectError, reset, send } from './http.js';

const stateful = inject('mocks').stateful;
const stateless = inject('mocks').stateless;
// Stateful, 3 reads and 2 writes a minute: the global setup's, this suite's alone (no Prism engine
// to load in this process). Reset first, so that a second run sees full buckets.
const small = inject('mocks').metaLimited;
beforeAll(() => reset(small));

const freeTier = Object.values(seed.tiers).reduce((a, b) => (b.read < a.read ? b : a));

describe('getMe', () => {
  it.each([
    ['single-team', keys.singleTeam, orgs.singleTeam],
    ['multi-team', keys.multiTeam, orgs.multiTeam],
  ] as const)('answers the %s key from the seed, its limits equal to its X-RateLimit-Limit', async (_, key, org) => {
    const me = await send(stateful, 'GET', '/me', { key, op: 'getMe' });
    expect(me.status).toBe(200);
    const seeded = org.keys.find((k) => k.key === key)!;
    expect(me.body.data).toEqual({
      organization: { id: org.id, object: 'organization', name: org.name },
      api_key: { id: seeded.id, object: 'api_key', label: seeded.label, last4: key.slice(-4) },
      rate_limits: { tier: org.tier, write_per_minute: seed.tiers[org.tier]!.write, read_per_minute: seed.tiers[org.tier]!.read },
    });
    expect(JSON.stringify(me.body)).not.toContain(key);
    expect(Number(me.headers.get('x-ratelimit-limit'))).toBe(me.body.data.rate_limits.read_per_minute);
    const write = await send(stateful, 'POST', '/labels', { key, raw: '[]' });
    expect(Number(write.headers.get('x-ratelimit-limit'))).toBe(me.body.data.rate_limits.write_per_minute);
  });

  it('reports the bucket sizes the mock was started with', async () => {
    const me = await send(small, 'GET', '/me', { key: keys.multiTeam, op: 'getMe' });
    expect(me.body.data.rate_limits).toMatchObject({ write_per_minute: 2, read_per_minute: 3 });
    expect(me.headers.get('x-ratelimit-limit')).toBe('3');
  });

  it('needs a key', async () => {
    expectError(await send(stateful, 'GET', '/me', { op: 'getMe' }), 401, 'authentication_error', 'missing_api_key');
    expectError(await send(stateful, 'GET', '/me', { key: keys.revoked, op: 'getMe' }), 401, 'authentication_error', 'invalid_api_key');
  });
});

describe('public operations', () => {
  it.each([stateful, stateless])('getHealth ignores Authorization, valid or not (%s)', async (url) => {
    for (const key of [null, keys.multiTeam, keys.expired, 'kdv_live_short']) {
      const health = await send(url, 'GET', '/health', { key, op: 'getHealth' });
      expect(health.status).toBe(200);
      expect(health.body.data).toEqual({ status: 'ok' });
    }
  });

  it.each([stateful, stateless])('getOpenApiDescription serves the bundled description, not wrapped (%s)', async (url) => {
    const served = await send(url, 'GET', '/openapi.json', { key: 'kdv_live_short', op: 'getOpenApiDescription' });
    expect(served.status).toBe(200);
    expect(served.body).toEqual(description);
  });

  it('counts per client address on a read bucket of the free tier', async () => {
    const health = await send(stateful, 'GET', '/health', { key: keys.multiTeam });
    expect(Number(health.headers.get('x-ratelimit-limit'))).toBe(freeTier.read);
    const before = Number((await send(small, 'GET', '/health')).headers.get('x-ratelimit-remaining'));
    // Another key, or none, is the same caller: the address's bucket drains.
    await send(small, 'GET', '/openapi.json', { key: keys.singleTeam });
    const after = await send(small, 'GET', '/health', { key: keys.multiTeam });
    expect(Number(after.headers.get('x-ratelimit-remaining'))).toBe(before - 2);
    const limited = await send(small, 'GET', '/health', { op: 'getHealth' });
    expectError(limited, 429, 'rate_limit_error', 'rate_limit_exceeded');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
