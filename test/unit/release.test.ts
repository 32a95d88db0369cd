// The life cycle of a change after the diff: the gate in `npm run check`, and `npm run release`
// run for real in a scratch clone of the repository with its own git: on its command line for
// the release itself and for a refusal (exit code, stderr, files written), and in-process (the
// clone's own scripts, its main()) for the other refusals, the dry run and the second release,
// made in a git worktree of the same commit.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildBundle } from '../../scripts/build.mjs';
import { UserError, progressTo } from '../../scripts/lib/cli.mjs';
import { runProcess } from '../../scripts/lib/run-process.mjs';
import { checkBreakingChanges, checkVersions } from '../../scripts/release/gate.mjs';
import { changelogEntry } from '../../scripts/release/changelog.mjs';
import { versionProblems } from '../../scripts/release/releases.mjs';
import { scratchRepository } from '../../scripts/lib/scratch-repo.mjs';
import { overlayDescription, repoRoot } from '../support/scratch.js';

// A breaking edit a person might make: createLabel's name limited to 40 characters.
const NARROW = { file: 'components/schemas/CreateLabelRequest.yaml', from: '    $ref: LabelName.yaml\n', to: '    $ref: LabelName.yaml\n    maxLength: 40\n' };
const NARROW_KEY = 'request body field name: maxLength 50 → 40';
const PENDING_MAJOR = `release: major\nmigrations:\n  "${NARROW_KEY}": Send label names of at most 40 characters.\n`;

// The last release, and the major after it. The tests compare with the working description as if
// it were that release, so that changes not yet released on main do not count here.
const LAST = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version as string;
const NEXT_MAJOR = `${Number(LAST.split('.')[0]) + 1}.0.0`;
const lastReleaseFile = (dir: string) => path.join(dir, `openapi-${LAST}.json`);

