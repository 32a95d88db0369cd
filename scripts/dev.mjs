// `npm run dev [-- --port 4010]`: the edit loop of the description. Builds once, serves the
// reference at / and the stateful mock at /v1 on one origin (as `npm start` does), and watches
// openapi/, redocly.yaml, CHANGELOG.md and releases/. On a save it runs the build's own pipeline
// again (scripts/build.mjs: only the files that changed are parsed, and a step whose input is
// unchanged is skipped), writes generated/ as `npm run build` would, swaps the mock's description
// in place, and reloads every open page (scripts/dev/client.js), keeping the reader's place. A
// problem in the description shows over the page and in the terminal, and the page, the mock and
// generated/ stay at the last good build until it is fixed.
import path from 'node:path';
import { createPipeline, readArtifacts, writeArtifacts } from './build.mjs';
import { UserError } from './lib/cli.mjs';
import { generatedDir } from './lib/paths.mjs';
import { DescriptionProblems, problemLine, problemPlace } from './lib/problems.mjs';
import { createRebuilds, UNKNOWN } from './dev/rebuilds.mjs';
import { changedFiles, rebuildLine, writtenOutcome } from './dev/report.mjs';
import { createDevServer } from './dev/server.mjs';
import { WATCHED, watchSources } from './dev/watch.mjs';
import { loadDescription, prepareDescription } from '../mock/lib/description.mjs';
import { readCommandLine } from '../mock/lib/command-line.mjs';
import { createMock } from '../mock/lib/server.mjs';
import { keys, seed } from '../mock/seed.mjs';

const USAGE = 'usage: node scripts/dev.mjs [--port 4010]   (0: a free port)';

const { port, fail } = readCommandLine(USAGE, { port: { type: 'string', default: '4010' } });
const HOST = '127.0.0.1';
const descriptionFile = path.join(generatedDir, 'openapi.json');

const now = () => performance.timeOrigin + performance.now();

/** The steps of the build under way, as the pipeline reports them: name and time, nothing printed. */
let steps = [];
const pipeline = createPipeline({
  report: async (name, fn) => {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      steps.push({ name, ms: performance.now() - t0 });
    }
  },
});

/** What is served: the last good build, the problems of the current one, and the last rebuild's timings. */
const site = {
  build: 0,
  /** @type {Map<string, Buffer>} */
  files: new Map(),
  /** @type {{ heading: string, problems: any[] } | null} */
  problems: null,
  /** @type {any} */
  last: null,
  status: () => ({ build: site.build, problems: site.problems, last: site.last, rebuilds: rebuilds.stats }),
};

/** A failure as the overlay shows it: a heading and the problems as fields (deduplicated: Redocly reports a broken file once per reference). */
function problemsOf(error) {
  const [heading, ...rest] = error.message.split('\n');
  const problems = error instanceof DescriptionProblems ? error.problems : [{ ruleId: '', message: rest.length ? rest.join('\n') : heading }];
  const unique = [...new Map(problems.map((p) => /** @type {[string, any]} */ ([JSON.stringify(p), p]))).values()];
  // `place`: where, written as the terminal writes it (the page's script shows it as it is).
  return { heading: heading.replace(/:$/, ''), problems: unique.map((p) => ({ ...p, place: problemPlace(p) })) };
}

