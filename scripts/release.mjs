// `npm run release -- [auto|patch|minor|major] [--dry-run] [--commit]`
//   1. compare the working description with the last release (releases/)
//   2. the level the changes imply (breaking → major, warning or non-breaking → minor,
//      annotation → patch); refuse a lower one, and refuse when nothing changed
//   3. every breaking change needs its migration sentence in releases/pending.yaml
//   4. bump info.version and the package versions, prepend the changelog entry, write
//      releases/openapi-X.Y.Z.json, reset pending.yaml, rebuild generated/
//   5. with --commit: one commit and a vX.Y.Z tag
// The same inputs give the same files byte for byte: the entry's date is SOURCE_DATE_EPOCH
// when set, else the date of the commit the release is made from, never the clock.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildArtifacts, buildBundle, writeArtifacts } from './build.mjs';
import { serialize } from './bundle.mjs';
import { compareDescriptions, worstLevel } from './diff/compare.mjs';
import { sourceLocator } from './diff/source-map.mjs';
import { UserError, run, step } from './lib/cli.mjs';
import { changelogFile, entry, rel, root } from './lib/paths.mjs';
import { breakingKeys, changelogEntry, prependEntry } from './release/changelog.mjs';
import { EMPTY_PENDING, pendingFile, readPending } from './release/pending.mjs';
import { lastRelease, MOCK_PACKAGE, parseVersion, releaseFileName, releasesDir } from './release/releases.mjs';

const USAGE = 'usage: npm run release -- [auto|patch|minor|major] [--dry-run] [--commit]';
const RANK = { patch: 0, minor: 1, major: 2 };
const IMPLIED = { breaking: 'major', warning: 'minor', 'non-breaking': 'minor', annotation: 'patch' };

function parseArgs(argv) {
  const options = { level: 'auto', dryRun: false, commit: false };
  for (const arg of argv) {
    if (arg === '--dry-run') options.dryRun = true;
    else if (arg === '--commit') options.commit = true;
    else if (arg === 'auto' || arg in RANK) options.level = arg;
    else throw new UserError(`unknown argument ${arg}; ${USAGE}`);
  }
  if (options.dryRun && options.commit) throw new UserError(`--dry-run writes nothing, so it cannot --commit; ${USAGE}`);
  return options;
}

function git(...args) {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (error) {
    throw new UserError(`git ${args[0]} failed: ${String(error.stderr || error.message).trim()}`);
  }
}

function releaseDate() {
  if (process.env.SOURCE_DATE_EPOCH) return new Date(Number(process.env.SOURCE_DATE_EPOCH) * 1000).toISOString().slice(0, 10);
  try {
    return git('log', '-1', '--format=%cs');
  } catch {
    throw new UserError('release: no commit to date the release from; commit first or set SOURCE_DATE_EPOCH');
  }
}

