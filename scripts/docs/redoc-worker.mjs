// The Redoc render of scripts/docs.mjs, in a worker thread that stays warm: Redocly CLI's
// build-docs handler, called in-process. A CLI process per page costs about 1.1 s, most of it
// loading the CLI and its copy of React; a warm worker renders the same bytes in about 0.2 s,
// which is what makes `npm run dev` and the tests that build many pages fast. The worker also
// keeps the CLI's log lines (it writes them to this thread's stderr) away from our output.
//
// build-docs has no public JavaScript API. The CLI's entry loads each command's handler from a
// content-hashed chunk, so the chunk is found by reading the entry rather than by name: an
// upgrade that renames it keeps working, one that changes the shape fails with a clear message.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort as port } from 'node:worker_threads';
import { loadConfig } from '@redocly/openapi-core';

const cliDir = path.dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json'));

async function loadHandler() {
  const entry = await readFile(path.join(cliDir, 'lib/index.js'), 'utf8');
  const chunk = entry.match(/\{handlerBuildCommand:\w+\}=await import\("\.\/(chunks\/[\w.-]+\.js)"\)/)?.[1];
  if (!chunk) throw new Error(`@redocly/cli's entry (lib/index.js) no longer loads build-docs' handlerBuildCommand from a chunk; update scripts/docs/redoc-worker.mjs`);
  const { handlerBuildCommand } = await import(pathToFileURL(path.join(cliDir, 'lib', chunk)).href);
  if (typeof handlerBuildCommand !== 'function') throw new Error(`@redocly/cli's ${chunk} no longer exports handlerBuildCommand; update scripts/docs/redoc-worker.mjs`);
  return handlerBuildCommand;
}

// The CLI logs to this thread's stdout/stderr (a banner, "bundled successfully"): kept here, and
// handed back only with a failure.
let log = '';
for (const stream of [process.stdout, process.stderr]) {
  stream.write = (chunk, ...rest) => {
    log = (log + String(chunk)).slice(-4000);
    rest.find((arg) => typeof arg === 'function')?.();
    return true;
  };
}

const handler = loadHandler();
const configs = new Map();

/** The same arguments `redocly build-docs <bundle> --output <file> --inlineBundle --title … --config … --lint-config off` passes. */
async function render({ bundlePath, outFile, title, configPath }) {
  // Keyed by contents too: `npm run dev` renders again after redocly.yaml changes.
  const key = `${configPath}\0${await readFile(configPath, 'utf8')}`;
  if (!configs.has(key)) configs.set(key, loadConfig({ configPath }));
  const argv = { api: bundlePath, o: outFile, output: outFile, inlineBundle: true, title, config: configPath, 'lint-config': 'off' };
  await (await handler)({ argv, config: await configs.get(key), collectSpecData: () => {} });
}

if (!port) throw new Error('scripts/docs/redoc-worker.mjs runs as a worker thread of scripts/docs.mjs');
const parentPort = port;

parentPort.on('message', async ({ id, request }) => {
  log = '';
  try {
    await render(request);
    parentPort.postMessage({ id, ok: true });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error), log });
  }
});
