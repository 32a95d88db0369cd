// `npm run bench:mock [-- --duration 3 --connections 10]`: throughput and p99 latency of list
// and create, in one run on the same bundle, for this mock (stateless and stateful), stock
// `prism mock -v silent`, and a bare node:http server answering fixed JSON. Every server runs
// in its own process; the load generator (keep-alive node:http, N concurrent connections) runs
// here. All servers are up at once and measured in alternation, round after round, so that a
// change in the machine's load during the run weighs on all of them alike. Reports ratios to
// Prism CLI and the share of the bare server, measured in this run. `--against REF` also runs
// the mock of a git revision (its mock/, scripts/ and generated/, over this node_modules) and
// reports this mock's throughput as a ratio to it: a change's cost, measured in one run. On a
// busy machine, many short rounds (`--rounds 30 --duration 0.25`) and the median of the
// per-round ratios hold up best: the two mocks of a pair run moments apart, in alternating order.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkoutRevision } from './lib/checkout.mjs';
import { once } from './lib/http-load.mjs';
import { run, step, UserError } from './lib/cli.mjs';
import { prismCli, startServerProcess } from './lib/server-process.mjs';
import { keys } from '../mock/seed.mjs';
import { root } from './lib/paths.mjs';

const { values: flags } = parseArgs({
  options: { duration: { type: 'string', default: '1' }, rounds: { type: 'string', default: '4' }, connections: { type: 'string', default: '10' }, against: { type: 'string' } },
});
const DURATION_MS = Number(flags.duration) * 1000;
const ROUNDS = Number(flags.rounds);
const CONNECTIONS = Number(flags.connections);
const WARMUP_MS = 300;
if (!(DURATION_MS > 0) || !(CONNECTIONS > 0) || !(ROUNDS >= 1)) {
  process.stderr.write('✗ --duration (seconds per round), --rounds and --connections must be positive numbers\n');
  process.exit(2);
}

// The single-team key of the seed: create needs no team_id.
const KEY = keys.singleTeam;
const UNLIMITED = ['--rate-limit-read', '1000000000', '--rate-limit-write', '1000000000'];

// A bare node:http server answering the documented examples as fixed JSON: the ceiling.
const BARE = `
const http = require('node:http');
const list = JSON.stringify({ data: [], has_more: false, next_cursor: null, request_id: 'req_01JD6JR410DD3YRST4CHN5KN0T' });
const created = JSON.stringify({ data: { id: 'lbl_01JD8X3Q5RZ7TB2M4N6P8V0W9K', object: 'label', name: 'Follow-up', color: 'gray', team_id: 'team_support', created_at: '2026-11-05T08:30:00Z', updated_at: '2026-11-05T08:30:00Z' }, request_id: 'req_01JD1DBS629DWG0NJR445DF0QQ' });
http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const body = req.method === 'POST' ? created : list;
    res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
}).listen(Number(process.argv[1]), '127.0.0.1');
`;

const against = flags.against === undefined ? undefined : { ref: flags.against, dir: checkoutRevision(flags.against) };
const mockServers = (name, dir) => [
  { name: `${name}, stateless`, base: '/v1', args: (port) => [path.join(dir, 'mock/cli.mjs'), '--port', String(port), ...UNLIMITED] },
  { name: `${name}, stateful`, base: '/v1', args: (port) => [path.join(dir, 'mock/cli.mjs'), '--stateful', '--port', String(port), ...UNLIMITED] },
];

const servers = [
  { name: 'bare node:http', base: '', args: (port) => ['-e', BARE, String(port)] },
  { name: 'prism mock -v silent', base: '', args: (port) => [prismCli, 'mock', path.join(root, 'generated/openapi.yaml'), '-h', '127.0.0.1', '-p', String(port), '-v', 'silent'] },
  // With --against, each mode's two mocks side by side, so that they are measured moments apart.
  ...(against ? mockServers('this mock', root).flatMap((mine, i) => [mine, mockServers(`mock at ${against.ref}`, against.dir)[i]]) : mockServers('this mock', root)),
];

async function startServer(server) {
  try {
    const { origin, pid, stop } = await startServerProcess(server.name, server.args);
    return { url: `${origin}${server.base}`, pid, stop };
  } catch (error) {
    throw new UserError(error.message);
  }
}


// Numbers the requests of the whole run, so that every create sends a new name.
let sent = 0;

/** N connections, each sending its next request when the previous answer is complete. */
// Clock ticks per second of /proc/PID/stat: USER_HZ, 100 on Linux.
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/**
 * CPU time (user + system) the process has used, in milliseconds; undefined without /proc.
 * Unlike throughput, CPU per request hardly moves with what else the machine runs.
 */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

async function load(url, method, bodyOf, expected, pid, warmUp) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies = [];
  let errors = 0;
  const runFor = async (ms, record) => {
    const end = performance.now() + ms;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (performance.now() < end) {
          const t0 = performance.now();
          const status = await once(agent, url, method, { authorization: `Bearer ${KEY}` }, bodyOf?.(sent++));
          if (record) latencies.push(performance.now() - t0);
          if (record && status !== expected) errors++;
        }
      }),
    );
  };
  if (warmUp) await runFor(WARMUP_MS, false);
  const cpu0 = cpuMs(pid);
  const t0 = performance.now();
  await runFor(DURATION_MS, true);
  const seconds = (performance.now() - t0) / 1000;
  const cpu1 = cpuMs(pid);
  const cpu = cpu0 === undefined || cpu1 === undefined ? undefined : cpu1 - cpu0;
  agent.destroy();
  return { latencies, seconds, errors, cpu };
}

