// Runs the suite against a target: builds the cases from the description, runs the ones the
// target can run (concurrently; properties last, so that list walks stay short), deletes what
// it created, and computes the coverage matrix.
import { authCases, forcedCases } from './auth-cases.js';
import type { Case, Group } from './case.js';
import { forEachConcurrently } from '../../scripts/lib/concurrently.mjs';
import { cleanUp, createContext } from './context.js';
import { coverage, type Coverage } from './coverage.js';
import { description as bundled } from './description.js';
import { negativeCases } from './negative-cases.js';
import type { Json } from './openapi.js';
import { metaScenarios } from './meta-scenarios.js';
import { propertyCases } from './properties.js';
import { readCases } from './read-cases.js';
import { ruleCases } from './rules.js';
import { scenarioCases } from './scenarios.js';
import { missingCapabilities, type Target } from './target.js';
import { createValidator } from './validator.js';

export interface CaseResult {
  name: string;
  group: Group;
  outcome: 'passed' | 'failed' | 'not run';
  /** Failure message, or why the case did not run, or a note. */
  detail?: string;
  ms: number;
}

export interface SuiteResult {
  target: Target;
  seed: number;
  results: CaseResult[];
  coverage: Coverage;
  requests: number;
  /** Requests per rate-limit bucket. */
  sent: { read: number; write: number };
  /** Time spent waiting for rate limits, and 429s waited out. */
  waitedMs: number;
  limited: number;
  ms: number;
  /** Whether the run failed: a failed case, an undocumented status, a documented pair without a case (or never exercised, with `requireFullCoverage`). */
  failed: boolean;
  problems: string[];
}

export interface RunOptions {
  seed?: number;
  propertyRuns?: number;
  /** Fail when a documented pair was never received (the mock target, where every case can run). */
  requireFullCoverage?: boolean;
  /** Send at most this many writes a minute (besides following the server's X-RateLimit-* headers). */
  writesPerMinute?: number;
  /** Stop starting cases after the first failure (mutation runs). */
  bail?: boolean;
  description?: Json;
  concurrency?: number;
  onResult?: (r: CaseResult) => void;
}

/** Valid and invalid bodies per write operation when not told: small enough for a free-tier organisation. */
export const DEFAULT_PROPERTY_RUNS = 10;

export function allCases(doc: Json): Case[] {
  return [...negativeCases(doc), ...authCases(doc), ...forcedCases(doc), ...readCases(doc), ...metaScenarios(doc), ...scenarioCases(doc), ...ruleCases(doc), ...propertyCases(doc)];
}

export async function runSuite(target: Target, options: RunOptions = {}): Promise<SuiteResult> {
  const started = performance.now();
  const doc = options.description ?? bundled;
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const ctx = await createContext(target, doc, createValidator(doc), seed, options.propertyRuns ?? DEFAULT_PROPERTY_RUNS);
  ctx.http.pacer.writesPerMinute = options.writesPerMinute;
  const cases = allCases(doc);
  const results: CaseResult[] = [];
  let stop = false;
  const runOne = async (c: Case) => {
    const t = performance.now();
    const missing = missingCapabilities(target, c.needs ?? []);
    let result: CaseResult;
    if (missing.length) result = { name: c.name, group: c.group, outcome: 'not run', detail: `the target gives no ${missing.join(', ')}`, ms: 0 };
    else if (stop) result = { name: c.name, group: c.group, outcome: 'not run', detail: 'stopped after the first failure', ms: 0 };
    else {
      try {
        const note = await c.run(ctx);
        result = { name: c.name, group: c.group, outcome: 'passed', detail: note || undefined, ms: performance.now() - t };
      } catch (error) {
        const e = error as Error;
        result = { name: c.name, group: c.group, outcome: 'failed', detail: e.constructor.name === 'CaseFailure' ? e.message : (e.stack ?? e.message), ms: performance.now() - t };
        if (options.bail) stop = true;
      }
    }
    results.push(result);
    options.onResult?.(result);
  };
  const width = options.concurrency ?? 16;
  await forEachConcurrently(cases.filter((c) => c.group !== 'property'), width, runOne);
  // Property checks that write names in the same team run one after another: their models of the
  // names in use would otherwise race (a rename in one colliding with a create in the other).
  await forEachConcurrently(cases.filter((c) => c.group === 'property'), target.otherTeamId ? 4 : 1, runOne);
  const left = await cleanUp(ctx);
  const cleanupProblem = left.length ? [`clean-up could not delete ${left.length} label(s) the run created: ${left.join(', ')}`] : [];
  const cov = coverage(doc, cases, ctx.http.received);
  const problems = [
    ...cleanupProblem,
    ...cov.unplanned.map((p) => `documented ${p} has no case`),
    ...cov.undocumented.map((u) => `received undocumented ${u.pair} (${u.count}×)`),
    ...(options.requireFullCoverage && !options.bail ? cov.unexercised.map((p) => `documented ${p} was never received`) : []),
  ];
  return {
    target,
    seed,
    results,
    coverage: cov,
    requests: ctx.http.requests,
    sent: { ...ctx.http.sent },
    waitedMs: ctx.http.pacer.waitedMs,
    limited: ctx.http.pacer.limited,
    ms: performance.now() - started,
    failed: problems.length > 0 || results.some((r) => r.outcome === 'failed'),
    problems,
  };
}
