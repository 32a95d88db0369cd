// How `npm run test:all` counts: each suite's passed and failed checks, from vitest's JSON report
// or from the `{ passed, failed, failures }` file that a script running checks of its own (properties,
// mutants) writes at KIRIM_COUNTS_FILE, and the one plain line that ends the command.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';

/** Writes `{ passed, failed, failures }` (one name per failed check) where the test command asked for it; does nothing otherwise. */
export function reportCounts(passed, failures) {
  const file = process.env.KIRIM_COUNTS_FILE;
  if (file) writeFileSync(file, JSON.stringify({ passed, failed: failures.length, failures }));
}

/** The first line of a failure message, cut to one readable line. */
function firstLine(text) {
  const line = stripVTControlCharacters(String(text ?? '')).split('\n').find((l) => l.trim()) ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line.trim();
}

/**
 * Tests passed and failed in a vitest JSON report, and each failure as one line (file, test,
 * first line of the message), so that the end of a long log says which ones failed; a file that
 * failed with no failed test (it did not load) counts as one failure.
 */
export function vitestCounts(report, rootDir = process.cwd()) {
  let failed = report.numFailedTests;
  const failures = [];
  for (const file of report.testResults) {
    const name = path.relative(rootDir, file.name);
    const failedTests = file.assertionResults.filter((t) => t.status === 'failed');
    for (const t of failedTests) failures.push(`${name} › ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
    if (file.status === 'failed' && failedTests.length === 0) {
      failed += 1;
      failures.push(`${name}: ${firstLine(file.message) || 'did not load'}`);
    }
  }
  return { passed: report.numPassedTests, failed, skipped: report.numPendingTests + (report.numTodoTests ?? 0), failures };
}

/** The counts in `file` (`kind`: 'vitest' or 'file'), or undefined when the suite wrote none. */
export function readCounts(kind, file, rootDir) {
  try {
    const json = JSON.parse(readFileSync(file, 'utf8'));
    return kind === 'vitest' ? vitestCounts(json, rootDir) : json;
  } catch {
    return undefined; // no report: the suite did not get that far
  }
}

/**
 * A suite's final counts from its exit code and what it reported: no report is one check
 * (passed when it exited 0); a non-zero exit with no failure counted is one failure more.
 */
export function suiteCounts(code, counts) {
  const { passed, failed, skipped = 0, failures = [] } = counts ?? { passed: code === 0 ? 1 : 0, failed: 0 };
  return { passed, failed: code !== 0 && failed === 0 ? 1 : failed, skipped, failures };
}

/** The last line of the test command. */
export function summaryLine(results) {
  const sum = (key) => results.reduce((n, r) => n + r[key], 0);
  return `${sum('passed')} passed, ${sum('failed')} failed`;
}
