// The published reference, generated/docs/index.html, as a reader uses it, at 1440×900 and
// 390×844, offline in Debian's chromium (every request that is not the page itself is refused and
// recorded): every operation opens from the sidebar, every code-sample language shows its sample,
// search finds what it should, the intro's errors table lists every documented error code, with
// no request and no console error; no accessibility violation but the accepted ones that only
// Redoc can fix (axe-core, run inside the page), identifiers in the errors table never broken,
// each operation's error examples its own, the request example the samples send shown first,
// search and menus usable from the keyboard, and sidebar links that work when opened in a new tab,
// from disk and from a static host. One browser for the file; screenshots of both sizes go to
// test/browser/artifacts/.
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deref as derefIn, documentedRequest } from '../../lib/openapi.mjs';
import { LANGUAGES } from '../../scripts/samples.mjs';
import { description, operations, response, responseExamples, type Json } from '../support/description.js';
import { artifacts, DESKTOP, launch, MOBILE, offlinePage, pagePath, pageUrl, type Visit } from './chromium.js';

const deref = (node: Json): Json => derefIn(description, node);
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Violations that Redoc's own markup causes and no setting, content or post-processing of ours
 * removes, by view and rule, with their count today (README: "Accessibility"). Any other rule, or
 * more of these, fails. All are "moderate"; none is serious or critical.
 * - region: each top-level sidebar entry (the title, the intro's sections, the tags) sits outside
 *   any landmark, and so do the search box and, on an operation's page, one more block: counted
 *   from the description, so a new tag or section is not a new violation.
 * - heading-order: an operation's "Request body" and "Headers" headings are h4 right under its h2.
 * - page-has-heading-one: an operation's page (`#/labels/createlabel`) has no h1; the intro has one.
 */
const sidebarEntries = 1 + (String(description.info.description).match(/^## /gm) ?? []).length + new Set(operations().map((op) => op.operation.tags[0])).size;
const ACCEPTED: Record<string, Record<string, number>> = {
  'desktop, intro': { region: sidebarEntries + 1 },
  'desktop, createLabel': { region: sidebarEntries + 2, 'heading-order': 2, 'page-has-heading-one': 1 },
  'mobile, intro': {},
  'mobile, createLabel': { 'heading-order': 2, 'page-has-heading-one': 1 },
};

const hashOf = (op: { operationId: string; operation: Json }) => `#/${String(op.operation.tags[0]).toLowerCase()}/${op.operationId.toLowerCase()}`;
/** An operation's section: a tag's page renders all of its operations, one after the other. */
const section = (page: Page, op: { operationId: string }) => page.locator(`[id$="/${op.operationId.toLowerCase()}"]`).first();
/** An operation's request panel: its example payloads and its code samples, with their pickers. */
const requestPanel = (page: Page, op: { operationId: string }) => section(page, op).locator('.panel-request-samples').first();
/** The intro's errors table. */
const errorsTable = (page: Page) => page.locator('table').filter({ hasText: 'invalid_request_error' }).first();
/** Opens the search, types `term` and waits for the first result; returns the results. */
async function search(page: Page, term: string) {
  await page.locator('[data-testid="search-trigger"]').click();
  await page.locator('[data-component-name="Search/SearchInput"] input').fill(term);
  const results = page.locator('[data-component-name="Search/SearchItem"]');
  await results.first().waitFor();
  return results;
}
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exactly = (s: string) => new RegExp(`^\\s*${escapeRegExp(s)}\\s*$`);
const squash = (text: string) => text.replace(/\s+/g, '');
// A sidebar entry's own link (a tag's entry also contains its operations' entries).
const menuItem = (page: Page, text: string) => page.locator(`[data-component-name="Menu/MenuItem"] a:has([data-text="${text}"])`).first();
/** Opens an operation from the sidebar, as a reader does (expanding its tag: the sidebar keeps one tag open), and waits for its heading. */
async function openFromSidebar(page: Page, op: { operation: Json }) {
  if (!(await menuItem(page, op.operation.summary).isVisible())) await menuItem(page, op.operation.tags[0]).click();
  await menuItem(page, op.operation.summary).click();
  await shows(page, op.operation.summary);
}

let browser: Browser;
const visits: Visit[] = [];
/** The test's static host (see `serveFolder`): http://127.0.0.1:port. */
let origin: string;
let server: Server;

/** A static host: the folder a docs site publishes, served as files. */
async function serveFolder(folder: string): Promise<Server> {
  const host = createServer((request, reply) => {
    const file = path.join(folder, decodeURIComponent(new URL(request.url!, 'http://x').pathname).replace(/\/$/, '/index.html'));
    try {
      reply.writeHead(200, { 'content-type': file.endsWith('.html') ? 'text/html' : 'application/octet-stream' }).end(readFileSync(file));
    } catch {
      reply.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  return host;
}

/** A new desktop page opened from disk at `hash`, as a new tab would. */
async function open(hash: string): Promise<Page> {
  const visit = await offlinePage(browser);
  visits.push(visit);
  await visit.page.goto(pageUrl + hash);
  return visit.page;
}
// Each page load parses and runs Redoc's 2.5 MB script (two to three seconds of chromium's CPU):
// the tests share one page per view, and what a fresh load alone can show is read on these.
const shared = new Map<string, Promise<Page>>();
/**
 * The shared page of the intro or of createLabel at a size, loaded once and shown. The mobile
 * createLabel page is opened from the static host, the others from disk: both ways a reader
 * opens the page are loaded, and the sidebar-links test reads the host's without a load of its own.
 */
function view(which: 'intro' | 'createLabel', viewport = DESKTOP): Promise<Page> {
  const key = `${which} ${viewport.width}`;
  if (!shared.has(key)) {
    shared.set(key, (async () => {
      const fromHost = which === 'createLabel' && viewport === MOBILE;
      const visit = await offlinePage(browser, viewport, fromHost ? origin : undefined);
      visits.push(visit);
      // The deep-link test reads what this first load of an operation's address painted.
      if (which === 'createLabel') await visit.page.addInitScript(watchDeepLinkPaint);
      await visit.page.goto((fromHost ? `${origin}/` : pageUrl) + (which === 'intro' ? '' : hashOf(createLabel)));
      await shows(visit.page, which === 'intro' ? 'Before your first call' : 'Create a label');
      return visit.page;
    })());
  }
  return shared.get(key)!;
}

/**
 * Runs in the page before its own scripts: watches every frame until createLabel's section is
 * on screen, noting whether the intro's first section was painted before it.
 */
function watchDeepLinkPaint() {
  const w = window as unknown as { introPainted: boolean; operationShown: boolean };
  w.introPainted = false;
  w.operationShown = false;
  const painted = (element: Element | null) =>
    !!element && element.checkVisibility({ visibilityProperty: true }) && element.getBoundingClientRect().top < innerHeight && element.getBoundingClientRect().bottom > 0;
  const frame = () => {
    if (painted(document.getElementById('section/before-your-first-call'))) w.introPainted = true;
    if (painted(document.getElementById('labels/createlabel'))) w.operationShown = true;
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** Waits until the page shows `heading` (an operation's summary or an intro section). */
const shows = (page: Page, heading: string) => page.locator('h1, h2').filter({ hasText: exactly(heading) }).first().waitFor({ timeout: 10_000 });

/** axe's violations by rule: the number of elements, and which (their selectors, for the failure message). */
async function axeCounts(page: Page): Promise<Record<string, string[]>> {
  // Contrast is measured on what is painted: a transition still running (a row fading in after a
  // deep link) is text at part of its opacity. Seen once in CI on a loaded machine.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), undefined, { timeout: 10_000 });
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    type Axe = { run: (context: Document, options: object) => Promise<{ violations: { id: string; nodes: { target: unknown[]; any: { message: string }[] }[] }[] }> };
    const { violations } = await (window as unknown as { axe: Axe }).axe.run(document, { resultTypes: ['violations'] });
    return Object.fromEntries(violations.map((v) => [v.id, v.nodes.map((n) => `${n.target.join(' ')} (${n.any[0]?.message ?? 'no detail'})`)]));
  });
}

/** The rules beyond the accepted ones, or with more violations than accepted: "rule: count (accepted n): elements". */
const beyond = (counts: Record<string, string[]>, accepted: Record<string, number>) =>
  Object.entries(counts)
    .filter(([rule, nodes]) => nodes.length > (accepted[rule] ?? 0))
    .map(([rule, nodes]) => `${rule}: ${nodes.length} (accepted ${accepted[rule] ?? 0}): ${nodes.join(', ')}`);

beforeAll(async () => {
  server = await serveFolder(path.dirname(pagePath));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  browser = await launch();
  mkdirSync(artifacts, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

const createLabel = operations().find((op) => op.operationId === 'createLabel')!;

describe('accessibility (axe-core in the page)', () => {
  for (const [name, viewport] of [['desktop', DESKTOP], ['mobile', MOBILE]] as const) {
    it(`${name}: the intro and an operation have no violation but Redoc's accepted ones`, async () => {
      // Both pages load at once: chromium renders one while the other waits.
      const [intro, operation] = await Promise.all([view('intro', viewport), view('createLabel', viewport)]);
      const introCounts = await axeCounts(intro);
      await intro.screenshot({ path: `${artifacts}${name}-intro.png` });
      const operationCounts = await axeCounts(operation);
      await operation.screenshot({ path: `${artifacts}${name}-createLabel.png` });
      expect(beyond(introCounts, ACCEPTED[`${name}, intro`]!)).toEqual([]);
      expect(beyond(operationCounts, ACCEPTED[`${name}, createLabel`]!)).toEqual([]);
    }, 60_000);
  }

  it('fails on a violation that is not accepted, or on more of an accepted one', () => {
    // (Run against the page before this work, the two tests above listed 45 color-contrast nodes.)
    const accepted = ACCEPTED['desktop, createLabel']!;
    expect(beyond({ 'color-contrast': ['#a'], 'heading-order': ['h4', 'h4'] }, accepted)).toEqual(['color-contrast: 1 (accepted 0): #a']);
    expect(beyond({ 'heading-order': ['h4', 'h4', 'h5'] }, accepted)).toEqual(['heading-order: 3 (accepted 2): h4, h4, h5']);
  });
});

describe('the keyboard, first thing on the page', () => {
  it('reaches the search box with the first Tab and opens it with Enter', async () => {
    // The shared desktop intro, on which axe only read and a screenshot was taken: nothing has
    // had the focus yet, so the first Tab starts from the top as on a page just opened.
    const page = await view('intro');
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('search-trigger');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
    await page.keyboard.press('Escape');
  });
});

describe('the errors table', () => {
  it('lists every error code the operations document', async () => {
    const codes = new Set<string>();
    for (const op of operations()) {
      for (const status of op.statuses.filter((s) => Number(s) >= 400)) {
        for (const example of Object.values(responseExamples(op.operationId, status))) codes.add(example.error.code);
      }
    }
    const page = await view('intro');
    const text = await errorsTable(page).innerText();
    expect(codes.size).toBeGreaterThanOrEqual(13);
    expect([...codes].filter((code) => !text.includes(code))).toEqual([]);
  });

  for (const [name, viewport] of [['desktop', DESKTOP], ['mobile', MOBILE]] as const) {
    it(`${name}: shows every identifier on one line, inside its cell`, async () => {
      const page = await view('intro', viewport);
      const table = errorsTable(page);
      await table.waitFor();
      await table.scrollIntoViewIfNeeded();
      const broken = await table.evaluate((t) =>
        [...t.querySelectorAll('code')].flatMap((code) => {
          const cell = code.closest('td, th')!;
          const lines = code.getClientRects().length;
          const overflow = code.getBoundingClientRect().right > cell.getBoundingClientRect().right + 0.5 || t.parentElement!.scrollWidth > t.parentElement!.clientWidth;
          return lines > 1 || overflow ? [`${code.textContent} (${lines} lines${overflow ? ', wider than its cell' : ''})`] : [];
        }),
      );
      await table.screenshot({ path: `${artifacts}${name}-errors-table.png` });
      expect(broken).toEqual([]);
    });
  }
});

const summaries = (operationId: string, status: string) =>
  Object.values<Json>(response(operationId, status).content['application/json'].examples).map((example) => deref(example).summary as string);

interface Tour {
  /** The operations' summaries, in the order each was opened from the sidebar and shown. */
  opened: string[];
  /** Each operation's section as text, when it is first shown. */
  texts: Record<string, string>;
  /** The error examples' summaries each operation's 400 and 404 offer ("createLabel 400"), and the documented ones. */
  shown: Record<string, string[]>;
  documented: Record<string, string[]>;
  /** For each operation with a body, its request panel as first shown: the pickers' labels and the sample. */
  requests: Record<string, { pickers: string[]; sample: string }>;
}
let touring: Promise<Tour> | undefined;
// The tests that wait for the tour: about a second per operation here, so the budget grows with the description.
const TOUR_TIMEOUT = 10_000 * operations().length;
/**
 * One visit of every operation on the shared desktop page, each opened from the sidebar (a visit
 * re-renders the page: a third of a second of CPU), reading what the tests of the rendering, the
 * descriptions, the error examples and the request panel check.
 */
const tour = () => (touring ??= (async () => {
  const page = await view('createLabel');
  const result: Tour = { opened: [], texts: {}, shown: {}, documented: {}, requests: {} };
  for (const op of operations()) {
    await openFromSidebar(page, op);
    result.opened.push(op.operation.summary);
    // Read before the clicks below change which response sample the section shows.
    result.texts[op.operationId] = await section(page, op).innerText();
    if (op.operation.requestBody) {
      const panel = requestPanel(page, op);
      const sample = panel.locator('pre').first();
      await sample.waitFor();
      result.requests[op.operationId] = { pickers: await panel.locator('[aria-haspopup="menu"]').allInnerTexts(), sample: await sample.innerText() };
    }
    const panel = section(page, op).locator('.panel-response-samples').first();
    for (const status of ['400', '404'].filter((s) => op.statuses.includes(s))) {
      const key = `${op.operationId} ${status}`;
      result.documented[key] = summaries(op.operationId, status);
      await panel.locator('button', { hasText: exactly(status) }).click();
      const picker = panel.locator('[aria-haspopup="menu"]');
      if ((await picker.count()) === 0) {
        // One example: Redoc shows it without a picker.
        result.shown[key] = result.documented[key]!.length === 1 ? result.documented[key]! : ['(no picker)'];
        continue;
      }
      await picker.click();
      result.shown[key] = (await page.locator('[role="menuitem"]:visible').allInnerTexts()).map((t) => t.trim());
      await page.keyboard.press('Escape');
    }
  }
  return result;
})());

describe('the operations', () => {
  it('each opens from the sidebar and shows its section', async () => {
    const { opened } = await tour();
    expect(opened.length).toBeGreaterThan(0);
    expect(opened).toEqual(operations().map((op) => op.operation.summary));
  }, TOUR_TIMEOUT);
});

describe("each operation's error examples", () => {
  it('show only that operation\'s cases under its 400 and 404', async () => {
    const { shown, documented } = await tour();
    expect(shown).toEqual(documented);
    expect(documented['createLabel 400']).not.toContain('contact_ids has over 1,000 items');
  }, TOUR_TIMEOUT);

  it('search finds "bulk" in the bulk operation only, not through other operations\' errors', async () => {
    const page = await view('intro');
    const results = await search(page, 'bulk');
    const text = (await results.allInnerTexts()).join('\n');
    expect(text).toContain('Attach or detach a label on many contacts');
    expect(text).not.toMatch(/List labels|Create a label/);
    await page.keyboard.press('Escape');
  });

  it('search finds "label" in the label operations', async () => {
    const page = await view('intro');
    const results = await search(page, 'label');
    await expect.poll(async () => (await results.allInnerTexts()).join('\n')).toContain('Create a label');
    await page.keyboard.press('Escape');
  });
});

describe('the request panel', () => {
  it('shows first the example the code samples send, for every operation with a body', async () => {
    const { requests } = await tour();
    const withBody = operations().filter((o) => o.operation.requestBody);
    expect(Object.keys(requests)).toEqual(withBody.map((op) => op.operationId));
    for (const op of withBody) {
      const body = documentedRequest(description, op).body;
      const curl = (op.operation['x-codeSamples'] as Json[]).find((s) => s.label === 'curl').source as string;
      expect(JSON.parse(curl.slice(curl.indexOf("--data '") + 8, curl.lastIndexOf("'"))), op.operationId).toEqual(body);
      const examples = Object.values<Json>(deref(op.operation.requestBody).content['application/json'].examples);
      // With one example Redoc shows no picker; with several, the picker must show the first.
      const firstSummary = deref(examples[0]).summary as string;
      const pickers = examples.length > 1 ? 1 : 0;
      expect(requests[op.operationId]!.pickers.filter((label) => exactly(firstSummary).test(label)), op.operationId).toHaveLength(pickers);
      expect(squash(requests[op.operationId]!.sample), op.operationId).toContain(squash(JSON.stringify(body, null, 2)));
    }
  }, TOUR_TIMEOUT);
});

describe('the descriptions', () => {
  it('keep the spaces of the name-collision example', async () => {
    expect((await tour()).texts.createLabel).toContain('"Bug" and " bug " collide');
  }, TOUR_TIMEOUT);

  it('give every field a type: no "any" in any operation (a const without type showed it)', async () => {
    const untyped: string[] = [];
    for (const [operationId, text] of Object.entries((await tour()).texts)) {
      const lines = text.split('\n');
      lines.forEach((line, i) => {
        if (line.trim() === 'any') untyped.push(`${operationId}: ${lines[i - 1]}`);
      });
    }
    expect(untyped).toEqual([]);
  }, TOUR_TIMEOUT);
});

describe('the keyboard', () => {
  it('opens the code-sample language menu, moves with the arrows and picks with Enter', async () => {
    const page = await view('createLabel');
    await page.goto(pageUrl + hashOf(createLabel));
    await shows(page, 'Create a label');
    const samples = createLabel.operation['x-codeSamples'] as Json[];
    const panel = requestPanel(page, createLabel);
    const button = panel.locator('[aria-haspopup="menu"]').filter({ hasText: exactly('curl') });
    await button.focus();
    const focused = () => page.evaluate(() => `${document.activeElement?.getAttribute('role') ?? document.activeElement?.tagName}: ${document.activeElement?.textContent?.trim()}`);
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('menuitem: curl');
    await page.keyboard.press('End');
    expect(await focused()).toBe('menuitem: PHP');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toBe('menuitem: Go');
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('BUTTON: Go');
    const go = samples.find((s) => s.label === 'Go').source as string;
    await expect.poll(async () => squash(await panel.locator('[data-component-name="CodeBlock/CodeBlock"]').first().innerText())).toBe(squash(go));
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('menuitem: Go');
    await page.keyboard.press('Escape');
    await expect.poll(focused).toBe('BUTTON: Go');
    expect(await page.locator('[role="menuitem"]:visible').count()).toBe(0);
  });
});

describe('the code samples', () => {
  it('offer every language for an operation, each showing its sample', async () => {
    // After the tour (which reads each request panel as first shown): picking a language changes
    // every operation's panel.
    await tour();
    const page = await view('createLabel');
    const op = operations().at(-1)!;
    await openFromSidebar(page, op);
    const samples = op.operation['x-codeSamples'] as Json[];
    const labels = samples.map((s) => s.label as string);
    expect(labels).toEqual(LANGUAGES.map((l) => l.label));
    // The language picker is the menu button that shows a language (others pick the example).
    const panel = requestPanel(page, op);
    const anyLabel = new RegExp(`^\\s*(${labels.map(escapeRegExp).join('|')})\\s*$`);
    await panel.locator('[aria-haspopup="menu"]').filter({ hasText: anyLabel }).click();
    const items = page.locator('[role="menuitem"]:visible');
    const offered = (await items.allInnerTexts()).map((t) => t.trim()).filter((t) => anyLabel.test(t));
    expect(offered).toEqual(labels);
    // TypeScript is the label Redoc does not know by default: picking it must show our sample.
    const typescript = samples.find((s) => s.label === 'TypeScript');
    // The list opened with a click; the item is picked from the keyboard, because a click needs it
    // inside the viewport, and whether the open list fits in the sticky panel depends on where the
    // page was left scrolled (once, in a full run, it did not: 30 s of "outside of the viewport").
    await items.filter({ hasText: exactly('TypeScript') }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => squash(await panel.locator('[data-component-name="CodeBlock/CodeBlock"]').first().innerText())).toBe(squash(typescript.source));
    await page.screenshot({ path: `${artifacts}desktop-code-samples.png` });
  }, TOUR_TIMEOUT);
});

describe('sidebar links', () => {
  it('point at the page itself before any navigation, so a new tab or a copied link opens the section', async () => {
    // The shared intro was searched but never navigated.
    const page = await view('intro');
    const hrefs = await page.locator('[data-component-name="Menu/MenuItem"] a').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
    expect(hrefs.length).toBeGreaterThanOrEqual(10);
    expect(hrefs.filter((href) => !href.startsWith('#/'))).toEqual([]);
    // What a new tab does with them: the same file (from disk) or folder (from a host) and the hash.
    const errors = await open(hrefs.find((h) => h === '#/section/errors')!);
    await shows(errors, 'Errors');
    // From a host: the shared mobile createLabel page was opened from the test server's folder.
    const fromHost = await view('createLabel', MOBILE);
    expect(fromHost.url()).toBe(`${origin}/${hashOf(createLabel)}`);
    await shows(fromHost, 'Create a label');
  });

  it('deep link: never paints the intro before the linked operation, and an unknown address is shown', async () => {
    // The shared createLabel page was opened at its address, watched frame by frame from before
    // its first paint (watchDeepLinkPaint): was the intro's first section painted?
    const page = await view('createLabel');
    await page.waitForFunction(() => (window as unknown as { operationShown: boolean }).operationShown, null, { timeout: 15_000 });
    expect(await page.evaluate(() => (window as unknown as { introPainted: boolean }).introPainted)).toBe(false);
    const unknown = await open('#/no/such/page');
    await unknown.getByText('No page at this address').waitFor();
    await expect.poll(() => unknown.evaluate(() => document.documentElement.hasAttribute('data-kirim-route'))).toBe(false);
  });

  it('made no request but the test server\'s and logged no console error', () => {
    expect(visits.flatMap((v) => v.requests)).toEqual([]);
    expect(visits.flatMap((v) => v.consoleErrors)).toEqual([]);
  });
});
