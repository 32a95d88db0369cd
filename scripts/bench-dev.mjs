// `npm run bench:dev`: the edit loop, timed as a person lives it, in a scratch copy of the
// repository with Debian's chromium on the page.
//   1. `npm run dev`: 10 saves of a changed operation summary, each timed from the file's write
//      to the open page showing the new summary by itself; 10 saves of a changed `maxLength`,
//      each timed from the write to a mock answer that applies it. The dev server's own timings
//      (/__dev/status) split each save into its steps.
//   2. The loop a person has without it, in the same run: `node scripts/build.mjs`, restart the
//      mock (`node mock/cli.mjs --stateful --docs`), reload the page until the change shows.
// Reports medians, the steps' shares and the ratio of the two loops; asserts nothing.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { keys } from '../mock/seed.mjs';
import { run, step } from './lib/cli.mjs';
import { scratchRepository } from './lib/scratch-repo.mjs';
import { startServerProcess } from './lib/server-process.mjs';

const SAVES = Number(process.env.BENCH_RUNS ?? 10);
const MANUAL = Number(process.env.BENCH_MANUAL_RUNS ?? 3);
const LABELS = 'openapi/paths/labels.yaml';
const LABEL_NAME = 'openapi/components/schemas/LabelName.yaml';
const PAGE = '/#/labels/listlabels';

const now = () => performance.timeOrigin + performance.now();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${Math.round(x)} ms`;
const exactly = (s) => new RegExp(`^\\s*${s}\\s*$`);

/**
 * The parts of one save, from the write to what shows it, from the dev server's timings. Bundle
 * and samples run first; then the page renders (docs, in a worker thread) while lint and, once
 * lint has passed, the mock's reload run here. The page waits for the docs and lint, then
 * generated/ is written and the pages told (publishedAt); the types follow, off its path. The
 * mock's answer waits for bundle, samples, lint and its reload.
 */
function partsOf(kind, writtenAt, shownAt, last) {
  const time = (name) => last.steps.find((s) => s.name === name)?.ms ?? 0;
  const first = time('bundle') + time('samples');
  const common = { 'watch + quiet period': last.startedAt - writtenAt, bundle: time('bundle'), samples: time('samples') };
  if (kind === 'mock') return { ...common, lint: time('lint'), 'mock reload': time('mock'), 'the request': shownAt - last.startedAt - first - time('lint') - time('mock') };
  const side = Math.max(time('docs'), time('lint') + time('mock'), time('changelog'));
  return { ...common, 'docs ∥ (lint, mock)': side, 'write generated/, notify': last.publishedAt - last.startedAt - first - side, 'page reload and render': shownAt - last.publishedAt };
}

function report(name, totals, parts, cpu) {
  const total = median(totals);
  const lines = [`median  ${name.padEnd(34)} ${ms(total)} (min ${ms(Math.min(...totals))}, max ${ms(Math.max(...totals))}); the dev server's CPU per rebuild ${ms(median(cpu))}`];
  for (const part of Object.keys(parts[0])) {
    const m = median(parts.map((p) => p[part]));
    lines.push(`          ${part.padEnd(32)} ${ms(m).padStart(8)}  ${((m / total) * 100).toFixed(0).padStart(3)} %`);
  }
  return { total, text: lines.join('\n') };
}

async function devStatus(origin) {
  return (await fetch(`${origin}/__dev/status`)).json();
}

