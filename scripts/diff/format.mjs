// The three renderings of a diff: text for a terminal, Markdown for a pull request, JSON for tools.
import { changeKey } from '../release/pending.mjs';
import { LEVELS } from './rules.mjs';

const count = (entries) => LEVELS.map((level) => `${entries.filter((e) => e.level === level).length} ${level}`).join(', ');
const TITLES = { breaking: 'Breaking', warning: 'Warning', 'non-breaking': 'Non-breaking', annotation: 'Annotation' };
const cell = (s) => String(s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');

function text(entries, { base, head }) {
  const lines = [`${base} → ${head}: ${entries.length === 0 ? 'no changes' : `${entries.length} change(s): ${count(entries)}`}`];
  for (const e of entries) {
    lines.push(`${e.level.padEnd(12)} ${e.rule}  ${e.message}`);
    lines.push(`${' '.repeat(13)}at ${e.pointer}${e.source ? `  (${e.source})` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

function markdown(entries, { base, head }) {
  const out = [`### API changes: ${base} → ${head}`, ''];
  if (entries.length === 0) return `${out.join('\n')}No changes to the description.\n`;
  out.push(`${entries.length} change(s): ${count(entries)}.`, '');
  for (const level of LEVELS) {
    const some = entries.filter((e) => e.level === level);
    if (some.length === 0) continue;
    out.push(`#### ${TITLES[level]} (${some.length})`, '', '| operation | change | rule | source |', '|---|---|---|---|');
    for (const e of some) {
      out.push(`| ${cell(e.operation ? `\`${e.operation}\`` : '')} | ${cell(changeKey(e))} | \`${e.rule}\` | ${e.source ? `\`${e.source}\`` : ''} |`);
    }
    out.push('');
  }
  return `${out.join('\n')}`;
}

function json(entries) {
  const plain = entries.map(({ level, rule, operation, pointer, source, message }) => ({ level, rule, operation, pointer, source, message }));
  return `${JSON.stringify(plain, null, 2)}\n`;
}

export const FORMATS = { text, markdown, json };