export function bump(version, level) {
  const [major, minor, patch] = parseVersion(version);
  if (level === 'major') return `${major + 1}.0.0`;
  if (level === 'minor') return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/** The new contents of every file the release writes by hand (generated/ comes after). */
async function sourceEdits({ from, to, entryText }) {
  const read = (file) => readFile(file, 'utf8');
  const description = await read(entry);
  const versionLine = /^(info:\n(?:[ \t].*\n|\n)*?  version: )(.+)$/m;
  if (versionLine.exec(description)?.[2] !== from) throw new UserError(`${rel(entry)}: info.version is not ${from}, the last release; a version moves only with npm run release`);
  const packageJson = JSON.parse(await read(path.join(root, 'package.json')));
  const lock = JSON.parse(await read(path.join(root, 'package-lock.json')));
  const mockPackageFile = path.join(root, MOCK_PACKAGE, 'package.json');
  const mockPackageJson = JSON.parse(await read(mockPackageFile));
  packageJson.version = to;
  mockPackageJson.version = to;
  lock.version = to;
  if (lock.packages?.['']) lock.packages[''].version = to;
  if (lock.packages?.[MOCK_PACKAGE]) lock.packages[MOCK_PACKAGE].version = to;
  return new Map([
    [entry, description.replace(versionLine, `$1${to}`)],
    [path.join(root, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`],
    [mockPackageFile, `${JSON.stringify(mockPackageJson, null, 2)}\n`],
    [path.join(root, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`],
    [changelogFile, prependEntry(await read(changelogFile), entryText)],
    [pendingFile(), EMPTY_PENDING],
  ]);
}

/** The command, callable in-process (tests): `argv` its arguments; the plan and changelog entry go to `out`. */
export async function main(argv = process.argv.slice(2), out = process.stdout) {
  const options = parseArgs(argv);
  if (options.commit && git('status', '--porcelain') !== '') {
    throw new UserError('--commit needs a clean working tree: commit your changes to the description (and releases/pending.yaml) first, so that the release commit holds the release alone');
  }
  const release = lastRelease();
  const { published } = await buildBundle();
  const entries = await step('compare', () => {
    const found = compareDescriptions(release.document, published, { locate: sourceLocator(entry) });
    return Object.assign(found, { summary: `${found.length} change(s) since ${release.version}` });
  });
  if (entries.length === 0) throw new UserError(`nothing to release: the description is the same as release ${release.version} (releases/${releaseFileName(release.version)})`);

  const implied = IMPLIED[worstLevel(entries)];
  const level = options.level === 'auto' ? implied : options.level;
  if (RANK[level] < RANK[implied]) {
    const worst = entries.filter((e) => IMPLIED[e.level] === implied);
    throw new UserError(`a ${level} release is refused: these change(s) need ${implied}:\n${worst.map((e) => `  ${e.level} ${e.rule}  ${e.message}`).join('\n')}\nRun \`npm run release -- ${implied}\` (or auto).`);
  }
  const { migrations } = readPending();
  const missing = breakingKeys(entries).filter((key) => !migrations[key]);
  if (missing.length > 0) {
    throw new UserError(
      `${missing.length} breaking change(s) have no migration sentence. Write one for each in ${rel(pendingFile())}, under migrations:\n` +
        missing.map((key) => `  ${JSON.stringify(key)}: <what a consumer must do>`).join('\n'),
    );
  }

  const version = bump(release.version, level);
  const entryText = changelogEntry({ version, date: releaseDate(), entries, migrations });
  const edits = await sourceEdits({ from: release.version, to: version, entryText });
  const releaseFile = path.join(releasesDir, releaseFileName(version));
  const tag = `v${version}`;
  out.write(
    `\nrelease ${release.version} → ${version} (${level}; the changes imply ${implied})\n\n${entryText}` +
      `files:\n${[...edits.keys(), releaseFile].map((f) => `  ${rel(f)}`).join('\n')}\n  generated/ (rebuilt)\n` +
      `${options.commit ? `commit "Release ${version}" and tag ${tag}\n` : ''}`,
  );
  if (options.dryRun) {
    out.write('dry run: nothing written\n');
    return;
  }

  for (const [file, text] of edits) await writeFile(file, text);
  // The release file is the new generated/openapi.json; it is written before the rebuild,
  // which publishes every release's description beside the reference.
  const rebuilt = await buildBundle();
  await writeFile(releaseFile, serialize(rebuilt.published).json);
  const artifacts = await buildArtifacts({ built: rebuilt });
  await step('write', () => writeArtifacts(artifacts));
  if (options.commit) {
    await step('commit', () => {
      git('add', '--', ...[...edits.keys(), releaseFile, path.join(root, 'generated')].map((f) => path.relative(root, f)));
      git('commit', '-q', '-m', `Release ${version}`);
      git('tag', tag);
      return { summary: `${git('rev-parse', '--short', 'HEAD')} tagged ${tag}` };
    });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) run(main);
