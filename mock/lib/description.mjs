// The description is the only source of the rules: this module loads it once at start, hands
// Prism's engine its operations, and answers the questions the mock asks of the raw document
// (base path, field schemas) and the shared operation model (lib/openapi.mjs).
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { deref, operations } from '../../lib/openapi.mjs';
import { assets } from './assets.mjs';

const require = createRequire(import.meta.url);
// Deep import: the package's index also loads the mocker and forwarder, which stateful mode does not need.
const { getHttpOperationsFromSpec } = require('@stoplight/prism-http/dist/utils/operations.js');

export const defaultDescriptionPath = assets.description;

function basePathOf(doc) {
  const url = doc.servers?.[0]?.url;
  if (!url) return '';
  const pathname = new URL(url, 'http://localhost').pathname.replace(/\/+$/, '');
  return pathname === '/' ? '' : pathname;
}

const loaded = new Map();

/**
 * Loads a description (JSON or YAML bundle) and prepares it for the mock: the raw document,
 * Prism's operations, the base path, and per-operation metadata keyed by operationId. Mocks
 * started in one process on the same unchanged file share one load (it is read-only).
 */
export async function loadDescription(file = defaultDescriptionPath) {
  const absolute = path.resolve(file);
  const { mtimeMs } = await stat(absolute).catch(() => ({ mtimeMs: -1 }));
  const cacheKey = `${absolute}\u0000${mtimeMs}`;
  if (!loaded.has(cacheKey)) {
    const loading = readDescription(absolute);
    loaded.set(cacheKey, loading);
    loading.catch(() => loaded.delete(cacheKey));
  }
  return loaded.get(cacheKey);
}

async function readDescription(absolute) {
  let text;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the description ${absolute}: ${error.code ?? error.message}`);
  }
  let doc;
  try {
    // The YAML parser is loaded only for a YAML description: the default is the JSON bundle.
    doc = /\.ya?ml$/i.test(absolute) ? (await import('yaml')).parse(text) : JSON.parse(text);
  } catch (error) {
    throw new Error(`the description ${absolute} is not valid ${/\.ya?ml$/i.test(absolute) ? 'YAML' : 'JSON'}: ${error.message}`);
  }
  return prepareDescription(doc, absolute);
}

/**
 * A parsed description made ready for the mock, as loadDescription gives it: `npm run dev` hands
 * the mock the bundle it has just built, before the slower steps have written it to `file`.
 * @param {any} doc
 * @param {string} file where it is (or will be) written, for messages
 */
export async function prepareDescription(doc, file) {
  const absolute = path.resolve(file);
  if (!doc?.paths) throw new Error(`the description ${absolute} has no paths`);
  // Prism dereferences the document it is given; it gets its own copy so `doc` keeps its $refs.
  const prismOperations = await getHttpOperationsFromSpec(structuredClone(doc));
  return {
    file: absolute,
    doc,
    basePath: basePathOf(doc),
    prismOperations,
    operations: new Map(operations(doc).map((op) => [op.operationId, op])),
    schema: (/** @type {any} */ node) => deref(doc, node),
  };
}
