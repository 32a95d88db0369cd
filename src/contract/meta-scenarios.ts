// What the Meta operations promise beyond the shape of their answers: getMe's rate limits are the
// X-RateLimit-Limit the same key sees on reads and on writes, and the served description is one
// with the operations of the one under test, not wrapped in an envelope.
import type { Case } from './case.js';
import { check, expectStatus } from './http.js';
import { operations, type Json } from './openapi.js';

const WRITES = new Set(['post', 'put', 'patch', 'delete']);

export function metaScenarios(doc: Json): Case[] {
  const ids = new Set(operations(doc).map((o) => o.operationId));
  const cases: Case[] = [];
  // A write whose body is not an object draws from the write bucket and changes nothing.
  const write = operations(doc).find((o) => WRITES.has(o.method) && o.requestBody && !o.parameters.some((p) => p.in === 'path'));
  if (ids.has('getMe') && write) {
    cases.push({
      name: "getMe: rate_limits are the X-RateLimit-Limit the key sees on reads and writes",
      group: 'scenario',
      covers: ['getMe 200', `${write.operationId} 400`],
      async run(ctx) {
        const me = await ctx.http.send('getMe');
        expectStatus(me, 200);
        const limits = me.body.data.rate_limits;
        check(Number(me.headers.get('x-ratelimit-limit')) === limits.read_per_minute, `getMe says read_per_minute ${limits.read_per_minute}, its own X-RateLimit-Limit is ${me.headers.get('x-ratelimit-limit')}`);
        const written = await ctx.http.send(write.operationId, { raw: '[]' });
        expectStatus(written, 400);
        check(Number(written.headers.get('x-ratelimit-limit')) === limits.write_per_minute, `getMe says write_per_minute ${limits.write_per_minute}, a ${write.operationId} sees X-RateLimit-Limit ${written.headers.get('x-ratelimit-limit')}`);
      },
    });
  }
  if (ids.has('getOpenApiDescription')) {
    cases.push({
      name: 'getOpenApiDescription: the description itself, with the operations under test and no envelope',
      group: 'scenario',
      covers: ['getOpenApiDescription 200'],
      async run(ctx) {
        const served = await ctx.http.send('getOpenApiDescription', { apiKey: null });
        expectStatus(served, 200);
        check(served.body.data === undefined && served.body.request_id === undefined, 'the description is wrapped in an envelope');
        check(served.body.info?.title === doc.info.title, `served "${served.body.info?.title}", under test "${doc.info.title}"`);
        const servedIds = new Set(operations(served.body).map((o) => o.operationId));
        const missing = [...ids].filter((id) => !servedIds.has(id));
        check(missing.length === 0, `the served description lacks ${missing.join(', ')}`);
      },
    });
  }
  return cases;
}
