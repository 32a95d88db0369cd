// The mocks the suites talk to, started once per test run by the global setup (Prism's engine
// takes a second or two to load: once in the main process instead of once per test file).
// Each suite that changes state has its own instance.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startMock } from '../../mock/index.mjs';
import { description, type Json } from '../support/description.js';

export interface TestMocks {
  /** Stateless, Prism's response validation on, body cap 64 KiB (errors and contract suites). */
  stateless: string;
  /** Stateful, response validation on (stateful suite; reset before each test). */
  stateful: string;
  /** Stateful with tiny buckets: 2 writes and 3 reads a minute (rate-limit test). */
  limited: string;
  /** The same buckets for the Meta suite alone: it drains the per-address bucket, which a reset of `limited` would refill. */
  metaLimited: string;
  /** Stateful on a scratch copy of the description changed by `scratchChanges`. */
  scratch: string;
}

export const STATELESS_BODY_LIMIT = 64 * 1024;

/** What the scratch copy of the description changes; the description-driven suite checks each. */
export function scratchChanges(doc: Json) {
  doc.servers[0].url = 'https://api.example.test/v2';
  doc.components.schemas.LabelName.maxLength = 10;
  doc.components.parameters.Limit.schema.maximum = 5;
  doc.components.parameters.Limit.schema.default = 2;
  doc.components.schemas.LabelColor.enum.push('black');
  doc.components.schemas.CreateLabelRequest.properties.color.default = 'blue';
  return doc;
}

export async function startTestMocks(): Promise<{ urls: TestMocks; stop: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kirim-mock-'));
  const scratch = path.join(dir, 'openapi.json');
  writeFileSync(scratch, JSON.stringify(scratchChanges(structuredClone(description))));
  const started = await Promise.all([
    startMock({ validateResponses: true, bodyLimit: STATELESS_BODY_LIMIT, rateLimit: { read: 100_000, write: 100_000 } }),
    startMock({ stateful: true, validateResponses: true }),
    startMock({ stateful: true, rateLimit: { write: 2, read: 3 } }),
    startMock({ stateful: true, rateLimit: { write: 2, read: 3 } }),
    startMock({ stateful: true, description: scratch }),
  ]);
  const [stateless, stateful, limited, metaLimited, changed] = started.map((m) => m.url) as [string, string, string, string, string];
  return {
    urls: { stateless, stateful, limited, metaLimited, scratch: changed },
    stop: async () => {
      await Promise.all(started.map((m) => m.stop()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
