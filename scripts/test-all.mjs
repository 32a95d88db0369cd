// `npm run test:all`, the README's test command after `npm ci`: the system packages (installed
// when run as root with apt, otherwise a stop with the list before any test starts) and the Node
// binaries of the supported versions (from the npm registry into a cache, once), then every
// suite in turn with its name and time (npm test's parts under this Node and under the second
// supported one too), then one table and the failed tests by name, then one plain last line,
// `N passed, N failed`, counted over every suite, for any CI that reads the log. Exits 1 when
// anything failed. Every suite runs even after a failure, so that the count covers all of them.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UserError } from './lib/cli.mjs';
import { readCounts, suiteCounts, summaryLine } from './lib/counts.mjs';
import { NODE_VERSIONS, nodeBinary, SECOND_NODE, withNodeFirst } from './lib/node-versions.mjs';
import { root } from './lib/paths.mjs';
import { ensureSystemPackages } from './system-packages.mjs';

/**
 * The suites, in order. Each runs an npm script of package.json (so `npm test` and this command
 * run the same thing) and says how to count its results from the file at `out`:
 * vitest's JSON report, or the `{ passed, failed }` that scripts/lib/counts.mjs writes.
 * A step without a count (check, typecheck) is one check.
 */
const npmTest = [
  { name: 'check (lint, drift)', script: 'check' },
  { name: 'typecheck', script: 'typecheck' },
  { name: 'vitest', script: 'test:vitest', count: 'vitest' },
];
const secondNode = process.version === `v${SECOND_NODE}` ? [] : npmTest.map((suite) => ({ ...suite, name: `${suite.name}, Node ${SECOND_NODE.split('.')[0]}`, node: SECOND_NODE }));
const suites = [
  ...npmTest,
  ...secondNode,
  { name: 'dev loop', script: 'test:dev', count: 'vitest' },
  { name: 'package tests', script: 'test:package', count: 'vitest' },
  { name: 'properties', script: 'properties', count: 'file' },
  { name: 'mutants', script: 'mutants', count: 'file' },
];

/** Makes sure every supported Node is in the cache (test:package and the second npm test use them); resolves version → binary. */
async function ensureNodes() {
  const t0 = performance.now();
  process.stdout.write(`• Node ${NODE_VERSIONS.join(', ')} …\n`);
  const bins = await Promise.all(NODE_VERSIONS.map(async (version) => /** @type {const} */ ([version, await nodeBinary(version, process.env, (line) => process.stdout.write(`  ${line}\n`))]))).catch((error) => {
    throw new UserError(error.message);
  });
  const installed = bins.filter(([, b]) => b.installedNow).map(([v]) => v);
  process.stdout.write(`  ✓ Node versions ${installed.length ? `installed ${installed.join(', ')} from the npm registry` : 'in the cache'} (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  return Object.fromEntries(bins.map(([v, b]) => [v, b.bin]));
}

/** Runs `npm run <script> [-- args]` with its output shown; resolves its exit code. */
function npmRun(script, args, env) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
    child.on('error', () => resolve(127));
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

/** Runs one suite; its counts are those it reported, and a non-zero exit with no failure counted is one failure more. */
async function runSuite(suite, dir, nodes) {
  const out = path.join(dir, `${suite.name.replace(/\W+/g, '-')}.json`);
  const args = suite.count === 'vitest' ? ['--reporter=default', '--reporter=json', `--outputFile.json=${out}`] : [];
  const t0 = performance.now();
  process.stdout.write(`\n• ${suite.name} …\n`);
  const env = suite.count === 'file' ? { KIRIM_COUNTS_FILE: out } : {};
  // Under another Node: its folder first on PATH, so npm's scripts and everything they start run on it.
  if (suite.node) env.PATH = withNodeFirst(nodes[suite.node]);
  const code = await npmRun(suite.script, args, env);
  const seconds = (performance.now() - t0) / 1000;
  const { passed, failed, skipped, failures } = suiteCounts(code, suite.count ? readCounts(suite.count, out, root) : undefined);
  process.stdout.write(`  ${failed ? '✗' : '✓'} ${suite.name}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''} (${seconds.toFixed(1)} s)\n`);
  return { name: suite.name, passed, failed, skipped, seconds, failures };
}

function table(results) {
  const rows = results.map((r) => `  ${r.name.padEnd(28)} ${String(r.passed).padStart(6)} ${String(r.failed).padStart(6)} ${r.seconds.toFixed(1).padStart(7)} s`);
  return [`  ${'suite'.padEnd(28)} ${'passed'.padStart(6)} ${'failed'.padStart(6)} ${'time'.padStart(9)}`, ...rows].join('\n');
}

async function main() {
  const t0 = performance.now();
  let nodes;
  try {
    await ensureSystemPackages({ install: true });
    nodes = await ensureNodes();
  } catch (error) {
    process.stderr.write(`\n✗ ${error instanceof UserError ? error.message : error?.stack}\n`);
    process.stdout.write(`${summaryLine([{ passed: 0, failed: 1 }])}\n`);
    return 1;
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kirim-test-all-'));
  const results = [];
  try {
    for (const suite of suites) results.push(await runSuite(suite, dir, nodes));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  process.stdout.write(`\n${table(results)}\n  all in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  // The failed tests again, by name, next to the last line: a CI log is often read from its end.
  const failures = results.flatMap((r) => r.failures.map((f) => `  ✗ ${r.name}: ${f}\n`));
  if (failures.length) process.stdout.write(`\nfailed:\n${failures.join('')}`);
  process.stdout.write(`${summaryLine(results)}\n`);
  return results.some((r) => r.failed > 0) ? 1 : 0;
}

process.exitCode = await main();
