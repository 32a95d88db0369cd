// When the dev server rebuilds: a burst of saves is one rebuild, a save during a rebuild abandons
// it for a newer one that also covers the abandoned one's files, and the pipeline stops between
// two steps once its rebuild is abandoned.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPipeline } from '../../scripts/build.mjs';
import { createRebuilds } from '../../scripts/dev/rebuilds.mjs';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A rebuild that takes `ms` unless aborted, recording what it was given and how it ended. */
function recorder(ms = 0) {
  const runs: { files: string[]; outcome: 'done' | 'abandoned' }[] = [];
  const rebuild = async (files: string[], signal: AbortSignal) => {
    const run = { files, outcome: 'done' as 'done' | 'abandoned' };
    runs.push(run);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        run.outcome = 'abandoned';
        resolve();
      });
    });
    signal.throwIfAborted();
  };
  return { runs, rebuild };
}

describe('rebuilds', () => {
  // On the clock of the test, so that a busy machine cannot stretch 20 ms between saves into more than the quiet period.
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives one rebuild, with every file, for five saves within 100 ms', async () => {
    vi.useFakeTimers();
    const { runs, rebuild } = recorder();
    const rebuilds = createRebuilds({ quietMs: 40, rebuild });
    for (const file of ['a', 'b', 'c', 'd', 'e']) {
      rebuilds.saved(`/repo/openapi/${file}.yaml`);
      await vi.advanceTimersByTimeAsync(20);
    }
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toEqual([{ files: ['a', 'b', 'c', 'd', 'e'].map((f) => `/repo/openapi/${f}.yaml`), outcome: 'done' }]);
    expect(rebuilds.stats).toEqual({ saves: 5, rebuilds: 1, abandoned: 0 });
  });

  it('abandons a rebuild that a newer save overtakes; the next one covers both saves', async () => {
    vi.useFakeTimers();
    const { runs, rebuild } = recorder(300);
    const rebuilds = createRebuilds({ quietMs: 20, rebuild });
    rebuilds.saved('/repo/openapi/a.yaml');
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toHaveLength(1);
    rebuilds.saved('/repo/openapi/b.yaml');
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toEqual([
      { files: ['/repo/openapi/a.yaml'], outcome: 'abandoned' },
      { files: ['/repo/openapi/a.yaml', '/repo/openapi/b.yaml'], outcome: 'done' },
    ]);
    expect(rebuilds.stats).toEqual({ saves: 2, rebuilds: 2, abandoned: 1 });
  });

  it('runs one rebuild at a time', async () => {
    let running = 0;
    let most = 0;
    const rebuilds = createRebuilds({
      quietMs: 5,
      rebuild: async () => {
        running += 1;
        most = Math.max(most, running);
        await sleep(50);
        running -= 1;
      },
    });
    for (let i = 0; i < 4; i += 1) {
      rebuilds.saved(`/repo/openapi/${i}.yaml`);
      await sleep(30);
    }
    await rebuilds.settled();
    expect(most).toBe(1);
  });

  it('the pipeline stops between steps once its rebuild is abandoned, before anything after the bundle', async () => {
    const controller = new AbortController();
    const ran: string[] = [];
    const pipeline = createPipeline({
      report: async (name: string, fn: () => unknown) => {
        ran.push(name);
        const value = await fn();
        if (name === 'bundle') controller.abort();
        return value;
      },
    });
    await expect(pipeline.artifacts({ signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(ran).toEqual(['bundle']);
  });
});
