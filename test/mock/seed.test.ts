// A consumer's own seed (`--seed FILE`, `startMock({ seed })`): checked against the seed's JSON
// Schema (mock/seed.schema.json, shipped in @kirim/mock), refused with the field that is wrong and
// exit 2; the schema's id and field definitions are the description's own.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSeed, seed } from '../../mock/index.mjs';

const cli = fileURLToPath(new URL('../../mock/cli.mjs', import.meta.url));
const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../../mock/seed.schema.json', import.meta.url)), 'utf8'));
const description = JSON.parse(readFileSync(fileURLToPath(new URL('../../generated/openapi.json', import.meta.url)), 'utf8'));
const dir = mkdtempSync(path.join(tmpdir(), 'kirim-seed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const execFileAsync = promisify(execFile);

/** Runs the mock's CLI to its end, without blocking: the refusals below run side by side. */
async function runCli(args: string[]): Promise<{ status: number | null; stderr: string }> {
  try {
    const { stderr } = await execFileAsync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 20_000 });
    return { status: 0, stderr };
  } catch (error) {
    const failed = error as { code?: number | string; stderr?: string };
    return { status: typeof failed.code === 'number' ? failed.code : null, stderr: failed.stderr ?? '' };
  }
}

function seedFile(edit: (s: any) => void): string {
  const copy = structuredClone(seed);
  edit(copy);
  const file = path.join(dir, `seed-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(copy));
  return file;
}

describe('the seed', () => {
  it("schema's definitions are the description's schemas (without their prose)", () => {
    for (const [name, definition] of Object.entries(schema.definitions)) {
      const { description: _d, examples: _e, ...own } = description.components.schemas[name];
      expect(definition, name).toEqual(own);
    }
  });

  // Concurrent: each case waits on a process of its own.
  it.concurrent.for<[string, (s: any) => unknown, string]>([
    ['a label colour the API does not have', (s: any) => (s.organizations[1].labels[0].color = 'purple'), '/organizations/1/labels/0/color must be one of gray'],
    ['a key without its label', (s: any) => delete s.organizations[0].keys[0].label, "/organizations/0/keys/0 must have required property 'label'"],
    ['a misspelt field', (s: any) => (s.organizations[0].team = s.organizations[0].teams), '/organizations/0 has "team", which is not a seed field'],
    ['a contact id of the wrong shape', (s: any) => (s.organizations[0].contacts[0].id = 'ctc_1'), '/organizations/0/contacts/0/id must NOT have fewer than 30 characters'],
    ['a tier that does not exist', (s: any) => (s.organizations[0].tier = 'gold'), 'has unknown tier "gold"'],
  ])('refuses %s, naming the field; the bin exits 2', async ([, edit, message], { expect }) => {
    const file = seedFile(edit);
    expect(() => loadSeed(file)).toThrow(message);
    const run = await runCli(['--stateful', '--port', '0', '--seed', file]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('accepts a seed of your own organisations, teams, keys and contacts', () => {
    const file = seedFile((s) => {
      s.organizations = [{ ...s.organizations[0], name: 'Acme', keys: [{ id: 'key_01JAV6VC99AMPRAXXVP9DM24BB', label: 'CI', key: 'acme_ci_key' }] }];
    });
    expect(loadSeed(file).organizations.map((o) => o.name)).toEqual(['Acme']);
  });
});