describe('the breaking-change gate', () => {
  let releases: string;
  let narrowed: unknown;
  beforeAll(async () => {
    progressTo({ write: () => true } as unknown as NodeJS.WriteStream);
    releases = await mkdtemp(path.join(os.tmpdir(), 'kirim-releases-'));
    await cp(path.join(repoRoot, 'releases'), releases, { recursive: true });
    // The working description as the last release: the committed bundle, as in the scratch clone
    // below (`npm run check` holds generated/ to the description; a build here would repeat it).
    await cp(path.join(repoRoot, 'generated/openapi.json'), lastReleaseFile(releases));
    const edited = overlayDescription();
    edited.edit(NARROW.file, NARROW.from, NARROW.to);
    narrowed = (await buildBundle({ overlay: edited.files })).published;
  });
  afterAll(async () => {
    progressTo(process.stdout);
    await rm(releases, { recursive: true, force: true });
  });

  it('fails on an unbumped breaking edit, listing each entry and how to proceed', async () => {
    const error = await Promise.resolve()
      .then(() => checkBreakingChanges(narrowed, { dir: releases, print: () => {} }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    const message = (error as Error).message;
    expect(message).toContain(`1 breaking change(s) since release ${LAST}, and the next release is not marked major`);
    expect(message).toContain('request-max-length-decreased  createLabel: request body field name: maxLength 50 → 40');
    expect(message).toContain('Either revert them, or make the next release major: set `release: major` in releases/pending.yaml');
    expect(message).toContain(`"${NARROW_KEY}": <what a consumer must do>`);
  });

  it('passes once the next release is marked major, and prints warnings without failing', async () => {
    await writeFile(path.join(releases, 'pending.yaml'), PENDING_MAJOR);
    const printed: string[] = [];
    const result = checkBreakingChanges(narrowed, { dir: releases, print: (s: string) => printed.push(s) });
    expect(result.summary).toBe(`1 change(s) since ${LAST}, 1 breaking (next release marked major)`);
    const warned = structuredClone(narrowed) as { components: { schemas: { LabelColor: { enum: string[] } } } };
    warned.components.schemas.LabelColor.enum.push('cyan');
    checkBreakingChanges(warned, { dir: releases, print: (s: string) => printed.push(s) });
    expect(printed.join('')).toContain(`warning(s) since ${LAST} (not failed`);
    expect(printed.join('')).toContain('response-enum-value-added');
  });
});

describe('the changelog entry', () => {
  const e = (level: string, rule: string, operation: string | null, change: string) => ({ level, rule, operation, pointer: '', source: null, message: `${operation ?? 'document'}: ${change}` });
  it('groups Breaking / Changed / Added / Documentation, one line per change naming its operations', () => {
    const entries = [
      e('breaking', 'request-max-length-decreased', 'updateLabel', 'request body field name: maxLength 50 → 40'),
      e('breaking', 'request-max-length-decreased', 'createLabel', 'request body field name: maxLength 50 → 40'),
      e('warning', 'response-enum-value-added', 'getLabel', 'response 200 body field data.color: enum value cyan added'),
      e('non-breaking', 'parameter-maximum-increased', 'listLabels', 'query parameter limit: maximum 100 → 200'),
      e('non-breaking', 'operation-added', 'getMe', 'operation added (GET /me)'),
      e('non-breaking', 'schema-added', null, 'schema KeyContext added'),
      e('annotation', 'operation-summary-changed', 'listLabels', 'summary changed'),
    ];
    const migrations = { 'request body field name: maxLength 50 → 40': 'Send label names of at most 40 characters.' };
    expect(changelogEntry({ version: '2.0.0', date: '2026-12-01', entries, migrations })).toBe(
      [
        '## 2.0.0 (2026-12-01)',
        '',
        '### Breaking',
        '',
        '- `createLabel`, `updateLabel`: request body field name: maxLength 50 → 40.',
        '  Migration: Send label names of at most 40 characters.',
        '',
        '### Changed',
        '',
        '- `getLabel`: response 200 body field data.color: enum value cyan added.',
        '- `listLabels`: query parameter limit: maximum 100 → 200.',
        '',
        '### Added',
        '',
        '- `getMe`: operation added (GET /me).',
        '- schema KeyContext added.',
        '',
        '### Documentation',
        '',
        '- `listLabels`: summary changed.',
        '',
        '',
      ].join('\n'),
    );
  });
});

describe('the version check', () => {
  it('names each place whose version differs from info.version', () => {
    const release = { version: '1.0.0', file: 'releases/openapi-1.0.0.json', document: { info: { version: '1.0.0' } } };
    const problems = versionProblems({
      description: { info: { version: '1.1.0' } },
      packageJson: { version: '1.1.0' },
      packageLock: { version: '1.1.0', packages: { '': { version: '1.0.0' }, 'packages/mock': { version: '1.1.0' } } },
      mockPackageJson: { version: '1.0.0' },
      release,
    });
    const tail = 'but info.version in openapi/openapi.yaml is 1.1.0';
    expect(problems).toEqual([
      `package-lock.json packages[""].version is 1.0.0, ${tail}`,
      `packages/mock/package.json version is 1.0.0, ${tail}`,
      `last release file releases/openapi-1.0.0.json is 1.0.0, ${tail}`,
      `info.version inside releases/openapi-1.0.0.json is 1.0.0, ${tail}`,
    ]);
  });
});

type Run = { code: number; stdout: string; stderr: string };
interface Clone {
  dir: string;
  /** `node scripts/<script> …args` in the clone: the command line. */
  run: (script: string, ...args: string[]) => Promise<Run>;
  /**
   * The clone's scripts/release.mjs main(args), in this process: what the command line would
   * print on stdout, and a UserError's message as its stderr with code 1 (scripts/lib/cli.mjs's
   * run() turns a UserError into exactly that; the command-line runs in the test prove it for release).
   */
  release: (...args: string[]) => Promise<Run>;
  git: (...args: string[]) => string;
  /** A second checkout of the clone's HEAD (`git worktree add`), in a folder of its own: the same inputs in another place. */
  worktree: () => Promise<Clone>;
  remove: () => Promise<void>;
}

/** A clone of the working tree (scripts/lib/scratch-repo.mjs: committed here, with its own git) that shares node_modules. */
async function scratchClone(): Promise<Clone> {
  const { dir, remove } = await scratchRepository('kirim-clone-');
  const bundle = await readFile(path.join(dir, 'generated/openapi.json'));
  await Promise.all([lastReleaseFile(path.join(dir, 'releases')), lastReleaseFile(path.join(dir, 'generated/docs/releases'))].map((f) => writeFile(f, bundle)));
  const clone = checkout(dir, remove);
  clone.git('init', '-q');
  clone.git('-c', 'user.name=test', '-c', 'user.email=test@example.invalid', 'add', '-A');
  clone.git('-c', 'user.name=test', '-c', 'user.email=test@example.invalid', 'commit', '-q', '-m', 'scratch');
  clone.git('config', 'user.name', 'test');
  clone.git('config', 'user.email', 'test@example.invalid');
  return clone;
}

/** The clone's ways in, for a checkout at `dir`; `remove` deletes it. */
function checkout(dir: string, remove: () => Promise<void>): Clone {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_DATE: '2026-12-01T12:00:00Z', GIT_COMMITTER_DATE: '2026-12-01T12:00:00Z' } }).trim();
  return {
    dir,
    git,
    run: (script, ...args) => runProcess(process.execPath, [path.join(dir, 'scripts', script), ...args], { cwd: dir, env: { ...process.env, SOURCE_DATE_EPOCH: '' } }),
    async release(...args) {
      // The checkout's own modules: their paths (scripts/lib/paths.mjs) are the checkout's.
      const cli = await import(/* @vite-ignore */ path.join(dir, 'scripts/lib/cli.mjs'));
      const { main } = await import(/* @vite-ignore */ path.join(dir, 'scripts/release.mjs'));
      let stdout = '';
      cli.progressTo({ write: () => true });
      vi.stubEnv('SOURCE_DATE_EPOCH', '');
      try {
        await main(args, { write: (text: string) => (stdout += text) });
        return { code: 0, stdout, stderr: '' };
      } catch (error) {
        expect(error, 'a UserError: a clean message, no stack trace').toBeInstanceOf(cli.UserError);
        return { code: 1, stdout, stderr: (error as Error).message };
      } finally {
        vi.unstubAllEnvs();
        cli.progressTo(process.stdout);
      }
    },
    async worktree() {
      // Cheaper than a second clone (no copy, no second repository to hash): git checks the commit out.
      const parent = await mkdtemp(path.join(os.tmpdir(), 'kirim-worktree-'));
      const twin = path.join(parent, 'repo');
      // node_modules comes with it: the clone's is a link, which `node_modules/` in .gitignore (folders only) lets git commit.
      git('worktree', 'add', '-q', '--detach', twin, 'HEAD');
      return checkout(twin, () => rm(parent, { recursive: true, force: true }));
    },
    remove,
  };
}

