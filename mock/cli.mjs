#!/usr/bin/env node
// `npm run mock [-- --stateful] [--port N] [--host H] [--seed FILE] [--description FILE]
// [--rate-limit-read N] [--rate-limit-write N] [--docs] [--validate-responses]`: starts the Kirim
// contract mock and prints one line with its URL and the seeded keys. `npm start` =
// `--stateful --docs --validate-responses`.
import { readCommandLine } from './lib/command-line.mjs';
const USAGE = `usage: node mock/cli.mjs [--stateful] [--port 4010] [--host 127.0.0.1] [--seed FILE] [--description FILE]
                          [--rate-limit-read N] [--rate-limit-write N] [--docs] [--validate-responses]`;

const { values: args, port, fail } = readCommandLine(USAGE, {
  stateful: { type: 'boolean', default: false },
  port: { type: 'string', default: '4010' },
  host: { type: 'string', default: '127.0.0.1' },
  seed: { type: 'string' },
  description: { type: 'string' },
  'rate-limit-read': { type: 'string' },
  'rate-limit-write': { type: 'string' },
  docs: { type: 'boolean', default: false },
  'validate-responses': { type: 'boolean', default: false },
});

function positiveInteger(name, value) {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) fail(`--${name} must be a positive integer, got "${value}"`);
  return Number(value);
}

const rateLimit = { read: positiveInteger('rate-limit-read', args['rate-limit-read']), write: positiveInteger('rate-limit-write', args['rate-limit-write']) };

// Imported after the flags are checked, so that a typo fails at once.
const { assets, keys, loadSeed, startMock } = await import('./index.mjs');
try {
  const seededKeys = args.seed ? Object.fromEntries(loadSeed(args.seed).organizations.flatMap((o) => o.keys.map((k) => [k.role ?? o.id, k.key]))) : keys;
  const mock = await startMock({
    stateful: args.stateful,
    host: args.host,
    port,
    seed: args.seed,
    description: args.description,
    rateLimit: Object.fromEntries(Object.entries(rateLimit).filter(([, v]) => v !== undefined)),
    docs: args.docs ? assets.docs : undefined,
    validateResponses: args['validate-responses'],
  });
  const keyList = Object.entries(seededKeys).map(([role, key]) => `${role}=${key}`).join(' ');
  const docs = args.docs ? ` · docs ${mock.origin}/` : '';
  const validated = args['validate-responses'] ? ` · response violations: ${mock.origin}/__mock/violations` : '';
  process.stdout.write(
    `Kirim mock (${args.stateful ? 'stateful' : 'stateless'}) on ${mock.url}${docs} · keys: ${keyList} · reset: POST ${mock.origin}/__mock/reset with Kirim-Mock-Admin: true${validated}\n`,
  );
  // The seeded keys are public and the admin routes need only them: on another interface, anyone who can reach it can use them.
  if (!['127.0.0.1', '::1', 'localhost'].includes(args.host)) {
    process.stderr.write(`! the mock listens on ${args.host}: anyone who can reach it can use the seeded keys and reset it. Use 127.0.0.1 unless you mean that.\n`);
  }
  const stop = () => mock.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  fail(error.message);
}
