// The edit loop of the issue, end to end: `npm run dev` in a scratch copy, the page open in
// Debian's chromium. A changed summary shows in the page by itself, where the reader was; broken
// YAML shows an overlay naming the file and line while the mock keeps answering; the fix takes
// the overlay away; a change that only lint refuses publishes nothing; a changed maxLength is in
// force on the mock's next request; five saves at once give one rebuild; and what the dev server
// wrote is what a fresh build writes.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildArtifacts, diffAgainst } from '../../scripts/build.mjs';
import { keys } from '../../mock/seed.mjs';
import { launch } from '../browser/chromium.js';
import { startDevServer, type DevServer } from './dev-server.js';

const LABELS = 'openapi/paths/labels.yaml';
const LABEL_NAME = 'openapi/components/schemas/LabelName.yaml';
const REBUILT = /^↻ /;
const FAILED = /^✗ /;

let dev: DevServer;
let browser: Browser;
let page: Page;

const createLabel = (name: string) =>
  fetch(`${dev.origin}/v1/labels`, { method: 'POST', headers: { authorization: `Bearer ${keys.singleTeam}`, 'content-type': 'application/json' }, body: JSON.stringify({ name }) });

async function labelNames(): Promise<string[]> {
  const response = await fetch(`${dev.origin}/v1/labels?limit=100`, { headers: { authorization: `Bearer ${keys.singleTeam}` } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: { name: string }[] }).data.map((l) => l.name);
}

const operationHeading = (summary: string) => page.locator('h2').filter({ hasText: new RegExp(`^\\s*${summary}\\s*$`) });

/** Saves a file and waits for the rebuild it causes; returns that rebuild's terminal line. */
async function save(edit: () => Promise<void>, outcome = REBUILT): Promise<string> {
  const from = dev.lines.length;
  await edit();
  return dev.waitForLine(outcome, from);
}

beforeAll(async () => {
  [dev, browser] = await Promise.all([startDevServer(), launch()]);
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${dev.origin}/#/labels/listlabels`);
  await operationHeading('List labels').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await dev?.stop();
});

describe('npm run dev', () => {
  it('shows a changed summary in the open page by itself, where the reader was, and keeps the mock data', async () => {
    expect((await createLabel('Kept across a summary change')).status).toBe(201);
    // Further down than the anchor puts the reader: the place is the scroll position, not only the anchor.
    await page.evaluate(() => window.scrollBy(0, 500));
    const y = await page.evaluate(() => window.scrollY);
    const anchor = await page.evaluate(() => location.hash);

    const line = await save(() => dev.edit(LABELS, 'summary: List labels', 'summary: List every label'));
    const time = '[\\d.]+ m?s';
    expect(line).toMatch(new RegExp(`^↻ paths/labels\\.yaml → lint ${time} · bundle ${time} · samples ${time} · mock ${time} · types ${time} · docs ${time} · \\d+ files written · ${time}$`));
    await operationHeading('List every label').waitFor();
    await page.waitForFunction(() => document.documentElement.dataset.devPlaceRestored === 'true');
    expect(Math.abs((await page.evaluate(() => window.scrollY)) - y)).toBeLessThanOrEqual(2);
    expect(await page.evaluate(() => location.hash)).toBe(anchor);
    // The page as served carries the live-reload script; the page in generated/ does not.
    expect(await dev.read('generated/docs/index.html')).not.toContain('data-kirim-dev');
    expect(await dev.read('generated/docs/index.html')).toContain('List every label');
    expect(await labelNames()).toContain('Kept across a summary change');
  });

  it('shows broken YAML over the page, naming the file and line, while the mock keeps answering; the fix takes it away', async () => {
    const line = await save(() => dev.edit(LABELS, 'summary: List every label', 'summary: List every label: oops'), FAILED);
    expect(line).toContain('paths/labels.yaml');
    const overlay = page.locator('#kirim-dev-overlay');
    await overlay.waitFor();
    expect(await overlay.innerText()).toMatch(/openapi\/paths\/labels\.yaml:3:\d+ +no-unresolved-refs +Failed to parse: bad indentation/);
    expect(dev.lines.slice(-6).join('\n')).toMatch(/openapi\/paths\/labels\.yaml:3:\d+ +no-unresolved-refs/);
    expect(await labelNames()).toContain('Kept across a summary change');
    expect(await dev.read('generated/openapi.yaml')).toContain('summary: List every label\n');

    const fixed = await save(() => dev.edit(LABELS, 'summary: List every label: oops', 'summary: List every label'));
    expect(fixed).toContain('fixed');
    await overlay.waitFor({ state: 'detached' });
    await operationHeading('List every label').waitFor();
  });

  it('publishes nothing from a build that bundles but fails lint: generated/, the page and the mock stay as they were', async () => {
    // Lint runs beside the page's render, after the bundle: this change bundles and renders, and only lint refuses it.
    const before = { page: await dev.read('generated/docs/index.html'), json: await dev.read('generated/openapi.json') };
    const line = await save(() => dev.edit(LABEL_NAME, /^maxLength: 50$/m, 'maxLength: 5'), FAILED);
    expect(line).toContain('components/schemas/LabelName.yaml');
    const overlay = page.locator('#kirim-dev-overlay');
    await overlay.waitFor();
    expect(await overlay.innerText()).toMatch(/no-invalid-media-type-examples +Example value must conform to the schema: `name` property must NOT have more than 5 characters/);
    // Wait for the render that lint overtook, had it been published: nothing moves.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await dev.read('generated/docs/index.html')).toBe(before.page);
    expect(await dev.read('generated/openapi.json')).toBe(before.json);
    expect((await createLabel('Longer than five')).status).toBe(201);

    const fixed = await save(() => dev.edit(LABEL_NAME, /^maxLength: 5$/m, 'maxLength: 50'));
    expect(fixed).toContain('fixed');
    await overlay.waitFor({ state: 'detached' });
  });

  it('applies a changed maxLength on the next request, and starts the data again from the seed', async () => {
    const name = 'n'.repeat(45);
    expect((await createLabel(`${name}1`.slice(0, 45))).status).toBe(201);
    const from = dev.lines.length;
    await save(() => dev.edit(LABEL_NAME, /^maxLength: 50$/m, 'maxLength: 40'));
    await dev.waitForLine(/the label schema changed: the mock's labels and contacts are back to the seed/, from);
    const refused = await createLabel(`${name}2`.slice(0, 45));
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain('at most 40 characters');
    expect(await labelNames()).not.toContain('Kept across a summary change');
  });

  it('rebuilds once for five saves within 100 ms', async () => {
    const from = dev.lines.length;
    const files = ['paths/labels.yaml', 'paths/labels_{id}.yaml', 'paths/me.yaml', 'paths/health.yaml', 'paths/contacts_bulk_label.yaml'];
    for (const file of files) {
      await dev.edit(`openapi/${file}`, /\n$/, '\n# saved\n');
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    const line = await dev.waitForLine(REBUILT, from);
    // Quiet for a while after it: no second rebuild.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(dev.lines.slice(from).filter((l) => REBUILT.test(l) || FAILED.test(l))).toEqual([line]);
    expect(line).toContain('and 3 more');
    expect(line).toContain('nothing changed in generated/');
  });

  it('has written what a fresh build of the same files writes', async () => {
    const artifacts = await buildArtifacts({ ref: path.join(dev.dir, 'openapi/openapi.yaml') });
    expect(await diffAgainst(artifacts, path.join(dev.dir, 'generated'))).toEqual([]);
  });
});
