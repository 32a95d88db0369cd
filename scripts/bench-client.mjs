// Benchmarks the client, in one run against baselines measured in the same run:
//  1. per-request overhead: `kirim.labels.get()` vs raw fetch (and openapi-fetch alone) on a
//     local server in a child process; sequential requests, the variants interleaved request
//     by request (so that load on the machine hits all alike), median latency of each;
//  2. size: what the client adds to openapi-fetch, min+gzip (scripts/lib/client-size.mjs).
// Run with `npm run bench:client` (it builds dist/ first).
import { startServerProcess } from './lib/server-process.mjs';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import createClient from 'openapi-fetch';
import { UserError, run, step } from './lib/cli.mjs';
import { CLIENT_SIZE_BUDGET, measureClientSize } from './lib/client-size.mjs';
import { root } from './lib/paths.mjs';

const SAMPLES = 5_000;
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
server.listen(Number(process.argv[1]), '127.0.0.1');`;

async function startServer() {
  const { origin, stop } = await startServerProcess('local server', (port) => ['--input-type=module', '-e', SERVER, String(port)]);
  return { url: `${origin}/v1`, stop };
}

async function loadClient() {
  const entry = path.join(root, 'dist/index.js');
  if (!existsSync(entry)) throw new UserError('dist/index.js is missing: run `npm run build:client` (or `npm run bench:client`, which does)');
  return import(pathToFileURL(entry).href);
}

const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * q)];

async function main() {
  const { Kirim } = await loadClient();
  const server = await step('start a local server', startServer);
  try {
    const kirim = new Kirim({ apiKey: KEY, baseUrl: server.url });
    /** @type {import('openapi-fetch').Client<import('../generated/openapi.js').paths>} */
    const plain = createClient(({ baseUrl: server.url, headers: { Authorization: `Bearer ${KEY}` } }));
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
    /** Every variant once per turn, the order rotated each turn; each latency recorded. */
    async function interleave(turns, samples) {
      for (let turn = 0; turn < turns; turn++) {
        for (let k = 0; k < names.length; k++) {
          const name = names[(turn + k) % names.length];
          const t0 = performance.now();
          await variants[name]();
          samples?.[name].push(performance.now() - t0);
        }
      }
    }
    await step(`warm up (${WARM_UP} requests each)`, () => interleave(WARM_UP));
    const samples = Object.fromEntries(names.map((name) => [name, []]));
    await step(`${SAMPLES} sequential requests per variant, interleaved`, () => interleave(SAMPLES, samples));
    const base = quantile(samples['raw fetch'], 0.5);
    console.log('\nlatency per request: median, p90, median against raw fetch');
    for (const name of names) {
      const [p50, p90] = [quantile(samples[name], 0.5), quantile(samples[name], 0.9)];
      console.log(`  ${name.padEnd(14)} ${(p50 * 1000).toFixed(0).padStart(5)} µs  ${(p90 * 1000).toFixed(0).padStart(5)} µs  ${(p50 / base).toFixed(3)}×`);
    }
    const ratio = quantile(samples['kirim client'], 0.5) / base;
    console.log(`  client overhead: ${ratio.toFixed(3)}× raw fetch (target ≤ 1.10×) ${ratio <= 1.1 ? '✓' : '✗ over target'}`);
  } finally {
    await server.stop();
  }

  const size = await step('bundle, minify and gzip (rolldown, gzip -9)', measureClientSize);
  console.log(`\nsize, min / min+gzip bytes`);
  console.log(`  openapi-fetch alone     ${size.baseline.min} / ${size.baseline.gzip}`);
  console.log(`  client + openapi-fetch  ${size.client.min} / ${size.client.gzip}`);
  console.log(`  added by the client     ${size.added.min} / ${size.added.gzip} (budget ${CLIENT_SIZE_BUDGET}) ${size.added.gzip <= CLIENT_SIZE_BUDGET ? '✓' : '✗ over budget'}`);
}

run(main);
