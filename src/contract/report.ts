// Reporters: a summary table for people, JUnit XML for CI, and the coverage matrix as JSON.
import type { Group } from './case.js';
import { coverageTable } from './coverage.js';
import type { SuiteResult } from './runner.js';
import { describeTarget } from './target.js';

const GROUPS: Group[] = ['negative', 'auth', 'forced', 'scenario', 'property'];

export function summary(run: SuiteResult): string {
  const lines = [`kirim-contract: target ${describeTarget(run.target)}, seed ${run.seed}`, '', 'group      passed  failed  not run'];
  for (const g of GROUPS) {
    const of = run.results.filter((r) => r.group === g);
    const n = (o: string) => String(of.filter((r) => r.outcome === o).length);
    lines.push(`${g.padEnd(10)} ${n('passed').padStart(6)}  ${n('failed').padStart(6)}  ${n('not run').padStart(7)}`);
  }
  const total = (o: string) => run.results.filter((r) => r.outcome === o).length;
  lines.push(`${'total'.padEnd(10)} ${String(total('passed')).padStart(6)}  ${String(total('failed')).padStart(6)}  ${String(total('not run')).padStart(7)}`);
  const waited = run.waitedMs ? `; ${(run.waitedMs / 1000).toFixed(1)} s waiting for rate limits (${run.limited} answers 429)` : '';
  lines.push('', `${run.requests} requests (${run.sent.read} reads, ${run.sent.write} writes) in ${(run.ms / 1000).toFixed(1)} s${waited}`);
  for (const r of run.results.filter((x) => x.group === 'property' && x.outcome === 'passed')) lines.push(`property: ${r.name.split(' ')[0]}: ${r.detail}`);
  lines.push('', 'coverage (answers received per documented status; — planned but not received on this target):', coverageTable(run.coverage));
  const notRun = run.results.filter((r) => r.outcome === 'not run');
  if (notRun.length) {
    const reasons = new Map<string, number>();
    for (const r of notRun) reasons.set(r.detail ?? '', (reasons.get(r.detail ?? '') ?? 0) + 1);
    lines.push('', 'not run:', ...[...reasons].map(([why, n]) => `  ${n} case(s): ${why}`));
  }
  const failed = run.results.filter((r) => r.outcome === 'failed');
  for (const r of failed) lines.push('', `✗ ${r.name}`, `  ${(r.detail ?? '').replace(/\n/g, '\n  ')}`);
  for (const p of run.problems) lines.push(`✗ ${p}`);
  lines.push('', run.failed ? `FAILED: ${failed.length} case(s), ${run.problems.length} other problem(s) (seed ${run.seed})` : 'PASSED');
  return lines.join('\n');
}

const xml = (s: string) => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

export function junit(run: SuiteResult): string {
  const suites = GROUPS.map((g) => {
    const of = run.results.filter((r) => r.group === g);
    const cases = of.map((r) => {
      const inner = r.outcome === 'failed' ? `<failure message="${xml((r.detail ?? '').split('\n')[0]!)}">${xml(r.detail ?? '')}</failure>` : r.outcome === 'not run' ? `<skipped message="${xml(r.detail ?? '')}"/>` : '';
      return `    <testcase classname="kirim-contract.${g}" name="${xml(r.name)}" time="${(r.ms / 1000).toFixed(3)}">${inner}</testcase>`;
    });
    const count = (o: string) => of.filter((r) => r.outcome === o).length;
    return `  <testsuite name="${g}" tests="${of.length}" failures="${count('failed')}" skipped="${count('not run')}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const problems = run.problems.map((p) => `    <testcase classname="kirim-contract.coverage" name="${xml(p)}"><failure message="${xml(p)}"/></testcase>`);
  suites.push(`  <testsuite name="coverage" tests="${problems.length + 1}" failures="${problems.length}">\n    <testcase classname="kirim-contract.coverage" name="every documented pair has a case"/>\n${problems.join('\n')}\n  </testsuite>`);
  const failures = run.results.filter((r) => r.outcome === 'failed').length + problems.length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="kirim-contract ${xml(describeTarget(run.target))}" tests="${run.results.length + problems.length + 1}" failures="${failures}" time="${(run.ms / 1000).toFixed(3)}">\n${suites.join('\n')}\n</testsuites>\n`;
}

export function coverageJson(run: SuiteResult): string {
  return `${JSON.stringify({ target: describeTarget(run.target), seed: run.seed, ...run.coverage }, null, 2)}\n`;
}
