// The docs step renders in a warm worker thread (scripts/docs/redoc-worker.mjs) instead of a CLI
// process: the page is the committed one, renders again identically, and a render that
// fails names the bundle and the reason, without the CLI's banner or a stack trace.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocs } from '../../scripts/docs.mjs';
import { UserError } from '../../scripts/lib/cli.mjs';
import { repoRoot } from '../support/scratch.js';

const bundlePath = path.join(repoRoot, 'generated/openapi.yaml');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kirim-docs-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(UserError);
  return (error as Error).message;
}

describe('the docs step (Redoc in a worker thread)', () => {
  // (Its first page was byte-identical to the CLI's: `npm run check` found no drift against the
  // generated/docs/index.html that `redocly build-docs` had written.)
  it('renders the committed page, and the same bytes again when warm', async () => {
    const [first, second] = [path.join(dir, 'first.html'), path.join(dir, 'second.html')];
    const a = await buildDocs({ bundlePath, outFile: first });
    const b = await buildDocs({ bundlePath, outFile: second });
    expect((await readFile(second)).equals(await readFile(first))).toBe(true);
    expect(a.html.equals(await readFile(path.join(repoRoot, 'generated/docs/index.html')))).toBe(true);
    expect(b.html.equals(a.html)).toBe(true);
  }, 60_000);

  it('names the bundle and the YAML problem when the bundle cannot be read', async () => {
    const broken = path.join(dir, 'broken.yaml');
    await writeFile(broken, 'openapi: 3.1.0\ninfo: [\n');
    const message = await failure(buildDocs({ bundlePath: broken, outFile: path.join(dir, 'broken.html') }));
    expect(message).toContain(`docs: redocly build-docs failed on ${broken}: `);
    expect(message).toMatch(/broken\.yaml" \(3:1\)/);
    expect(message).not.toMatch(/[║╔╚]|^\s+at /m);
  });

  it('names a missing bundle', async () => {
    const missing = path.join(dir, 'missing.yaml');
    expect(await failure(buildDocs({ bundlePath: missing, outFile: path.join(dir, 'missing.html') }))).toContain(`failed on ${missing}: `);
  });
});
