// The pipeline: openapi/ → generated/. `npm run build` writes generated/; `npm run check`
// builds the same files in memory and fails if generated/ differs (drift) or lint fails.
//
//   1. lint     openapi/ against redocly.yaml (in-process)
//   2. bundle   one document
//   3. samples  x-codeSamples on every operation → generated/openapi.yaml, generated/openapi.json
//   4. types    openapi-typescript → generated/openapi.d.ts        } in parallel
//   5. docs     Redoc, self-contained → generated/docs/index.html  }
// A full build runs bundle and samples first, then lint beside the docs (which render in a worker
// thread), and gives nothing unless lint passed: lint is off the critical path, not skipped.
// generated/docs/ is the folder a docs site publishes: the page plus copies of the bundle, the
// changelog page and the description of every release (releases/).
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildDocs, stopRenderer } from './docs.mjs';
import { addCodeSamples } from './samples.mjs';
import { UserError, run, step } from './lib/cli.mjs';
import { changelogFile, entry, generatedDir, lintConfig, rel } from './lib/paths.mjs';
import { generateTypes } from './types.mjs';
import { sourceLocator } from './diff/source-map.mjs';
import { changelogPage } from './release/changelog.mjs';
import { checkBreakingChanges, checkVersions } from './release/gate.mjs';
import { listReleases, releaseFileName, releasesDir } from './release/releases.mjs';

/**
 * Lint, bundle and the resolver they share, with Redocly's library under them (about 0.5 s to
 * load): loaded by the first build, not by importing this file, so that `build.mjs` refuses a bad
 * argument at once (0.8 s CPU -> 0.2).
 */
async function loadRedoclySteps() {
  const [bundle, lint, resolver] = await Promise.all([import('./bundle.mjs'), import('./lint.mjs'), import('./lib/description-resolver.mjs')]);
  return { ...bundle, ...lint, ...resolver };
}
/** @type {ReturnType<typeof loadRedoclySteps> | undefined} */
let redoclyStepsLoading;
const redoclySteps = () => (redoclyStepsLoading ??= loadRedoclySteps());

/** A step's last input and output: the same input again gives the same output without running it. */
function lastResult() {
  let lastKey;
  let lastValue;
  return {
    async get(key, compute) {
      if (key === lastKey) return lastValue;
      const value = await compute();
      [lastKey, lastValue] = [key, value];
      return value;
    },
    clear() {
      lastKey = undefined;
    },
  };
}

/**
 * The pipeline as a value that can run again. `npm run build` runs it once; `npm run dev` keeps it
 * between saves, with what it learnt: the lint config (until `changed` names redocly.yaml) and
 * each later step's last input and output, so that a rebuild re-runs only what the change needs
 * (an unchanged bundle skips samples, types and docs). Files are parsed again only when their
 * text changed (DescriptionResolver keeps each file's last parse).
 * `report(name, fn)` runs a step: by default cli.mjs's `step`, which prints it and its time.
 * `signal` (an AbortSignal) stops a rebuild that a newer save overtook, between two steps.
 * `overlay`: edited files in memory over the ones on disk (see scripts/lib/description-resolver.mjs).
 * @param {{ ref?: string, overlay?: Map<string, string | null>, report?: typeof step }} [options]
 */
