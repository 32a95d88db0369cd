// The docs step of scripts/build.mjs: the self-contained HTML reference (generated/docs/index.html). Redocly's build-docs
// has no JavaScript API, so this is the one step that starts a process: node on the CLI's own
// entry (no npx), with the Redoc bundle inlined so the page needs no CDN. One thing the inlined
// bundle still fetches is the "API docs by Redocly" logo in the sidebar footer (rendered
// unconditionally, no option hides it): `offlineLogos` swaps its CDN URLs for inline images.
// `withTheme` adds our stylesheet (scripts/docs/theme.css: contrast, tables), our keyboard script
// (scripts/docs/keyboard.js: search box and menus) and the deep-link one (scripts/docs/deep-link.js:
// no intro painted before the linked operation), `accessibleNames` drops a label that
// hides what a picker shows, and `hashLinks` makes the server-rendered sidebar links work before
// the page's script has run.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { UserError } from './lib/cli.mjs';
import { lintConfig, root } from './lib/paths.mjs';

const redoclyBin = path.join(path.dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')), 'bin/cli.js');

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

export async function buildDocs({ bundlePath, outFile }) {
  const args = [redoclyBin, 'build-docs', bundlePath, '--output', outFile, '--inlineBundle',
    '--title', 'Kirim Public API reference', '--config', lintConfig, '--lint-config', 'off'];
  try {
    await promisify(execFile)(process.execPath, args, { cwd: root, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } });
  } catch (error) {
    throw new UserError(`docs: redocly build-docs failed:\n${error.stderr || error.message}`);
  }
  const page = offlineLogos(await readFile(outFile, 'utf8'));
  const html = Buffer.from(hashLinks(accessibleNames(withTheme(page, { css: await theme, head: await deepLink, body: await keyboard }))));
  return { html, summary: `${(html.length / 1024).toFixed(0)} KiB` };
}