/** Waits for the status of a build that started after `since` and finished. */
async function finishedBuild(origin, since) {
  for (;;) {
    const { last } = await devStatus(origin);
    if (last && last.startedAt > since) return last;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function main() {
  const repo = await step('scratch copy of the repository', () => scratchRepository('kirim-bench-dev-'));
  const at = (file) => path.join(repo.dir, file);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  const stops = [() => browser.close(), () => repo.remove()];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const heading = (summary) => page.locator('h2').filter({ hasText: exactly(summary) });
    // The page itself says when a heading first shows, on its own clock (the system's, as ours):
    // Playwright's waits poll at growing intervals across a reload, which would add to the time.
    /** @type {Map<string, (at: number) => void>} */
    const awaited = new Map();
    await page.exposeBinding('benchHeadingShown', (_, text, at) => awaited.get(text)?.(at));
    await page.addInitScript(() => {
      const seen = new Set();
      const look = () => {
        for (const h of document.querySelectorAll('h2')) {
          const text = h.textContent.trim();
          if (!seen.has(text)) {
            seen.add(text);
            // @ts-ignore: the binding above
            window.benchHeadingShown(text, performance.timeOrigin + performance.now());
          }
        }
        requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    });
    const headingShown = (summary) => new Promise((resolve) => awaited.set(summary, resolve));
    const original = { labels: await readFile(at(LABELS), 'utf8'), name: await readFile(at(LABEL_NAME), 'utf8') };

    const dev = await step('npm run dev (first build)', () => startServerProcess('npm run dev', (port) => [at('scripts/dev.mjs'), '--port', String(port)], 180_000));
    stops.unshift(dev.stop);
    await page.goto(`${dev.origin}${PAGE}`);
    await heading('List labels').waitFor({ timeout: 60_000 });

    const pageTotals = [];
    const pageParts = [];
    const pageCpu = [];
    for (let i = 1; i <= SAVES; i += 1) {
      const summary = `List labels, save ${i}`;
      const shown = headingShown(summary);
      const writtenAt = now();
      await writeFile(at(LABELS), original.labels.replace('summary: List labels', `summary: ${summary}`));
      await heading(summary).waitFor({ timeout: 60_000 });
      const shownAt = await shown;
      const last = await finishedBuild(dev.origin, writtenAt);
      pageTotals.push(shownAt - writtenAt);
      pageParts.push(partsOf('page', writtenAt, shownAt, last));
      pageCpu.push(last.cpuMs);
      console.log(`  save ${i}/${SAVES}: summary on the page in ${ms(shownAt - writtenAt)} (${last.steps.map((s) => `${s.name} ${ms(s.ms)}`).join(' · ')})`);
      await page.waitForFunction(() => document.documentElement.dataset.devPlaceRestored !== undefined || !sessionStorage.length, undefined, { timeout: 10_000 }).catch(() => {});
    }

    // A name of 45 characters: refused under maxLength 40, accepted under 50.
    let created = 0;
    const post = async () => {
      created += 1;
      const name = `${'n'.repeat(40)}${String(created).padStart(5, '0')}`;
      const response = await fetch(`${dev.origin}/v1/labels`, { method: 'POST', headers: { authorization: `Bearer ${keys.singleTeam}`, 'content-type': 'application/json' }, body: JSON.stringify({ name }) });
      await response.arrayBuffer();
      return response.status;
    };
    const mockTotals = [];
    const mockParts = [];
    const mockCpu = [];
    for (let i = 1; i <= SAVES; i += 1) {
      const limit = i % 2 === 1 ? 40 : 50;
      const expected = limit === 40 ? 400 : 201;
      const writtenAt = now();
      await writeFile(at(LABEL_NAME), original.name.replace(/^maxLength: 50$/m, `maxLength: ${limit}`));
      while ((await post()) !== expected) await new Promise((resolve) => setTimeout(resolve, 5));
      const answeredAt = now();
      const last = await finishedBuild(dev.origin, writtenAt);
      mockTotals.push(answeredAt - writtenAt);
      mockParts.push(partsOf('mock', writtenAt, answeredAt, last));
      mockCpu.push(last.cpuMs);
      console.log(`  save ${i}/${SAVES}: maxLength ${limit} applied by the mock in ${ms(answeredAt - writtenAt)} (${last.steps.map((s) => `${s.name} ${ms(s.ms)}`).join(' · ')})`);
      // The page reloads too (the reference shows the limit): let it, before the next save.
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await dev.stop();
    stops.shift();

    // The loop without the dev server: build, restart the mock, reload until the change shows.
    const manualTotals = [];
    let mock = await startServerProcess('mock', (port) => [at('mock/cli.mjs'), '--stateful', '--docs', '--port', String(port)]);
    let mockStop = mock.stop;
    stops.unshift(() => mockStop());
    for (let i = 1; i <= MANUAL; i += 1) {
      const summary = `List labels, by hand ${i}`;
      const shown = headingShown(summary);
      const writtenAt = now();
      await writeFile(at(LABELS), original.labels.replace('summary: List labels', `summary: ${summary}`));
      await promisify(execFile)(process.execPath, [at('scripts/build.mjs')], { cwd: repo.dir });
      await mock.stop();
      mock = await startServerProcess('mock', (port) => [at('mock/cli.mjs'), '--stateful', '--docs', '--port', String(port)]);
      mockStop = mock.stop;
      for (;;) {
        await page.goto(`${mock.origin}${PAGE}`);
        if (await heading(summary).waitFor({ timeout: 5_000 }).then(() => true, () => false)) break;
      }
      manualTotals.push((await shown) - writtenAt);
      console.log(`  by hand ${i}/${MANUAL}: build, restart the mock, reload: ${ms(manualTotals.at(-1))}`);
    }

    const pageReport = report('save → page shows the summary', pageTotals, pageParts, pageCpu);
    const mockReport = report('save → mock applies maxLength', mockTotals, mockParts, mockCpu);
    const manual = median(manualTotals);
    console.log(`\n${pageReport.text}\n${mockReport.text}`);
    console.log(`median  ${'by hand: build, restart, reload'.padEnd(34)} ${ms(manual)}`);
    console.log(`ratio   save → page / by hand            ${(pageReport.total / manual).toFixed(2)}× (target: save → page ≤ 1 s)`);
    console.log(`ratio   save → mock / by hand            ${(mockReport.total / manual).toFixed(2)}× (target: save → mock ≤ 1 s)`);
  } finally {
    for (const stop of stops) await stop();
  }
}

run(main);
