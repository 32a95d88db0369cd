// The size budget: what the client adds to a consumer's bundle on top of openapi-fetch,
// minified and gzipped (deterministic bytes, not a timing). `npm run bench:client` prints it.
import { expect, it } from 'vitest';
import { CLIENT_SIZE_BUDGET, measureClientSize } from '../../scripts/lib/client-size.mjs';

it(`the client adds at most ${CLIENT_SIZE_BUDGET} bytes min+gzip to openapi-fetch`, async () => {
  const { added, baseline } = await measureClientSize();
  expect(baseline.gzip).toBeGreaterThan(1_000);
  expect(added.gzip).toBeGreaterThan(0);
  expect(added.gzip).toBeLessThanOrEqual(CLIENT_SIZE_BUDGET);
});
