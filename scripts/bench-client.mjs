// Benchmarks the client, in one run against baselines measured in the same run:
//  1. per-request overhead: `kirim.labels.get()` vs raw fetch (and openapi-fetch alone) on a
//     local server in a child process, sequential requests, rounds interleaved, medians;
//  2. size: what the client adds to openapi-fetch, min+gzip (scripts/lib/client-size.mjs).
// Run with `npm run bench:client` (it builds dist/ first).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import createClient from 'openapi-fetch';
import { UserError, run, step } from './lib/cli.mjs';
import { CLIENT_SIZE_BUDGET, measureClientSize } from './lib/client-size.mjs';
import { root } from './lib/paths.mjs';

const ROUNDS = 7;
const PER_ROUND = 1_000;
const WARM_UP = 2_000;
const KEY = 'kdv_live_Zx8Q2mN4vB7rT1yK9pL3sD6f';
const ID = 'lbl_01JCZ4V9Q8M3T5N7P2R6W0X1YA';

// A fixed, valid getLabel answer, served by a bare node:http server in its own process.
const SERVER = `
import { createServer } from 'node:http';
const body = JSON.stringify({ data: { id: '${ID}', object: 'label', name: 'Bug', color: 'red', team_id: 'team_main',
  created_at: '2026-11-02T09:15:27Z', updated_at: '2026-11-02T09:15:27Z' }, request_id: 'req_01JD0000000000000000000000' });
const server = createServer((req, res) => {
  req.resume();
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'X-Request-Id': 'req_01JD0000000000000000000000' });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));`;

function startServer() {
  const child = spawn(process.execPath, ['--input-type=module', '-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', (port) => resolve({ url: `http://127.0.0.1:${String(port).trim()}/v1`, stop: () => child.kill() }));
  });
}

async function loadClient() {
  const entry = path.join(root, 'dist/index.js');
  if (!existsSync(entry)) throw new UserError('dist/index.js is missing: run `npm run build:client` (or `npm run bench:client`, which does)');
  return import(pathToFileURL(entry).href);
}

/** Mean milliseconds per request of `n` sequential calls. */
async function timeSequential(call, n) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await call();
  return (performance.now() - t0) / n;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const { Kirim } = await loadClient();
  const server = await step('start a local server', startServer);
  try {
    const kirim = new Kirim({ apiKey: KEY, baseUrl: server.url });
    const plain = createClient({ baseUrl: server.url, headers: { Authorization: `Bearer ${KEY}` } });
    const variants = {
      'raw fetch': async () => {
        const response = await fetch(`${server.url}/labels/${ID}`, { headers: { Authorization: `Bearer ${KEY}` } });
        const body = await response.json();
        return [body.data, response.headers.get('X-Request-Id')];
      },
      'openapi-fetch': () => plain.GET('/labels/{id}', { params: { path: { id: ID } } }),
      'kirim client': () => kirim.labels.get(ID),
    };
    const names = Object.keys(variants);
    await step(`warm up (${WARM_UP} requests each)`, async () => {
      for (const name of names) await timeSequential(variants[name], WARM_UP);
    });
    const samples = Object.fromEntries(names.map((name) => [name, []]));
    await step(`${ROUNDS} rounds × ${PER_ROUND} sequential requests per variant, order rotated`, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        for (let k = 0; k < names.length; k++) {
          const name = names[(round + k) % names.length];
          samples[name].push(await timeSequential(variants[name], PER_ROUND));
        }
      }
    });
    const base = median(samples['raw fetch']);
    console.log('\nper-request time (median of rounds)');
    for (const name of names) {
      const ms = median(samples[name]);
      console.log(`  ${name.padEnd(14)} ${(ms * 1000).toFixed(1).padStart(7)} µs   ${(ms / base).toFixed(3)}× raw fetch`);
    }
    const ratio = median(samples['kirim client']) / base;
    console.log(`  client overhead: ${ratio.toFixed(3)}× raw fetch (target ≤ 1.10×) ${ratio <= 1.1 ? '✓' : '✗ over target'}`);
  } finally {
    server.stop();
  }

  const size = await step('bundle, minify and gzip (rolldown, gzip -9)', measureClientSize);
  console.log(`\nsize, min / min+gzip bytes`);
  console.log(`  openapi-fetch alone     ${size.baseline.min} / ${size.baseline.gzip}`);
  console.log(`  client + openapi-fetch  ${size.client.min} / ${size.client.gzip}`);
  console.log(`  added by the client     ${size.added.min} / ${size.added.gzip} (budget ${CLIENT_SIZE_BUDGET}) ${size.added.gzip <= CLIENT_SIZE_BUDGET ? '✓' : '✗ over budget'}`);
}

run(main);
