// Where things live. Every script resolves paths from here, so they run from any directory.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sourceDir = path.join(root, 'openapi');
export const entry = path.join(sourceDir, 'openapi.yaml');
export const lintConfig = path.join(root, 'redocly.yaml');
export const generatedDir = path.join(root, 'generated');
export const changelogFile = path.join(root, 'CHANGELOG.md');

/** A path relative to the repository, for messages. */
export const rel = (p) => {
  const relative = path.relative(root, p);
  return relative.startsWith('..') ? p : relative || '.';
};
