// The pipeline's command line, as a user meets it: bad input stops the build with exit 1 and a
// message naming the file, line and rule (never a stack trace); a second build is byte-identical
// to the first; drift between the description and an output folder is reported by name.
import { execFile } from 'node:child_process';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { buildArtifacts } from '../../scripts/build.mjs';
import { UserError } from '../../scripts/lib/cli.mjs';
import { repoRoot, scratchDescription, type Scratch } from '../support/scratch.js';

interface Result { code: number; stdout: string; stderr: string }

async function build(...args: string[]): Promise<Result> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [path.join(repoRoot, 'scripts/build.mjs'), ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function withScratch(fn: (s: Scratch) => Promise<void>) {
  const scratch = await scratchDescription();
  try {
    await fn(scratch);
  } finally {
    await scratch.remove();
  }
}

function expectCleanFailure(result: Result, ...fragments: string[]) {
  expect(result.code).toBe(1);
  for (const fragment of fragments) expect(result.stderr).toContain(fragment);
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

/** Builds a scratch copy in-process (the CLI's own code path) and returns the UserError message. */
async function failureOf(s: Scratch): Promise<string> {
  const error = await buildArtifacts({ ref: s.entry }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return (error as Error).message;
}

describe('the build on bad input', () => {
  beforeAll(() => {
    // The steps report progress on stdout; keep the test output readable.
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });

  it('a YAML syntax error in a path file names the file, line and rule', () =>
    withScratch(async (s) => {
      await s.write('paths/labels.yaml', 'get:\n  operationId: [listLabels\n  summary: List\n');
      expect(await failureOf(s)).toMatch(/openapi\/paths\/labels\.yaml:3:3 +no-unresolved-refs +Failed to parse/);
    }));

  it('a YAML syntax error in the root document names the file and position', () =>
    withScratch(async (s) => {
      await s.write('openapi.yaml', 'openapi: 3.1.0\ninfo: [\n');
      expect(await failureOf(s)).toMatch(/openapi\/openapi\.yaml: cannot read the description: .*\(3:1\)/);
    }));

  it('a broken $ref names the referring file and line', () =>
    withScratch(async (s) => {
      await s.edit('paths/labels_{id}.yaml', '../components/schemas/LabelResponse.yaml', '../components/schemas/LabelResponz.yaml');
      expect(await failureOf(s)).toMatch(/openapi\/paths\/labels_\{id\}\.yaml:\d+:\d+ +no-unresolved-refs .*LabelResponz\.yaml/);
    }));

  it('an example that breaks its schema names the example file, line and rule', () =>
    withScratch(async (s) => {
      await s.edit('components/examples/LabelCreated.yaml', 'color: amber', 'color: purple');
      expect(await failureOf(s)).toMatch(/components\/examples\/LabelCreated\.yaml:7:12 +no-invalid-media-type-examples .*color/);
    }));

  it('a lint failure names the rule', () =>
    withScratch(async (s) => {
      await s.edit('paths/labels.yaml', '  summary: List labels\n', '');
      expect(await failureOf(s)).toMatch(/openapi\/paths\/labels\.yaml:\d+:\d+ +operation-summary/);
    }));

  it('a file that nothing references is refused as an orphan', () =>
    withScratch(async (s) => {
      await s.write('components/schemas/Unused.yaml', 'type: string\nminLength: 1\nexamples: [x]\n');
      expect(await failureOf(s)).toMatch(/components\/schemas\/Unused\.yaml +orphan-file/);
    }));
});

describe('scripts/build.mjs on the command line', () => {
  it.concurrent('exits 1 with the message and no stack trace, writing nothing, when lint fails', () =>
    withScratch(async (s) => {
      await s.edit('paths/labels.yaml', '  summary: List labels\n', '');
      const out = path.join(s.dir, 'out');
      expectCleanFailure(await build('--entry', s.entry, '--out', out), 'openapi/paths/labels.yaml:', 'operation-summary');
      await expect(readFile(path.join(out, 'openapi.yaml'))).rejects.toThrow();
    }));

  it.concurrent('refuses an unknown argument with the usage', async () => {
    expectCleanFailure(await build('--frobnicate'), 'unknown argument --frobnicate', 'usage:');
  });
});

describe('scripts/build.mjs output', () => {
  it.concurrent('rebuilds byte-identically and reports drift by file', () =>
    withScratch(async (s) => {
      const out = path.join(s.dir, 'out');
      const first = await build('--entry', s.entry, '--out', out);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toMatch(/✓ lint 0 problems/);
      expect(first.stdout).toMatch(/✓ write 6 files, 6 changed/);

      // A second build in another process must match the first byte for byte: only the hand
      // edit and the stray file may be reported.
      await appendFile(path.join(out, 'openapi.d.ts'), '// hand edit\n');
      await writeFile(path.join(out, 'stray.txt'), 'not built');
      const drift = await build('--check', '--entry', s.entry, '--out', out);
      expectCleanFailure(drift, 'out of date', 'stale    ', 'openapi.d.ts', 'extra    ', 'stray.txt', 'npm run build');
      expect(drift.stderr.match(/^(stale|missing|extra) /gm)).toHaveLength(2);
    }));
});
