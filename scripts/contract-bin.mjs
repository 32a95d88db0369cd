// Bundles the contract suite into dist/ with its dependencies (ajv, ajv-formats, fast-check, the
// bundled description), so that the published package keeps openapi-fetch as its only runtime
// dependency: dist/kirim-contract.mjs is the `kirim-contract` bin, dist/contract.mjs the same suite
// as a module (for scripts/mutants.mjs), and the fixtures schema beside them. Run by prepack, `npm run build:contract` and the tests.
import { chmod, copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'rolldown';
import { run, step } from './lib/cli.mjs';
import { runProcess } from './lib/run-process.mjs';
import { pathToFileURL } from 'node:url';
import { root as repoRoot } from './lib/paths.mjs';

const dist = path.join(repoRoot, 'dist');
/** @type {Array<[string, string, string]>} */
const entries = [
  ['src/contract/cli.ts', 'kirim-contract.mjs', '#!/usr/bin/env node'],
  ['src/contract/index.ts', 'contract.mjs', ''],
];

async function bundle([input, file, banner], outDir) {
  await build({
    input: path.join(repoRoot, input),
    platform: 'node',
    logLevel: 'warn',
    output: { file: path.join(outDir, file), format: 'esm', banner, minify: false },
  });
  if (banner) await chmod(path.join(outDir, file), 0o755);
}

/** Bundles both entries into `outDir` (dist/ by default; tests use their own folder). */
export async function buildContract(outDir = dist) {
  for (const entry of entries) await step(`bundle ${entry[0]} → ${path.relative(repoRoot, path.join(outDir, entry[1]))}`, () => bundle(entry, outDir));
  // The fixtures' JSON Schema ships beside the bin, for consumers' editors and their own checks.
  await copyFile(path.join(repoRoot, 'src/contract/fixtures.schema.json'), path.join(outDir, 'kirim-contract.fixtures.schema.json'));
}

/**
 * Runs a built `kirim-contract` against a contract target (test/harness/contract-target.mjs), as a
 * consumer's CI would: the target's extra fields go in a fixtures file written to `dir`.
 * Resolves { code, stdout } whatever the exit code.
 * @param {string} bin
 * @param {{ baseUrl: string, apiKey: string, allowWrites?: boolean }} target a contract target; its other fields become the fixtures
 * @param {{ dir: string, args?: string[], node?: string }} options `node`: the Node binary that runs it (this one by default)
 * @returns {Promise<{ code: number, stdout: string, stderr: string }>}
 */
export async function runContractBin(bin, target, { dir, args = [], node = process.execPath }) {
  const { apiKey, baseUrl, allowWrites: _, ...fixtures } = target;
  const fixturesFile = path.join(dir, `fixtures-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(fixturesFile, JSON.stringify(fixtures));
  const argv = [bin, '--base-url', baseUrl, '--api-key', apiKey, '--allow-writes', '--fixtures', fixturesFile, ...args];
  return runProcess(node, argv);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) run(() => buildContract());