function summarise(runs) {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const seconds = runs.reduce((t, r) => t + r.seconds, 0);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))];
  const cpu = runs.some((r) => r.cpu === undefined) ? undefined : runs.reduce((t, r) => t + r.cpu, 0);
  return {
    rps: latencies.length / seconds,
    p50: pct(0.5),
    p99: pct(0.99),
    errors: runs.reduce((t, r) => t + r.errors, 0),
    count: latencies.length,
    cpuUsPerRequest: cpu === undefined ? undefined : (1000 * cpu) / latencies.length,
  };
}

const scenarios = [
  { name: 'list', method: 'GET', path: '/labels', expected: 200 },
  // Names are unique per team in the stateful mock, so every create sends a new one.
  { name: 'create', method: 'POST', path: '/labels', expected: 201, bodyOf: (i) => JSON.stringify({ name: `Bench ${process.pid} ${i}` }) },
];

async function main() {
  const running = [];
  let results;
  try {
    for (const server of servers) running.push(await step(`start ${server.name}`, () => startServer(server)));
    const runs = new Map();
    for (let round = 1; round <= ROUNDS; round++) {
      await step(`round ${round} of ${ROUNDS}: ${scenarios.length} scenarios × ${servers.length} servers, ${DURATION_MS / 1000} s each, ${CONNECTIONS} connections`, async () => {
        for (const scenario of scenarios) {
          // Every other round in reverse order, so that a server measured just before another is measured just after it too.
          const order = [...servers.entries()];
          if (round % 2 === 0) order.reverse();
          for (const [i, server] of order) {
            const r = await load(`${running[i].url}${scenario.path}`, scenario.method, scenario.bodyOf, scenario.expected, running[i].pid, round === 1);
            if (r.errors) throw new UserError(`${server.name} answered ${r.errors} ${scenario.name} requests with an unexpected status`);
            const id = `${server.name}\u0000${scenario.name}`;
            runs.set(id, [...(runs.get(id) ?? []), r]);
          }
        }
      });
    }
    results = servers.flatMap((server) =>
      scenarios.map((scenario) => {
        const rounds = runs.get(`${server.name}\u0000${scenario.name}`);
        return { server: server.name, scenario: scenario.name, ...summarise(rounds), perRound: rounds.map((r) => r.latencies.length / r.seconds) };
      }),
    );
  } finally {
    await Promise.all(running.map((r) => r.stop()));
    if (against) rmSync(against.dir, { recursive: true, force: true });
  }
  const find = (server, scenario) => results.find((r) => r.server === server && r.scenario === scenario);
  const lines = ['', '| server | scenario | req/s | p50 ms | p99 ms | × Prism CLI | share of bare | server CPU µs/req |', '|---|---|---:|---:|---:|---:|---:|---:|'];
  for (const r of results) {
    const prism = find('prism mock -v silent', r.scenario);
    const bare = find('bare node:http', r.scenario);
    const cpu = r.cpuUsPerRequest === undefined ? 'n/a' : Math.round(r.cpuUsPerRequest);
    lines.push(`| ${r.server} | ${r.scenario} | ${Math.round(r.rps)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${(r.rps / prism.rps).toFixed(2)}× | ${((100 * r.rps) / bare.rps).toFixed(0)} % | ${cpu} |`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
  if (against) {
    for (const mode of ['stateless', 'stateful']) {
      for (const scenario of scenarios) {
        // Round by round (the two ran seconds apart), so that the machine's load changing between rounds cancels out.
        const mine = find(`this mock, ${mode}`, scenario.name);
        const theirs = find(`mock at ${against.ref}, ${mode}`, scenario.name);
        const ratios = mine.perRound.map((rps, i) => rps / theirs.perRound[i]).sort((a, b) => a - b);
        const median = ratios.length % 2 ? ratios[ratios.length >> 1] : (ratios[ratios.length / 2 - 1] + ratios[ratios.length / 2]) / 2;
        const cpu = mine.cpuUsPerRequest === undefined ? '' : `; server CPU per request ${(mine.cpuUsPerRequest / theirs.cpuUsPerRequest).toFixed(3)}×`;
        process.stdout.write(
          `this mock (${mode}) ${scenario.name}: throughput ${(mine.rps / theirs.rps).toFixed(3)}× the mock at ${against.ref} over the run, median of the rounds ${median.toFixed(3)}× (${ratios[0].toFixed(2)} to ${ratios[ratios.length - 1].toFixed(2)})${cpu}\n`,
        );
      }
    }
  }
  for (const mode of ['stateless', 'stateful']) {
    for (const scenario of scenarios) {
      const ratio = find(`this mock, ${mode}`, scenario.name).rps / find('prism mock -v silent', scenario.name).rps;
      if (ratio < 1) process.stdout.write(`! this mock (${mode}) ${scenario.name} is below the 1.0× Prism CLI target: ${ratio.toFixed(2)}×\n`);
    }
  }
}

run(main);
