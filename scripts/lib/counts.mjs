// How a script that runs checks of its own (properties, mutants) tells `npm run test:all` how many
// passed and failed: a small JSON file at KIRIM_COUNTS_FILE, when that variable is set.
import { writeFileSync } from 'node:fs';

/** Writes `{ passed, failed }` where the test command asked for it; does nothing otherwise. */
export function reportCounts(passed, failed) {
  const file = process.env.KIRIM_COUNTS_FILE;
  if (file) writeFileSync(file, JSON.stringify({ passed, failed }));
}
