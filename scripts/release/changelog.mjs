// The changelog: one entry per release, generated from the diff against the previous release,
// grouped Breaking / Changed / Added / Documentation, one line per change naming the operations
// it affects; each breaking line carries the migration sentence a person wrote in
// releases/pending.yaml. Also the docs page that shows it beside the reference.
import { marked } from 'marked';
import { changeKey } from './pending.mjs';
import { releaseFileName } from './releases.mjs';

const GROUPS = ['Breaking', 'Changed', 'Added', 'Documentation'];

function groupOf(entry) {
  if (entry.level === 'breaking') return 'Breaking';
  if (entry.level === 'annotation') return 'Documentation';
  if (entry.level === 'non-breaking' && entry.rule.endsWith('-added')) return 'Added';
  return 'Changed';
}

/** The breaking changes as keys of releases/pending.yaml, in changelog order. */
export const breakingKeys = (entries) => [...new Set(entries.filter((e) => e.level === 'breaking').map(changeKey))];

/** One release's section, Markdown, ending with a blank line. */
export function changelogEntry({ version, date, entries, migrations = {} }) {
  const out = [`## ${version} (${date})`, ''];
  for (const group of GROUPS) {
    const lines = new Map(); // change → operations, in entry order
    for (const entry of entries.filter((e) => groupOf(e) === group)) {
      const key = changeKey(entry);
      if (!lines.has(key)) lines.set(key, new Set());
      if (entry.operation) lines.get(key).add(entry.operation);
    }
    if (lines.size === 0) continue;
    out.push(`### ${group}`, '');
    for (const [change, operations] of lines) {
      const who = operations.size > 0 ? `${[...operations].sort().map((o) => `\`${o}\``).join(', ')}: ` : '';
      out.push(`- ${who}${change}.`);
      if (group === 'Breaking') out.push(`  Migration: ${migrations[change].trim()}`);
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

/** The changelog with `entry` as its newest section (after the introduction). */
export function prependEntry(changelog, entry) {
  const at = changelog.search(/^## /m);
  return at === -1 ? `${changelog.trimEnd()}\n\n${entry}` : `${changelog.slice(0, at)}${entry}${changelog.slice(at)}`;
}

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** generated/docs/changelog.html: the changelog, and each release's description to download. */
export function changelogPage(changelog, versions) {
  const downloads = [...versions]
    .reverse()
    .map((v) => `<li><a href="releases/${releaseFileName(v)}" download>${escapeHtml(v)}</a> <code>releases/${releaseFileName(v)}</code></li>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Changelog · Kirim Public API</title>
<style>
body { font: 16px/1.55 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1f2328; }
code { font-size: 0.9em; background: #f3f4f6; padding: 0.1em 0.3em; border-radius: 4px; }
h2 { border-bottom: 1px solid #d0d7de; padding-bottom: 0.3rem; margin-top: 2.5rem; }
a { color: #0044d4; }
</style>
</head>
<body>
<p><a href="index.html">← API reference</a></p>
<main>
${marked.parse(changelog, { async: false, gfm: true })}
<h2 id="downloads">Descriptions of every release</h2>
<p>The bundled description (OpenAPI 3.1, JSON) exactly as released:</p>
<ul>
${downloads}
</ul>
</main>
</body>
</html>
`;
}
