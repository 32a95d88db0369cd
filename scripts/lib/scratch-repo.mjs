// A throwaway copy of the repository (the files git knows, and node_modules as a link), to run
// a script in as a person would run it in theirs, and to edit without touching this checkout.
// Used by the dev server's benchmark and tests, and the release test.
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { root } from './paths.mjs';

/** @returns {Promise<{ dir: string, remove: () => Promise<void> }>} */
export async function scratchRepository(prefix = 'kirim-repo-') {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  const folders = new Set(files.map((file) => path.dirname(path.join(dir, file))));
  await Promise.all([...folders].map((folder) => mkdir(folder, { recursive: true })));
  await Promise.all(
    files.map((file) =>
      copyFile(path.join(root, file), path.join(dir, file)).catch((error) => {
        // Deleted in the working tree but still in the index: not part of the copy.
        if (error.code !== 'ENOENT') throw error;
      }),
    ),
  );
  await symlink(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
