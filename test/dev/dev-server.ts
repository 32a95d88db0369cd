// `npm run dev` as a person runs it: `node scripts/dev.mjs --port 0` in a scratch copy of the
// repository (scripts/lib/scratch-repo.mjs), with its terminal lines collected, files of the copy
// to edit, and a stop that ends the server and removes the copy.
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { scratchRepository } from '../../scripts/lib/scratch-repo.mjs';

export interface DevServer {
  dir: string;
  origin: string;
  /** Every line the server printed so far. */
  lines: string[];
  /** Resolves with the first line from index `from` on that matches. */
  waitForLine(pattern: RegExp, from: number, timeoutMs?: number): Promise<string>;
  /** Rewrites a file of the copy (path relative to it); fails if `from` is not in it. */
  edit(file: string, from: string | RegExp, to: string): Promise<void>;
  read(file: string): Promise<string>;
  write(file: string, contents: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startDevServer(): Promise<DevServer> {
  const repo = await scratchRepository('kirim-dev-');
  const child = spawn(process.execPath, [path.join(repo.dir, 'scripts/dev.mjs'), '--port', '0'], { cwd: repo.dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  let partial = '';
  const collect = (chunk: Buffer) => {
    const text = partial + chunk.toString();
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    for (const wake of waiters) wake();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => {
    for (const wake of waiters) wake();
  });

  const waitForLine = (pattern: RegExp, from: number, timeoutMs = 60_000) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`no line matching ${pattern} within ${timeoutMs} ms; the server printed:\n${lines.join('\n')}`)), timeoutMs);
      const check = () => {
        const found = lines.slice(from).find((line) => pattern.test(line));
        if (found !== undefined) return done(undefined, found);
        if (child.exitCode !== null) done(new Error(`the dev server exited with ${child.exitCode}:\n${lines.join('\n')}`));
      };
      const done = (error?: Error, line?: string) => {
        clearTimeout(timer);
        waiters.delete(check);
        if (error) reject(error);
        else resolve(line as string);
      };
      waiters.add(check);
      check();
    });

  const at = (file: string) => path.join(repo.dir, file);
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    await repo.remove();
  };
  try {
    const ready = await waitForLine(/^Kirim dev server on http:\/\/127\.0\.0\.1:\d+\//, 0, 120_000);
    const origin = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(ready)?.[1] as string;
    return {
      dir: repo.dir,
      origin,
      lines,
      waitForLine,
      async edit(file, from, to) {
        const text = await readFile(at(file), 'utf8');
        const next = text.replace(from, to);
        if (next === text) throw new Error(`edit: ${String(from)} not found in ${file}`);
        await writeFile(at(file), next);
      },
      read: (file) => readFile(at(file), 'utf8'),
      write: (file, contents) => writeFile(at(file), contents),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
