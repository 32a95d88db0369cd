// What `npm run dev` watches: the files the build reads. openapi/ (recursive), redocly.yaml (the
// lint rules and the page's settings), CHANGELOG.md and releases/ (the changelog page and the
// release files beside the reference). The repository's own folder is watched for the two single
// files, because an editor that saves by renaming a new file over the old one would leave a
// watch on the old file itself looking at nothing.
import { watch } from 'node:fs';
import path from 'node:path';
import { changelogFile, lintConfig, root, sourceDir } from '../lib/paths.mjs';
import { releasesDir } from '../release/releases.mjs';
import { UNKNOWN } from './rebuilds.mjs';

export const WATCHED = ['openapi/', 'redocly.yaml', 'CHANGELOG.md', 'releases/'];

/**
 * Calls `onSave(file)` for every change the build could see: an absolute path, or UNKNOWN when
 * the system did not say which file. Editors' swap and backup files are ignored. Returns `close`.
 * @param {(file: string) => void} onSave
 */
export function watchSources(onSave) {
  const watchers = [
    watch(sourceDir, { recursive: true }, (_, name) => {
      if (name === null) onSave(UNKNOWN);
      else if (/\.ya?ml$/.test(name)) onSave(path.join(sourceDir, name));
    }),
    watch(releasesDir, { recursive: true }, (_, name) => onSave(name === null ? UNKNOWN : path.join(releasesDir, name))),
    watch(root, (_, name) => {
      const file = name === null ? undefined : path.join(root, name);
      if (file === lintConfig || file === changelogFile) onSave(file);
    }),
  ];
  return () => {
    for (const watcher of watchers) watcher.close();
  };
}
