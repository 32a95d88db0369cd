// kirim-contract: runs the Kirim contract suite against a server. Exit codes: 0 the server keeps
// the contract, 1 it does not, 2 a usage error (arguments, fixtures), 3 the server could not be
// reached.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FixtureError } from './context.js';
import { parseFixtures, type Fixtures } from './fixtures.js';
import { coverageJson, junit, summary } from './report.js';
import { DEFAULT_PROPERTY_RUNS, runSuite } from './runner.js';
import { describeTarget, type Target } from './target.js';

const EXIT = { holds: 0, broken: 1, usage: 2, unreachable: 3 } as const;

// Measured with the defaults against a correct server (test/package checks the figures hold).
const COST = { requests: 565, writes: 475 };

const USAGE = `usage: kirim-contract --base-url URL [--api-key KEY] [--allow-writes] [--fixtures FILE] [--property-runs N]
                      [--writes-per-minute N] [--seed N] [--bail] [--junit FILE] [--coverage FILE]
  --base-url URL          the server, base path included (https://api-kckit.kirim.chat/v1); or KIRIM_BASE_URL
  --api-key KEY           an active key of the organisation under test; or KIRIM_API_KEY
  --allow-writes          create, change and delete labels (the suite deletes what it created); or
                          KIRIM_ALLOW_WRITES=1. Default: read-only, and most cases do not run
  --fixtures FILE         JSON: teams, contacts, another organisation's ids, an expired key (see the
                          JSON Schema dist/kirim-contract.fixtures.schema.json in the package)
  --property-runs N       generated valid and invalid bodies per write operation (default ${DEFAULT_PROPERTY_RUNS})
  --writes-per-minute N   send at most N writes a minute, to leave the organisation's budget to others
                          (default: as many as X-RateLimit-Remaining allows)
  --seed N                the seed of the generated bodies (default: random, printed)
  --bail                  stop starting cases after the first failure
  --junit FILE, --coverage FILE   write JUnit XML, the coverage matrix as JSON

Pacing: the suite reads X-RateLimit-Remaining and X-RateLimit-Reset, waits for the window to
reset when a bucket is spent, and waits out Retry-After on a 429 (clean-up too).
Cost: with --allow-writes and the defaults, a run sends about ${COST.requests} requests, ${COST.writes} of them writes:
about ${Math.ceil(COST.writes / 60)} minutes on the free tier (60 writes a minute), 1 on Pro. Each extra property run
adds 8 writes. Read-only, a run sends about 175 requests; 140 of them are writes that validation
refuses, which still draw from the write bucket.

Exit codes: 0 the contract holds, 1 it does not, 2 usage error, 3 the server could not be reached.`;

function usage(message: string): never {
  process.stderr.write(`kirim-contract: ${message}\n${USAGE}\n`);
  process.exit(EXIT.usage);
}

function integer(name: string, value: string | undefined, min = 0): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) usage(`--${name} must be an integer of at least ${min}, got "${value}"`);
  return Number(value);
}

/** One read before the run: a server that cannot be reached, or a key or URL that is wrong, is not a broken contract. */
async function reach(target: Target): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`${target.baseUrl}/labels?limit=1`, { headers: { authorization: `Bearer ${target.apiKey}` }, signal: AbortSignal.timeout(15_000) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    process.stderr.write(`kirim-contract: cannot reach ${target.baseUrl}: ${cause?.code ?? cause?.message ?? (error as Error).message}\n`);
    process.exit(EXIT.unreachable);
  }
  const body = (await response.json().catch(() => undefined)) as { error?: { code?: string } } | undefined;
  if (response.status === 401) usage(`--api-key: the server refuses the key (${body?.error?.code ?? 401})`);
  if (response.status === 404 || body === undefined) usage(`--base-url: GET ${target.baseUrl}/labels answered ${response.status}${body === undefined ? ', not JSON' : ''}: is the base path (/v1) part of the URL?`);
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        'base-url': { type: 'string' },
        'api-key': { type: 'string' },
        'allow-writes': { type: 'boolean', default: false },
        junit: { type: 'string' },
        coverage: { type: 'string' },
        seed: { type: 'string' },
        'property-runs': { type: 'string' },
        'writes-per-minute': { type: 'string' },
        fixtures: { type: 'string' },
        bail: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    usage((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.holds;
  }
  const baseUrl = values['base-url'] ?? process.env.KIRIM_BASE_URL;
  const apiKey = values['api-key'] ?? process.env.KIRIM_API_KEY;
  if (!baseUrl) usage('--base-url (or KIRIM_BASE_URL) is required');
  if (!/^https?:\/\/[^/]+/.test(baseUrl)) usage(`--base-url must be an http(s) URL, got "${baseUrl}"`);
  if (!apiKey) usage('--api-key (or KIRIM_API_KEY) is required');
  const options = {
    seed: integer('seed', values.seed),
    propertyRuns: integer('property-runs', values['property-runs']),
    writesPerMinute: integer('writes-per-minute', values['writes-per-minute'], 1),
    bail: values.bail,
  };
  let fixtures: Fixtures = {};
  if (values.fixtures) {
    let text = '';
    try {
      text = readFileSync(values.fixtures, 'utf8');
    } catch (error) {
      usage(`--fixtures: cannot read ${values.fixtures}: ${(error as Error).message}`);
    }
    try {
      fixtures = parseFixtures(text, values.fixtures);
    } catch (error) {
      usage(`--fixtures ${(error as Error).message}`);
    }
  }
  const target: Target = {
    kind: 'live',
    ...fixtures,
    baseUrl: baseUrl.replace(/\/+$/, ''),
    apiKey,
    allowWrites: values['allow-writes'] || process.env.KIRIM_ALLOW_WRITES === '1',
  };
  await reach(target);
  process.stdout.write(`kirim-contract: running against the ${describeTarget(target)}\n`);
  let run;
  try {
    run = await runSuite(target, options);
  } catch (error) {
    if (error instanceof FixtureError) usage(`--fixtures: ${error.message}`);
    throw error;
  }
  process.stdout.write(`${summary(run)}\n`);
  for (const [file, text, what] of [
    [values.junit, junit(run), 'JUnit XML'],
    [values.coverage, coverageJson(run), 'coverage matrix'],
  ] as const) {
    if (!file) continue;
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    writeFileSync(file, text);
    process.stdout.write(`kirim-contract: ${what} written to ${file}\n`);
  }
  return run.failed ? EXIT.broken : EXIT.holds;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`kirim-contract: ${(error as Error).message}\n`);
    process.exit(EXIT.broken);
  },
);