export function createPipeline({ ref = entry, overlay, report = step } = {}) {
  let config;
  const samples = lastResult();
  const types = lastResult();
  const docs = lastResult();
  const releases = lastResult();
  let releasesInput = 0;

  /** Redocly's steps, with the lint config loaded (once: until `changed` names redocly.yaml). */
  async function redocly() {
    const steps = await redoclySteps();
    config ??= await steps.loadLintConfig();
    return steps;
  }
  /** A resolver over the description and the overlay: the one lint and the bundle share when they run together. */
  const newResolver = ({ DescriptionResolver }) => new DescriptionResolver(config.resolve, { overlay });

  /**
   * Step 1: lint. `resolver`: the one the bundle reads through, when it runs after lint (each file is parsed once).
   * @param {import('./lib/description-resolver.mjs').DescriptionResolver} [resolver]
   */
  async function lint(resolver) {
    const steps = await redocly();
    await report('lint', () => steps.lintDescription({ ref, config, resolver: resolver ?? newResolver(steps) }));
  }

  /**
   * Steps 2 and 3: the bundle, and the same with code samples (and its two serialisations).
   * @param {{ signal?: AbortSignal, resolver?: import('./lib/description-resolver.mjs').DescriptionResolver }} options
   */
  async function bundleWithSamples({ signal, resolver }) {
    const steps = await redocly();
    const { document } = await report('bundle', () => steps.bundleDescription({ ref, config, resolver: resolver ?? newResolver(steps) }));
    signal?.throwIfAborted();
    // The bundle as text: the key of the later steps, which it alone decides.
    const bundled = JSON.stringify(document);
    const withSamples = await samples.get(bundled, () =>
      report('samples', async () => {
        const { document: published, summary } = addCodeSamples(document);
        return { published, ...steps.serialize(published), summary };
      }),
    );
    return { document, bundled, ...withSamples };
  }

  /**
   * Steps 1 to 3, in memory: `document` is the bundle, `published` the same with code samples (and its two serialisations).
   * @param {{ signal?: AbortSignal }} [options]
   */
  async function bundle({ signal } = {}) {
    // One resolver for lint and bundle: each file of the description is read and parsed once.
    const resolver = newResolver(await redocly());
    signal?.throwIfAborted();
    await lint(resolver);
    signal?.throwIfAborted();
    return bundleWithSamples({ signal, resolver });
  }

  /**
   * Every artefact: a map of path relative to generated/ → contents.
   * Lint is off the critical path: bundle and samples run first, then the page renders (in its
   * worker thread) while lint runs here. Nothing is handed out before lint has passed: lint's
   * problems win over the bundle's and the page's, and a build that fails lint gives nothing.
   * `onBundle` gets the bundle with samples (`json` as generated/openapi.json will hold it) once
   * lint has passed, while the page is still rendering: the dev server's mock takes it there.
   * `onPage`: given, it gets every artefact but the types as soon as the page is made, and the
   * types step runs after it returns (the dev server publishes the page without waiting for
   * them); without it, types run beside the page.
   * `built`: steps 1 to 3 already made (buildArtifacts' option).
   * @param {{ signal?: AbortSignal, onBundle?: (bundle: { json: string }) => Promise<void>, onPage?: (files: Map<string, Buffer>) => Promise<void>, built?: { document: any, published: any } }} [options]
   */
  async function artifacts({ signal, onBundle, onPage, built } = {}) {
    let made;
    // Made already: only its serialisations are needed (no lint config).
    if (built) made = { document: built.document, bundled: JSON.stringify(built.document), ...(await redoclySteps()).serialize(built.published) };
    else {
      await redocly();
      signal?.throwIfAborted();
      try {
        made = await bundleWithSamples({ signal });
      } catch (error) {
        // A description that does not bundle fails lint too, with the clearer problems: those win.
        if (!signal?.aborted) await lint();
        throw error;
      }
    }
    const { document, bundled, yaml, json } = made;
    signal?.throwIfAborted();
    const page = docs.get(yaml, async () => (await report('docs', () => renderDocs(yaml))).html);
    const releaseFiles = releases.get(releasesInput, () => report('changelog', releaseDocs));
    // Lint's failure is the one to report; the page's, if any, waits for it.
    page.catch(() => {});
    releaseFiles.catch(() => {});
    if (!built) await lint();
    signal?.throwIfAborted();
    await onBundle?.({ json });
    const makeTypes = () => types.get(bundled, async () => (await report('types', () => generateTypes(document))).source);
    const typesBeside = onPage ? undefined : makeTypes();
    typesBeside?.catch(() => {}); // its failure is reported below, once the page is in
    const [docsHtml, { files: releaseDocFiles }] = await Promise.all([page, releaseFiles]);
    signal?.throwIfAborted();
    const all = (typesSource) =>
      new Map([
        ['openapi.yaml', Buffer.from(yaml)],
        ['openapi.json', Buffer.from(json)],
        ...(typesSource === undefined ? [] : [/** @type {[string, Buffer]} */ (['openapi.d.ts', Buffer.from(typesSource)])]),
        ['docs/index.html', docsHtml],
        ['docs/openapi.yaml', Buffer.from(yaml)],
        ['docs/openapi.json', Buffer.from(json)],
        ...releaseDocFiles,
      ]);
    if (onPage) await onPage(all(undefined));
    const typesSource = await (typesBeside ?? makeTypes());
    signal?.throwIfAborted();
    return all(typesSource);
  }

  /**
   * Files that changed since the last run (absolute paths; `undefined`: unknown, forget everything).
   * redocly.yaml holds the lint rules and the page's settings: a change to it starts afresh.
   */
  function changed(files) {
    if (files === undefined || files.includes(lintConfig)) {
      config = undefined;
      for (const memo of [samples, types, docs]) memo.clear();
    }
    if (files === undefined || files.some((f) => f === changelogFile || f.startsWith(releasesDir + path.sep))) releasesInput += 1;
  }

  return { bundle, artifacts, changed };
}

