// The releases/ folder: one bundled description per released version (openapi-X.Y.Z.json, the
// generated/openapi.json of that release), so that the gate needs no registry and no git tags.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../lib/cli.mjs';
import { root } from '../lib/paths.mjs';

export const releasesDir = path.join(root, 'releases');
const NAME = /^openapi-(\d+)\.(\d+)\.(\d+)\.json$/;

export const parseVersion = (v) => {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(String(v));
  if (!m) throw new UserError(`"${v}" is not a version of the form MAJOR.MINOR.PATCH`);
  return m.slice(1).map(Number);
};
export const releaseFileName = (version) => `openapi-${version}.json`;

/** Every release, oldest first: `{ version, file }`. */
export function listReleases(dir = releasesDir) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .map((name) => NAME.exec(name))
    .filter(Boolean)
    .map((m) => ({ version: m.slice(1, 4).join('.'), parts: m.slice(1, 4).map(Number), file: path.join(dir, m[0]) }))
    .sort((a, b) => a.parts[0] - b.parts[0] || a.parts[1] - b.parts[1] || a.parts[2] - b.parts[2])
    .map(({ version, file }) => ({ version, file }));
}

/** The newest release with its description; fails with a clear message when there is none. */
export function lastRelease(dir = releasesDir) {
  const all = listReleases(dir);
  if (all.length === 0) throw new UserError(`${path.relative(root, dir) || dir}/ holds no openapi-X.Y.Z.json: there is no release to compare with`);
  const last = all.at(-1);
  let document;
  try {
    document = JSON.parse(readFileSync(last.file, 'utf8'));
  } catch (error) {
    throw new UserError(`${path.relative(root, last.file)}: not a JSON description: ${error.message}`);
  }
  return { ...last, document };
}

/** Where the mock package's manifest is, in the repository and in package-lock.json's `packages`. */
export const MOCK_PACKAGE = 'packages/mock';

/** The version is written in several places (both packages, the lockfile, the last release); they must say the same. Returns the problems. */
export function versionProblems({ description, packageJson, packageLock, mockPackageJson, release }) {
  const problems = [];
  const info = description.info?.version;
  const pairs = [
    ['package.json version', packageJson.version],
    ['package-lock.json version', packageLock.version],
    ['package-lock.json packages[""].version', packageLock.packages?.['']?.version],
    [`${MOCK_PACKAGE}/package.json version`, mockPackageJson.version],
    [`package-lock.json packages["${MOCK_PACKAGE}"].version`, packageLock.packages?.[MOCK_PACKAGE]?.version],
    [`last release file releases/${releaseFileName(release.version)}`, release.version],
    [`info.version inside releases/${releaseFileName(release.version)}`, release.document.info?.version],
  ];
  for (const [where, value] of pairs) {
    if (value !== info) problems.push(`${where} is ${value}, but info.version in openapi/openapi.yaml is ${info}`);
  }
  return problems;
}
