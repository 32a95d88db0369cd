// The check that `npm run check` (so `npm test` and CI) runs after the build: the version agrees
// everywhere, and a breaking change since the last release passes only when the next release
// is marked major. Warnings are printed, never failed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../lib/cli.mjs';
import { root } from '../lib/paths.mjs';
import { compareDescriptions } from '../diff/compare.mjs';
import { changeKey, readPending } from './pending.mjs';
import { lastRelease, MOCK_PACKAGE, releasesDir, versionProblems } from './releases.mjs';

const readJson = (dir, name) => JSON.parse(readFileSync(path.join(dir, name), 'utf8'));

/** Fails (UserError) when the versions disagree. */
export function checkVersions(published, { repo = root, dir = releasesDir } = {}) {
  const release = lastRelease(dir);
  const problems = versionProblems({ description: published, packageJson: readJson(repo, 'package.json'), packageLock: readJson(repo, 'package-lock.json'), mockPackageJson: readJson(repo, `${MOCK_PACKAGE}/package.json`), release });
  if (problems.length > 0) {
    throw new UserError(`versions disagree:\n${problems.join('\n')}\nA version moves only with \`npm run release\`, which changes all of them together.`);
  }
  return { summary: `${release.version} everywhere` };
}

const line = (e) => `  ${e.level.padEnd(12)} ${e.rule}  ${e.message}${e.source ? `  (${e.source})` : ''}`;

/**
 * Compares with the last release; fails on a breaking change unless the next release is major.
 * @param {any} published the working description, bundled
 * @param {{ locate?: (segments: (string|number)[]) => string | null, dir?: string, print?: (text: string) => void }} [options]
 */
export function checkBreakingChanges(published, { locate, dir = releasesDir, print = (s) => process.stdout.write(s) } = {}) {
  const release = lastRelease(dir);
  const entries = compareDescriptions(release.document, published, { locate });
  const breaking = entries.filter((e) => e.level === 'breaking');
  const warnings = entries.filter((e) => e.level === 'warning');
  if (warnings.length > 0) print(`  ${warnings.length} warning(s) since ${release.version} (not failed; \`npm run diff\` for all):\n${warnings.map(line).join('\n')}\n`);
  const pending = readPending(dir);
  if (breaking.length > 0 && pending.release !== 'major') {
    const keys = [...new Set(breaking.map(changeKey))];
    throw new UserError(
      `${breaking.length} breaking change(s) since release ${release.version}, and the next release is not marked major:\n` +
        `${breaking.map(line).join('\n')}\n` +
        'Either revert them, or make the next release major: set `release: major` in releases/pending.yaml and give each change ' +
        `its migration sentence there under \`migrations:\`, e.g.\n${keys.map((k) => `  ${JSON.stringify(k)}: <what a consumer must do>`).join('\n')}`,
    );
  }
  const note = breaking.length > 0 ? `, ${breaking.length} breaking (next release marked major)` : '';
  return { summary: `${entries.length} change(s) since ${release.version}${note}` };
}
