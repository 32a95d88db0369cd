// When `npm run dev` rebuilds: saves are gathered until the files have been quiet for a moment
// (an editor's "save all", a formatter or a git checkout writes many files at once: one
// rebuild), one rebuild runs at a time, and a save during a rebuild abandons it (its AbortSignal
// fires; the pipeline stops at its next step and writes nothing) in favour of the next one.

/** Files the watcher could not name (a folder renamed or removed): the next rebuild starts afresh. */
export const UNKNOWN = 'unknown files';

/**
 * @param {{ quietMs?: number, after?: Promise<unknown>, rebuild: (files: string[], signal: AbortSignal) => Promise<unknown> }} options
 * `rebuild` gets every file saved since the last rebuild that finished (an abandoned one's too);
 * it reports its own failures: anything it throws is a bug, printed with its stack. The first
 * rebuild waits for `after` (the first build).
 */
export function createRebuilds({ quietMs = 40, after = Promise.resolve(), rebuild }) {
  /** Saved since the last rebuild that finished (completed or failed), in order of last save. */
  const unbuilt = new Set();
  /** @type {AbortController | undefined} the next rebuild, from its timer's end until it finishes */
  let latest;
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  /** @type {Promise<unknown>} */
  let idle = after;
  const stats = { saves: 0, rebuilds: 0, abandoned: 0 };

  function start() {
    timer = undefined;
    const controller = new AbortController();
    latest = controller;
    const files = [...unbuilt];
    idle = idle.then(async () => {
      // A newer save came while the previous rebuild was stopping: this one is stale already.
      if (controller.signal.aborted) return;
      stats.rebuilds += 1;
      try {
        await rebuild(files, controller.signal);
      } catch (error) {
        if (!controller.signal.aborted) process.stderr.write(`✗ unexpected failure of the rebuild (a bug in scripts/dev, please report it):\n${error?.stack ?? error}\n`);
      }
      if (controller.signal.aborted) stats.abandoned += 1;
      else for (const file of files) unbuilt.delete(file);
      if (latest === controller) latest = undefined;
    });
  }

  return {
    /** A file was saved: its absolute path, or UNKNOWN. */
    saved(file) {
      stats.saves += 1;
      unbuilt.delete(file);
      unbuilt.add(file);
      latest?.abort();
      clearTimeout(timer);
      timer = setTimeout(start, quietMs);
    },
    /** Resolves once no rebuild is waiting or under way. */
    async settled() {
      while (timer !== undefined || latest !== undefined) {
        await (timer !== undefined ? new Promise((resolve) => setTimeout(resolve, quietMs)) : idle);
      }
    },
    stats,
    stop() {
      clearTimeout(timer);
      timer = undefined;
      latest?.abort();
    },
  };
}
