// `npm run diff` on the command line, as a reviewer or a CI job meets it: the three formats, the
// exit status with --fail-on, files and git refs as sides, and clear refusals of bad input.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess } from '../../scripts/lib/run-process.mjs';
import { repoRoot } from '../support/scratch.js';

const diff = (...args: string[]) => runProcess(process.execPath, [path.join(repoRoot, 'scripts/diff.mjs'), ...args], { cwd: repoRoot });

describe('scripts/diff.mjs', () => {
  let dir: string;
  let base: string;
  let head: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'kirim-diff-'));
    const original = await readFile(path.join(repoRoot, 'releases/openapi-1.0.0.json'), 'utf8');
    const changed = JSON.parse(original);
    changed.components.schemas.LabelName.maxLength = 40;
    changed.components.schemas.LabelColor.enum.push('cyan');
    base = path.join(dir, 'base.json');
    head = path.join(dir, 'head.json');
    await writeFile(base, original);
    await writeFile(head, JSON.stringify(changed));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.concurrent('prints JSON entries with every field, and nothing else, on stdout', async () => {
    const { code, stdout } = await diff('--base', base, '--head', head, '--format', 'json');
    expect(code).toBe(0);
    const entries = JSON.parse(stdout) as Record<string, unknown>[];
    expect(entries.map((e) => Object.keys(e))).toContainEqual(['level', 'rule', 'operation', 'pointer', 'source', 'message']);
    expect(entries).toContainEqual({
      level: 'breaking',
      rule: 'request-max-length-decreased',
      operation: 'createLabel',
      pointer: '/paths/~1labels/post/requestBody/content/application~1json/schema/properties/name/maxLength',
      source: null,
      message: 'createLabel: request body field name: maxLength 50 → 40',
    });
    expect(entries.filter((e) => e.level === 'warning').map((e) => e.rule)).toContain('response-enum-value-added');
  });

  it.concurrent('renders Markdown for a pull request, one table per level', async () => {
    const { stdout } = await diff('--base', base, '--head', head, '--format', 'markdown');
    expect(stdout).toContain('#### Breaking (2)');
    expect(stdout).toContain('| `createLabel` | request body field name: maxLength 50 → 40 | `request-max-length-decreased` |  |');
    expect(stdout).toMatch(/#### Warning \(4\)/);
  });

  it.concurrent('exits 1 with --fail-on at or above the worst level, 0 below it', async () => {
    const failing = await diff('--base', base, '--head', head, '--fail-on', 'breaking');
    expect(failing.code).toBe(1);
    expect(failing.stderr).toContain('2 change(s) at level breaking or worse (--fail-on breaking)');
    const passing = await diff('--base', base, '--head', base, '--fail-on', 'annotation');
    expect(passing.code).toBe(0);
    expect(passing.stdout).toContain('no changes');
  });

  it.concurrent('takes a git ref as a side (its committed bundle)', async () => {
    const { code, stdout } = await diff('--base', 'HEAD', '--head', 'HEAD', '--format', 'json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([]);
  });

  it.concurrent('refuses what is neither a file nor a ref, an unknown format or level, with no stack trace', async () => {
    const cases = [
      [['--base', 'no-such-ref-or-file', '--head', base], '--base no-such-ref-or-file: neither a file nor a git ref with generated/openapi.json'],
      [['--format', 'html'], '--format html: use text, markdown or json'],
      [['--fail-on', 'severe'], '--fail-on severe: use breaking, warning, non-breaking, annotation'],
      [['--frobnicate'], 'unknown argument --frobnicate; usage: npm run diff'],
    ] as const;
    const results = await Promise.all(cases.map(([args]) => diff(...args)));
    results.forEach((result, i) => {
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(cases[i]![1]);
      expect(result.stderr).not.toMatch(/^\s+at /m);
    });
  });
});
