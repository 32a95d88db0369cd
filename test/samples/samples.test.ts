// The published code samples run. Every operation's sample in every language is rendered by the
// same generator the build uses (scripts/samples.mjs), pointed at a mock instead of production,
// written to disk and run with the language's own toolchain; a recording proxy in between checks
// that each one called its operation once, got the documented 2xx with a body and headers valid
// against the description, and printed the response. The TypeScript samples are type-checked
// against our client first, importing it by its package name as published; Go's are compiled.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { LANGUAGES, renderSamples, SAMPLE_API_KEY } from '../../scripts/samples.mjs';
import { description, operations, type Json } from '../support/description.js';
import { responseProblems } from '../support/validator.js';
import { startRecordingProxy, type RecordingProxy } from './recording-proxy.js';
import { runners, runSample, writeSamples } from './runners.js';

// The server the samples run against: stock Prism (serves without the /v1 base path), started by
// the global setup. To run them against the stateful mock, swap this one line for
//   const startTarget = () => startMock({ stateful: true, port: 0 });   // mock/index.mjs; url has /v1
const startTarget = async () => ({ url: inject('prismUrl'), stop: async () => {} });

const root = fileURLToPath(new URL('../../', import.meta.url));
// Deletes run last, so that on a stateful mock the others still find the label they use.
const executionOrder = [...operations()].sort((a, b) => Number(a.method === 'delete') - Number(b.method === 'delete'));
const pathPattern = (template: string) => new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);

let target: { url: string; stop(): Promise<void> };
let proxy: RecordingProxy;
let workDir: string;

beforeAll(async () => {
  target = await startTarget();
  proxy = await startRecordingProxy(target.url);
  // Under the repository (tmp/ is git-ignored) so that Node finds node_modules from the samples.
  await mkdir(path.join(root, 'tmp'), { recursive: true });
  workDir = await mkdtemp(path.join(root, 'tmp', 'samples-'));
});

afterAll(async () => {
  await proxy?.stop();
  await target?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** One language's samples of every operation, calling the proxy under a prefix named after the language. */
function samplesIn(label: string): Map<string, string> {
  const rendered = renderSamples(description, { serverUrl: `${proxy.url}/${encodeURIComponent(label)}` });
  return new Map([...rendered].map(([op, samples]) => [op, samples.find((s) => s.label === label)!.source]));
}

/** What is wrong with one run of one sample; empty when it did what the reference promises. */
async function problemsOf(label: string, dir: string, op: (typeof executionOrder)[number]): Promise<string[]> {
  const name = `${op.operationId} · ${label}`;
  const before = proxy.exchanges.length;
  const run = await runSample(label, dir, op.operationId);
  const calls = proxy.exchanges.slice(before).filter((e) => e.prefix === label);
  if (run.code !== 0) return [`${name}: exited with ${run.code}: ${run.stderr.trim().slice(0, 500)}`];
  if (runners[label]!.compileOnly) return [];
  const mine = calls.filter((e) => e.method === op.method.toUpperCase() && pathPattern(op.path).test(e.path));
  if (mine.length !== 1 || calls.length !== 1) {
    return [`${name}: expected one ${op.method.toUpperCase()} ${op.path}, the sample made: ${calls.map((e) => `${e.method} ${e.path}`).join(', ') || 'no request'}`];
  }
  const [exchange] = mine as [(typeof mine)[number]];
  const expected = Number(op.statuses.find((s) => s.startsWith('2')));
  if (exchange.status !== expected) return [`${name}: got ${exchange.status}, documented ${expected}: ${JSON.stringify(exchange.body).slice(0, 300)}`];
  const problems = responseProblems(op.operationId, exchange.status, exchange.headers, exchange.body).map((p) => `${name}: ${p}`);
  const requestId = (exchange.body as Json)?.request_id;
  if (typeof requestId !== 'string' || !run.stdout.includes(requestId)) problems.push(`${name}: did not print the response body (stdout: ${run.stdout.slice(0, 200)})`);
  return problems;
}

describe('code samples', () => {
  it('are published for every operation as the generator renders them, in the languages Redoc is told to show', async () => {
    const config = parseYaml(await readFile(path.join(root, 'redocly.yaml'), 'utf8'));
    const shown = config.openapi.codeSamples.languages.map(({ label, lang }: Json) => ({ label, lang }));
    expect(shown).toEqual(LANGUAGES.map(({ label, lang }) => ({ label, lang })));
    const published = Object.fromEntries(operations().map((op) => [op.operationId, op.operation['x-codeSamples']]));
    expect(published).toEqual(Object.fromEntries(renderSamples(description)));
    expect(Object.keys(published)).toHaveLength(8);
    // The intro tells readers which placeholder to replace with their key.
    expect(description.info.description).toContain(SAMPLE_API_KEY);
  });

  describe.concurrent.each(LANGUAGES.map(({ label }) => label))('%s', (label) => {
    const what = runners[label]?.compileOnly ? 'compiles for every operation' : 'runs against the mock: every operation gets its documented 2xx and a valid body';
    it(what, async () => {
      const dir = await writeSamples(workDir, label, samplesIn(label));
      const problems: string[] = [];
      for (const op of executionOrder) problems.push(...(await problemsOf(label, dir, op)));
      expect(problems).toEqual([]);
    });
  });
});
