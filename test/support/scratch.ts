// A throwaway copy of openapi/ to break on purpose, removed by the caller.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface Scratch {
  dir: string;
  entry: string;
  /** Rewrites a file of the copy (path relative to openapi/); fails if `from` is not in it. */
  edit(file: string, from: string | RegExp, to: string): Promise<void>;
  write(file: string, contents: string): Promise<void>;
  remove(): Promise<void>;
}

export async function scratchDescription(): Promise<Scratch> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kirim-scratch-'));
  await cp(path.join(repoRoot, 'openapi'), path.join(dir, 'openapi'), { recursive: true });
  const at = (file: string) => path.join(dir, 'openapi', file);
  return {
    dir,
    entry: at('openapi.yaml'),
    async edit(file, from, to) {
      const text = await readFile(at(file), 'utf8');
      const next = text.replace(from, to);
      if (next === text) throw new Error(`scratch edit: ${String(from)} not found in ${file}`);
      await writeFile(at(file), next);
    },
    write: (file, contents) => writeFile(at(file), contents),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
