// How `npm run test:all` counts: each suite's passed and failed checks, from vitest's JSON report
// or from the `{ passed, failed }` file that a script running checks of its own (properties,
// mutants) writes at KIRIM_COUNTS_FILE, and the one plain line that ends the command.
import { readFileSync, writeFileSync } from 'node:fs';

/** Writes `{ passed, failed }` where the test command asked for it; does nothing otherwise. */
export function reportCounts(passed, failed) {
  const file = process.env.KIRIM_COUNTS_FILE;
  if (file) writeFileSync(file, JSON.stringify({ passed, failed }));
}

/** Tests passed and failed in a vitest JSON report; a file that failed with no failed test (it did not load) counts as one failure. */
export function vitestCounts(report) {
  let failed = report.numFailedTests;
  for (const file of report.testResults) {
    if (file.status === 'failed' && !file.assertionResults.some((t) => t.status === 'failed')) failed += 1;
  }
  return { passed: report.numPassedTests, failed, skipped: report.numPendingTests + (report.numTodoTests ?? 0) };
}

/** The counts in `file` (`kind`: 'vitest' or 'file'), or undefined when the suite wrote none. */
export function readCounts(kind, file) {
  try {
    const json = JSON.parse(readFileSync(file, 'utf8'));
    return kind === 'vitest' ? vitestCounts(json) : json;
  } catch {
    return undefined; // no report: the suite did not get that far
  }
}

/**
 * A suite's final counts from its exit code and what it reported: no report is one check
 * (passed when it exited 0); a non-zero exit with no failure counted is one failure more.
 */
export function suiteCounts(code, counts) {
  const { passed, failed, skipped = 0 } = counts ?? { passed: code === 0 ? 1 : 0, failed: 0 };
  return { passed, failed: code !== 0 && failed === 0 ? 1 : failed, skipped };
}

/** The last line of the test command. */
export function summaryLine(results) {
  const sum = (key) => results.reduce((n, r) => n + r[key], 0);
  return `${sum('passed')} passed, ${sum('failed')} failed`;
}