/** One build: the pipeline, then generated/, the mock and the pages. Returns the terminal lines. */
async function build(label, signal) {
  const startedAt = now();
  const cpuAtStart = process.cpuUsage();
  steps = [];
  const lines = [];
  let artifacts;
  /** @type {{ written: string[], removed: string[] }} */
  let published = { written: [], removed: [] };
  let fixed = false;
  let pageChanged = false;
  let publishedAt;
  // The page, the bundle and the files beside the page go out as soon as the page is made (lint
  // has passed by then); the types follow, and are written when they are made.
  const onPage = async (files) => {
    signal?.throwIfAborted();
    published = await writeArtifacts(files, generatedDir, { removeOthers: false });
    site.files = files;
    fixed = site.problems !== null;
    site.problems = null;
    pageChanged = published.written.includes('docs/index.html');
    if (pageChanged) site.build += 1;
    if (pageChanged) devServer?.preparePage();
    publishedAt = now();
    if (pageChanged) devServer?.broadcast('reload', { build: site.build });
    else if (fixed) devServer?.broadcast('fixed');
  };
  try {
    artifacts = await pipeline.artifacts({ signal, onBundle: (bundle) => reloadMock(bundle, lines), onPage });
  } catch (error) {
    if (signal?.aborted) throw error;
    if (!(error instanceof UserError)) throw error;
    site.problems = problemsOf(error);
    devServer?.broadcast('problems', site.problems);
    const line = rebuildLine({ label: `✗ ${label}`, steps, outcome: 'the page, the mock and generated/ stay at the last good build', totalMs: now() - startedAt });
    const detail = error instanceof DescriptionProblems ? site.problems.problems.map(problemLine) : error.message.split('\n');
    return [line, ...detail.map((l) => `    ${l}`), ...lines];
  }
  const rest = await writeArtifacts(artifacts);
  site.files = artifacts;
  const written = { written: [...new Set([...published.written, ...rest.written])], removed: rest.removed };
  const finishedAt = now();
  const cpu = process.cpuUsage(cpuAtStart);
  // CPU time of the whole process (the docs worker's too): steadier than wall time on a busy machine.
  site.last = { label, startedAt, publishedAt, finishedAt, cpuMs: (cpu.user + cpu.system) / 1000, steps, written: written.written, pageChanged };
  const outcome = `${writtenOutcome(written)}${fixed ? ' · fixed' : ''}`;
  return [rebuildLine({ label: `↻ ${label}`, steps, outcome, totalMs: finishedAt - startedAt }), ...lines];
}

let devServer;
let mock;
/** The bundle the mock has (generated/openapi.json's text). */
let mockJson;
let firstBuilt;
const firstBuild = new Promise((resolve) => (firstBuilt = resolve));
/**
 * Swaps the mock's description as soon as the bundle is made (a new limit is in force while the
 * types and the page are still being made), when it differs from the one the mock has.
 */
async function reloadMock({ json }, lines) {
  if (!mock || json === mockJson) return;
  const t0 = performance.now();
  try {
    const { storeReset } = mock.reload(await prepareDescription(JSON.parse(json), descriptionFile));
    mockJson = json;
    if (storeReset) lines.push("  the label schema changed: the mock's labels and contacts are back to the seed");
  } catch (error) {
    lines.push(`  ✗ the mock keeps its previous description: ${error.message}`);
  }
  steps.push({ name: 'mock', ms: performance.now() - t0 });
}

const rebuilds = createRebuilds({
  // Saves during the first build wait for it: one build at a time.
  after: firstBuild,
  rebuild: async (files, signal) => {
    pipeline.changed(files.includes(UNKNOWN) ? undefined : files);
    const lines = await build(changedFiles(files), signal);
    process.stdout.write(`${lines.join('\n')}\n`);
  },
});

const closeWatch = watchSources((file) => rebuilds.saved(file));

process.stdout.write(`${(await build('first build')).join('\n')}\n`);
if (site.files.size === 0) site.files = await readArtifacts();

mockJson = site.files.get('openapi.json')?.toString();
mock = await createMock({ stateful: true, seed, description: await loadDescription(descriptionFile), validateResponses: true }).catch((error) => fail(error.message, 1));
devServer = createDevServer(mock, site);
await new Promise((resolve) => {
  devServer.server.once('error', (error) => fail(`cannot listen on ${HOST}:${port}: ${error.code ?? error.message}`, 1));
  devServer.server.listen(port, HOST, () => resolve(undefined));
});
const origin = `http://${HOST}:${devServer.server.address().port}`;
const keyList = Object.entries(keys).map(([role, key]) => `${role}=${key}`).join(' ');
firstBuilt();
process.stdout.write(
  `Kirim dev server on ${origin}/ (the reference, reloaded on save) · mock (stateful) ${origin}${mock.basePath} · keys: ${keyList} · ` +
    `watching ${WATCHED.join(', ')} · status ${origin}/__dev/status · Ctrl-C to stop\n`,
);

const stop = async () => {
  closeWatch();
  rebuilds.stop();
  await devServer.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
