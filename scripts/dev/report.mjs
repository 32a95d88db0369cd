// The terminal lines of `npm run dev`: one per rebuild, saying what changed, which steps ran and
// how long each took, and what was written; the problems of a failed one below it.
import path from 'node:path';
import { rel } from '../lib/paths.mjs';
import { UNKNOWN } from './rebuilds.mjs';

export const ms = (value) => (value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(2)} s`);

/** `paths/labels.yaml, schemas/LabelName.yaml and 2 more`: openapi/ files without their folder. */
export function changedFiles(files) {
  if (files.includes(UNKNOWN)) return 'files the system did not name';
  const names = files.map((f) => rel(f).replace(/^openapi\//, '').split(path.sep).join('/'));
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
}

// The steps in the order they start (the mock, types, docs and changelog then run side by side).
const ORDER = ['lint', 'bundle', 'samples', 'mock', 'types', 'docs', 'changelog'];
const rank = (name) => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length);

/**
 * `↻ paths/labels.yaml → lint 120 ms · bundle 14 ms · … · 3 files written · 410 ms`
 * @param {{ label: string, steps: { name: string, ms: number }[], outcome: string, totalMs: number }} rebuild
 */
export function rebuildLine({ label, steps, outcome, totalMs }) {
  const ordered = [...steps].sort((a, b) => rank(a.name) - rank(b.name));
  return [`${label} →`, [...ordered.map((s) => `${s.name} ${ms(s.ms)}`), outcome, ms(totalMs)].join(' · ')].join(' ');
}

/** What a written build changed: `3 files written`, or that the bundle came out the same. */
export function writtenOutcome({ written, removed }) {
  const count = written.length + removed.length;
  return count === 0 ? 'nothing changed in generated/' : `${count} file${count === 1 ? '' : 's'} written`;
}
