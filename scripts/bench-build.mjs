// Benchmark: `npm run build` (one Node process, tools' JavaScript APIs) against the naive chain
// of CLI calls through npx (redocly lint, bundle ×2, openapi-typescript, build-docs) on the same
// description, alternating in one run. Reports medians and their ratio; asserts nothing.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { root } from './lib/paths.mjs';

const exec = promisify(execFile);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };

async function timed(fn) {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function pipeline(out) {
  await exec(process.execPath, ['scripts/build.mjs', '--out', out], { cwd: root, env });
}

async function naiveChain(out) {
  const npx = (...args) => exec('npx', ['--no-install', ...args], { cwd: root, env });
  await npx('redocly', 'lint', 'openapi/openapi.yaml');
  await npx('redocly', 'bundle', 'openapi/openapi.yaml', '-o', path.join(out, 'openapi.yaml'));
  await npx('redocly', 'bundle', 'openapi/openapi.yaml', '-o', path.join(out, 'openapi.json'));
  // From the output folder: in the repository, openapi-typescript's CLI follows redocly.yaml's
  // `apis` entry and ignores the file it is given.
  await exec('npx', ['--no-install', '--prefix', root, 'openapi-typescript', path.join(out, 'openapi.yaml'), '-o', path.join(out, 'openapi.d.ts')], { cwd: out, env });
  await npx('redocly', 'build-docs', path.join(out, 'openapi.yaml'), '-o', path.join(out, 'docs/index.html'), '--inlineBundle');
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;

const scratch = await mkdtemp(path.join(os.tmpdir(), 'kirim-bench-'));
try {
  /** @type {{ pipeline: number[], naive: number[] }} */
  const times = { pipeline: [], naive: [] };
  console.log(`build benchmark: ${runs} alternating runs of each (BENCH_RUNS to change)`);
  for (let i = 1; i <= runs; i += 1) {
    times.pipeline.push(await timed(() => pipeline(path.join(scratch, `p${i}`))));
    times.naive.push(await timed(() => naiveChain(path.join(scratch, `n${i}`))));
    console.log(`  run ${i}/${runs}: npm run build ${s(times.pipeline.at(-1))}, naive npx chain ${s(times.naive.at(-1))}`);
  }
  const p = median(times.pipeline);
  const n = median(times.naive);
  console.log(`\nmedian  npm run build      ${s(p)}`);
  console.log(`median  naive npx chain    ${s(n)}`);
  console.log(`ratio   build / naive      ${(p / n).toFixed(2)}× (target ≤ 0.50×)`);
} finally {
  await rm(scratch, { recursive: true, force: true });
}
