// releases/pending.yaml: what a person writes before the next release. `release: major` marks
// the next release major (the gate then lets breaking changes through); `migrations` gives one
// sentence per breaking change, keyed by the change as `npm run diff` words it without the
// operation. `npm run release` consumes the file and resets it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { UserError } from '../lib/cli.mjs';
import { rel } from '../lib/paths.mjs';
import { releasesDir } from './releases.mjs';

export const pendingFile = (dir = releasesDir) => path.join(dir, 'pending.yaml');

export const EMPTY_PENDING = `# The next release, written by a person before \`npm run release\` (which resets this file).
#
# release: major        when the next release carries breaking changes on purpose; the
#                       breaking-change gate in \`npm run check\` then lets them through.
# migrations:           one sentence per breaking change, telling consumers what to do. The key
#                       is the change as \`npm run diff\` words it, without the operation:
#   "request body field name: maxLength 50 → 40": Send label names of at most 40 characters.
release: null
migrations: {}
`;

export function readPending(dir = releasesDir) {
  const file = pendingFile(dir);
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { release: null, migrations: {} };
  }
  let data;
  try {
    data = parseYaml(text) ?? {};
  } catch (error) {
    throw new UserError(`${rel(file)}: not valid YAML: ${error.message.split('\n')[0]}`);
  }
  if (data.release != null && !['major', 'minor', 'patch'].includes(data.release)) {
    throw new UserError(`${rel(file)}: release is "${data.release}"; use major, minor, patch or null`);
  }
  const migrations = data.migrations ?? {};
  if (typeof migrations !== 'object' || Array.isArray(migrations) || Object.values(migrations).some((v) => typeof v !== 'string' || !v.trim())) {
    throw new UserError(`${rel(file)}: migrations must map each breaking change to one non-empty sentence`);
  }
  return { release: data.release ?? null, migrations };
}

/** A change without its operation: the key of its migration sentence and its changelog line. */
export const changeKey = (entry) => (entry.operation && entry.message.startsWith(`${entry.operation}: `) ? entry.message.slice(entry.operation.length + 2) : entry.message.replace(/^document: /, ''));