/**
 * Steps 1 to 3, in memory: `document` is the bundle, `published` the same with code samples
 * (what generated/openapi.json holds). `npm run diff` compares the working tree through this.
 * `overlay`: edited files in memory over the ones on disk (see scripts/lib/description-resolver.mjs).
 * @param {{ ref?: string, overlay?: Map<string, string | null> }} [options]
 */
export async function buildBundle({ ref = entry, overlay } = {}) {
  const { document, published } = await createPipeline({ ref, overlay }).bundle();
  return { document, published };
}

/**
 * Builds every artefact; returns a map of path relative to generated/ → contents. `built`: the
 * result of buildBundle, when the caller has just made it (a release writes its release file
 * from it first), so that steps 1 to 3 do not run twice.
 * @param {{ ref?: string, overlay?: Map<string, string | null>, built?: { document: any, published: any } }} [options]
 */
export async function buildArtifacts({ ref = entry, overlay, built } = {}) {
  return createPipeline({ ref, overlay }).artifacts({ built });
}

/** The docs step on a serialised bundle: build-docs reads a file, so the bundle goes to a staging folder first. */
async function renderDocs(yaml) {
  const staging = await mkdtemp(path.join(os.tmpdir(), 'kirim-build-'));
  try {
    const bundlePath = path.join(staging, 'openapi.yaml');
    await writeFile(bundlePath, yaml);
    return await buildDocs({ bundlePath, outFile: path.join(staging, 'index.html') });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** The changelog page and every release's description, beside the reference. */
async function releaseDocs() {
  const releases = listReleases();
  const changelog = await readFile(changelogFile, 'utf8');
  const files = [
    ['docs/changelog.html', Buffer.from(changelogPage(changelog, releases.map((r) => r.version)))],
    ...(await Promise.all(releases.map(async (r) => [`docs/releases/${releaseFileName(r.version)}`, await readFile(r.file)]))),
  ];
  return { files, summary: `${releases.length} release(s)` };
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

/** The files of an output folder as `writeArtifacts` takes them (`npm run dev` serves generated/ as it is when its first build fails). */
export async function readArtifacts(dir = generatedDir) {
  const names = await filesUnder(dir);
  return new Map(await Promise.all(names.map(async (name) => /** @type {[string, Buffer]} */ ([name, await readFile(path.join(dir, name))]))));
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

/**
 * Writes the files that differ and removes those the build does not make; `written` and `removed`
 * name them. `removeOthers: false`: only writes (part of a build, the rest to follow).
 */
export async function writeArtifacts(artifacts, dir = generatedDir, { removeOthers = true } = {}) {
  const written = [];
  const removed = [];
  for (const [name, contents] of artifacts) {
    const file = path.join(dir, name);
    const current = await readFile(file).catch(() => null);
    if (current !== null && current.equals(contents)) continue;
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, contents);
    written.push(name);
  }
  for (const name of removeOthers ? await filesUnder(dir) : []) {
    if (!artifacts.has(name)) {
      await rm(path.join(dir, name));
      removed.push(name);
    }
  }
  return { written, removed, summary: `${artifacts.size} files, ${written.length} changed` };
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
  const artifacts = await buildArtifacts({ ref }).catch(async (error) => {
    // Lint fails while the page renders beside it (2 to 4 s more): the process need not wait for it.
    await stopRenderer();
    throw error;
  });
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
