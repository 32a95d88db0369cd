// The pipeline's command line, as a user meets it: bad input stops the build with exit 1 and a
// message naming the file, line and rule (never a stack trace); a second build is byte-identical
// to the first; drift between the description and an output folder is reported by name.
import { appendFile, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildArtifacts, buildBundle, diffAgainst, driftMessage, writeArtifacts } from '../../scripts/build.mjs';
import { UserError } from '../../scripts/lib/cli.mjs';
import { runProcess } from '../../scripts/lib/run-process.mjs';
import { overlayDescription, repoRoot, scratchDescription, type Overlay, type Scratch } from '../support/scratch.js';

type Result = Awaited<ReturnType<typeof runProcess>>;

const build = (...args: string[]): Promise<Result> => runProcess(process.execPath, [path.join(repoRoot, 'scripts/build.mjs'), ...args]);

async function withScratch(fn: (s: Scratch) => Promise<void>) {
  const scratch = await scratchDescription();
  try {
    await fn(scratch);
  } finally {
    await scratch.remove();
  }
}

/** An empty folder, removed after `fn`. */
async function withFolder(fn: (dir: string) => Promise<void>) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kirim-out-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function expectCleanFailure(result: Result, ...fragments: string[]) {
  expect(result.code).toBe(1);
  for (const fragment of fragments) expect(result.stderr).toContain(fragment);
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

/**
 * Builds the edited description in-process (the CLI's own code path) and returns the UserError message.
 * `build`: buildBundle for an edit that bundles and fails lint. buildArtifacts would render the
 * page beside lint (2 to 4 s) for a failure that is lint's either way; buildBundle lints first,
 * with the same lint. The full build stopping at that failure is the command-line case below.
 */
async function failureOf(s: Overlay, build: (options: { overlay: Overlay['files'] }) => Promise<unknown> = buildArtifacts): Promise<string> {
  const error = await build({ overlay: s.files }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return (error as Error).message;
}

describe('the build on bad input', () => {
  // The steps report progress on stdout; keep the test output readable. Restored after, since
  // workers are shared between test files (isolate: false).
  beforeAll(() => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });

  it('a YAML syntax error in a path file names the file, line and rule', async () => {
    const s = overlayDescription();
    s.write('paths/labels.yaml', 'get:\n  operationId: [listLabels\n  summary: List\n');
    expect(await failureOf(s)).toMatch(/openapi\/paths\/labels\.yaml:3:3 +no-unresolved-refs +Failed to parse/);
  });

  it('a YAML syntax error in the root document names the file and position', async () => {
    const s = overlayDescription();
    s.write('openapi.yaml', 'openapi: 3.1.0\ninfo: [\n');
    expect(await failureOf(s)).toMatch(/openapi\/openapi\.yaml: cannot read the description: .*\(3:1\)/);
  });

  it('a broken $ref names the referring file and line', async () => {
    const s = overlayDescription();
    s.edit('paths/labels_{id}.yaml', '../components/schemas/LabelResponse.yaml', '../components/schemas/LabelResponz.yaml');
    expect(await failureOf(s)).toMatch(/openapi\/paths\/labels_\{id\}\.yaml:\d+:\d+ +no-unresolved-refs .*LabelResponz\.yaml/);
  });

  it('an example that breaks its schema names the example file, line and rule', async () => {
    const s = overlayDescription();
    s.edit('components/examples/LabelCreated.yaml', 'color: amber', 'color: purple');
    expect(await failureOf(s, buildBundle)).toMatch(/components\/examples\/LabelCreated\.yaml:7:12 +no-invalid-media-type-examples .*color/);
  });

  it('a lint failure names the rule', async () => {
    const s = overlayDescription();
    s.edit('paths/labels.yaml', '  summary: List labels\n', '');
    expect(await failureOf(s, buildBundle)).toMatch(/openapi\/paths\/labels\.yaml:\d+:\d+ +operation-summary/);
  });

  it('a file that nothing references is refused as an orphan', async () => {
    const s = overlayDescription();
    s.write('components/schemas/Unused.yaml', 'type: string\nminLength: 1\nexamples: [x]\n');
    expect(await failureOf(s)).toMatch(/components\/schemas\/Unused\.yaml +orphan-file/);
  });
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

describe('the drift check', () => {
  // `npm run check` (the first step of `npm test`) rebuilds everything and compares it with the
  // committed generated/ byte for byte, so every run proves the build reproducible; these tests
  // prove that a difference is found and reported by file.
  it('reports a hand edit, a missing file and a stray file, by name, with what to do', () =>
    withFolder(async (dir) => {
      const out = path.join(dir, 'out');
      await cp(path.join(repoRoot, 'generated'), out, { recursive: true });
      const artifacts = new Map([
        ['openapi.yaml', await readFile(path.join(out, 'openapi.yaml'))],
        ['openapi.d.ts', await readFile(path.join(out, 'openapi.d.ts'))],
        ['openapi.json', await readFile(path.join(out, 'openapi.json'))],
      ]);
      await rm(path.join(out, 'docs'), { recursive: true });
      expect(await diffAgainst(artifacts, out)).toEqual([]);

      await appendFile(path.join(out, 'openapi.d.ts'), '// hand edit\n');
      await rm(path.join(out, 'openapi.json'));
      await writeFile(path.join(out, 'stray.txt'), 'not built');
      const differences = await diffAgainst(artifacts, out);
      expect(differences).toEqual([
        `stale    ${path.join(out, 'openapi.d.ts')}`,
        `missing  ${path.join(out, 'openapi.json')}`,
        `extra    ${path.join(out, 'stray.txt')} (not produced by the build)`,
      ]);
      const message = driftMessage(differences, out);
      expect(message).toContain(`${out}/ is out of date with the description (3 file(s))`);
      expect(message).toContain('Run `npm run build` and commit generated/.');
    }));

  it('writes what is stale and only that, and removes what the build does not produce', () =>
    withFolder(async (dir) => {
      const out = path.join(dir, 'out');
      await cp(path.join(repoRoot, 'generated'), out, { recursive: true });
      await writeFile(path.join(out, 'stray.txt'), 'not built');
      const artifacts = new Map([['openapi.json', Buffer.from('{}\n')], ['openapi.yaml', await readFile(path.join(out, 'openapi.yaml'))]]);
      expect((await writeArtifacts(artifacts, out)).summary).toBe('2 files, 1 changed');
      expect(await readFile(path.join(out, 'openapi.json'), 'utf8')).toBe('{}\n');
      await expect(readFile(path.join(out, 'stray.txt'))).rejects.toThrow();
      expect(await diffAgainst(artifacts, out)).toEqual([]);
    }));
});
