// Where the two sides of a diff come from: a bundled file (json or yaml), a git ref (its
// committed generated/openapi.json, which `npm run check` keeps in step with its openapi/), the
// last release (default base) or the working tree built in memory (default head).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { UserError } from '../lib/cli.mjs';
import { entry, rel, root } from '../lib/paths.mjs';
import { lastRelease } from '../release/releases.mjs';
import { sourceLocator } from './source-map.mjs';

function fromFile(file) {
  const text = readFileSync(file, 'utf8');
  try {
    return /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new UserError(`${rel(file)}: not a bundled description (${error.message.split('\n')[0]})`);
  }
}

function fromRef(ref, option) {
  try {
    const text = execFileSync('git', ['show', `${ref}:generated/openapi.json`], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
    return JSON.parse(text);
  } catch (error) {
    throw new UserError(`${option} ${ref}: neither a file nor a git ref with generated/openapi.json (${String(error.stderr ?? error.message).trim().split('\n')[0]})`);
  }
}

/**
 * One side of the comparison: `{ document, label, locate }`. `locate` maps a bundle location to
 * `openapi/file:line`, and exists only for the working tree.
 */
export async function loadSide(spec, { option, fallback }) {
  if (spec === undefined && fallback === 'release') {
    const release = lastRelease();
    return { document: release.document, label: `release ${release.version}` };
  }
  if (spec === undefined) {
    // Loaded only here: the pipeline pulls in the type generator and the docs builder, which
    // a comparison of two files or refs does not need.
    const { buildBundle } = await import('../build.mjs');
    const { published } = await buildBundle();
    return { document: published, label: 'working tree', locate: sourceLocator(entry) };
  }
  if (existsSync(spec)) return { document: fromFile(spec), label: rel(spec) };
  return { document: fromRef(spec, option), label: spec };
}