async function narrow(dir: string) {
  const file = path.join(dir, 'openapi', NARROW.file);
  await writeFile(file, (await readFile(file, 'utf8')).replace(NARROW.from, NARROW.to));
}

const RELEASED_FILES = ['CHANGELOG.md', 'package.json', 'packages/mock/package.json', 'package-lock.json', 'openapi/openapi.yaml', `releases/openapi-${NEXT_MAJOR}.json`, 'releases/pending.yaml', 'generated/openapi.json', 'generated/openapi.d.ts', 'generated/docs/changelog.html', `generated/docs/releases/openapi-${NEXT_MAJOR}.json`, 'generated/docs/index.html'];

describe('npm run release, in a scratch clone', () => {
  it('refuses, dry-runs, releases a major with its tag, then refuses an empty release; a second release of the same commit gives the same files', async () => {
    const a = await scratchClone();
    let b: Clone | undefined;
    try {
      const nothing = await a.release();
      expect(nothing.code).toBe(1);
      expect(nothing.stderr).toContain(`nothing to release: the description is the same as release ${LAST}`);

      await narrow(a.dir);
      const minor = await a.release('minor', '--dry-run');
      expect(minor.code).toBe(1);
      expect(minor.stderr).toContain('a minor release is refused: these change(s) need major');
      const unwritten = await a.release('--dry-run');
      expect(unwritten.code).toBe(1);
      expect(unwritten.stderr).toContain(`have no migration sentence`);
      expect(unwritten.stderr).toContain(`"${NARROW_KEY}": <what a consumer must do>`);

      await writeFile(path.join(a.dir, 'releases/pending.yaml'), PENDING_MAJOR);
      const before = await readFile(path.join(a.dir, 'CHANGELOG.md'), 'utf8');
      const dry = await a.release('--dry-run');
      expect(dry.stderr).toBe('');
      expect(dry.stdout).toContain(`release ${LAST} → ${NEXT_MAJOR} (major; the changes imply major)`);
      expect(dry.stdout).toContain(`## ${NEXT_MAJOR} (2026-12-01)`);
      expect(dry.stdout).toContain(`- \`createLabel\`: ${NARROW_KEY}.\n  Migration: Send label names of at most 40 characters.`);
      expect(dry.stdout).toContain(`releases/openapi-${NEXT_MAJOR}.json`);
      expect(dry.stdout).toContain('dry run: nothing written');
      expect(await readFile(path.join(a.dir, 'CHANGELOG.md'), 'utf8')).toBe(before);
      await expect(readFile(path.join(a.dir, `releases/openapi-${NEXT_MAJOR}.json`))).rejects.toThrow();

      // --commit makes a commit of the release alone: the person's edits are committed first.
      const dirty = await a.release('major', '--commit');
      expect(dirty.stderr).toContain('--commit needs a clean working tree');
      a.git('commit', '-q', '-a', '-m', 'createLabel: name up to 40 characters');
      // The second release: the same commit, checked out elsewhere, released in-process.
      b = await a.worktree();
      const [real, twin] = await Promise.all([a.run('release.mjs', 'major', '--commit'), b.release('auto')]);
      expect(real.stderr).toBe('');
      expect(real.code).toBe(0);
      expect(twin.stderr).toBe('');
      expect(a.git('tag', '--list')).toBe(`v${NEXT_MAJOR}`);
      expect(a.git('log', '-1', '--format=%s')).toBe(`Release ${NEXT_MAJOR}`);
      expect(a.git('status', '--porcelain')).toBe('');
      const changelog = await readFile(path.join(a.dir, 'CHANGELOG.md'), 'utf8');
      expect(changelog.indexOf(`## ${NEXT_MAJOR} (2026-12-01)`)).toBeLessThan(changelog.indexOf(`## ${LAST}`));
      expect(changelog).toContain('### Breaking');
      expect(JSON.parse(await readFile(path.join(a.dir, 'package.json'), 'utf8')).version).toBe(`${NEXT_MAJOR}`);
      expect(JSON.parse(await readFile(path.join(a.dir, 'packages/mock/package.json'), 'utf8')).version).toBe(`${NEXT_MAJOR}`);
      expect(JSON.parse(await readFile(path.join(a.dir, 'package-lock.json'), 'utf8')).packages['packages/mock'].version).toBe(`${NEXT_MAJOR}`);
      expect(await readFile(path.join(a.dir, 'openapi/openapi.yaml'), 'utf8')).toMatch(/^ {2}version: 2\.0\.0$/m);
      const released = JSON.parse(await readFile(path.join(a.dir, `releases/openapi-${NEXT_MAJOR}.json`), 'utf8'));
      expect(released.info.version).toBe(`${NEXT_MAJOR}`);
      expect(await readFile(path.join(a.dir, 'generated/docs/changelog.html'), 'utf8')).toContain(`href="releases/openapi-${NEXT_MAJOR}.json"`);
      expect(await readFile(path.join(a.dir, 'releases/pending.yaml'), 'utf8')).toContain('release: null');

      // Reproducible: the other checkout, from the same inputs, wrote the same bytes.
      for (const file of RELEASED_FILES) {
        expect((await readFile(path.join(b.dir, file))).equals(await readFile(path.join(a.dir, file))), file).toBe(true);
      }
      // The released tree passes the version check and the gate, and nothing is left to release.
      const published = JSON.parse(await readFile(path.join(a.dir, 'generated/openapi.json'), 'utf8'));
      const releases = path.join(a.dir, 'releases');
      expect(checkVersions(published, { repo: a.dir, dir: releases }).summary).toBe(`${NEXT_MAJOR} everywhere`);
      expect(checkBreakingChanges(published, { dir: releases, print: () => {} }).summary).toBe(`0 change(s) since ${NEXT_MAJOR}`);
      const again = await a.run('release.mjs');
      expect(again.code).toBe(1);
      expect(again.stderr).toContain(`nothing to release: the description is the same as release ${NEXT_MAJOR}`);
    } finally {
      await Promise.all([a.remove(), b?.remove()]);
    }
  }, 240_000);
});
