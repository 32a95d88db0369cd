// The published code samples run. Every operation's sample in every language is rendered by the
// same generator the build uses (scripts/samples.mjs), pointed at a mock instead of production,
// written to disk and run with the language's own toolchain; a recording proxy in between checks
// that each one called its operation once, got the documented 2xx with a body and headers valid
// against the description, and printed the response. The TypeScript samples are type-checked
// against our client first, importing it by its package name as published; Go's pass gofmt and
// go vet first.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { keys, startMock } from '../../mock/index.mjs';
import { LANGUAGES, renderSamples, SAMPLE_API_KEY } from '../../scripts/samples.mjs';
import { description, operations, type Json } from '../support/description.js';
import { responseProblems } from '../support/validator.js';
import { startRecordingProxy, type RecordingProxy } from './recording-proxy.js';
import { runners, runSample, SAMPLE_ORIGIN, writeSamples } from './runners.js';

// The server each language's samples run against, with the key they send: a fresh stateful mock
// per language (each language's run creates and deletes a label, so each needs the seed as it
// is), with the Northwind key, whose teams and ids are the ones the description's examples use.
const startTarget = async (): Promise<Target> => {
  const mock = await startMock({ stateful: true, port: 0 });
  return { url: mock.url, apiKey: keys.multiTeam, stop: () => mock.stop() };
};

interface Target {
  url: string;
  apiKey: string | undefined;
  stop(): Promise<void>;
}

const root = fileURLToPath(new URL('../../', import.meta.url));
// Deleting a resource (DELETE /labels/{id}) runs last, so that on a stateful mock the other
// samples still find the label they use.
const deletesAResource = (op: { method: string; path: string }) => op.method === 'delete' && op.path.split('/').length === 3;
const executionOrder = [...operations()].sort((a, b) => Number(deletesAResource(a)) - Number(deletesAResource(b)));
const pathPattern = (template: string) => new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);

const targets = new Map<string, Target>();
let proxy: RecordingProxy;
let workDir: string;

beforeAll(async () => {
  proxy = await startRecordingProxy((language) => targets.get(language)!.url);
  // Under the repository (tmp/ is git-ignored) so that Node finds node_modules from the samples.
  await mkdir(path.join(root, 'tmp'), { recursive: true });
  workDir = await mkdtemp(path.join(root, 'tmp', 'samples-'));
});

afterAll(async () => {
  await proxy?.stop();
  await Promise.all([...targets.values()].map((t) => t.stop()));
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** One language's samples of every operation, calling the proxy under a prefix named after the language. */
function samplesIn(label: string, apiKey: string | undefined): Map<string, string> {
  const origin = runners[label]?.throughProxy ? SAMPLE_ORIGIN : proxy.url;
  const rendered = renderSamples(description, { serverUrl: `${origin}/${encodeURIComponent(label)}`, ...(apiKey ? { apiKey } : {}) });
  return new Map([...rendered].map(([op, samples]) => [op, samples.find((s) => s.label === label)!.source]));
}

const firstString = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : value && typeof value === 'object' ? Object.values(value).map(firstString).find((s) => s !== undefined) : undefined;

/** What is wrong with one run of one sample; empty when it did what the reference promises. */
async function problemsOf(label: string, dir: string, op: (typeof executionOrder)[number]): Promise<string[]> {
  const name = `${op.operationId} · ${label}`;
  const before = proxy.exchanges.length;
  const run = await runSample(label, dir, op.operationId, proxy.url);
  const calls = proxy.exchanges.slice(before).filter((e) => e.prefix === label);
  if (run.code !== 0) return [`${name}: exited with ${run.code}: ${run.stderr.trim().slice(0, 500)}`];
  const mine = calls.filter((e) => e.method === op.method.toUpperCase() && pathPattern(op.path).test(e.path));
  if (mine.length !== 1 || calls.length !== 1) {
    return [`${name}: expected one ${op.method.toUpperCase()} ${op.path}, the sample made: ${calls.map((e) => `${e.method} ${e.path}`).join(', ') || 'no request'}`];
  }
  const [exchange] = mine as [(typeof mine)[number]];
  const expected = op.successStatus;
  if (exchange.status !== expected) return [`${name}: got ${exchange.status}, documented ${expected}: ${JSON.stringify(exchange.body).slice(0, 300)}`];
  const problems = responseProblems(op.operationId, exchange.status, exchange.headers, exchange.body).map((p) => `${name}: ${p}`);
  // The request id is a mark of this very answer; a body without one (the description served at
  // /openapi.json) by its first string, which every language prints as it is.
  const requestId = (exchange.body as Json)?.request_id;
  const mark = typeof requestId === 'string' ? requestId : firstString(exchange.body);
  if (mark === undefined || !run.stdout.includes(mark)) problems.push(`${name}: did not print the response body (stdout: ${run.stdout.slice(0, 200)})`);
  return problems;
}

describe('code samples', () => {
  it('are published for every operation as the generator renders them, in the languages Redoc is told to show', async () => {
    const config = parseYaml(await readFile(path.join(root, 'redocly.yaml'), 'utf8'));
    const shown = config.openapi.codeSamples.languages.map(({ label, lang }: Json) => ({ label, lang }));
    expect(shown).toEqual(LANGUAGES.map(({ label, lang }) => ({ label, lang })));
    const published = Object.fromEntries(operations().map((op) => [op.operationId, op.operation['x-codeSamples']]));
    expect(published).toEqual(Object.fromEntries(renderSamples(description)));
    for (const [operationId, samples] of Object.entries(published)) expect(samples.map((s: Json) => s.label), operationId).toEqual(LANGUAGES.map((l) => l.label));
    // The intro tells readers which placeholder to replace with their key.
    expect(description.info.description).toContain(SAMPLE_API_KEY);
  });

  describe.concurrent.each(LANGUAGES.map(({ label }) => label))('%s', (label) => {
    // Each operation's sample is a process of its own (Go's vetted and built first): the time grows
    // with them. 10 s each: under a full npm test on a busy machine (load average 11 on 2 cores),
    // the JavaScript and TypeScript runs went past 5 s each.
    it('runs against the stateful mock: every operation gets its documented 2xx and a valid body', { timeout: 10_000 * operations().length }, async () => {
      const target = await startTarget();
      targets.set(label, target);
      const dir = await writeSamples(workDir, label, samplesIn(label, target.apiKey));
      const problems: string[] = [];
      for (const op of executionOrder) problems.push(...(await problemsOf(label, dir, op)));
      expect(problems).toEqual([]);
    });
  });
});
