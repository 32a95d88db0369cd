// The pipeline: openapi/ → generated/. `npm run build` writes generated/; `npm run check`
// builds the same files in memory and fails if generated/ differs (drift) or lint fails.
//
//   1. lint     openapi/ against redocly.yaml (in-process)
//   2. bundle   one document
//   3. samples  x-codeSamples on every operation → generated/openapi.yaml, generated/openapi.json
//   4. types    openapi-typescript → generated/openapi.d.ts        } in parallel
//   5. docs     Redoc, self-contained → generated/docs/index.html  }
// generated/docs/ is the folder a docs site publishes: the page plus copies of the bundle, the
// changelog page and the description of every release (releases/).
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { serialize, bundleDescription } from './bundle.mjs';
import { buildDocs } from './docs.mjs';
import { addCodeSamples } from './samples.mjs';
import { UserError, run, step } from './lib/cli.mjs';
import { DescriptionResolver } from './lib/description-resolver.mjs';
import { changelogFile, entry, generatedDir, rel } from './lib/paths.mjs';
import { lintDescription, loadLintConfig } from './lint.mjs';
import { generateTypes } from './types.mjs';
import { sourceLocator } from './diff/source-map.mjs';
import { changelogPage } from './release/changelog.mjs';
import { checkBreakingChanges, checkVersions } from './release/gate.mjs';
import { listReleases, releaseFileName } from './release/releases.mjs';

/**
 * Steps 1 to 3, in memory: `document` is the bundle, `published` the same with code samples
 * (what generated/openapi.json holds). `npm run diff` compares the working tree through this.
 * `overlay`: edited files in memory over the ones on disk (see scripts/lib/description-resolver.mjs).
 * @param {{ ref?: string, overlay?: Map<string, string | null> }} [options]
 */
export async function buildBundle({ ref = entry, overlay } = {}) {
  const config = await loadLintConfig();
  // One resolver for lint and bundle: each file of the description is read and parsed once.
  const resolver = new DescriptionResolver(config.resolve, { overlay });
  await step('lint', () => lintDescription({ ref, config, resolver }));
  const { document } = await step('bundle', () => bundleDescription({ ref, config, resolver }));
  const { document: published } = await step('samples', () => addCodeSamples(document));
  return { document, published };
}

/**
 * Builds every artefact; returns a map of path relative to generated/ → contents. `built`: the
 * result of buildBundle, when the caller has just made it (a release writes its release file
 * from it first), so that steps 1 to 3 do not run twice.
 * @param {{ ref?: string, overlay?: Map<string, string | null>, built?: { document: any, published: any } }} [options]
 */
export async function buildArtifacts({ ref = entry, overlay, built } = {}) {
  const { document, published } = built ?? (await buildBundle({ ref, overlay }));
  const { yaml, json } = serialize(published);

  const staging = await mkdtemp(path.join(os.tmpdir(), 'kirim-build-'));
  try {
    const bundlePath = path.join(staging, 'openapi.yaml');
    await writeFile(bundlePath, yaml);
    const [types, docs] = await Promise.all([
      step('types', () => generateTypes(document)),
      step('docs', () => buildDocs({ bundlePath, outFile: path.join(staging, 'index.html') })),
    ]);
    return new Map([
      ['openapi.yaml', Buffer.from(yaml)],
      ['openapi.json', Buffer.from(json)],
      ['openapi.d.ts', Buffer.from(types.source)],
      ['docs/index.html', docs.html],
      ['docs/openapi.yaml', Buffer.from(yaml)],
      ['docs/openapi.json', Buffer.from(json)],
      ...(await releaseDocs()),
    ]);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** The changelog page and every release's description, beside the reference. */
async function releaseDocs() {
  const releases = listReleases();
  const changelog = await readFile(changelogFile, 'utf8');
  return [
    ['docs/changelog.html', Buffer.from(changelogPage(changelog, releases.map((r) => r.version)))],
    ...(await Promise.all(releases.map(async (r) => [`docs/releases/${releaseFileName(r.version)}`, await readFile(r.file)]))),
  ];
}

async function filesUnder(dir) {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)));
  } catch (error) {
    if (error.code === 'ENOENT') return [];
    throw error;
  }
}

/** Compares built artefacts with a directory: the list of differences, empty when in step. */
export async function diffAgainst(artifacts, dir = generatedDir) {
  const differences = [];
  for (const [name, contents] of artifacts) {
    const current = await readFile(path.join(dir, name)).catch(() => null);
    if (current === null) differences.push(`missing  ${rel(path.join(dir, name))}`);
    else if (!current.equals(contents)) differences.push(`stale    ${rel(path.join(dir, name))}`);
  }
  for (const name of await filesUnder(dir)) {
    if (!artifacts.has(name)) differences.push(`extra    ${rel(path.join(dir, name))} (not produced by the build)`);
  }
  return differences;
}

export async function writeArtifacts(artifacts, dir = generatedDir) {
  let written = 0;
  for (const [name, contents] of artifacts) {
    const file = path.join(dir, name);
    const current = await readFile(file).catch(() => null);
    if (current !== null && current.equals(contents)) continue;
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, contents);
    written += 1;
  }
  for (const name of await filesUnder(dir)) {
    if (!artifacts.has(name)) await rm(path.join(dir, name));
  }
  return { summary: `${artifacts.size} files, ${written} changed` };
}

/** What `npm run check` says when the output folder is not what the description builds. */
export function driftMessage(differences, out = generatedDir) {
  return (
    `${rel(out)}/ is out of date with the description (${differences.length} file(s)):\n${differences.join('\n')}\n` +
    'Run `npm run build` and commit generated/.'
  );
}

/** `--check`, `--entry <openapi.yaml>` and `--out <dir>` (the last two for scratch copies in tests). */
function parseArgs(argv) {
  const options = { check: false, ref: entry, out: generatedDir };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--check') options.check = true;
    else if (arg === '--entry' || arg === '--out') {
      const value = argv[++i];
      if (!value) throw new UserError(`${arg} needs a path`);
      options[arg === '--entry' ? 'ref' : 'out'] = path.resolve(value);
    } else throw new UserError(`unknown argument ${arg}; usage: build.mjs [--check] [--entry openapi.yaml] [--out dir]`);
  }
  return options;
}

async function main() {
  const { check, ref, out } = parseArgs(process.argv.slice(2));
  const artifacts = await buildArtifacts({ ref });
  if (check) {
    await step('drift', async () => {
      const differences = await diffAgainst(artifacts, out);
      if (differences.length > 0) throw new UserError(driftMessage(differences, out));
      return { summary: `${artifacts.size} files up to date` };
    });
    const published = JSON.parse(artifacts.get('openapi.json').toString());
    await step('versions', () => checkVersions(published));
    await step('changes', () => checkBreakingChanges(published, { locate: sourceLocator(ref) }));
  } else {
    await step('write', () => writeArtifacts(artifacts, out));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) run(main);
