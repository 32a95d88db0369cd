// `npm test`: the system packages first (a missing one stops everything with the line that
// installs it), then the check, the type-check and vitest at the same time: the check and the
// type-check are mostly one core each for a few seconds, while vitest spends its first seconds
// starting the mocks and waiting on other processes. Vitest's output is shown as it comes; the
// others' once they end. The last lines give each part's outcome and time; exits 1 when any failed.
//
// The parts run under Node SECOND_NODE (scripts/lib/node-versions.mjs), a supported line that
// consumers run, taken from the same cache as `npm run test:all`'s second pass (downloaded from
// the npm registry on first use), whatever Node started npm: on this machine's Node 20 (end of
// life) the same run costs about a third more CPU, most of it in the processes the tests start
// (Redocly's and openapi-typescript's command lines, the release, the samples). `--this-node` runs
// them under the Node that runs this script instead; `npm run test:all` runs them under both.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { run, step, UserError } from './lib/cli.mjs';
import { nodeBinary, SECOND_NODE, withNodeFirst } from './lib/node-versions.mjs';
import { root } from './lib/paths.mjs';
import { ensureSystemPackages } from './system-packages.mjs';

const USAGE = 'usage: npm test [-- --this-node]';

/** The parts, by their npm script in package.json, so that each still runs alone as `npm run <script>`. */
const PARTS = ['check', 'typecheck', 'test:vitest'];
/** The part whose output streams (the longest); the others are buffered so that lines do not interleave. */
const STREAMED = 'test:vitest';

const { scripts } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
// What npm run adds: the local binaries first on PATH (main() puts the chosen Node's folder before them).
const env = { ...process.env, PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}` };

/** `--this-node`, or a UserError naming what is wrong with the command line. */
function readOptions(argv) {
  try {
    return parseArgs({ args: argv, options: { 'this-node': { type: 'boolean', default: false } } }).values;
  } catch (error) {
    throw new UserError(`${error.message}\n${USAGE}`);
  }
}

/**
 * Puts the Node the parts run under first on PATH (the parts' command lines and vitest's `#!/usr/bin/env
 * node` find it there, as do the processes the tests start with process.execPath).
 */
async function chooseNode(thisNode) {
  return step('node', async () => {
    if (thisNode || process.version === `v${SECOND_NODE}`) return { summary: `${process.version} (this Node)` };
    const { bin } = await nodeBinary(SECOND_NODE, process.env, (line) => process.stdout.write(`  ${line}\n`)).catch((error) => {
      throw new UserError(`${error.message}\n(\`npm test -- --this-node\` runs the tests under ${process.version} instead)`);
    });
    env.PATH = withNodeFirst(bin, env.PATH);
    return { summary: `v${SECOND_NODE} (${path.dirname(bin)}; \`-- --this-node\` for ${process.version})` };
  });
}

/**
 * Runs one npm script's command line as npm would (without an npm process of its own: a third
 * of a second of CPU each); resolves its exit code, time and buffered output.
 * @param {string} name
 * @returns {Promise<{ name: string, code: number, seconds: number, output: string }>}
 */
function runScript(name) {
  const t0 = performance.now();
  const streamed = name === STREAMED;
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', scripts[name]], { cwd: root, env, stdio: ['ignore', streamed ? 'inherit' : 'pipe', streamed ? 'inherit' : 'pipe'] });
    const chunks = [];
    child.stdout?.on('data', (chunk) => chunks.push(chunk));
    child.stderr?.on('data', (chunk) => chunks.push(chunk));
    const done = (code) => resolve({ name, code, seconds: (performance.now() - t0) / 1000, output: Buffer.concat(chunks).toString() });
    child.on('error', (error) => {
      chunks.push(Buffer.from(`could not start: ${error.message}\n`));
      done(127);
    });
    child.on('close', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

const outcome = (r) => `${r.code === 0 ? '✓' : '✗'} ${r.name}${r.code === 0 ? '' : ` exited with ${r.code}`} (${r.seconds.toFixed(1)} s)`;

async function main() {
  const options = readOptions(process.argv.slice(2));
  await ensureSystemPackages({ install: false });
  await chooseNode(options['this-node']);
  const results = await Promise.all(
    PARTS.map(async (name) => {
      const result = await runScript(name);
      if (name !== STREAMED) process.stdout.write(`\n── ${name} ──\n${result.output}${outcome(result)}\n`);
      return result;
    }),
  );
  process.stdout.write(`\n${results.map((r) => `  ${outcome(r)}`).join('\n')}\n`);
  const failed = results.filter((r) => r.code !== 0).map((r) => r.name);
  if (failed.length > 0) throw new UserError(`npm test: ${failed.join(', ')} failed (output above)`);
}

run(main);
