// The command line of the mock (mock/cli.mjs) and of the dev server (scripts/dev.mjs), which
// serves the mock: options read with node:util's parseArgs, --help, --port, and failures that
// name the problem (with the usage when the command line itself is wrong).
import { parseArgs } from 'node:util';

/**
 * Reads process.argv; prints the usage and exits 0 on --help.
 * @param {string} usage
 * @param {NonNullable<import('node:util').ParseArgsConfig['options']>} options with a string `port`; --help is added
 * @returns {{ values: Record<string, any>, port: number, fail: (message: string, code?: number) => never }}
 */
export function readCommandLine(usage, options) {
  /**
   * Exits with `code`: 2 (the command line is wrong) also prints the usage.
   * @param {string} message
   * @returns {never}
   */
  function fail(message, code = 2) {
    process.stderr.write(`✗ ${message}\n${code === 2 ? `${usage}\n` : ''}`);
    process.exit(code);
  }
  /** @type {Record<string, any>} */
  let values = {};
  try {
    values = parseArgs({ options: { ...options, help: { type: 'boolean', default: false } } }).values;
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  const port = /^\d+$/.test(values.port) && Number(values.port) < 65536 ? Number(values.port) : fail(`--port must be 0 to 65535, got "${values.port}"`);
  return { values, port, fail };
}
