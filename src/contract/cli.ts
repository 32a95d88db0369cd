// kirim-contract: runs the Kirim contract suite against a server and exits 0 (the server keeps the
// contract) or 1 (it does not); 2 for a usage error.
//   kirim-contract --base-url URL [--api-key K] [--allow-writes] [--junit FILE] [--coverage FILE]
//                  [--seed N] [--property-runs N] [--fixtures FILE] [--bail]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { coverageJson, junit, summary } from './report.js';
import { runSuite } from './runner.js';
import { describeTarget, type Target } from './target.js';

const USAGE = `usage: kirim-contract --base-url URL [--api-key KEY] [--allow-writes] [--junit FILE] [--coverage FILE]
                      [--seed N] [--property-runs N] [--fixtures FILE] [--bail]
  --base-url       the server, base path included (https://api-kckit.kirim.chat/v1); or KIRIM_BASE_URL
  --api-key        an active key of the organisation under test; or KIRIM_API_KEY
  --allow-writes   create, change and delete labels (the suite deletes what it created); or KIRIM_ALLOW_WRITES=1
  --fixtures FILE  JSON with what the suite may use besides the key: teamId, otherTeamId, contacts
                   { team: [ids] }, foreignContacts, expiredKey, rateLimited { baseUrl, apiKey }, preferUrl,
                   inspectContactUrl, kind ("mock" or "live")`;

function usage(message: string): never {
  process.stderr.write(`kirim-contract: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) usage(`--${name} must be a non-negative integer, got "${value}"`);
  return Number(value);
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
    return 0;
  }
  const baseUrl = values['base-url'] ?? process.env.KIRIM_BASE_URL;
  const apiKey = values['api-key'] ?? process.env.KIRIM_API_KEY;
  if (!baseUrl) usage('--base-url (or KIRIM_BASE_URL) is required');
  if (!/^https?:\/\/[^/]+/.test(baseUrl)) usage(`--base-url must be an http(s) URL, got "${baseUrl}"`);
  if (!apiKey) usage('--api-key (or KIRIM_API_KEY) is required');
  let fixtures: Partial<Target> = {};
  if (values.fixtures) {
    try {
      fixtures = JSON.parse(readFileSync(values.fixtures, 'utf8'));
    } catch (error) {
      usage(`cannot read the fixtures ${values.fixtures}: ${(error as Error).message}`);
    }
  }
  const target: Target = {
    kind: 'live',
    ...fixtures,
    baseUrl: baseUrl.replace(/\/+$/, ''),
    apiKey,
    allowWrites: values['allow-writes'] || process.env.KIRIM_ALLOW_WRITES === '1',
  };
  process.stdout.write(`kirim-contract: running against the ${describeTarget(target)}\n`);
  const run = await runSuite(target, { seed: integer('seed', values.seed), propertyRuns: integer('property-runs', values['property-runs']), bail: values.bail });
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
  return run.failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`kirim-contract: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
