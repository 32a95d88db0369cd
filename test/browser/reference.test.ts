// The published reference, generated/docs/index.html, opened from disk in Debian's chromium with
// every non-file request aborted and recorded: it must render fully offline (every operation,
// every code-sample language, search, the intro's error table) without one request or console
// error. One browser launch for the whole file; a screenshot goes to test/browser/artifacts/.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../scripts/samples.mjs';
import { operations, responseExamples, type Json } from '../support/description.js';
import { artifacts, launch, offlinePage, pageUrl, type Visit } from './chromium.js';

const documented = operations().map((op) => ({
  operationId: op.operationId,
  summary: op.operation.summary as string,
  tag: op.operation.tags[0] as string,
  samples: op.operation['x-codeSamples'] as Json[],
}));
const squash = (text: string) => text.replace(/\s+/g, '');

let browser: Browser;
let visit: Visit;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  // Everything that is not the file itself is recorded and refused: the page is meant to need nothing.
  visit = await offlinePage(browser);
  page = visit.page;
  await page.goto(pageUrl);
  await page.getByRole('heading', { name: 'Before your first call' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
});

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exactly = (s: string) => new RegExp(`^\\s*${escapeRegExp(s)}\\s*$`);
const operationHeading = (summary: string) => page.locator('h2').filter({ hasText: exactly(summary) });
// A sidebar entry's own link (a tag's entry also contains its operations' entries).
const menuItem = (text: string) => page.locator(`[data-component-name="Menu/MenuItem"] a:has([data-text="${text}"])`).first();
/** Opens an operation from the sidebar (expanding its tag: the sidebar keeps one tag open) and waits for its heading. */
async function openOperation(summary: string, tag: string) {
  if (!(await menuItem(summary).isVisible())) await menuItem(tag).click();
  await menuItem(summary).click();
  await operationHeading(summary).waitFor();
}

describe('the reference page, offline in chromium', () => {
  it("shows the intro's error table with every documented error code", async () => {
    const codes = new Set<string>();
    for (const op of operations()) {
      for (const status of op.statuses.filter((s) => Number(s) >= 400)) {
        for (const example of Object.values(responseExamples(op.operationId, status))) codes.add(example.error.code);
      }
    }
    const table = page.locator('table').filter({ hasText: 'invalid_request_error' }).first();
    const text = await table.innerText();
    expect(codes.size).toBeGreaterThanOrEqual(13);
    expect([...codes].filter((code) => !text.includes(code))).toEqual([]);
  });

  // About a second per operation here; the budget grows with the description.
  it('renders every operation of the description', { timeout: 10_000 * documented.length }, async () => {
    expect(documented.length).toBeGreaterThan(0);
    const rendered: string[] = [];
    for (const { summary, tag } of documented) {
      await openOperation(summary, tag);
      rendered.push(summary);
    }
    expect(rendered).toEqual(documented.map((d) => d.summary));
  });

  it('offers every code-sample language for an operation, each showing its sample', async () => {
    // The operation the previous test ended on (already rendered: each visit costs ~0.3 s).
    const { operationId, summary, tag, samples } = documented.at(-1)!;
    await openOperation(summary, tag);
    const labels = samples.map((s: Json) => s.label as string);
    expect(labels).toHaveLength(LANGUAGES.length);
    // The request-samples panel of this operation's section: the panel with a code block. Its
    // language picker is the dropdown that shows a language (others pick the server or example).
    const section = page.locator(`[id$="/${operationId.toLowerCase()}"]`);
    const panel = section.locator('[data-component-name="Panel/Panel"]').filter({ has: page.locator('[data-component-name="CodeBlock/CodeBlock"]') }).first();
    const anyLabel = new RegExp(`^\\s*(${labels.map(escapeRegExp).join('|')})\\s*$`);
    await panel.locator('[data-component-name="Dropdown/Dropdown"]').filter({ hasText: anyLabel }).locator('button').click();
    const items = page.locator('[data-component-name="Dropdown/DropdownMenuItem"]:visible');
    const offered = (await items.allInnerTexts()).map((t) => t.trim()).filter((t) => anyLabel.test(t));
    expect(offered).toEqual(labels);
    // TypeScript is the label Redoc does not know by default: picking it must show our sample.
    const typescript = samples.find((s: Json) => s.label === 'TypeScript');
    await items.filter({ hasText: exactly('TypeScript') }).click();
    await expect.poll(async () => squash(await panel.locator('[data-component-name="CodeBlock/CodeBlock"]').innerText())).toBe(squash(typescript.source));
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: `${artifacts}reference.png` });
  });

  it('finds "label" with its search', async () => {
    await page.getByText('Search', { exact: false }).first().click();
    await page.locator('[data-component-name="Search/SearchInput"] input').fill('label');
    const results = page.locator('[data-component-name="Search/SearchItem"]');
    await results.first().waitFor();
    const text = await results.allInnerTexts();
    expect(text.some((t) => t.includes('Create a label'))).toBe(true);
    await page.keyboard.press('Escape');
  });

  it('made no network request and logged no console error during the visit', () => {
    expect(visit.requests).toEqual([]);
    expect(visit.consoleErrors).toEqual([]);
  });
});
