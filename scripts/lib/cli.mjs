// The shared shape of every script: named steps with timings, and failures that print a clear
// message and exit non-zero instead of a stack trace.

/** An error whose message is the whole story for the user: no stack trace is printed. */
export class UserError extends Error {}

const ms = (t0) => `${((performance.now() - t0) / 1000).toFixed(2)} s`;

// Progress goes to stdout, except for a script whose stdout is its product (`diff --format json`).
let progress = process.stdout;
/** Sends step and timing lines to `stream` (e.g. process.stderr) from now on. */
export function progressTo(stream) {
  progress = stream;
}

/** Runs `fn` as a named step, prints its result line and duration, and returns its value. */
export async function step(name, fn) {
  const t0 = performance.now();
  progress.write(`• ${name} …\n`);
  const value = await fn();
  const summary = typeof value?.summary === 'string' ? ` ${value.summary}` : '';
  progress.write(`  ✓ ${name}${summary} (${ms(t0)})\n`);
  return value;
}

/** Runs a script's main function: UserErrors print their message, anything else its stack. */
export async function run(main) {
  const t0 = performance.now();
  try {
    await main();
    progress.write(`done in ${ms(t0)}\n`);
  } catch (error) {
    if (error instanceof UserError) {
      process.stderr.write(`\n✗ ${error.message}\n`);
    } else {
      process.stderr.write(`\n✗ unexpected failure (a bug in scripts/, please report it):\n${error?.stack ?? error}\n`);
    }
    process.exitCode = 1;
  }
}
