// An edited description to break on purpose: a throwaway copy of openapi/ on disk (removed by the
// caller), or the same edits in memory (overlayDescription).
import { readFileSync, readdirSync } from 'node:fs';
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

/**
 * An edited description that is never written: the files of openapi/ with some of them changed,
 * added or deleted in memory, for scripts/lib/description-resolver.mjs to lay over the disk.
 * Paths stay those of openapi/, so messages name the files a person edits. Much cheaper than
 * scratchDescription() for a test that only lints or bundles the edit.
 */
export interface Overlay {
  entry: string;
  /** Absolute path → text, or null for a deleted file: the resolver's `overlay`. */
  files: Map<string, string | null>;
  read(file: string): string;
  /** Rewrites a file (path relative to openapi/); fails if `from` is not in it. */
  edit(file: string, from: string | RegExp, to: string): void;
  write(file: string, contents: string): void;
  rename(from: string, to: string): void;
  delete(file: string): void;
}

// Every file of openapi/, read once per test worker: an overlay starts as all of them, so that a
// build of an edited description reads nothing from disk.
let pristine: Map<string, string> | undefined;
function pristineFiles(): Map<string, string> {
  const dir = path.join(repoRoot, 'openapi');
  pristine ??= new Map(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name))
      .map((file) => [file, readFileSync(file, 'utf8')]),
  );
  return pristine;
}

export function overlayDescription(): Overlay {
  const files = new Map<string, string | null>(pristineFiles());
  const at = (file: string) => path.join(repoRoot, 'openapi', file);
  const read = (file: string) => {
    const text = files.get(at(file));
    if (text === null || text === undefined) throw new Error(`overlay: ${file} is not in openapi/ (or was deleted)`);
    return text;
  };
  return {
    entry: at('openapi.yaml'),
    files,
    read,
    edit(file, from, to) {
      const text = read(file);
      const next = text.replace(from, to);
      if (next === text) throw new Error(`overlay edit: ${String(from)} not found in ${file}`);
      files.set(at(file), next);
    },
    write: (file, contents) => void files.set(at(file), contents),
    rename(from, to) {
      files.set(at(to), read(from));
      files.set(at(from), null);
    },
    delete(file) {
      read(file);
      files.set(at(file), null);
    },
  };
}
