// `npm run soak:mock [-- --count 50000 --connections 16 --against REF]`: the stateful mock's
// memory under a long run of distinct Idempotency-Keys and distinct unauthenticated tokens, on
// loopback. The mock runs in a child process; its resident set size (RSS, from `ps`) is read
// after a warm-up, then after each of two runs of `count` idempotent POSTs with a new key each
// (an attach, which changes nothing in the store, so that only the idempotency memory can
// grow) and two runs of `count` GETs with a new unknown token each (401s, which draw from a
// rate-limit bucket). Bounded memory shows as a second run that adds next to nothing.
// `--against REF` soaks the mock of that git revision instead, for a before/after figure.
// Prints the figures; exits 1 when a request gets an unexpected status.
import { execFileSync } from 'node:child_process';
import { Agent } from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { rmSync } from 'node:fs';
import { checkoutRevision } from './lib/checkout.mjs';
import { once } from './lib/http-load.mjs';
import { run, step, UserError } from './lib/cli.mjs';
import { startServerProcess } from './lib/server-process.mjs';
import { root } from './lib/paths.mjs';
import { contacts, keys, labels, orgs } from '../mock/seed.mjs';

const { values: flags } = parseArgs({ options: { count: { type: 'string', default: '50000' }, connections: { type: 'string', default: '16' }, against: { type: 'string' } } });
const COUNT = Number(flags.count);
const CONNECTIONS = Number(flags.connections);
if (!(COUNT >= 1) || !(CONNECTIONS >= 1)) {
  process.stderr.write('✗ --count and --connections must be positive numbers\n');
  process.exit(2);
}

const [TEAM] = orgs.singleTeam.teams;
const ATTACH = { path: `/contacts/${contacts[TEAM][0]}/labels`, body: JSON.stringify({ label_id: labels[TEAM][0] }) };

function rssMiB(pid) {
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024;
}


/** `count` requests over CONNECTIONS keep-alive connections; request i is `make(i)`. */
async function flood(count, expected, make) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  let next = 0;
  let lastReport = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < count) {
        const i = next++;
        const { url, method, headers, body } = make(i);
        const status = await once(agent, url, method, headers, body);
        if (status !== expected) throw new UserError(`request ${i} (${method} ${url}) answered ${status}, expected ${expected}`);
        if (i - lastReport >= 10_000) {
          lastReport = i;
          process.stdout.write(`    ${i} / ${count}\n`);
        }
      }
    }),
  );
  agent.destroy();
}

async function main() {
  const unlimited = ['--rate-limit-read', '1000000000', '--rate-limit-write', '1000000000'];
  const dir = flags.against === undefined ? root : checkoutRevision(flags.against);
  const name = flags.against === undefined ? 'this mock' : `the mock at ${flags.against}`;
  const mock = await step(`start ${name}, stateful`, () => startServerProcess('mock', (port) => [path.join(dir, 'mock/cli.mjs'), '--stateful', '--port', String(port), ...unlimited]));
  const url = `${mock.origin}/v1`;
  const figures = [];
  const idempotent = (tag) => (i) => ({ url: `${url}${ATTACH.path}`, method: 'POST', headers: { authorization: `Bearer ${keys.singleTeam}`, 'idempotency-key': `soak-${tag}-${i}` }, body: ATTACH.body });
  const anonymous = (tag) => (i) => ({ url: `${url}/labels`, method: 'GET', headers: { authorization: `Bearer soak-${tag}-token-${i}` } });
  try {
    await step('warm up: 2,000 keys and 2,000 tokens', async () => {
      await flood(2_000, 200, idempotent('warm'));
      await flood(2_000, 401, anonymous('warm'));
    });
    figures.push(['after the warm-up', rssMiB(mock.pid)]);
    for (const run of [1, 2]) {
      await step(`${COUNT} POSTs with distinct Idempotency-Keys (run ${run})`, () => flood(COUNT, 200, idempotent(`run${run}`)));
      figures.push([`after ${run * COUNT} distinct Idempotency-Keys`, rssMiB(mock.pid)]);
    }
    for (const run of [1, 2]) {
      await step(`${COUNT} GETs with distinct unknown tokens (run ${run})`, () => flood(COUNT, 401, anonymous(`run${run}`)));
      figures.push([`after ${run * COUNT} distinct unauthenticated tokens`, rssMiB(mock.pid)]);
    }
  } finally {
    await mock.stop();
    if (dir !== root) rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`\n${name}:`);
  const lines = ['', '| point | RSS MiB | growth since warm-up | growth in this run |', '|---|---:|---:|---:|'];
  for (const [i, [point, rss]] of figures.entries()) lines.push(`| ${point} | ${rss.toFixed(1)} | ${(rss - figures[0][1]).toFixed(1)} | ${i ? (rss - figures[i - 1][1]).toFixed(1) : ''} |`);
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

run(main);
