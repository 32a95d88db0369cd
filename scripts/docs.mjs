// The docs step of scripts/build.mjs: the self-contained HTML reference (generated/docs/index.html):
// Redocly's build-docs, run in a warm worker thread (scripts/docs/redoc-worker.mjs), with the Redoc
// bundle inlined so the page needs no CDN. One thing the inlined
// bundle still fetches is the "API docs by Redocly" logo in the sidebar footer (rendered
// unconditionally, no option hides it): `offlineLogos` swaps its CDN URLs for inline images.
// `withTheme` adds our stylesheet (scripts/docs/theme.css: contrast, tables), our keyboard script
// (scripts/docs/keyboard.js: search box and menus) and the deep-link one (scripts/docs/deep-link.js:
// no intro painted before the linked operation), `accessibleNames` drops a label that
// hides what a picker shows, and `hashLinks` makes the server-rendered sidebar links work before
// the page's script has run.
import { readFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { UserError } from './lib/cli.mjs';
import { lintConfig, rel } from './lib/paths.mjs';

// The attribution stays, as a text wordmark drawn by the page itself instead of an image from
// cdn.redoc.ly. Encoded for a data: URL inside a JavaScript template literal (no ` or ${).
const wordmark = (text, width) =>
  `data:image/svg+xml,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="16" viewBox="0 0 ${width} 16">` +
      `<text x="0" y="12.5" font-family="system-ui,sans-serif" font-size="12" font-weight="600" fill="#0044D4">${text}</text></svg>`,
  )}`;

export const REMOTE_LOGOS = new Map([
  ['https://cdn.redoc.ly/redoc/logo-mini-full.svg', wordmark('Redocly', 52)],
  ['https://cdn.redoc.ly/redoc/logo-mini.svg', wordmark('R', 10)],
]);

/** Replaces the logo URLs; fails if one is missing, so a Redoc upgrade that moves them is noticed. */
export function offlineLogos(html) {
  let page = html;
  for (const [url, inline] of REMOTE_LOGOS) {
    if (!page.includes(url)) {
      throw new UserError(`docs: the Redoc bundle no longer contains ${url}; check what it requests now (test/browser) and update REMOTE_LOGOS in scripts/docs.mjs`);
    }
    page = page.replaceAll(url, inline);
  }
  return page;
}

const theme = readFile(new URL('./docs/theme.css', import.meta.url), 'utf8');
const keyboard = readFile(new URL('./docs/keyboard.js', import.meta.url), 'utf8');
const deepLink = readFile(new URL('./docs/deep-link.js', import.meta.url), 'utf8');

/**
 * Adds our stylesheet and head script last in <head> (the style wins over Redoc's own rules of
 * equal weight; the script runs before the body is painted), and our body script at its end.
 */
export function withTheme(html, { css, head: headJs, body: bodyJs }) {
  if (!html.includes('</head>') || !html.includes('</body>')) throw new UserError('docs: the page has no </head> or </body> to put the theme in');
  const head = html.indexOf('</head>');
  const body = html.lastIndexOf('</body>');
  return `${html.slice(0, head)}<style data-kirim-theme>\n${css}</style>\n<script data-kirim-deep-link>\n${headJs}</script>\n${html.slice(head, body)}<script data-kirim-keyboard>\n${bodyJs}</script>\n${html.slice(body)}`;
}

/**
 * Redoc names every example picker "Example" (`aria-label`), which hides the example it shows
 * from screen readers (axe: label-content-name-mismatch). Without the label, the button's name is
 * its text, the example's summary. Fails if the bundle changed, so an upgrade is noticed.
 */
export function accessibleNames(html) {
  const label = '"aria-label":`Example`,options:';
  if (html.split(label).length !== 2) throw new UserError('docs: the Redoc bundle no longer names its example picker "Example" in one place; check accessibleNames in scripts/docs.mjs');
  return html.replace(label, () => 'options:');
}

/**
 * The page is rendered once at build time with path links (`href="/labels"`); the script then
 * routes by hash (`#/labels`) but keeps those links until the reader navigates, so
 * open-in-new-tab and copy-link gave `file:///labels` from disk and a 404 from a static host.
 * The server-rendered markup (before the first module script) gets the hash form the script uses.
 */
export function hashLinks(html) {
  const end = html.indexOf('<script type="module">');
  const start = html.indexOf('<div id="redoc">');
  if (start < 0 || end < start) throw new UserError('docs: the Redoc page layout changed (no <div id="redoc"> before its module script); check hashLinks in scripts/docs.mjs');
  const markup = html.slice(start, end).replace(/ href="\/(?!\/)/g, ' href="#/');
  return html.slice(0, start) + markup + html.slice(end);
}

/** The worker that renders with Redoc (scripts/docs/redoc-worker.mjs): started on first use, kept warm. */
let renderer;

function startRenderer() {
  const worker = new Worker(new URL('./docs/redoc-worker.mjs', import.meta.url), {
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  const pending = new Map();
  worker.on('message', ({ id, ok, message, log }) => {
    const { resolve, reject, bundlePath } = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) worker.unref();
    if (ok) return resolve();
    // The CLI's log, without its boxed banner about Redoc 3.
    const logged = log.split('\n').filter((line) => line.trim() && !/[║╔╚]/.test(line)).join('\n');
    reject(new UserError(`docs: redocly build-docs failed on ${rel(bundlePath)}: ${message}${logged ? `\n${logged}` : ''}`));
  });
  const fail = (error) => {
    for (const { reject } of pending.values()) reject(new UserError(`docs: the Redoc worker stopped: ${error.message ?? error}`));
    pending.clear();
    renderer = undefined;
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
  worker.unref(); // an idle worker does not keep the process alive
  let next = 0;
  return {
    stop: () => worker.terminate(),
    render: (request) =>
      new Promise((resolve, reject) => {
        const id = (next += 1);
        pending.set(id, { resolve, reject, bundlePath: request.bundlePath });
        worker.ref();
        worker.postMessage({ id, request });
      }),
  };
}

/**
 * Stops the worker; a render in progress fails (and its caller's staging folder is removed).
 * A one-shot build that has failed calls it so as not to wait for a page it will not write.
 */
export async function stopRenderer() {
  await renderer?.stop();
}

export async function buildDocs({ bundlePath, outFile }) {
  renderer ??= startRenderer();
  await renderer.render({ bundlePath, outFile, title: 'Kirim Public API reference', configPath: lintConfig });
  const page = offlineLogos(await readFile(outFile, 'utf8'));
  const html = Buffer.from(hashLinks(accessibleNames(withTheme(page, { css: await theme, head: await deepLink, body: await keyboard }))));
  return { html, summary: `${(html.length / 1024).toFixed(0)} KiB` };
}
