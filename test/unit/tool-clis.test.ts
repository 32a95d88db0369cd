// The description through the tools' own command lines, as a contributor or a consumer types
// them: `npx redocly lint` with no arguments finds the description by redocly.yaml's `apis`
// entry and agrees with `npm run lint`; openapi-typescript's CLI still works with that entry;
// a consumer who generates types from openapi.json with the README's command gets ours.
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess } from '../../scripts/lib/run-process.mjs';
import { lintDescription } from '../../scripts/lint.mjs';
import { repoRoot, scratchDescription, type Scratch } from '../support/scratch.js';

const redoclyCli = path.join(repoRoot, 'node_modules/@redocly/cli/bin/cli.js');
const openapiTsCli = path.join(repoRoot, 'node_modules/openapi-typescript/bin/cli.js');
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };

/** `redocly lint` with no arguments in `cwd`: its exit code and its problems as `file:line rule`. */
async function redoclyLint(cwd: string) {
  const { code, stdout, stderr } = await runProcess(process.execPath, [redoclyCli, 'lint', '--format', 'json'], { cwd, env });
  const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { problems: { ruleId: string; location: { source: { ref: string }; start?: { line: number } }[] }[] };
  return { code, stderr, problems: report.problems.map((p) => `${path.relative(cwd, path.resolve(cwd, p.location[0]!.source.ref))} ${p.ruleId}`) };
}

/** `npm run lint`'s problems (the repository's redocly.yaml, which the scratch copy has too) in the same form. */
async function ourLint(entry: string, cwd: string) {
  try {
    await lintDescription({ ref: entry });
    return [];
  } catch (error) {
    return (error as Error).message.split('\n').slice(1).map((line) => {
      const [, file, rule] = /^(\S+?):\d+:\d+\s+(\S+)/.exec(line)!;
      return `${path.relative(cwd, path.resolve(repoRoot, file!))} ${rule}`;
    });
  }
}

// Each CLI run is a process of its own that loads the tool (TypeScript, for openapi-typescript):
// the cases are independent and run concurrently, and on a busy machine they get more time than
// the default (not a timing assertion).
const CLI_TIME_LIMIT = 60_000;

let scratch: Scratch;
beforeAll(async () => {
  scratch = await scratchDescription();
  await cp(path.join(repoRoot, 'redocly.yaml'), path.join(scratch.dir, 'redocly.yaml'));
});
afterAll(() => scratch.remove());

describe.concurrent('`npx redocly lint` with no arguments', () => {
  it('lints the description, like npm run lint: no problem', async () => {
    const { code, problems, stderr } = await redoclyLint(repoRoot);
    expect(stderr).toContain("validating openapi/openapi.yaml using lint rules for api 'kirim@v1'");
    expect(problems).toEqual([]);
    expect(code).toBe(0);
  }, CLI_TIME_LIMIT);

  it('reports the problem npm run lint reports, and fails, on a broken copy', async () => {
    await scratch.edit('components/examples/LabelCreated.yaml', 'color: amber', 'color: mauve');
    const { code, problems } = await redoclyLint(scratch.dir);
    expect(code).toBe(1);
    expect(problems).toEqual(['openapi/components/examples/LabelCreated.yaml no-invalid-media-type-examples']);
    expect(await ourLint(scratch.entry, scratch.dir)).toEqual(problems);
  }, CLI_TIME_LIMIT);
});

describe.concurrent('openapi-typescript', () => {
  let consumer: string;
  beforeAll(async () => {
    consumer = await mkdtemp(path.join(os.tmpdir(), 'kirim-types-consumer-'));
  });
  afterAll(() => rm(consumer, { recursive: true, force: true }));

  it("CLI, in the repository: generates from the `apis` entry into tmp/, never over generated/", async () => {
    const fresh = await scratchDescription();
    try {
      await cp(path.join(repoRoot, 'redocly.yaml'), path.join(fresh.dir, 'redocly.yaml'));
      const { code, stderr } = await runProcess(process.execPath, [openapiTsCli], { cwd: fresh.dir, env });
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const types = await readFile(path.join(fresh.dir, 'tmp/openapi-typescript/openapi.d.ts'), 'utf8');
      expect(types).toContain('"/labels/{id}": {');
    } finally {
      await fresh.remove();
    }
  }, CLI_TIME_LIMIT);

  it("CLI, in a consumer's project: with --default-non-nullable=false (the README's command) gives the package's types; without it, `color` is required on create", async () => {
    const ours = (await readFile(path.join(repoRoot, 'generated/openapi.d.ts'), 'utf8')).replace(/^\/\*\*[\s\S]*?\*\/\n\n/, '');
    const generate = async (out: string, ...flags: string[]) => {
      const { code, stderr } = await runProcess(process.execPath, [openapiTsCli, path.join(repoRoot, 'generated/openapi.json'), ...flags, '-o', out], { cwd: consumer, env });
      expect(code, stderr).toBe(0);
      return (await readFile(path.join(consumer, out), 'utf8')).replace(/^\/\*\*[\s\S]*?\*\/\n\n/, '');
    };
    const [asReadme, asDefault] = await Promise.all([generate('readme.d.ts', '--default-non-nullable=false'), generate('default.d.ts')]);
    expect(asReadme).toBe(ours);
    const changed = asDefault.split('\n').filter((line, i) => line !== ours.split('\n')[i]);
    expect(changed).toEqual([expect.stringMatching(/^\s+color: components\["schemas"\]\["LabelColor"\];$/)]);
  }, CLI_TIME_LIMIT);
});
